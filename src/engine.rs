//! Evaluation: reads each figure, applies each check of the ruleset, and writes the report.
//!
//! Nothing here panics and nothing uses floating point: figures are exact decimals
//! ([`Dec`]), ratios exact fractions ([`Ratio`]) compared by cross-multiplication.

use core::cmp::Ordering;

use crate::figures::{Figures, Record, Value};
use crate::messages::{self as msg, fill};
use crate::number::{self, fixed_to_plain, grouped, Dec, NumberError, MAX_UNITS, SCALE};
use crate::ratio::Ratio;
use crate::render::input_key;
use crate::report::{Issue, Localized, Report, Status, Verdict};
use crate::ruleset::{
    self, Check, Compare, Field, FieldKind, Rule, Ruleset, Text, WhenZero,
};

/// A figure once read.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Reading {
    /// Not given (absent, `null`, blank).
    Absent,
    /// Given but unusable; its error is in the report.
    Invalid,
    /// Yes or no.
    Bool(bool),
    /// A count or quantity, in the unit (index into the field's units) it was given in.
    Amount { value: Dec, unit: usize },
    /// Indexes of the set values given, each once.
    Set(Vec<usize>),
}

/// Where an error sorts in the report: meta fields, then fields in ruleset order, then
/// unknown fields.
const RANK_META: usize = 0;
const RANK_FIELDS: usize = 10;
const RANK_UNKNOWN: usize = usize::MAX;

struct Evaluation<'a> {
    ruleset: &'static Ruleset,
    /// False when the figures named a ruleset that does not exist: nothing can be judged.
    ruleset_ok: bool,
    figures: &'a Figures,
    readings: Vec<Reading>,
    errors: Vec<(usize, Issue)>,
    warnings: Vec<Issue>,
    /// Fields whose zero-denominator error is already reported.
    zero_reported: Vec<bool>,
    /// Numerator fields whose `inconsistent` error is already reported.
    inconsistent_reported: Vec<bool>,
}

/// Why a check has the status it has: what its explanation is made from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Why {
    /// Met or not met; for a set, the indexes of the values that are missing.
    Judged { missing_values: Vec<usize> },
    /// Met because its denominator is zero and that means nothing was due.
    NothingDue,
    /// These fields were not given.
    Missing(Vec<usize>),
    /// These fields are unusable (see the errors).
    Invalid(Vec<usize>),
    /// The figures named a ruleset that does not exist.
    BadRuleset,
    /// The record was not an object.
    NotAnObject,
}

/// How far an unmet check is from its threshold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Gap {
    /// Exact decimal text, rounded up.
    pub text: String,
    /// Field index and the unit it was given in.
    pub field: usize,
    pub unit: usize,
}

/// The verdict on one check, before any text is written for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub check: &'static Check,
    pub status: Status,
    pub value: Option<String>,
    pub gap: Option<Gap>,
    pub why: Why,
}

/// Everything evaluation decides about one record; [`crate::render`] turns it into a
/// report (or, across the WebAssembly boundary, into compact JSON that the JavaScript
/// wrapper turns into the same report).
#[derive(Clone, Debug)]
pub(crate) struct Evaluated {
    pub ruleset: &'static Ruleset,
    pub name: Option<String>,
    pub year: Option<u32>,
    /// Per condition, its checks' outcomes.
    pub outcomes: Vec<Vec<Outcome>>,
    pub verdict: Verdict,
    pub tier: Option<&'static str>,
    /// A note when a figure sits exactly on a tier's threshold that needs more (超).
    pub tier_note: Option<Localized>,
    pub errors: Vec<Issue>,
    pub warnings: Vec<Issue>,
}

/// Evaluates one cluster's figures. Never fails: unusable figures come back as `errors`
/// in the report, with the checks that need them `invalid`.
pub fn evaluate(figures: &Figures) -> Report {
    crate::render::report(&evaluate_figures(figures))
}

/// Evaluates one element of a batch: figures, or a `wrong_type` report for anything that
/// is not an object, so that one bad row never spoils the batch.
pub fn evaluate_record(record: &Record) -> Report {
    crate::render::report(&evaluate_any(record))
}

pub(crate) fn evaluate_any(record: &Record) -> Evaluated {
    match record {
        Record::Figures(figures) => evaluate_figures(figures),
        Record::NotAnObject(value) => not_an_object(value),
    }
}

