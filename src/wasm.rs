//! The only file that talks to `wasm_bindgen`: JSON text in, JSON text out, one boundary
//! crossing per batch. The JavaScript wrapper (`js/`) turns figures into JSON — numbers in
//! their shortest round-trip form, NaN and ±Infinity as text — and builds the reports from
//! the compact decisions (`render.rs`) and the catalogs the build writes, so that no title,
//! citation or explanation crosses at all: the `.wasm` holds none of them.

use wasm_bindgen::prelude::*;

/// Talc instead of the default dlmalloc: smaller, and faster for the many small strings of
/// an evaluation (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Evaluates a JSON array of figures; returns a JSON array of compact evaluations, which
/// `js/render.js` expands into reports with the texts of each ruleset's catalog.
///
/// # Errors
/// A JS `Error` when the text is not a JSON array (the wrapper checks this first).
#[wasm_bindgen(js_name = evaluateManyCompact)]
pub fn evaluate_many_compact(list: &str) -> Result<String, JsError> {
    crate::evaluate_many_compact(list).map_err(|e| JsError::new(&e.message()))
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::version().to_owned()
}

/// Counts the figures of an enterprise roster (a JSON array of rows) for a ruleset; with
/// `figures` (a JSON array of figures objects, or `""` for none) merges them by cluster name.
/// Messages come in the compact form (`{"t": template, "a": [...]}`).
///
/// # Errors
/// A JS `Error` when `rows` is not a JSON array (the wrapper checks this first).
#[cfg(feature = "roster")]
#[wasm_bindgen(js_name = rosterCompact)]
pub fn roster_compact(ruleset: &str, rows: &str, figures: &str) -> Result<String, JsError> {
    let figures = (!figures.is_empty()).then_some(figures);
    crate::roster_compact_json(ruleset, rows, figures).map_err(|e| JsError::new(&e.message()))
}
