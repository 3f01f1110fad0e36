// A cluster sheet read against a ruleset's catalog (docs/catalog.md): one Figures object
// per row, as evaluateMany takes them, with every problem of the sheet named by row,
// column and field. Nothing here names a field of any one document: the catalog does.

import { readTable, refuse, isBlank, columnLetter } from "./table.js";
import { headerIndex, matchHeader, nearestTarget } from "./header.js";
import { readYesNo, readList, readNumber, unusableCell } from "./cells.js";
import { parseFactor } from "./decimal.js";
import { LIMITS, problemMessage, fieldName } from "./texts.js";

/** The sheet a workbook is read from, when it has one of these names; else its first sheet. */
export const CLUSTER_SHEETS = Object.freeze(["集群", "clusters"]);

// The meta column that is not in a catalog: which ruleset judges the row.
const RULESET_LABEL = Object.freeze({ zh: "规则集", en: "ruleset" });

const unitOf = (unit) => ({
  id: unit.id,
  label: unit.label,
  names: [unit.id, unit.label.zh, unit.label.en],
  factor: parseFactor(unit.factor),
  keyed: Boolean(unit.keyed),
});

/**
 * The columns a catalog's sheet may have, as header.js targets: the meta fields, the
 * ruleset, and every field (a set also by each of its values).
 */
export function clusterTargets(catalog, { withRuleset = true } = {}) {
  const targets = [];
  for (const meta of catalog.meta ?? []) {
    targets.push({
      id: meta.key,
      kind: meta.kind === "year" ? "year" : "text",
      field: { key: meta.key, label: meta.label },
      names: [meta.label.zh, meta.label.en],
      units: [],
      years: null,
      keyFor: () => meta.key,
    });
  }
  if (withRuleset) targets.push({
    id: "ruleset",
    kind: "ruleset",
    field: { key: "ruleset", label: RULESET_LABEL },
    names: [RULESET_LABEL.zh, RULESET_LABEL.en],
    units: [],
    years: null,
    keyFor: () => "ruleset",
  });
  for (const field of catalog.fields) {
    const units = (field.units ?? []).map(unitOf);
    // One input key per keyed unit, in order (docs/catalog.md); a field without keyed units has its stem.
    const keyed = units.filter((u) => u.keyed);
    keyed.forEach((unit, i) => (unit.key = field.keys[i]));
    const baseKey = keyed.length === 0 ? field.keys[0] : null;
    targets.push({
      id: field.key,
      kind: field.kind,
      field: { key: field.key, label: field.label },
      catalogField: field,
      names: [field.label.zh, field.label.en],
      units,
      years: field.years ?? null,
      keyFor(unit, year) {
        const key = unit?.key ?? keyed[0]?.key ?? baseKey;
        return year === null || year === undefined ? key : key.replace("{year}", String(year));
      },
      values: field.kind === "set" ? (field.values ?? []).map((v) => ({ id: v.id, label: v.label, names: [v.id, v.label.zh, v.label.en] })) : undefined,
    });
  }
  return targets;
}

/** How a matched column is read: its input key and, for an entry-only unit, the exact factor to the keyed unit. */
function columnPlan(match) {
  const { target, unit, year, member } = match;
  const key = target.keyFor(unit, year);
  let factor = null;
  let to = null;
  if (unit && !unit.keyed) {
    to = target.units.find((u) => u.keyed) ?? target.units[0];
    const ratio = { n: unit.factor.n * to.factor.d, d: unit.factor.d * to.factor.n };
    if (ratio.n !== ratio.d) factor = ratio;
  }
  // What the column claims: a second column claiming the same is a duplicate.
  const stem = year === null ? target.id : `${target.id}@${year}`;
  const claims = target.values && !member ? target.values.map((v) => `${stem}:${v.id}`) : [member ? `${stem}:${member}` : stem];
  return { target, unit, year, member, key, factor, to, claims };
}

/** The label of a field in messages about a column: the field's label, with its input key. */
const messageField = (plan) => ({ key: plan.key, label: plan.member ? memberLabel(plan) : plan.target.field.label });

