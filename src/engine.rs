//! Evaluation: reads each figure, applies each check of the ruleset, and writes the report.
//!
//! Nothing here panics and nothing uses floating point: figures are exact decimals
//! ([`Dec`]), ratios exact fractions ([`Ratio`]) compared by cross-multiplication.
//!
//! Nor does anything here allocate for figures that are in order: readings are kept in an
//! array, sets of fields and of values in a word ([`Bits`]), values and gaps as inline text
//! ([`Plain`]), and each check's outcome is handed on as it is judged rather than kept.
//! Texts are made for errors and warnings only (and by `render.rs` for the native report,
//! not for the compact verdicts of a batch).

use core::cmp::Ordering;

use crate::figures::{Figures, Record, Value};
use crate::messages::{self as msg, fill};
use crate::number::{self, fixed_to_plain, grouped, Dec, NumberError, Plain, MAX_UNITS, SCALE};
use crate::ratio::Ratio;
use crate::render::input_key;
use crate::report::{Issue, Localized, Report, Status, Verdict};
use crate::ruleset::{
    self, Bits, Check, Compare, Field, FieldKind, Rule, Ruleset, Text, WhenZero, MAX_FIELDS,
};

/// A figure once read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    /// Not given (absent, `null`, blank).
    Absent,
    /// Given but unusable; its error is in the report.
    Invalid,
    /// Yes or no.
    Bool(bool),
    /// A count or quantity, in the unit (index into the field's units) it was given in.
    Amount { value: Dec, unit: usize },
    /// The set values given.
    Set(Bits),
}

/// Where an error sorts in the report: meta fields, then fields in ruleset order, then
/// unknown fields.
const RANK_META: usize = 0;
const RANK_FIELDS: usize = 10;
const RANK_UNKNOWN: usize = usize::MAX;

/// How the checks of a record are judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Judging {
    /// From its figures.
    Figures,
    /// Not at all: the figures named a ruleset that does not exist.
    BadRuleset,
    /// Not at all: the record is not an object.
    NotAnObject,
}

/// One record under evaluation: its figures are read when it is made, then
/// [`Evaluation::judge`] hands over the outcome of each check in turn, for
/// [`crate::render`] to write as it comes — into a report, or into the compact JSON that
/// crosses the WebAssembly boundary — so that no list of outcomes is ever kept.
pub(crate) struct Evaluation<'f> {
    pub ruleset: &'static Ruleset,
    judging: Judging,
    readings: [Reading; MAX_FIELDS],
    pub name: Option<&'f str>,
    pub year: Option<u32>,
    /// The highest tier the figures are in.
    pub tier: Option<&'static str>,
    /// A note when a figure sits exactly on a tier's threshold that needs more (超).
    pub tier_note: Option<Localized>,
    /// Each with its rank in the report (see [`Evaluation::push_error`]).
    errors: Vec<(usize, Issue)>,
    pub warnings: Vec<Issue>,
    /// Fields whose zero-denominator error is already reported.
    zero_reported: Bits,
    /// Numerator fields whose `inconsistent` error is already reported.
    inconsistent_reported: Bits,
}

/// Why a check has the status it has: what its explanation is made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Why {
    /// Met or not met; for a set, the values that are missing.
    Judged { missing_values: Bits },
    /// Met because its denominator is zero and that means nothing was due.
    NothingDue,
    /// These fields were not given: their positions among the fields the check reads
    /// ([`Rule::fields`]).
    Missing(Bits),
    /// These fields are unusable (see the errors); positions as for `Missing`.
    Invalid(Bits),
    /// The figures named a ruleset that does not exist.
    BadRuleset,
    /// The record was not an object.
    NotAnObject,
}

impl Why {
    /// The missing values of a set (judged), or the positions of the fields named (missing,
    /// invalid).
    fn listed(self) -> Bits {
        match self {
            Why::Judged { missing_values } => missing_values,
            Why::Missing(positions) | Why::Invalid(positions) => positions,
            Why::NothingDue | Why::BadRuleset | Why::NotAnObject => Bits::default(),
        }
    }

