//! The package's TypeScript declarations (`index.d.ts`), written from the rulesets: figures,
//! check and condition ids, units, tiers and error codes come from the files, so that a
//! change to a ruleset that breaks a typed caller's code fails to compile there.

use std::fmt::Write as _;

use super::catalog::error_codes;
use crate::load::model::{FieldDef, RuleDef};
use crate::load::CompiledRuleset;
use crate::messages::WARNING_CODES;
use crate::tables::Kind;

/// `henan-2014` → `Henan2014`.
pub fn pascal(id: &str) -> String {
    id.split(['-', '_'])
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |c| c.to_uppercase().collect::<String>() + chars.as_str())
        })
        .collect()
}

fn union<I: IntoIterator<Item = S>, S: AsRef<str>>(items: I) -> String {
    let list: Vec<String> = items.into_iter().map(|s| format!("{:?}", s.as_ref())).collect();
    if list.is_empty() {
        "never".to_owned()
    } else {
        list.join(" | ")
    }
}

fn doc(out: &mut String, indent: &str, text: &str) {
    let _ = writeln!(out, "{indent}/** {} */", text.replace("*/", "*∕"));
}

fn value_type(r: &CompiledRuleset, f: &FieldDef) -> String {
    match f.kind {
        Kind::Bool => "boolean".to_owned(),
        Kind::Count => "Count".to_owned(),
        Kind::Decimal => "Decimal".to_owned(),
        Kind::Set => format!("{}{}[]", pascal(&r.def.id.value), pascal(&f.key.value)),
    }
}

const HEAD: &str = r#"// Types of the `cluster-check` package, generated from the ruleset files by
// cluster-check-model (do not edit: change a ruleset file and rebuild). They describe the
// JSON of the interface exactly: decimals travel as strings, statuses and ids are string
// unions, every figure is optional. `tests/types/usage.ts` (checked by `tsc` in `make test`)
// keeps them honest.

/** A decimal figure: a number (read as its shortest round-trip decimal), a BigInt, or text such as "300,000.5" or "３００，０００". */
export type Decimal = number | bigint | string;
/** A whole, non-negative count: 2, 2n, "2", "2.0". */
export type Count = number | bigint | string;
/** A figure's value, or "not given" (`null`, `undefined`, blank text). */
type Given<T> = T | null | undefined;
"#;

const TAIL: &str = r#"
/** Status of a check or a condition. */
export type CheckStatus = "met" | "not_met" | "missing" | "invalid";
/** Status of the whole report. */
export type ReportStatus = "met" | "not_met" | "incomplete";

/** A text in both languages. In a report every one of these is a frozen object. */
export interface Localized {
  readonly zh: string;
  readonly en: string;
}

/** The document a report was judged by. */
export interface RulesetInfo<R extends RulesetId = RulesetId> {
  id: R;
  document: string;
  /** ISO date, e.g. "2014-03-22". */
  issued: string;
  title: Localized;
}

/** One check of a report. */
export interface Check<R extends RulesetId = RulesetId> {
  id: RulesetMap[R]["check"];
  title: Localized;
  status: CheckStatus;
  /** Exact decimal text (ratios in percent where `unit` is "%", cut to 4 places); null for yes/no checks and when not judged. */
  value: string | null;
  threshold: string | null;
  unit: RulesetMap[R]["unit"] | null;
  /** How much of `gap_field` to add (or, for an upper bound, to take away) to meet the check, rounded up; null when met or not computable. */
  gap: string | null;
  /** The figure the gap is in, e.g. "rd_expense_wan" or "building_footprint_mu". */
  gap_field: string | null;
  /** The document's key phrase, verbatim. */
  citation: string;
  explanation: Localized;
}

/** One condition (a clause of the document) of a report. */
export interface Condition<R extends RulesetId = RulesetId> {
  id: RulesetMap[R]["condition"];
  /** e.g. "三（二）". */
  clause: string;
  title: Localized;
  status: CheckStatus;
  checks: Check<R>[];
}

/** A problem with one figure (or, with `field: null`, with a whole record). */
export interface Issue<Code extends string = ErrorCode> {
  /** The field as named in the figures; null when the whole record is unusable. */
  field: string | null;
  code: Code;
  /** Names the field and the value, in both languages. */
  message: Localized;
}

/**
 * The report on one cluster judged by ruleset `R`. Every text in it (each `Localized`) is
 * frozen, and texts that are the same in many reports — the ruleset, titles, notes,
 * explanations without figures in them — are shared between reports.
 */
