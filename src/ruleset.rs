//! Rulesets as the engine sees them: plain static data, generated at build time from the
//! files in `src/rulesets/` (see `build.rs` and `schema.rs`, which validate them).
//!
//! The engine knows kinds of checks, not any one document: a ruleset names its fields,
//! groups checks into conditions, and gives each check a [`Rule`].

use crate::number::Dec;

/// A text in both languages of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Text {
    /// Simplified Chinese.
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

/// What a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// Yes or no.
    Bool,
    /// A whole, non-negative number (enterprises, audits).
    Count,
    /// An exact, non-negative decimal in one of the field's units.
    Quantity,
    /// A set of ids from the field's list of values.
    Set,
}

/// One unit a quantity may be given in; the input key is `{field}_{suffix}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    /// Input key suffix (`ha`, `mu`, `wan`).
    pub suffix: &'static str,
    /// The unit as written in explanations (公顷 / ha).
    pub label: Text,
    /// How many of this unit make one of the field's base unit (亩: 15 per 公顷).
    pub per_base: i128,
}

/// A value a set field may contain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SetValue {
    /// The id used in figures.
    pub id: &'static str,
    /// Its name, as the explanation lists it when missing.
    pub label: Text,
}

/// One figure of a ruleset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The input key, or for a quantity with units the stem before `_{suffix}`.
    pub key: &'static str,
    /// What it holds.
    pub kind: FieldKind,
    /// Its name in explanations and error messages.
    pub label: Text,
    /// The units of a quantity; the first is the base unit.
    pub units: &'static [Unit],
    /// The error code when a ratio divides by this field and it is zero.
    pub zero_error: Option<&'static str>,
    /// The values of a set field.
    pub values: &'static [SetValue],
    /// Above this (in the base unit) a figure is usable but doubtful: a warning asks the
    /// user to check the unit.
    pub implausible_above: Option<Dec>,
}

/// How a figure is compared with its threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compare {
    /// 不少于, 不低于, 以上, 达到: the threshold itself counts (≥).
    AtLeast,
    /// 超, 超过: strictly more (>).
    Over,
}

/// What a ratio check does when its denominator is zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhenZero {
    /// Nothing was due: the check is met (mandatory audits when none is required).
    Met,
    /// The ratio is undefined: the denominator's `zero_error` is reported.
    Error,
}

/// The kinds of check the engine knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// A yes/no field must be yes.
    IsTrue {
        /// Field index.
        field: usize,
    },
    /// At least one of several yes/no fields must be yes.
    AnyTrue {
        /// Field indexes.
        fields: &'static [usize],
    },
    /// A count or quantity compared with a threshold.
    Threshold {
        /// Field index.
        field: usize,
        /// ≥ or >.
        compare: Compare,
        /// In the field's (base) unit.
        threshold: Dec,
    },
    /// `numerator ÷ denominator` compared with a threshold.
    Ratio {
        /// Field index of the numerator.
        numerator: usize,
        /// Field index of the denominator.
        denominator: usize,
        /// ≥ or >.
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
        field: usize,
    },
}

impl Rule {
    /// The fields the rule reads, in the order its explanations name them (a ratio's
    /// numerator before its denominator).
    pub fn fields(&self) -> impl Iterator<Item = usize> + Clone {
        let (list, own, own_len): (&'static [usize], [usize; 2], usize) = match *self {
            Rule::IsTrue { field } | Rule::Threshold { field, .. } | Rule::AllOf { field } => (&[], [field, 0], 1),
            Rule::AnyTrue { fields } => (fields, [0, 0], 0),
            Rule::Ratio { numerator, denominator, .. } => (&[], [numerator, denominator], 2),
        };
        list.iter().copied().chain(own.into_iter().take(own_len))
    }
}

/// Explanation templates of a check. Placeholders: `{value}`, `{threshold}`, `{gap}`,
/// `{gap_unit}`, `{missing}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Explain {
    /// When met.
    pub met: Text,
    /// When not met.
    pub not_met: Text,
    /// When met because nothing was due (a zero denominator that counts as met).
    pub nothing_due: Option<Text>,
}

/// One check of a condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Check {
    /// Stable id.
    pub id: &'static str,
    /// Short name.
    pub title: Text,
    /// The key phrase of the document, verbatim.
    pub citation: &'static str,
    /// The threshold as the report shows it (for a set: how many values it needs).
    pub threshold: Option<&'static str>,
    /// Unit of `value` and `threshold` in the report.
    pub unit: Option<&'static str>,
    /// The rule.
    pub rule: Rule,
    /// Explanation templates.
    pub explain: Explain,
}

