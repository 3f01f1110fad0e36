//! The only file that talks to `wasm_bindgen`: JSON text in, JSON text out, one boundary
//! crossing per batch. The JavaScript wrapper (`js/`) turns figures into JSON — numbers in
//! their shortest round-trip form, NaN and ±Infinity as text — and builds the reports from
//! compact verdicts (`render.rs`), so that titles, citations and notes cross once, not once
//! per record.

use wasm_bindgen::prelude::*;

/// Talc instead of the default dlmalloc: smaller, and faster for the many small strings of
/// an evaluation (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Evaluates a JSON array of figures; returns a JSON array of compact evaluations, which
/// `js/render.js` expands into reports with the texts of [`catalog_json`].
///
/// # Errors
/// A JS `Error` when the text is not a JSON array (the wrapper checks this first).
#[wasm_bindgen(js_name = evaluateManyCompact)]
pub fn evaluate_many_compact(list: &str) -> Result<String, JsError> {
    crate::evaluate_many_compact(list).map_err(|e| JsError::new(&e.message()))
}

/// The texts needed to expand compact evaluations, as JSON (read once per instance).
#[wasm_bindgen(js_name = catalogJson)]
pub fn catalog_json() -> String {
    crate::catalog_json()
}

/// The built-in rulesets as JSON text.
#[wasm_bindgen(js_name = rulesetsJson)]
pub fn rulesets_json() -> String {
    crate::rulesets_json()
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::version().to_owned()
}
