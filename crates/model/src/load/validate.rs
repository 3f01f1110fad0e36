//! What must hold of a ruleset file beyond its shape: ids, references between entries,
//! kinds, thresholds, citations quoted verbatim from the source, and placeholders the
//! engine fills. Every problem is recorded, not just the first.

use std::collections::HashSet;

use super::model::{AggregateDef, Bilingual, FieldDef, RosterDef, RuleDef, RulesetDef, TermDef, TestDef, TextAt};
use super::reader::{nearest, At, Problems, Scalar};
use crate::messages::{META_KEYS, ROSTER_META_KEYS};
use crate::number::{parse_text_as, Accept, Dec};
use crate::tables::{Kind, Param, WhenZero};

/// The most fields of a ruleset, and values of a set field: the engine keeps sets of them
/// in 64-bit words.
pub const MAX_MEMBERS: usize = 64;
/// The most readings of a ruleset (a per-year field takes one per year).
pub const MAX_SLOTS: usize = 64;

/// Whether a text is an id: lower-case ASCII letters, digits, `_` and `-`.
pub fn is_id(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
}

/// The names a template may use, for a check of a rule kind.
pub fn explain_params(rule: &RuleDef) -> Vec<Param> {
    let mut params = vec![Param::Value, Param::Threshold, Param::Gap, Param::GapUnit, Param::GapLabel];
    match rule {
        RuleDef::AllOf { .. } => params.push(Param::Missing),
        RuleDef::EachYear { .. } => {
            params.extend([Param::FirstYear, Param::LastYear, Param::Years, Param::ShortYears]);
        }
        RuleDef::Growth { .. } => {
            params.extend([Param::FirstYear, Param::LastYear, Param::FirstValue, Param::LastValue]);
        }
        RuleDef::AnyCount { groups } => {
            params.push(Param::Group);
            for n in 1..=groups.len() {
                let n = u8::try_from(n).unwrap_or(u8::MAX);
                params.extend([Param::GroupValue(n), Param::GroupThreshold(n)]);
            }
        }
        _ => {}
    }
    params
}

/// Placeholders of the ruleset's messages.
pub const MISSING_PARAMS: [Param; 1] = [Param::Fields];
/// Placeholders of `tier_boundary`.
pub const TIER_PARAMS: [Param; 1] = [Param::Threshold];
/// Placeholders of `implausible`.
pub const IMPLAUSIBLE_PARAMS: [Param; 6] = [Param::Key, Param::Label, Param::Value, Param::Limit, Param::Unit, Param::Hint];
/// Placeholders of a check's `implausible`.
pub const CHECK_IMPLAUSIBLE_PARAMS: [Param; 4] = [Param::Key, Param::Label, Param::Value, Param::Limit];

/// A template with numbered places, and what fills each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compiled {
    /// `{0}`, `{1}`, … in place of the names.
    pub text: Bilingual,
    /// Place `i` is filled with `params[i]`.
    pub params: Vec<Param>,
}

/// Turns named placeholders into numbered places, in the order they first appear (Chinese
/// first). A name not in `allowed`, or an unclosed brace, is a problem at `place`.
pub fn number_placeholders(template: &TextAt, allowed: &[Param], place: &str, problems: &Problems) -> Compiled {
    let mut params: Vec<Param> = Vec::new();
    let mut convert = |s: &str, lang: &str| -> String {
        if s.trim().is_empty() {
            problems.add(template.span.clone(), place, format!("the {lang} text is empty"));
        }
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(open) = rest.find('{') {
            out.push_str(rest.get(..open).unwrap_or(""));
            let after = rest.get(open + 1..).unwrap_or("");
            let Some(close) = after.find('}') else {
                problems.add(template.span.clone(), place, format!("unclosed {{ in the {lang} text"));
                out.push_str(after);
                return out;
            };
            let name = after.get(..close).unwrap_or("");
            match allowed.iter().find(|p| p.name() == name) {
                Some(param) => {
                    let at = params.iter().position(|p| p == param).unwrap_or_else(|| {
                        params.push(*param);
                        params.len() - 1
                    });
                    out.push('{');
                    out.push_str(&at.to_string());
                    out.push('}');
                }
                None => {
                    let names: Vec<String> = allowed.iter().map(|p| p.name()).collect();
                    problems.add(
                        template.span.clone(),
                        place,
                        format!("unknown placeholder {{{name}}} in the {lang} text; allowed here: {}", names.join(", ")),
                    );
                }
            }
            rest = after.get(close + 1..).unwrap_or("");
        }
        out.push_str(rest);
        out
    };
    let zh = convert(&template.value.zh, "zh");
    let en = convert(&template.value.en, "en");
    Compiled {
        text: Bilingual { zh, en },
        params,
    }
}

