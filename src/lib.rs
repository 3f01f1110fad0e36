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
//! use cluster_check::{evaluate_json_value, Status};
//!
//! // 2262.47 ÷ 226247 is exactly 1%: the R&D check is met (a float would say 0.99999…%).
//! let figures = serde_json::json!({ "revenue_wan": "226247", "rd_expense_wan": "2262.47" });
//! let report = evaluate_json_value(&figures).unwrap();
//! let rd = report.check("rd_ratio").unwrap();
//! assert_eq!(rd.status, Status::Met);
//! assert_eq!(rd.value.as_deref(), Some("1"));
//! assert_eq!(report.tier, Some("over_20yi"));
//! ```
//!
//! # Errors
//! Only input that is not an object at all is refused ([`InputError`]); everything else
//! becomes part of the report.

mod engine;
mod figures;
mod messages;
mod number;
mod ratio;
mod report;
mod ruleset;

#[cfg(test)]
mod schema;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use engine::{evaluate, evaluate_record};
pub use figures::{Figures, Record, Value};
pub use report::{CheckReport, ConditionReport, Issue, Localized, Report, RulesetInfo, Status, Verdict};
pub use ruleset::Text;

/// Keys every ruleset accepts besides its figures.
pub const META_KEYS: [&str; 3] = ["ruleset", "name", "year"];

/// Why input was refused before any evaluation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// The text is not JSON at all.
    #[error("figures are not valid JSON: {0}")]
    NotJson(String),
    /// `evaluate` needs one object of figures.
    #[error("figures must be an object of field names and values, not {0}")]
    NotAnObject(&'static str),
    /// `evaluate_many` needs an array.
    #[error("evaluateMany needs an array of figures objects, not {0}")]
    NotAnArray(&'static str),
}

fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

fn parse(json: &str) -> Result<serde_json::Value, InputError> {
    serde_json::from_str(json).map_err(|e| InputError::NotJson(e.to_string()))
}

/// Evaluates one cluster given as a JSON value.
///
/// # Errors
/// [`InputError::NotAnObject`] when the value is not an object (arrays included).
pub fn evaluate_json_value(figures: &serde_json::Value) -> Result<Report, InputError> {
    match Figures::from_json(figures) {
        Some(f) => Ok(evaluate(&f)),
        None => Err(InputError::NotAnObject(json_kind(figures))),
    }
}

/// Evaluates one cluster given as JSON text, and returns the report as JSON text.
///
/// # Errors
/// [`InputError::NotJson`] for text that is not JSON, [`InputError::NotAnObject`] for
/// JSON that is not an object.
pub fn evaluate_json(json: &str) -> Result<String, InputError> {
    evaluate_json_value(&parse(json)?).map(|r| r.to_json())
}

/// Evaluates many clusters given as a JSON array; one report per element, in order. An
/// element that is not an object gets a report with a `wrong_type` error.
///
/// # Errors
/// [`InputError::NotJson`], or [`InputError::NotAnArray`] when the JSON is not an array.
pub fn evaluate_many_json(json: &str) -> Result<String, InputError> {
    let value = parse(json)?;
    let items = value.as_array().ok_or(InputError::NotAnArray(json_kind(&value)))?;
    let mut out = String::with_capacity(items.len() * 6000 + 2);
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&evaluate_record(&Record::from_json(item)).to_json());
    }
    out.push(']');
    Ok(out)
}

/// The rulesets built in.
pub fn rulesets() -> Vec<RulesetInfo> {
    ruleset::RULESETS.iter().map(|r| RulesetInfo::from(*r)).collect()
}

/// The rulesets as JSON text.
pub fn rulesets_json() -> String {
    serde_json::to_string(&rulesets()).unwrap_or_default()
}

/// The version of this crate (and of the npm package built from it).
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
