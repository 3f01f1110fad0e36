//! The ruleset file as typed data: what [`super::load`] reads a file into, and what every
//! generator works from. Each value keeps its place in the file, so that the checks of
//! [`super::validate`] can say where a problem is.

use super::reader::{At, Scalar, Table};
use crate::number::{parse_text, Dec};
use crate::tables::{Compare, Kind, WhenZero};

/// A text in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bilingual {
    /// Simplified Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

/// A text in both languages, with where it was (for templates, whose placeholders are
/// checked after reading).
pub type TextAt = At<Bilingual>;

/// A whole ruleset file.
#[derive(Clone, Debug)]
pub struct RulesetDef {
    /// Stable id; the file is named after it.
    pub id: At<String>,
    /// Whether figures that name no ruleset are judged by this one.
    pub default: bool,
    /// Document number.
    pub document: String,
    /// Date of issue, ISO 8601.
    pub issued: At<String>,
    /// Full title.
    pub title: Bilingual,
    /// A short name, for a document chooser.
    pub short: Bilingual,
    /// Who issued it.
    pub issuer: Bilingual,
    /// What the document is.
    pub about: Bilingual,
    /// What a verdict does and does not cover.
    pub scope: Bilingual,
    /// How the verdict is worded: met, not met, incomplete.
    pub verdict: VerdictDef,
    /// The heading of a printed report.
    pub report_title: Bilingual,
    /// Parts of the document not encoded.
    pub not_assessed: Vec<Bilingual>,
    /// The document's re-review of recognised clusters, when it has one (a page offers to
    /// compare two years' figures).
    pub review: Option<ReviewDef>,
    /// The passages the citations quote, verbatim.
    pub source: At<String>,
    /// Generic messages.
    pub messages: MessagesDef,
    /// Form wording of the meta fields.
    pub meta: MetaDef,
    /// The figures.
    pub fields: Vec<FieldDef>,
    /// Groups of the form, when declared (else derived from the conditions).
    pub groups: Vec<GroupDef>,
    /// The conditions, in the document's order.
    pub conditions: Vec<ConditionDef>,
    /// Named bands of one figure.
    pub tiers: Option<TiersDef>,
    /// Figures counted from an enterprise roster, when the document's figures are counts
    /// and sums over enterprises.
    pub roster: Option<RosterDef>,
    /// What is not encoded, and readings of the text.
    pub notes: Vec<Bilingual>,
}

/// What one term of a roster condition tests of a column.
#[derive(Clone, Debug)]
pub enum TestDef {
    /// A yes/no column is yes.
    True,
    /// An amount compared with a threshold (in the column's base unit).
    Compare {
        /// The comparison.
        compare: At<Compare>,
        /// The threshold.
        threshold: At<Dec>,
    },
}

/// One term of a roster condition.
#[derive(Clone, Debug)]
pub struct TermDef {
    /// The column it reads.
    pub column: At<String>,
    /// What it tests.
    pub test: TestDef,
}

/// A condition on an enterprise: every clause holds; a clause holds when any of its terms
/// does (the file writes a term, or `{ any = [terms] }`).
pub type PredicateDef = Vec<Vec<TermDef>>;

/// How a yes/no column left blank is decided.
#[derive(Clone, Debug)]
pub struct DeriveDef {
    /// The condition that makes it yes.
    pub rule: PredicateDef,
    /// The standard it follows (not in the document: the report says it was applied).
    pub source: Bilingual,
    /// What the standard says, in a phrase.
    pub reading: Bilingual,
}

/// A contradiction within a row: this column yes needs another given (and yes).
#[derive(Clone, Debug)]
pub struct RequiresDef {
    /// The column needed.
    pub column: At<String>,
    /// The error code.
    pub code: At<String>,
}

/// One column of a roster: a field (key, kind, label, units) with what a blank means.
#[derive(Clone, Debug)]
pub struct ColumnDef {
    /// Key, kind, label and units, as a figure's.
    pub field: FieldDef,
    /// What a blank yes/no cell means, when it means anything.
    pub default: Option<bool>,
    /// How a blank yes/no cell is decided.
    pub derive: Option<DeriveDef>,
    /// A contradiction this column can be part of.
    pub requires: Option<RequiresDef>,
}

/// How a roster figure is made.
#[derive(Clone, Debug)]
pub enum AggregateDef {
    /// The enterprises that meet the filter.
    Count,
    /// A column summed over the enterprises that meet the filter.
    Sum {
        /// The column.
        column: At<String>,
    },
}

/// A figure counted from the roster.
#[derive(Clone, Debug)]
pub struct RosterFigureDef {
    /// The figure (a field of the ruleset).
    pub field: At<String>,
    /// Count or sum.
    pub aggregate: AggregateDef,
    /// Which enterprises.
    pub filter: PredicateDef,
    /// Where it is.
    pub span: core::ops::Range<usize>,
}

