// An enterprise roster (企业名单) as a sheet: one row per enterprise, its columns the
// roster's of the ruleset's catalog (docs/catalog.md, `roster`), read with the same reader
// as the cluster sheet; and the figures it gives put in place of the cluster sheet's. The
// counting itself is the engine's (`figuresFromRoster` of cluster-check/roster), handed in.

import { readSheet } from "./figures.js";
import { templateColumns, ACCEPTED, unitNote } from "./template.js";
import { WORDS } from "./texts.js";

/** The sheet a workbook's roster is read from, when it has one of these names. */
export const ROSTER_SHEETS = Object.freeze(["企业名单", "roster"]);

const ROSTER_WORD = Object.freeze({ zh: "企业名单", en: "roster" });

/**
 * The roster of a catalog seen as a catalog of its own (its columns as fields, its meta
 * columns 企业名称 and 所属集群), for the sheet reader and the template; null when the
 * ruleset counts nothing from a roster.
 */
export function rosterCatalog(catalog) {
  if (!catalog?.roster) return null;
  return { id: catalog.id, meta: catalog.roster.meta, fields: catalog.roster.columns, conditions: [], roster: null };
}

/** Whether a read workbook has a roster sheet beside its cluster sheet. */
export function hasRosterSheet(read) {
  const names = ROSTER_SHEETS.map((n) => n.toLowerCase());
  return (read?.sheets ?? []).some((name) => names.includes(String(name).trim().toLowerCase()));
}

/**
 * Reads a roster: .xlsx (its 企业名单 sheet, else its first), .csv or .json bytes → the
 * same shape as readClusters, each record's figures a roster row carrying its spreadsheet
 * row number as `row` (so that every message of the count names the row as the sheet does).
 * `onRows(count)`, as readClusters', for a progress bar.
 */
export function readRoster(input, { catalog, onRows = null } = {}) {
  const roster = rosterCatalog(catalog);
  if (!roster) throw new TypeError(`cluster-check/sheet: the ruleset ${catalog?.id} counts nothing from a roster`);
  return readSheet(input, { catalog: roster, sheetNames: ROSTER_SHEETS, withRuleset: false, rowKey: "row", onRows, each: "enterprise" });
}

/**
 * The cluster sheet's records with the roster's figures in place: each cluster of the
 * roster (by 所属集群, matched to the cluster's name; a roster without 所属集群 to the only
 * cluster) gives its counted figures to its record. Without a cluster sheet (`read` null),
 * each cluster of the roster becomes a record of its own. Returns { records, problems,
 * result }: `problems` are the roster's, in the shape of readClusters' (the row is the
 * roster's, `sheet` says so; `cluster`, the cluster a problem of the count is about),
 * `result` is figuresFromRoster's.
 */
export function applyRoster(read, roster, figuresFromRoster, { ruleset } = {}) {
  const records = read ? read.records.map((r) => ({ ...r })) : [];
  const result = figuresFromRoster(
    roster.records.map((r) => r.figures),
    { ruleset, figures: read ? read.records.map((r) => r.figures) : null },
  );
  const header = (key) => roster.columns?.find((c) => c.key === key) ?? null;
  const problem = (issue, cluster = null) => {
    const column = header(issue.field);
    return {
      sheet: ROSTER_WORD,
      cluster,
      row: issue.row,
      column: column?.header ?? null,
      letter: column?.letter ?? null,
      field: issue.field,
      code: issue.code,
      value: null,
      message: issue.message,
    };
  };
  const problems = [...roster.problems.map((p) => ({ ...p, sheet: ROSTER_WORD })), ...result.errors.map((issue) => problem(issue))];
  const firstRow = new Map();
  for (const r of roster.records) {
    const name = r.figures?.cluster ?? null;
    const key = name === null ? null : String(name).trim();
    if (!firstRow.has(key)) firstRow.set(key, r.row);
  }
  // A cell the sheet already found unusable is said once, in the sheet's words.
  const said = new Set(roster.problems.map((p) => `${p.row}:${p.field}`));
  for (const cluster of result.clusters) {
    // Each problem of a cluster says which: its 所属集群, or the name of the cluster it was given to.
    const name = cluster.cluster ?? (cluster.matched !== null ? records[cluster.matched]?.figures?.name ?? null : null);
    // One by one: a roster whose every row has an error would overflow the stack as arguments.
    for (const issue of [...cluster.errors.filter((e) => !said.has(`${e.row}:${e.field}`)), ...cluster.warnings]) problems.push(problem(issue, name === null ? null : String(name)));
    if (cluster.matched !== null && records[cluster.matched]) {
      records[cluster.matched] = { ...records[cluster.matched], figures: cluster.figures, roster: cluster };
    } else if (!read) {
      records.push({ row: firstRow.get(cluster.cluster) ?? records.length + 1, figures: cluster.figures, problems: [], sources: {}, roster: cluster });
    }
  }
  return { records, problems, result };
}

