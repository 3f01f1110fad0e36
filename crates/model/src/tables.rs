//! Rulesets as the engine sees them: plain static data, generated at build time from the
//! ruleset files (see [`crate::load`]), so that the `.wasm` carries the rules but no parser
//! for them.
//!
//! These tables hold what the engine decides with — kinds, units, comparisons, thresholds,
//! and which template explains each outcome — but no text a reader sees: texts live in the
//! catalog (for JavaScript) and in [`RulesetTexts`] (for the native report), and the engine
//! refers to them by index. That keeps the words of every document out of the `.wasm`.

use core::cmp::Ordering;

use crate::number::Dec;

/// The most figures (readings) one check may read: the fields of an `any_true` or
/// `any_count` rule, or the years of a per-year rule.
pub const MAX_OPERANDS: usize = 16;

/// A text in both languages of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    /// Simplified Chinese.
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

/// What a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Yes or no.
    Bool,
    /// A whole number, not negative (enterprises, audits).
    Count,
    /// An exact decimal in one of the field's units; negative only if the field is signed.
    Decimal,
    /// A set of ids from the field's list of values.
    Set,
}

/// How a figure is compared with its threshold. The document's words decide:
/// 不少于, 不低于, 以上, 达到 → [`Compare::AtLeast`]; 超, 超过, 高于 → [`Compare::Over`];
/// 不超过 → [`Compare::AtMost`]; 低于 (as a bound) → [`Compare::Under`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compare {
    /// ≥: the threshold itself counts.
    AtLeast,
    /// >: strictly more.
    Over,
    /// ≤: the threshold itself counts.
    AtMost,
    /// <: strictly less.
    Under,
}

impl Compare {
    /// Whether a value that compares to the threshold as `order` meets it.
    pub fn holds(self, order: Ordering) -> bool {
        match self {
            Compare::AtLeast => order != Ordering::Less,
            Compare::Over => order == Ordering::Greater,
            Compare::AtMost => order != Ordering::Greater,
            Compare::Under => order == Ordering::Less,
        }
    }

    /// Whether the threshold is an upper bound (the gap is how much to reduce).
    pub fn is_upper(self) -> bool {
        matches!(self, Compare::AtMost | Compare::Under)
    }

    /// Whether the threshold itself does not meet it (超, 高于, 低于).
    pub fn is_strict(self) -> bool {
        matches!(self, Compare::Over | Compare::Under)
    }

    /// The comparison as the ruleset file writes it.
    pub fn symbol(self) -> &'static str {
        match self {
            Compare::AtLeast => ">=",
            Compare::Over => ">",
            Compare::AtMost => "<=",
            Compare::Under => "<",
        }
    }
}

/// One unit a figure may be given in under its own input key (`land_area_mu`). Units for
/// entry only (亿元) are converted by the front end and are not here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    /// Input key suffix (`ha`, `mu`, `wan`).
    pub suffix: &'static str,
    /// One of this unit is `num / den` of the field's base unit (亩: 1/15 公顷).
    pub num: i128,
    /// See `num`; positive.
    pub den: i128,
    /// The unit's name: an index into the ruleset's texts.
    pub label: u16,
}

/// A value a set field may contain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SetValue {
    /// The id used in figures.
    pub id: &'static str,
    /// Its name: an index into the ruleset's texts.
    pub label: u16,
}

/// One figure of a ruleset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The stem of its input keys (`revenue` → `revenue_wan`).
    pub key: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// A decimal that may be negative.
    pub signed: bool,
    /// For a figure given per year, how many consecutive years the checks read (0: one
    /// figure, not per year).
    pub years: u8,
    /// Where its readings are kept: one slot, or `years` of them (the latest year first).
    pub slot: u8,
    /// Its name: an index into the ruleset's texts.
    pub label: u16,
    /// The keyed units; empty when the input key is the stem itself.
    pub units: &'static [Unit],
    /// The values of a set field.
    pub values: &'static [SetValue],
    /// The error code when a ratio divides by this field and it is zero.
    pub zero_error: Option<&'static str>,
    /// Above this (in the base unit) a usable figure is flagged: its unit is probably wrong.
    pub plausible_max: Option<Dec>,
    /// The unit mistake likely then (`{hint}`): an index into the ruleset's texts.
    pub plausible_hint: Option<u16>,
}