export interface ReportOf<R extends RulesetId> {
  ruleset: RulesetInfo<R>;
  /** The cluster's name, as given. */
  name: string | null;
  /** The year the figures are for, as given. */
  year: number | null;
  status: ReportStatus;
  /** `status === "met"`. */
  eligible: boolean;
  tier: RulesetMap[R]["tier"] | null;
  /** In the document's order. */
  conditions: Condition<R>[];
  errors: Issue<RulesetMap[R]["error"]>[];
  /** Usable but doubtful figures (they are still judged). */
  warnings: Issue<WarningCode>[];
  notes: Localized[];
  /** The joint plan, only when asked for (`{ plan: true }`). */
  plan?: Plan<R>;
}

/** One addition of a plan, in the figure's unit as given. */
export interface PlanAddition {
  /** The figure's input key as given (`revenue_wan`, `output_wan_2024`). */
  field: string;
  /** The unit it is given in, as a check's `unit` ("万元"); null for a figure keyed without unit (a count). */
  unit: string | null;
  /** How much to add: exact decimal text, rounded up as gaps are. */
  add: string;
  /** The figure as given. */
  from: string;
  /** The figure with the addition. */
  to: string;
}

/**
 * A joint plan (达标方案): one set of additions to the figures as given that meets every
 * numeric check at once, found round by round from the rules' data. One way to meet the
 * numeric thresholds, not advice; yes/no and set checks are never in it.
 */
export interface Plan<R extends RulesetId = RulesetId> {
  /** In the order of the fields. */
  additions: PlanAddition[];
  /** Whether every numeric check is met with the additions (`remaining` is empty). */
  met_after: boolean;
  /** The numeric checks still not met with them: a figure missing or unusable, or only a smaller figure would do. */
  remaining: RulesetMap[R]["check"][];
  /** What the plan is and is not. */
  note: Localized;
}

/** A report of any ruleset; `report.ruleset.id` says which. */
export type Report = { [R in RulesetId]: ReportOf<R> }[RulesetId];

/** Figures of ruleset `R`. */
export type FiguresOf<R extends RulesetId> = RulesetMap[R]["figures"];
/** Figures of any ruleset (the `ruleset` member says which; without it, the default). */
export type Figures = { [R in RulesetId]: FiguresOf<R> }[RulesetId];
/** The report `evaluate` gives for figures of type `F`. */
export type ReportFor<F> = F extends { ruleset: infer R extends RulesetId } ? ReportOf<R> : ReportOf<DefaultRulesetId>;

/** Every check id of every ruleset. */
export type CheckId = RulesetMap[RulesetId]["check"];
/** Every condition id of every ruleset. */
export type ConditionId = RulesetMap[RulesetId]["condition"];
/** Every unit of a check's value. */
export type Unit = RulesetMap[RulesetId]["unit"];
/** Every tier id. */
export type Tier = RulesetMap[RulesetId]["tier"];
/** Every error code. */
export type ErrorCode = RulesetMap[RulesetId]["error"];

/** How reports are written. */
export interface EvaluateOptions {
  /**
   * Messages of `errors` and `warnings` name each figure by its label alone ("年营业收入"),
   * not by its label and input key ("年营业收入（revenue_wan）"): for a page. `field` still
   * names the key. Default false.
   */
  labelsOnly?: boolean;
  /**
   * Adds `plan` to each report: one set of additions that meets every numeric check at once
   * (see `Plan`). Without it a report has no `plan`. Default false.
   */
  plan?: boolean;
}

/**
 * Evaluates one cluster. Bad figures never throw: they come back in `errors`, with the
 * checks that need them `invalid`.
 * @throws {TypeError} only when `figures` is not an object (null, a number, a string, an
 * array), or `options` is given and is not one.
 */
export function evaluate<F extends Figures>(figures: F, options?: EvaluateOptions): ReportFor<F>;

/**
 * Evaluates many clusters in one call (one crossing into WebAssembly per 2000 records).
 * An element that is not an object gets its own report with a `wrong_type` error.
 * @throws {TypeError} when `list` is not an array (or `options` is given and is not an object).
 */
export function evaluateMany(list: ReadonlyArray<Figures>, options?: EvaluateOptions): Report[];

/** One check of a verdict: its id and status, nothing that explains it. */
export interface VerdictCheck<R extends RulesetId = RulesetId> {
  readonly id: RulesetMap[R]["check"];
  readonly status: CheckStatus;
}

/** One condition of a verdict: frozen, and (up to six checks) shared by the verdicts whose checks have the same statuses. */
export interface VerdictCondition<R extends RulesetId = RulesetId> extends Readonly<Omit<Condition<R>, "checks">> {
  readonly checks: ReadonlyArray<VerdictCheck<R>>;
}