pub(crate) fn evaluate_figures(figures: &Figures) -> Evaluated {
    let mut eval = Evaluation::new(figures);
    let name = eval.read_name();
    let year = eval.read_year();
    eval.read_fields();
    let outcomes: Vec<Vec<Outcome>> = eval
        .ruleset
        .conditions
        .iter()
        .map(|condition| condition.checks.iter().map(|c| eval.check(c)).collect())
        .collect();
    let (tier, tier_note) = eval.tier();
    Evaluated {
        ruleset: eval.ruleset,
        name,
        year,
        verdict: verdict(&outcomes),
        outcomes,
        tier,
        tier_note,
        errors: eval.errors.into_iter().map(|(_, issue)| issue).collect(),
        warnings: eval.warnings,
    }
}

fn not_an_object(value: &Value) -> Evaluated {
    let ruleset = ruleset::default_ruleset();
    let (got_zh, got_en) = value.kind_words();
    let shown = value.shown();
    let message = localized(msg::NOT_AN_OBJECT, &[("value", &shown)], &[("got", got_zh)], &[("got", got_en)]);
    let outcomes = ruleset
        .conditions
        .iter()
        .map(|condition| condition.checks.iter().map(|check| blank(check, Status::Invalid, Why::NotAnObject)).collect())
        .collect();
    Evaluated {
        ruleset,
        name: None,
        year: None,
        outcomes,
        verdict: Verdict::Incomplete,
        tier: None,
        tier_note: None,
        errors: vec![Issue {
            field: None,
            code: "wrong_type",
            message,
        }],
        warnings: Vec::new(),
    }
}

/// The status of a condition: from its checks, by the precedence of the interface.
pub(crate) fn condition_status(outcomes: &[Outcome]) -> Status {
    Status::combine(outcomes.iter().map(|o| o.status))
}

fn verdict(outcomes: &[Vec<Outcome>]) -> Verdict {
    let statuses: Vec<Status> = outcomes.iter().map(|c| condition_status(c)).collect();
    if statuses.contains(&Status::NotMet) {
        Verdict::NotMet
    } else if statuses.iter().all(|s| *s == Status::Met) {
        Verdict::Met
    } else {
        Verdict::Incomplete
    }
}

/// Fills a template pair: `shared` in both languages, then the language's own values.
pub(crate) fn localized(template: Text, shared: &[(&str, &str)], zh: &[(&str, &str)], en: &[(&str, &str)]) -> Localized {
    let mut zh_vars: Vec<(&str, &str)> = shared.to_vec();
    zh_vars.extend_from_slice(zh);
    let mut en_vars: Vec<(&str, &str)> = shared.to_vec();
    en_vars.extend_from_slice(en);
    Localized {
        zh: fill(template.zh, &zh_vars),
        en: fill(template.en, &en_vars),
    }
}

/// A check with no value or gap.
fn blank(check: &'static Check, status: Status, why: Why) -> Outcome {
    Outcome {
        check,
        status,
        value: None,
        gap: None,
        why,
    }
}

fn holds(order: Ordering, compare: Compare) -> bool {
    match compare {
        Compare::AtLeast => order != Ordering::Less,
        Compare::Over => order == Ordering::Greater,
    }
}

/// The field and unit an input key names.
fn lookup(ruleset: &Ruleset, key: &str) -> Option<(usize, usize)> {
    ruleset.fields.iter().enumerate().find_map(|(i, field)| {
        if field.units.is_empty() {
            (field.key == key).then_some((i, 0))
        } else {
            let suffix = key.strip_prefix(field.key)?.strip_prefix('_')?;
            field.units.iter().position(|u| u.suffix == suffix).map(|u| (i, u))
        }
    })
}

/// Every input key of a ruleset, for suggestions.
fn input_keys(ruleset: &Ruleset) -> Vec<String> {
    let mut keys = Vec::new();
    for field in ruleset.fields {
        if field.units.is_empty() {
            keys.push(field.key.to_owned());
        } else {
            keys.extend((0..field.units.len()).map(|u| input_key(field, u)));
        }
    }
    keys
}

fn per_base(field: &Field, unit: usize) -> i128 {
    field.units.get(unit).map_or(1, |u| u.per_base)
}

