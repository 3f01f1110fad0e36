//! Writing: turns an evaluation into the report of the interface, with every explanation
//! filled in both languages.
//!
//! Across the WebAssembly boundary the same evaluation travels as compact JSON
//! ([`compact`]) plus, once, the ruleset's texts ([`catalog_json`]); the JavaScript
//! wrapper (`js/render.js`) builds from them exactly the report that [`report`] builds
//! here, so that a batch does not carry every title, citation and note once per record.
//! The tests compare the two reports for every case file.

use crate::engine::{condition_status, localized, Evaluated, Gap, Outcome, Why};
use crate::json::{push_key, push_opt, push_str};
use crate::messages as msg;
use crate::number::{grouped, push_int};
use crate::report::{CheckReport, ConditionReport, Localized, Report, RulesetInfo, Status, Verdict};
use crate::ruleset::{self, Field, Ruleset, Text};

/// The report of one evaluation.
pub(crate) fn report(e: &Evaluated) -> Report {
    let conditions = e
        .ruleset
        .conditions
        .iter()
        .zip(&e.outcomes)
        .map(|(condition, outcomes)| ConditionReport {
            id: condition.id,
            clause: condition.clause,
            title: condition.title,
            status: condition_status(outcomes),
            checks: outcomes.iter().map(|o| check_report(e.ruleset, o)).collect(),
        })
        .collect();
    let mut notes: Vec<Localized> = e.ruleset.notes.iter().map(|n| Localized::from(*n)).collect();
    notes.extend(e.tier_note.clone());
    Report {
        ruleset: RulesetInfo::from(e.ruleset),
        name: e.name.clone(),
        year: e.year,
        status: e.verdict,
        eligible: e.verdict == Verdict::Met,
        tier: e.tier,
        conditions,
        errors: e.errors.clone(),
        warnings: e.warnings.clone(),
        notes,
    }
}

/// The input key of a field given in one of its units (`land_area_mu`).
pub(crate) fn input_key(field: &Field, unit: usize) -> String {
    match field.units.get(unit) {
        Some(u) => {
            let mut key = String::with_capacity(field.key.len() + 1 + u.suffix.len());
            key.push_str(field.key);
            key.push('_');
            key.push_str(u.suffix);
            key
        }
        None => field.key.to_owned(),
    }
}

fn check_report(ruleset: &'static Ruleset, o: &Outcome) -> CheckReport {
    CheckReport {
        id: o.check.id,
        title: o.check.title,
        status: o.status,
        value: o.value.clone(),
        threshold: o.check.threshold.map(str::to_owned),
        unit: o.check.unit,
        gap: o.gap.as_ref().map(|g| g.text.clone()),
        gap_field: o.gap.as_ref().and_then(|g| ruleset.field(g.field).map(|f| input_key(f, g.unit))),
        citation: o.check.citation,
        explanation: explanation(ruleset, o),
    }
}

/// The template an explanation is made from.
fn template(ruleset: &Ruleset, o: &Outcome) -> Text {
    let explain = o.check.explain;
    match o.why {
        Why::Judged { .. } if o.status == Status::Met => explain.met,
        Why::Judged { .. } => explain.not_met,
        Why::NothingDue => explain.nothing_due.unwrap_or(explain.met),
        Why::Missing(_) => ruleset.messages.missing,
        Why::Invalid(_) | Why::BadRuleset => ruleset.messages.invalid,
        Why::NotAnObject => msg::RECORD_UNUSABLE,
    }
}

/// Labels joined for a sentence: `、` in Chinese, `, ` in English.
fn joined(labels: impl Iterator<Item = Text> + Clone) -> (String, String) {
    let zh: Vec<&str> = labels.clone().map(|t| t.zh).collect();
    let en: Vec<&str> = labels.map(|t| t.en).collect();
    (zh.join("、"), en.join(", "))
}

