// Bundle entry for the download-size figure: what a page importing json-rules-engine ships.
export { Engine } from "json-rules-engine";
