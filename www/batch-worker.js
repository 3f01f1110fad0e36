// The batch view's work, off the page's main thread (a module Web Worker started by
// batch.js): a spreadsheet read and judged row by row, the results written as a file, the
// template written. One job per worker: the page starts a worker for a job and ends it
// when the job is done, or at once when the job is cancelled. Everything here is the
// package's (cluster-check/sheet and the engine, beside the page in ./pkg/): nothing names
// a field of any document, the catalog the page sends does.
//
// Messages in: { type: "setup", … } (the single file only, see batch-engine.js), perhaps
// { type: "warm" } (load the engine now, before the job: batch.js starts a worker ahead), then one of
//   { type: "table", file, roster, catalog, ruleset }
//   { type: "export", file, roster, catalog, ruleset, format, lang, judgedAt }
//   { type: "template", catalog, format, lang } (the roster engine is loaded for an .xlsx
//   template whose ruleset has worked roster examples, to count them)
// `roster` is an enterprise roster (企业名单) given as a second file, or null: the figures it
// counts replace the cluster file's, as `cluster-check --roster` does; without one, a
// workbook's own filled 企业名单 sheet is read as its roster. The roster engine is loaded
// only when there is a roster.
// Messages out: { type: "progress", stage: "reading" | "roster" | "counting" | "judging" |
// "writing", rows?, done?, total? } as it goes, then one of { type: "table", table }, { type:
// "file", bytes }, { type: "refused", message, of? } (a file cannot be read: the reader's one
// message in both languages; `of` is "roster" for the roster file, "rosterSheet" for the
// workbook's roster sheet), { type: "refused", of: "roster", code: "no_roster" } (the ruleset
// counts nothing from a roster), { type: "unreadable", of? } (the browser could not read the
// file) or { type: "failed", error }.
//
// A worker whose table is on screen is kept (batch.js ends it when another table replaces
// it): it holds the rows' figures, what a roster counted for each, and every data problem,
// and sends them when they are shown rather than all with the table — { type: "figures",
// id, row }, { type: "roster", id, row } and { type: "problems", id, from, to } or { type:
// "problems", id, row }, answered with { type: "reply", id, value }.
import { LIMITS, applyRoster, hasRosterSheet, judge, problemCount, problemsList, readClusters, readRoster, summarize, tierText, writeResults, writeTemplate } from "./pkg/sheet/index.js";
import { loadEngine, loadRosterEngine } from "./batch-engine.js";

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
  if (data?.type === "figures" || data?.type === "roster" || data?.type === "problems") {
    postMessage({ type: "reply", id: data.id, value: answer(data) });
    return;
  }
  run(data).catch((error) => postMessage({ type: "failed", error: String(error?.stack ?? error) }));
});

/** What this worker's table holds (see tableOf): its rows' figures and roster counts by row, and its problems. */
let held = null;

function answer(request) {
  if (!held) return null;
  if (request.type === "figures") return held.figures.get(request.row) ?? null;
  if (request.type === "roster") return held.rosters.get(request.row) ?? null;
  if (request.row !== undefined) return held.problems.filter((problem) => problem.row === request.row);
  return held.problems.slice(request.from, request.to);
}

const progress = (details) => postMessage({ type: "progress", ...details });

async function run(job) {
  engine ??= loadEngine(setup);
  const { evaluateMany, verdictsMany, version } = await engine;
  if (job.type === "template") {
    // The roster's worked examples are counted by the roster engine, loaded for them alone.
    const counted = job.format === "xlsx" && job.catalog.roster?.examples?.length ? await loadRosterEngine(setup) : null;
    return sendFile(await writeTemplate(job.catalog, { format: job.format, lang: job.lang, evaluateMany, figuresFromRoster: counted?.figuresFromRoster ?? null }));
  }
  // The table shows verdicts: a row's full report is made when it is opened (by the
  // element, from the row's figures). A file written needs the full reports.
  const judged = await readAndJudge(job, job.type === "table" ? verdictsMany : evaluateMany);
  if (!judged) return;
  const { read, rows, roster, timings } = judged;
  if (job.type === "table") {
    const started = performance.now();
    const table = tableOf(read, rows, job.catalog, job.problemsFirst ?? 100);
    table.roster = roster;
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
    source: [job.file.name, job.roster?.name].filter(Boolean).join(" + "),
    version: version(),
  });
  sendFile(bytes);
}

function sendFile(bytes) {
  postMessage({ type: "file", bytes }, [bytes.buffer]);
}

