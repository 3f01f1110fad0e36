// Entry point for browsers and bundlers (Vite, webpack): the .wasm is found next to this
// module, whatever path it is served under, and instantiated before the first call; the
// catalogs of every ruleset come with it, so that reports of any ruleset can be built.
import { engine } from "./engine.js";
import catalogs from "./rulesets/all.js";

for (const catalog of catalogs) engine.useCatalog(catalog);

export const { evaluate, evaluateMany, verdictsMany, rulesets, version } = engine;
