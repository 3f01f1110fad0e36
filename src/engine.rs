//! Evaluation: reads each figure, applies each check of the ruleset, and decides every
//! outcome — status, value, gap, and which template explains it with what. Nothing here
//! writes a sentence: `render.rs` writes the decisions into the native report or into the
//! compact form that crosses into JavaScript.
//!
//! Nothing here panics and nothing uses floating point: figures are exact decimals
//! ([`Dec`]), ratios exact fractions ([`Ratio`]) compared by cross-multiplication.

use core::cmp::Ordering;

use cluster_check_model::messages::{self as msg, distance, Word};
use cluster_check_model::number::{self, fixed_to_plain, int_text, Accept, Dec, NumberError, Plain, MAX_UNITS, PLACES, SCALE};

use crate::figures::{Figures, Value};
use crate::message::{empty, needs_grouping, Arg, Message};
use crate::ratio::Ratio;
use crate::report::{Status, Verdict};
mod plan;

use crate::ruleset::{
    self, input_key, lookup, Bits, Check, Compare, CountGroup, Field, Kind, Param, Rule, Ruleset, Template, WhenZero,
    MAX_SLOTS,
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
    /// A count or decimal, in the unit (index into the field's keyed units) it was given in.
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
    /// Not at all: the record has far too many keys to be figures.
    TooManyKeys,
}

/// An error or warning as the engine decides it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Finding {
    /// The field as named in the figures, or `None` for the whole record.
    pub field: Option<String>,
    /// Stable code.
    pub code: &'static str,
    /// What to say.
    pub message: Message,
}

/// Why a check has the status it has: what its explanation is made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Why {
    /// Met or not met; for a set, the values that are missing.
    Judged { missing_values: Bits },
    /// Met because its denominator is zero and that means nothing was due.
    NothingDue,
    /// A soft bound is exceeded: counted as met, with a warning.
    Guidance,
    /// These are not given: positions among what the check reads ([`operands`]).
    Missing(Bits),
    /// These are unusable (see the errors): positions as for `Missing`.
    Invalid(Bits),
    /// The figures named a ruleset that does not exist.
    BadRuleset,
    /// The record cannot be read as figures (not an object, or far too many keys).
    Unusable,
}

/// How far an unmet check is from its threshold: how much of which figure, as given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Gap {
    /// Exact decimal text, rounded up.
    pub text: Plain,
    /// The same in millionths.
    pub micros: i128,
    /// Field index, the unit it was given in, and for a per-year figure the year.
    pub field: usize,
    pub unit: usize,
    pub year: Option<u32>,
}

/// The verdict on one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub check: &'static Check,
    pub status: Status,
    pub value: Option<Plain>,
    /// For an unmet check (and for exceeded guidance, where it is the excess).
    pub gap: Option<Gap>,
    pub why: Why,
    /// The group of counts that decides an `any_count` check.
    pub group: usize,
}

/// A check with no value or gap.
fn blank(check: &'static Check, status: Status, why: Why) -> Outcome {
    Outcome {
        check,
        status,
        value: None,
        gap: None,
        why,
        group: 0,
    }
}

/// What a check reads, in the order its messages name them: (field, years back from the
/// latest). A per-year field read as one figure is its latest year.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Operands {
    items: [(u8, u8); MAX_OPERANDS],
    len: usize,
}

/// The most figures one check reads (the schema sees to it).
const MAX_OPERANDS: usize = cluster_check_model::tables::MAX_OPERANDS;

impl Operands {
    fn push(&mut self, field: u8, back: usize) {
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = (field, u8::try_from(back).unwrap_or(u8::MAX));
            self.len += 1;
        }
    }

    /// The operands, in order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.items.iter().take(self.len).map(|&(f, b)| (usize::from(f), usize::from(b)))
    }
}

/// What a check reads (see [`Operands`]).
pub(crate) fn operands(ruleset: &Ruleset, rule: &Rule) -> Operands {
    let mut out = Operands { items: [(0, 0); MAX_OPERANDS], len: 0 };
    let years = |field: u8| ruleset.field(usize::from(field)).map_or(1, Field::slots);
    match *rule {
        Rule::IsTrue { field } | Rule::Threshold { field, .. } | Rule::AllOf { field } => out.push(field, 0),
        Rule::AnyTrue { fields } => fields.iter().for_each(|&f| out.push(f, 0)),
        Rule::Ratio { numerator, denominator, .. } => {
            out.push(numerator, 0);
            out.push(denominator, 0);
        }
        // Every year, the earliest first.
        Rule::EachYear { field, .. } => (0..years(field)).rev().for_each(|back| out.push(field, back)),
        // The first and the last year.
        Rule::Growth { field, .. } => {
            out.push(field, years(field).saturating_sub(1));
            out.push(field, 0);
        }
        Rule::AnyCount { groups } => groups.iter().flat_map(|g| g.fields.iter()).for_each(|&f| out.push(f, 0)),
    }
    out
}

/// One record under evaluation. [`Evaluation::of`] reads the figures and judges every
/// check; then `render.rs` writes the decisions.
pub(crate) struct Evaluation<'f> {
    pub ruleset: &'static Ruleset,
    judging: Judging,
    readings: [Reading; MAX_SLOTS],
    /// The latest year of the per-year figures (`year`, or the latest year given).
    pub latest: Option<u32>,
    pub name: Option<&'f str>,
    pub year: Option<u32>,
    /// The highest tier the figures are in.
    pub tier: Option<&'static str>,
    /// A note when a figure sits exactly on a tier's threshold that needs more (超).
    pub tier_note: Option<Message>,
    /// Each with its rank in the report (see [`Evaluation::push_error`]).
    errors: Vec<(usize, Finding)>,
    pub warnings: Vec<Finding>,
    /// Fields whose zero-denominator error is already reported.
    zero_reported: Bits,
    /// Numerator fields whose `inconsistent` error is already reported.
    inconsistent_reported: Bits,
    /// Each condition's status (once judged).
    pub statuses: Vec<Status>,
    pub verdict: Verdict,
    /// The keys read besides the fields: the figures' (`ruleset`, `name`, `year`) or a
    /// roster row's (`enterprise`, `cluster`, `row`).
    meta: &'static [&'static str],
    /// Whether outcomes carry what explains them (the value shown and the gap); off for
    /// the verdicts form, which writes statuses alone and is judged faster without them.
    pub explain: bool,
}

/// A cell of a roster row once read (see [`Evaluation::roster_row`]).
#[cfg(feature = "roster")]
#[derive(Clone, Copy, Debug)]
pub(crate) enum Cell {
    /// Blank.
    Blank,
    /// Given but unusable (its error is among the row's).
    Invalid,
    /// Yes or no.
    Bool(bool),
    /// An amount in the column's base unit.
    Amount(Ratio),
}

