// Entry point for Node: the .wasm is read from the package folder and instantiated
// synchronously, so `import { evaluate } from "cluster-check"` needs no init call.
import { readFileSync } from "node:fs";
import * as glue from "./cluster_check.js";
import { createApi } from "./api.js";
import catalogs from "./rulesets/all.js";

glue.initSync({ module: readFileSync(new URL("./cluster_check_bg.wasm", import.meta.url)) });

export const { evaluate, evaluateMany, verdictsMany, rulesets, version } = createApi(glue, catalogs);