fn nonempty(problems: &Problems, span: &core::ops::Range<usize>, place: &str, text: &Bilingual) {
    for (lang, s) in [("zh", &text.zh), ("en", &text.en)] {
        if s.trim().is_empty() {
            problems.add(span.clone(), place, format!("the {lang} text is empty"));
        }
    }
}

/// Checks everything that must hold across the entries of a ruleset; placeholders are
/// checked when the templates are compiled.
pub fn validate(def: &RulesetDef, problems: &Problems) {
    let whole = 0..0;
    if !is_id(&def.id.value) {
        problems.add(def.id.span.clone(), "id", format!("{:?} is not an id (a-z, 0-9, _ and -)", def.id.value));
    }
    if !is_date(&def.issued.value) {
        problems.add(def.issued.span.clone(), "issued", format!("{:?} is not a date (YYYY-MM-DD)", def.issued.value));
    }
    if def.document.trim().is_empty() {
        problems.add(whole.clone(), "document", "the document number is empty");
    }
    for (place, text) in [
        ("title", &def.title),
        ("short", &def.short),
        ("issuer", &def.issuer),
        ("about", &def.about),
        ("scope", &def.scope),
        ("verdict.met", &def.verdict.met),
        ("verdict.not_met", &def.verdict.not_met),
        ("verdict.incomplete", &def.verdict.incomplete),
        ("report_title", &def.report_title),
    ] {
        nonempty(problems, &whole, place, text);
    }
    if def.source.value.trim().is_empty() {
        problems.add(def.source.span.clone(), "source", "the quoted source text is empty");
    }
    if let Some(r) = &def.review {
        for (place, text) in [
            ("review.mode", &r.mode),
            ("review.heading", &r.heading),
            ("review.intro", &r.intro),
            ("review.basis", &r.basis),
            ("review.earlier", &r.earlier),
            ("review.later", &r.later),
            ("review.keep", &r.keep),
            ("review.lose", &r.lose),
            ("review.undetermined", &r.undetermined),
        ] {
            nonempty(problems, &whole, place, text);
        }
    }
    for (i, n) in def.not_assessed.iter().enumerate() {
        nonempty(problems, &whole, &format!("not_assessed[{i}]"), n);
    }
    for (i, n) in def.notes.iter().enumerate() {
        nonempty(problems, &whole, &format!("notes[{i}]"), n);
    }

    validate_fields(def, problems);
    if let Some(roster) = &def.roster {
        validate_roster(def, roster, problems);
    }
    let field = |name: &At<String>| def.fields.iter().find(|f| f.key.value == name.value);
    // A reference to a field of one of `kinds`.
    let refer = |place: &str, name: &At<String>, kinds: &[Kind]| -> Option<&FieldDef> {
        match field(name) {
            Some(f) if kinds.contains(&f.kind) => Some(f),
            Some(f) => {
                problems.add(name.span.clone(), place, format!("field {:?} is a {:?}; expected {kinds:?}", name.value, f.kind));
                None
            }
            None => {
                let keys: Vec<&str> = def.fields.iter().map(|f| f.key.value.as_str()).collect();
                let hint = nearest(&name.value, &keys).map(|k| format!("; did you mean {k:?}?")).unwrap_or_default();
                problems.add(name.span.clone(), place, format!("no field {:?}{hint}", name.value));
                None
            }
        }
    };

    let mut ids: HashSet<String> = HashSet::new();
    let mut unique = |at: &At<String>, place: &str, what: &str| {
        if !is_id(&at.value) {
            problems.add(at.span.clone(), place, format!("{what} id {:?} is not an id", at.value));
        } else if !ids.insert(at.value.clone()) {
            problems.add(at.span.clone(), place, format!("{what} id {:?} is used twice", at.value));
        }
    };
    let numbers = [Kind::Count, Kind::Decimal];
    for (c, condition) in def.conditions.iter().enumerate() {
        let place = format!("conditions[{c}] ({})", condition.id.value);
        unique(&condition.id, &place, "condition");
        if condition.clause.trim().is_empty() {
            problems.add(condition.id.span.clone(), &place, "the clause is empty");
        }
        nonempty(problems, &condition.id.span, &place, &condition.title);
        for (k, check) in condition.checks.iter().enumerate() {
            let place = format!("conditions[{c}].checks[{k}] ({})", check.id.value);
            unique(&check.id, &place, "check");
            nonempty(problems, &check.span, &format!("{place}.title"), &check.title);
            if check.citation.value.trim().is_empty() || !def.source.value.contains(&check.citation.value) {
                problems.add(
                    check.citation.span.clone(),
                    &place,
                    format!("citation {:?} is not quoted verbatim from the source", check.citation.value),
                );
            }
            if check.citation_en.trim().is_empty() {
                problems.add(check.span.clone(), &place, "citation_en (an English rendering of the citation) is empty");
            }
            if let Some(unit) = &check.unit {
                if unit.zh.trim().is_empty() {
                    problems.add(check.span.clone(), format!("{place}.unit"), "the unit's zh text is empty");
                }
            }
            // The engine keeps what one check reads in a small array.
            let read: usize = check
                .rule
                .fields()
                .iter()
                .map(|f| field(f).and_then(|f| f.years.as_ref()).map_or(1, |y| usize::from(y.value)))
                .sum();
            if read > crate::tables::MAX_OPERANDS {
                problems.add(check.span.clone(), &place, format!("the check reads {read} figures; at most {}", crate::tables::MAX_OPERANDS));
            }
            let soft = matches!(check.rule, RuleDef::Threshold { soft: true, .. });
            if soft != check.explain.guidance.is_some() {
                problems.add(
                    check.span.clone(),
                    &place,
                    "explain.guidance is for a soft bound, and a soft bound needs it (the warning when the bound is exceeded)",
                );
            }
            if let Some(max) = &check.plausible_max {
                match &check.rule {
                    RuleDef::Ratio { threshold, .. } | RuleDef::Growth { threshold, .. } => {
                        if max.value <= threshold.value {
                            problems.add(max.span.clone(), &place, "plausible_max must be above the threshold");
                        }
                    }
                    _ => problems.add(max.span.clone(), &place, "plausible_max of a check is for a ratio or a growth check"),
                }
            }
            if check.plausible_max.is_some() != check.implausible.is_some() {
                problems.add(check.span.clone(), &place, "a check's plausible_max and implausible go together (the limit and its warning)");
            }
            let zero_met = matches!(check.rule, RuleDef::Ratio { when_zero: At { value: WhenZero::Met, .. }, .. });
            if check.explain.nothing_due.is_some() && !zero_met {
                problems.add(check.span.clone(), &place, "explain.nothing_due is only for a ratio with when_denominator_zero = \"met\"");
            }
            match &check.rule {
                RuleDef::IsTrue { field } => {
                    refer(&place, field, &[Kind::Bool]);
                }
                RuleDef::AnyTrue { fields } => {
                    for f in fields {
                        refer(&place, f, &[Kind::Bool]);
                    }
                }
                RuleDef::Threshold { field, .. } => {
                    refer(&place, field, &numbers);
                }
                RuleDef::Ratio {
                    numerator,
                    denominator,
                    compare,
                    threshold,
                    percent,
                    when_zero,
                    gap_grows_denominator,
                    ..
                } => {
                    for f in [numerator, denominator] {
                        if let Some(found) = refer(&place, f, &numbers) {
                            if found.signed {
                                problems.add(f.span.clone(), &place, format!("a ratio of a signed field ({:?}) is not defined", f.value));
                            }
                        }
                    }
                    let den = field(denominator);
                    if when_zero.value == WhenZero::Error && den.is_some_and(|d| d.zero_error.is_none()) {
                        problems.add(when_zero.span.clone(), &place, "the denominator needs a zero_error code");
                    }
                    if gap_grows_denominator.value
                        && !(*percent && threshold.value < Dec::from_units(100) && !compare.value.is_upper())
                    {
                        problems.add(
                            gap_grows_denominator.span.clone(),
                            &place,
                            "a share's gap needs a percent lower bound below 100",
                        );
                    }
                }
                RuleDef::AllOf { field } => {
                    refer(&place, field, &[Kind::Set]);
                }
                RuleDef::EachYear { field, .. } => {
                    if let Some(f) = refer(&place, field, &numbers) {
                        if f.years.is_none() {
                            problems.add(field.span.clone(), &place, format!("each_year needs a per-year field; {:?} has no years", field.value));
                        }
                    }
                }
                RuleDef::Growth { field, .. } => {
                    if let Some(f) = refer(&place, field, &numbers) {
                        if f.years.as_ref().map_or(true, |y| y.value < 2) {
                            problems.add(field.span.clone(), &place, format!("growth needs a field of at least 2 years; {:?} is not", field.value));
                        }
                        if f.zero_error.is_none() {
                            problems.add(field.span.clone(), &place, "growth divides by the first year: the field needs a zero_error code");
                        }
                        if f.signed {
                            problems.add(field.span.clone(), &place, "growth of a signed field is not defined");
                        }
                    }
                }
                RuleDef::AnyCount { groups } => {
                    for (g, group) in groups.iter().enumerate() {
                        let place = format!("{place}.groups[{g}]");
                        for f in &group.fields {
                            refer(&place, f, &[Kind::Count]);
                        }
                        if group.compare.value.is_upper() {
                            problems.add(group.compare.span.clone(), &place, "a group of counts needs \">=\" or \">\"");
                        }
                        nonempty(problems, &group.compare.span, &format!("{place}.title"), &group.title);
                    }
                }
            }
        }
    }

    if let Some(tiers) = &def.tiers {
        refer("tiers", &tiers.field, &numbers);
        for (place, text) in [("tiers.label", &tiers.label), ("tiers.none", &tiers.none), ("tiers.unknown", &tiers.unknown)] {
            nonempty(problems, &tiers.field.span, place, text);
        }
        if tiers.bands.is_empty() {
            problems.add(tiers.field.span.clone(), "tiers", "tiers need at least one band ([[tiers.bands]])");
        }
        let mut previous: Option<Dec> = None;
        for (b, band) in tiers.bands.iter().enumerate() {
            let place = format!("tiers.bands[{b}] ({})", band.id.value);
            unique(&band.id, &place, "tier");
            if band.compare.value.is_upper() {
                problems.add(band.compare.span.clone(), &place, "a tier needs \">=\" or \">\"");
            }
            if previous.is_some_and(|p| p <= band.threshold.value) {
                problems.add(band.threshold.span.clone(), &place, "tiers go from the highest threshold down");
            }
            previous = Some(band.threshold.value);
            nonempty(problems, &band.id.span, &place, &band.title);
            if let Some(at) = &band.at_threshold {
                if !band.compare.value.is_strict() {
                    problems.add(at.span.clone(), &place, "at_threshold is for a band that needs more than its threshold (\">\")");
                }
            }
            if !def.source.value.contains(&band.citation.value) || band.citation.value.trim().is_empty() {
                problems.add(
                    band.citation.span.clone(),
                    &place,
                    format!("citation {:?} is not quoted verbatim from the source", band.citation.value),
                );
            }
            if band.citation_en.trim().is_empty() {
                problems.add(band.id.span.clone(), &place, "citation_en is empty");
            }
        }
    }

    // Declared groups: every field in exactly one.
    if !def.groups.is_empty() {
        let mut seen: HashSet<&str> = HashSet::new();
        for (g, group) in def.groups.iter().enumerate() {
            let place = format!("groups[{g}]");
            if !is_id(&group.id.value) {
                problems.add(group.id.span.clone(), &place, "the group id is not an id");
            }
            for f in &group.fields {
                if field(f).is_none() {
                    problems.add(f.span.clone(), &place, format!("no field {:?}", f.value));
                } else if !seen.insert(f.value.as_str()) {
                    problems.add(f.span.clone(), &place, format!("field {:?} is in two groups", f.value));
                }
            }
        }
        for f in &def.fields {
            if !seen.contains(f.key.value.as_str()) {
                problems.add(f.key.span.clone(), "groups", format!("field {:?} is in no group", f.key.value));
            }
        }
    }
}