fn unit_label(field: &Field, unit: usize) -> Text {
    field.units.get(unit).map_or(Text { zh: "", en: "" }, |u| u.label)
}

/// A figure in its field's base unit.
fn base_value(field: &Field, value: Dec, unit: usize) -> Option<Ratio> {
    Ratio::dec(value).div(Ratio::int(per_base(field, unit)))
}

fn join(parts: impl Iterator<Item = &'static str>, separator: &str) -> String {
    parts.collect::<Vec<_>>().join(separator)
}

impl<'a> Evaluation<'a> {
    fn new(figures: &'a Figures) -> Evaluation<'a> {
        let default = ruleset::default_ruleset();
        let mut eval = Evaluation {
            ruleset: default,
            ruleset_ok: true,
            figures,
            readings: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            zero_reported: Vec::new(),
            inconsistent_reported: Vec::new(),
        };
        match figures.get("ruleset") {
            None => {}
            Some(value) if value.is_blank() => {}
            Some(Value::Text(id)) => match ruleset::find(id.trim()) {
                Some(found) => eval.ruleset = found,
                None => {
                    eval.ruleset_ok = false;
                    let known = join(ruleset::RULESETS.iter().map(|r| r.id), ", ");
                    let shown = Value::Text(id.clone()).shown();
                    eval.push_error(
                        RANK_META,
                        Some("ruleset"),
                        "unknown_ruleset",
                        localized(msg::UNKNOWN_RULESET, &[("value", &shown), ("known", &known)], &[], &[]),
                    );
                }
            },
            Some(other) => {
                eval.ruleset_ok = false;
                eval.wrong_type_meta("ruleset", msg::RULESET_LABEL, msg::TEXT_EXPECTED, other);
            }
        }
        let n = eval.ruleset.fields.len();
        eval.readings = vec![Reading::Absent; n];
        eval.zero_reported = vec![false; n];
        eval.inconsistent_reported = vec![false; n];
        eval
    }

    /// Adds an error, kept in report order (by rank, then as found; no sort is linked in).
    fn push_error(&mut self, rank: usize, field: Option<&str>, code: &'static str, message: Localized) {
        let at = self.errors.iter().position(|(r, _)| *r > rank).unwrap_or(self.errors.len());
        self.errors.insert(
            at,
            (
                rank,
                Issue {
                    field: field.map(str::to_owned),
                    code,
                    message,
                },
            ),
        );
    }

    fn wrong_type_meta(&mut self, key: &str, label: Text, expected: Text, value: &Value) {
        let (got_zh, got_en) = value.kind_words();
        let shown = value.shown();
        let message = localized(
            msg::WRONG_TYPE,
            &[("key", key), ("value", &shown)],
            &[("label", label.zh), ("expected", expected.zh), ("got", got_zh)],
            &[("label", label.en), ("expected", expected.en), ("got", got_en)],
        );
        self.push_error(RANK_META, Some(key), "wrong_type", message);
    }

    fn read_name(&mut self) -> Option<String> {
        match self.figures.get("name")? {
            Value::Null => None,
            Value::Text(name) => Some(name.clone()),
            other => {
                self.wrong_type_meta("name", msg::NAME_LABEL, msg::TEXT_EXPECTED, other);
                None
            }
        }
    }

    fn read_year(&mut self) -> Option<u32> {
        let value = self.figures.get("year")?;
        if value.is_blank() {
            return None;
        }
        let parsed = match value {
            Value::Number(text) => number::parse_json_number(text, true),
            Value::Text(text) => number::parse_text(text, true).map(|d| d.unwrap_or(Dec::ZERO)),
            other => {
                self.wrong_type_meta("year", msg::YEAR_LABEL, msg::expected(FieldKind::Count), other);
                return None;
            }
        };
        let year = match parsed {
            Ok(d) if d.micros() / SCALE <= i128::from(msg::MAX_YEAR) => {
                return u32::try_from(d.micros() / SCALE).ok();
            }
            Ok(_) => NumberError::TooLarge,
            Err(e) => e,
        };
        let message = self.number_message(year, "year", msg::YEAR_LABEL, value, &number::int_text(u128::from(msg::MAX_YEAR)));
        self.push_error(RANK_META, Some("year"), year.code(), message);
        None
    }

    fn number_message(&self, error: NumberError, key: &str, label: Text, value: &Value, max: &str) -> Localized {
        let template = match error {
            NumberError::NotANumber => msg::NOT_A_NUMBER,
            NumberError::Negative => msg::NEGATIVE,
            NumberError::TooLarge => msg::TOO_LARGE,
            NumberError::NotWhole => msg::NOT_WHOLE,
            NumberError::TooPrecise => msg::TOO_PRECISE,
        };
        let shown = value.shown();
        localized(
            template,
            &[("key", key), ("value", &shown), ("max", max)],
            &[("label", label.zh)],
            &[("label", label.en)],
        )
    }

    /// Reads every figure the ruleset knows, and reports unknown keys.
    fn read_fields(&mut self) {
        let ruleset = self.ruleset;
        let mut given: Vec<Vec<(usize, &Value)>> = vec![Vec::new(); ruleset.fields.len()];
        let mut unknown: Vec<(&str, &Value)> = Vec::new();
        for (key, value) in self.figures.iter() {
            if crate::META_KEYS.contains(&key) {
                continue;
            }
            match lookup(ruleset, key) {
                Some((field, unit)) => {
                    if !value.is_blank() {
                        if let Some(list) = given.get_mut(field) {
                            list.push((unit, value));
                        }
                    }
                }
                None => unknown.push((key, value)),
            }
        }
        for (index, values) in given.into_iter().enumerate() {
            // The base unit first (公顷 before 亩): it stands for itself, others are refused.
            let first = values.iter().enumerate().min_by_key(|(_, (unit, _))| *unit).map(|(i, _)| i);
            let reading = match first.and_then(|i| values.get(i)) {
                None => Reading::Absent,
                Some(&(unit, value)) if values.len() == 1 => self.read(index, unit, value),
                Some(&(unit, value)) => {
                    let _ = self.read(index, unit, value);
                    for (i, &(other_unit, other_value)) in values.iter().enumerate() {
                        if Some(i) != first {
                            self.both_units(index, unit, other_unit, other_value);
                        }
                    }
                    Reading::Invalid
                }
            };
            if let Some(slot) = self.readings.get_mut(index) {
                *slot = reading;
            }
        }
        if !unknown.is_empty() {
            // Only for suggestions: not built for the (usual) figures with no unknown key.
            let keys = input_keys(ruleset);
            for (key, value) in unknown {
                self.unknown_field(key, value, &keys);
            }
        }
    }

    fn unknown_field(&mut self, key: &str, value: &Value, keys: &[String]) {
        let mut candidates: Vec<&str> = keys.iter().map(String::as_str).collect();
        candidates.extend(crate::META_KEYS);
        let lower = key.trim().to_ascii_lowercase();
        let best = candidates
            .iter()
            .map(|k| {
                let close = if k.strip_prefix(lower.as_str()).is_some_and(|rest| rest.starts_with('_')) {
                    0
                } else {
                    msg::distance(&lower, k)
                };
                (close, *k)
            })
            .min_by_key(|(d, _)| *d)
            .filter(|(d, k)| *d <= 2.max(k.len() / 4));
        let hint = best.map(|(_, k)| localized(msg::DID_YOU_MEAN, &[("suggestion", k)], &[], &[]));
        let shown = value.shown();
        let message = localized(
            msg::UNKNOWN_FIELD,
            &[("key", key), ("value", &shown)],
            &[("hint", hint.as_ref().map_or("", |h| h.zh.as_str()))],
            &[("hint", hint.as_ref().map_or("", |h| h.en.as_str()))],
        );
        self.push_error(RANK_UNKNOWN, Some(key), "unknown_field", message);
    }

    fn both_units(&mut self, index: usize, first_unit: usize, unit: usize, value: &Value) {
        let Some(field) = self.ruleset.field(index) else { return };
        let key = input_key(field, unit);
        let first_key = input_key(field, first_unit);
        let (first, this) = (unit_label(field, first_unit), unit_label(field, unit));
        let shown = value.shown();
        let message = localized(
            msg::BOTH_UNITS,
            &[("key", &key), ("first_key", &first_key), ("value", &shown)],
            &[("label", field.label.zh), ("first_unit", first.zh), ("unit", this.zh)],
            &[("label", field.label.en), ("first_unit", first.en), ("unit", this.en)],
        );
        self.push_error(RANK_FIELDS + index, Some(&key), "both_units", message);
    }

    /// Reads one given figure; an unusable one is reported and read as `Invalid`.
    fn read(&mut self, index: usize, unit: usize, value: &Value) -> Reading {
        let Some(field) = self.ruleset.field(index) else { return Reading::Invalid };
        match (field.kind, value) {
            (FieldKind::Bool, Value::Bool(b)) => Reading::Bool(*b),
            (FieldKind::Count | FieldKind::Quantity, Value::Number(_) | Value::Text(_)) => {
                let whole = field.kind == FieldKind::Count;
                let parsed = match value {
                    Value::Number(text) => number::parse_json_number(text, whole),
                    Value::Text(text) => number::parse_text(text, whole).map(|d| d.unwrap_or(Dec::ZERO)),
                    _ => Err(NumberError::NotANumber),
                };
                match parsed {
                    Ok(value) => {
                        self.check_plausible(field, unit, value);
                        Reading::Amount { value, unit }
                    }
                    Err(error) => {
                        let key = input_key(field, unit);
                        let label = field.label;
                        let max = match field.units.get(unit) {
                            Some(u) => {
                                let mut s = grouped(&Dec::from_units(MAX_UNITS).to_plain());
                                s.push(' ');
                                s.push_str(u.label.zh);
                                s
                            }
                            None => grouped(&Dec::from_units(MAX_UNITS).to_plain()),
                        };
                        let message = self.number_message(error, &key, label, value, &max);
                        self.push_error(RANK_FIELDS + index, Some(&key), error.code(), message);
                        Reading::Invalid
                    }
                }
            }
            (FieldKind::Set, Value::List(items)) => self.read_set(index, field, items),
            _ => {
                let key = input_key(field, unit);
                let (got_zh, got_en) = value.kind_words();
                let expected = msg::expected(field.kind);
                let shown = value.shown();
                let message = localized(
                    msg::WRONG_TYPE,
                    &[("key", &key), ("value", &shown)],
                    &[("label", field.label.zh), ("expected", expected.zh), ("got", got_zh)],
                    &[("label", field.label.en), ("expected", expected.en), ("got", got_en)],
                );
                self.push_error(RANK_FIELDS + index, Some(&key), "wrong_type", message);
                Reading::Invalid
            }
        }
    }

    /// Warns when a usable figure is so large that its unit is probably wrong.
    fn check_plausible(&mut self, field: &'static Field, unit: usize, value: Dec) {
        let (Some(limit), Some(template)) = (field.implausible_above, self.ruleset.messages.implausible) else { return };
        let Some(limit_here) = Ratio::dec(limit).mul(Ratio::int(per_base(field, unit))) else { return };
        if Ratio::dec(value).compare(limit_here) != Some(Ordering::Greater) {
            return;
        }
        let key = input_key(field, unit);
        let shown_value = grouped(&value.to_plain());
        let shown_limit = limit_here.cut(number::PLACES).map(|l| grouped(&l)).unwrap_or_default();
        let label = unit_label(field, unit);
        let message = localized(
            template,
            &[("key", &key), ("value", &shown_value), ("limit", &shown_limit)],
            &[("label", field.label.zh), ("unit", label.zh)],
            &[("label", field.label.en), ("unit", label.en)],
        );
        self.warnings.push(Issue {
            field: Some(key),
            code: "implausible",
            message,
        });
    }

    fn read_set(&mut self, index: usize, field: &'static Field, items: &[Value]) -> Reading {
        let mut ids = Vec::new();
        let mut unknown = Vec::new();
        let mut wrong = false;
        for item in items {
            match item {
                Value::Text(text) => match field.values.iter().position(|v| v.id == text.trim()) {
                    Some(i) => {
                        if !ids.contains(&i) {
                            ids.push(i);
                        }
                    }
                    None => unknown.push(item.clone()),
                },
                _ => wrong = true,
            }
        }
        let key = field.key;
        if wrong {
            let expected = msg::expected(FieldKind::Set);
            let shown = Value::List(items.to_vec()).shown();
            let message = localized(
                msg::WRONG_TYPE,
                &[("key", key), ("value", &shown)],
                &[("label", field.label.zh), ("expected", expected.zh), ("got", "含非文字项目的列表")],
                &[("label", field.label.en), ("expected", expected.en), ("got", "a list with entries that are not texts")],
            );
            self.push_error(RANK_FIELDS + index, Some(key), "wrong_type", message);
            return Reading::Invalid;
        }
        if !unknown.is_empty() {
            let known = join(field.values.iter().map(|v| v.id), ", ");
            let shown = Value::List(unknown).shown();
            let message = localized(
                msg::UNKNOWN_VALUE,
                &[("key", key), ("value", &shown), ("known", &known)],
                &[("label", field.label.zh)],
                &[("label", field.label.en)],
            );
            self.push_error(RANK_FIELDS + index, Some(key), "unknown_value", message);
            return Reading::Invalid;
        }
        Reading::Set(ids)
    }

    fn reading(&self, index: usize) -> &Reading {
        self.readings.get(index).unwrap_or(&Reading::Absent)
    }

    fn missing(check: &'static Check, fields: &[usize]) -> Outcome {
        blank(check, Status::Missing, Why::Missing(fields.to_vec()))
    }

    fn invalid(check: &'static Check, fields: &[usize]) -> Outcome {
        blank(check, Status::Invalid, Why::Invalid(fields.to_vec()))
    }

    fn judged(check: &'static Check, met: bool, value: Option<String>, gap: Option<Gap>, missing_values: Vec<usize>) -> Outcome {
        Outcome {
            check,
            status: if met { Status::Met } else { Status::NotMet },
            value,
            gap: if met { None } else { gap },
            why: Why::Judged { missing_values },
        }
    }

    /// Applies one check.
    fn check(&mut self, check: &'static Check) -> Outcome {
        if !self.ruleset_ok {
            return blank(check, Status::Invalid, Why::BadRuleset);
        }
        let outcome = match check.rule {
            Rule::IsTrue { field } => Some(self.is_true(check, field)),
            Rule::AnyTrue { fields } => Some(self.any_true(check, fields)),
            Rule::Threshold { field, compare, threshold } => self.threshold(check, field, compare, threshold),
            Rule::Ratio { .. } => self.ratio(check),
            Rule::AllOf { field } => Some(self.all_of(check, field)),
        };
        // Only reachable past the accepted range of figures; judged unusable, not guessed.
        outcome.unwrap_or_else(|| Self::invalid(check, &[]))
    }

    fn is_true(&self, check: &'static Check, field: usize) -> Outcome {
        match self.reading(field) {
            Reading::Bool(b) => Self::judged(check, *b, None, None, Vec::new()),
            Reading::Invalid => Self::invalid(check, &[field]),
            _ => Self::missing(check, &[field]),
        }
    }

    fn any_true(&self, check: &'static Check, fields: &[usize]) -> Outcome {
        if fields.iter().any(|&f| *self.reading(f) == Reading::Bool(true)) {
            return Self::judged(check, true, None, None, Vec::new());
        }
        let pick = |wanted: fn(&Reading) -> bool| -> Vec<usize> {
            fields.iter().copied().filter(|&f| wanted(self.reading(f))).collect()
        };
        let invalid = pick(|r| *r == Reading::Invalid);
        if !invalid.is_empty() {
            return Self::invalid(check, &invalid);
        }
        let missing = pick(|r| !matches!(r, Reading::Bool(_)));
        if !missing.is_empty() {
            return Self::missing(check, &missing);
        }
        Self::judged(check, false, None, None, Vec::new())
    }

    fn all_of(&self, check: &'static Check, index: usize) -> Outcome {
        let Some(field) = self.ruleset.field(index) else { return Self::invalid(check, &[]) };
        match self.reading(index) {
            Reading::Set(ids) => {
                let absent: Vec<usize> = (0..field.values.len()).filter(|i| !ids.contains(i)).collect();
                let gap = (!absent.is_empty()).then(|| Gap {
                    text: number::int_text(absent.len() as u128),
                    field: index,
                    unit: 0,
                });
                Self::judged(check, absent.is_empty(), Some(number::int_text(ids.len() as u128)), gap, absent)
            }
            Reading::Invalid => Self::invalid(check, &[index]),
            _ => Self::missing(check, &[index]),
        }
    }

    fn threshold(&self, check: &'static Check, index: usize, compare: Compare, threshold: Dec) -> Option<Outcome> {
        let field = self.ruleset.field(index)?;
        match *self.reading(index) {
            Reading::Amount { value, unit } => {
                let base = base_value(field, value, unit)?;
                let target = Ratio::dec(threshold);
                let met = holds(base.compare(target)?, compare);
                let shown = if per_base(field, unit) == 1 { value.to_plain() } else { base.cut(number::PLACES)? };
                let gap = if met { None } else { Some(self.gap(index, unit, target.sub(base)?, compare)?) };
                Some(Self::judged(check, met, Some(shown), gap, Vec::new()))
            }
            Reading::Invalid => Some(Self::invalid(check, &[index])),
            _ => Some(Self::missing(check, &[index])),
        }
    }

    /// How much of a field (in the unit it was given in) closes `short` (in base units),
    /// rounded up to what can be typed: whole for counts, millionths for quantities.
    fn gap(&self, index: usize, unit: usize, short: Ratio, compare: Compare) -> Option<Gap> {
        let field = self.ruleset.field(index)?;
        let in_unit = short.mul(Ratio::int(per_base(field, unit)))?;
        let step = if field.kind == FieldKind::Count { SCALE } else { 1 };
        let mut micros = in_unit.ceil_micros()?;
        micros = micros.checked_add(step - 1)? / step * step;
        let exact = Ratio::new(micros, SCALE)?.compare(in_unit)? == Ordering::Equal;
        if compare == Compare::Over && exact {
            micros = micros.checked_add(step)?;
        }
        Some(Gap {
            text: fixed_to_plain(micros, number::PLACES),
            field: index,
            unit,
        })
    }

    fn ratio(&mut self, check: &'static Check) -> Option<Outcome> {
        let Rule::Ratio {
            numerator,
            denominator,
            compare,
            threshold,
            percent,
            part_of_whole,
            when_zero,
            gap_grows_denominator,
        } = check.rule
        else {
            return None;
        };
        let num_field = self.ruleset.field(numerator)?;
        let den_field = self.ruleset.field(denominator)?;
        let num = self.reading(numerator).clone();
        let den = self.reading(denominator).clone();
        let invalid: Vec<usize> = [(numerator, &num), (denominator, &den)]
            .iter()
            .filter(|(_, r)| **r == Reading::Invalid)
            .map(|(f, _)| *f)
            .collect();
        if !invalid.is_empty() {
            return Some(Self::invalid(check, &invalid));
        }
        if let Reading::Amount { value: d_value, unit: d_unit } = den {
            if d_value.is_zero() {
                return Some(match (when_zero, &num) {
                    (WhenZero::Error, _) => {
                        self.zero_error(denominator);
                        Self::invalid(check, &[denominator])
                    }
                    (WhenZero::Met, Reading::Amount { value: n, unit }) if part_of_whole && !n.is_zero() => {
                        self.inconsistent(numerator, *unit, *n, denominator, d_unit, d_value);
                        Self::invalid(check, &[numerator])
                    }
                    (WhenZero::Met, _) => blank(check, Status::Met, Why::NothingDue),
                });
            }
        }
        let (Reading::Amount { value: n_value, unit: n_unit }, Reading::Amount { value: d_value, unit: d_unit }) = (&num, &den) else {
            let absent: Vec<usize> = [(numerator, &num), (denominator, &den)]
                .iter()
                .filter(|(_, r)| !matches!(r, Reading::Amount { .. }))
                .map(|(f, _)| *f)
                .collect();
            return Some(Self::missing(check, &absent));
        };
        let n = base_value(num_field, *n_value, *n_unit)?;
        let d = base_value(den_field, *d_value, *d_unit)?;
        if part_of_whole && n.compare(d)? == Ordering::Greater {
            self.inconsistent(numerator, *n_unit, *n_value, denominator, *d_unit, *d_value);
            return Some(Self::invalid(check, &[numerator]));
        }
        let scale = Ratio::int(if percent { 100 } else { 1 });
        let shown = n.div(d)?.mul(scale)?;
        let target = Ratio::dec(threshold);
        let met = holds(shown.compare(target)?, compare);
        let value = shown.cut(4)?;
        let gap = if met {
            None
        } else {
            let share = target.div(scale)?;
            let mut short = share.mul(d)?.sub(n)?;
            if gap_grows_denominator {
                short = short.div(Ratio::int(1).sub(share)?)?;
            }
            Some(self.gap(numerator, *n_unit, short, compare)?)
        };
        Some(Self::judged(check, met, Some(value), gap, Vec::new()))
    }

    fn zero_error(&mut self, index: usize) {
        if self.zero_reported.get(index).copied().unwrap_or(true) {
            return;
        }
        if let Some(flag) = self.zero_reported.get_mut(index) {
            *flag = true;
        }
        let Some(field) = self.ruleset.field(index) else { return };
        let Reading::Amount { unit, .. } = *self.reading(index) else { return };
        let key = input_key(field, unit);
        let code = field.zero_error.unwrap_or("zero_denominator");
        let blocked: Vec<&Check> = self
            .ruleset
            .checks()
            .filter(|c| matches!(c.rule, Rule::Ratio { denominator, when_zero: WhenZero::Error, .. } if denominator == index))
            .collect();
        let checks_zh = blocked.iter().map(|c| c.title.zh).collect::<Vec<_>>().join("、");
        let checks_en = blocked.iter().map(|c| c.title.en.to_ascii_lowercase()).collect::<Vec<_>>().join(", ");
        let message = localized(
            msg::ZERO,
            &[("key", &key)],
            &[("label", field.label.zh), ("checks", &checks_zh)],
            &[("label", field.label.en), ("checks", &checks_en)],
        );
        self.push_error(RANK_FIELDS + index, Some(&key), code, message);
    }

    fn inconsistent(&mut self, index: usize, unit: usize, value: Dec, other: usize, other_unit: usize, other_value: Dec) {
        if self.inconsistent_reported.get(index).copied().unwrap_or(true) {
            return;
        }
        if let Some(flag) = self.inconsistent_reported.get_mut(index) {
            *flag = true;
        }
        let (Some(field), Some(other_field)) = (self.ruleset.field(index), self.ruleset.field(other)) else { return };
        let key = input_key(field, unit);
        let other_key = input_key(other_field, other_unit);
        let with_unit = |v: Dec, f: &Field, u: usize, lang: fn(&Text) -> &'static str| {
            let mut s = grouped(&v.to_plain());
            let label = lang(&unit_label(f, u));
            if !label.is_empty() {
                s.push(' ');
                s.push_str(label);
            }
            s
        };
        let (v_zh, v_en) = (with_unit(value, field, unit, |t| t.zh), with_unit(value, field, unit, |t| t.en));
        let (o_zh, o_en) = (
            with_unit(other_value, other_field, other_unit, |t| t.zh),
            with_unit(other_value, other_field, other_unit, |t| t.en),
        );
        let message = localized(
            msg::INCONSISTENT,
            &[("key", &key), ("other_key", &other_key)],
            &[("label", field.label.zh), ("value", &v_zh), ("other_label", other_field.label.zh), ("other_value", &o_zh)],
            &[("label", field.label.en), ("value", &v_en), ("other_label", other_field.label.en), ("other_value", &o_en)],
        );
        self.push_error(RANK_FIELDS + index, Some(&key), "inconsistent", message);
    }

    /// The highest tier the figures are in, and a note when a figure sits exactly on a
    /// tier's threshold that needs more (超).
    fn tier(&self) -> (Option<&'static str>, Option<Localized>) {
        if !self.ruleset_ok {
            return (None, None);
        }
        let mut found = None;
        let mut note = None;
        for tier in self.ruleset.tiers {
            let (Some(field), Reading::Amount { value, unit }) = (self.ruleset.field(tier.field), self.reading(tier.field)) else {
                continue;
            };
            let Some(order) = base_value(field, *value, *unit).and_then(|b| b.compare(Ratio::dec(tier.threshold))) else {
                continue;
            };
            if found.is_none() && holds(order, tier.compare) {
                found = Some(tier.id);
            }
            if order == Ordering::Equal && tier.compare == Compare::Over {
                if let Some(template) = self.ruleset.messages.tier_boundary {
                    let threshold = grouped(&tier.threshold.to_plain());
                    note = Some(localized(template, &[("threshold", &threshold)], &[], &[]));
                }
            }
        }
        (found, note)
    }
}