impl<'f> Evaluation<'f> {
    /// Reads one cluster's figures and judges every check.
    pub fn of(figures: &'f Figures<'f>) -> Evaluation<'f> {
        let mut eval = Evaluation::start(Judging::Figures);
        if !eval.too_many_keys(figures) {
            eval.read_ruleset(figures);
            eval.name = eval.read_name(figures);
            eval.year = eval.read_year(figures);
            eval.read_fields(figures);
            (eval.tier, eval.tier_note) = eval.tier();
        }
        eval
    }

    /// A record that is not an object: a `wrong_type` error, and nothing can be judged.
    pub fn not_an_object(value: &Value) -> Evaluation<'f> {
        let mut eval = Evaluation::start(Judging::NotAnObject);
        let message = Message::new(msg::NOT_AN_OBJECT.index, vec![Arg::Text(kind_word(value).index), Arg::Str(value.shown())]);
        eval.push_error(RANK_META, None, "wrong_type", message);
        eval
    }

    /// A record with more keys than any ruleset has is refused whole (`too_many_fields`).
    fn too_many_keys(&mut self, figures: &Figures) -> bool {
        if figures.overflow() == 0 {
            return false;
        }
        self.judging = Judging::TooManyKeys;
        let count = figures.len().saturating_add(figures.overflow());
        let message = Message::new(msg::TOO_MANY_FIELDS.index, vec![Arg::Grouped(int_text(count as u128)), Arg::Int(msg::MAX_KEYS as u32)]);
        self.push_error(RANK_META, None, "too_many_fields", message);
        true
    }

    /// Nothing read yet, under the default ruleset.
    fn start(judging: Judging) -> Evaluation<'f> {
        Evaluation {
            ruleset: ruleset::default_ruleset(),
            judging,
            readings: [Reading::Absent; MAX_SLOTS],
            latest: None,
            name: None,
            year: None,
            tier: None,
            tier_note: None,
            errors: Vec::new(),
            warnings: Vec::new(),
            zero_reported: Bits::default(),
            inconsistent_reported: Bits::default(),
            statuses: Vec::new(),
            verdict: Verdict::Incomplete,
            meta: &msg::META_KEYS,
            explain: true,
        }
    }

    /// Reads one row of an enterprise roster: its cells, as the figures of `columns` (the
    /// roster's columns as a ruleset) are read, with the same errors naming the column; the
    /// keys besides the columns are the roster's. Nothing is judged.
    #[cfg(feature = "roster")]
    pub fn roster_row(columns: &'static Ruleset, row: &'f Figures<'f>) -> Evaluation<'f> {
        let mut eval = Evaluation::start(Judging::Figures);
        eval.ruleset = columns;
        eval.meta = &msg::ROSTER_META_KEYS;
        if !eval.too_many_keys(row) {
            eval.read_fields(row);
        }
        eval
    }

    /// A roster cell (column `index`) as read, in the column's base unit.
    #[cfg(feature = "roster")]
    pub fn cell(&self, index: usize) -> Cell {
        if self.judging == Judging::TooManyKeys {
            return Cell::Invalid;
        }
        let Some(field) = self.ruleset.field(index) else { return Cell::Blank };
        match self.reading(index, 0) {
            Reading::Absent => Cell::Blank,
            Reading::Invalid | Reading::Set(_) => Cell::Invalid,
            Reading::Bool(b) => Cell::Bool(b),
            Reading::Amount { value, unit } => base_value(field, value, unit).map_or(Cell::Invalid, Cell::Amount),
        }
    }

    /// A figure as read (its latest year), in the field's base unit, or `None` when it is
    /// not given; `Some(None)` when it is given but unusable.
    #[cfg(feature = "roster")]
    pub fn base_amount(&self, index: usize) -> Option<Option<Ratio>> {
        let field = self.ruleset.field(index)?;
        match self.reading(index, 0) {
            Reading::Absent => None,
            Reading::Amount { value, unit } => Some(base_value(field, value, unit)),
            _ => Some(None),
        }
    }

    /// Takes the errors, in report order.
    #[cfg(feature = "roster")]
    pub fn take_errors(&mut self) -> Vec<Finding> {
        core::mem::take(&mut self.errors).into_iter().map(|(_, f)| f).collect()
    }

    /// Judges every check in the ruleset's order, handing each outcome to `each` as it is
    /// decided (with the evaluation, to explain it), and rolls the statuses up: no list of
    /// outcomes is kept. Judging can find errors (a zero denominator, contradicting
    /// figures): the errors, the statuses and the verdict are complete only after this.
    pub fn judge(&mut self, mut each: impl FnMut(&Self, &Outcome)) {
        let ruleset = self.ruleset;
        self.statuses.reserve_exact(ruleset.conditions.len());
        let mut verdict = Verdict::Met;
        for condition in ruleset.conditions {
            let mut status = Status::Met;
            for check in condition.checks {
                let outcome = self.check(check);
                status = status.worse(outcome.status);
                each(self, &outcome);
            }
            self.statuses.push(status);
            // Not met if any condition is not, met if all are, else incomplete.
            verdict = match (verdict, status) {
                (Verdict::NotMet, _) | (_, Status::NotMet) => Verdict::NotMet,
                (Verdict::Met, Status::Met) => Verdict::Met,
                _ => Verdict::Incomplete,
            };
        }
        self.verdict = verdict;
    }

    /// The errors, in report order.
    pub fn errors(&self) -> impl ExactSizeIterator<Item = &Finding> {
        self.errors.iter().map(|(_, f)| f)
    }

    // ------------------------------------------------------------ reading

    fn read_ruleset(&mut self, figures: &Figures) {
        match figures.get("ruleset") {
            None => {}
            Some(value) if value.is_blank() => {}
            Some(Value::Text(id)) => match ruleset::find(number::trim(id)) {
                Some(found) => self.ruleset = found,
                None => {
                    self.judging = Judging::BadRuleset;
                    let known = ids(ruleset::RULESETS.iter().map(|r| r.id));
                    let message = Message::new(msg::UNKNOWN_RULESET.index, vec![Arg::Str(Value::Text(id.clone()).shown()), known]);
                    self.push_error(RANK_META, Some("ruleset"), "unknown_ruleset", message);
                }
            },
            Some(other) => {
                self.judging = Judging::BadRuleset;
                self.wrong_type_meta("ruleset", msg::RULESET_LABEL, msg::EXPECTED_TEXT, other);
            }
        }
    }

    /// Adds an error, kept in report order (by rank, then as found; no sort is linked in).
    #[cold]
    fn push_error(&mut self, rank: usize, field: Option<&str>, code: &'static str, message: Message) {
        let finding = Finding {
            field: field.map(str::to_owned),
            code,
            message,
        };
        // Unknown fields come last in the order found: appended without a search.
        let at = if rank == RANK_UNKNOWN {
            self.errors.len()
        } else {
            self.errors.iter().position(|(r, _)| *r > rank).unwrap_or(self.errors.len())
        };
        self.errors.insert(at, (rank, finding));
    }

    #[cold]
    fn wrong_type_meta(&mut self, key: &str, label: Word, expected: Word, value: &Value) {
        let message = Message::new(
            msg::WRONG_TYPE.index,
            vec![
                Arg::Text(label.index),
                Arg::Str(key.to_owned()),
                Arg::Text(expected.index),
                Arg::Text(kind_word(value).index),
                Arg::Str(value.shown()),
            ],
        );
        self.push_error(RANK_META, Some(key), "wrong_type", message);
    }

    fn read_name(&mut self, figures: &'f Figures<'f>) -> Option<&'f str> {
        match figures.get("name")? {
            Value::Null => None,
            Value::Text(name) => Some(name),
            other => {
                self.wrong_type_meta("name", msg::NAME_LABEL, msg::EXPECTED_TEXT, other);
                None
            }
        }
    }

    fn read_year(&mut self, figures: &Figures) -> Option<u32> {
        let value = figures.get("year")?;
        if value.is_blank() {
            return None;
        }
        let whole = Accept { whole: true, signed: false };
        let parsed = match value {
            Value::Number(text) => number::parse_json_number_as(text, whole),
            Value::Text(text) => number::parse_text_as(text, whole).map(|d| d.unwrap_or(Dec::ZERO)),
            other => {
                self.wrong_type_meta("year", msg::YEAR_FIELD_LABEL, msg::EXPECTED_COUNT, other);
                return None;
            }
        };
        let error = match parsed {
            Ok(d) if d.micros() / SCALE <= i128::from(msg::MAX_YEAR) => return u32::try_from(d.micros() / SCALE).ok(),
            Ok(_) => NumberError::TooLarge,
            Err(e) => e,
        };
        let message = number_message(error, Arg::Text(msg::YEAR_FIELD_LABEL.index), "year", value, Arg::Int(msg::MAX_YEAR));
        self.push_error(RANK_META, Some("year"), error.code(), message);
        None
    }

    /// The latest year of the per-year figures: `year` when given, else the latest year
    /// any per-year figure is given for.
    fn latest_year(&self, figures: &Figures) -> Option<u32> {
        if self.year.is_some() {
            return self.year;
        }
        if !self.ruleset.fields.iter().any(|f| f.years > 0) {
            return None;
        }
        figures
            .iter()
            .filter(|(_, value)| !value.is_blank())
            .filter_map(|(key, _)| lookup(self.ruleset, key)?.year)
            .max()
    }

    /// Reads every figure the ruleset knows, and reports unknown keys.
    fn read_fields(&mut self, figures: &Figures) {
        let ruleset = self.ruleset;
        self.latest = self.latest_year(figures);
        // Per reading, the value given in its lowest unit (the base unit first: it stands
        // for itself, others are refused); and the readings given in more than one unit.
        let mut given: [Option<(usize, &Value, Option<u32>)>; MAX_SLOTS] = [None; MAX_SLOTS];
        let mut several = Bits::default();
        let mut unknown = false;
        for (key, value) in figures.iter() {
            let Some(found) = lookup(ruleset, key) else {
                // No input key is a meta key (the schema sees to it).
                unknown |= !self.meta.contains(&key);
                continue;
            };
            if value.is_blank() {
                continue;
            }
            let Some(field) = ruleset.field(found.field) else { continue };
            let Some(slot) = self.slot_of(field, found.year) else {
                self.unused_year(field, found, key);
                continue;
            };
            match given.get_mut(slot) {
                Some(Some(first)) => {
                    several = several.with(slot);
                    if found.unit < first.0 {
                        *first = (found.unit, value, found.year);
                    }
                }
                Some(entry) => *entry = Some((found.unit, value, found.year)),
                None => {}
            }
        }
        for (index, field) in ruleset.fields.iter().enumerate() {
            for back in 0..field.slots() {
                let slot = usize::from(field.slot) + back;
                let reading = match given.get(slot).copied().flatten() {
                    None => Reading::Absent,
                    Some((unit, value, year)) if !several.contains(slot) => self.read(index, unit, year, value),
                    Some((unit, value, year)) => {
                        let _ = self.read(index, unit, year, value);
                        self.both_units(figures, index, unit, year);
                        Reading::Invalid
                    }
                };
                if let Some(entry) = self.readings.get_mut(slot) {
                    *entry = reading;
                }
            }
        }
        if unknown {
            self.unknown_fields(figures);
        }
    }

    /// Where the reading of a field (and year) is kept; `None` for a year the checks do not
    /// read.
    fn slot_of(&self, field: &Field, year: Option<u32>) -> Option<usize> {
        match year {
            None => Some(usize::from(field.slot)),
            Some(year) => {
                let back = usize::try_from(self.latest?.checked_sub(year)?).ok()?;
                (back < field.slots()).then(|| usize::from(field.slot) + back)
            }
        }
    }

    /// Warns that a figure is for a year outside those the checks read.
    #[cold]
    fn unused_year(&mut self, field: &'static Field, found: ruleset::Key, key: &str) {
        let (Some(year), Some(latest)) = (found.year, self.latest) else { return };
        let first = latest.saturating_sub(u32::from(field.years.max(1)) - 1);
        let message = Message::new(
            msg::UNUSED_YEAR.index,
            vec![Arg::Text(field.label), Arg::Str(key.to_owned()), Arg::Int(year), Arg::Int(first), Arg::Int(latest)],
        );
        self.warnings.push(Finding {
            field: Some(key.to_owned()),
            code: "unused_year",
            message,
        });
    }

    /// Reports every key the ruleset does not know.
    #[cold]
    fn unknown_fields(&mut self, figures: &Figures) {
        // Only for suggestions: not built for the (usual) figures with no unknown key.
        let keys = input_keys(self.ruleset, self.meta);
        let mut suggested = 0;
        for (key, value) in figures.iter() {
            if !self.meta.contains(&key) && lookup(self.ruleset, key).is_none() {
                // A suggestion compares the key with every key; beyond a few dozen unknown
                // keys the record is not a typo and they cost more than they help.
                suggested += 1;
                let hint = if suggested <= 64 { suggestion(key, &keys) } else { None };
                let hint = hint.map_or_else(empty, |k| Arg::Msg(Box::new(Message::new(msg::DID_YOU_MEAN.index, vec![Arg::Str(k)]))));
                let message = Message::new(msg::UNKNOWN_FIELD.index, vec![Arg::Str(key.to_owned()), Arg::Str(value.shown()), hint]);
                self.push_error(RANK_UNKNOWN, Some(key), "unknown_field", message);
            }
        }
    }

    /// Refuses every value of a reading given in another unit than `first_unit`, the lowest.
    #[cold]
    fn both_units(&mut self, figures: &Figures, index: usize, first_unit: usize, year: Option<u32>) {
        let Some(field) = self.ruleset.field(index) else { return };
        for (key, value) in figures.iter() {
            match lookup(self.ruleset, key) {
                Some(found) if found.field == index && found.year == year && found.unit != first_unit && !value.is_blank() => {
                    let unit_label = |u: usize| field.units.get(u).map_or(Arg::Str(String::new()), |u| Arg::Text(u.label));
                    let message = Message::new(
                        msg::BOTH_UNITS.index,
                        vec![
                            label_arg(field, year),
                            unit_label(first_unit),
                            Arg::Str(input_key(field, first_unit, year)),
                            unit_label(found.unit),
                            Arg::Str(key.to_owned()),
                            Arg::Str(value.shown()),
                        ],
                    );
                    self.push_error(RANK_FIELDS + index, Some(key), "both_units", message);
                }
                _ => {}
            }
        }
    }

    /// Reads one given figure; an unusable one is reported and read as `Invalid`.
    fn read(&mut self, index: usize, unit: usize, year: Option<u32>, value: &Value) -> Reading {
        let Some(field) = self.ruleset.field(index) else { return Reading::Invalid };
        match (field.kind, value) {
            (Kind::Bool, Value::Bool(b)) => Reading::Bool(*b),
            (Kind::Count | Kind::Decimal, Value::Number(_) | Value::Text(_)) => {
                let accept = Accept {
                    whole: field.kind == Kind::Count,
                    signed: field.signed,
                };
                let parsed = match value {
                    Value::Number(text) => number::parse_json_number_as(text, accept),
                    Value::Text(text) => number::parse_text_as(text, accept).map(|d| d.unwrap_or(Dec::ZERO)),
                    _ => Err(NumberError::NotANumber),
                };
                match parsed {
                    Ok(amount) => {
                        self.check_plausible(field, unit, year, amount);
                        Reading::Amount { value: amount, unit }
                    }
                    Err(error) => {
                        let key = input_key(field, unit, year);
                        let max = amount_arg(Dec::from_units(MAX_UNITS).to_plain(), field, unit);
                        let message = number_message(error, label_arg(field, year), &key, value, max);
                        self.push_error(RANK_FIELDS + index, Some(&key), error.code(), message);
                        Reading::Invalid
                    }
                }
            }
            (Kind::Set, Value::List(items)) => self.read_set(index, field, items),
            _ => {
                let key = input_key(field, unit, year);
                let message = Message::new(
                    msg::WRONG_TYPE.index,
                    vec![
                        label_arg(field, year),
                        Arg::Str(key.clone()),
                        Arg::Text(expected_word(field.kind).index),
                        Arg::Text(kind_word(value).index),
                        Arg::Str(value.shown()),
                    ],
                );
                self.push_error(RANK_FIELDS + index, Some(&key), "wrong_type", message);
                Reading::Invalid
            }
        }
    }

    /// Warns when a usable figure is so large that its unit is probably wrong.
    fn check_plausible(&mut self, field: &'static Field, unit: usize, year: Option<u32>, value: Dec) {
        let (Some(limit), Some(template)) = (field.plausible_max, self.ruleset.messages.implausible) else { return };
        let Some(limit_here) = to_unit(field, Ratio::dec(limit), unit) else { return };
        if Ratio::dec(value).compare(limit_here) == Some(Ordering::Greater) {
            let limit = limit_here.cut(PLACES, false).unwrap_or_else(|| int_text(0));
            self.implausible(field, unit, year, value.to_plain(), limit, template);
        }
    }

    /// The warning for a figure above its field's plausible limit (`limit` in its unit), or
    /// for the figure most likely mistyped when a check's result is above the check's
    /// (`value` and `limit` then the result's, in the check's unit).
    #[cold]
    fn implausible(&mut self, field: &'static Field, unit: usize, year: Option<u32>, value: Plain, limit: Plain, template: Template) {
        let key = input_key(field, unit, year);
        // One warning a figure: a check's adds nothing to the figure's own.
        if self.warnings.iter().any(|w| w.code == "implausible" && w.field.as_deref() == Some(key.as_str())) {
            return;
        }
        let unit_label = field.units.get(unit).map_or_else(empty, |u| Arg::Text(u.label));
        let args = template
            .params
            .iter()
            .map(|p| match p {
                Param::Key => Arg::Str(key.clone()),
                Param::Label => label_arg(field, year),
                Param::Value => Arg::Grouped(value),
                Param::Limit => Arg::Grouped(limit),
                Param::Unit => unit_label.clone(),
                Param::Hint => field.plausible_hint.map_or_else(empty, Arg::Text),
                _ => empty(),
            })
            .collect();
        self.warnings.push(Finding {
            field: Some(key),
            code: "implausible",
            message: Message::new(template.index, args),
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
            let message = Message::new(
                msg::WRONG_TYPE.index,
                vec![
                    Arg::Text(field.label),
                    Arg::Str(key.to_owned()),
                    Arg::Text(msg::EXPECTED_SET.index),
                    Arg::Text(msg::GOT_MIXED_LIST.index),
                    Arg::Str(Value::List(items.to_vec()).shown()),
                ],
            );
            self.push_error(RANK_FIELDS + index, Some(key), "wrong_type", message);
            return Reading::Invalid;
        }
        let unknown = items.iter().filter(|item| matches!(item, Value::Text(text) if set_value(field, text).is_none()));
        let message = Message::new(
            msg::UNKNOWN_VALUE.index,
            vec![
                Arg::Text(field.label),
                Arg::Str(key.to_owned()),
                Arg::Str(Value::List(unknown.cloned().collect()).shown()),
                ids(field.values.iter().map(|v| v.id)),
            ],
        );
        self.push_error(RANK_FIELDS + index, Some(key), "unknown_value", message);
        Reading::Invalid
    }

    // ------------------------------------------------------------ judging

    /// The reading of a field, `back` years before the latest.
    fn reading(&self, field: usize, back: usize) -> Reading {
        let Some(f) = self.ruleset.field(field) else { return Reading::Absent };
        if back >= f.slots() {
            return Reading::Absent;
        }
        self.readings.get(usize::from(f.slot) + back).copied().unwrap_or(Reading::Absent)
    }

    /// The year `back` years before the latest, for a per-year field.
    pub fn year_of(&self, field: usize, back: usize) -> Option<u32> {
        let f = self.ruleset.field(field)?;
        if f.years == 0 {
            return None;
        }
        self.latest?.checked_sub(u32::try_from(back).ok()?)
    }

    /// Positions (among the check's operands) of the readings that match `wanted`.
    fn positions(&self, check: &'static Check, wanted: impl Fn(&Reading) -> bool) -> Bits {
        operands(self.ruleset, &check.rule)
            .iter()
            .enumerate()
            .filter(|&(_, (field, back))| wanted(&self.reading(field, back)))
            .fold(Bits::default(), |bits, (at, _)| bits.with(at))
    }

    fn missing(check: &'static Check, positions: Bits) -> Outcome {
        blank(check, Status::Missing, Why::Missing(positions))
    }

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
            group: 0,
        }
    }

    /// Applies one check.
    fn check(&mut self, check: &'static Check) -> Outcome {
        match self.judging {
            Judging::Figures => {}
            Judging::BadRuleset => return blank(check, Status::Invalid, Why::BadRuleset),
            Judging::NotAnObject | Judging::TooManyKeys => return blank(check, Status::Invalid, Why::Unusable),
        }
        let outcome = match check.rule {
            Rule::IsTrue { field } => Some(self.is_true(check, usize::from(field))),
            Rule::AnyTrue { fields } => Some(self.any_true(check, fields)),
            Rule::Threshold { field, compare, threshold, soft } => self.threshold(check, usize::from(field), compare, threshold, soft),
            Rule::Ratio { .. } => self.ratio(check),
            Rule::AllOf { field } => Some(self.all_of(check, usize::from(field))),
            Rule::EachYear { field, compare, threshold } => self.each_year(check, usize::from(field), compare, threshold),
            Rule::Growth { field, compare, threshold } => self.growth(check, usize::from(field), compare, threshold),
            Rule::AnyCount { groups } => self.any_count(check, groups),
        };
        // Only reachable past the accepted range of figures; judged unusable, not guessed.
        outcome.unwrap_or_else(|| Self::invalid(check, Bits::default()))
    }

    fn is_true(&self, check: &'static Check, field: usize) -> Outcome {
        match self.reading(field, 0) {
            Reading::Bool(b) => Self::judged(check, b, None, None, Bits::default()),
            Reading::Invalid => Self::invalid(check, Bits::one(0)),
            _ => Self::missing(check, Bits::one(0)),
        }
    }

    fn any_true(&self, check: &'static Check, fields: &[u8]) -> Outcome {
        if fields.iter().any(|&f| self.reading(usize::from(f), 0) == Reading::Bool(true)) {
            return Self::judged(check, true, None, None, Bits::default());
        }
        let invalid = self.positions(check, |r| *r == Reading::Invalid);
        if !invalid.is_empty() {
            return Self::invalid(check, invalid);
        }
        let missing = self.positions(check, |r| !matches!(r, Reading::Bool(_)));
        if !missing.is_empty() {
            return Self::missing(check, missing);
        }
        Self::judged(check, false, None, None, Bits::default())
    }

    fn all_of(&self, check: &'static Check, index: usize) -> Outcome {
        let Some(field) = self.ruleset.field(index) else { return Self::invalid(check, Bits::default()) };
        match self.reading(index, 0) {
            Reading::Set(ids) => {
                let absent = (0..field.values.len()).filter(|&i| !ids.contains(i)).fold(Bits::default(), Bits::with);
                let gap = (!absent.is_empty()).then(|| Gap {
                    text: int_text(absent.len() as u128),
                    micros: 0,
                    field: index,
                    unit: 0,
                    year: None,
                });
                Self::judged(check, absent.is_empty(), Some(int_text(ids.len() as u128)), gap, absent)
            }
            Reading::Invalid => Self::invalid(check, Bits::one(0)),
            _ => Self::missing(check, Bits::one(0)),
        }
    }

    /// A figure in its field's base unit, and as the report shows it (when explaining): as
    /// given when given in the base unit, else converted and cut toward the side that fails.
    fn amount(&self, field: &Field, value: Dec, unit: usize, compare: Compare) -> Option<(Ratio, Option<Plain>)> {
        let base = base_value(field, value, unit)?;
        if !self.explain {
            return Some((base, None));
        }
        let shown = if factor(field, unit) == (1, 1) { value.to_plain() } else { base.cut(PLACES, compare.is_upper())? };
        Some((base, Some(shown)))
    }

    fn threshold(&mut self, check: &'static Check, index: usize, compare: Compare, threshold: Dec, soft: bool) -> Option<Outcome> {
        let field = self.ruleset.field(index)?;
        let (value, unit) = match self.reading(index, 0) {
            Reading::Amount { value, unit } => (value, unit),
            Reading::Invalid => return Some(Self::invalid(check, Bits::one(0))),
            _ => return Some(Self::missing(check, Bits::one(0))),
        };
        let (base, shown) = self.amount(field, value, unit, compare)?;
        let target = Ratio::dec(threshold);
        let met = compare.holds(base.compare(target)?);
        if met {
            return Some(Self::judged(check, true, shown, None, Bits::default()));
        }
        let short = if compare.is_upper() { base.sub(target)? } else { target.sub(base)? };
        let gap = self.gap_of(index, unit, self.year_of(index, 0), short, compare)?;
        if soft {
            // Guidance (一般不超过): counted as met, with a warning that says by how much.
            let outcome = Outcome {
                check,
                status: Status::Met,
                value: shown,
                gap,
                why: Why::Guidance,
                group: 0,
            };
            // The warning names the figure as given, and the bound in its unit.
            let limit = to_unit(field, target, unit).and_then(|l| l.cut(PLACES, false));
            let message = Message::new(
                msg::OVER_GUIDANCE.index,
                vec![
                    label_arg(field, self.year_of(index, 0)),
                    Arg::Str(input_key(field, unit, self.year_of(index, 0))),
                    amount_arg(value.to_plain(), field, unit),
                    limit.map_or_else(empty, |l| amount_arg(l, field, unit)),
                ],
            );
            self.warnings.push(Finding {
                field: Some(input_key(field, unit, self.year_of(index, 0))),
                code: "over_guidance",
                message,
            });
            return Some(outcome);
        }
        Some(Self::judged(check, false, shown, gap, Bits::default()))
    }

    /// [`Evaluation::gap`] when explaining, else `Some(None)`: a verdict needs no gap.
    fn gap_of(&self, index: usize, unit: usize, year: Option<u32>, short: Ratio, compare: Compare) -> Option<Option<Gap>> {
        if !self.explain {
            return Some(None);
        }
        self.gap(index, unit, year, short, compare).map(Some)
    }

    /// How much of a field (in the unit it was given in) closes `short` (in base units),
    /// rounded up to what can be typed: whole for counts, millionths for decimals; one step
    /// more when the bound is strict (超, 高于) and the shortfall is exact.
    fn gap(&self, index: usize, unit: usize, year: Option<u32>, short: Ratio, compare: Compare) -> Option<Gap> {
        let field = self.ruleset.field(index)?;
        let in_unit = to_unit(field, short, unit)?;
        let step = if field.kind == Kind::Count { SCALE } else { 1 };
        let mut micros = in_unit.ceil_micros()?;
        if step > 1 {
            micros = micros.checked_add(step - 1)?.div_euclid(step) * step;
        }
        let exact = Ratio::new(micros, SCALE)?.compare(in_unit)? == Ordering::Equal;
        if compare.is_strict() && exact {
            micros = micros.checked_add(step)?;
        }
        Some(Gap {
            text: fixed_to_plain(micros, PLACES),
            micros,
            field: index,
            unit,
            year,
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
        let (numerator, denominator) = (usize::from(numerator), usize::from(denominator));
        let num_field = self.ruleset.field(numerator)?;
        let den_field = self.ruleset.field(denominator)?;
        let num = self.reading(numerator, 0);
        let den = self.reading(denominator, 0);
        if num == Reading::Invalid || den == Reading::Invalid {
            let invalid = Bits::default();
            let invalid = if num == Reading::Invalid { invalid.with(0) } else { invalid };
            return Some(Self::invalid(check, if den == Reading::Invalid { invalid.with(1) } else { invalid }));
        }
        if let Reading::Amount { value: d_value, unit: d_unit } = den {
            if d_value.is_zero() {
                return Some(match (when_zero, num) {
                    (WhenZero::Error, _) => {
                        self.zero_error(denominator, 0);
                        Self::invalid(check, Bits::one(1))
                    }
                    (WhenZero::Met, Reading::Amount { value: n, unit }) if part_of_whole && !n.is_zero() => {
                        self.inconsistent(numerator, unit, n, denominator, d_unit, d_value);
                        Self::invalid(check, Bits::one(0))
                    }
                    (WhenZero::Met, _) => blank(check, Status::Met, Why::NothingDue),
                });
            }
        }
        let (Reading::Amount { value: n_value, unit: n_unit }, Reading::Amount { value: d_value, unit: d_unit }) = (num, den) else {
            let absent = |r: Reading| !matches!(r, Reading::Amount { .. });
            let missing = if absent(num) { Bits::one(0) } else { Bits::default() };
            return Some(Self::missing(check, if absent(den) { missing.with(1) } else { missing }));
        };
        let n = base_value(num_field, n_value, n_unit)?;
        let d = base_value(den_field, d_value, d_unit)?;
        if part_of_whole && n.compare(d)? == Ordering::Greater {
            self.inconsistent(numerator, n_unit, n_value, denominator, d_unit, d_value);
            return Some(Self::invalid(check, Bits::one(0)));
        }
        let scale = Ratio::int(if percent { 100 } else { 1 });
        let shown = n.div(d)?.mul(scale)?;
        let target = Ratio::dec(threshold);
        let met = compare.holds(shown.compare(target)?);
        let value = if self.explain { Some(shown.cut(4, compare.is_upper())?) } else { None };
        if let Some((max, template)) = check.plausible {
            if shown.compare(Ratio::dec(max))? == Ordering::Greater {
                let value = match value {
                    Some(value) => value,
                    None => shown.cut(4, compare.is_upper())?,
                };
                self.implausible(num_field, n_unit, self.year_of(numerator, 0), value, max.to_plain(), template);
            }
        }
        let gap = if met || !self.explain {
            None
        } else {
            let share = target.div(scale)?;
            let mut short = if compare.is_upper() { n.sub(share.mul(d)?)? } else { share.mul(d)?.sub(n)? };
            if gap_grows_denominator {
                short = short.div(Ratio::int(1).sub(share)?)?;
            }
            Some(self.gap(numerator, n_unit, self.year_of(numerator, 0), short, compare)?)
        };
        Some(Self::judged(check, met, value, gap, Bits::default()))
    }

    /// 近三年……均在……以上: every year is compared; a year that fails decides, whatever is
    /// missing; the value shown is the year that decides (the lowest for a lower bound).
    fn each_year(&mut self, check: &'static Check, index: usize, compare: Compare, threshold: Dec) -> Option<Outcome> {
        let field = self.ruleset.field(index)?;
        let target = Ratio::dec(threshold);
        // The year furthest on the failing side, as (back, base value, shown, unit).
        let mut worst: Option<(usize, Ratio, Option<Plain>, usize)> = None;
        let mut failing = false;
        for back in 0..field.slots() {
            if let Reading::Amount { value, unit } = self.reading(index, back) {
                let (base, shown) = self.amount(field, value, unit, compare)?;
                failing |= !compare.holds(base.compare(target)?);
                let further = match &worst {
                    None => true,
                    Some((_, w, _, _)) => {
                        let order = base.compare(*w)?;
                        if compare.is_upper() { order == Ordering::Greater } else { order == Ordering::Less }
                    }
                };
                if further {
                    worst = Some((back, base, shown, unit));
                }
            }
        }
        if !failing {
            let invalid = self.positions(check, |r| *r == Reading::Invalid);
            if !invalid.is_empty() {
                return Some(Self::invalid(check, invalid));
            }
            let missing = self.positions(check, |r| !matches!(r, Reading::Amount { .. }));
            if !missing.is_empty() {
                return Some(Self::missing(check, missing));
            }
        }
        let (back, base, shown, unit) = worst?;
        let gap = if failing {
            let short = if compare.is_upper() { base.sub(target)? } else { target.sub(base)? };
            self.gap_of(index, unit, self.year_of(index, back), short, compare)?
        } else {
            None
        };
        Some(Self::judged(check, !failing, shown, gap, Bits::default()))
    }

    /// 年均增速高于10%: over k = years − 1 intervals, growth g compares with t exactly as
    /// last × 100^k with first × (100 + t)^k — no root, no floating point.
    fn growth(&mut self, check: &'static Check, index: usize, compare: Compare, threshold: Dec) -> Option<Outcome> {
        let field = self.ruleset.field(index)?;
        let last_back = 0;
        let first_back = field.slots().saturating_sub(1);
        let (first, last) = (self.reading(index, first_back), self.reading(index, last_back));
        let invalid = self.positions(check, |r| *r == Reading::Invalid);
        if !invalid.is_empty() {
            return Some(Self::invalid(check, invalid));
        }
        let (Reading::Amount { value: f_value, unit: f_unit }, Reading::Amount { value: l_value, unit: l_unit }) = (first, last) else {
            return Some(Self::missing(check, self.positions(check, |r| !matches!(r, Reading::Amount { .. }))));
        };
        if f_value.is_zero() {
            self.zero_error(index, first_back);
            return Some(Self::invalid(check, Bits::one(0)));
        }
        let first = base_value(field, f_value, f_unit)?;
        let last = base_value(field, l_value, l_unit)?;
        let intervals = u32::try_from(first_back).ok()?;
        // last ÷ first against ((100 + t) ÷ 100)^k.
        let at_growth = |t: Dec| first.mul(Ratio::int(100).add(Ratio::dec(t))?.div(Ratio::int(100))?.pow(intervals)?);
        let needed = at_growth(threshold)?;
        let met = compare.holds(last.compare(needed)?);
        // Only a warning needs the growth shown when not explaining.
        let value = if self.explain || check.plausible.is_some() { growth_percent(first, last, intervals, compare.is_upper()) } else { None };
        if let (Some((max, template)), Some(shown)) = (check.plausible, value) {
            if last.compare(at_growth(max)?)? == Ordering::Greater {
                self.implausible(field, l_unit, self.year_of(index, last_back), shown, max.to_plain(), template);
            }
        }
        let gap = if met {
            None
        } else {
            let short = if compare.is_upper() { last.sub(needed)? } else { needed.sub(last)? };
            self.gap_of(index, l_unit, self.year_of(index, last_back), short, compare)?
        };
        Some(Self::judged(check, met, value, gap, Bits::default()))
    }

    /// 不少于1家……，或者不少于10家……: met when any group's sum meets its threshold, even
    /// with other counts not given (a sum of counts only grows).
    fn any_count(&mut self, check: &'static Check, groups: &'static [CountGroup]) -> Option<Outcome> {
        let mut nearest: Option<(usize, Dec, Ratio)> = None;
        let mut undecided = false;
        let mut invalid_seen = false;
        for (g, group) in groups.iter().enumerate() {
            let mut sum = Dec::ZERO;
            let mut complete = true;
            for &f in group.fields {
                match self.reading(usize::from(f), 0) {
                    Reading::Amount { value, .. } => sum = Dec::from_micros(sum.micros().checked_add(value.micros())?),
                    Reading::Invalid => {
                        invalid_seen = true;
                        complete = false;
                    }
                    _ => complete = false,
                }
            }
            let order = Ratio::dec(sum).compare(Ratio::dec(group.threshold))?;
            if group.compare.holds(order) {
                let mut outcome = Self::judged(check, true, None, None, Bits::default());
                outcome.group = g;
                return Some(outcome);
            }
            if !complete {
                undecided = true;
                continue;
            }
            let short = Ratio::dec(group.threshold).sub(Ratio::dec(sum))?;
            let closer = match &nearest {
                None => true,
                // The smallest shortfall; on a tie, the group that asks for more (more
                // enterprises of a broader kind are the likelier way).
                Some((_, _, s)) => match short.compare(*s)? {
                    Ordering::Less => true,
                    Ordering::Equal => groups.get(g).map(|x| x.threshold) > nearest.and_then(|(n, _, _)| groups.get(n)).map(|x| x.threshold),
                    Ordering::Greater => false,
                },
            };
            if closer {
                nearest = Some((g, sum, short));
            }
        }
        if invalid_seen {
            return Some(Self::invalid(check, self.positions(check, |r| *r == Reading::Invalid)));
        }
        if undecided {
            return Some(Self::missing(check, self.positions(check, |r| !matches!(r, Reading::Amount { .. }))));
        }
        let (g, _, short) = nearest?;
        let group = groups.get(g)?;
        let first = usize::from(*group.fields.first()?);
        let gap = self.gap_of(first, 0, None, short, group.compare)?;
        let mut outcome = Self::judged(check, false, None, gap, Bits::default());
        outcome.group = g;
        Some(outcome)
    }

    /// Reports a zero that a check divides by: the field's latest reading (a ratio's
    /// denominator, `back` 0) or a per-year field's first year (growth). Once per reading.
    #[cold]
    fn zero_error(&mut self, index: usize, back: usize) {
        let Some(field) = self.ruleset.field(index) else { return };
        let slot = usize::from(field.slot) + back;
        if self.zero_reported.contains(slot) {
            return;
        }
        self.zero_reported = self.zero_reported.with(slot);
        let (unit, year) = match self.reading(index, back) {
            Reading::Amount { unit, .. } => (unit, self.year_of(index, back)),
            _ => (0, None),
        };
        let key = input_key(field, unit, year);
        let code = field.zero_error.unwrap_or("zero_denominator");
        let first = field.slots().saturating_sub(1);
        let blocked: Vec<Arg> = self
            .ruleset
            .checks()
            .filter(|c| match c.rule {
                Rule::Ratio { denominator, when_zero: WhenZero::Error, .. } => usize::from(denominator) == index && back == 0,
                Rule::Growth { field, .. } => usize::from(field) == index && back == first,
                _ => false,
            })
            .map(|c| Arg::Text(c.title))
            .collect();
        let message = Message::new(msg::ZERO.index, vec![label_arg(field, year), Arg::Str(key.clone()), Arg::List(blocked)]);
        self.push_error(RANK_FIELDS + index, Some(&key), code, message);
    }

    #[cold]
    fn inconsistent(&mut self, index: usize, unit: usize, value: Dec, other: usize, other_unit: usize, other_value: Dec) {
        if self.inconsistent_reported.contains(index) {
            return;
        }
        self.inconsistent_reported = self.inconsistent_reported.with(index);
        let (Some(field), Some(other_field)) = (self.ruleset.field(index), self.ruleset.field(other)) else { return };
        let (year, other_year) = (self.year_of(index, 0), self.year_of(other, 0));
        let key = input_key(field, unit, year);
        let with_unit = |v: Dec, f: &Field, u: usize| amount_arg(v.to_plain(), f, u);
        let message = Message::new(
            msg::INCONSISTENT.index,
            vec![
                label_arg(field, year),
                Arg::Str(key.clone()),
                with_unit(value, field, unit),
                label_arg(other_field, other_year),
                Arg::Str(input_key(other_field, other_unit, other_year)),
                with_unit(other_value, other_field, other_unit),
            ],
        );
        self.push_error(RANK_FIELDS + index, Some(&key), "inconsistent", message);
    }

    /// The highest tier the figures are in, and a note when a figure sits exactly on a
    /// tier's threshold that needs more (超).
    fn tier(&self) -> (Option<&'static str>, Option<Message>) {
        if self.judging != Judging::Figures {
            return (None, None);
        }
        let mut found = None;
        let mut note = None;
        for tier in self.ruleset.tiers {
            let index = usize::from(tier.field);
            let (Some(field), Reading::Amount { value, unit }) = (self.ruleset.field(index), self.reading(index, 0)) else {
                continue;
            };
            let Some(order) = base_value(field, value, unit).and_then(|b| b.compare(Ratio::dec(tier.threshold))) else {
                continue;
            };
            if found.is_none() && tier.compare.holds(order) {
                found = Some(tier.id);
            }
            if order == Ordering::Equal && tier.compare.is_strict() {
                if let Some(template) = tier.at_threshold.or(self.ruleset.messages.tier_boundary) {
                    let args = template
                        .params
                        .iter()
                        .map(|p| match p {
                            Param::Threshold => Arg::Grouped(tier.threshold.to_plain()),
                            _ => empty(),
                        })
                        .collect();
                    note = Some(Message::new(template.index, args));
                }
            }
        }
        (found, note)
    }

    // ------------------------------------------------------------ explaining

    /// The template that explains an outcome.
    pub fn template(&self, o: &Outcome) -> Template {
        let explain = o.check.explain;
        match o.why {
            Why::NothingDue if explain.nothing_due.is_none() => explain.met,
            Why::Guidance if explain.guidance.is_none() => explain.met,
            Why::Judged { .. } if o.status == Status::Met => explain.met,
            Why::Judged { .. } => explain.not_met,
            Why::NothingDue => explain.nothing_due.unwrap_or(explain.met),
            Why::Guidance => explain.guidance.unwrap_or(explain.met),
            Why::Missing(_) => self.ruleset.messages.missing,
            Why::Invalid(_) | Why::BadRuleset => self.ruleset.messages.invalid,
            Why::Unusable => msg::RECORD_UNUSABLE.template(),
        }
    }

    /// Which of its templates explains an outcome, as the compact form says it (the catalog
    /// lists them, see docs/catalog.md): 0 met, 1 not met, 2 nothing due, 3 guidance, then
    /// the ruleset's 4 missing and 5 invalid, and 6 a record that is not figures.
    pub fn choice(&self, o: &Outcome) -> u8 {
        let explain = o.check.explain;
        match o.why {
            Why::Judged { .. } if o.status == Status::Met => 0,
            Why::Judged { .. } => 1,
            Why::NothingDue if explain.nothing_due.is_some() => 2,
            Why::Guidance if explain.guidance.is_some() => 3,
            Why::NothingDue | Why::Guidance => 0,
            Why::Missing(_) => 4,
            Why::Invalid(_) | Why::BadRuleset => 5,
            Why::Unusable => 6,
        }
    }

    /// A figure read by a check, as messages name it: its label, with its year for a
    /// per-year figure.
    fn operand_arg(&self, field: usize, back: usize) -> Arg {
        match self.ruleset.field(field) {
            Some(f) => label_arg(f, self.year_of(field, back)),
            None => empty(),
        }
    }

    /// What fills one place of an outcome's explanation.
    pub fn param(&self, o: &Outcome, param: Param) -> Arg {
        let rule = o.check.rule;
        let per_year = match rule {
            Rule::EachYear { field, .. } | Rule::Growth { field, .. } => Some(usize::from(field)),
            _ => None,
        };
        // An either-or count has no one value: its explanation speaks of the group that decides.
        if let (Rule::AnyCount { .. }, Param::Value | Param::Threshold) = (rule, param) {
            let n = u8::try_from(o.group + 1).unwrap_or(u8::MAX);
            return self.param(o, if param == Param::Value { Param::GroupValue(n) } else { Param::GroupThreshold(n) });
        }
        // The check's own value and gap are written once: an explanation refers to them,
        // unless it shows them with their thousands separated.
        let own = |plain: Plain, reference: Arg| if needs_grouping(&plain) { Arg::Grouped(plain) } else { reference };
        match param {
            Param::Value => o.value.map_or_else(empty, |v| own(v, Arg::Value)),
            Param::Threshold => o.check.threshold.map_or_else(empty, Arg::Text),
            // Exceeded guidance is met: its gap is not in the report, so it is written here.
            Param::Gap => o.gap.map_or_else(empty, |g| if o.status == Status::Met { Arg::Grouped(g.text) } else { own(g.text, Arg::Gap) }),
            Param::GapUnit => o
                .gap
                .and_then(|g| self.ruleset.field(g.field).and_then(|f| f.units.get(g.unit)))
                .map_or_else(empty, |u| Arg::Text(u.label)),
            // An either-or count's gap is in its nearest group, named by the group's title.
            Param::GapLabel => match rule {
                Rule::AnyCount { groups } => groups.get(o.group).map_or_else(empty, |g| Arg::Text(g.title)),
                _ => o.gap.and_then(|g| self.ruleset.field(g.field).map(|f| label_arg(f, g.year))).unwrap_or_else(empty),
            },
            Param::Missing => match (o.why, rule) {
                (Why::Judged { missing_values }, Rule::AllOf { field }) => {
                    let values = self.ruleset.field(usize::from(field)).map_or(&[][..], |f| f.values);
                    Arg::List(missing_values.iter().filter_map(|i| values.get(i)).map(|v| Arg::Text(v.label)).collect())
                }
                _ => empty(),
            },
            Param::Fields => match o.why {
                Why::Missing(positions) | Why::Invalid(positions) => Arg::List(
                    operands(self.ruleset, &rule)
                        .iter()
                        .enumerate()
                        .filter(|(at, _)| positions.contains(*at))
                        .map(|(_, (field, back))| self.operand_arg(field, back))
                        .collect(),
                ),
                Why::BadRuleset => Arg::Text(msg::RULESET_LABEL.index),
                _ => empty(),
            },
            Param::FirstYear | Param::LastYear => {
                let Some(field) = per_year else { return empty() };
                let back = if param == Param::FirstYear { self.ruleset.field(field).map_or(0, |f| f.slots() - 1) } else { 0 };
                self.year_of(field, back).map_or_else(empty, Arg::Int)
            }
            Param::FirstValue | Param::LastValue => {
                let Some(field) = per_year else { return empty() };
                let back = if param == Param::FirstValue { self.ruleset.field(field).map_or(0, |f| f.slots() - 1) } else { 0 };
                self.year_amount(field, back).map_or_else(empty, Arg::Grouped)
            }
            Param::Years | Param::ShortYears => {
                let Some(field) = per_year else { return empty() };
                let (compare, threshold) = match rule {
                    Rule::EachYear { compare, threshold, .. } => (compare, threshold),
                    _ => (Compare::AtLeast, Dec::ZERO),
                };
                let slots = self.ruleset.field(field).map_or(0, Field::slots);
                let items = (0..slots)
                    .rev()
                    .filter(|&back| {
                        param == Param::Years || self.year_base(field, back).is_some_and(|b| b.compare(Ratio::dec(threshold)).is_some_and(|o| !compare.holds(o)))
                    })
                    .filter_map(|back| {
                        let value = self.year_amount(field, back)?;
                        let year = self.year_of(field, back)?;
                        let unit = match self.reading(field, back) {
                            Reading::Amount { unit, .. } => self.ruleset.field(field)?.units.get(unit).map_or_else(empty, |u| Arg::Text(u.label)),
                            _ => empty(),
                        };
                        Some(Arg::Msg(Box::new(Message::new(msg::YEAR_VALUE.index, vec![Arg::Int(year), Arg::Grouped(value), unit]))))
                    })
                    .collect();
                Arg::List(items)
            }
            Param::Group => match rule {
                Rule::AnyCount { groups } => groups.get(o.group).map_or_else(empty, |g| Arg::Text(g.title)),
                _ => empty(),
            },
            Param::GroupValue(n) | Param::GroupThreshold(n) => {
                let Rule::AnyCount { groups } = rule else { return empty() };
                let Some(group) = groups.get(usize::from(n).saturating_sub(1)) else { return empty() };
                if let Param::GroupThreshold(_) = param {
                    return Arg::Text(group.threshold_text);
                }
                // The sum of what is given (a group met by part of its counts is met).
                let mut sum: i128 = 0;
                let mut any = false;
                for &f in group.fields {
                    if let Reading::Amount { value, .. } = self.reading(usize::from(f), 0) {
                        sum = sum.saturating_add(value.micros());
                        any = true;
                    }
                }
                if any { Arg::Grouped(Dec::from_micros(sum).to_plain()) } else { empty() }
            }
            _ => empty(),
        }
    }

    /// A year's figure as given.
    fn year_amount(&self, field: usize, back: usize) -> Option<Plain> {
        match self.reading(field, back) {
            Reading::Amount { value, .. } => Some(value.to_plain()),
            _ => None,
        }
    }

    /// A year's figure in the base unit.
    fn year_base(&self, field: usize, back: usize) -> Option<Ratio> {
        let f = self.ruleset.field(field)?;
        match self.reading(field, back) {
            Reading::Amount { value, unit } => base_value(f, value, unit),
            _ => None,
        }
    }
}

/// The growth in percent as the report shows it, cut to four places toward the side that
/// fails (down for a lower bound): the largest `v` (in millionths) with
/// `(1 + v)^k ≤ last ÷ first`, found by halving, each step an exact comparison.
fn growth_percent(first: Ratio, last: Ratio, intervals: u32, up: bool) -> Option<Plain> {
    if intervals == 0 {
        return None;
    }
    let ratio = last.div(first)?;
    // (SCALE + v)^k compared with ratio × SCALE^k.
    let at = |v: i128| -> Option<Ordering> {
        let base = Ratio::int(SCALE.checked_add(v)?);
        base.pow(intervals)?.compare(ratio.mul(Ratio::int(SCALE).pow(intervals)?)?)
    };
    // v from −SCALE (no growth left: −100%) up to where the power passes the ratio.
    let (mut lo, mut hi) = (-SCALE, SCALE);
    while at(hi)? != Ordering::Greater {
        hi = hi.checked_mul(2)?;
    }
    // Invariant: at(lo) ≤ ratio < at(hi).
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if at(mid)? == Ordering::Greater {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    // `lo` in millionths is the growth as a fraction; in percent with four places that is
    // `lo` ten-thousandths of a percent.
    let exact = at(lo)? == Ordering::Equal;
    let shown = if up && !exact { lo + 1 } else { lo };
    Some(fixed_to_plain(shown, 4))
}

/// The text that names a field in messages: its label, with the year for a per-year figure.
pub(crate) fn label_arg(field: &Field, year: Option<u32>) -> Arg {
    match year {
        Some(year) => Arg::Msg(Box::new(Message::new(msg::YEAR_LABEL.index, vec![Arg::Int(year), Arg::Text(field.label)]))),
        None => Arg::Text(field.label),
    }
}

/// Ids as code writes them, joined by `, ` in both languages.
pub(crate) fn ids<'i>(list: impl Iterator<Item = &'i str>) -> Arg {
    let mut out = String::new();
    for (i, id) in list.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(id);
    }
    Arg::Str(out)
}

