// Entry point for browsers and bundlers (Vite, webpack): the .wasm is found next to this
// module, whatever path it is served under, and instantiated before the first call.
import init, * as glue from "./cluster_check.js";
import { createApi } from "./api.js";

await init({ module_or_path: new URL("./cluster_check_bg.wasm", import.meta.url) });

export const { evaluate, evaluateMany, rulesets, version } = createApi(glue);