/// Every explanation is a template filled with the same six values (empty where they do
/// not apply): `value`, `threshold` and `gap` with thousands separators, `gap_unit`, the
/// `missing` set values and the `fields` that are missing or invalid.
fn explanation(ruleset: &'static Ruleset, o: &Outcome) -> Localized {
    let value = o.value.as_deref().map(grouped).unwrap_or_default();
    let threshold = o.check.threshold.map(grouped).unwrap_or_default();
    let gap = o.gap.as_ref().map(|g| grouped(&g.text)).unwrap_or_default();
    let gap_unit = o.gap.as_ref().map_or(Text { zh: "", en: "" }, |g| gap_unit(ruleset, g));
    let set_field = match o.check.rule {
        ruleset::Rule::AllOf { field } => ruleset.field(field),
        _ => None,
    };
    let (missing_zh, missing_en) = match (&o.why, set_field) {
        (Why::Judged { missing_values }, Some(field)) => {
            joined(missing_values.iter().filter_map(|&i| field.values.get(i)).map(|v| v.label))
        }
        _ => (String::new(), String::new()),
    };
    let (fields_zh, fields_en) = match &o.why {
        Why::Missing(fields) | Why::Invalid(fields) => {
            joined(fields.iter().filter_map(|&i| ruleset.field(i)).map(|f| f.label))
        }
        Why::BadRuleset => (msg::RULESET_LABEL.zh.to_owned(), msg::RULESET_LABEL.en.to_owned()),
        _ => (String::new(), String::new()),
    };
    localized(
        template(ruleset, o),
        &[("value", &value), ("threshold", &threshold), ("gap", &gap)],
        &[("gap_unit", gap_unit.zh), ("missing", &missing_zh), ("fields", &fields_zh)],
        &[("gap_unit", gap_unit.en), ("missing", &missing_en), ("fields", &fields_en)],
    )
}

fn gap_unit(ruleset: &Ruleset, gap: &Gap) -> Text {
    ruleset
        .field(gap.field)
        .and_then(|f| f.units.get(gap.unit))
        .map_or(Text { zh: "", en: "" }, |u| u.label)
}

/// Status codes of the compact form, in the order of [`Status`] and [`Verdict`].
fn status_code(s: Status) -> char {
    match s {
        Status::Met => '0',
        Status::NotMet => '1',
        Status::Missing => '2',
        Status::Invalid => '3',
    }
}

fn verdict_code(v: Verdict) -> char {
    match v {
        Verdict::Met => '0',
        Verdict::NotMet => '1',
        Verdict::Incomplete => '2',
    }
}

/// Appends the compact form of an evaluation: one flat JSON array (flat, so that parsing
/// it in JavaScript makes one array per record, not one per check):
///
/// `ruleset, verdict, tier, name, year,` then per check
/// `status, why, value, gap, gap_field, gap_unit, n, index × n,` then
/// `m, (field, code, zh, en) × m` for the errors, the same for the warnings, then
/// `tier_note_zh, tier_note_en`.
///
/// Status 0 met, 1 not met, 2 missing, 3 invalid; verdict 0 met, 1 not met, 2 incomplete;
/// why 0 judged, 1 nothing due, 2 missing, 3 invalid, 4 unknown ruleset, 5 not an object;
/// the indexes are the missing set values (judged) or the fields named (missing, invalid).
pub(crate) fn compact(e: &Evaluated, out: &mut String) {
    out.push('[');
    push_str(out, e.ruleset.id);
    out.push(',');
    out.push(verdict_code(e.verdict));
    out.push(',');
    push_opt(out, e.tier);
    out.push(',');
    push_opt(out, e.name.as_deref());
    out.push(',');
    match e.year {
        Some(year) => push_int(out, u128::from(year)),
        None => out.push_str("null"),
    }
    for o in e.outcomes.iter().flatten() {
        out.push(',');
        out.push(status_code(o.status));
        out.push(',');
        let (why, indexes): (char, &[usize]) = match &o.why {
            Why::Judged { missing_values } => ('0', missing_values),
            Why::NothingDue => ('1', &[]),
            Why::Missing(fields) => ('2', fields),
            Why::Invalid(fields) => ('3', fields),
            Why::BadRuleset => ('4', &[]),
            Why::NotAnObject => ('5', &[]),
        };
        out.push(why);
        out.push(',');
        push_opt(out, o.value.as_deref());
        out.push(',');
        push_opt(out, o.gap.as_ref().map(|g| g.text.as_str()));
        out.push(',');
        match &o.gap {
            Some(g) => {
                push_int(out, g.field as u128);
                out.push(',');
                push_int(out, g.unit as u128);
            }
            None => out.push_str("null,null"),
        }
        out.push(',');
        push_int(out, indexes.len() as u128);
        for index in indexes {
            out.push(',');
            push_int(out, *index as u128);
        }
    }
    for issues in [&e.errors, &e.warnings] {
        out.push(',');
        push_int(out, issues.len() as u128);
        for issue in issues {
            out.push(',');
            push_opt(out, issue.field.as_deref());
            out.push(',');
            push_str(out, issue.code);
            out.push(',');
            push_str(out, &issue.message.zh);
            out.push(',');
            push_str(out, &issue.message.en);
        }
    }
    out.push(',');
    push_opt(out, e.tier_note.as_ref().map(|n| n.zh.as_str()));
    out.push(',');
    push_opt(out, e.tier_note.as_ref().map(|n| n.en.as_str()));
    out.push(']');
}

