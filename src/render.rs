//! Writing an evaluation's decisions: into the report of the interface, with every
//! sentence made from the ruleset's texts ([`report`], native), or into the compact form
//! that crosses into JavaScript ([`compact`]), where `js/render.js` makes the same report
//! from the catalog by expanding templates — and deciding nothing. The layout of the
//! compact form is in `docs/catalog.md`.

use crate::engine::{Evaluation, Finding, Outcome};
use crate::json::{push_opt, push_str};
use crate::message::{push_arg, push_message, sentence, Arg, Lang, Message, Own};
use crate::number::{push_int, Dec};
use crate::report::{CheckReport, ConditionReport, Issue, Localized, Plan, PlanAddition, Report, RulesetInfo, Status, Verdict};
use crate::ruleset::{input_key, texts_of, RulesetTexts};
use cluster_check_model::messages::PLAN_NOTES;

fn localized(texts: &RulesetTexts, template: u16, args: &[Arg], own: Own<'_>) -> Localized {
    Localized {
        zh: sentence(texts, template, args, Lang::Zh, own),
        en: sentence(texts, template, args, Lang::En, own),
    }
}

fn message_text(texts: &RulesetTexts, m: &Message) -> Localized {
    localized(texts, m.template, &m.args, Own::default())
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

/// The joint plan of an evaluation, as the report gives it (see [`Evaluation::plan`]).
fn plan(e: &mut Evaluation, texts: &RulesetTexts) -> Plan {
    let trial = e.plan();
    let ids: Vec<&'static str> = texts.conditions.iter().flat_map(|c| c.checks.iter()).map(|c| c.id).collect();
    let mut additions = Vec::new();
    e.additions(&trial, |field, unit, year, from, to| {
        if let Some(f) = e.ruleset.field(field) {
            additions.push(PlanAddition {
                field: input_key(f, unit, year),
                unit: f.units.get(unit).and_then(|u| texts.texts.get(usize::from(u.label))).map(|t| t.zh),
                add: Dec::from_micros(to.micros() - from.micros()).to_plain().as_str().to_owned(),
                from: from.to_plain().as_str().to_owned(),
                to: to.to_plain().as_str().to_owned(),
            });
        }
    });
    let note = PLAN_NOTES.get(usize::from(!trial.remaining.is_empty())).copied().unwrap_or(PLAN_NOTES[0]);
    Plan {
        additions,
        met_after: trial.remaining.is_empty(),
        remaining: trial.remaining.iter().filter_map(|&i| ids.get(i).copied()).collect(),
        note: Localized::from(crate::report::Text::from(note)),
    }
}

/// The report of one evaluation, with every text made here; with its joint plan when `planned`.
pub(crate) fn report(mut e: Evaluation, planned: bool) -> Report {
    let mut decided = Vec::new();
    e.judge(|_, o| decided.push(*o));
    let mut report = written(&e, &decided);
    if planned {
        let texts = texts_of(e.ruleset);
        report.plan = Some(plan(&mut e, texts));
    }
    report
}

/// The report of a judged evaluation, its outcomes `decided`, without a plan.
fn written(e: &Evaluation, decided: &[Outcome]) -> Report {
    let texts = texts_of(e.ruleset);
    let mut outcomes = decided.iter();
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
                    let value = o.value.map(|v| v.as_str().to_owned());
                    let gap = o.gap.filter(|_| shows_gap).map(|g| g.text.as_str().to_owned());
                    let own = Own {
                        value: value.as_deref(),
                        gap: o.gap.as_ref().map(|g| g.text.as_str()),
                    };
                    let explanation = localized(texts, template.index, &args, own);
                    CheckReport {
                        id: check.id,
                        title: check.title.into(),
                        status: o.status,
                        value,
                        threshold: check.threshold.map(str::to_owned),
                        unit: check.unit,
                        gap,
                        gap_field: if shows_gap { gap_field(e, o) } else { None },
                        citation: check.citation,
                        explanation,
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
        plan: None,
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
/// Each check is written aside as it is judged, and follows the verdict and the conditions'
/// statuses, which are known only at the end. With `planned`, the joint plan
/// follows: `[(field, add, from, to) × n], [check × r]`.
pub(crate) fn compact(e: Evaluation, out: &mut String, planned: bool) {
    compact_with(e, out, false, planned);
}

/// The compact form of the verdicts only: each check by its status code alone (nothing
/// that explains it), the rest as in [`compact`]. For a table of many clusters.
pub(crate) fn verdicts(mut e: Evaluation, out: &mut String) {
    e.explain = false;
    compact_with(e, out, true, false);
}

fn compact_with(mut e: Evaluation, out: &mut String, bare: bool, planned: bool) {
    // The checks first, as they are judged: the verdict and the conditions' statuses that
    // come before them are known only at the end.
    let mut checks = String::with_capacity(if bare { 2 * 64 } else { 1024 });
    e.judge(|e, o| {
        if bare {
            checks.push(',');
            push_int(&mut checks, status_code(o.status));
        } else {
            check(e, o, &mut checks);
        }
    });
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
    out.push_str(&checks);
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
    if planned {
        let trial = e.plan();
        let e = &e;
        out.push_str(",[");
        let mut first = true;
        e.additions(&trial, |field, unit, year, from, to| {
            if !first {
                out.push(',');
            }
            first = false;
            push_figure(out, e, field, unit, year);
            for d in [Dec::from_micros(to.micros() - from.micros()), from, to] {
                out.push_str(",\"");
                d.to_plain().push_to(out);
                out.push('"');
            }
        });
        out.push_str("],[");
        for (i, &at) in trial.remaining.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_int(out, at as u128);
        }
        out.push(']');
    }
    out.push(']');
}

/// A figure by its index among the catalog's keys, or for a per-year one its key with its year.
fn push_figure(out: &mut String, e: &Evaluation, field: usize, unit: usize, year: Option<u32>) {
    match (year, key_index(e, field, unit)) {
        (None, Some(index)) => push_int(out, index as u128),
        _ => match e.ruleset.field(field) {
            Some(f) => push_str(out, &input_key(f, unit, year)),
            None => out.push_str("null"),
        },
    }
}

/// Appends one check of the compact form: `code, [value], [gap, gap_field], arg × n`.
fn check(e: &Evaluation, o: &Outcome, out: &mut String) {
    let shows_gap = o.status != Status::Met && o.gap.is_some();
    // status + 4·(has value) + 8·(has gap) + 16·(which of its templates explains it).
    let code = status_code(o.status) + 4 * u128::from(o.value.is_some()) + 8 * u128::from(shows_gap) + 16 * u128::from(e.choice(o));
    out.push(',');
    push_int(out, code);
    // Decimal texts need no escapes.
    if let Some(value) = &o.value {
        out.push_str(",\"");
        value.push_to(out);
        out.push('"');
    }
    if let (true, Some(gap)) = (shows_gap, &o.gap) {
        out.push_str(",\"");
        gap.text.push_to(out);
        out.push_str("\",");
        push_figure(out, e, gap.field, gap.unit, gap.year);
    }
    let template = e.template(o);
    for param in template.params {
        out.push(',');
        push_arg(out, &e.param(o, *param));
    }
}

/// Where a field's key (in a unit) stands among the catalog's `keys`: the fields' keys in
/// order, one per keyed unit (or the stem).
pub(crate) fn key_index(e: &Evaluation, field: usize, unit: usize) -> Option<usize> {
    let before: usize = e.ruleset.fields.get(..field)?.iter().map(|f| f.units.len().max(1)).sum();
    Some(before + unit)
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