/// An amount with its unit's name after it (`1,000 公顷`), or alone for a field without units.
pub(crate) fn amount_arg(value: Plain, field: &Field, unit: usize) -> Arg {
    let amount = Arg::Grouped(value);
    match field.units.get(unit) {
        Some(u) => Arg::Msg(Box::new(Message::new(msg::AMOUNT.index, vec![amount, Arg::Text(u.label)]))),
        None => amount,
    }
}

fn number_message(error: NumberError, label: Arg, key: &str, value: &Value, max: Arg) -> Message {
    let template = match error {
        NumberError::NotANumber => msg::NOT_A_NUMBER,
        NumberError::Negative => msg::NEGATIVE,
        NumberError::TooLarge => msg::TOO_LARGE,
        NumberError::NotWhole => msg::NOT_WHOLE,
        NumberError::TooPrecise => msg::TOO_PRECISE,
    };
    let mut args = vec![label, Arg::Str(key.to_owned()), Arg::Str(value.shown())];
    if template.index == msg::TOO_LARGE.index {
        args.push(max);
    }
    Message::new(template.index, args)
}

/// What a value is, for messages about wrong types.
pub(crate) fn kind_word(value: &Value) -> Word {
    match value {
        Value::Null => msg::GOT_NULL,
        Value::Bool(_) => msg::GOT_BOOL,
        Value::Number(_) => msg::GOT_NUMBER,
        Value::Text(_) => msg::GOT_TEXT,
        Value::List(_) => msg::GOT_LIST,
        Value::Object => msg::GOT_OBJECT,
    }
}

