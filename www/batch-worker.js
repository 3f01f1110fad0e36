// The batch view's work, off the page's main thread (a module Web Worker started by
// batch.js): a spreadsheet read and judged row by row, the results written as a file, the
// template written. One job per worker: the page starts a worker for a job and ends it
// when the job is done, or at once when the job is cancelled. Everything here is the
// package's (cluster-check/sheet and the engine, beside the page in ./pkg/): nothing names
// a field of any document, the catalog the page sends does.
//
// Messages in: { type: "setup", … } (the single file only, see batch-engine.js), perhaps
// { type: "warm" } (load the engine now, before the job: batch.js starts a worker ahead), then one of
//   { type: "table", file, catalog, ruleset }
//   { type: "export", file, catalog, ruleset, format, lang, judgedAt }
//   { type: "template", catalog, format, lang }
// Messages out: { type: "progress", stage: "reading" | "judging" | "writing", rows?, done?, total? }
// as it goes, then one of { type: "table", table }, { type: "file", bytes }, { type: "refused",
// message } (the file cannot be read: readClusters' one message in both languages),
// { type: "unreadable" } (the browser could not read the file) or { type: "failed", error }.
//
// A worker whose table is on screen is kept (batch.js ends it when another table replaces
// it): it holds the rows' figures and every data problem, and sends them when they are
// shown rather than all with the table — { type: "figures", id, row } and { type:
// "problems", id, from, to } or { type: "problems", id, row }, answered with { type:
// "reply", id, value }.
import { LIMITS, judge, problemsList, readClusters, summarize, tierText, writeResults, writeTemplate } from "./pkg/sheet/index.js";
import { loadEngine } from "./batch-engine.js";

/** Rows judged between two progress messages. */
const CHUNK = 500;

let setup = null;
let engine = null;

addEventListener("message", ({ data }) => {
  if (data?.type === "setup") {
    setup = data;
    return;
  }
  if (data?.type === "warm") {
    // Started ahead of its job: the engine loads now. A failure is said by the job that awaits it.
    engine ??= loadEngine(setup);
    engine.catch(() => {});
    return;
  }
  if (data?.type === "figures" || data?.type === "problems") {
    postMessage({ type: "reply", id: data.id, value: answer(data) });
    return;
  }
  run(data).catch((error) => postMessage({ type: "failed", error: String(error?.stack ?? error) }));
});

/** What this worker's table holds (see tableOf): its rows' figures by row, and its problems. */
let held = null;

function answer(request) {
  if (!held) return null;
  if (request.type === "figures") return held.figures.get(request.row) ?? null;
  if (request.row !== undefined) return held.problems.filter((problem) => problem.row === request.row);
  return held.problems.slice(request.from, request.to);
}

const progress = (details) => postMessage({ type: "progress", ...details });

async function run(job) {
  engine ??= loadEngine(setup);
  const { evaluateMany, version } = await engine;
  if (job.type === "template") {
    return sendFile(await writeTemplate(job.catalog, { format: job.format, lang: job.lang, evaluateMany }));
  }
  const judged = await readAndJudge(job, evaluateMany);
  if (!judged) return;
  const { read, rows, timings } = judged;
  if (job.type === "table") {
    const started = performance.now();
    const table = tableOf(read, rows, job.catalog, job.problemsFirst ?? 100);
    table.timings = { ...timings, tableMs: performance.now() - started };
    return postMessage({ type: "table", table });
  }
  progress({ stage: "writing" });
  const bytes = await writeResults(rows, {
    catalog: job.catalog,
    read,
    format: job.format,
    lang: job.lang,
    judgedAt: new Date(job.judgedAt),
    source: job.file.name,
    version: version(),
  });
  sendFile(bytes);
}

function sendFile(bytes) {
  postMessage({ type: "file", bytes }, [bytes.buffer]);
}

/** The file read and every row judged, with progress; null when it was refused (and said). */
async function readAndJudge({ file, catalog, ruleset }, evaluateMany) {
  let bytes;
  try {
    // No more than one byte past the limit is read: readClusters refuses a larger file with its message.
    bytes = new Uint8Array(await file.slice(0, LIMITS.bytes + 1).arrayBuffer());
  } catch {
    postMessage({ type: "unreadable" });
    return null;
  }
  progress({ stage: "reading", rows: 0 });
  const started = performance.now();
  const read = readClusters(bytes, { catalog, ruleset, onRows: (rows) => progress({ stage: "reading", rows }) });
  if (!read.ok) {
    postMessage({ type: "refused", message: read.message });
    return null;
  }
  const total = read.records.length;
  const readAt = performance.now();
  const rows = [];
  for (let done = 0; done < total; done += CHUNK) {
    progress({ stage: "judging", done, total });
    for (const row of judge({ records: read.records.slice(done, done + CHUNK) }, evaluateMany)) rows.push(row);
  }
  progress({ stage: "judging", done: total, total });
  return { read, rows, timings: { readMs: readAt - started, judgeMs: performance.now() - readAt } };
}

/**
 * What the page shows: per row what its table needs (the statuses, as ids; the words come
 * from the catalog and the element's texts); the first `first` data problems in both
 * languages, as the exported problems sheet lists them, and how many there are; the summary.
 * The figures that open a row's report, and the other problems, stay here (`held`).
 */
function tableOf(read, rows, catalog, first) {
  const problems = problemsList(rows, catalog, read.problems, read.columns);
  held = { figures: new Map(rows.map(({ row, figures }) => [row, figures])), problems };
  return {
    kind: read.kind,
    sheet: read.sheet,
    headerRow: read.header_row,
    summary: summarize(rows, catalog),
    rows: rows.map(({ row, figures, problems, report }) => {
      const checks = report.conditions.flatMap((condition) => condition.checks);
      return {
        row,
        name: report.name ?? "",
        year: report.year ?? "",
        status: report.status,
        tier: report.tier,
        tierText: catalog.tiers ? { zh: tierText(report, catalog, "zh"), en: tierText(report, catalog, "en") } : null,
        conditions: catalog.conditions.map((c) => report.conditions.find((rc) => rc.id === c.id)?.status ?? null),
        met: checks.filter((check) => check.status === "met").length,
        checks: checks.length,
        problems: problems.length + report.errors.length,
        // Whether the row is a figures object (a JSON item may be anything): only those open as a report.
        figures: figures !== null && typeof figures === "object" && !Array.isArray(figures),
      };
    }),
    problems: problems.slice(0, first),
    problemCount: problems.length,
  };
}