/// A worked example of the roster: one enterprise's row, and what it shows of the rules of
/// the count (the template lists them, and the figures they give).
#[derive(Clone, Debug)]
pub struct RosterExampleDef {
    /// The row as a roster gives it: input keys (`enterprise`, a column's keys) and their
    /// cells, in the file's order.
    pub row: Vec<(At<String>, At<Scalar>)>,
    /// What the example shows.
    pub note: Bilingual,
    /// Where it is.
    pub span: core::ops::Range<usize>,
}

/// An enterprise roster: its columns and the figures it gives.
#[derive(Clone, Debug)]
pub struct RosterDef {
    /// The columns, in the template's order (after 企业名称 and 所属集群).
    pub columns: Vec<ColumnDef>,
    /// The figures derived.
    pub figures: Vec<RosterFigureDef>,
    /// Worked examples, each one enterprise.
    pub examples: Vec<RosterExampleDef>,
    /// Readings every count from the roster carries.
    pub notes: Vec<Bilingual>,
    /// Where it is.
    pub span: core::ops::Range<usize>,
}

/// The words of the verdict.
#[derive(Clone, Debug, Default)]
pub struct VerdictDef {
    /// Every condition met.
    pub met: Bilingual,
    /// A condition not met.
    pub not_met: Bilingual,
    /// Not every figure given or usable.
    pub incomplete: Bilingual,
}

/// How a page words the document's re-review: two years' figures side by side, and whether
/// the later year's still meet the conditions.
#[derive(Clone, Debug, Default)]
pub struct ReviewDef {
    /// The name of the mode (两年复核).
    pub mode: Bilingual,
    /// The heading of the comparison.
    pub heading: Bilingual,
    /// What the re-review is, and what to enter.
    pub intro: Bilingual,
    /// The document and clause it rests on, for a printed comparison.
    pub basis: Bilingual,
    /// The name of the earlier year's column.
    pub earlier: Bilingual,
    /// The name of the re-review year's column.
    pub later: Bilingual,
    /// The later year meets every condition.
    pub keep: Bilingual,
    /// The later year does not.
    pub lose: Bilingual,
    /// The later year's figures are not complete.
    pub undetermined: Bilingual,
}

/// The ruleset's own messages.
#[derive(Clone, Debug, Default)]
pub struct MessagesDef {
    /// A check whose figures are not all given (`{fields}`).
    pub missing: TextAt,
    /// A check with an unusable figure (`{fields}`).
    pub invalid: TextAt,
    /// A figure exactly on a tier's threshold that needs more (`{threshold}`).
    pub tier_boundary: Option<TextAt>,
    /// A figure above its plausible limit (`{key}`, `{label}`, `{value}`, `{limit}`, `{unit}`).
    pub implausible: Option<TextAt>,
}

/// Form wording of a field or a meta field.
#[derive(Clone, Debug, Default)]
pub struct FormDef {
    /// The label (meta fields only: fields have their own).
    pub label: Option<Bilingual>,
    /// How the form asks for it.
    pub question: Option<Bilingual>,
    /// A hint under the question.
    pub hint: Option<Bilingual>,
}

/// Form wording of `name` and `year`.
#[derive(Clone, Debug, Default)]
pub struct MetaDef {
    /// `name`.
    pub name: FormDef,
    /// `year`.
    pub year: FormDef,
}

/// One unit of a field.
#[derive(Clone, Debug)]
pub struct UnitDef {
    /// Id; for a keyed unit also the input key's suffix.
    pub id: At<String>,
    /// Its name.
    pub label: Bilingual,
    /// One of it is `num / den` base units.
    pub factor: At<(i128, i128)>,
    /// The factor as written (`"1/15"`).
    pub factor_text: String,
    /// Whether the figures have a key for it.
    pub keyed: bool,
    /// How many decimals the page shows an amount in it with (a gap rounded up to them);
    /// none: as exact as it is.
    pub places: Option<u8>,
}

/// A value of a set field.
#[derive(Clone, Debug)]
pub struct ValueDef {
    /// Id used in figures.
    pub id: At<String>,
    /// Its name.
    pub label: Bilingual,
}

/// One figure.
#[derive(Clone, Debug)]
pub struct FieldDef {
    /// Stem of its input keys.
    pub key: At<String>,
    /// What it holds.
    pub kind: Kind,
    /// A decimal that may be negative.
    pub signed: bool,
    /// Per year: how many consecutive years the checks read.
    pub years: Option<At<u8>>,
    /// Its name.
    pub label: Bilingual,
    /// Form wording.
    pub form: FormDef,
    /// Units; the first is the base unit.
    pub units: Vec<UnitDef>,
    /// Values of a set field.
    pub values: Vec<ValueDef>,
    /// Error code when a ratio divides by it and it is zero.
    pub zero_error: Option<At<String>>,
    /// Above this, in the base unit, a figure is flagged.
    pub plausible_max: Option<At<Dec>>,
    /// The unit mistake likely behind a figure above `plausible_max` (`{hint}` of
    /// `messages.implausible`: 把元当成了万元).
    pub plausible_hint: Option<TextAt>,
    /// Where it is.
    pub span: core::ops::Range<usize>,
}

