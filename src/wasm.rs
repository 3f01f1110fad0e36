//! The only file that talks to `wasm_bindgen`: JSON text in, JSON text out, one boundary
//! crossing per call (and per batch). The JavaScript wrapper (`js/`) turns figures into
//! JSON — numbers in their shortest round-trip form, NaN and ±Infinity as text — and
//! parses the reports back with `JSON.parse`, which is faster than building objects from
//! Rust one property at a time.

use wasm_bindgen::prelude::*;

/// Evaluates one figures object (JSON text); returns the report as JSON text.
///
/// # Errors
/// A JS `Error` when the text is not a JSON object (the wrapper checks this first).
#[wasm_bindgen(js_name = evaluateJson)]
pub fn evaluate_json(figures: &str) -> Result<String, JsError> {
    crate::evaluate_json(figures).map_err(|e| JsError::new(&e.to_string()))
}

/// Evaluates a JSON array of figures; returns a JSON array of reports.
///
/// # Errors
/// A JS `Error` when the text is not a JSON array.
#[wasm_bindgen(js_name = evaluateManyJson)]
pub fn evaluate_many_json(list: &str) -> Result<String, JsError> {
    crate::evaluate_many_json(list).map_err(|e| JsError::new(&e.to_string()))
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
