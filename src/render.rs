//! Writing: turns an evaluation into the report of the interface, with every explanation
//! filled in both languages.
//!
//! Across the WebAssembly boundary the same evaluation travels as compact JSON
//! ([`compact`]) plus, once, the ruleset's texts ([`catalog_json`]); the JavaScript
//! wrapper (`js/render.js`) builds from them exactly the report that [`report`] builds
//! here, so that a batch does not carry every title, citation and note once per record.
//! The tests compare the two reports for every case file.

use crate::engine::{localized, Evaluation, Gap, Outcome, Why};
use crate::json::{push_key, push_opt, push_str};
use crate::messages as msg;
use crate::number::{grouped, push_int, Plain};
use crate::report::{CheckReport, ConditionReport, Issue, Localized, Report, RulesetInfo, Status, Verdict};
use crate::ruleset::{self, Condition, Field, Ruleset, Text};

/// The report of one evaluation.
pub(crate) fn report(mut e: Evaluation) -> Report {
    let mut outcomes = Vec::new();
    let verdict = e.judge(|o| outcomes.push(*o));
    let conditions = by_condition(e.ruleset.conditions, &outcomes)
        .map(|(condition, outcomes)| ConditionReport {
            id: condition.id,
            clause: condition.clause,
            title: condition.title,
            status: Status::combine(outcomes.iter().map(|o| o.status)),
            checks: outcomes.iter().map(|o| check_report(e.ruleset, o)).collect(),
        })
        .collect();
    let mut notes: Vec<Localized> = e.ruleset.notes.iter().map(|n| Localized::from(*n)).collect();
    notes.extend(e.tier_note.clone());
    Report {
        ruleset: RulesetInfo::from(e.ruleset),
        name: e.name.map(str::to_owned),
        year: e.year,
        status: verdict,
        eligible: verdict == Verdict::Met,
        tier: e.tier,
        conditions,
        errors: e.errors().cloned().collect(),
        warnings: e.warnings,
        notes,
    }
}

/// Each condition with the outcomes of its checks, from the outcomes of all checks in order.
fn by_condition<'o>(conditions: &'static [Condition], outcomes: &'o [Outcome]) -> impl Iterator<Item = (&'static Condition, &'o [Outcome])> {
    let mut rest = outcomes;
    conditions.iter().map(move |condition| {
        let (these, others) = rest.split_at(condition.checks.len().min(rest.len()));
        rest = others;
        (condition, these)
    })
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
        value: o.value.map(|v| v.as_str().to_owned()),
        threshold: o.check.threshold.map(str::to_owned),
        unit: o.check.unit,
        gap: o.gap.map(|g| g.text.as_str().to_owned()),
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
    (msg::join(labels.clone().map(|t| t.zh), "、"), msg::join(labels.map(|t| t.en), ", "))
}