impl FieldDef {
    /// The keyed units.
    pub fn keyed_units(&self) -> impl Iterator<Item = &UnitDef> {
        self.units.iter().filter(|u| u.keyed)
    }

    /// Input keys: one per keyed unit (`land_area_ha`), or the stem; for a per-year field,
    /// the part before `_{year}`.
    pub fn input_keys(&self) -> Vec<String> {
        let keyed: Vec<String> = self.keyed_units().map(|u| format!("{}_{}", self.key.value, u.id.value)).collect();
        if keyed.is_empty() {
            vec![self.key.value.clone()]
        } else {
            keyed
        }
    }
}

/// A declared group of the form.
#[derive(Clone, Debug)]
pub struct GroupDef {
    /// Id.
    pub id: At<String>,
    /// Clause, if it stands for one.
    pub clause: Option<String>,
    /// Heading.
    pub title: Bilingual,
    /// Field keys in order.
    pub fields: Vec<At<String>>,
}

/// One condition.
#[derive(Clone, Debug)]
pub struct ConditionDef {
    /// Stable id.
    pub id: At<String>,
    /// The clause (三（二）).
    pub clause: String,
    /// Heading.
    pub title: Bilingual,
    /// Checks in the document's order.
    pub checks: Vec<CheckDef>,
}

/// A group of counts of an `any_count` rule.
#[derive(Clone, Debug)]
pub struct CountGroupDef {
    /// Counts added up.
    pub fields: Vec<At<String>>,
    /// ≥ or >.
    pub compare: At<Compare>,
    /// The threshold of the sum.
    pub threshold: At<Dec>,
    /// Its name.
    pub title: Bilingual,
}

/// The rule of a check, by kind.
#[derive(Clone, Debug)]
pub enum RuleDef {
    /// A yes/no field must be yes.
    IsTrue {
        /// The field.
        field: At<String>,
    },
    /// One of several yes/no fields must be yes.
    AnyTrue {
        /// The fields.
        fields: Vec<At<String>>,
    },
    /// A figure against a threshold.
    Threshold {
        /// The field.
        field: At<String>,
        /// The comparison.
        compare: At<Compare>,
        /// In the field's base unit.
        threshold: At<Dec>,
        /// Guidance: exceeding it is a warning.
        soft: bool,
    },
    /// A ratio against a threshold.
    Ratio {
        /// Numerator field.
        numerator: At<String>,
        /// Denominator field.
        denominator: At<String>,
        /// The comparison.
        compare: At<Compare>,
        /// Percent when `percent`.
        threshold: At<Dec>,
        /// Shown and compared in percent.
        percent: bool,
        /// The numerator is part of the denominator.
        part_of_whole: bool,
        /// What a zero denominator means.
        when_zero: At<WhenZero>,
        /// Adding to the numerator adds to the denominator.
        gap_grows_denominator: At<bool>,
    },
    /// A set field must hold all its values.
    AllOf {
        /// The field.
        field: At<String>,
    },
    /// Each year against a threshold.
    EachYear {
        /// The per-year field.
        field: At<String>,
        /// The comparison.
        compare: At<Compare>,
        /// In the field's base unit.
        threshold: At<Dec>,
    },
    /// Average annual growth against a threshold in percent.
    Growth {
        /// The per-year field.
        field: At<String>,
        /// The comparison.
        compare: At<Compare>,
        /// Percent.
        threshold: At<Dec>,
    },
    /// Any group of counts meets its threshold.
    AnyCount {
        /// The groups.
        groups: Vec<CountGroupDef>,
    },
}

impl RuleDef {
    /// The rule's name in the file.
    pub fn name(&self) -> &'static str {
        match self {
            RuleDef::IsTrue { .. } => "is_true",
            RuleDef::AnyTrue { .. } => "any_true",
            RuleDef::Threshold { .. } => "threshold",
            RuleDef::Ratio { .. } => "ratio",
            RuleDef::AllOf { .. } => "all_of",
            RuleDef::EachYear { .. } => "each_year",
            RuleDef::Growth { .. } => "growth",
            RuleDef::AnyCount { .. } => "any_count",
        }
    }

    /// The fields it reads, in the order its messages name them.
    pub fn fields(&self) -> Vec<&At<String>> {
        match self {
            RuleDef::IsTrue { field }
            | RuleDef::Threshold { field, .. }
            | RuleDef::AllOf { field }
            | RuleDef::EachYear { field, .. }
            | RuleDef::Growth { field, .. } => vec![field],
            RuleDef::AnyTrue { fields } => fields.iter().collect(),
            RuleDef::Ratio { numerator, denominator, .. } => vec![numerator, denominator],
            RuleDef::AnyCount { groups } => groups.iter().flat_map(|g| g.fields.iter()).collect(),
        }
    }

    /// The comparison and threshold, where it has one.
    pub fn bound(&self) -> Option<(Compare, Dec)> {
        match self {
            RuleDef::Threshold { compare, threshold, .. }
            | RuleDef::Ratio { compare, threshold, .. }
            | RuleDef::EachYear { compare, threshold, .. }
            | RuleDef::Growth { compare, threshold, .. } => Some((compare.value, threshold.value)),
            _ => None,
        }
    }

    /// Every rule name.
    pub const NAMES: [&'static str; 8] = ["is_true", "any_true", "threshold", "ratio", "all_of", "each_year", "growth", "any_count"];
}