fn validate_fields(def: &RulesetDef, problems: &Problems) {
    validate_field_list(&def.fields, "fields", &META_KEYS, def.messages.implausible.as_ref(), problems);
}

/// What must hold of a list of fields (a ruleset's figures, or a roster's columns), whose
/// input keys sit beside `meta` keys.
fn validate_field_list(fields: &[FieldDef], list: &str, meta: &[&str], implausible: Option<&TextAt>, problems: &Problems) {
    // A warning that names the likely unit mistake needs it of every field it can be about.
    let hint_used = implausible.is_some_and(|t| t.value.zh.contains("{hint}") || t.value.en.contains("{hint}"));
    if fields.len() > MAX_MEMBERS {
        problems.add(0..0, list, format!("at most {MAX_MEMBERS} fields"));
    }
    let slots: usize = fields.iter().map(|f| usize::from(f.years.as_ref().map_or(1, |y| y.value))).sum();
    if slots > MAX_SLOTS {
        problems.add(0..0, list, format!("the fields need {slots} readings (one per year of a per-year field); at most {MAX_SLOTS}"));
    }
    let mut keys: HashSet<String> = HashSet::new();
    let mut stems: HashSet<&str> = HashSet::new();
    for (i, field) in fields.iter().enumerate() {
        let place = format!("{list}[{i}] ({})", field.key.value);
        if !is_id(&field.key.value) || field.key.value.contains('-') {
            problems.add(field.key.span.clone(), &place, "the key is not an id (a-z, 0-9 and _)");
        }
        if !stems.insert(field.key.value.as_str()) {
            problems.add(field.key.span.clone(), &place, "the key is used twice");
        }
        nonempty(problems, &field.span, &format!("{place}.label"), &field.label);
        let decimal = field.kind == Kind::Decimal;
        match field.kind {
            Kind::Bool | Kind::Set if !field.units.is_empty() => {
                problems.add(field.span.clone(), &place, "a yes/no or set field has no units");
            }
            Kind::Count if field.units.len() > 1 || field.units.iter().any(|u| u.keyed || u.factor.value != (1, 1)) => {
                problems.add(field.span.clone(), &place, "a count has at most one unit, its name (key = false, no factor)");
            }
            _ => {}
        }
        if field.signed && !decimal {
            problems.add(field.span.clone(), &place, "only a decimal can be signed");
        }
        if field.years.is_some() && !matches!(field.kind, Kind::Count | Kind::Decimal) {
            problems.add(field.span.clone(), &place, "only a count or a decimal can be given per year");
        }
        if (field.kind == Kind::Set) == field.values.is_empty() {
            problems.add(field.span.clone(), &place, "a set field, and only a set field, lists its values");
        }
        if field.values.len() > MAX_MEMBERS {
            problems.add(field.span.clone(), &place, format!("a set field has at most {MAX_MEMBERS} values"));
        }
        let mut value_ids = HashSet::new();
        for v in &field.values {
            if !is_id(&v.id.value) || !value_ids.insert(v.id.value.as_str()) {
                problems.add(v.id.span.clone(), &place, format!("value id {:?} is not a unique id", v.id.value));
            }
            nonempty(problems, &v.id.span, &format!("{place}.values.{}", v.id.value), &v.label);
        }
        let mut unit_ids = HashSet::new();
        for (u, unit) in field.units.iter().enumerate() {
            let uplace = format!("{place}.units[{u}]");
            if !is_id(&unit.id.value) || unit.id.value.contains('-') || !unit_ids.insert(unit.id.value.as_str()) {
                problems.add(unit.id.span.clone(), &uplace, format!("unit id {:?} is not a unique id", unit.id.value));
            }
            if unit.id.value.len() == 4 && unit.id.value.bytes().all(|b| b.is_ascii_digit()) {
                problems.add(unit.id.span.clone(), &uplace, "a unit id cannot look like a year");
            }
            if unit.label.zh.trim().is_empty() {
                problems.add(unit.id.span.clone(), &uplace, "the unit's zh name is empty");
            }
            if u == 0 && unit.factor.value != (1, 1) {
                problems.add(unit.factor.span.clone(), &uplace, "the first unit is the base unit: its factor is 1");
            }
            let (_, den) = unit.factor.value;
            let decimal_factor = (0..=12).any(|p| 10_i128.checked_pow(p) == Some(den));
            if !unit.keyed && !decimal_factor {
                problems.add(
                    unit.factor.span.clone(),
                    &uplace,
                    "a unit for entry only (key = false) needs a decimal factor, so that the front end converts exactly",
                );
            }
        }
        if field.keyed_units().next().is_some() && field.units.first().is_some_and(|u| !u.keyed) {
            problems.add(field.span.clone(), &place, "when some unit is keyed, the base unit (the first) is keyed too");
        }
        if let Some(code) = &field.zero_error {
            if !is_id(&code.value) {
                problems.add(code.span.clone(), &place, "zero_error must be an error code (a-z, 0-9 and _)");
            }
        }
        if let Some(max) = &field.plausible_max {
            if !matches!(field.kind, Kind::Count | Kind::Decimal) {
                problems.add(max.span.clone(), &place, "only a number has a plausible limit");
            }
            if implausible.is_none() {
                problems.add(max.span.clone(), &place, "plausible_max needs messages.implausible");
            }
            if hint_used && field.plausible_hint.is_none() {
                problems.add(max.span.clone(), &place, "messages.implausible names {hint}: a field with plausible_max needs plausible_hint");
            }
        }
        if let Some(hint) = &field.plausible_hint {
            if field.plausible_max.is_none() {
                problems.add(hint.span.clone(), &place, "plausible_hint is for a field with plausible_max");
            }
            nonempty(problems, &hint.span, &format!("{place}.plausible_hint"), &hint.value);
        }
        for key in field.input_keys() {
            if meta.contains(&key.as_str()) || !keys.insert(key.clone()) {
                problems.add(field.key.span.clone(), &place, format!("input key {key:?} is used twice"));
            }
        }
    }
    // A key of one field must not read as the key of another with a unit or a year.
    for a in fields {
        for b in fields {
            if a.key.value != b.key.value && a.key.value.starts_with(&(b.key.value.clone() + "_")) && !b.units.is_empty() {
                problems.add(
                    a.key.span.clone(),
                    list,
                    format!("field {:?} begins with field {:?} and a unit separator: their keys could be confused", a.key.value, b.key.value),
                );
            }
        }
    }
}

