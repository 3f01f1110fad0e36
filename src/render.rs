//! Writing an evaluation's decisions: into the report of the interface, with every
//! sentence made from the ruleset's texts ([`report`], native), or into the compact form
//! that crosses into JavaScript ([`compact`]), where `js/render.js` makes the same report
//! from the catalog by expanding templates — and deciding nothing. The layout of the
//! compact form is in `docs/catalog.md`.

use crate::engine::{Evaluation, Finding, Outcome};
use crate::json::{push_opt, push_str};
use crate::message::{push_arg, push_message, sentence, Arg, Lang, Message};
use crate::number::push_int;
use crate::report::{CheckReport, ConditionReport, Issue, Localized, Report, RulesetInfo, Status, Verdict};
use crate::ruleset::{input_key, texts_of, RulesetTexts};

fn localized(texts: &RulesetTexts, template: u16, args: &[Arg]) -> Localized {
    Localized {
        zh: sentence(texts, template, args, Lang::Zh),
        en: sentence(texts, template, args, Lang::En),
    }
}

fn message_text(texts: &RulesetTexts, m: &Message) -> Localized {
    localized(texts, m.template, &m.args)
}

fn issue(texts: &RulesetTexts, f: &Finding) -> Issue {
    Issue {
        field: f.field.clone(),
        code: f.code,
        message: message_text(texts, &f.message),
    }
}

/// The input key of a gap's figure.
pub(crate) fn gap_field(e: &Evaluation, o: &Outcome) -> Option<String> {
    let gap = o.gap?;
    e.ruleset.field(gap.field).map(|f| input_key(f, gap.unit, gap.year))
}

/// The report of one evaluation, with every text made here.
pub(crate) fn report(e: &Evaluation) -> Report {
    let texts = texts_of(e.ruleset);
    let mut outcomes = e.outcomes.iter();
    let conditions = texts
        .conditions
        .iter()
        .zip(&e.statuses)
        .map(|(condition, status)| ConditionReport {
            id: condition.id,
            clause: condition.clause,
            title: condition.title.into(),
            status: *status,
            checks: condition
                .checks
                .iter()
                .zip(outcomes.by_ref())
                .map(|(check, o)| {
                    let template = e.template(o);
                    let args: Vec<Arg> = template.params.iter().map(|p| e.param(o, *p)).collect();
                    let shows_gap = o.status != Status::Met;
                    CheckReport {
                        id: check.id,
                        title: check.title.into(),
                        status: o.status,
                        value: o.value.map(|v| v.as_str().to_owned()),
                        threshold: check.threshold.map(str::to_owned),
                        unit: check.unit,
                        gap: o.gap.filter(|_| shows_gap).map(|g| g.text.as_str().to_owned()),
                        gap_field: if shows_gap { gap_field(e, o) } else { None },
                        citation: check.citation,
                        explanation: localized(texts, template.index, &args),
                    }
                })
                .collect(),
        })
        .collect();
    let mut notes: Vec<Localized> = texts.notes.iter().map(|n| Localized::from(crate::report::Text::from(*n))).collect();
    notes.extend(e.tier_note.as_ref().map(|m| message_text(texts, m)));
    Report {
        ruleset: RulesetInfo::from(texts),
        name: e.name.map(str::to_owned),
        year: e.year,
        status: e.verdict,
        eligible: e.verdict == Verdict::Met,
        tier: e.tier,
        conditions,
        errors: e.errors().map(|f| issue(texts, f)).collect(),
        warnings: e.warnings.iter().map(|f| issue(texts, f)).collect(),
        notes,
    }
}

/// Status codes of the compact form, in the order of [`Status`] and [`Verdict`].
pub(crate) fn status_code(s: Status) -> u128 {
    match s {
        Status::Met => 0,
        Status::NotMet => 1,
        Status::Missing => 2,
        Status::Invalid => 3,
    }
}

pub(crate) fn verdict_code(v: Verdict) -> u128 {
    match v {
        Verdict::Met => 0,
        Verdict::NotMet => 1,
        Verdict::Incomplete => 2,
    }
}

/// Appends the compact form of an evaluation (see `docs/catalog.md`): one flat JSON array,
/// flat so that parsing it in JavaScript makes one array per record, not one per check.
pub(crate) fn compact(e: &Evaluation, out: &mut String) {
    out.push('[');
    push_str(out, e.ruleset.id);
    out.push(',');
    push_int(out, verdict_code(e.verdict));
    out.push(',');
    push_opt(out, e.tier);
    out.push(',');
    push_opt(out, e.name);
    out.push(',');
    match e.year {
        Some(year) => push_int(out, u128::from(year)),
        None => out.push_str("null"),
    }
    for status in &e.statuses {
        out.push(',');
        push_int(out, status_code(*status));
    }
    for o in &e.outcomes {
        let shows_gap = o.status != Status::Met && o.gap.is_some();
        let code = status_code(o.status) + 4 * u128::from(o.value.is_some()) + 8 * u128::from(shows_gap);
        out.push(',');
        push_int(out, code);
        // Decimal texts need no escapes.
        if let Some(value) = &o.value {
            out.push_str(",\"");
            out.push_str(value);
            out.push('"');
        }
        if let (true, Some(gap)) = (shows_gap, &o.gap) {
            out.push_str(",\"");
            out.push_str(&gap.text);
            out.push_str("\",");
            match gap_field(e, o) {
                Some(key) => push_str(out, &key),
                None => out.push_str("null"),
            }
        }
        let template = e.template(o);
        out.push(',');
        push_int(out, u128::from(template.index));
        out.push(',');
        push_int(out, template.params.len() as u128);
        for param in template.params {
            out.push(',');
            push_arg(out, &e.param(o, *param));
        }
    }
    push_findings(out, e.errors());
    push_findings(out, e.warnings.iter());
    out.push(',');
    match &e.tier_note {
        Some(note) => {
            out.push_str("1,");
            push_message(out, note);
        }
        None => out.push('0'),
    }
    out.push(']');
}

/// Appends `, m, (field, code, message) × m`.
fn push_findings<'f>(out: &mut String, findings: impl ExactSizeIterator<Item = &'f Finding>) {
    out.push(',');
    push_int(out, findings.len() as u128);
    for f in findings {
        out.push(',');
        push_opt(out, f.field.as_deref());
        out.push(',');
        push_str(out, f.code);
        out.push(',');
        push_message(out, &f.message);
    }
}
