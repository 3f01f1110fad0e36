// The roster part's work, off the page's main thread (a Web Worker started by
// roster-panel.js): an enterprise roster read (cluster-check/sheet's readRoster: .xlsx,
// .csv in UTF-8 or GB18030, .json, or rows pasted from a spreadsheet) and its figures
// counted (cluster-check/roster's figuresFromRoster), with the figures typed in the form
// given so that the count says which agree and which differ. Nothing here names a
// document's column or figure: the catalog the page sends does.
//
// Messages in: { type: "setup", … } (the single file only, see roster-engine.js), { type:
// "warm" } (load the engine now), then
//   { type: "read", id, file | text, catalog, ruleset, typed, cluster }   a roster, counted
//   { type: "count", id, typed, cluster }   the roster held, counted again (another cluster of it, other typed figures)
// Messages out: { type: "progress", id, stage: "reading" | "counting", rows? }, then one of
// { type: "result", id, view }, { type: "refused", id, reason, message?, problems? },
// { type: "unreadable", id } or { type: "failed", id, error }. The page ends the worker to
// cancel a job; the worker of a roster on screen is kept, holding its rows.
import { readRoster } from "./pkg/sheet/index.js";
import { loadEngine } from "./roster-engine.js";

/** Rows listed per part of a trace (the rest are counted, not listed). */
const LISTED = 200;
/** Problems and warnings sent to the page. */
const PROBLEMS = 200;

let setup = null;
let engine = null;
/** The roster read last: { read, catalog, ruleset }. */
let held = null;

addEventListener("message", ({ data }) => {
  if (data?.type === "setup") {
    setup = data;
    return;
  }
  engine ??= loadEngine(setup);
  if (data?.type === "warm") {
    engine.catch(() => {}); // said by the job that awaits it
    return;
  }
  run(data).catch((error) => postMessage({ type: "failed", id: data?.id, error: String(error?.message ?? error) }));
});

async function run(job) {
  const { figuresFromRoster } = await engine;
  if (job.type === "read") {
    postMessage({ type: "progress", id: job.id, stage: "reading" });
    let bytes;
    try {
      bytes = job.file ? new Uint8Array(await job.file.arrayBuffer()) : new TextEncoder().encode(String(job.text ?? ""));
    } catch {
      return postMessage({ type: "unreadable", id: job.id });
    }
    const read = readRoster(bytes, { catalog: job.catalog });
    if (!read.ok) return postMessage({ type: "refused", id: job.id, reason: "read", message: read.message });
    // A roster has its enterprises' names (every message names a row by it) and at least one column to count.
    const has = (keys) => read.columns.some((column) => keys.has(column.key)) || read.records.some((r) => Object.keys(r.figures ?? {}).some((key) => keys.has(key)));
    const problems = read.problems.slice(0, PROBLEMS).map((p) => ({ row: p.row, message: p.message }));
    if (!has(new Set(job.catalog.roster.columns.flatMap((column) => column.keys)))) return postMessage({ type: "refused", id: job.id, reason: "noColumns", problems });
    const name = job.catalog.roster.meta[0].key;
    if (!has(new Set([name]))) return postMessage({ type: "refused", id: job.id, reason: "noEnterprise", column: name, problems });
    if (read.records.length === 0) return postMessage({ type: "refused", id: job.id, reason: "noRows", problems });
    held = { read, catalog: job.catalog, ruleset: job.ruleset };
  } else if (!held) {
    return postMessage({ type: "failed", id: job.id, error: "no roster is held" });
  }
  postMessage({ type: "progress", id: job.id, stage: "counting", rows: held.read.records.length });
  postMessage({ type: "result", id: job.id, view: count(held, job, figuresFromRoster) });
}

const clusterOf = (record) => {
  const name = record.figures?.cluster;
  if (name === null || name === undefined) return null;
  const text = String(name).trim();
  return text === "" ? null : text;
};

/** The roster's chosen cluster counted, with the typed figures: what the page shows. */
function count({ read, catalog, ruleset }, { typed, cluster }, figuresFromRoster) {
  const names = new Map();
  for (const record of read.records) {
    const name = clusterOf(record);
    names.set(name, (names.get(name) ?? 0) + 1);
  }
  const clusters = [...names].map(([name, enterprises]) => ({ name, enterprises }));
  // The cluster asked for, else the one of the typed name, else the first.
  const wanted = [cluster, typed?.name == null ? undefined : String(typed.name).trim()].find((name) => name !== undefined && names.has(name));
  const chosen = wanted !== undefined ? wanted : clusters[0].name;
  const records = read.records.filter((record) => clusterOf(record) === chosen);
  // Its rows as a roster of one cluster, so that they go to the form's figures.
  const rows = records.map(({ figures }) => {
    const { cluster: _, ...row } = figures;
    return row;
  });
  const result = figuresFromRoster(rows, { ruleset, figures: typed ?? {} });
  const counted = result.clusters[0] ?? null;
  const byRow = new Map(records.map((record) => [record.row, record.figures]));
  const enterprise = (row) => {
    const name = byRow.get(row)?.enterprise;
    return name === null || name === undefined ? "" : String(name);
  };
  const listed = (rows) => ({ rows: rows.slice(0, LISTED).map((row) => ({ row, enterprise: enterprise(row) })), more: Math.max(0, rows.length - LISTED) });
  const figures = catalog.roster.figures;
  const traces = (counted?.traces ?? []).map((trace) => {
    const column = figures.find((f) => f.key === trace.field)?.column ?? null;
    const rowsOf = listed(trace.rows);
    if (column) for (const r of rowsOf.rows) r.value = byRow.get(r.row)?.[column] ?? null;
    return {
      field: trace.field,
      value: trace.value,
      column,
      counted: rowsOf,
      outside: listed(trace.outside),
      lacking: trace.lacking.map((l) => ({ column: l.column, ...listed(l.rows) })),
      invalid: listed(trace.invalid),
      messages: trace.messages,
    };
  });
  // A row outside the chosen cluster is not its business; a problem of no row (or of a row
  // that is no record: the header, a blank row) is.
  const recordRows = new Set(read.records.map((r) => r.row));
  const own = (row) => row === null || row === undefined || !recordRows.has(row) || byRow.has(row);
  const said = new Set(read.problems.map((p) => `${p.row}:${p.field}`));
  const problems = [
    ...read.problems.filter((p) => own(p.row)).map((p) => ({ row: p.row, message: p.message })),
    ...result.errors.map((e) => ({ row: e.row, message: e.message })),
    ...(counted?.errors ?? []).filter((e) => !said.has(`${e.row}:${e.field}`)).map((e) => ({ row: e.row, message: e.message })),
  ].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const warnings = (counted?.warnings ?? []).map((w) => ({ row: w.row, field: w.field, code: w.code, message: w.message }));
  return {
    total: read.records.length,
    kind: read.kind,
    sheet: read.sheet ?? null,
    clusters,
    chosen,
    enterprises: counted?.enterprises ?? 0,
    derived: counted?.derived ?? {},
    figures: counted?.figures ?? null,
    traces,
    problems: problems.slice(0, PROBLEMS),
    moreProblems: Math.max(0, problems.length - PROBLEMS),
    warnings: warnings.filter((w) => w.code !== "roster_differs").slice(0, PROBLEMS),
    differs: warnings.filter((w) => w.code === "roster_differs"),
    notes: counted?.notes ?? [],
  };
}
