// Types of the `cluster-check` package. They describe the JSON of the interface exactly:
// decimals travel as strings, statuses and ids are string unions, every figure is optional.
// `tests/types/usage.ts` (checked by `tsc --noEmit` in `make test`) keeps them honest.

/** A decimal figure: a number (read as its shortest round-trip decimal), a BigInt, or text such as "300,000.5" or "３００，０００". */
export type Decimal = number | bigint | string;
/** A whole, non-negative count: 2, 2n, "2", "2.0". */
export type Count = number | bigint | string;

/** Public service functions of 三（六）. */
export type ServiceFunction =
  | "rd_design"
  | "testing"
  | "training"
  | "consulting"
  | "ip"
  | "financing"
  | "exhibition"
  | "logistics";

/** One cluster's figures. Every field is optional; `null` or blank text means "not given". */
export interface Figures {
  /** Ruleset id; default `henan-2014`. */
  ruleset?: string | null | undefined;
  /** The cluster's name, for the report only. */
  name?: string | null | undefined;
  /** The year the figures are for. */
  year?: Count | null | undefined;
  defined_area?: boolean | null | undefined;
  coordination_body?: boolean | null | undefined;
  development_plan?: boolean | null | undefined;
  policy_support?: boolean | null | undefined;
  /** Enterprises with main business revenue over 5000 万元. */
  leading_enterprises?: Count | null | undefined;
  related_smes?: Count | null | undefined;
  /** Industrial land area in 公顷 (give this or `land_area_mu`, not both). */
  land_area_ha?: Decimal | null | undefined;
  /** Industrial land area in 亩 (15 亩 = 1 公顷). */
  land_area_mu?: Decimal | null | undefined;
  building_footprint_ha?: Decimal | null | undefined;
  building_footprint_mu?: Decimal | null | undefined;
  /** 万元. */
  fixed_investment_wan?: Decimal | null | undefined;
  /** Annual operating revenue (营业收入), 万元. */
  revenue_wan?: Decimal | null | undefined;
  leading_industry_revenue_wan?: Decimal | null | undefined;
  /** R&D spending (研发投入), 万元. */
  rd_expense_wan?: Decimal | null | undefined;
  audit_required?: Count | null | undefined;
  audit_completed?: Count | null | undefined;
  service_functions?: ServiceFunction[] | null | undefined;
  provincial_platform?: boolean | null | undefined;
  startup_base?: boolean | null | undefined;
}

export type ConditionId =
  | "management"
  | "agglomeration"
  | "competitiveness"
  | "innovation"
  | "green"
  | "public_service";

export type CheckId =
  | "defined_area"
  | "coordination_body"
  | "development_plan"
  | "policy_support"
  | "leading_enterprises"
  | "related_smes"
  | "building_density"
  | "investment_intensity"
  | "revenue"
  | "leading_industry_share"
  | "rd_ratio"
  | "audit_rate"
  | "service_functions"
  | "platform_or_base";

/** Unit of a check's value and threshold. */
export type Unit = "家" | "%" | "万元/公顷" | "万元" | "项";

/** Status of a check or a condition. */
export type CheckStatus = "met" | "not_met" | "missing" | "invalid";
/** Status of the whole report. */
export type ReportStatus = "met" | "not_met" | "incomplete";
export type Tier = "over_100yi" | "over_50yi" | "over_20yi";

export type ErrorCode =
  | "negative"
  | "not_a_number"
  | "not_whole"
  | "too_large"
  | "too_precise"
  | "unknown_field"
  | "both_units"
  | "inconsistent"
  | "zero_land"
  | "zero_revenue"
  | "unknown_ruleset"
  | "unknown_value"
  | "wrong_type"
  /**
   * The record could not be read (a getter or Proxy trap threw), or is too large to be
   * written as one JSON text. Only the JavaScript package gives it; every check is invalid.
   */
  | "unreadable";

/** Codes of warnings: usable figures that look doubtful. */
export type WarningCode =
  /** So large that the unit is probably wrong (yuan typed as 万元, m² as 公顷). */
  "implausible";

/** A text in both languages. In a report every one of these is a frozen object. */
export interface Localized {
  readonly zh: string;
  readonly en: string;
}

export interface RulesetInfo {
  id: string;
  document: string;
  /** ISO date, e.g. "2014-03-22". */
  issued: string;
  title: Localized;
}

export interface Check {
  id: CheckId;
  title: Localized;
  status: CheckStatus;
  /** Exact decimal text (ratios in percent where `unit` is "%", cut to 4 places); null for yes/no checks and when not judged. */
  value: string | null;
  threshold: string | null;
  unit: Unit | null;
  /** How much more of `gap_field` meets the check (rounded up); null when met or not computable. */
  gap: string | null;
  /** The figure the gap is in, e.g. "rd_expense_wan" or "building_footprint_mu". */
  gap_field: keyof Figures | null;
  /** The document's key phrase, verbatim. */
  citation: string;
  explanation: Localized;
}

export interface Condition {
  id: ConditionId;
  /** e.g. "三（二）". */
  clause: string;
  title: Localized;
  status: CheckStatus;
  checks: Check[];
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
 * The report on one cluster. Every text in it (each `Localized`) is frozen, and texts that
 * are the same in many reports — the ruleset, titles, notes, explanations without figures in
 * them — are shared between reports rather than copied into each one.
 */
export interface Report {
  ruleset: RulesetInfo;
  /** The cluster's name, as given. */
  name: string | null;
  /** The year the figures are for, as given. */
  year: number | null;
  status: ReportStatus;
  /** `status === "met"`. */
  eligible: boolean;
  tier: Tier | null;
  /** In the document's order. */
  conditions: Condition[];
  errors: Issue[];
  /** Usable but doubtful figures (they are still judged). */
  warnings: Issue<WarningCode>[];
  notes: Localized[];
}

/**
 * Evaluates one cluster. Bad figures never throw: they come back in `errors`, with the
 * checks that need them `invalid`.
 * @throws {TypeError} only when `figures` is not an object (null, a number, a string, an array).
 */
export function evaluate(figures: Figures): Report;

/**
 * Evaluates many clusters in one call (one crossing into WebAssembly per 2000 records).
 * An element that is not an object gets its own report with a `wrong_type` error; one that
 * cannot be read (a getter or Proxy trap throws), one with an `unreadable` error.
 * @throws {TypeError} when `list` is not an array.
 */
export function evaluateMany(list: ReadonlyArray<Figures>): Report[];

/** The rulesets built in. */
export function rulesets(): RulesetInfo[];

/** The package version. */
export function version(): string;