impl Field {
    /// How many readings it has: one, or one per year.
    pub fn slots(&self) -> usize {
        usize::from(self.years.max(1))
    }
}

/// What a zero denominator means for a ratio.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhenZero {
    /// Nothing was due: the check is met (mandatory audits when none is required).
    Met,
    /// The ratio is undefined: the denominator's `zero_error` is reported.
    Error,
}

/// A group of counts whose sum is compared with a threshold (see [`Rule::AnyCount`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CountGroup {
    /// Field indexes of the counts added up.
    pub fields: &'static [u8],
    /// ≥ or >.
    pub compare: Compare,
    /// The threshold of the sum.
    pub threshold: Dec,
    /// The threshold as explanations show it: an index into the ruleset's texts.
    pub threshold_text: u16,
    /// The group's name: an index into the ruleset's texts.
    pub title: u16,
}

/// The kinds of check the engine knows. Field operands are field indexes; a per-year field
/// used where one figure is read stands for its latest year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// A yes/no field must be yes.
    IsTrue {
        /// Field index.
        field: u8,
    },
    /// At least one of several yes/no fields must be yes.
    AnyTrue {
        /// Field indexes.
        fields: &'static [u8],
    },
    /// A figure compared with a threshold.
    Threshold {
        /// Field index.
        field: u8,
        /// The comparison.
        compare: Compare,
        /// In the field's base unit.
        threshold: Dec,
        /// Guidance (一般不超过): not meeting it is a warning, and the check counts as met.
        soft: bool,
    },
    /// `numerator ÷ denominator` compared with a threshold.
    Ratio {
        /// Field index of the numerator.
        numerator: u8,
        /// Field index of the denominator.
        denominator: u8,
        /// The comparison.
        compare: Compare,
        /// In percent when `percent`, else in base units of numerator per denominator.
        threshold: Dec,
        /// Whether the ratio is shown and compared in percent.
        percent: bool,
        /// The numerator is part of the denominator: more is `inconsistent`.
        part_of_whole: bool,
        /// What a zero denominator means.
        when_zero: WhenZero,
        /// Adding to the numerator adds as much to the denominator (a share of a total),
        /// so the gap is `(t·d − n) / (1 − t)`, not `t·d − n`.
        gap_grows_denominator: bool,
    },
    /// A set field must hold every one of its values.
    AllOf {
        /// Field index.
        field: u8,
    },
    /// Each year of a per-year figure compared with a threshold (近三年产值均在40亿元以上).
    EachYear {
        /// Field index (a per-year field).
        field: u8,
        /// The comparison.
        compare: Compare,
        /// In the field's base unit.
        threshold: Dec,
    },
    /// The average annual growth of a per-year figure over its years, in percent, compared
    /// exactly: growth > g over k intervals ⇔ last × 100^k > first × (100 + g)^k.
    Growth {
        /// Field index (a per-year field).
        field: u8,
        /// The comparison.
        compare: Compare,
        /// Percent.
        threshold: Dec,
    },
    /// Met when the sum of any one group of counts meets its threshold (不少于1家…，或者不少于10家…).
    AnyCount {
        /// The groups, in the document's order.
        groups: &'static [CountGroup],
    },
}