/// One creation condition: a clause of the document and its checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Condition {
    /// Stable id.
    pub id: &'static str,
    /// The clause, e.g. 三（二）.
    pub clause: &'static str,
    /// The clause's heading.
    pub title: Text,
    /// Its checks, in the document's order.
    pub checks: &'static [Check],
}

/// A named band of a figure (revenue tiers); the report names the first that applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tier {
    /// Stable id.
    pub id: &'static str,
    /// Field index.
    pub field: usize,
    /// ≥ or >.
    pub compare: Compare,
    /// In the field's base unit.
    pub threshold: Dec,
    /// Its name.
    pub title: Text,
}

/// Generic messages of a ruleset. Placeholders: `{fields}`, in `tier_boundary`
/// `{threshold}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Messages {
    /// A check whose figures are not all given.
    pub missing: Text,
    /// A check with an unusable figure.
    pub invalid: Text,
    /// A figure exactly on a tier's threshold when the tier needs more (超).
    pub tier_boundary: Option<Text>,
    /// A figure above its field's `implausible_above`. Placeholders: `{key}`, `{label}`,
    /// `{value}`, `{limit}`, `{unit}`.
    pub implausible: Option<Text>,
}

/// A whole ruleset: one document's creation conditions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ruleset {
    /// Stable id (`henan-2014`).
    pub id: &'static str,
    /// Document number.
    pub document: &'static str,
    /// Date of issue, ISO 8601.
    pub issued: &'static str,
    /// The document's title.
    pub title: Text,
    /// Generic messages.
    pub messages: Messages,
    /// Its figures.
    pub fields: &'static [Field],
    /// For each first byte of an input key (modulo 64), the fields whose keys begin with
    /// it, as a bit set: [`Ruleset::lookup`] compares a key only with those.
    pub initials: [u64; 64],
    /// Its conditions, in the document's order.
    pub conditions: &'static [Condition],
    /// Tiers, highest first.
    pub tiers: &'static [Tier],
    /// What the ruleset does not encode, and how it reads the text.
    pub notes: &'static [Text],
}

impl Ruleset {
    /// The field at `index` (indexes come from the validated ruleset file).
    pub fn field(&self, index: usize) -> Option<&'static Field> {
        self.fields.get(index)
    }

    /// The field and unit an input key names.
    pub fn lookup(&self, key: &str) -> Option<(usize, usize)> {
        let first = key.as_bytes().first()?;
        let candidates = Bits(self.initials.get(usize::from(first % 64)).copied().unwrap_or(0));
        candidates.iter().find_map(|index| {
            let field = self.fields.get(index)?;
            if field.units.is_empty() {
                (field.key == key).then_some((index, 0))
            } else {
                let suffix = key.strip_prefix(field.key)?.strip_prefix('_')?;
                field.units.iter().position(|u| u.suffix == suffix).map(|unit| (index, unit))
            }
        })
    }

    /// Every check, in order.
    pub fn checks(&self) -> impl Iterator<Item = &'static Check> {
        self.conditions.iter().flat_map(|c| c.checks.iter())
    }
}

/// A set of small indexes — fields of a ruleset, values of a set field — in one word (the
/// schema allows at most 64 of either).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Bits(u64);

impl Bits {
    /// Just `index`.
    pub fn one(index: usize) -> Bits {
        Bits::default().with(index)
    }

    /// This set and `index`.
    pub fn with(self, index: usize) -> Bits {
        let bit = u32::try_from(index).ok().and_then(|i| 1_u64.checked_shl(i)).unwrap_or(0);
        Bits(self.0 | bit)
    }

    /// Whether `index` is in the set.
    pub fn contains(self, index: usize) -> bool {
        u32::try_from(index).ok().and_then(|i| self.0.checked_shr(i)).is_some_and(|b| b & 1 == 1)
    }

    /// How many indexes are in the set.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The indexes, in ascending order.
    pub fn iter(self) -> impl Iterator<Item = usize> + Clone {
        let mut rest = self.0;
        core::iter::from_fn(move || {
            let index = rest.trailing_zeros() as usize;
            rest &= rest.wrapping_sub(1);
            (index < 64).then_some(index)
        })
    }
}

include!(concat!(env!("OUT_DIR"), "/rulesets.rs"));

/// The ruleset with this id.
pub fn find(id: &str) -> Option<&'static Ruleset> {
    RULESETS.iter().copied().find(|r| r.id == id)
}

/// The ruleset used when figures name none (`henan-2014`; the build fails without it).
pub fn default_ruleset() -> &'static Ruleset {
    DEFAULT
}