/** What `verdictsMany` gives for a cluster: its report without the checks' explanations, values, gaps and citations, and without notes. */
export interface VerdictOf<R extends RulesetId> extends Omit<ReportOf<R>, "conditions" | "notes"> {
  conditions: VerdictCondition<R>[];
}

/** A verdict of any ruleset; `verdict.ruleset.id` says which. */
export type Verdict = { [R in RulesetId]: VerdictOf<R> }[RulesetId];

/**
 * The verdicts of many clusters, for a table: each as `evaluateMany`'s report would be,
 * with every check by its id and status alone and no notes (a fraction of the work).
 * The errors and warnings are the report's, messages and all. Each condition is a frozen
 * object, shared by every verdict with the same statuses in it (up to six checks).
 * @throws {TypeError} as `evaluateMany`.
 */
export function verdictsMany(list: ReadonlyArray<Figures>, options?: EvaluateOptions): Verdict[];

/** A ruleset built in, with what a document chooser shows. */
export interface RulesetEntry<R extends RulesetId = RulesetId> extends RulesetInfo<R> {
  short: Localized;
  /** Whether figures without `ruleset` are judged by it. */
  default: boolean;
}

/** The rulesets built in. */
export function rulesets(): RulesetEntry[];

/** The package version. */
export function version(): string;
"#;