/// A value an explanation or message template is filled with, by name. The ruleset files
/// write `{value}`, `{gap}`, …; the compiler turns each template into one with numbered
/// places and records, here, which value goes in each place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    /// The check's value, digits grouped.
    Value,
    /// The check's threshold, digits grouped.
    Threshold,
    /// The gap, digits grouped.
    Gap,
    /// The unit of the gap's figure.
    GapUnit,
    /// The name of the gap's figure.
    GapLabel,
    /// The values of a set that are missing.
    Missing,
    /// The figures that are missing or unusable.
    Fields,
    /// The first and the last year of a per-year check.
    FirstYear,
    /// See `FirstYear`.
    LastYear,
    /// Every year of a per-year check with its figure.
    Years,
    /// The years that do not meet the threshold, with their figures.
    ShortYears,
    /// The first and the last year's figures of a growth check.
    FirstValue,
    /// See `FirstValue`.
    LastValue,
    /// The group of counts that meets its threshold (or, when none does, the nearest).
    Group,
    /// The sum of group `n` (1-based), digits grouped; empty when not every count is given.
    GroupValue(u8),
    /// The threshold of group `n` (1-based).
    GroupThreshold(u8),
    // The engine's messages.
    /// A field's name.
    Label,
    /// An input key.
    Key,
    /// The largest accepted figure.
    Max,
    /// A suggestion for an unknown key.
    Hint,
    /// The key suggested.
    Suggestion,
    /// The unit of the first of two keys given for one figure.
    FirstUnit,
    /// The first of two keys given for one figure.
    FirstKey,
    /// A unit.
    Unit,
    /// The other figure of a contradiction: its name.
    OtherLabel,
    /// The other figure of a contradiction: its key.
    OtherKey,
    /// The other figure of a contradiction: its value.
    OtherValue,
    /// Checks that cannot be made.
    Checks,
    /// What is known (rulesets, values).
    Known,
    /// What a figure must be.
    Expected,
    /// What was given instead.
    Got,
    /// A plausible limit.
    Limit,
    /// A year.
    Year,
    // The roster's messages.
    /// An enterprise's name.
    Name,
    /// A row number.
    Row,
    /// Row numbers.
    Rows,
    /// A list of enterprises.
    List,
    /// A roster column's name.
    Column,
    /// The standard a yes/no is derived by.
    Source,
    /// A yes/no as given.
    Given,
    /// A yes/no or a figure as derived.
    Derived,
    /// A figure as typed.
    Typed,
    /// The first row of a repeated name.
    First,
}

impl Param {
    /// The name the files write between braces.
    pub fn name(self) -> String {
        let plain = match self {
            Param::Value => "value",
            Param::Threshold => "threshold",
            Param::Gap => "gap",
            Param::GapUnit => "gap_unit",
            Param::GapLabel => "gap_label",
            Param::Missing => "missing",
            Param::Fields => "fields",
            Param::FirstYear => "first_year",
            Param::LastYear => "last_year",
            Param::Years => "years",
            Param::ShortYears => "short_years",
            Param::FirstValue => "first_value",
            Param::LastValue => "last_value",
            Param::Group => "group",
            Param::GroupValue(n) => return "value".to_owned() + &n.to_string(),
            Param::GroupThreshold(n) => return "threshold".to_owned() + &n.to_string(),
            Param::Label => "label",
            Param::Key => "key",
            Param::Max => "max",
            Param::Hint => "hint",
            Param::Suggestion => "suggestion",
            Param::FirstUnit => "first_unit",
            Param::FirstKey => "first_key",
            Param::Unit => "unit",
            Param::OtherLabel => "other_label",
            Param::OtherKey => "other_key",
            Param::OtherValue => "other_value",
            Param::Checks => "checks",
            Param::Known => "known",
            Param::Expected => "expected",
            Param::Got => "got",
            Param::Limit => "limit",
            Param::Year => "year",
            Param::Name => "name",
            Param::Row => "row",
            Param::Rows => "rows",
            Param::List => "list",
            Param::Column => "column",
            Param::Source => "source",
            Param::Given => "given",
            Param::Derived => "derived",
            Param::Typed => "typed",
            Param::First => "first",
        };
        plain.to_owned()
    }
}