/// What a field of each kind must be.
fn expected_word(kind: Kind) -> Word {
    match kind {
        Kind::Bool => msg::EXPECTED_BOOL,
        Kind::Count => msg::EXPECTED_COUNT,
        Kind::Decimal => msg::EXPECTED_DECIMAL,
        Kind::Set => msg::EXPECTED_SET,
    }
}

/// Every input key of a ruleset, for suggestions.
#[cold]
fn input_keys(ruleset: &Ruleset, meta: &[&str]) -> Vec<String> {
    let mut keys = Vec::new();
    for field in ruleset.fields {
        let year = (field.years > 0).then_some(2024);
        if field.units.is_empty() {
            keys.push(input_key(field, usize::MAX, year));
        } else {
            keys.extend((0..field.units.len()).map(|u| input_key(field, u, year)));
        }
    }
    keys.extend(meta.iter().map(|k| (*k).to_owned()));
    keys
}

/// The known key closest to an unknown one, when close enough to be a likely typo.
#[cold]
fn suggestion(key: &str, keys: &[String]) -> Option<String> {
    let lower = key.trim().to_ascii_lowercase();
    keys.iter()
        .map(|k| {
            let close = if k.strip_prefix(lower.as_str()).is_some_and(|rest| rest.starts_with('_')) { 0 } else { distance(&lower, k) };
            (close, k)
        })
        .min_by_key(|(d, _)| *d)
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .map(|(_, k)| k.clone())
}

