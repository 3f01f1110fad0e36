// Bundle entry for the download-size figure: what a page using cluster-check imports (the
// .wasm is counted separately).
export { evaluate, evaluateMany } from "cluster-check";
