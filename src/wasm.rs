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
/// `js/render.js` expands into reports with the texts of each ruleset's catalog. `form`: 0
/// the compact form, 1 each followed by its joint plan, 2 the verdicts form (each check by
/// its status alone, for `verdictsMany`).
///
/// # Errors
/// A JS `Error` when the text is not a JSON array (the wrapper checks this first).
#[cfg(not(feature = "without-json-crossing"))]
#[wasm_bindgen(js_name = evaluateManyCompact)]
pub fn evaluate_many_compact(list: &str, form: u8) -> Result<String, JsError> {
    let out = if form == 2 { crate::verdicts_many_compact(list) } else { crate::evaluate_many_compact_with(list, crate::Options { plan: form == 1 }) };
    out.map_err(|e| JsError::new(&e.message()))
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
    // The working memory in one request instead of page by page as the count goes: the
    // allocator grows the wasm memory by what each allocation lacks, and thousands of small
    // grows cost seconds on a large roster (BENCHMARKS.md). Freed at once, then reused; if
    // the memory cannot grow that much, the count asks as it goes, as before.
    let mut room = Vec::<u8>::new();
    let _ = room.try_reserve(rows.len().saturating_mul(6));
    drop(room);
    crate::roster_compact_json(ruleset, rows, figures).map_err(|e| JsError::new(&e.message()))
}

/// web-sys for what it would be used for here, at its smallest (off by default; measured in
/// BENCHMARKS.md): the element or the page building its results from Rust, one paragraph
/// of text appended to an element.
///
/// # Errors
/// What the DOM throws.
#[cfg(feature = "websys-probe")]
#[wasm_bindgen(js_name = appendParagraph)]
pub fn append_paragraph(parent: &web_sys::Element, text: &str) -> Result<(), JsValue> {
    let document = parent.owner_document().ok_or_else(|| JsValue::from_str("the element has no document"))?;
    let paragraph = document.create_element("p")?;
    paragraph.set_text_content(Some(text));
    parent.append_child(&paragraph)?;
    Ok(())
}

/// The experiment of `src/swb_experiment.rs` (off by default): the same evaluations, with
/// the records or the compact decisions crossing as JS values through serde-wasm-bindgen.
/// Measured in BENCHMARKS.md ("serde-wasm-bindgen and web-sys at the boundary").
#[cfg(any(feature = "swb-ser", feature = "swb-de"))]
mod swb_experiment {
    #[cfg(feature = "swb-ser")]
    use core::cell::RefCell;

    use wasm_bindgen::prelude::*;

    #[cfg(feature = "swb-ser")]
    use crate::engine::Evaluation;

    /// Appends one evaluation's compact decisions, as a JS array (plain objects, `null`),
    /// unless an earlier one failed.
    #[cfg(feature = "swb-ser")]
    fn push(out: &js_sys::Array, failed: &RefCell<Option<JsValue>>, e: Evaluation) {
        use serde::Serialize;
        if failed.borrow().is_none() {
            match crate::swb_experiment::Compact::of(e).serialize(&serde_wasm_bindgen::Serializer::json_compatible()) {
                Ok(value) => {
                    out.push(&value);
                }
                Err(error) => *failed.borrow_mut() = Some(error.into()),
            }
        }
    }

    /// JSON text in (as `evaluateManyCompact`), the compact decisions out as JS values.
    ///
    /// # Errors
    /// As `evaluateManyCompact`.
    #[cfg(feature = "swb-out")]
    #[wasm_bindgen(js_name = evaluateManyCompactOutValues)]
    pub fn evaluate_many_compact_out_values(list: &str) -> Result<js_sys::Array, JsValue> {
        let out = js_sys::Array::new();
        let failed = RefCell::new(None);
        // The shipped reading loop; the text it writes (commas) is dropped.
        crate::each_record(list, 0, |e, _| push(&out, &failed, e)).map_err(|e| JsError::new(&e.message()))?;
        failed.into_inner().map_or(Ok(out), Err)
    }

    /// The records in as JS values (an array of what `js/api.js` would write as JSON),
    /// the compact decisions out as JSON text (as `evaluateManyCompact`).
    ///
    /// # Errors
    /// What serde-wasm-bindgen refuses (not an array).
    #[cfg(feature = "swb-in")]
    #[wasm_bindgen(js_name = evaluateManyCompactInValues)]
    pub fn evaluate_many_compact_in_values(list: JsValue) -> Result<String, JsValue> {
        let records = list.dyn_ref::<js_sys::Array>().map_or(0, js_sys::Array::length);
        let mut out = String::with_capacity(usize::try_from(records).unwrap_or(0).saturating_mul(256).saturating_add(2));
        out.push('[');
        crate::swb_experiment::for_each_value(serde_wasm_bindgen::Deserializer::from(list), |e| {
            if out.len() > 1 {
                out.push(',');
            }
            crate::render::compact(e, &mut out, false);
        })?;
        out.push(']');
        Ok(out)
    }

    /// JS values both ways.
    ///
    /// # Errors
    /// As `evaluateManyCompactInValues`.
    #[cfg(feature = "swb-both")]
    #[wasm_bindgen(js_name = evaluateManyCompactValues)]
    pub fn evaluate_many_compact_values(list: JsValue) -> Result<js_sys::Array, JsValue> {
        let out = js_sys::Array::new();
        let failed = RefCell::new(None);
        crate::swb_experiment::for_each_value(serde_wasm_bindgen::Deserializer::from(list), |e| push(&out, &failed, e))?;
        failed.into_inner().map_or(Ok(out), Err)
    }
}
