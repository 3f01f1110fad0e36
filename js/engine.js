// The engine alone, for the <cluster-check> element: the .wasm is found next to this module
// and instantiated, but no catalog is imported — the element loads the catalog of the
// document it shows (rulesets/index.js) and hands it over with `useCatalog`, so that a page
// downloads only that one.
import init, * as glue from "./cluster_check.js";
import { createApi } from "./api.js";

await init({ module_or_path: new URL("./cluster_check_bg.wasm", import.meta.url) });

export const engine = createApi(glue);
