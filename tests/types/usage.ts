// A typed program over the package's declarations, checked by `tsc -p tests/types` (never
// run). It uses every exported type the way a caller would; each `@ts-expect-error` line
// proves that a misuse is rejected (tsc fails if the line turns out to compile).
// tests/js/declarations.test.mjs checks the same declarations against real output.
import { evaluate, evaluateMany, verdictsMany, rulesets, version, type Verdict } from "cluster-check";
import type {
  Check,
  CheckId,
  CheckStatus,
  Condition,
  ConditionId,
  Count,
  Decimal,
  ErrorCode,
  Figures,
  FiguresOf,
  Henan2014ServiceFunctions as ServiceFunction,
  Issue,
  Localized,
  Report,
  ReportOf,
  ReportStatus,
  RulesetEntry,
  RulesetId,
  RulesetInfo,
  Tier,
  WarningCode,
} from "cluster-check";

/** Compiles only when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

// ---- Figures: every field, as numbers ------------------------------------------------------

const asNumbers = {
  ruleset: "henan-2014",
  name: "某县起重装备产业集群",
  year: 2023,
  defined_area: true,
  coordination_body: true,
  development_plan: true,
  policy_support: false,
  leading_enterprises: 9,
  related_smes: 268,
  land_area_ha: 812.5,
  building_footprint_ha: 431.6,
  fixed_investment_wan: 926400,
  revenue_wan: 1856300,
  leading_industry_revenue_wan: 1402000,
  rd_expense_wan: 23870.5,
  audit_required: 14,
  audit_completed: 14,
  service_functions: ["rd_design", "testing", "training", "consulting", "ip", "financing", "exhibition", "logistics"],
  provincial_platform: true,
  startup_base: false,
} satisfies Figures;

// ---- … and as text, in 亩, with null for "not given" ---------------------------------------

const asText = {
  ruleset: null,
  name: null,
  year: "2023",
  defined_area: null,
  leading_enterprises: "9",
  related_smes: "２６８",
  land_area_mu: "12,187.5",
  building_footprint_mu: "6474",
  fixed_investment_wan: "926,400",
  revenue_wan: "1,856,300",
  leading_industry_revenue_wan: "1402000",
  rd_expense_wan: "23870.5",
  audit_required: "14",
  audit_completed: "14.0",
  service_functions: null,
  provincial_platform: null,
  startup_base: true,
} satisfies Figures;

// Between them, the two objects above give every declared field of henan-2014.
assertType<Equal<keyof typeof asNumbers | keyof typeof asText, keyof FiguresOf<"henan-2014">>>();
// The rulesets are the generated union, henan-2014 among them.
const henanId: RulesetId = "henan-2014";
// @ts-expect-error: not a ruleset that is built in
const unknownId: RulesetId = "henan-2099";

const decimal: Decimal = "300,000.5";
const count: Count = 2;
const functions: ServiceFunction[] = ["ip", "logistics"];
const built: Figures = { revenue_wan: decimal, related_smes: count, service_functions: functions };

// @ts-expect-error: an unknown (misspelt) figure field is rejected
const misspelt: Figures = { revenu_wan: 1 };
// @ts-expect-error: a service function outside the union is rejected
const catering: Figures = { service_functions: ["catering"] };
// @ts-expect-error: a yes/no figure is a boolean, not text
const yes: Figures = { defined_area: "yes" };
// @ts-expect-error: a figure is not an object
const nested: Figures = { revenue_wan: { amount: 5 } };

// ---- evaluate, and the report ---------------------------------------------------------------

// Figures that name their ruleset (or name none: the default) give that ruleset's report.
const report = evaluate(asNumbers);
assertType<Equal<typeof report, ReportOf<"henan-2014">>>();
const byDefault = evaluate({ revenue_wan: 1 });
assertType<Equal<typeof byDefault, ReportOf<"henan-2014">>>();
const anyReport: Report = report;
assertType<Equal<ReturnType<typeof evaluateMany>, Report[]>>();
assertType<Equal<ReturnType<typeof rulesets>, RulesetEntry[]>>();
assertType<Equal<ReturnType<typeof version>, string>>();

// @ts-expect-error: evaluate takes an object of figures, not a number
evaluate(5);

const status: ReportStatus = report.status;
const eligible: boolean = report.eligible;
const tier: Tier | null = report.tier;
const reportName: string | null = report.name;
const reportYear: number | null = report.year;
const ruleset: RulesetInfo = report.ruleset;
const document: string = ruleset.document;
const notes: Localized[] = report.notes;

// @ts-expect-error: "passed" is not a report status
if (report.status === "passed") throw new Error("unreachable");
// @ts-expect-error: tiers are named over_20yi, over_50yi, over_100yi
if (report.tier === "over_200yi") throw new Error("unreachable");

/** Exhaustive: compiles only while ReportStatus is exactly these three. */
function describeReport(s: ReportStatus): string {
  switch (s) {
    case "met":
      return "meets every condition";
    case "not_met":
      return "misses at least one condition";
    case "incomplete":
      return "some figures are missing or unusable";
    default: {
      const never: never = s;
      return never;
    }
  }
}

