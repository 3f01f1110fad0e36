// Results of a batch as tables: the summary (one row per cluster), the detail (one row per
// cluster × check), the data problems, and what they were judged by. Plain arrays of
// values, shared by the .xlsx and .csv writers and by any page that shows them.
// A row here is { row, figures, problems, report }: a record of readClusters with the
// report evaluateMany gave for its figures.

import { WORDS } from "./texts.js";

const pick = (text, lang) => (text ? (lang === "en" ? text.en : text.zh) : "");

const HEAD = {
  row: { zh: "行号", en: "Row" },
  name: { zh: "集群名称", en: "Cluster" },
  year: { zh: "数据年度", en: "Year" },
  verdict: { zh: "判定", en: "Verdict" },
  checksMet: { zh: "达到的检查项", en: "Checks met" },
  problems: { zh: "数据问题", en: "Data problems" },
  clause: { zh: "条款", en: "Clause" },
  condition: { zh: "条件", en: "Condition" },
  check: { zh: "检查项", en: "Check" },
  status: { zh: "状态", en: "Status" },
  value: { zh: "数值", en: "Value" },
  threshold: { zh: "门槛", en: "Threshold" },
  unit: { zh: "单位", en: "Unit" },
  gap: { zh: "差距", en: "Gap" },
  gapField: { zh: "差距所在数据", en: "Gap in" },
  explanation: { zh: "说明", en: "Explanation" },
  citation: { zh: "文件原文", en: "Citation" },
  column: { zh: "列", en: "Column" },
  field: { zh: "字段", en: "Field" },
  code: { zh: "代码", en: "Code" },
  message: { zh: "说明", en: "Message" },
};

const allChecks = (report) => report.conditions.flatMap((condition) => condition.checks);

/**
 * The engine's errors of a row that its sheet has not already said: a cell the sheet found
 * unusable is passed on as text that the engine rejects for the same figure, and is listed
 * once, in the sheet's words (which name the column and the cell).
 */
function unsaid(problems, errors) {
  const said = new Set((problems ?? []).map((p) => p.field).filter((field) => field !== null && field !== undefined));
  return said.size ? errors.filter((error) => !said.has(error.field)) : errors;
}

/** A row's data problems, each bad cell once: its sheet's, and the engine's errors that they do not already say. */
export function problemCount({ problems, report }) {
  return (problems?.length ?? 0) + unsaid(problems, report.errors).length;
}

/** The field of each figure key met so far, by catalog: a sheet's problems name few keys, many times. */
const fieldsByKey = new WeakMap();

/** The label of a figure's input key, from the catalog (the key itself when it names none). */
function keyLabel(catalog, key, lang) {
  if (!key) return "";
  let known = fieldsByKey.get(catalog);
  if (!known) fieldsByKey.set(catalog, (known = new Map()));
  if (!known.has(key)) {
    const has = (f) => f.keys.some((k) => k === key || new RegExp(`^${k.replace("{year}", "\\d{4}")}$`).test(key));
    // A roster's column (主营业务收入, 从业人员) is not a figure: its label is the roster's.
    known.set(key, catalog.fields.find(has) ?? catalog.roster?.columns?.find(has) ?? null);
  }
  const field = known.get(key);
  return field ? `${pick(field.label, lang)}（${key}）` : key;
}

/** The tier a report is in, as shown: its title, "none" or "unknown" in the catalog's words. */
export function tierText(report, catalog, lang) {
  const tiers = catalog.tiers;
  if (!tiers) return "";
  if (report.tier) return pick(tiers.list.find((t) => t.id === report.tier)?.title, lang) || report.tier;
  // The band is unknown when the check on that figure alone could not use it.
  const own = catalog.conditions.flatMap((c) => c.checks).filter((c) => c.fields.length === 1 && c.fields[0] === tiers.field).map((c) => c.id);
  const unusable = allChecks(report).some((c) => own.includes(c.id) && (c.status === "missing" || c.status === "invalid"));
  return pick(unusable ? tiers.unknown : tiers.none, lang);
}