/** A file's bytes (no more than one byte past the limit: the reader refuses a larger file with its message); null when the browser cannot read it. */
async function bytesOf(file) {
  try {
    return new Uint8Array(await file.slice(0, LIMITS.bytes + 1).arrayBuffer());
  } catch {
    return null;
  }
}

/**
 * The file read (with its roster: the roster file, else the workbook's own filled roster
 * sheet) and every row judged, with progress; null when it was refused (and said).
 */
async function readAndJudge({ file, roster: rosterFile = null, catalog, ruleset }, evaluateMany) {
  const bytes = await bytesOf(file);
  if (!bytes) {
    postMessage({ type: "unreadable" });
    return null;
  }
  progress({ stage: "reading", rows: 0 });
  const started = performance.now();
  let read = readClusters(bytes, { catalog, ruleset, onRows: (rows) => progress({ stage: "reading", rows }) });
  if (!read.ok) {
    postMessage({ type: "refused", message: read.message });
    return null;
  }
  const counted = rosterFile || hasRosterSheet(read) ? await countRoster(read, bytes, rosterFile, catalog, ruleset) : { read, roster: null };
  if (!counted) return null;
  read = counted.read;
  const total = read.records.length;
  const readAt = performance.now();
  const rows = [];
  for (let done = 0; done < total; done += CHUNK) {
    progress({ stage: "judging", done, total });
    for (const row of judge({ records: read.records.slice(done, done + CHUNK) }, evaluateMany)) rows.push(row);
  }
  progress({ stage: "judging", done: total, total });
  return { read, rows, roster: counted.roster, timings: { readMs: readAt - started, judgeMs: performance.now() - readAt } };
}

/**
 * The roster read and counted, its figures in place of the cluster sheet's (applyRoster, as
 * the command line does): { read, roster } with `roster` what the page says of it, or null
 * for a workbook whose roster sheet has no rows (the template's); null when refused (and said).
 */
async function countRoster(read, bytes, rosterFile, catalog, ruleset) {
  const of = rosterFile ? "roster" : "rosterSheet";
  if (!catalog.roster) {
    postMessage({ type: "refused", of, code: "no_roster" });
    return null;
  }
  const rosterBytes = rosterFile ? await bytesOf(rosterFile) : bytes;
  if (!rosterBytes) {
    postMessage({ type: "unreadable", of });
    return null;
  }
  progress({ stage: "roster", rows: 0 });
  const roster = readRoster(rosterBytes, { catalog, onRows: (rows) => progress({ stage: "roster", rows }) });
  if (!roster.ok && !rosterFile && roster.code === "no_rows") return { read, roster: null };
  if (!roster.ok) {
    postMessage({ type: "refused", of, message: roster.message });
    return null;
  }
  progress({ stage: "counting" });
  const { figuresFromRoster } = await loadRosterEngine(setup);
  const applied = applyRoster(read, roster, figuresFromRoster, { ruleset });
  const clusters = applied.result.clusters;
  return {
    read: { ...read, records: applied.records, problems: [...read.problems, ...applied.problems] },
    roster: {
      from: rosterFile ? "file" : "sheet",
      name: rosterFile ? rosterFile.name : roster.sheet,
      enterprises: roster.records.length,
      clusters: clusters.length,
      matched: applied.records.filter((record) => record.roster).length,
      unmatched: clusters.filter((cluster) => cluster.matched === null).length,
      problems: applied.problems.length,
    },
  };
}

/**
 * What the page shows: per row what its table needs (the statuses, as ids; the words come
 * from the catalog and the element's texts); the first `first` data problems in both
 * languages, as the exported problems sheet lists them, and how many there are; the summary.
 * The figures that open a row's report, and the other problems, stay here (`held`).
 */
function tableOf(read, rows, catalog, first) {
  const problems = problemsList(rows, catalog, read.problems, read.columns);
  // What a roster counted for a row, for its report: the figures are sent on their own.
  const rosters = new Map(rows.filter((r) => r.roster).map(({ row, roster: { figures, ...counted } }) => [row, counted]));
  held = { figures: new Map(rows.map(({ row, figures }) => [row, figures])), rosters, problems };
  return {
    kind: read.kind,
    sheet: read.sheet,
    headerRow: read.header_row,
    summary: summarize(rows, catalog),
    rows: rows.map(({ row, figures, problems, report, roster }) => {
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
        problems: problemCount({ problems, report }),
        // How many figures a roster counted for it (null: none came from a roster).
        roster: roster ? Object.keys(roster.derived).length : null,
        // Whether the row is a figures object (a JSON item may be anything): only those open as a report.
        figures: figures !== null && typeof figures === "object" && !Array.isArray(figures),
      };
    }),
    problems: problems.slice(0, first),
    problemCount: problems.length,
  };
}