/** Exhaustive over CheckStatus. */
function mark(s: CheckStatus): string {
  switch (s) {
    case "met":
      return "✓";
    case "not_met":
      return "✗";
    case "missing":
      return "…";
    case "invalid":
      return "!";
    default: {
      const never: never = s;
      return never;
    }
  }
}

/** Exhaustive over Tier. */
function tierAmountYi(t: Tier): number {
  switch (t) {
    case "over_100yi":
      return 100;
    case "over_50yi":
      return 50;
    case "over_20yi":
      return 20;
    default: {
      const never: never = t;
      return never;
    }
  }
}

for (const condition of report.conditions) {
  const c: Condition = condition;
  const conditionId: ConditionId = c.id;
  const clause: string = c.clause;
  const title: Localized = c.title;
  const conditionStatus: CheckStatus = c.status;
  // @ts-expect-error: conditions have no "passed" status either
  if (c.status === "passed") throw new Error("unreachable");
  for (const check of c.checks) {
    const k: Check = check;
    const checkId: CheckId = k.id;
    const line = `${conditionId} ${clause} ${title.zh} ${mark(conditionStatus)} ${checkId} ${mark(k.status)}`;
    const value: string | null = k.value;
    const threshold: string | null = k.threshold;
    const unit: string | null = k.unit;
    const gap: string | null = k.gap;
    const gapField: string | null = k.gap_field;
    const citation: string = k.citation;
    const explanation: string = k.explanation.zh + k.explanation.en;
    // @ts-expect-error: a value may be null (yes/no checks, figures not given)
    const notNull: string = k.value;
    // @ts-expect-error: decimals are strings, never numbers
    const asNumber: number = k.value ?? 0;
    if (k.value !== null) {
      // @ts-expect-error: a decimal string has no number methods
      k.value.toFixed(2);
      const exact: string = k.value;
      void exact;
    }
    void [line, value, threshold, unit, gap, gapField, citation, explanation, notNull, asNumber];
  }
}

const rd: Check | undefined = report.conditions.flatMap((c) => c.checks).find((k) => k.id === "rd_ratio");
// @ts-expect-error: check ids are a closed union, so a misspelt id is a compile-time error
const misspeltId: CheckId = "rd_ration";
// @ts-expect-error: likewise condition ids
const misspeltCondition: ConditionId = "innovations";
// @ts-expect-error: a status string outside the union is rejected where a CheckStatus is wanted
const passed: CheckStatus = "passed";

// ---- errors and warnings --------------------------------------------------------------------

for (const issue of report.errors) {
  const i: Issue = issue;
  const field: string | null = i.field;
  const message: Localized = i.message;
  // An error's code is an ErrorCode: comparisons are checked.
  const code: ErrorCode = i.code;
  if (i.code === "negative") void i.code;
  // @ts-expect-error: a misspelt code can never match
  if (i.code === "negativ") void i.code;
  void [field, message, code];
}
for (const warning of report.warnings) {
  // Warnings carry codes of their own.
  const w: Issue<WarningCode> = warning;
  const code: string = w.code;
  // @ts-expect-error: a warning's code is not an ErrorCode
  const asError: ErrorCode = w.code;
  void [code, asError];
}
const codes: ErrorCode[] = ["negative", "not_a_number", "wrong_type", "unknown_field"];
// @ts-expect-error: not an error code
const notACode: ErrorCode = "negativ";

// ---- evaluateMany, rulesets, version --------------------------------------------------------

const many: Report[] = evaluateMany([asNumbers, asText, built, {}]);
const fromRows: Report[] = evaluateMany(JSON.parse("[]") as Figures[]);
const first: Report | undefined = many[0];
// @ts-expect-error: evaluateMany returns reports, not one report
const one: Report = evaluateMany([asNumbers]);

const verdicts: Verdict[] = verdictsMany([asNumbers]);
const verdictStatus: string | undefined = verdicts[0]?.conditions[0]?.checks[0]?.status;
// @ts-expect-error a verdict's check has no explanation
const noExplanation = verdicts[0]?.conditions[0]?.checks[0]?.explanation;
// @ts-expect-error a verdict has no notes
const noNotes = verdicts[0]?.notes;

const [henan]: RulesetEntry[] = rulesets();
const short: string | undefined = henan?.short.zh;
const title: string | undefined = henan?.title.en;
const issued: string | undefined = henan?.issued;
const v: string = version();

// The README's TypeScript lines, kept compiling here.
const figures: Figures = { revenue_wan: "226247", rd_expense_wan: "2262.47" };
const readmeReport: Report = evaluate(figures);

export const used = [
  asText, misspelt, catering, yes, nested, status, eligible, tier, reportName, reportYear, document, notes,
  describeReport, tierAmountYi, rd, misspeltId, misspeltCondition, passed, codes, notACode, many, fromRows,
  first, one, title, issued, v, readmeReport, henanId, unknownId, anyReport, short, verdicts, verdictStatus,
  noExplanation, noNotes,
];
