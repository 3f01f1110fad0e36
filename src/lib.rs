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
mod message;
mod ratio;
mod render;
mod report;
#[cfg(feature = "roster")]
mod roster;
mod ruleset;

pub(crate) use cluster_check_model::number;

#[cfg(target_arch = "wasm32")]
mod wasm;

/// An experiment, off by default: serde-wasm-bindgen at the boundary (BENCHMARKS.md).
#[cfg(any(feature = "swb-ser", feature = "swb-de"))]
mod swb_experiment;

use engine::Evaluation;
use json::Start;

pub use figures::{Figures, Record, Value};
pub use json::JsonError;
pub use report::{CheckReport, ConditionReport, Issue, Localized, Plan, PlanAddition, Report, RulesetInfo, Status, Text, Verdict};

/// Keys every ruleset accepts besides its figures.
pub const META_KEYS: [&str; 3] = cluster_check_model::messages::META_KEYS;

/// Evaluates one cluster's figures. Never fails: unusable figures come back as `errors`
/// in the report, with the checks that need them `invalid`.
pub fn evaluate(figures: &Figures) -> Report {
    render::report(Evaluation::of(figures), false)
}

/// What [`evaluate_with`] adds to a report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The joint plan (`Report::plan`): one set of additions that meets every numeric check.
    pub plan: bool,
}

/// Evaluates one cluster's figures as [`evaluate`] does, with what `options` ask for.
pub fn evaluate_with(figures: &Figures, options: Options) -> Report {
    render::report(Evaluation::of(figures), options.plan)
}

/// Evaluates one element of a batch: figures, or a `wrong_type` report for anything that
/// is not an object, so that one bad row never spoils the batch.
pub fn evaluate_record(record: &Record) -> Report {
    render::report(
        match record {
            Record::Figures(figures) => Evaluation::of(figures),
            Record::NotAnObject(value) => Evaluation::not_an_object(value),
        },
        false,
    )
}

/// Why input was refused before any evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// The text is not JSON at all.
    NotJson(JsonError),
    /// `evaluate` needs one object of figures.
    NotAnObject(&'static str),
    /// `evaluate_many` needs an array.
    NotAnArray(&'static str),
}

impl InputError {
    /// What is wrong, in words (the `Display` text). Written without `core::fmt`, which
    /// would make the `.wasm` larger by the formatting machinery it needs.
    pub fn message(&self) -> String {
        match self {
            InputError::NotJson(e) => "figures are not valid JSON: ".to_owned() + &e.message(),
            InputError::NotAnObject(kind) => "figures must be an object of field names and values, not ".to_owned() + kind,
            InputError::NotAnArray(kind) => "evaluateMany needs an array of figures objects, not ".to_owned() + kind,
        }
    }
}

impl core::fmt::Display for InputError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for InputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            InputError::NotJson(e) => Some(e),
            InputError::NotAnObject(_) | InputError::NotAnArray(_) => None,
        }
    }
}

impl From<JsonError> for InputError {
    fn from(e: JsonError) -> InputError {
        InputError::NotJson(e)
    }
}

/// Evaluates one cluster given as JSON text, and returns the report as JSON text.
/// Numbers are read as the decimals they are written as.
///
/// # Errors
/// [`InputError::NotJson`] for text that is not JSON, [`InputError::NotAnObject`] for
/// JSON that is not an object (arrays included).
pub fn evaluate_json(json: &str) -> Result<String, InputError> {
    let mut reader = json::Reader::new(json);
    let start = reader.begin(0)?;
    if start != Start::Object {
        return Err(refuse(reader, start, InputError::NotAnObject));
    }
    let mut figures = Figures::new();
    figures.read(&mut reader, 0)?;
    reader.end()?;
    Ok(evaluate(&figures).to_json())
}

/// Evaluates many clusters given as a JSON array; one report per element, in order, as a
/// JSON array. An element that is not an object gets a report with a `wrong_type` error,
/// so that one bad row never spoils the batch.
///
/// # Errors
/// [`InputError::NotJson`], or [`InputError::NotAnArray`] when the JSON is not an array.
pub fn evaluate_many_json(json: &str) -> Result<String, InputError> {
    each_record(json, 18, |evaluated, out| render::report(evaluated, false).write_json(out))
}