function memberLabel(plan) {
  const value = plan.target.values.find((v) => v.id === plan.member);
  return { zh: `${plan.target.field.label.zh}：${value.label.zh}`, en: `${plan.target.field.label.en}: ${value.label.en}` };
}

function choicesText(target) {
  return {
    zh: target.values.map((v) => `${v.label.zh}（${v.id}）`).join("、"),
    en: target.values.map((v) => `${v.label.en} (${v.id})`).join(", "),
  };
}

function unitsText(target) {
  return {
    zh: target.units.map((u) => u.label.zh).join("、"),
    en: target.units.map((u) => u.label.en).join(", "),
  };
}

/** The header row: the first of the first rows in which some cell names a field. */
function findHeader(rows, index) {
  for (const row of rows.slice(0, LIMITS.headerSearch)) {
    if (row.cells.some((cell) => cell && cell.type === "text" && matchHeader(cell.text, index))) return row;
  }
  return null;
}

/**
 * Reads a cluster sheet: .xlsx, .csv or .json bytes → { ok: true, kind, sheet, sheets,
 * header_row, columns, records, problems } or { ok: false, code, message }.
 *
 * - `columns`: [{ index, letter, header, key, field, unit, year, value, problem }] — the
 *   input key each column feeds (null when it feeds none), the catalog field, the unit
 *   written in its header, the set value it stands for, and the code of its problem.
 * - `records`: [{ row, figures, problems, sources }] — one per row of data (blank rows
 *   skipped), `row` the spreadsheet's row number (for JSON, the item's position from 1);
 *   `sources` maps each figure key to the column index it came from.
 * - `problems`: every problem, those of the columns and of each row, as
 *   { row, column, letter, field, code, value, message: { zh, en } }.
 *
 * Options: `catalog` (required: the ruleset catalog the headers are matched against),
 * `ruleset` (an id given to every row that does not name its own) and `onRows(count)` (the
 * rows read so far, for a progress bar: see readTable).
 */
export function readClusters(input, { catalog, ruleset, onRows = null } = {}) {
  if (!catalog || !Array.isArray(catalog.fields)) throw new TypeError("cluster-check/sheet: readClusters needs { catalog }, a ruleset catalog");
  return readSheet(input, { catalog, ruleset, sheetNames: CLUSTER_SHEETS, withRuleset: true, onRows });
}

/**
 * Reads a sheet of `catalog`'s fields (a ruleset's, or its roster's columns seen as one,
 * see roster.js): `withRuleset`, whether a 规则集 column may name each row's ruleset;
 * `rowKey`, a key that each record's figures carry its row number in; `onRows`, as readTable's;
 * `each`, what one row of data is ("cluster" or "enterprise"), for the messages.
 */