/// Every explanation is a template filled with the same six values (empty where they do
/// not apply): `value`, `threshold` and `gap` with thousands separators, `gap_unit`, the
/// `missing` set values and the `fields` that are missing or invalid.
fn explanation(ruleset: &'static Ruleset, o: &Outcome) -> Localized {
    let value = o.value.map(|v| grouped(&v)).unwrap_or_default();
    let threshold = o.check.threshold.map(grouped).unwrap_or_default();
    let gap = o.gap.map(|g| grouped(&g.text)).unwrap_or_default();
    let gap_unit = o.gap.as_ref().map_or(Text { zh: "", en: "" }, |g| gap_unit(ruleset, g));
    let set_field = match o.check.rule {
        ruleset::Rule::AllOf { field } => ruleset.field(field),
        _ => None,
    };
    let named = o.why.indexes(o.check);
    let (missing_zh, missing_en) = match (o.why, set_field) {
        (Why::Judged { .. }, Some(field)) => joined(named.clone().filter_map(|i| field.values.get(i)).map(|v| v.label)),
        _ => (String::new(), String::new()),
    };
    let (fields_zh, fields_en) = match o.why {
        Why::Missing(_) | Why::Invalid(_) => joined(named.filter_map(|i| ruleset.field(i)).map(|f| f.label)),
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
fn status_code(s: Status) -> usize {
    match s {
        Status::Met => 0,
        Status::NotMet => 1,
        Status::Missing => 2,
        Status::Invalid => 3,
    }
}

fn verdict_code(v: Verdict) -> &'static str {
    match v {
        Verdict::Met => "0",
        Verdict::NotMet => "1",
        Verdict::Incomplete => "2",
    }
}

/// Appends the compact form of an evaluation, judging its checks as it goes: one flat JSON
/// array (flat, so that parsing it in JavaScript makes one array per record, not one per
/// check):
///
/// `ruleset, verdict, tier, name, year,` then per check one number
/// `status + 4·why + 32·(has value) + 64·(has gap) + 128·n` followed by only what it says is
/// there: `value`, then `gap, gap_field, gap_unit`, then `index × n`; then
/// `m, (field, code, zh, en) × m` for the errors, the same for the warnings, then
/// `tier_note_zh, tier_note_en`. (A met yes/no check is one number, not a run of nulls:
/// the text `JSON.parse` reads is about half as long.)
///
/// Status 0 met, 1 not met, 2 missing, 3 invalid; verdict 0 met, 1 not met, 2 incomplete;
/// why 0 judged, 1 nothing due, 2 missing, 3 invalid, 4 unknown ruleset, 5 not an object;
/// the indexes are the missing set values (judged) or the fields named (missing, invalid).
pub(crate) fn compact(mut e: Evaluation, out: &mut String) {
    out.push('[');
    push_str(out, e.ruleset.id);
    out.push(',');
    // The verdict is known once every check is judged; its one character is written then.
    let verdict_at = out.len();
    out.push_str(verdict_code(Verdict::Incomplete));
    out.push(',');
    push_opt(out, e.tier);
    out.push(',');
    push_opt(out, e.name);
    out.push(',');
    match e.year {
        Some(year) => push_int(out, u128::from(year)),
        None => out.push_str("null"),
    }
    let verdict = e.judge(|o| {
        let why = match o.why {
            Why::Judged { .. } => 0,
            Why::NothingDue => 1,
            Why::Missing(_) => 2,
            Why::Invalid(_) => 3,
            Why::BadRuleset => 4,
            Why::NotAnObject => 5,
        };
        let count = o.why.count();
        let code = status_code(o.status) + 4 * why + 32 * usize::from(o.value.is_some()) + 64 * usize::from(o.gap.is_some()) + 128 * count;
        out.push(',');
        push_int(out, code as u128);
        // Decimal texts need no escapes.
        if let Some(value) = &o.value {
            push_quoted(out, ",\"", value);
        }
        if let Some(gap) = &o.gap {
            push_quoted(out, ",\"", &gap.text);
            out.push(',');
            push_int(out, gap.field as u128);
            out.push(',');
            push_int(out, gap.unit as u128);
        }
        if count > 0 {
            for index in o.why.indexes(o.check) {
                out.push(',');
                push_int(out, index as u128);
            }
        }
    });
    out.replace_range(verdict_at..verdict_at + 1, verdict_code(verdict));
    push_issues(out, e.errors());
    push_issues(out, e.warnings.iter());
    out.push(',');
    push_opt(out, e.tier_note.as_ref().map(|n| n.zh.as_str()));
    out.push(',');
    push_opt(out, e.tier_note.as_ref().map(|n| n.en.as_str()));
    out.push(']');
}

/// Appends `before`, then decimal text and a closing quote.
fn push_quoted(out: &mut String, before: &str, text: &Plain) {
    out.push_str(before);
    out.push_str(text);
    out.push('"');
}

/// Appends `, m, (field, code, zh, en) × m`.
fn push_issues<'i>(out: &mut String, issues: impl ExactSizeIterator<Item = &'i Issue>) {
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

#[cold]
fn push_text(out: &mut String, t: Text) {
    out.push('{');
    push_key(out, "zh", true);
    push_str(out, t.zh);
    push_key(out, "en", false);
    push_str(out, t.en);
    out.push('}');
}

#[cold]
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
#[cold]
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