/// A template: its index in the ruleset's templates, and what fills each numbered place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Template {
    /// Index into the ruleset's templates (catalog `templates`).
    pub index: u16,
    /// Place `i` is filled with `params[i]`.
    pub params: &'static [Param],
}

/// The explanation templates of a check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Explain {
    /// When met.
    pub met: Template,
    /// When not met.
    pub not_met: Template,
    /// When met because nothing was due (a zero denominator that counts as met).
    pub nothing_due: Option<Template>,
    /// When a soft bound is exceeded (counted as met, with a warning).
    pub guidance: Option<Template>,
}

/// One check of a condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Check {
    /// Its title, as a text (for lists of checks in messages).
    pub title: u16,
    /// Its threshold as explanations show it (digits grouped), as a text.
    pub threshold: Option<u16>,
    /// The rule.
    pub rule: Rule,
    /// The explanations.
    pub explain: Explain,
    /// Above this value (in the check's unit) the result is implausible, and the warning
    /// then (on the figure most likely mistyped: a ratio's numerator, growth's last year).
    pub plausible: Option<(Dec, Template)>,
}

/// One condition: a clause of the document and its checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Condition {
    /// Its checks, in the document's order.
    pub checks: &'static [Check],
}

/// A named band of a figure (revenue tiers); the report names the first that applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tier {
    /// Stable id.
    pub id: &'static str,
    /// Field index.
    pub field: u8,
    /// The comparison.
    pub compare: Compare,
    /// In the field's base unit.
    pub threshold: Dec,
    /// What the report notes of a figure exactly on a strict band's threshold, in place of
    /// `Messages::tier_boundary`.
    pub at_threshold: Option<Template>,
}

/// The ruleset's own message templates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Messages {
    /// A check whose figures are not all given.
    pub missing: Template,
    /// A check with an unusable figure.
    pub invalid: Template,
    /// A figure exactly on a tier's threshold when the tier needs more (超).
    pub tier_boundary: Option<Template>,
    /// A figure above its field's plausible limit.
    pub implausible: Option<Template>,
}

/// What a term of a roster condition tests of one column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Test {
    /// A yes/no column is yes.
    True,
    /// An amount compared with a threshold, in the column's base unit.
    Compare {
        /// The comparison.
        compare: Compare,
        /// The threshold.
        threshold: Dec,
    },
}

/// One term of a roster condition: a column and its test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    /// Column index.
    pub column: u8,
    /// What it tests.
    pub test: Test,
}

/// A condition on an enterprise: every clause holds; a clause holds when any of its terms
/// does.
pub type Predicate = &'static [&'static [Term]];

/// How a blank yes/no column is decided by a standard the document relies on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Derive {
    /// Column index of the yes/no.
    pub column: u8,
    /// What makes it yes.
    pub rule: Predicate,
    /// The standard's name: an index into the ruleset's texts.
    pub source: u16,
    /// What the standard says, in a phrase: an index into the ruleset's texts.
    pub reading: u16,
}

/// A contradiction within a row: `column` yes needs `needs` given and, if yes/no, yes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Requires {
    /// Column index.
    pub column: u8,
    /// Column index of what it needs.
    pub needs: u8,
    /// The error code.
    pub code: &'static str,
}

/// How a roster figure is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aggregate {
    /// The enterprises that meet the filter.
    Count,
    /// A column added up over the enterprises that meet the filter.
    Sum {
        /// Column index.
        column: u8,
    },
}

/// A figure of the ruleset counted from a roster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RosterFigure {
    /// Field index in the ruleset.
    pub field: u8,
    /// Count or sum.
    pub aggregate: Aggregate,
    /// Which enterprises.
    pub filter: Predicate,
}