/// Like [`evaluate_many_json`], but each report in the compact form that the JavaScript
/// wrapper expands (see `render.rs`): the crossing carries verdicts, not every text.
///
/// # Errors
/// As [`evaluate_many_json`].
pub fn evaluate_many_compact(json: &str) -> Result<String, InputError> {
    each_record(json, 1, |e, out| render::compact(e, out, false))
}

/// Like [`evaluate_many_compact`], each record followed by its joint plan when `plan`.
///
/// # Errors
/// As [`evaluate_many_json`].
pub fn evaluate_many_compact_with(json: &str, options: Options) -> Result<String, InputError> {
    each_record(json, 1, |e, out| render::compact(e, out, options.plan))
}

/// As [`evaluate_many_compact`], with each check by its status alone: the verdicts of many
/// clusters for a table (`verdictsMany` in the package).
///
/// # Errors
/// As [`evaluate_many_compact`].
pub fn verdicts_many_compact(json: &str) -> Result<String, InputError> {
    each_record(json, 1, render::verdicts)
}

/// Reads a JSON array and writes each element's evaluation with `write`, as a JSON array.
/// Each element is evaluated as soon as it is read, straight from the text: no tree of the
/// whole batch is built, and one set of figures is refilled for every record. The output
/// starts with room for `out_per_in` bytes per byte of input (about what realistic figures
/// need) and grows if more is needed.
fn each_record(json: &str, out_per_in: usize, write: impl Fn(Evaluation, &mut String)) -> Result<String, InputError> {
    let mut reader = json::Reader::new(json);
    let start = reader.begin(0)?;
    if start != Start::Array {
        return Err(refuse(reader, start, InputError::NotAnArray));
    }
    let mut out = String::with_capacity(json.len().saturating_mul(out_per_in).saturating_add(2));
    out.push('[');
    let mut figures = Figures::new();
    let mut first = true;
    reader.items(|r| {
        if !first {
            out.push(',');
        }
        first = false;
        match r.begin(1)? {
            Start::Object => {
                figures.read(r, 1)?;
                write(Evaluation::of(&figures), &mut out);
            }
            start => write(Evaluation::not_an_object(&Value::read(r, start, 1)?), &mut out),
        }
        Ok(())
    })?;
    reader.end()?;
    out.push(']');
    Ok(out)
}

/// Why a top-level value begun with `start` is refused: `refused` with its kind, unless the
/// rest of the text turns out not to be JSON, which is said first.
pub(crate) fn refuse<'a>(mut reader: json::Reader<'a>, start: Start<'a>, refused: fn(&'static str) -> InputError) -> InputError {
    let kind = start.kind();
    let read = Value::read(&mut reader, start, 0).map(drop);
    match read.and_then(|()| reader.end()) {
        Ok(()) => refused(kind),
        Err(e) => InputError::NotJson(e),
    }
}

#[cfg(feature = "roster")]
/// Counts the figures of an enterprise roster (a JSON array of rows, one per enterprise)
/// for the ruleset `ruleset`, as its `[roster]` data says; when `figures` (a JSON array of
/// figures objects, or one) are given, each cluster of the roster is matched to the figures
/// of the same `name` and its derived figures are merged in. Messages come as sentences in
/// both languages (`{"zh": …, "en": …}`). The JSON returned is described in the README
/// ("Figures from an enterprise roster").
///
/// # Errors
/// [`InputError::NotJson`], or [`InputError::NotAnArray`] when `rows` is not an array.
pub fn roster_report_json(ruleset: &str, rows: &str, figures: Option<&str>) -> Result<String, InputError> {
    roster::roster_json(ruleset, rows, figures, Some(ruleset::texts_of))
}

#[cfg(feature = "roster")]
/// Like [`roster_report_json`], with messages in the compact form that the JavaScript
/// wrapper expands from the catalog.
///
/// # Errors
/// As [`roster_report_json`].
pub fn roster_compact_json(ruleset: &str, rows: &str, figures: Option<&str>) -> Result<String, InputError> {
    roster::roster_json(ruleset, rows, figures, None)
}

/// The rulesets built in.
pub fn rulesets() -> Vec<RulesetInfo> {
    ruleset::RULESET_TEXTS.iter().map(|r| RulesetInfo::from(*r)).collect()
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