/// The explanation templates of a check.
#[derive(Clone, Debug, Default)]
pub struct ExplainDef {
    /// When met.
    pub met: TextAt,
    /// When not met.
    pub not_met: TextAt,
    /// When met because nothing was due.
    pub nothing_due: Option<TextAt>,
    /// When a soft bound is exceeded.
    pub guidance: Option<TextAt>,
}

/// One check.
#[derive(Clone, Debug)]
pub struct CheckDef {
    /// Stable id.
    pub id: At<String>,
    /// Short name.
    pub title: Bilingual,
    /// The key phrase, verbatim from `source`.
    pub citation: At<String>,
    /// An English rendering of it.
    pub citation_en: String,
    /// Unit of value and threshold.
    pub unit: Option<Bilingual>,
    /// How many decimals the page shows its value with (cut toward the failing side).
    pub places: Option<u8>,
    /// The rule.
    pub rule: RuleDef,
    /// Explanations.
    pub explain: ExplainDef,
    /// Above this value (in the check's unit: percent for a percent ratio) the result is
    /// implausible: a figure is probably in the wrong unit. A warning, not an error.
    pub plausible_max: Option<At<Dec>>,
    /// The warning then (`{label}` of the figure warned about, `{value}`, `{limit}`).
    pub implausible: Option<TextAt>,
    /// Where it is.
    pub span: core::ops::Range<usize>,
}

/// One tier band.
#[derive(Clone, Debug)]
pub struct BandDef {
    /// Stable id.
    pub id: At<String>,
    /// The comparison.
    pub compare: At<Compare>,
    /// In the field's base unit.
    pub threshold: At<Dec>,
    /// Name.
    pub title: Bilingual,
    /// Key phrase, verbatim.
    pub citation: At<String>,
    /// English rendering.
    pub citation_en: String,
    /// For a strict band (超): what the tier row says of a figure exactly on its threshold
    /// (`{threshold}`), in place of `messages.tier_boundary`.
    pub at_threshold: Option<TextAt>,
}

/// Tiers of one figure.
#[derive(Clone, Debug)]
pub struct TiersDef {
    /// The figure.
    pub field: At<String>,
    /// Heading of the tier row.
    pub label: Bilingual,
    /// Shown when the figure is in no band.
    pub none: Bilingual,
    /// Shown when the figure is not usable.
    pub unknown: Bilingual,
    /// Bands, highest first.
    pub bands: Vec<BandDef>,
}

// ------------------------------------------------------------------ reading

fn text_of(table: &mut Table<'_, '_>) -> Bilingual {
    let zh = table.str("zh").map(|s| s.value).unwrap_or_default();
    let en = table.str("en").map(|s| s.value).unwrap_or_default();
    Bilingual { zh, en }
}

/// A required `{ zh, en }` member.
fn text(t: &mut Table<'_, '_>, key: &'static str) -> Bilingual {
    text_at(t, key).value
}

fn text_at(t: &mut Table<'_, '_>, key: &'static str) -> TextAt {
    match t.table(key) {
        Some(mut sub) => {
            let span = sub.span();
            let value = text_of(&mut sub);
            sub.finish();
            At::new(value, span)
        }
        None => At::new(Bilingual::default(), t.span()),
    }
}

fn opt_text(t: &mut Table<'_, '_>, key: &'static str) -> Option<Bilingual> {
    opt_text_at(t, key).map(|a| a.value)
}

fn opt_text_at(t: &mut Table<'_, '_>, key: &'static str) -> Option<TextAt> {
    let mut sub = t.opt_table(key)?;
    let span = sub.span();
    let value = text_of(&mut sub);
    sub.finish();
    Some(At::new(value, span))
}

fn texts(t: &mut Table<'_, '_>, key: &'static str) -> Vec<Bilingual> {
    t.tables(key)
        .into_iter()
        .map(|mut sub| {
            let value = text_of(&mut sub);
            sub.finish();
            value
        })
        .collect()
}

/// A decimal written as a string (`"1000"`, `"0.5"`): integers and floats are refused,
/// since a float in a TOML file is already binary and not the decimal that was written.
fn decimal(t: &mut Table<'_, '_>, key: &'static str, required: bool) -> Option<At<Dec>> {
    let s = if required { t.str(key) } else { t.opt_str(key) }?;
    match parse_text(&s.value, false) {
        Ok(Some(d)) => Some(At::new(d, s.span)),
        _ => {
            t.problem_at(key, format!("{:?} is not a plain decimal (digits, an optional point; written as a string)", s.value));
            None
        }
    }
}