    /// How many indexes [`Why::indexes`] gives.
    pub fn count(self) -> usize {
        self.listed().len()
    }

    /// What the explanation lists: the indexes of the missing values of a set (judged), or
    /// of the fields named (missing, invalid), in the order the check reads them.
    pub fn indexes(self, check: &Check) -> impl Iterator<Item = usize> + Clone {
        let listed = self.listed();
        let (values, positions) = match self {
            Why::Judged { .. } => (listed, Bits::default()),
            _ => (Bits::default(), listed),
        };
        let fields = check.rule.fields().enumerate().filter(move |&(at, _)| positions.contains(at));
        values.iter().chain(fields.map(|(_, field)| field))
    }
}

/// How far an unmet check is from its threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Gap {
    /// Exact decimal text, rounded up.
    pub text: Plain,
    /// Field index and the unit it was given in.
    pub field: usize,
    pub unit: usize,
}

/// The verdict on one check, before any text is written for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub check: &'static Check,
    pub status: Status,
    pub value: Option<Plain>,
    pub gap: Option<Gap>,
    pub why: Why,
}

/// Evaluates one cluster's figures. Never fails: unusable figures come back as `errors`
/// in the report, with the checks that need them `invalid`.
pub fn evaluate(figures: &Figures) -> Report {
    crate::render::report(Evaluation::of(figures))
}