/// What must hold of a roster: its columns as fields, the terms' columns and kinds, and
/// each derived figure's field, kind and unit.
fn validate_roster(def: &RulesetDef, roster: &RosterDef, problems: &Problems) {
    let columns: Vec<FieldDef> = roster.columns.iter().map(|c| c.field.clone()).collect();
    validate_field_list(&columns, "roster.columns", &ROSTER_META_KEYS, def.messages.implausible.as_ref(), problems);
    let column = |name: &At<String>| roster.columns.iter().find(|c| c.field.key.value == name.value);
    let term_ok = |place: &str, term: &TermDef, allow_derived: bool| match column(&term.column) {
        None => {
            let keys: Vec<&str> = roster.columns.iter().map(|c| c.field.key.value.as_str()).collect();
            let hint = nearest(&term.column.value, &keys).map(|k| format!("; did you mean {k:?}?")).unwrap_or_default();
            problems.add(term.column.span.clone(), place, format!("no roster column {:?}{hint}", term.column.value));
        }
        Some(c) => {
            match (&term.test, c.field.kind) {
                (TestDef::True, Kind::Bool) | (TestDef::Compare { .. }, Kind::Count | Kind::Decimal) => {}
                (TestDef::True, _) => problems.add(term.column.span.clone(), place, format!("column {:?} is not yes/no: give compare and threshold", term.column.value)),
                (TestDef::Compare { .. }, _) => problems.add(term.column.span.clone(), place, format!("column {:?} is not an amount: it cannot be compared", term.column.value)),
            }
            if !allow_derived && c.derive.is_some() {
                problems.add(term.column.span.clone(), place, format!("column {:?} is itself derived: a derivation reads given columns only", term.column.value));
            }
        }
    };
    for (i, c) in roster.columns.iter().enumerate() {
        let place = format!("roster.columns[{i}] ({})", c.field.key.value);
        if c.field.kind == Kind::Set || c.field.years.is_some() {
            problems.add(c.field.span.clone(), &place, "a roster column is yes/no, a count or a decimal, one per enterprise");
        }
        let yes_no = c.field.kind == Kind::Bool;
        if !yes_no && (c.default.is_some() || c.derive.is_some() || c.requires.is_some()) {
            problems.add(c.field.span.clone(), &place, "default, derive and requires are for yes/no columns");
        }
        if c.default.is_some() && c.derive.is_some() {
            problems.add(c.field.span.clone(), &place, "a blank cell is either a default or derived, not both");
        }
        if let Some(d) = &c.derive {
            nonempty(problems, &c.field.span, &format!("{place}.derive.source"), &d.source);
            nonempty(problems, &c.field.span, &format!("{place}.derive.reading"), &d.reading);
            for term in d.rule.iter().flatten() {
                term_ok(&format!("{place}.derive"), term, false);
            }
        }
        if let Some(r) = &c.requires {
            if column(&r.column).is_none() || r.column.value == c.field.key.value {
                problems.add(r.column.span.clone(), format!("{place}.requires"), format!("no other roster column {:?}", r.column.value));
            }
            if !is_id(&r.code.value) || r.code.value.contains('-') {
                problems.add(r.code.span.clone(), format!("{place}.requires"), "code must be an error code (a-z, 0-9 and _)");
            }
        }
    }
    for (i, n) in roster.notes.iter().enumerate() {
        nonempty(problems, &roster.span, &format!("roster.notes[{i}]"), n);
    }
    if roster.figures.is_empty() {
        problems.add(roster.span.clone(), "roster", "a roster needs the figures it gives ([[roster.figures]])");
    }
    validate_examples(roster, problems);
    let mut derived: HashSet<&str> = HashSet::new();
    for (i, f) in roster.figures.iter().enumerate() {
        let place = format!("roster.figures[{i}] ({})", f.field.value);
        for term in f.filter.iter().flatten() {
            term_ok(&place, term, true);
        }
        let Some(field) = def.fields.iter().find(|x| x.key.value == f.field.value) else {
            problems.add(f.field.span.clone(), &place, format!("no field {:?}", f.field.value));
            continue;
        };
        if !derived.insert(f.field.value.as_str()) {
            problems.add(f.field.span.clone(), &place, "the figure is derived twice");
        }
        if field.years.is_some() {
            problems.add(f.field.span.clone(), &place, "a per-year figure cannot be counted from one roster");
        }
        match &f.aggregate {
            AggregateDef::Count if field.kind != Kind::Count => {
                problems.add(f.field.span.clone(), &place, "a count derives a count field");
            }
            AggregateDef::Count => {}
            AggregateDef::Sum { column: name } => match column(name) {
                None => problems.add(name.span.clone(), &place, format!("no roster column {:?}", name.value)),
                Some(c) => {
                    if c.field.kind != Kind::Decimal || field.kind != Kind::Decimal {
                        problems.add(name.span.clone(), &place, "a sum adds a decimal column into a decimal field");
                    }
                    let base = |f: &FieldDef| f.units.first().map(|u| (u.id.value.clone(), u.label.zh.clone()));
                    if base(&c.field) != base(field) {
                        problems.add(name.span.clone(), &place, "the column and the field must have the same base unit");
                    }
                }
            },
        }
    }
}

