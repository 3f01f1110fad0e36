// Types of `cluster-check/sheet`. The catalog is the ruleset catalog of docs/catalog.md;
// its members are not restated here, as the sheet code reads only the documented ones.
import type { Figures, Report, Verdict } from "../index.js";
import type { RosterCluster, RosterResult, figuresFromRoster } from "../roster.js";

export interface Text { zh: string; en: string }

/** A ruleset catalog (docs/catalog.md). */
export type Catalog = Record<string, unknown> & { id: string; fields: unknown[]; conditions: unknown[] };

export interface Refusal { ok: false; code: string; message: Text }

export interface Problem {
  /** The spreadsheet's row number (for JSON, the item's position from 1). */
  row: number | null;
  /** The column's header as written, or null for a column without one. */
  column: string | null;
  /** The column's letter, "C". */
  letter: string | null;
  /** The input key of the figure (a key of the catalog's fields), or null. */
  field: string | null;
  code: string;
  /** The cell's text, when the problem is a cell's. */
  value: string | null;
  message: Text;
  /** The sheet it is about, when not the cluster sheet: the roster's ({ zh: "企业名单", en: "roster" }). */
  sheet?: Text;
  /** For a problem of a roster's count (applyRoster), the cluster it is about, when it is one's. */
  cluster?: string | null;
}

export interface Column {
  index: number;
  letter: string;
  header: string;
  key: string | null;
  field: string | null;
  unit: string | null;
  year: number | null;
  value: string | null;
  problem: string | null;
}

export interface SheetRecord {
  row: number;
  figures: Figures;
  problems: Problem[];
  /** Figure key → index of the column it came from. */
  sources: Record<string, number>;
  /** What a roster gave this cluster (applyRoster), when one did. */
  roster?: RosterCluster;
}

export interface ReadSheet {
  ok: true;
  kind: "xlsx" | "csv" | "json";
  sheet: string | null;
  sheets: string[];
  header_row: number | null;
  columns: Column[];
  records: SheetRecord[];
  problems: Problem[];
}

/** A row judged: with `evaluateMany` its full report, with `verdictsMany` its verdict (enough for the summary, the summary table and the problems). */
export interface JudgedRow<R extends Report | Verdict = Report> extends SheetRecord { report: R }

export interface Summary {
  total: number;
  met: number;
  not_met: number;
  incomplete: number;
  with_problems: number;
  tiers: { id: string; title: Text; count: number }[];
  no_tier: number;
  conditions: { id: string; clause: string; title: Text; met: number; not_met: number; missing: number; invalid: number }[];
  most_missed: { id: string; clause: string; title: Text; count: number } | null;
}

export const LIMITS: Readonly<{ bytes: number; rows: number; partBytes: number; headerSearch: number }>;
export const CLUSTER_SHEETS: readonly string[];

/** `onRows` is called with the rows read so far (every thousand rows of a worksheet, and once at the end), for a progress bar. */
export function readClusters(bytes: Uint8Array | ArrayBuffer, options: { catalog: Catalog; ruleset?: string; onRows?: ((rows: number) => void) | null }): ReadSheet | Refusal;
export function judge<R extends Report | Verdict = Report>(read: ReadSheet, evaluateMany: (figures: Figures[]) => R[]): JudgedRow<R>[];
export function summarize(rows: JudgedRow<Report | Verdict>[], catalog: Catalog): Summary;
export function writeResults(
  rows: JudgedRow[],
  options: { catalog: Catalog; format?: "xlsx" | "csv" | "json"; lang?: "zh" | "en"; read?: ReadSheet | null; judgedAt?: Date; source?: string | null; version?: string | null },
): Promise<Uint8Array>;
export function writeTemplate(
  catalog: Catalog,
  options?: {
    format?: "xlsx" | "csv";
    lang?: "zh" | "en";
    evaluateMany?: (figures: Figures[]) => Report[];
    /** cluster-check/roster's: counts the ruleset's worked roster examples for the roster-examples sheet (left out without it). */
    figuresFromRoster?: typeof figuresFromRoster | null;
    year?: number;
  },
): Promise<Uint8Array>;
export function summaryTable(rows: JudgedRow<Report | Verdict>[], catalog: Catalog, lang: "zh" | "en"): (string | number)[][];
export function detailTable(rows: JudgedRow[], catalog: Catalog, lang: "zh" | "en"): (string | number)[][];
/** The tier of a report as the tables show it: the tier's title, or the catalog's words for none or unknown; "" for a ruleset without tiers. */
export function tierText(report: Report | Verdict, catalog: Catalog, lang: "zh" | "en"): string;
export function problemsTable(rows: JudgedRow<Report | Verdict>[], catalog: Catalog, lang: "zh" | "en", fileProblems?: Problem[], columns?: Column[]): (string | number)[][];
/**
 * The rows of problemsTable in both languages at once (row null: the whole file). A bad cell
 * is listed once: the engine's error on a figure the sheet already found unusable is left out.
 */