/// The whole `index.d.ts`.
pub fn write(rulesets: &[CompiledRuleset]) -> String {
    let mut out = String::from(HEAD);
    let ids: Vec<&str> = rulesets.iter().map(|r| r.def.id.value.as_str()).collect();
    let default = rulesets.iter().find(|r| r.def.default).map_or("", |r| r.def.id.value.as_str());
    let _ = writeln!(out, "\n/** The rulesets built in. */\nexport type RulesetId = {};", union(&ids));
    let _ = writeln!(out, "/** The ruleset figures without `ruleset` are judged by. */\nexport type DefaultRulesetId = {default:?};");
    let _ = writeln!(out, "/** Codes of warnings: usable figures that look doubtful, or guidance exceeded. */\nexport type WarningCode = {};", union(WARNING_CODES));
    let mut map = String::from("\n/** What each ruleset has: its figures, ids, units, tiers and error codes. */\nexport interface RulesetMap {\n");
    for r in rulesets {
        let name = pascal(&r.def.id.value);
        let id = &r.def.id.value;
        let _ = writeln!(out, "\n// ---- {} ({}): {}\n", id, r.def.document, r.def.title.zh);
        for f in r.def.fields.iter().filter(|f| f.kind == Kind::Set) {
            doc(&mut out, "", &format!("Values of `{}` ({}).", f.key.value, f.label.zh));
            let _ = writeln!(out, "export type {name}{} = {};", pascal(&f.key.value), union(f.values.iter().map(|v| v.id.value.as_str())));
        }
        doc(&mut out, "", &format!("Figures for {} ({}). Every field is optional.", r.def.document, r.def.title.en));
        let _ = writeln!(out, "export interface {name}Figures {{");
        if r.def.default {
            doc(&mut out, "  ", "Ruleset id; this one is the default, so it may be left out.");
            let _ = writeln!(out, "  ruleset?: Given<{id:?}>;");
        } else {
            doc(&mut out, "  ", "Ruleset id.");
            let _ = writeln!(out, "  ruleset: {id:?};");
        }
        doc(&mut out, "  ", "The cluster's name, for the report only.");
        let _ = writeln!(out, "  name?: Given<string>;");
        doc(&mut out, "  ", "The year the figures are for (for figures per year: the latest year).");
        let _ = writeln!(out, "  year?: Given<Count>;");
        for f in &r.def.fields {
            let ty = value_type(r, f);
            for (i, key) in f.input_keys().iter().enumerate() {
                let unit = f.keyed_units().nth(i).map(|u| format!(", in {}", u.label.zh)).unwrap_or_default();
                if f.years.is_some() {
                    doc(&mut out, "  ", &format!("{} / {}{unit}, per year: `{key}_2024`.", f.label.zh, f.label.en));
                    let _ = writeln!(out, "  [key: `{key}_${{number}}`]: Given<{ty}>;");
                } else {
                    doc(&mut out, "  ", &format!("{} / {}{unit}.", f.label.zh, f.label.en));
                    let _ = writeln!(out, "  {key}?: Given<{ty}>;");
                }
            }
        }
        out.push_str("}\n");
        let checks: Vec<&str> = r.def.conditions.iter().flat_map(|c| c.checks.iter()).map(|k| k.id.value.as_str()).collect();
        let conditions: Vec<&str> = r.def.conditions.iter().map(|c| c.id.value.as_str()).collect();
        let mut units: Vec<String> = Vec::new();
        for k in r.def.conditions.iter().flat_map(|c| c.checks.iter()) {
            if let Some(u) = &k.unit {
                if !units.contains(&u.zh) {
                    units.push(u.zh.clone());
                }
            }
        }
        let tiers: Vec<&str> = r.def.tiers.iter().flat_map(|t| t.bands.iter()).map(|b| b.id.value.as_str()).collect();
        let _ = writeln!(out, "export type {name}CheckId = {};", union(&checks));
        let _ = writeln!(out, "export type {name}ConditionId = {};", union(&conditions));
        let _ = writeln!(out, "export type {name}Unit = {};", union(&units));
        let _ = writeln!(out, "export type {name}Tier = {};", union(&tiers));
        let _ = writeln!(out, "export type {name}ErrorCode = {};", union(error_codes(r)));
        let entry: Vec<String> = r
            .def
            .fields
            .iter()
            .filter(|f| f.units.len() > 1)
            .map(|f| format!("{}?: {}", f.key.value, union(f.units.iter().map(|u| u.id.value.as_str()))))
            .collect();
        doc(&mut out, "", "The units each figure can be typed in (the element's `units`).");
        let _ = writeln!(out, "export interface {name}Units {{ {} }}", entry.join("; "));
        let _ = writeln!(
            out,
            "export type {name}Report = ReportOf<{id:?}>;"
        );
        let roster = match &r.def.roster {
            Some(roster) => {
                doc(&mut out, "", &format!("One row of an enterprise roster for {} (`cluster-check/roster`). Every cell is optional.", r.def.document));
                let _ = writeln!(out, "export interface {name}RosterRow {{");
                doc(&mut out, "  ", "The row's number in the spreadsheet, for messages (else its position, from 1).");
                let _ = writeln!(out, "  row?: Given<Count>;");
                doc(&mut out, "  ", "企业名称 / the enterprise's name (required: a row without one is an error).");
                let _ = writeln!(out, "  enterprise?: Given<string | number>;");
                doc(&mut out, "  ", "所属集群 / the cluster it belongs to, matched to the figures' `name`.");
                let _ = writeln!(out, "  cluster?: Given<string | number>;");
                for c in &roster.columns {
                    let f = &c.field;
                    let ty = value_type(r, f);
                    for (i, key) in f.input_keys().iter().enumerate() {
                        let unit = f.keyed_units().nth(i).map(|u| format!(", in {}", u.label.zh)).unwrap_or_default();
                        doc(&mut out, "  ", &format!("{} / {}{unit}.", f.label.zh, f.label.en));
                        let _ = writeln!(out, "  {key}?: Given<{ty}>;");
                    }
                }
                out.push_str("}\n");
                let mut codes: Vec<String> = ["negative", "not_a_number", "not_whole", "too_large", "too_precise", "unknown_field", "both_units", "wrong_type", "too_many_fields", "unreadable"]
                    .iter()
                    .map(|c| (*c).to_owned())
                    .collect();
                codes.extend(crate::messages::ROSTER_ERROR_CODES.iter().map(|c| (*c).to_owned()));
                for c in &roster.columns {
                    if let Some(q) = &c.requires {
                        codes.push(q.code.value.clone());
                    }
                }
                let _ = writeln!(out, "export type {name}RosterErrorCode = {};", union(&codes));
                let derived: Vec<String> = roster.figures.iter().filter_map(|f| r.def.fields.iter().find(|x| x.key.value == f.field.value)).flat_map(|f| f.input_keys().into_iter().take(1)).collect();
                let _ = writeln!(out, "export type {name}RosterFigureKey = {};", union(&derived));
                format!("roster: {name}RosterRow; rosterError: {name}RosterErrorCode; rosterFigure: {name}RosterFigureKey")
            }
            None => "roster: never; rosterError: never; rosterFigure: never".to_owned(),
        };
        let _ = writeln!(
            map,
            "  {id:?}: {{ figures: {name}Figures; check: {name}CheckId; condition: {name}ConditionId; unit: {name}Unit; tier: {name}Tier; error: {name}ErrorCode; units: {name}Units; {roster} }};"
        );
        let _ = rules_used(r);
    }
    map.push_str("}\n");
    out.push_str(&map);
    out.push_str(TAIL);
    out
}

/// The rule kinds a ruleset uses (for its comment).
fn rules_used(r: &CompiledRuleset) -> Vec<&'static str> {
    let mut list: Vec<&'static str> = Vec::new();
    for k in r.def.conditions.iter().flat_map(|c| c.checks.iter()) {
        let name = RuleDef::name(&k.rule);
        if !list.contains(&name) {
            list.push(name);
        }
    }
    list
}