fn push_text(out: &mut String, t: Text) {
    out.push('{');
    push_key(out, "zh", true);
    push_str(out, t.zh);
    push_key(out, "en", false);
    push_str(out, t.en);
    out.push('}');
}

fn push_text_or_null(out: &mut String, t: Option<Text>) {
    match t {
        Some(t) => push_text(out, t),
        None => out.push_str("null"),
    }
}

/// Everything the JavaScript wrapper needs to build reports from [`compact`] evaluations:
/// per ruleset its info, texts, fields (labels, units, set values), conditions and checks
/// (titles, citations, thresholds, units, explanation templates), notes; and the engine's
/// own texts used in explanations.
pub(crate) fn catalog_json() -> String {
    let mut out = String::with_capacity(16_384);
    out.push('{');
    push_key(&mut out, "record_unusable", true);
    push_text(&mut out, msg::RECORD_UNUSABLE);
    push_key(&mut out, "ruleset_label", false);
    push_text(&mut out, msg::RULESET_LABEL);
    push_key(&mut out, "rulesets", false);
    out.push('[');
    for (i, r) in ruleset::RULESETS.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('{');
        push_key(&mut out, "info", true);
        RulesetInfo::from(*r).write_json(&mut out);
        push_key(&mut out, "missing", false);
        push_text(&mut out, r.messages.missing);
        push_key(&mut out, "invalid", false);
        push_text(&mut out, r.messages.invalid);
        push_key(&mut out, "fields", false);
        out.push('[');
        for (j, f) in r.fields.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            out.push('{');
            push_key(&mut out, "label", true);
            push_text(&mut out, f.label);
            push_key(&mut out, "keys", false);
            out.push('[');
            let units = f.units.len().max(1);
            for u in 0..units {
                if u > 0 {
                    out.push(',');
                }
                push_str(&mut out, &input_key(f, u));
            }
            out.push(']');
            push_key(&mut out, "units", false);
            out.push('[');
            for (u, unit) in f.units.iter().enumerate() {
                if u > 0 {
                    out.push(',');
                }
                push_text(&mut out, unit.label);
            }
            out.push(']');
            push_key(&mut out, "values", false);
            out.push('[');
            for (v, value) in f.values.iter().enumerate() {
                if v > 0 {
                    out.push(',');
                }
                push_text(&mut out, value.label);
            }
            out.push_str("]}");
        }
        out.push(']');
        push_key(&mut out, "conditions", false);
        out.push('[');
        for (j, c) in r.conditions.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            out.push('{');
            push_key(&mut out, "id", true);
            push_str(&mut out, c.id);
            push_key(&mut out, "clause", false);
            push_str(&mut out, c.clause);
            push_key(&mut out, "title", false);
            push_text(&mut out, c.title);
            push_key(&mut out, "checks", false);
            out.push('[');
            for (k, check) in c.checks.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                out.push('{');
                push_key(&mut out, "id", true);
                push_str(&mut out, check.id);
                push_key(&mut out, "title", false);
                push_text(&mut out, check.title);
                push_key(&mut out, "threshold", false);
                push_opt(&mut out, check.threshold);
                push_key(&mut out, "unit", false);
                push_opt(&mut out, check.unit);
                push_key(&mut out, "citation", false);
                push_str(&mut out, check.citation);
                push_key(&mut out, "set_field", false);
                match check.rule {
                    ruleset::Rule::AllOf { field } => push_int(&mut out, field as u128),
                    _ => out.push_str("null"),
                }
                push_key(&mut out, "met", false);
                push_text(&mut out, check.explain.met);
                push_key(&mut out, "not_met", false);
                push_text(&mut out, check.explain.not_met);
                push_key(&mut out, "nothing_due", false);
                push_text_or_null(&mut out, check.explain.nothing_due);
                out.push('}');
            }
            out.push_str("]}");
        }
        out.push(']');
        push_key(&mut out, "notes", false);
        out.push('[');
        for (j, n) in r.notes.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            push_text(&mut out, *n);
        }
        out.push_str("]}");
    }
    out.push_str("]}");
    out
}
