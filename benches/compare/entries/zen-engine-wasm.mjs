// Bundle entry for the download-size figure: what a page using zen-engine-wasm imports (the
// .wasm is counted separately).
export { default as init, Variable } from "@gorules/zen-engine-wasm";
