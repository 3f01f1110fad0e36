// The engine for the batch worker (batch-worker.js): the package's browser entry beside the
// page, which fetches its .wasm next to itself and brings every ruleset's catalog, so that a
// row naming another document is judged by it. Imported when the first job arrives.
//
// The single-file build (scripts/build-single.mjs) puts another module in this one's place:
// there is no .wasm to fetch, and the page hands the worker the engine's bytes and the
// catalogs it holds (`setup`, the first message the worker gets).
export function loadEngine(_setup) {
  return import("./pkg/index.js");
}