/// Evaluates one element of a batch: figures, or a `wrong_type` report for anything that
/// is not an object, so that one bad row never spoils the batch.
pub fn evaluate_record(record: &Record) -> Report {
    crate::render::report(match record {
        Record::Figures(figures) => Evaluation::of(figures),
        Record::NotAnObject(value) => Evaluation::not_an_object(value),
    })
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

/// Every input key of a ruleset, for suggestions.
#[cold]
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

/// A figure in its field's base unit (given in that unit, as usual, it needs no division).
fn base_value(field: &Field, value: Dec, unit: usize) -> Option<Ratio> {
    match per_base(field, unit) {
        1 => Some(Ratio::dec(value)),
        per_base => Ratio::dec(value).div(Ratio::int(per_base)),
    }
}

/// Which value of a set field a text names.
fn set_value(field: &Field, text: &str) -> Option<usize> {
    let text = number::trim(text);
    field.values.iter().position(|v| v.id == text)
}

/// An amount in the field's base unit, in the unit `unit`.
fn to_unit(field: &Field, amount: Ratio, unit: usize) -> Option<Ratio> {
    match per_base(field, unit) {
        1 => Some(amount),
        per_base => amount.mul(Ratio::int(per_base)),
    }
}

impl<'f> Evaluation<'f> {
    /// Reads one cluster's figures: the ruleset they name, the name and year, every field;
    /// and finds the tier.
    pub fn of(figures: &'f Figures<'f>) -> Evaluation<'f> {
        let mut eval = Evaluation::start(Judging::Figures);
        eval.read_ruleset(figures);
        eval.name = eval.read_name(figures);
        eval.year = eval.read_year(figures);
        eval.read_fields(figures);
        (eval.tier, eval.tier_note) = eval.tier();
        eval
    }

    /// A record that is not an object: a `wrong_type` error, and nothing can be judged.
    pub fn not_an_object(value: &Value) -> Evaluation<'f> {
        let mut eval = Evaluation::start(Judging::NotAnObject);
        let (got_zh, got_en) = value.kind_words();
        let shown = value.shown();
        let message = localized(msg::NOT_AN_OBJECT, &[("value", &shown)], &[("got", got_zh)], &[("got", got_en)]);
        eval.push_error(RANK_META, None, "wrong_type", message);
        eval
    }

    /// Nothing read yet, under the default ruleset.
    fn start(judging: Judging) -> Evaluation<'f> {
        Evaluation {
            ruleset: ruleset::default_ruleset(),
            judging,
            readings: [Reading::Absent; MAX_FIELDS],
            name: None,
            year: None,
            tier: None,
            tier_note: None,
            errors: Vec::new(),
            warnings: Vec::new(),
            zero_reported: Bits::default(),
            inconsistent_reported: Bits::default(),
        }
    }

    /// Judges every check, in the ruleset's order, handing each outcome to `each`; returns
    /// the verdict. Judging can find errors (a zero denominator, contradicting figures):
    /// [`Evaluation::errors`] is complete only after this.
    pub fn judge(&mut self, mut each: impl FnMut(&Outcome)) -> Verdict {
        let mut verdict = Verdict::Met;
        for condition in self.ruleset.conditions {
            let mut status = Status::Met;
            for check in condition.checks {
                let outcome = self.check(check);
                status = status.worse(outcome.status);
                each(&outcome);
            }
            // Not met if any condition is not, met if all are, else incomplete.
            verdict = match (verdict, status) {
                (Verdict::NotMet, _) | (_, Status::NotMet) => Verdict::NotMet,
                (Verdict::Met, Status::Met) => Verdict::Met,
                _ => Verdict::Incomplete,
            };
        }
        verdict
    }

    /// The errors, in report order.
    pub fn errors(&self) -> impl ExactSizeIterator<Item = &Issue> {
        self.errors.iter().map(|(_, issue)| issue)
    }

    fn read_ruleset(&mut self, figures: &Figures) {
        match figures.get("ruleset") {
            None => {}
            Some(value) if value.is_blank() => {}
            Some(Value::Text(id)) => match ruleset::find(id.trim()) {
                Some(found) => self.ruleset = found,
                None => {
                    self.judging = Judging::BadRuleset;
                    let known = msg::join(ruleset::RULESETS.iter().map(|r| r.id), ", ");
                    let shown = Value::Text(id.clone()).shown();
                    self.push_error(
                        RANK_META,
                        Some("ruleset"),
                        "unknown_ruleset",
                        localized(msg::UNKNOWN_RULESET, &[("value", &shown), ("known", &known)], &[], &[]),
                    );
                }
            },
            Some(other) => {
                self.judging = Judging::BadRuleset;
                self.wrong_type_meta("ruleset", msg::RULESET_LABEL, msg::TEXT_EXPECTED, other);
            }
        }
    }

    /// Adds an error, kept in report order (by rank, then as found; no sort is linked in).
    #[cold]
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

    #[cold]
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

    fn read_name(&mut self, figures: &'f Figures<'f>) -> Option<&'f str> {
        match figures.get("name")? {
            Value::Null => None,
            Value::Text(name) => Some(name),
            other => {
                self.wrong_type_meta("name", msg::NAME_LABEL, msg::TEXT_EXPECTED, other);
                None
            }
        }
    }

    fn read_year(&mut self, figures: &Figures) -> Option<u32> {
        let value = figures.get("year")?;
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

    #[cold]
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
    fn read_fields(&mut self, figures: &Figures) {
        let ruleset = self.ruleset;
        // Per field, the value given in its lowest unit (the base unit first: it stands for
        // itself, others are refused); and the fields given in more than one unit.
        let mut given: [Option<(usize, &Value)>; MAX_FIELDS] = [None; MAX_FIELDS];
        let mut several = Bits::default();
        let mut unknown = false;
        for (key, value) in figures.iter() {
            match ruleset.lookup(key) {
                Some((field, unit)) if !value.is_blank() => match given.get_mut(field) {
                    Some(Some(first)) => {
                        several = several.with(field);
                        if unit < first.0 {
                            *first = (unit, value);
                        }
                    }
                    Some(slot) => *slot = Some((unit, value)),
                    None => {}
                },
                Some(_) => {}
                // No input key is a meta key (the schema sees to it).
                None => unknown |= !crate::META_KEYS.contains(&key),
            }
        }
        for (index, first) in given.into_iter().enumerate().take(ruleset.fields.len()) {
            let reading = match first {
                None => Reading::Absent,
                Some((unit, value)) if !several.contains(index) => self.read(index, unit, value),
                Some((unit, value)) => {
                    let _ = self.read(index, unit, value);
                    self.both_units(figures, index, unit);
                    Reading::Invalid
                }
            };
            if let Some(slot) = self.readings.get_mut(index) {
                *slot = reading;
            }
        }
        if unknown {
            self.unknown_fields(figures);
        }
    }

    /// Reports every key the ruleset does not know.
    #[cold]
    fn unknown_fields(&mut self, figures: &Figures) {
        // Only for suggestions: not built for the (usual) figures with no unknown key.
        let keys = input_keys(self.ruleset);
        for (key, value) in figures.iter() {
            if !crate::META_KEYS.contains(&key) && self.ruleset.lookup(key).is_none() {
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

    /// Refuses every value of a field given in another unit than `first_unit`, the lowest.
    #[cold]
    fn both_units(&mut self, figures: &Figures, index: usize, first_unit: usize) {
        for (key, value) in figures.iter() {
            match self.ruleset.lookup(key) {
                Some((field, unit)) if field == index && unit != first_unit && !value.is_blank() => {
                    self.both_units_error(index, first_unit, unit, value);
                }
                _ => {}
            }
        }
    }

    /// Refuses one value given in `unit` besides the one in `first_unit`.
    fn both_units_error(&mut self, index: usize, first_unit: usize, unit: usize, value: &Value) {
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
                    Err(error) => self.not_a_figure(index, field, unit, value, error),
                }
            }
            (FieldKind::Set, Value::List(items)) => self.read_set(index, field, items),
            _ => self.wrong_type(index, field, unit, value),
        }
    }

    /// Reports a value that is not a usable number.
    #[cold]
    fn not_a_figure(&mut self, index: usize, field: &'static Field, unit: usize, value: &Value, error: NumberError) -> Reading {
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

    /// Reports a value of the wrong kind for its field.
    #[cold]
    fn wrong_type(&mut self, index: usize, field: &'static Field, unit: usize, value: &Value) -> Reading {
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

    /// Warns when a usable figure is so large that its unit is probably wrong.
    fn check_plausible(&mut self, field: &'static Field, unit: usize, value: Dec) {
        let (Some(limit), Some(template)) = (field.implausible_above, self.ruleset.messages.implausible) else { return };
        let Some(limit_here) = to_unit(field, Ratio::dec(limit), unit) else { return };
        if Ratio::dec(value).compare(limit_here) == Some(Ordering::Greater) {
            self.implausible(field, unit, value, limit_here, template);
        }
    }

    /// The warning for a figure above its field's plausible limit, `limit_here` in its unit.
    #[cold]
    fn implausible(&mut self, field: &'static Field, unit: usize, value: Dec, limit_here: Ratio, template: Text) {
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
        let mut ids = Bits::default();
        for item in items {
            match item {
                Value::Text(text) => match set_value(field, text) {
                    Some(i) => ids = ids.with(i),
                    None => return self.refuse_set(index, field, items),
                },
                _ => return self.refuse_set(index, field, items),
            }
        }
        Reading::Set(ids)
    }

    /// Reports a list with entries that are not texts, or else the texts that are no value
    /// of the field.
    #[cold]
    fn refuse_set(&mut self, index: usize, field: &'static Field, items: &[Value]) -> Reading {
        let key = field.key;
        if items.iter().any(|item| !matches!(item, Value::Text(_))) {
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
        let unknown = items.iter().filter(|item| matches!(item, Value::Text(text) if set_value(field, text).is_none()));
        let known = msg::join(field.values.iter().map(|v| v.id), ", ");
        let shown = Value::List(unknown.cloned().collect()).shown();
        let message = localized(
            msg::UNKNOWN_VALUE,
            &[("key", key), ("value", &shown), ("known", &known)],
            &[("label", field.label.zh)],
            &[("label", field.label.en)],
        );
        self.push_error(RANK_FIELDS + index, Some(key), "unknown_value", message);
        Reading::Invalid
    }

    fn reading(&self, index: usize) -> &Reading {
        self.readings.get(index).unwrap_or(&Reading::Absent)
    }

    /// `positions`: of the fields not given, among those the check reads.
    fn missing(check: &'static Check, positions: Bits) -> Outcome {
        blank(check, Status::Missing, Why::Missing(positions))
    }

    /// `positions`: of the unusable fields, among those the check reads.
    fn invalid(check: &'static Check, positions: Bits) -> Outcome {
        blank(check, Status::Invalid, Why::Invalid(positions))
    }

    fn judged(check: &'static Check, met: bool, value: Option<Plain>, gap: Option<Gap>, missing_values: Bits) -> Outcome {
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
        match self.judging {
            Judging::Figures => {}
            Judging::BadRuleset => return blank(check, Status::Invalid, Why::BadRuleset),
            Judging::NotAnObject => return blank(check, Status::Invalid, Why::NotAnObject),
        }
        let outcome = match check.rule {
            Rule::IsTrue { field } => Some(self.is_true(check, field)),
            Rule::AnyTrue { fields } => Some(self.any_true(check, fields)),
            Rule::Threshold { field, compare, threshold } => self.threshold(check, field, compare, threshold),
            Rule::Ratio { .. } => self.ratio(check),
            Rule::AllOf { field } => Some(self.all_of(check, field)),
        };
        // Only reachable past the accepted range of figures; judged unusable, not guessed.
        outcome.unwrap_or_else(|| Self::invalid(check, Bits::default()))
    }

    fn is_true(&self, check: &'static Check, field: usize) -> Outcome {
        match self.reading(field) {
            Reading::Bool(b) => Self::judged(check, *b, None, None, Bits::default()),
            Reading::Invalid => Self::invalid(check, Bits::one(0)),
            _ => Self::missing(check, Bits::one(0)),
        }
    }

    fn any_true(&self, check: &'static Check, fields: &[usize]) -> Outcome {
        if fields.iter().any(|&f| *self.reading(f) == Reading::Bool(true)) {
            return Self::judged(check, true, None, None, Bits::default());
        }
        let pick = |wanted: fn(&Reading) -> bool| -> Bits {
            let picked = fields.iter().enumerate().filter(|&(_, &f)| wanted(self.reading(f)));
            picked.fold(Bits::default(), |bits, (at, _)| bits.with(at))
        };
        let invalid = pick(|r| *r == Reading::Invalid);
        if !invalid.is_empty() {
            return Self::invalid(check, invalid);
        }
        let missing = pick(|r| !matches!(r, Reading::Bool(_)));
        if !missing.is_empty() {
            return Self::missing(check, missing);
        }
        Self::judged(check, false, None, None, Bits::default())
    }

    fn all_of(&self, check: &'static Check, index: usize) -> Outcome {
        let Some(field) = self.ruleset.field(index) else { return Self::invalid(check, Bits::default()) };
        match *self.reading(index) {
            Reading::Set(ids) => {
                let absent = (0..field.values.len()).filter(|&i| !ids.contains(i)).fold(Bits::default(), Bits::with);
                let gap = (!absent.is_empty()).then(|| Gap {
                    text: number::int_text(absent.len() as u128),
                    field: index,
                    unit: 0,
                });
                Self::judged(check, absent.is_empty(), Some(number::int_text(ids.len() as u128)), gap, absent)
            }
            Reading::Invalid => Self::invalid(check, Bits::one(0)),
            _ => Self::missing(check, Bits::one(0)),
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
                Some(Self::judged(check, met, Some(shown), gap, Bits::default()))
            }
            Reading::Invalid => Some(Self::invalid(check, Bits::one(0))),
            _ => Some(Self::missing(check, Bits::one(0))),
        }
    }

    /// How much of a field (in the unit it was given in) closes `short` (in base units),
    /// rounded up to what can be typed: whole for counts, millionths for quantities.
    fn gap(&self, index: usize, unit: usize, short: Ratio, compare: Compare) -> Option<Gap> {
        let field = self.ruleset.field(index)?;
        let in_unit = to_unit(field, short, unit)?;
        let step = if field.kind == FieldKind::Count { SCALE } else { 1 };
        let mut micros = in_unit.ceil_micros()?;
        if step > 1 {
            micros = micros.checked_add(step - 1)? / step * step;
        }
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
        let num = *self.reading(numerator);
        let den = *self.reading(denominator);
        // Positions among the fields of the rule: the numerator, then the denominator.
        let pick = |wanted: fn(&Reading) -> bool| -> Bits {
            let picked = [num, den].into_iter().enumerate().filter(|(_, r)| wanted(r));
            picked.fold(Bits::default(), |bits, (at, _)| bits.with(at))
        };
        let invalid = pick(|r| *r == Reading::Invalid);
        if !invalid.is_empty() {
            return Some(Self::invalid(check, invalid));
        }
        if let Reading::Amount { value: d_value, unit: d_unit } = den {
            if d_value.is_zero() {
                return Some(match (when_zero, &num) {
                    (WhenZero::Error, _) => {
                        self.zero_error(denominator);
                        Self::invalid(check, Bits::one(1))
                    }
                    (WhenZero::Met, Reading::Amount { value: n, unit }) if part_of_whole && !n.is_zero() => {
                        self.inconsistent(numerator, *unit, *n, denominator, d_unit, d_value);
                        Self::invalid(check, Bits::one(0))
                    }
                    (WhenZero::Met, _) => blank(check, Status::Met, Why::NothingDue),
                });
            }
        }
        let (Reading::Amount { value: n_value, unit: n_unit }, Reading::Amount { value: d_value, unit: d_unit }) = (&num, &den) else {
            return Some(Self::missing(check, pick(|r| !matches!(r, Reading::Amount { .. }))));
        };
        let n = base_value(num_field, *n_value, *n_unit)?;
        let d = base_value(den_field, *d_value, *d_unit)?;
        if part_of_whole && n.compare(d)? == Ordering::Greater {
            self.inconsistent(numerator, *n_unit, *n_value, denominator, *d_unit, *d_value);
            return Some(Self::invalid(check, Bits::one(0)));
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
        Some(Self::judged(check, met, Some(value), gap, Bits::default()))
    }

    #[cold]
    fn zero_error(&mut self, index: usize) {
        if self.zero_reported.contains(index) {
            return;
        }
        self.zero_reported = self.zero_reported.with(index);
        let Some(field) = self.ruleset.field(index) else { return };
        let Reading::Amount { unit, .. } = *self.reading(index) else { return };
        let key = input_key(field, unit);
        let code = field.zero_error.unwrap_or("zero_denominator");
        let blocked: Vec<&Check> = self
            .ruleset
            .checks()
            .filter(|c| matches!(c.rule, Rule::Ratio { denominator, when_zero: WhenZero::Error, .. } if denominator == index))
            .collect();
        let checks_zh = msg::join(blocked.iter().map(|c| c.title.zh), "、");
        let checks_en = msg::join(blocked.iter().map(|c| c.title.en), ", ").to_ascii_lowercase();
        let message = localized(
            msg::ZERO,
            &[("key", &key)],
            &[("label", field.label.zh), ("checks", &checks_zh)],
            &[("label", field.label.en), ("checks", &checks_en)],
        );
        self.push_error(RANK_FIELDS + index, Some(&key), code, message);
    }

    #[cold]
    fn inconsistent(&mut self, index: usize, unit: usize, value: Dec, other: usize, other_unit: usize, other_value: Dec) {
        if self.inconsistent_reported.contains(index) {
            return;
        }
        self.inconsistent_reported = self.inconsistent_reported.with(index);
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
        if self.judging != Judging::Figures {
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