const pick = (text, lang) => (text ? (lang === "en" ? text.en : text.zh) : "");

/** The roster sheet's columns, as templateColumns gives them (企业名称, 所属集群, then the roster's). */
export function rosterColumns(catalog, { lang = "zh" } = {}) {
  const roster = rosterCatalog(catalog);
  return roster ? templateColumns(roster, { lang }) : [];
}

/** The roster's explanation sheet: one row per column, what a blank means, and which figure it feeds. */
export function rosterExplanationTable(catalog, columns, lang) {
  const en = lang === "en";
  const header = en ? ["Column", "Key", "Meaning", "Unit", "Accepted values", "When blank"] : ["列标题", "字段键", "含义", "单位", "可填写的内容", "不填时"];
  const rows = columns.map((column) => {
    const field = column.field;
    let blank;
    if (column.key === "enterprise") blank = en ? "required: a row without a name is an error" : "必填：没有企业名称的行是错误";
    else if (column.key === "cluster") blank = en ? "the roster is of one cluster" : "名单只属于一个集群";
    else if (field.derive) blank = en ? `decided by ${field.derive.source.en}: ${field.derive.reading.en}` : `按${field.derive.source.zh}判断：${field.derive.reading.zh}`;
    else if (field.default !== null && field.default !== undefined) blank = pick(field.default ? WORDS.yes : WORDS.no, lang);
    else blank = en ? "not known: the figures that need it are not counted" : "视为不知道：需要它的数据暂不统计";
    const fed = (catalog.roster.figures ?? []).filter((f) => f.column !== null && (field.keys ?? []).includes(f.column)).map((f) => f.key);
    const meaning = pick(field.question ?? field.label, lang) + (fed.length ? (en ? ` (summed into ${fed.join(", ")})` : `（合计为 ${fed.join("、")}）`) : "");
    const accepted = ACCEPTED[column.kind] ?? ACCEPTED.text;
    return [column.header, column.key, meaning, column.unit ? unitNote(field, column.unit, lang) : "", pick(accepted, lang), blank];
  });
  const notes = en
    ? [
        "One row per enterprise. With several clusters in one roster, 所属集群 (cluster) names each enterprise's cluster as the cluster sheet names it.",
        "Nothing is guessed: a figure is counted only when every enterprise it needs has the cells it needs; the results name the rows that lack one.",
      ]
    : [
        "每行填写一家企业。一份名单含多个集群时，用“所属集群”写明企业所属的集群，与集群表中的集群名称一致。",
        "不作推测：只有需要的企业都填了需要的栏目，才统计该项数据；结果会列出缺少数据的行。",
      ];
  return [header, ...rows, [], ...notes.map((note) => [note])];
}

/** A cell of a worked example as a person would type it: 是/否, numbers and text as written. */
function exampleCell(value, lang) {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return pick(value ? WORDS.yes : WORDS.no, lang);
  return value;
}

/**
 * The roster-examples sheet: the roster sheet's header with a 说明 (note) column, the
 * ruleset's worked examples (catalog.roster.examples) one per row, then, line by line, the
 * figures they give — counted by `figuresFromRoster` (cluster-check/roster's), with the
 * engine's own account of which rows it counted. Null when the ruleset has no examples.
 */
export function rosterExamplesTable(catalog, columns, figuresFromRoster, lang) {
  const examples = catalog.roster?.examples ?? [];
  if (!examples.length) return null;
  const en = lang === "en";
  // Each example's row as the sheet numbers it (the header is row 1), so that the counts name the rows shown.
  const result = figuresFromRoster(
    examples.map((example, i) => ({ ...example.row, row: i + 2 })),
    { ruleset: catalog.id },
  );
  const [cluster] = result.clusters;
  const rows = [
    [...columns.map((c) => c.header), en ? "Note" : "说明"],
    ...examples.map((example) => [...columns.map((c) => exampleCell(example.row[c.key], lang)), pick(example.note, lang)]),
    [],
  ];
  const lead = en ? "Counted from the example roster above: " : "按以上示例名单统计：";
  for (const figure of catalog.roster.figures) {
    const trace = cluster?.traces.find((t) => t.field === figure.key);
    const field = catalog.fields.find((f) => f.key === figure.field);
    const unit = pick(field?.units?.[0]?.label, lang);
    const value = trace?.value ?? null;
    const shown = value === null ? (en ? "not counted" : "未能统计") : `${value}${unit ? ` ${unit}` : ""}`;
    rows.push([`${lead}${pick(field?.label, lang) || figure.key} ${shown}`, (trace?.messages ?? []).map((m) => pick(m, lang)).join(en ? " " : "")]);
  }
  for (const issue of [...result.errors, ...(cluster?.errors ?? []), ...(cluster?.warnings ?? [])]) rows.push([pick(issue.message, lang)]);
  return rows;
}
