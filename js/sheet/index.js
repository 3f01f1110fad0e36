// cluster-check/sheet: many clusters at once, from a spreadsheet and back. Plain ES
// modules with no DOM and no Node API, so the same code runs in Node, in a Web Worker and
// on a page's main thread: bytes in, objects or bytes out. Reading loads a small unzip and
// XML library; writing loads write-excel-file only when a workbook is written.
//
// Every function takes the ruleset's catalog (docs/catalog.md) as a parameter: the sheet
// code names no field of any document.

import { readClusters } from "./figures.js";
import { writeCsv } from "./csv.js";
import { summarize, summaryTable, detailTable, problemsTable, problemsList, problemCount, aboutTable, tierText, rosterCountsTable } from "./results.js";
import { templateColumns, explanationTable, examplesTable, yesNoValidations } from "./template.js";
import { ROSTER_SHEETS, rosterColumns, rosterExplanationTable, rosterExamplesTable } from "./roster.js";

export { readClusters, clusterTargets, CLUSTER_SHEETS } from "./figures.js";
export { readRoster, applyRoster, hasRosterSheet, rosterCatalog, rosterColumns, ROSTER_SHEETS } from "./roster.js";
export { readTable, isBlank, columnLetter } from "./table.js";
export { headerIndex, matchHeader, nearestTarget, normalize } from "./header.js";
export { readYesNo, readList, readNumber } from "./cells.js";
export { LIMITS, WORDS } from "./texts.js";
export { summarize, summaryTable, detailTable, problemsTable, problemsList, problemCount, aboutTable, tierText, templateColumns };

const FORMATS = new Set(["xlsx", "csv", "json"]);

function checkFormat(format) {
  if (!FORMATS.has(format)) throw new TypeError(`cluster-check/sheet: format must be "xlsx", "csv" or "json"; got ${JSON.stringify(format)}`);
}

/**
 * The records of a read sheet judged in one batch: [{ row, figures, problems, sources,
 * report }], in the sheet's order. `evaluateMany` is the package's.
 */
export function judge(read, evaluateMany) {
  const reports = evaluateMany(read.records.map((record) => record.figures));
  return read.records.map((record, i) => ({ ...record, report: reports[i] }));
}

const SHEETS = {
  zh: { summary: "汇总", detail: "明细", problems: "数据问题", about: "判定依据", clusters: "集群", explanation: "填写说明", examples: "示例", roster: ROSTER_SHEETS[0], rosterExplanation: "名单填写说明", rosterExamples: "名单示例", rosterCounts: "按名单统计" },
  en: { summary: "Summary", detail: "Detail", problems: "Data problems", about: "About", clusters: "clusters", explanation: "How to fill in", examples: "Examples", roster: ROSTER_SHEETS[1], rosterExplanation: "Roster how to fill in", rosterExamples: "Roster examples", rosterCounts: "Counted from the roster" },
};

/**
 * Results as a file: "xlsx" (summary, detail, data problems, and what they were judged by),
 * "csv" (the summary, UTF-8 with BOM) or "json" ([{ row, report }]). `rows` are judge()'s;
 * `read` (optional) is what readClusters returned, for the problems of its columns.
 * Returns a Promise of a Uint8Array.
 */
export async function writeResults(rows, { catalog, format = "xlsx", lang = "zh", read = null, judgedAt = new Date(), source = null, version = null } = {}) {
  checkFormat(format);
  if (format === "json") {
    return new TextEncoder().encode(JSON.stringify(rows.map(({ row, report }) => ({ row, report })), null, 2) + "\n");
  }
  const summary = summaryTable(rows, catalog, lang);
  if (format === "csv") return writeCsv(summary);
  const { writeWorkbook } = await import("./xlsx-write.js");
  const names = SHEETS[lang === "en" ? "en" : "zh"];
  const conditionWidths = catalog.conditions.map(() => 16);
  return writeWorkbook([
    { name: names.summary, rows: summary, header: true, widths: [6, 30, 8, 14, ...(catalog.tiers ? [18] : []), ...conditionWidths, 10, 8] },
    { name: names.detail, rows: detailTable(rows, catalog, lang), header: true, widths: [6, 24, 8, 16, 18, 10, 12, 10, 10, 12, 24, 60, 40] },
    { name: names.problems, rows: problemsTable(rows, catalog, lang, read?.problems ?? [], read?.columns ?? []), header: true, widths: [6, 28, 28, 22, 90] },
    { name: names.about, rows: aboutTable(rows, catalog, lang, { judgedAt, source, version }), widths: [22, 100], wrap: true },
    ...(rows.some((r) => r.roster) ? [{ name: names.rosterCounts, rows: rosterCountsTable(rows, catalog, lang), header: true, widths: [6, 28, 30, 16, 30, 90], wrap: true }] : []),
  ]);
}

/**
 * The template to fill in: "xlsx" (the sheet to fill, a sheet explaining every column,
 * two worked examples; for a ruleset with a roster, the roster sheet, its guide, and its
 * worked examples with the figures they give) or "csv" (the header row, UTF-8 with BOM).
 * The examples are judged by `evaluateMany` (the package's), which the xlsx needs; the
 * roster's are counted by `figuresFromRoster` (cluster-check/roster's): without it the
 * roster-examples sheet is left out. Returns a Promise of a Uint8Array.
 */
export async function writeTemplate(catalog, { format = "xlsx", lang = "zh", evaluateMany, figuresFromRoster = null, year } = {}) {
  checkFormat(format);
  if (format === "json") throw new TypeError('cluster-check/sheet: a template is "xlsx" or "csv"');
  const columns = templateColumns(catalog, { lang, year });
  const header = columns.map((c) => c.header);
  if (format === "csv") return writeCsv([header]);
  if (typeof evaluateMany !== "function") throw new TypeError("cluster-check/sheet: writeTemplate needs { evaluateMany } to judge its worked examples");
  const { writeWorkbook } = await import("./xlsx-write.js");
  const names = SHEETS[lang === "en" ? "en" : "zh"];
  const widths = columns.map((c) => Math.min(28, Math.max(10, c.header.length * (lang === "en" ? 1 : 2))));
  const examples = examplesTable(catalog, columns, evaluateMany, { lang, year });
  const sheets = [
    { name: names.clusters, rows: [header], header: true, widths, validations: yesNoValidations(columns, lang) },
    { name: names.explanation, rows: explanationTable(catalog, columns, lang), header: true, widths: [28, 26, 50, 36, 40, 60], wrap: true },
    { name: names.examples, rows: examples.rows, header: true, widths },
  ];
  // A ruleset that counts figures from a roster: the roster sheet to fill in beside it.
  const roster = rosterColumns(catalog, { lang });
  if (roster.length) {
    const rosterWidths = roster.map((c) => Math.min(28, Math.max(10, c.header.length * (lang === "en" ? 1 : 2))));
    sheets.push(
      { name: names.roster, rows: [roster.map((c) => c.header)], header: true, widths: rosterWidths, validations: yesNoValidations(roster, lang) },
      { name: names.rosterExplanation, rows: rosterExplanationTable(catalog, roster, lang), header: true, widths: [28, 26, 50, 36, 40, 60], wrap: true },
    );
    const examples = typeof figuresFromRoster === "function" ? rosterExamplesTable(catalog, roster, figuresFromRoster, lang) : null;
    if (examples) sheets.push({ name: names.rosterExamples, rows: examples, header: true, widths: [...rosterWidths, 60] });
  }
  return writeWorkbook(sheets);
}