export function problemsList(
  rows: JudgedRow<Report | Verdict>[],
  catalog: Catalog,
  fileProblems?: Problem[],
  columns?: Column[],
): { row: number | null; sheet: { zh: string; en: string } | null; cluster: string | null; column: string; field: { zh: string; en: string }; code: string; message: { zh: string; en: string } }[];
/** A row's data problems as the summary counts them: its sheet's, and the engine's errors they do not already say. */
export function problemCount(row: Pick<JudgedRow<Report | Verdict>, "problems" | "report">): number;

/** The generic layer, for other sheets (an enterprise roster): rows of cells, and header matching. */
export interface Cell { type: "text" | "number" | "bool" | "error" | "formula"; text: string }
export function readTable(
  bytes: Uint8Array | ArrayBuffer,
  options?: { sheetNames?: string[]; onRows?: ((rows: number) => void) | null },
): { ok: true; kind: "xlsx" | "csv"; sheet: string | null; sheets: string[]; rows: { row: number; cells: (Cell | undefined)[] }[] } | { ok: true; kind: "json"; value: unknown } | Refusal;
export function normalize(header: string): string;
export function headerIndex(targets: unknown[]): unknown;
export function matchHeader(header: string, index: unknown): unknown;
export function readYesNo(cell: Cell): boolean | null;
export function readList(text: string, values: { id: string; names: string[] }[]): { ids: string[]; unknown: string[] };

/** The sheet names a workbook's roster is read from: 企业名单, roster. */
export const ROSTER_SHEETS: readonly string[];
/**
 * Reads an enterprise roster (.xlsx: its 企业名单 sheet, else its first; .csv; .json) by
 * the roster columns of the catalog; each record's figures carry its row number as `row`.
 * @throws {TypeError} when the ruleset counts nothing from a roster.
 */
export function readRoster(bytes: Uint8Array | ArrayBuffer, options: { catalog: Catalog; onRows?: ((rows: number) => void) | null }): ReadSheet | Refusal;
/** Whether a read workbook has a roster sheet beside its cluster sheet. */
export function hasRosterSheet(read: ReadSheet): boolean;
/** The roster's columns seen as a catalog (for the reader and the template); null without a roster. */
export function rosterCatalog(catalog: Catalog): Catalog | null;
/** The roster sheet's template columns: 企业名称, 所属集群, then the roster's. */
export function rosterColumns(catalog: Catalog, options?: { lang?: "zh" | "en" }): { header: string; key: string; kind: string }[];
/**
 * The cluster sheet's records with the figures the roster gives in place (matched by
 * 所属集群 to the cluster's name); with `read` null, one record per cluster of the roster.
 */
export function applyRoster(
  read: ReadSheet | null,
  roster: ReadSheet,
  count: typeof figuresFromRoster,
  options?: { ruleset?: string },
): { records: SheetRecord[]; problems: Problem[]; result: RosterResult };
