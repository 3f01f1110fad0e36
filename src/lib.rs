//! Checks a proposed SME characteristic industrial cluster against the creation conditions
//! of 豫工信企业〔2014〕196号 (Henan, 2014), exactly, and explains every verdict.
//!
//! The rules live in data files (`src/rulesets/*.toml`), validated and embedded at build
//! time. Figures arrive as JSON (numbers are read as the decimals they are written as,
//! texts as people type them); the report says which conditions are met, by how much the
//! others are missed, and which clause says so. Bad figures never fail a call: they come
//! back in the report's `errors`, and the checks that need them are `invalid`.
//!
//! # Example
//! ```
//! use cluster_check::{evaluate, Figures, Status, Value};
//!
//! // 2262.47 ÷ 226247 is exactly 1%: the R&D check is met (a float would say 0.99999…%).
//! let figures = Figures::new()
//!     .with("revenue_wan", Value::Text("226247".into()))
//!     .with("rd_expense_wan", Value::Number("2262.47".into()));
//! let report = evaluate(&figures);
//! let rd = report.check("rd_ratio").unwrap();
//! assert_eq!(rd.status, Status::Met);
//! assert_eq!(rd.value.as_deref(), Some("1"));
//! assert_eq!(report.tier, Some("over_20yi"));
//!
//! // The same from JSON text, as the WebAssembly package calls it.
//! let json = cluster_check::evaluate_json(r#"{"revenue_wan": 180000}"#).unwrap();
//! assert!(json.contains(r#""gap":"20000""#));
//! ```
//!
//! # Errors
//! Only input that is not an object at all is refused ([`InputError`]); everything else
//! becomes part of the report.

mod engine;
mod figures;
mod json;
mod messages;
mod number;
mod ratio;
mod render;
mod report;
mod ruleset;

#[cfg(test)]
mod schema;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use engine::{evaluate, evaluate_record};
pub use figures::{Figures, Record, Value};
pub use json::JsonError;
pub use report::{CheckReport, ConditionReport, Issue, Localized, Report, RulesetInfo, Status, Verdict};
pub use ruleset::Text;

/// Keys every ruleset accepts besides its figures.
pub const META_KEYS: [&str; 3] = ["ruleset", "name", "year"];

/// Why input was refused before any evaluation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// The text is not JSON at all.
    #[error("figures are not valid JSON: {0}")]
    NotJson(#[from] JsonError),
    /// `evaluate` needs one object of figures.
    #[error("figures must be an object of field names and values, not {0}")]
    NotAnObject(&'static str),
    /// `evaluate_many` needs an array.
    #[error("evaluateMany needs an array of figures objects, not {0}")]
    NotAnArray(&'static str),
}

fn json_kind(value: &json::Json) -> &'static str {
    match value {
        json::Json::Null => "null",
        json::Json::Bool(_) => "a boolean",
        json::Json::Number(_) => "a number",
        json::Json::Str(_) => "a string",
        json::Json::Array(_) => "an array",
        json::Json::Object(_) => "an object",
    }
}

/// Evaluates one cluster given as JSON text, and returns the report as JSON text.
/// Numbers are read as the decimals they are written as.
///
/// # Errors
/// [`InputError::NotJson`] for text that is not JSON, [`InputError::NotAnObject`] for
/// JSON that is not an object (arrays included).
pub fn evaluate_json(json: &str) -> Result<String, InputError> {
    let value = json::parse(json)?;
    let kind = json_kind(&value);
    match Figures::from_json(value) {
        Some(figures) => Ok(evaluate(&figures).to_json()),
        None => Err(InputError::NotAnObject(kind)),
    }
}

/// Evaluates many clusters given as a JSON array; one report per element, in order, as a
/// JSON array. An element that is not an object gets a report with a `wrong_type` error,
/// so that one bad row never spoils the batch.
///
/// # Errors
/// [`InputError::NotJson`], or [`InputError::NotAnArray`] when the JSON is not an array.
pub fn evaluate_many_json(json: &str) -> Result<String, InputError> {
    each_record(json, 7000, |record, out| evaluate_record(record).write_json(out))
}

/// Like [`evaluate_many_json`], but each report in the compact form that the JavaScript
/// wrapper expands (see `render.rs`): the crossing carries verdicts, not every text.
///
/// # Errors
/// As [`evaluate_many_json`].
pub fn evaluate_many_compact(json: &str) -> Result<String, InputError> {
    each_record(json, 600, |record, out| render::compact(&engine::evaluate_any(record), out))
}

/// Parses a JSON array and writes each element's result with `write`, as a JSON array.
fn each_record(json: &str, bytes_per_record: usize, write: impl Fn(&Record, &mut String)) -> Result<String, InputError> {
    let value = json::parse(json)?;
    let json::Json::Array(items) = value else {
        return Err(InputError::NotAnArray(json_kind(&value)));
    };
    let mut out = String::with_capacity(items.len().saturating_mul(bytes_per_record).saturating_add(2));
    out.push('[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write(&Record::from_json(item), &mut out);
    }
    out.push(']');
    Ok(out)
}

/// The texts the JavaScript wrapper needs to expand compact reports, as JSON.
pub fn catalog_json() -> String {
    render::catalog_json()
}

/// The rulesets built in.
pub fn rulesets() -> Vec<RulesetInfo> {
    ruleset::RULESETS.iter().map(|r| RulesetInfo::from(*r)).collect()
}

/// The rulesets as JSON text: `[{ id, document, issued, title }]`.
pub fn rulesets_json() -> String {
    let mut out = String::from("[");
    for (i, r) in rulesets().iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        r.write_json(&mut out);
    }
    out.push(']');
    out
}

/// The version of this crate (and of the npm package built from it).
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
