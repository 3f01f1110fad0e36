// The engine for the roster worker (roster-worker.js): cluster-check/roster beside the page,
// which fetches its own .wasm (the engine with the roster's counting) next to itself and
// brings every ruleset's catalog. Imported when the worker gets its first message, so that
// the page's first visit never downloads it.
//
// The single-file build (scripts/build-single.mjs) puts another module in this one's place:
// there is no .wasm to fetch, and the page hands the worker the roster engine's bytes and the
// catalogs it holds (`setup`, the first message the worker gets).
export function loadEngine(_setup) {
  return import("./pkg/roster.js");
}
