// cluster-check/roster, for browsers and bundlers: figures counted from an enterprise
// roster. It carries its own .wasm (the engine with the roster's counting), found next to
// this module and instantiated on import, so that the single-cluster engine that every
// visitor of a page downloads stays without it; evaluate and evaluateMany are here too, so
// that a page counting rosters needs only this one.
import init, * as glue from "./cluster_check_roster.js";
import { createApi } from "./api.js";
import catalogs from "./rulesets/all.js";

await init({ module_or_path: new URL("./cluster_check_roster_bg.wasm", import.meta.url) });

export const { figuresFromRoster, evaluate, evaluateMany, rulesets, version } = createApi(glue, catalogs);
