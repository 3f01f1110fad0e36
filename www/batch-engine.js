// The engines for the batch worker (batch-worker.js): the package's browser entries beside
// the page, which fetch their .wasm next to themselves and bring every ruleset's catalog, so
// that a row naming another document is judged by it. The engine is imported when the first
// job arrives; the roster engine (cluster-check/roster, a second .wasm that counts figures
// from an enterprise roster) only when a job has a roster.
//
// The single-file build (scripts/build-single.mjs) puts another module in this one's place:
// there is no .wasm to fetch, and the page hands the worker the engines' bytes and the
// catalogs it holds (`setup`, the first message the worker gets).
export function loadEngine(_setup) {
  return import("./pkg/index.js");
}

export function loadRosterEngine(_setup) {
  return import("./pkg/roster.js");
}