/// What must hold of the roster's worked examples: each row a roster's row as a person
/// would fill it — the enterprise's name, then known input keys with cells of their
/// column's kind (yes/no as true or false, a count as a whole number, an amount as decimal
/// text) — no enterprise twice, and a note saying what it shows.
fn validate_examples(roster: &RosterDef, problems: &Problems) {
    let inputs: Vec<(String, &FieldDef)> = roster.columns.iter().flat_map(|c| c.field.input_keys().into_iter().map(move |k| (k, &c.field))).collect();
    let mut keys: Vec<&str> = vec!["enterprise", "cluster"];
    keys.extend(inputs.iter().map(|(k, _)| k.as_str()));
    // Each example's enterprise and cluster, to find one listed twice.
    let mut seen: Vec<(usize, (String, String))> = Vec::new();
    for (i, example) in roster.examples.iter().enumerate() {
        let place = format!("roster.examples[{i}]");
        nonempty(problems, &example.span, &format!("{place}.note"), &example.note);
        let mut columns: HashSet<&str> = HashSet::new();
        for (key, cell) in &example.row {
            let place = format!("{place}.row.{}", key.value);
            let expected = |what: &str| problems.add(cell.span.clone(), &place, format!("{:?} is {what}; found {}", key.value, found(&cell.value)));
            match (key.value.as_str(), inputs.iter().find(|(k, _)| *k == key.value)) {
                ("enterprise" | "cluster", _) => match &cell.value {
                    Scalar::Str(s) if !s.trim().is_empty() => {}
                    _ => expected("a name: a non-empty string"),
                },
                (_, None) => {
                    let hint = nearest(&key.value, &keys).map_or_else(|| format!("; known here: {}", keys.join(", ")), |k| format!("; did you mean {k:?}?"));
                    problems.add(key.span.clone(), &place, format!("no roster column has the key {:?}{hint}", key.value));
                }
                (_, Some((_, field))) => {
                    if !columns.insert(field.key.value.as_str()) {
                        problems.add(key.span.clone(), &place, format!("column {:?} is given twice", field.key.value));
                    }
                    match (field.kind, &cell.value) {
                        (Kind::Bool, Scalar::Bool(_)) | (Kind::Count, Scalar::Int(0..)) => {}
                        (Kind::Bool, _) => expected("yes/no: true or false"),
                        (Kind::Count, _) => expected("a count: a whole number, 0 or more"),
                        (Kind::Decimal, Scalar::Str(text)) => match parse_text_as(text, Accept { whole: false, signed: field.signed }) {
                            Ok(Some(_)) => {}
                            Ok(None) => expected("an amount (leave the key out for a blank cell)"),
                            Err(e) => expected(&format!("an amount as decimal text (\"6200.5\") that a roster accepts ({})", e.code())),
                        },
                        (Kind::Decimal, _) => expected("an amount: written as decimal text (\"6200.5\"), so that it is exact"),
                        (Kind::Set, _) => expected("not a roster column"),
                    }
                }
            }
        }
        let name_of = |key: &str| {
            example.row.iter().find(|(k, _)| k.value == key).and_then(|(_, v)| match &v.value {
                Scalar::Str(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
                _ => None,
            })
        };
        let Some(name) = name_of("enterprise") else {
            problems.add(example.span.clone(), &place, "an example names its enterprise: row = { enterprise = \"…\", … }");
            continue;
        };
        let listed = (name, name_of("cluster").unwrap_or_default());
        if let Some((j, _)) = seen.iter().find(|(_, s)| *s == listed) {
            problems.add(example.span.clone(), &place, format!("enterprise {:?} is already an example (roster.examples[{j}]): a roster lists it once", listed.0));
        }
        seen.push((i, listed));
    }
}

/// What a cell of an example was written as.
fn found(value: &Scalar) -> String {
    match value {
        Scalar::Str(s) => format!("the string {s:?}"),
        Scalar::Bool(b) => format!("the boolean {b}"),
        Scalar::Int(n) => format!("the integer {n}"),
        Scalar::Other(kind) => (*kind).to_owned(),
    }
}