/// An enterprise roster: its columns (read as the figures of a ruleset are), what blank
/// cells mean, and the figures it gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Roster {
    /// The columns, as the fields of a ruleset with no conditions.
    pub columns: &'static Ruleset,
    /// Yes/no columns whose blank cell means a fixed answer.
    pub defaults: &'static [(u8, bool)],
    /// Yes/no columns whose blank cell is decided by a standard.
    pub derive: &'static [Derive],
    /// Contradictions.
    pub requires: &'static [Requires],
    /// The figures it gives, in the ruleset's field order.
    pub figures: &'static [RosterFigure],
    /// Readings every count carries: indexes into the ruleset's texts.
    pub notes: &'static [u16],
}

/// A whole ruleset: one document's conditions, as data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ruleset {
    /// Stable id (`henan-2014`).
    pub id: &'static str,
    /// Its figures.
    pub fields: &'static [Field],
    /// How many readings the fields need in all (a per-year field needs one per year).
    pub slots: usize,
    /// For each slot of [`initial_slot`], the fields whose input keys fall in it, as a bit
    /// set: a key is compared only with those.
    pub initials: [u64; 64],
    /// Its conditions, in the document's order.
    pub conditions: &'static [Condition],
    /// Tiers, highest first.
    pub tiers: &'static [Tier],
    /// Generic messages.
    pub messages: Messages,
    /// How many texts the ruleset's catalog holds (every text index is below it).
    pub texts: u16,
    /// The enterprise roster its figures can be counted from, if any.
    pub roster: Option<&'static Roster>,
}

/// Where an input key's fields are listed in [`Ruleset::initials`]: by its first and
/// third bytes (0 past its end), which tell apart more of the keys of a ruleset than the
/// first alone (`revenue`, `related_smes`, `rd_expense`), so that a key is compared with
/// fewer fields. Every input key of a field begins with the field's key.
pub fn initial_slot(key: &[u8]) -> usize {
    let byte = |i: usize| usize::from(key.get(i).copied().unwrap_or(0));
    (byte(0) + 5 * byte(2)) % 64
}

impl Ruleset {
    /// The field at `index` (indexes come from the validated ruleset file).
    pub fn field(&self, index: usize) -> Option<&'static Field> {
        self.fields.get(index)
    }

    /// Every check, in order.
    pub fn checks(&self) -> impl Iterator<Item = &'static Check> {
        self.conditions.iter().flat_map(|c| c.checks.iter())
    }

    /// How many checks there are.
    pub fn check_count(&self) -> usize {
        self.conditions.iter().map(|c| c.checks.len()).sum()
    }
}

/// Everything a reader sees of a ruleset, for the native report. Kept apart from
/// [`Ruleset`] so that nothing the `.wasm` links refers to it: there the catalog carries the
/// texts, and these tables are left out of the module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RulesetTexts {
    /// Stable id.
    pub id: &'static str,
    /// Document number.
    pub document: &'static str,
    /// Date of issue, ISO 8601.
    pub issued: &'static str,
    /// The document's title.
    pub title: Text,
    /// Texts referred to by index.
    pub texts: &'static [Text],
    /// Templates referred to by index, with numbered places.
    pub templates: &'static [Text],
    /// How lists are joined.
    pub join: Text,
    /// The conditions' texts, in order.
    pub conditions: &'static [ConditionTexts],
    /// Notes every report carries.
    pub notes: &'static [Text],
    /// Input keys of each field, for messages (`land_area_ha`, …; for a per-year field the
    /// key before its `_{year}`).
    pub keys: &'static [&'static [&'static str]],
}

/// A condition's texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConditionTexts {
    /// Stable id.
    pub id: &'static str,
    /// The clause, e.g. 三（二）.
    pub clause: &'static str,
    /// The clause's heading.
    pub title: Text,
    /// Its checks.
    pub checks: &'static [CheckTexts],
}

/// A check's texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckTexts {
    /// Stable id.
    pub id: &'static str,
    /// Short name.
    pub title: Text,
    /// The key phrase of the document, verbatim.
    pub citation: &'static str,
    /// The threshold as the report shows it.
    pub threshold: Option<&'static str>,
    /// Unit of value and threshold in the report.
    pub unit: Option<&'static str>,
}