/** How many clusters meet all conditions, are in each tier, and which condition is missed most. */
export function summarize(rows, catalog) {
  const conditions = catalog.conditions.map((c) => ({ id: c.id, clause: c.clause, title: c.title, met: 0, not_met: 0, missing: 0, invalid: 0 }));
  const tiers = (catalog.tiers?.list ?? []).map((t) => ({ id: t.id, title: t.title, count: 0 }));
  const summary = { total: rows.length, met: 0, not_met: 0, incomplete: 0, with_problems: 0, tiers, no_tier: 0, conditions, most_missed: null };
  for (const { report, problems } of rows) {
    summary[report.status] += 1;
    if ((problems?.length ?? 0) > 0 || report.errors.length > 0) summary.with_problems += 1;
    const tier = tiers.find((t) => t.id === report.tier);
    if (tier) tier.count += 1;
    else summary.no_tier += 1;
    for (const condition of report.conditions) {
      const counted = conditions.find((c) => c.id === condition.id);
      if (counted) counted[condition.status] += 1;
    }
  }
  // Missed most: not met most often; the first in the document's order on a tie.
  const missed = conditions.reduce((best, c) => (c.not_met > (best?.not_met ?? 0) ? c : best), null);
  summary.most_missed = missed && { id: missed.id, clause: missed.clause, title: missed.title, count: missed.not_met };
  return summary;
}

/** The summary sheet: one row per cluster. */
export function summaryTable(rows, catalog, lang) {
  const header = [HEAD.row, HEAD.name, HEAD.year, HEAD.verdict].map((h) => pick(h, lang));
  if (catalog.tiers) header.push(pick(catalog.tiers.label, lang));
  for (const c of catalog.conditions) header.push(`${c.clause} ${pick(c.title, lang)}`);
  header.push(pick(HEAD.checksMet, lang), pick(HEAD.problems, lang));
  const body = rows.map(({ row, problems, report }) => {
    const checks = allChecks(report);
    const line = [row, report.name ?? "", report.year ?? "", pick(WORDS.verdict[report.status], lang)];
    if (catalog.tiers) line.push(tierText(report, catalog, lang));
    for (const c of catalog.conditions) {
      const status = report.conditions.find((rc) => rc.id === c.id)?.status;
      line.push(status ? pick(WORDS.status[status], lang) : "");
    }
    line.push(`${checks.filter((c) => c.status === "met").length}/${checks.length}`, problemCount({ problems, report }));
    return line;
  });
  return [header, ...body];
}

/** The detail sheet: one row per cluster and check. */
export function detailTable(rows, catalog, lang) {
  const header = [HEAD.row, HEAD.name, HEAD.clause, HEAD.condition, HEAD.check, HEAD.status, HEAD.value, HEAD.threshold, HEAD.unit, HEAD.gap, HEAD.gapField, HEAD.explanation, HEAD.citation].map((h) => pick(h, lang));
  const body = [];
  for (const { row, report } of rows) {
    for (const condition of report.conditions) {
      for (const check of condition.checks) {
        body.push([
          row,
          report.name ?? "",
          condition.clause,
          pick(condition.title, lang),
          pick(check.title, lang) || check.id,
          pick(WORDS.status[check.status], lang),
          check.value ?? "",
          check.threshold ?? "",
          check.unit ?? "",
          check.gap ?? "",
          keyLabel(catalog, check.gap_field, lang),
          pick(check.explanation, lang),
          check.citation ?? "",
        ]);
      }
    }
  }
  return [header, ...body];
}

/**
 * Every data problem: those found reading the sheet (`fileProblems`: the columns', and each
 * row's) and the engine's errors and warnings, placed at the column their figure came from.
 */
export function problemsTable(rows, catalog, lang, fileProblems = [], columns = []) {
  const header = [HEAD.row, HEAD.column, HEAD.field, HEAD.code, HEAD.message].map((h) => pick(h, lang));
  // A problem of another sheet of the workbook (the roster's) names that sheet with its row;
  // one about a whole cluster of the roster names the cluster instead.
  const where = (p) => {
    if (!p.sheet) return p.row ?? "";
    if (p.row !== null) return `${pick(p.sheet, lang)} ${p.row}`;
    return p.cluster ? `${pick(p.sheet, lang)}${lang === "en" ? ` (${p.cluster})` : `（${p.cluster}）`}` : pick(p.sheet, lang);
  };
  return [header, ...problemsList(rows, catalog, fileProblems, columns).map((p) => [where(p), p.column, pick(p.field, lang), p.code, pick(p.message, lang)])];
}

