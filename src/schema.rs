//! The ruleset file format (`src/rulesets/*.toml`): reading, validating, and turning a
//! file into the static tables of `ruleset.rs`.
//!
//! This file is compiled into `build.rs`, so that a broken ruleset file fails the build
//! with a message naming the file and the entry, and into the crate's tests, which feed it
//! broken files. It is not part of the library: no TOML parser ships in the `.wasm`.

use std::collections::HashSet;
use std::fmt::Write as _;

use serde::Deserialize;

use crate::number::{parse_text, Dec};

/// Why a ruleset file was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SchemaError {
    /// Not valid TOML, or not the shape of a ruleset.
    #[error("not a ruleset file: {0}")]
    Syntax(String),
    /// Valid TOML, but something in it does not hold together.
    #[error("{place}: {problem}")]
    Invalid {
        /// Where in the file.
        place: String,
        /// What is wrong.
        problem: String,
    },
}

fn invalid(place: impl Into<String>, problem: impl Into<String>) -> SchemaError {
    SchemaError::Invalid {
        place: place.into(),
        problem: problem.into(),
    }
}

/// A text in both languages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextDef {
    /// Simplified Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

/// A whole ruleset file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesetDef {
    pub id: String,
    pub document: String,
    pub issued: String,
    pub title: TextDef,
    /// The passages of the document that the citations quote, verbatim.
    pub source: String,
    pub messages: MessagesDef,
    pub fields: Vec<FieldDef>,
    pub conditions: Vec<ConditionDef>,
    #[serde(default)]
    pub tiers: Vec<TierDef>,
    #[serde(default)]
    pub notes: Vec<TextDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessagesDef {
    pub missing: TextDef,
    pub invalid: TextDef,
    pub tier_boundary: Option<TextDef>,
    pub implausible: Option<TextDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    pub key: String,
    pub kind: String,
    pub label: TextDef,
    #[serde(default)]
    pub units: Vec<UnitDef>,
    pub zero_error: Option<String>,
    #[serde(default)]
    pub values: Vec<SetValueDef>,
    pub implausible_above: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitDef {
    pub suffix: String,
    pub zh: String,
    pub en: String,
    pub per_base: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetValueDef {
    pub id: String,
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionDef {
    pub id: String,
    pub clause: String,
    pub title: TextDef,
    pub checks: Vec<CheckDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckDef {
    pub id: String,
    pub title: TextDef,
    pub citation: String,
    pub rule: String,
    pub field: Option<String>,
    pub fields: Option<Vec<String>>,
    pub numerator: Option<String>,
    pub denominator: Option<String>,
    pub compare: Option<String>,
    pub threshold: Option<String>,
    pub unit: Option<String>,
    #[serde(default)]
    pub percent: bool,
    #[serde(default)]
    pub part_of_whole: bool,
    pub when_denominator_zero: Option<String>,
    #[serde(default)]
    pub gap_grows_denominator: bool,
    pub explain: ExplainDef,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExplainDef {
    pub met: TextDef,
    pub not_met: TextDef,
    pub nothing_due: Option<TextDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierDef {
    pub id: String,
    pub field: String,
    pub compare: String,
    pub threshold: String,
    pub title: TextDef,
    pub citation: String,
}

/// Parses and validates one ruleset file.
///
/// # Errors
/// [`SchemaError::Syntax`] for TOML that is not a ruleset, [`SchemaError::Invalid`] naming
/// the first entry that does not hold together.
pub fn load(text: &str) -> Result<RulesetDef, SchemaError> {
    let def: RulesetDef = toml::from_str(text).map_err(|e| SchemaError::Syntax(e.to_string()))?;
    validate(&def)?;
    Ok(def)
}

const KINDS: [&str; 4] = ["bool", "count", "quantity", "set"];
const RULES: [&str; 5] = ["is_true", "any_true", "threshold", "ratio", "all_of"];
const CHECK_PLACEHOLDERS: [&str; 5] = ["value", "threshold", "gap", "gap_unit", "missing"];
/// The most fields of a ruleset, and values of a set field (the engine's masks are 64 bits).
pub const MAX_MEMBERS: usize = 64;
/// Keys every ruleset accepts besides its fields.
pub const META_KEYS: [&str; 3] = ["ruleset", "name", "year"];

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

fn check_text(place: &str, text: &TextDef, allowed: &[&str]) -> Result<(), SchemaError> {
    for (lang, s) in [("zh", &text.zh), ("en", &text.en)] {
        if s.trim().is_empty() {
            return Err(invalid(place, format!("the {lang} text is empty")));
        }
        let mut rest = s.as_str();
        while let Some(open) = rest.find('{') {
            let after = rest.get(open + 1..).unwrap_or("");
            let close = after
                .find('}')
                .ok_or_else(|| invalid(place, format!("unclosed {{ in the {lang} text")))?;
            let name = after.get(..close).unwrap_or("");
            if !allowed.contains(&name) {
                return Err(invalid(
                    place,
                    format!("unknown placeholder {{{name}}} in the {lang} text; allowed: {allowed:?}"),
                ));
            }
            rest = after.get(close + 1..).unwrap_or("");
        }
    }
    Ok(())
}

fn parse_threshold(place: &str, text: Option<&String>) -> Result<Dec, SchemaError> {
    let text = text.ok_or_else(|| invalid(place, "a threshold is required"))?;
    match parse_text(text, false) {
        Ok(Some(d)) => Ok(d),
        _ => Err(invalid(place, format!("threshold {text:?} is not a plain decimal"))),
    }
}

fn parse_compare(place: &str, text: Option<&String>) -> Result<&'static str, SchemaError> {
    match text.map(String::as_str) {
        Some(">=") => Ok("AtLeast"),
        Some(">") => Ok("Over"),
        other => Err(invalid(place, format!("compare must be \">=\" or \">\", not {other:?}"))),
    }
}

/// Checks that a parsed ruleset holds together: ids, references, kinds, thresholds,
/// placeholders, and that every citation is quoted verbatim from `source`.
///
/// # Errors
/// [`SchemaError::Invalid`] naming the first problem found.
pub fn validate(def: &RulesetDef) -> Result<(), SchemaError> {
    if !is_id(&def.id) {
        return Err(invalid("id", format!("{:?} is not an id (a-z, 0-9, _ and -)", def.id)));
    }
    if def.source.trim().is_empty() {
        return Err(invalid("source", "the quoted source text is empty"));
    }
    check_text("title", &def.title, &[])?;
    check_text("messages.missing", &def.messages.missing, &["fields"])?;
    check_text("messages.invalid", &def.messages.invalid, &["fields"])?;
    if let Some(t) = &def.messages.tier_boundary {
        check_text("messages.tier_boundary", t, &["threshold"])?;
    }
    if let Some(t) = &def.messages.implausible {
        check_text("messages.implausible", t, &["key", "label", "value", "limit", "unit"])?;
    }

    // The engine keeps sets of fields, and of a set field's values, in 64-bit masks.
    if def.fields.len() > MAX_MEMBERS {
        return Err(invalid("fields", format!("a ruleset has at most {MAX_MEMBERS} fields")));
    }
    let mut keys = HashSet::new();
    for (i, field) in def.fields.iter().enumerate() {
        let place = format!("fields[{i}] ({})", field.key);
        if !is_id(&field.key) {
            return Err(invalid(&place, "the key is not an id"));
        }
        if !KINDS.contains(&field.kind.as_str()) {
            return Err(invalid(&place, format!("kind {:?} is not one of {KINDS:?}", field.kind)));
        }
        check_text(&place, &field.label, &[])?;
        let input_keys: Vec<String> = if field.units.is_empty() {
            vec![field.key.clone()]
        } else {
            field.units.iter().map(|u| format!("{}_{}", field.key, u.suffix)).collect()
        };
        if field.kind != "quantity" && !field.units.is_empty() {
            return Err(invalid(&place, "only a quantity has units"));
        }
        for unit in &field.units {
            if unit.per_base < 1 || !is_id(&unit.suffix) {
                return Err(invalid(&place, format!("unit {:?} needs an id suffix and per_base ≥ 1", unit.suffix)));
            }
        }
        if let Some(first) = field.units.first() {
            if first.per_base != 1 {
                return Err(invalid(&place, "the first unit is the base unit: per_base = 1"));
            }
        }
        if (field.kind == "set") == field.values.is_empty() {
            return Err(invalid(&place, "a set field, and only a set field, lists its values"));
        }
        if field.values.len() > MAX_MEMBERS {
            return Err(invalid(&place, format!("a set field has at most {MAX_MEMBERS} values")));
        }
        let mut value_ids = HashSet::new();
        for v in &field.values {
            if !is_id(&v.id) || !value_ids.insert(v.id.as_str()) {
                return Err(invalid(&place, format!("value id {:?} is not a unique id", v.id)));
            }
        }
        if let Some(limit) = &field.implausible_above {
            if field.kind != "quantity" && field.kind != "count" {
                return Err(invalid(&place, "only a number can be implausible"));
            }
            parse_threshold(&place, Some(limit))?;
            if def.messages.implausible.is_none() {
                return Err(invalid(&place, "implausible_above needs messages.implausible"));
            }
        }
        if let Some(code) = &field.zero_error {
            if !is_id(code) {
                return Err(invalid(&place, "zero_error must be an error code"));
            }
        }
        for key in input_keys {
            if META_KEYS.contains(&key.as_str()) || !keys.insert(key.clone()) {
                return Err(invalid(&place, format!("input key {key:?} is used twice")));
            }
        }
    }
    let field_kind = |place: &str, name: Option<&String>, kinds: &[&str]| -> Result<(), SchemaError> {
        let name = name.ok_or_else(|| invalid(place, "a field is required"))?;
        match def.fields.iter().find(|f| &f.key == name) {
            Some(f) if kinds.contains(&f.kind.as_str()) => Ok(()),
            Some(f) => Err(invalid(place, format!("field {name:?} is a {}, expected {kinds:?}", f.kind))),
            None => Err(invalid(place, format!("no field {name:?}"))),
        }
    };

    if def.conditions.is_empty() {
        return Err(invalid("conditions", "a ruleset needs at least one condition"));
    }
    let mut ids = HashSet::new();
    for condition in &def.conditions {
        let place = format!("conditions.{}", condition.id);
        if !is_id(&condition.id) || !ids.insert(condition.id.clone()) {
            return Err(invalid(&place, "the condition id is not a unique id"));
        }
        check_text(&place, &condition.title, &[])?;
        if condition.checks.is_empty() {
            return Err(invalid(&place, "a condition needs at least one check"));
        }
        for check in &condition.checks {
            let place = format!("{place}.checks.{}", check.id);
            if !is_id(&check.id) || !ids.insert(check.id.clone()) {
                return Err(invalid(&place, "the check id is not a unique id"));
            }
            check_text(&place, &check.title, &[])?;
            check_text(&format!("{place}.explain.met"), &check.explain.met, &CHECK_PLACEHOLDERS)?;
            check_text(&format!("{place}.explain.not_met"), &check.explain.not_met, &CHECK_PLACEHOLDERS)?;
            if let Some(t) = &check.explain.nothing_due {
                check_text(&format!("{place}.explain.nothing_due"), t, &CHECK_PLACEHOLDERS)?;
            }
            if check.citation.trim().is_empty() || !def.source.contains(&check.citation) {
                return Err(invalid(&place, format!("citation {:?} is not quoted verbatim from the source", check.citation)));
            }
            match check.rule.as_str() {
                "is_true" => field_kind(&place, check.field.as_ref(), &["bool"])?,
                "any_true" => {
                    let fields = check.fields.as_ref().filter(|f| !f.is_empty());
                    let fields = fields.ok_or_else(|| invalid(&place, "any_true needs fields"))?;
                    for f in fields {
                        field_kind(&place, Some(f), &["bool"])?;
                    }
                }
                "threshold" => {
                    field_kind(&place, check.field.as_ref(), &["count", "quantity"])?;
                    parse_compare(&place, check.compare.as_ref())?;
                    parse_threshold(&place, check.threshold.as_ref())?;
                }
                "ratio" => {
                    field_kind(&place, check.numerator.as_ref(), &["count", "quantity"])?;
                    field_kind(&place, check.denominator.as_ref(), &["count", "quantity"])?;
                    parse_compare(&place, check.compare.as_ref())?;
                    let threshold = parse_threshold(&place, check.threshold.as_ref())?;
                    let zero = check.when_denominator_zero.as_deref();
                    let denominator = def.fields.iter().find(|f| Some(&f.key) == check.denominator.as_ref());
                    match zero {
                        Some("met") => {}
                        Some("error") if denominator.is_some_and(|d| d.zero_error.is_some()) => {}
                        Some("error") => return Err(invalid(&place, "the denominator needs a zero_error code")),
                        other => return Err(invalid(&place, format!("when_denominator_zero must be \"met\" or \"error\", not {other:?}"))),
                    }
                    if check.gap_grows_denominator
                        && !(check.percent && threshold < Dec::from_units(100))
                    {
                        return Err(invalid(&place, "a share's gap needs a percent threshold below 100"));
                    }
                }
                "all_of" => field_kind(&place, check.field.as_ref(), &["set"])?,
                other => return Err(invalid(&place, format!("rule {other:?} is not one of {RULES:?}"))),
            }
        }
    }

    let mut previous: Option<Dec> = None;
    for tier in &def.tiers {
        let place = format!("tiers.{}", tier.id);
        if !is_id(&tier.id) || !ids.insert(tier.id.clone()) {
            return Err(invalid(&place, "the tier id is not a unique id"));
        }
        field_kind(&place, Some(&tier.field), &["count", "quantity"])?;
        parse_compare(&place, Some(&tier.compare))?;
        let threshold = parse_threshold(&place, Some(&tier.threshold))?;
        if previous.is_some_and(|p| p <= threshold) {
            return Err(invalid(&place, "tiers go from the highest threshold down"));
        }
        previous = Some(threshold);
        check_text(&place, &tier.title, &[])?;
        if !def.source.contains(&tier.citation) {
            return Err(invalid(&place, format!("citation {:?} is not quoted verbatim from the source", tier.citation)));
        }
    }
    for (i, note) in def.notes.iter().enumerate() {
        check_text(&format!("notes[{i}]"), note, &[])?;
    }
    Ok(())
}

fn text(t: &TextDef) -> String {
    format!("Text {{ zh: {:?}, en: {:?} }}", t.zh, t.en)
}

fn opt_text(t: Option<&TextDef>) -> String {
    t.map_or_else(|| "None".to_owned(), |t| format!("Some({})", text(t)))
}

/// The Rust source of one validated ruleset, as a `static` named `name`.
pub fn to_rust(def: &RulesetDef, name: &str) -> String {
    let index = |key: &str| def.fields.iter().position(|f| f.key == key).unwrap_or(usize::MAX);
    let index_of = |key: Option<&String>| index(key.map_or("", String::as_str));
    let dec = |t: Option<&String>| {
        let micros = t.and_then(|t| parse_text(t, false).ok().flatten()).map_or(0, Dec::micros);
        format!("Dec::from_micros({micros})")
    };
    let compare = |c: Option<&String>| match c.map(String::as_str) {
        Some(">") => "Compare::Over",
        _ => "Compare::AtLeast",
    };
    let mut out = String::new();
    let _ = writeln!(out, "static {name}: Ruleset = Ruleset {{");
    let _ = writeln!(out, "    id: {:?}, document: {:?}, issued: {:?}, title: {},", def.id, def.document, def.issued, text(&def.title));
    let _ = writeln!(
        out,
        "    messages: Messages {{ missing: {}, invalid: {}, tier_boundary: {}, implausible: {} }},",
        text(&def.messages.missing),
        text(&def.messages.invalid),
        opt_text(def.messages.tier_boundary.as_ref()),
        opt_text(def.messages.implausible.as_ref())
    );
    out.push_str("    fields: &[\n");
    for f in &def.fields {
        let kind = match f.kind.as_str() {
            "bool" => "Bool",
            "count" => "Count",
            "set" => "Set",
            _ => "Quantity",
        };
        let units: Vec<String> = f
            .units
            .iter()
            .map(|u| format!("Unit {{ suffix: {:?}, label: Text {{ zh: {:?}, en: {:?} }}, per_base: {} }}", u.suffix, u.zh, u.en, u.per_base))
            .collect();
        let values: Vec<String> = f
            .values
            .iter()
            .map(|v| format!("SetValue {{ id: {:?}, label: Text {{ zh: {:?}, en: {:?} }} }}", v.id, v.zh, v.en))
            .collect();
        let implausible = match &f.implausible_above {
            Some(limit) => format!("Some({})", dec(Some(limit))),
            None => "None".to_owned(),
        };
        let _ = writeln!(
            out,
            "        Field {{ key: {:?}, kind: FieldKind::{kind}, label: {}, units: &[{}], zero_error: {:?}, values: &[{}], implausible_above: {implausible} }},",
            f.key,
            text(&f.label),
            units.join(", "),
            f.zero_error,
            values.join(", ")
        );
    }
    let mut initials = [0_u64; 64];
    for (i, f) in def.fields.iter().enumerate() {
        if let Some(set) = f.key.bytes().next().and_then(|first| initials.get_mut(usize::from(first % 64))) {
            *set |= 1 << i;
        }
    }
    let initials: Vec<String> = initials.iter().map(u64::to_string).collect();
    let _ = writeln!(out, "    ],\n    initials: [{}],", initials.join(", "));
    out.push_str("    conditions: &[\n");
    for c in &def.conditions {
        let _ = writeln!(out, "        Condition {{ id: {:?}, clause: {:?}, title: {}, checks: &[", c.id, c.clause, text(&c.title));
        for k in &c.checks {
            let rule = match k.rule.as_str() {
                "is_true" => format!("Rule::IsTrue {{ field: {} }}", index_of(k.field.as_ref())),
                "any_true" => {
                    let fields: Vec<String> = k.fields.iter().flatten().map(|f| index(f).to_string()).collect();
                    format!("Rule::AnyTrue {{ fields: &[{}] }}", fields.join(", "))
                }
                "threshold" => format!(
                    "Rule::Threshold {{ field: {}, compare: {}, threshold: {} }}",
                    index_of(k.field.as_ref()),
                    compare(k.compare.as_ref()),
                    dec(k.threshold.as_ref())
                ),
                "ratio" => format!(
                    "Rule::Ratio {{ numerator: {}, denominator: {}, compare: {}, threshold: {}, percent: {}, part_of_whole: {}, when_zero: WhenZero::{}, gap_grows_denominator: {} }}",
                    index_of(k.numerator.as_ref()),
                    index_of(k.denominator.as_ref()),
                    compare(k.compare.as_ref()),
                    dec(k.threshold.as_ref()),
                    k.percent,
                    k.part_of_whole,
                    if k.when_denominator_zero.as_deref() == Some("met") { "Met" } else { "Error" },
                    k.gap_grows_denominator
                ),
                _ => format!("Rule::AllOf {{ field: {} }}", index_of(k.field.as_ref())),
            };
            let shown_threshold = match k.rule.as_str() {
                "threshold" | "ratio" => k.threshold.as_ref().and_then(|t| parse_text(t, false).ok().flatten()).map(|d| d.to_plain().as_str().to_owned()),
                "all_of" => def.fields.iter().find(|f| Some(&f.key) == k.field.as_ref()).map(|f| f.values.len().to_string()),
                _ => None,
            };
            let _ = writeln!(
                out,
                "            Check {{ id: {:?}, title: {}, citation: {:?}, threshold: {:?}, unit: {:?}, rule: {rule}, explain: Explain {{ met: {}, not_met: {}, nothing_due: {} }} }},",
                k.id,
                text(&k.title),
                k.citation,
                shown_threshold,
                k.unit,
                text(&k.explain.met),
                text(&k.explain.not_met),
                opt_text(k.explain.nothing_due.as_ref())
            );
        }
        out.push_str("        ] },\n");
    }
    out.push_str("    ],\n    tiers: &[\n");
    for t in &def.tiers {
        let _ = writeln!(
            out,
            "        Tier {{ id: {:?}, field: {}, compare: {}, threshold: {}, title: {} }},",
            t.id,
            index(&t.field),
            compare(Some(&t.compare)),
            dec(Some(&t.threshold)),
            text(&t.title)
        );
    }
    out.push_str("    ],\n    notes: &[\n");
    for n in &def.notes {
        let _ = writeln!(out, "        {},", text(n));
    }
    out.push_str("    ],\n};\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HENAN: &str = include_str!("rulesets/henan-2014.toml");

    fn broken(from: &str, to: &str) -> SchemaError {
        assert!(HENAN.contains(from), "test edit not found: {from}");
        load(&HENAN.replacen(from, to, 1)).expect_err("a broken file must be refused")
    }

    fn problem(error: SchemaError) -> String {
        error.to_string()
    }

    #[test]
    fn meta_keys_agree_with_the_engine() {
        // build.rs cannot see the library, so the list is written twice; this keeps them equal.
        assert_eq!(META_KEYS, crate::META_KEYS);
    }

    #[test]
    fn the_shipped_file_loads() {
        let def = load(HENAN).unwrap();
        assert_eq!(def.conditions.len(), 6);
        assert_eq!(def.conditions.iter().map(|c| c.checks.len()).sum::<usize>(), 14);
        assert!(to_rust(&def, "X").contains("Rule::Ratio"));
    }

    #[test]
    fn refuses_toml_that_is_not_a_ruleset() {
        assert!(matches!(load("id = "), Err(SchemaError::Syntax(_))));
        assert!(matches!(load("id = \"x\""), Err(SchemaError::Syntax(_))));
        assert!(matches!(broken("percent = true", "percent = true\nshade = 1"), SchemaError::Syntax(_)));
    }

    #[test]
    fn refuses_a_citation_not_quoted_verbatim() {
        let e = problem(broken("citation = \"研发投入占营业收入的比重不低于1%\"", "citation = \"研发投入占营业收入的比重不低于2%\""));
        assert!(e.contains("rd_ratio") && e.contains("verbatim"), "{e}");
    }

    #[test]
    fn refuses_unknown_rules_fields_and_placeholders() {
        let e = problem(broken("rule = \"all_of\"", "rule = \"most_of\""));
        assert!(e.contains("most_of"), "{e}");
        let e = problem(broken("numerator = \"rd_expense\"", "numerator = \"rd_expenses\""));
        assert!(e.contains("rd_expenses"), "{e}");
        let e = problem(broken("低于 {threshold}%；按现有营业收入", "低于 {limit}%；按现有营业收入"));
        assert!(e.contains("{limit}"), "{e}");
        let e = problem(broken("field = \"defined_area\"", "field = \"revenue\""));
        assert!(e.contains("expected [\"bool\"]"), "{e}");
    }

    #[test]
    fn refuses_bad_thresholds_and_tiers() {
        let e = problem(broken("threshold = \"65\"", "threshold = \"sixty-five\""));
        assert!(e.contains("sixty-five"), "{e}");
        let e = problem(broken("threshold = \"65\"", "threshold = \"100\""));
        assert!(e.contains("below 100"), "{e}");
        let e = problem(broken("threshold = \"500000\"", "threshold = \"5000000\""));
        assert!(e.contains("highest threshold down"), "{e}");
        let e = problem(broken("compare = \">\"", "compare = \"=>\""));
        assert!(e.contains("=>"), "{e}");
    }

    #[test]
    fn refuses_more_fields_than_the_engine_holds() {
        let extra: String = (0..48)
            .map(|i| format!("\n[[fields]]\nkey = \"extra_{i}\"\nkind = \"bool\"\nlabel = {{ zh = \"x\", en = \"x\" }}\n"))
            .collect();
        let e = problem(load(&(HENAN.to_owned() + &extra)).expect_err("65 fields must be refused"));
        assert!(e.contains("at most 64 fields"), "{e}");
    }

    #[test]
    fn refuses_duplicates_and_missing_codes() {
        let e = problem(broken("id = \"related_smes\"", "id = \"leading_enterprises\""));
        assert!(e.contains("unique"), "{e}");
        let e = problem(broken("zero_error = \"zero_land\"\n", ""));
        assert!(e.contains("zero_error"), "{e}");
        let e = problem(broken("{ suffix = \"mu\", zh = \"亩\", en = \"mu\", per_base = 15 }", "{ suffix = \"mu\", zh = \"亩\", en = \"mu\", per_base = 0 }"));
        assert!(e.contains("per_base"), "{e}");
    }
}