export function readSheet(input, { catalog, ruleset, sheetNames, withRuleset, rowKey = null, onRows = null, each = "cluster" }) {
  const table = readTable(input, { sheetNames, onRows });
  if (!table.ok) return table;
  if (table.kind === "json") return jsonRecords(table.value, ruleset);
  if (table.rows.length === 0) return refuse("empty", { sheet: table.sheet });

  const index = headerIndex(clusterTargets(catalog, { withRuleset }));
  const headerRow = findHeader(table.rows, index);
  // A header the sheet could have had, for the message: the catalog's first amount.
  const sample = catalog.fields.find((f) => f.kind === "decimal" && !f.years) ?? catalog.fields.find((f) => !f.years);
  const example = sample ? { label: sample.label, key: sample.keys[0] } : null;
  if (!headerRow) return refuse("no_header", { sheet: table.sheet, example });
  const dataRows = table.rows.filter((row) => row.row > headerRow.row);
  if (dataRows.length === 0) return refuse("no_rows", { row: headerRow.row, each });

  const problems = [];
  const columnProblem = (column, code, details) => {
    const problem = {
      row: headerRow.row,
      column: column.header,
      letter: column.letter,
      field: details.field?.key ?? null,
      code,
      value: null,
      message: problemMessage(code, { row: headerRow.row, column: column.header, letter: column.letter }, details),
    };
    column.problem = code;
    problems.push(problem);
  };

  // Columns: what each header names, and how its cells are read.
  // A loop, not Math.max(...rows): 100,000 arguments overflow a worker's smaller stack.
  let width = headerRow.cells.length;
  for (const row of dataRows) if (row.cells.length > width) width = row.cells.length;
  const columns = [];
  const plans = [];
  const claimedBy = new Map();
  for (let i = 0; i < width; i++) {
    const cell = headerRow.cells[i];
    const header = isBlank(cell) ? "" : cell.text.trim();
    const column = { index: i, letter: columnLetter(i), header, key: null, field: null, unit: null, year: null, value: null, problem: null };
    if (header === "") {
      if (dataRows.some((row) => !isBlank(row.cells[i]))) {
        columns.push(column);
        columnProblem({ ...column, header: null }, "no_header", {});
        column.problem = "no_header";
      }
      continue; // an empty column beyond the data is no column at all
    }
    columns.push(column);
    const match = matchHeader(header, index);
    if (!match) {
      const near = nearestTarget(header, index);
      const nearKey = near ? near.keyFor(near.units.find((u) => u.keyed) ?? near.units[0] ?? null, near.years ? "{year}" : null) : null;
      columnProblem(column, "unknown_column", { suggestion: near ? fieldName(near.field.label, nearKey) : null });
      continue;
    }
    if (match.problem) {
      const { target } = match.problem;
      const key = target.keyFor(target.units.find((u) => u.keyed) ?? null, target.years ? "{year}" : null);
      const field = { key: key.replace("{year}", "YYYY"), label: target.field.label };
      column.field = target.id;
      if (match.problem.code === "no_year") {
        const latest = new Date().getFullYear() - 1;
        columnProblem(column, "no_year", { field, example: { zh: `${latest}年${target.field.label.zh}`, en: `${target.field.label.en} ${latest}`, key: key.replace("{year}", String(latest)) } });
      } else {
        columnProblem(column, "wrong_unit", { field, unit: match.problem.unit, units: unitsText(target) });
      }
      continue;
    }
    const plan = columnPlan(match);
    Object.assign(column, { key: plan.key, field: plan.target.id, unit: plan.unit?.id ?? null, year: plan.year, value: plan.member });
    plan.column = column;
    const earlier = plan.claims.map((claim) => claimedBy.get(claim)).find(Boolean);
    if (earlier) {
      columnProblem(column, "duplicate_column", { field: messageField(plan), other: earlier.column.header });
      earlier.duplicateOf ??= [earlier];
      plan.duplicateOf = earlier.duplicateOf;
      plan.duplicateOf.push(plan);
    } else {
      for (const claim of plan.claims) claimedBy.set(claim, plan);
    }
    plans.push(plan);
  }
  if (table.unclosedAt) {
    problems.push({
      row: table.unclosedAt,
      column: null,
      letter: null,
      field: null,
      code: "unclosed_quote",
      value: null,
      message: problemMessage("unclosed_quote", { row: table.unclosedAt }, {}),
    });
  }

  const records = dataRows.map((row) => readRow(row, plans, ruleset));
  if (rowKey) for (const record of records) record.figures[rowKey] = record.row;
  for (const record of records) problems.push(...record.problems);
  return { ok: true, kind: table.kind, sheet: table.sheet, sheets: table.sheets, header_row: headerRow.row, columns, records, problems };
}