/**
 * The same problems as problemsTable, in both languages at once: [{ row (null for the file),
 * sheet ({ zh, en } for a problem of another sheet, e.g. the roster's; else null), cluster (for
 * a roster's problem, the cluster it is about, when it says one; else null), column (its
 * header and letter), field: { zh, en }, code, message: { zh, en } }]. A bad cell is listed
 * once: the engine's error on a figure that the sheet already found unusable is left out.
 */
export function problemsList(rows, catalog, fileProblems = [], columns = []) {
  const list = [];
  const columnName = (problem) => (problem.column ? `${problem.column}${problem.letter ? ` (${problem.letter})` : ""}` : problem.letter ?? "");
  const field = (key) => ({ zh: keyLabel(catalog, key, "zh"), en: keyLabel(catalog, key, "en") });
  const entry = (row, column, key, code, message, sheet = null, cluster = null) => ({ row, sheet, cluster, column, field: field(key), code, message });
  const rowProblems = new Set(rows.flatMap((r) => r.problems ?? []));
  for (const problem of fileProblems) {
    if (!rowProblems.has(problem)) list.push(entry(problem.row ?? null, columnName(problem), problem.field, problem.code, problem.message, problem.sheet ?? null, problem.cluster ?? null));
  }
  const byIndex = new Map();
  for (const column of columns) if (!byIndex.has(column.index)) byIndex.set(column.index, column);
  for (const { row, problems, report, sources } of rows) {
    for (const problem of problems ?? []) list.push(entry(row, columnName(problem), problem.field, problem.code, problem.message));
    for (const issues of [unsaid(problems, report.errors), report.warnings]) {
      for (const issue of issues) {
        const column = byIndex.get(sources?.[issue.field]);
        list.push(entry(row, column ? columnName({ column: column.header, letter: column.letter }) : "", issue.field, issue.code, issue.message));
      }
    }
  }
  return list;
}

/** What the batch was judged by, and when. */
export function aboutTable(rows, catalog, lang, { judgedAt = new Date(), source = null, version = null } = {}) {
  const ruleset = rows[0]?.report.ruleset ?? { id: catalog.id, document: catalog.document, issued: catalog.issued, title: catalog.title };
  const day = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  const en = lang === "en";
  const lines = [
    [en ? "Ruleset" : "规则集", ruleset.id],
    [en ? "Document" : "文件", ruleset.document],
    [en ? "Title" : "标题", pick(ruleset.title, lang)],
    [en ? "Issued" : "印发日期", ruleset.issued],
    [en ? "Judged on" : "判定日期", day(judgedAt)],
    [en ? "Clusters" : "集群数", rows.length],
  ];
  if (source) lines.push([en ? "Source file" : "数据文件", source]);
  if (version) lines.push([en ? "cluster-check version" : "cluster-check 版本", version]);
  for (const note of catalog.notes ?? []) lines.push([en ? "Note" : "说明", pick(note, lang)]);
  return lines;
}

/**
 * The figures counted from a roster, one row per cluster × figure: what was counted, from
 * which rows of the roster, and why a figure was not (the engine's own words).
 */
export function rosterCountsTable(rows, catalog, lang) {
  const en = lang === "en";
  const header = en
    ? ["Row", "Cluster", "Figure", "Counted", "Roster rows counted", "How"]
    : ["行号", "集群名称", "数据", "统计结果", "计入的名单行", "说明"];
  const body = [];
  for (const { row, figures, roster } of rows) {
    if (!roster) continue;
    for (const trace of roster.traces) {
      const value = trace.value === null ? (en ? "not counted" : "未能统计") : String(trace.value);
      const how = trace.messages.map((m) => pick(m, lang)).join(en ? " " : "");
      body.push([row, figures?.name ?? roster.cluster ?? "", keyLabel(catalog, trace.field, lang), value, trace.rows.join(en ? ", " : "、"), how]);
    }
  }
  return [header, ...body];
}