/// One of a unit is `num / den` of the field's base unit.
fn factor(field: &Field, unit: usize) -> (i128, i128) {
    field.units.get(unit).map_or((1, 1), |u| (u.num, u.den))
}

/// A figure in its field's base unit (given in that unit, as usual, it needs no division).
fn base_value(field: &Field, value: Dec, unit: usize) -> Option<Ratio> {
    match factor(field, unit) {
        (1, 1) => Some(Ratio::dec(value)),
        (num, den) => Ratio::dec(value).mul(Ratio::new(num, den)?),
    }
}

/// An amount in the field's base unit, in the unit `unit`.
fn to_unit(field: &Field, amount: Ratio, unit: usize) -> Option<Ratio> {
    match factor(field, unit) {
        (1, 1) => Some(amount),
        (num, den) => amount.mul(Ratio::new(den, num)?),
    }
}

/// Which value of a set field a text names.
fn set_value(field: &Field, text: &str) -> Option<usize> {
    let text = number::trim(text);
    field.values.iter().position(|v| v.id == text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: i128) -> Ratio {
        Ratio::int(n)
    }

    #[test]
    fn growth_is_cut_toward_failing() {
        // 121 over 100 in two intervals is exactly 10%.
        assert_eq!(growth_percent(r(100), r(121), 2, false).map(|p| p.as_str().to_owned()), Some("10".into()));
        // A decline: 81 over 100 is −10%.
        assert_eq!(growth_percent(r(100), r(81), 2, false).map(|p| p.as_str().to_owned()), Some("-10".into()));
        // √2 − 1 = 41.4213562…%: down 41.4213, up 41.4214.
        assert_eq!(growth_percent(r(1), r(2), 2, false).map(|p| p.as_str().to_owned()), Some("41.4213".into()));
        assert_eq!(growth_percent(r(1), r(2), 2, true).map(|p| p.as_str().to_owned()), Some("41.4214".into()));
        // Nothing left: −100%.
        assert_eq!(growth_percent(r(5), r(0), 2, false).map(|p| p.as_str().to_owned()), Some("-100".into()));
    }

    /// Every input key of every ruleset built in (per-year keys for a few years), and the
    /// keys besides the fields.
    fn all_keys() -> Vec<String> {
        let mut keys: Vec<String> = ["ruleset", "name", "year", "unknown_key"].iter().map(|k| (*k).to_owned()).collect();
        for ruleset in ruleset::RULESETS {
            for field in ruleset.fields {
                let stems: Vec<String> = if field.units.is_empty() {
                    vec![field.key.to_owned()]
                } else {
                    field.units.iter().map(|u| format!("{}_{}", field.key, u.suffix)).collect()
                };
                for stem in stems {
                    if field.years > 0 {
                        keys.extend((2021..=2025).map(|y| format!("{stem}_{y}")));
                    } else {
                        keys.push(stem);
                    }
                }
            }
        }
        keys
    }

    fn value() -> impl proptest::strategy::Strategy<Value = Value<'static>> {
        use proptest::prelude::*;
        let ids: Vec<&'static str> = ruleset::RULESETS.iter().map(|r| r.id).collect();
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            "-?[0-9]{1,14}(\\.[0-9]{1,7})?".prop_map(|s| Value::Number(s.into())),
            "[0-9]{1,4}(\\.[0-9]{1,3})?".prop_map(|s| Value::Number(s.into())),
            "[0-9]{0,3}(,[0-9]{3}){0,3}(\\.[0-9]{0,3})?".prop_map(|s| Value::Text(s.into())),
            Just(Value::Number("0".into())),
            prop::sample::select(ids).prop_map(|s| Value::Text(s.into())),
            prop::collection::vec(prop::sample::select(vec!["rd_design", "testing", "training", "consulting", "ip", "financing", "exhibition", "logistics", "cooking"]), 0..9)
                .prop_map(|items| Value::List(items.into_iter().map(|s| Value::Text(s.into())).collect())),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 3000, ..proptest::prelude::ProptestConfig::default() })]

        /// Judged without explaining (the verdicts form), every record has the statuses,
        /// the verdict, the tier, the errors and the warnings it has when explained.
        #[test]
        fn verdicts_are_judged_as_explained(pairs in proptest::collection::vec((proptest::sample::select(all_keys()), value()), 0..30)) {
            let mut figures = Figures::new();
            for (key, value) in pairs {
                figures.set(key, value);
            }
            let judged = |explain: bool| {
                let mut e = Evaluation::of(&figures);
                e.explain = explain;
                let mut statuses = Vec::new();
                e.judge(|_, o| statuses.push(o.status));
                let errors: Vec<Finding> = e.errors().cloned().collect();
                (statuses, e.statuses.clone(), e.verdict, e.tier, e.tier_note.clone(), errors, e.warnings.clone())
            };
            proptest::prop_assert_eq!(judged(true), judged(false));
        }
    }
}
