// cluster-check/roster for Node: the roster engine's .wasm is read from the package folder
// and instantiated synchronously.
import { readFileSync } from "node:fs";
import * as glue from "./cluster_check_roster.js";
import { createApi } from "./api.js";
import catalogs from "./rulesets/all.js";

glue.initSync({ module: readFileSync(new URL("./cluster_check_roster_bg.wasm", import.meta.url)) });

export const { figuresFromRoster, evaluate, evaluateMany, rulesets, version } = createApi(glue, catalogs);