fn compare(t: &mut Table<'_, '_>, key: &'static str) -> Option<At<Compare>> {
    let s = t.str(key)?;
    let value = match s.value.as_str() {
        ">=" => Compare::AtLeast,
        ">" => Compare::Over,
        "<=" => Compare::AtMost,
        "<" => Compare::Under,
        other => {
            t.problem_at(key, format!("compare must be \">=\", \">\", \"<=\" or \"<\", not {other:?}"));
            return None;
        }
    };
    Some(At::new(value, s.span))
}

/// A factor: `"10000"`, `"0.01"` or `"1/15"` — an exact fraction of decimals.
fn factor(t: &mut Table<'_, '_>) -> (At<(i128, i128)>, String) {
    let Some(s) = t.opt_str("factor") else { return (At::new((1, 1), t.span()), "1".to_owned()) };
    let (num, den) = match s.value.split_once('/') {
        Some((n, d)) => (n.trim(), d.trim()),
        None => (s.value.trim(), "1"),
    };
    let read = |x: &str| match parse_text(x, false) {
        Ok(Some(d)) if !d.is_zero() => Some(d.micros()),
        _ => None,
    };
    match (read(num), read(den)) {
        (Some(n), Some(d)) => {
            let g = gcd(n, d);
            (At::new((n / g, d / g), s.span), s.value.clone())
        }
        _ => {
            t.problem_at("factor", format!("factor {:?} is not a positive decimal or fraction (\"10000\", \"1/15\")", s.value));
            (At::new((1, 1), s.span), "1".to_owned())
        }
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

fn form(t: &mut Table<'_, '_>, with_label: bool) -> FormDef {
    let Some(mut sub) = t.opt_table("form") else { return FormDef::default() };
    let def = FormDef {
        label: if with_label { opt_text(&mut sub, "label") } else { None },
        question: opt_text(&mut sub, "question"),
        hint: opt_text(&mut sub, "hint"),
    };
    sub.finish();
    def
}

fn read_unit(mut t: Table<'_, '_>) -> UnitDef {
    let id = t.str("id").unwrap_or_else(|| At::new(String::new(), t.span()));
    let label = Bilingual {
        zh: t.str("zh").map(|s| s.value).unwrap_or_default(),
        en: t.opt_str("en").map(|s| s.value).unwrap_or_default(),
    };
    let (factor, factor_text) = factor(&mut t);
    let keyed = t.bool_or("key", true);
    let places = places(&mut t);
    t.finish();
    UnitDef {
        id,
        label,
        factor,
        factor_text,
        keyed,
        places,
    }
}

/// `places`: how many decimals the page shows (0 to 6, the engine's precision).
fn places(t: &mut Table<'_, '_>) -> Option<u8> {
    let n = t.opt_int("places")?;
    match u8::try_from(n.value) {
        Ok(p @ 0..=6) => Some(p),
        _ => {
            t.problem_at("places", "places must be between 0 and 6");
            None
        }
    }
}

fn read_field(mut t: Table<'_, '_>) -> FieldDef {
    let field = read_field_in(&mut t);
    t.finish();
    field
}

/// A field's members, leaving the table open for more.
fn read_field_in(t: &mut Table<'_, '_>) -> FieldDef {
    let span = t.span();
    let key = t.str("key").unwrap_or_else(|| At::new(String::new(), span.clone()));
    let kind = match t.str("kind") {
        Some(k) => match k.value.as_str() {
            "bool" => Kind::Bool,
            "count" => Kind::Count,
            "decimal" => Kind::Decimal,
            "set" => Kind::Set,
            other => {
                t.problem_at("kind", format!("kind must be \"bool\", \"count\", \"decimal\" or \"set\", not {other:?}"));
                Kind::Decimal
            }
        },
        None => Kind::Decimal,
    };
    let signed = t.bool_or("signed", false);
    let years = t.opt_int("years").and_then(|n| match u8::try_from(n.value) {
        Ok(y @ 1..=8) => Some(At::new(y, n.span)),
        _ => {
            t.problem_at("years", "years must be between 1 and 8");
            None
        }
    });
    let label = text(t, "label");
    let form = form(t, false);
    let units = t.tables("units").into_iter().map(read_unit).collect();
    let values = t
        .tables("values")
        .into_iter()
        .map(|mut v| {
            let id = v.str("id").unwrap_or_else(|| At::new(String::new(), v.span()));
            let label = text_of(&mut v);
            v.finish();
            ValueDef { id, label }
        })
        .collect();
    let zero_error = t.opt_str("zero_error");
    let plausible_max = decimal(t, "plausible_max", false);
    let plausible_hint = opt_text_at(t, "plausible_hint");
    FieldDef {
        key,
        kind,
        signed,
        years,
        label,
        form,
        units,
        values,
        zero_error,
        plausible_max,
        plausible_hint,
        span,
    }
}

fn field_ref(t: &mut Table<'_, '_>, key: &'static str) -> At<String> {
    t.str(key).unwrap_or_else(|| At::new(String::new(), t.span()))
}

fn bound(t: &mut Table<'_, '_>) -> (At<Compare>, At<Dec>) {
    let span = t.span();
    let compare = compare(t, "compare").unwrap_or_else(|| At::new(Compare::AtLeast, span.clone()));
    let threshold = decimal(t, "threshold", true).unwrap_or_else(|| At::new(Dec::ZERO, span));
    (compare, threshold)
}

fn read_rule(t: &mut Table<'_, '_>) -> Option<RuleDef> {
    let name = t.str("rule")?;
    Some(match name.value.as_str() {
        "is_true" => RuleDef::IsTrue { field: field_ref(t, "field") },
        "any_true" => {
            let fields = t.strings("fields");
            if fields.is_empty() {
                t.problem_at("fields", "any_true needs a list of fields");
            }
            RuleDef::AnyTrue { fields }
        }
        "threshold" => {
            let field = field_ref(t, "field");
            let (compare, threshold) = bound(t);
            let soft = t.bool_or("soft", false);
            RuleDef::Threshold { field, compare, threshold, soft }
        }
        "ratio" => {
            let numerator = field_ref(t, "numerator");
            let denominator = field_ref(t, "denominator");
            let (compare, threshold) = bound(t);
            let percent = t.bool_or("percent", false);
            let part_of_whole = t.bool_or("part_of_whole", false);
            let span = t.span();
            let when_zero = match t.str("when_denominator_zero") {
                Some(s) => match s.value.as_str() {
                    "met" => At::new(WhenZero::Met, s.span),
                    "error" => At::new(WhenZero::Error, s.span),
                    other => {
                        t.problem_at("when_denominator_zero", format!("when_denominator_zero must be \"met\" or \"error\", not {other:?}"));
                        At::new(WhenZero::Error, s.span)
                    }
                },
                None => At::new(WhenZero::Error, span.clone()),
            };
            let gap_grows_denominator = At::new(t.bool_or("gap_grows_denominator", false), span);
            RuleDef::Ratio {
                numerator,
                denominator,
                compare,
                threshold,
                percent,
                part_of_whole,
                when_zero,
                gap_grows_denominator,
            }
        }
        "all_of" => RuleDef::AllOf { field: field_ref(t, "field") },
        "each_year" => {
            let field = field_ref(t, "field");
            let (compare, threshold) = bound(t);
            RuleDef::EachYear { field, compare, threshold }
        }
        "growth" => {
            let field = field_ref(t, "field");
            let (compare, threshold) = bound(t);
            RuleDef::Growth { field, compare, threshold }
        }
        "any_count" => {
            let groups: Vec<CountGroupDef> = t
                .tables("groups")
                .into_iter()
                .map(|mut g| {
                    let fields = g.strings("fields");
                    if fields.is_empty() {
                        g.problem_at("fields", "a group needs a list of count fields");
                    }
                    let (compare, threshold) = bound(&mut g);
                    let title = text(&mut g, "title");
                    g.finish();
                    CountGroupDef { fields, compare, threshold, title }
                })
                .collect();
            if groups.len() < 2 {
                t.problem_at("groups", "any_count needs at least two groups");
            }
            RuleDef::AnyCount { groups }
        }
        other => {
            t.problem_at("rule", format!("rule {other:?} is not one of {:?}", RuleDef::NAMES));
            return None;
        }
    })
}

fn read_check(mut t: Table<'_, '_>) -> Option<CheckDef> {
    let span = t.span();
    let id = t.str("id").unwrap_or_else(|| At::new(String::new(), span.clone()));
    let title = text(&mut t, "title");
    let citation = t.str("citation").unwrap_or_else(|| At::new(String::new(), span.clone()));
    let citation_en = t.str("citation_en").map(|s| s.value).unwrap_or_default();
    let (unit, places) = match t.opt_table("unit") {
        Some(mut u) => {
            let zh = u.str("zh").map(|s| s.value).unwrap_or_default();
            let en = u.opt_str("en").map(|s| s.value).unwrap_or_default();
            let places = places(&mut u);
            u.finish();
            (Some(Bilingual { zh, en }), places)
        }
        None => (None, None),
    };
    let rule = read_rule(&mut t);
    let plausible_max = decimal(&mut t, "plausible_max", false);
    let implausible = opt_text_at(&mut t, "implausible");
    let explain = match t.table("explain") {
        Some(mut e) => {
            let def = ExplainDef {
                met: text_at(&mut e, "met"),
                not_met: text_at(&mut e, "not_met"),
                nothing_due: opt_text_at(&mut e, "nothing_due"),
                guidance: opt_text_at(&mut e, "guidance"),
            };
            e.finish();
            def
        }
        None => ExplainDef::default(),
    };
    // With the rule unknown, its keys are unknown too: saying so would only add noise.
    if rule.is_some() {
        t.finish();
    }
    Some(CheckDef {
        id,
        title,
        citation,
        citation_en,
        unit,
        places,
        rule: rule?,
        explain,
        plausible_max,
        implausible,
        span,
    })
}

fn read_condition(mut t: Table<'_, '_>) -> ConditionDef {
    let span = t.span();
    let id = t.str("id").unwrap_or_else(|| At::new(String::new(), span.clone()));
    let clause = t.str("clause").map(|s| s.value).unwrap_or_default();
    let title = text(&mut t, "title");
    let checks_tables = t.tables("checks");
    if checks_tables.is_empty() {
        t.problem("a condition needs at least one check ([[conditions.checks]])");
    }
    let checks = checks_tables.into_iter().filter_map(read_check).collect();
    t.finish();
    ConditionDef { id, clause, title, checks }
}

fn read_tiers(mut t: Table<'_, '_>) -> TiersDef {
    let field = field_ref(&mut t, "field");
    let label = text(&mut t, "label");
    let none = text(&mut t, "none");
    let unknown = text(&mut t, "unknown");
    let bands = t
        .tables("bands")
        .into_iter()
        .map(|mut b| {
            let span = b.span();
            let id = b.str("id").unwrap_or_else(|| At::new(String::new(), span.clone()));
            let (compare, threshold) = bound(&mut b);
            let title = text(&mut b, "title");
            let citation = b.str("citation").unwrap_or_else(|| At::new(String::new(), span));
            let citation_en = b.str("citation_en").map(|s| s.value).unwrap_or_default();
            let at_threshold = opt_text_at(&mut b, "at_threshold");
            b.finish();
            BandDef {
                id,
                compare,
                threshold,
                title,
                citation,
                citation_en,
                at_threshold,
            }
        })
        .collect();
    t.finish();
    TiersDef {
        field,
        label,
        none,
        unknown,
        bands,
    }
}

fn read_term(mut t: Table<'_, '_>) -> TermDef {
    let column = field_ref(&mut t, "column");
    let test = if t.has("compare") || t.has("threshold") {
        let (compare, threshold) = bound(&mut t);
        TestDef::Compare { compare, threshold }
    } else {
        TestDef::True
    };
    t.finish();
    TermDef { column, test }
}

/// A list of terms: each a term, or `{ any = [terms] }` (one clause of several).
fn read_clauses(t: &mut Table<'_, '_>, key: &'static str) -> PredicateDef {
    t.tables(key)
        .into_iter()
        .map(|mut item| {
            if item.has("any") {
                let terms: Vec<TermDef> = item.tables("any").into_iter().map(read_term).collect();
                if terms.is_empty() {
                    item.problem_at("any", "any needs a list of terms");
                }
                item.finish();
                terms
            } else {
                vec![read_term(item)]
            }
        })
        .collect()
}

/// A condition written as `all = [terms]` or `any = [terms]`.
fn read_predicate(mut t: Table<'_, '_>) -> PredicateDef {
    let predicate = if t.has("any") {
        let terms: Vec<TermDef> = t.tables("any").into_iter().map(read_term).collect();
        vec![terms]
    } else {
        read_clauses(&mut t, "all")
    };
    if predicate.iter().all(Vec::is_empty) {
        t.problem("a condition needs terms: all = [...] or any = [...]");
    }
    t.finish();
    predicate
}

fn read_column(mut t: Table<'_, '_>) -> ColumnDef {
    let default = if t.has("default") { Some(t.bool_or("default", false)) } else { None };
    let derive = t.opt_table("derive").map(|mut d| {
        let source = text(&mut d, "source");
        let reading = text(&mut d, "reading");
        let rule = if d.has("any") {
            vec![d.tables("any").into_iter().map(read_term).collect()]
        } else {
            read_clauses(&mut d, "all")
        };
        if rule.iter().all(Vec::is_empty) {
            d.problem("derive needs terms: all = [...] or any = [...]");
        }
        d.finish();
        DeriveDef { rule, source, reading }
    });
    let requires = t.opt_table("requires").map(|mut r| {
        let column = field_ref(&mut r, "column");
        let code = r.str("code").unwrap_or_else(|| At::new(String::new(), r.span()));
        r.finish();
        RequiresDef { column, code }
    });
    let field = read_field_in(&mut t);
    t.finish();
    ColumnDef {
        field,
        default,
        derive,
        requires,
    }
}

fn read_roster(mut t: Table<'_, '_>) -> RosterDef {
    let span = t.span();
    let columns: Vec<ColumnDef> = t.tables("columns").into_iter().map(read_column).collect();
    if columns.is_empty() {
        t.problem("a roster needs its columns ([[roster.columns]])");
    }
    let figures = t
        .tables("figures")
        .into_iter()
        .map(|mut f| {
            let span = f.span();
            let field = field_ref(&mut f, "field");
            let aggregate = match (f.opt_str("sum"), f.has("count")) {
                (Some(column), false) => AggregateDef::Sum { column },
                (None, true) => AggregateDef::Count,
                _ => {
                    f.problem("a roster figure is either count = { … } or sum = \"column\"");
                    AggregateDef::Count
                }
            };
            let filter = match &aggregate {
                AggregateDef::Count => f.opt_table("count").map(read_predicate).unwrap_or_default(),
                AggregateDef::Sum { .. } => f.opt_table("where").map(read_predicate).unwrap_or_default(),
            };
            f.finish();
            RosterFigureDef { field, aggregate, filter, span }
        })
        .collect();
    let examples = t
        .tables("examples")
        .into_iter()
        .map(|mut e| {
            let span = e.span();
            let row = match e.table("row") {
                Some(mut r) => {
                    let row = r.entries();
                    r.finish();
                    row
                }
                None => Vec::new(),
            };
            let note = text(&mut e, "note");
            e.finish();
            RosterExampleDef { row, note, span }
        })
        .collect();
    let notes = texts(&mut t, "notes");
    t.finish();
    RosterDef {
        columns,
        figures,
        examples,
        notes,
        span,
    }
}

/// Reads the top-level table of a ruleset file into the model, recording every problem of
/// shape (a missing, misspelt or mistyped key) in `t`'s problems.
pub fn read(mut t: Table<'_, '_>) -> RulesetDef {
    let span = t.span();
    let id = t.str("id").unwrap_or_else(|| At::new(String::new(), span.clone()));
    let default = t.bool_or("default", false);
    let document = t.str("document").map(|s| s.value).unwrap_or_default();
    let issued = t.str("issued").unwrap_or_else(|| At::new(String::new(), span.clone()));
    let title = text(&mut t, "title");
    let short = text(&mut t, "short");
    let issuer = text(&mut t, "issuer");
    let about = text(&mut t, "about");
    let scope = text(&mut t, "scope");
    let verdict = match t.table("verdict") {
        Some(mut v) => {
            let def = VerdictDef {
                met: text(&mut v, "met"),
                not_met: text(&mut v, "not_met"),
                incomplete: text(&mut v, "incomplete"),
            };
            v.finish();
            def
        }
        None => VerdictDef::default(),
    };
    let report_title = text(&mut t, "report_title");
    let not_assessed = texts(&mut t, "not_assessed");
    let review = t.opt_table("review").map(|mut r| {
        let def = ReviewDef {
            mode: text(&mut r, "mode"),
            heading: text(&mut r, "heading"),
            intro: text(&mut r, "intro"),
            basis: text(&mut r, "basis"),
            earlier: text(&mut r, "earlier"),
            later: text(&mut r, "later"),
            keep: text(&mut r, "keep"),
            lose: text(&mut r, "lose"),
            undetermined: text(&mut r, "undetermined"),
        };
        r.finish();
        def
    });
    let source = t.str("source").unwrap_or_else(|| At::new(String::new(), span.clone()));
    let messages = match t.table("messages") {
        Some(mut m) => {
            let def = MessagesDef {
                missing: text_at(&mut m, "missing"),
                invalid: text_at(&mut m, "invalid"),
                tier_boundary: opt_text_at(&mut m, "tier_boundary"),
                implausible: opt_text_at(&mut m, "implausible"),
            };
            m.finish();
            def
        }
        None => MessagesDef::default(),
    };
    let meta = match t.opt_table("meta") {
        Some(mut m) => {
            let name = m.opt_table("name").map(|mut n| {
                let f = FormDef {
                    label: opt_text(&mut n, "label"),
                    question: opt_text(&mut n, "question"),
                    hint: opt_text(&mut n, "hint"),
                };
                n.finish();
                f
            });
            let year = m.opt_table("year").map(|mut y| {
                let f = FormDef {
                    label: opt_text(&mut y, "label"),
                    question: opt_text(&mut y, "question"),
                    hint: opt_text(&mut y, "hint"),
                };
                y.finish();
                f
            });
            m.finish();
            MetaDef {
                name: name.unwrap_or_default(),
                year: year.unwrap_or_default(),
            }
        }
        None => MetaDef::default(),
    };
    let fields: Vec<FieldDef> = t.tables("fields").into_iter().map(read_field).collect();
    if fields.is_empty() {
        t.problem("a ruleset needs its figures ([[fields]])");
    }
    let groups = t
        .tables("groups")
        .into_iter()
        .map(|mut g| {
            let id = g.str("id").unwrap_or_else(|| At::new(String::new(), g.span()));
            let clause = g.opt_str("clause").map(|s| s.value);
            let title = text(&mut g, "title");
            let fields = g.strings("fields");
            g.finish();
            GroupDef { id, clause, title, fields }
        })
        .collect();
    let conditions: Vec<ConditionDef> = t.tables("conditions").into_iter().map(read_condition).collect();
    if conditions.is_empty() {
        t.problem("a ruleset needs at least one condition ([[conditions]])");
    }
    let tiers = t.opt_table("tiers").map(read_tiers);
    let roster = t.opt_table("roster").map(read_roster);
    let notes = texts(&mut t, "notes");
    t.finish();
    RulesetDef {
        id,
        default,
        document,
        issued,
        title,
        short,
        issuer,
        about,
        scope,
        verdict,
        report_title,
        not_assessed,
        review,
        source,
        messages,
        meta,
        fields,
        groups,
        conditions,
        tiers,
        roster,
        notes,
    }
}