/** One row of data as Figures, with its problems. */
function readRow(row, plans, ruleset) {
  const figures = {};
  const problems = [];
  const sources = {};
  const sets = new Map(); // set key → { ids: Set, raw: [], filled, target }
  const unusable = new Set(); // keys made unusable by duplicate columns
  const problem = (plan, code, value, details = {}) => {
    const field = messageField(plan);
    problems.push({
      row: row.row,
      column: plan.column.header,
      letter: plan.column.letter,
      field: plan.key,
      code,
      value,
      message: problemMessage(code, { row: row.row, column: plan.column.header, letter: plan.column.letter }, { field, value, ...details }),
    });
  };
  const put = (plan, value) => {
    figures[plan.key] = value;
    sources[plan.key] ??= plan.column.index;
  };

  for (const plan of plans) {
    if (plan.duplicateOf && plan.duplicateOf[0] !== plan) continue;
    if (plan.duplicateOf) {
      // Two columns for one figure: in a row that fills either, the figure is unusable.
      const filled = plan.duplicateOf.filter((p) => !isBlank(row.cells[p.column.index]));
      if (filled.length === 0) continue;
      const headers = plan.duplicateOf.map((p) => p.column.header);
      put(plan, `[${headers.join(" / ")}]`);
      unusable.add(plan.key);
      problem(plan, "duplicate_value", null, { columns: headers, field: { key: plan.key, label: plan.target.field.label } });
      continue;
    }
    const cell = row.cells[plan.column.index];
    if (plan.member) {
      const set = sets.get(plan.key) ?? { ids: new Set(), raw: [], filled: false, target: plan.target, plan };
      sets.set(plan.key, set);
      if (isBlank(cell)) continue;
      set.filled = true;
      sources[plan.key] ??= plan.column.index;
      const bad = unusableCell(cell);
      const yes = bad ? null : readYesNo(cell);
      if (yes === true) set.ids.add(plan.member);
      else if (yes === null) {
        set.raw.push(cell.text);
        problem(plan, bad ?? "unknown_value", cell.text);
      }
      continue;
    }
    if (isBlank(cell)) continue;
    const bad = unusableCell(cell);
    if (bad) {
      put(plan, cell.text);
      problem(plan, bad, cell.text);
      continue;
    }
    switch (plan.target.kind) {
      case "text":
      case "ruleset":
        put(plan, cell.text.trim());
        break;
      case "year":
        // 2024年 and 2024年度 are how a year is written in Chinese; the engine wants the number.
        put(plan, cell.type === "text" ? cell.text.trim().replace(/年度?$/, "") : cell.text);
        break;
      case "bool": {
        const yes = readYesNo(cell);
        if (yes === null) problem(plan, "unknown_value", cell.text);
        put(plan, yes ?? cell.text);
        break;
      }
      case "set": {
        const { ids, unknown } = readList(cell.text, plan.target.values);
        for (const piece of unknown) problem(plan, "unknown_value", piece, { kind: "set", choices: choicesText(plan.target) });
        put(plan, [...ids, ...unknown]);
        break;
      }
      default: {
        // count and decimal: text numbers as typed (the engine reads them), units converted exactly.
        const read = cell.type === "bool" ? { value: cell.text } : readNumber(cell, plan.factor, plan.unit?.label);
        if (read.problem) problem(plan, read.problem.code, read.problem.value, { from: plan.unit.label, to: plan.to.label });
        put(plan, read.value);
      }
    }
  }
  for (const [key, set] of sets) {
    // Ticks for the values present, blanks for the rest: a row that ticks none of them gives no list.
    if (!set.filled || unusable.has(key)) continue;
    figures[key] = [...set.target.values.map((v) => v.id).filter((id) => set.ids.has(id)), ...set.raw];
  }
  if (ruleset && figures.ruleset === undefined) figures.ruleset = ruleset;
  return { row: row.row, figures, problems, sources };
}

/** A JSON file: an array of Figures (a single object is one cluster), taken as they are. */
function jsonRecords(value, ruleset) {
  const items = Array.isArray(value) ? value : value !== null && typeof value === "object" ? [value] : null;
  if (!items) return refuse("json_shape");
  const records = items.map((figures, i) => {
    const isObject = figures !== null && typeof figures === "object" && !Array.isArray(figures);
    const withRuleset = isObject && ruleset && figures.ruleset === undefined ? { ...figures, ruleset } : figures;
    return { row: i + 1, figures: withRuleset, problems: [], sources: {} };
  });
  return { ok: true, kind: "json", sheet: null, sheets: [], header_row: null, columns: [], records, problems: [] };
}
