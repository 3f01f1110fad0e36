// The batch view of the page (批量自测 / Many clusters): a spreadsheet of clusters, one per
// row, chosen with a button or dropped on the view and read in this browser (the File API:
// nothing is uploaded), judged row by row by the document chosen on the page, and shown as
// a summary and a table that filters, sorts and opens any row as the full single-cluster
// report (the <cluster-check> element with that row's figures). The results export as
// .xlsx, .csv and JSON, the template downloads as .xlsx and .csv, the summary table prints
// on A4 landscape.
//
// An enterprise roster (企业名单) counts figures in place of the sheet's, as the command line
// does: a workbook's own filled 企业名单 sheet is read with it, or a roster is added as a
// second file to the table on screen (and removed again); the rows whose figures it counted
// are marked, their reports show what was counted from which rows, and its problems are
// listed with the sheet's.
//
// The spreadsheet code and the judging run in a module Web Worker (batch-worker.js, one per
// job, ended when the job is done or cancelled): this module only shows. It is imported by
// main.js when the mode is first chosen, so neither it nor the spreadsheet code is loaded
// with the single-cluster page. Nothing here names a field, a check or a condition of any
// document: columns, verdicts, tiers and titles come from the document's catalog.
import { BATCH_TEXT, batchText } from "./batch-text.js";
import { loadStyles, startWorker } from "./batch-start.js";
import { createResultsTable } from "./batch-table.js";
import { h } from "./pkg/ui/dom.js";
import { clauseText, pick, t } from "./pkg/ui/i18n.js";
import { DEFAULT_RULESET, RULESETS, loadCatalog } from "./pkg/rulesets/index.js";

export { BATCH_TEXT };

const STATUS_ICON = { met: "✓", not_met: "✗", missing: "?", invalid: "!" };
const VERDICT_ICON = { met: "✓", not_met: "✗", incomplete: "?" };
const VERDICT_ORDER = ["met", "not_met", "incomplete"];
const STATUS_ORDER = ["met", "not_met", "missing", "invalid"];
const FILTERS = ["all", ...VERDICT_ORDER, "problems"];
/** Problems listed at first, and added by each "show more". */
const PROBLEMS_STEP = 100;
/** Rows of a roster named in a figure's trace before "and N more". */
const TRACE_ROWS = 30;
/** Progress is redrawn at most this often (ms): a worker posts it far more often. */
const PROGRESS_MS = 100;

const TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv;charset=utf-8",
  json: "application/json",
};

const number = new Intl.NumberFormat("en");
const count = (n) => number.format(n);

/**
 * Builds the batch view into `container`.
 * @param {HTMLElement} container
 * @param {{ lang: string, documentId: string }} options lang "zh-CN" or "en"; documentId a ruleset id
 */
export function createBatch(container, { lang, documentId }) {
  let language = lang;
  let rulesetId = documentId;
  const tr = (key, vars) => batchText(language, key, vars);
  const catalogs = new Map();
  const catalogFor = (id) => {
    if (!catalogs.has(id)) catalogs.set(id, loadCatalog(id));
    return catalogs.get(id);
  };
  const entryOf = (id) => RULESETS.find((r) => r.id === id) ?? RULESETS.find((r) => r.id === DEFAULT_RULESET);

  /** The results on screen: { file, roster (a roster file, or null), ruleset, catalog, table, judgedAt }, or null. */
  let batch = null;
  /** The job running: { kind, file, cancel, … }, or null. */
  let job = null;
  let filter = "all";
  let sort = { column: "row", descending: false };
  let problemsShown = PROBLEMS_STEP;
  /** Where the table was when a row's report was opened: { table, scrollY }. */
  let saved = null;
  /** The message above the results, re-rendered on a language switch: { build, alert }. */
  let message = null;

  // ------------------------------------------------------------------ the view's parts

  const heading = h("h2", { class: "batch-heading", id: "batch-heading" });
  const intro = h("p", { class: "batch-intro" });
  const chooseButton = h("button", { type: "button", class: "page-button batch-choose", id: "batch-choose" });
  const dropText = h("span", { class: "batch-drop-text" });
  const formats = h("p", { class: "batch-formats" });
  const drop = h("div", { class: "batch-drop", id: "batch-drop" }, h("p", { class: "batch-drop-line" }, chooseButton, " ", dropText), formats);
  const templateLabel = h("span", { class: "batch-template-label", id: "batch-template-label" });
  const templateXlsx = h("button", { type: "button", class: "page-button", id: "batch-template-xlsx", "aria-describedby": "batch-template-label" });
  const templateCsv = h("button", { type: "button", class: "page-button", id: "batch-template-csv", "aria-describedby": "batch-template-label" });
  const templates = h("p", { class: "batch-templates" }, templateLabel, " ", templateXlsx, " ", templateCsv);

  const progressText = h("p", { class: "batch-progress-text", id: "batch-progress-text" });
  const progressBar = h("progress", { class: "batch-progress-bar", id: "batch-progress-bar", "aria-labelledby": "batch-progress-text" });
  const cancelButton = h("button", { type: "button", class: "page-button batch-cancel", id: "batch-cancel" });
  const progress = h("div", { class: "batch-progress", id: "batch-progress", hidden: true }, progressText, progressBar, cancelButton);

  const status = h("div", { class: "page-message", id: "batch-status", role: "status" });
  const alertBox = h("div", { class: "page-message page-alert", id: "batch-alert", role: "alert" });

  const summary = h("section", { class: "batch-summary", id: "batch-summary", "aria-labelledby": "batch-summary-heading" });
  const rosterText = h("p", { class: "batch-roster-text", id: "batch-roster-text" });
  const rosterAdd = h("button", { type: "button", class: "page-button", id: "batch-roster-add", "aria-describedby": "batch-roster-text" });
  const rosterRemove = h("button", { type: "button", class: "page-button", id: "batch-roster-remove", "aria-describedby": "batch-roster-text" });
  const rosterHeading = h("h3", { class: "batch-roster-heading", id: "batch-roster-heading" });
  const rosterBox = h("section", { class: "batch-roster", id: "batch-roster", "aria-labelledby": "batch-roster-heading" }, rosterHeading, rosterText, h("p", { class: "batch-roster-buttons" }, rosterAdd, " ", rosterRemove));
  const exportLabel = h("span", { class: "batch-export-label", id: "batch-export-label" });
  const exportButtons = Object.fromEntries(
    ["xlsx", "csv", "json"].map((format) => [format, h("button", { type: "button", class: "page-button", id: `batch-export-${format}`, "data-format": format })]),
  );
  const printButton = h("button", { type: "button", class: "page-button", id: "batch-print" });
  const actions = h(
    "div",
    { class: "batch-actions" },
    h("div", { class: "batch-exports", role: "group", "aria-labelledby": "batch-export-label" }, exportLabel, ...Object.values(exportButtons)),
    printButton,
  );
  const filterLabel = h("label", { for: "batch-filter", class: "batch-filter-label" });
  const filterSelect = h("select", { id: "batch-filter", class: "batch-filter" });
  const shownText = h("p", { class: "batch-shown", id: "batch-shown" });
  const hint = h("p", { class: "batch-hint", id: "batch-hint" });
  const controls = h("div", { class: "batch-controls" }, h("p", { class: "batch-filter-line" }, filterLabel, " ", filterSelect), shownText);
  const table = createResultsTable({ onSort: sortBy, onOpen: openRow });
  const problems = h("section", { class: "batch-problems", id: "batch-problems", "aria-labelledby": "batch-problems-heading" });
  const results = h("div", { class: "batch-results", id: "batch-results", hidden: true }, summary, rosterBox, actions, controls, hint, table.element, problems);

  const backButton = h("button", { type: "button", class: "page-button batch-back", id: "batch-back" });
  const detailHeading = h("h3", { class: "batch-detail-heading", id: "batch-detail-heading", tabindex: "-1" });
  const detailNote = h("p", { class: "batch-detail-note" });
  const detailCounted = h("section", { class: "batch-counted", id: "batch-counted", hidden: true, "aria-labelledby": "batch-counted-heading" });
  const detailBody = h("div", { class: "batch-detail-body" });
  const detail = h("section", { class: "batch-detail", id: "batch-detail", hidden: true, "aria-labelledby": "batch-detail-heading" }, backButton, detailHeading, detailNote, detailCounted, detailBody);
  /** The element that shows a row's report, made the first time a row is opened. */
  let report = null;
  let detailRow = null;
  /** What a roster counted for the row opened (its traces, problems and notes), or null. */
  let detailRoster = null;

  const printOut = h("div", { class: "batch-print", id: "batch-print" });

  container.replaceChildren(
    h("section", { class: "batch", "aria-labelledby": "batch-heading" }, heading, intro, drop, templates, progress, h("div", { class: "batch-messages" }, status, alertBox), results, detail, printOut),
  );
  loadStyles();

  // The element in a row's report evaluates as its figures change: that is not the page's
  // single-cluster form, so the page (which saves a draft on each evaluation) is not told.
  detail.addEventListener("cluster-check-change", (event) => event.stopPropagation());

  // ------------------------------------------------------------------ messages

  function say(build, { alert = false } = {}) {
    message = { build, alert };
    renderMessage();
  }

  function renderMessage() {
    status.replaceChildren();
    alertBox.replaceChildren();
    if (!message) return;
    const { text, items = [] } = message.build(language);
    const box = message.alert ? alertBox : status;
    box.append(h("p", { class: "page-message-text", text }));
    if (items.length) box.append(h("ul", { class: "page-message-list" }, items.map((item) => h("li", { text: item }))));
  }

  const both = (localized) => (l) => (l === "en" ? localized.en : localized.zh);

  // ------------------------------------------------------------------ jobs in a worker

  /**
   * Runs one job in a new worker, showing its progress with a Cancel button. Resolves to the
   * worker's last message ({ type: "table" | "file" | "refused" | "unreadable" | "failed" })
   * or { type: "cancelled" }.
   */
  function runJob(message, { kind, file, roster = null }) {
    cancelJob();
    const worker = takeWorker();
    let last = 0;
    let writingSince = 0;
    let timer = 0;
    const show = (data) => {
      if (data.stage === "reading") {
        progressBar.removeAttribute("value");
        progressText.textContent = data.rows ? tr("batch.readingRows", { file, rows: count(data.rows) }) : tr("batch.reading", { file });
      } else if (data.stage === "roster") {
        // The roster file's rows, or the workbook's roster sheet's.
        const name = roster ?? file;
        progressBar.removeAttribute("value");
        progressText.textContent = data.rows ? tr("batch.rosterReadingRows", { file: name, rows: count(data.rows) }) : tr("batch.rosterReading", { file: name });
      } else if (data.stage === "counting") {
        progressBar.removeAttribute("value");
        progressText.textContent = tr("batch.counting");
      } else if (data.stage === "judging") {
        progressBar.max = Math.max(1, data.total);
        progressBar.value = data.done;
        progressText.textContent = tr("batch.judging", { done: count(data.done), total: count(data.total) });
      } else if (data.stage === "writing") {
        writingSince ||= performance.now();
        progressBar.removeAttribute("value");
        progressText.textContent = tr("batch.writing", { file, seconds: Math.round((performance.now() - writingSince) / 1000) });
      }
    };
    const running = { kind, files: { file: message.file ?? null, roster: message.roster ?? null }, cancel: null };
    const done = new Promise((resolve) => {
      const settle = (result) => {
        if (job !== running) return;
        job = null;
        clearInterval(timer);
        // The worker of a table on screen is kept: it holds the rows' figures and problems.
        if (result.type === "table") keepSession(worker);
        else worker.terminate();
        // The next job's worker loads its engine while nothing else is running.
        setTimeout(warmWorker, 250);
        progress.hidden = true;
        container.removeAttribute("aria-busy");
        resolve(result);
      };
      running.cancel = () => settle({ type: "cancelled" });
      worker.addEventListener("message", ({ data }) => {
        if (data?.type !== "progress") return settle(data);
        // The last of a stage is always shown; the rest at most every PROGRESS_MS.
        const now = performance.now();
        if (data.stage === "writing") {
          show(data);
          timer = setInterval(() => show(data), 1000);
        } else if (now - last >= PROGRESS_MS || data.done === data.total) {
          last = now;
          show(data);
        }
      });
      worker.addEventListener("error", (event) => {
        event.preventDefault();
        settle({ type: "failed", error: event.message || "worker" });
      });
      worker.addEventListener("messageerror", () => settle({ type: "failed", error: "messageerror" }));
    });
    job = running;
    show({ stage: kind === "template" ? "writing" : "reading", rows: 0 });
    progress.hidden = false;
    container.setAttribute("aria-busy", "true");
    worker.postMessage(message);
    return done;
  }

  function cancelJob() {
    job?.cancel();
  }

  /** The worker that holds the table on screen (see batch-worker.js), and its questions pending. */
  let session = null;
  let asked = 0;
  const replies = new Map();
  function keepSession(worker) {
    session?.terminate();
    for (const resolve of replies.values()) resolve(null);
    replies.clear();
    session = worker;
    worker.addEventListener("message", ({ data }) => {
      if (data?.type !== "reply") return;
      replies.get(data.id)?.(data.value);
      replies.delete(data.id);
    });
  }
  /** Asks the table's worker for what it holds: resolves to the answer (null when there is none). */
  function ask(request) {
    if (!session) return Promise.resolve(null);
    const id = ++asked;
    return new Promise((resolve) => {
      replies.set(id, resolve);
      session.postMessage({ ...request, id });
    });
  }

  /**
   * A worker started ahead of its job, with its engine loading (the .wasm compiled, the
   * package's modules read), so that a file chosen is read at once. One is kept ready while
   * the view is open; a job takes it, and another is started once the job is over.
   */
  let spare = null;
  function warmWorker() {
    if (spare) return;
    spare = startWorker();
    spare.postMessage({ type: "warm" });
  }
  function takeWorker() {
    const worker = spare ?? startWorker();
    spare = null;
    return worker;
  }

  cancelButton.addEventListener("click", () => {
    const kind = job?.kind;
    cancelJob();
    say((l) => ({ text: batchText(l, kind === "table" ? "batch.cancelled" : "batch.cancelledExport") }));
    chooseButton.focus();
  });

  // ------------------------------------------------------------------ reading a file

  /**
   * Reads and judges `file` (with `roster`, a roster file, or null) by the document on the
   * page; the table on screen changes only if that works. `why`: "new" (a file chosen),
   * "again" (another document), "rosterAdded" or "rosterRemoved" (the same file).
   */
  async function openFile(file, { roster = null, why = "new" } = {}) {
    const started = performance.now();
    performance.mark("cluster-check:batch-chosen");
    const id = rulesetId;
    const catalog = await catalogFor(id);
    const result = await runJob(
      { type: "table", file, roster, catalog, ruleset: id, problemsFirst: PROBLEMS_STEP },
      { kind: "table", file: file.name, roster: roster?.name ?? null },
    );
    if (result.type === "cancelled") return; // said by the Cancel button, or replaced by the next job
    if (result.type !== "table") return refused(result, result.of === "roster" ? roster.name : file.name);
    performance.mark("cluster-check:batch-received");
    progressText.textContent = tr("batch.showing");
    const removed = why === "rosterRemoved" ? batch?.roster ?? null : null;
    batch = { file, roster, ruleset: id, catalog, table: result.table, judgedAt: new Date() };
    filter = "all";
    sort = { column: "row", descending: false };
    problemsShown = PROBLEMS_STEP;
    closeRow({ focus: false });
    results.hidden = false;
    renderResults();
    const n = result.table.rows.length;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const short = entryOf(id).short;
    const counted = result.table.roster;
    say((l) => {
      if (why === "again") return { text: batchText(l, "batch.rejudged", { file: file.name, n: count(n), short: pick(short, l) }) };
      if (why === "rosterAdded") return { text: batchText(l, "batch.rosterAdded", { file: roster.name, matched: count(counted?.matched ?? 0) }) };
      if (why === "rosterRemoved") return { text: batchText(l, "batch.rosterRemoved", { roster: removed?.name ?? "", file: file.name }) };
      return { text: batchText(l, "batch.done", { file: file.name, n: count(n), seconds }) + (counted ? batchText(l, "batch.doneRoster", { sheet: counted.name, matched: count(counted.matched) }) : "") };
    });
    // After the frame that shows the table: what the benchmark measures.
    requestAnimationFrame(() => performance.mark("cluster-check:batch-shown", { detail: { rows: n, ...result.table.timings } }));
  }

  /** Says why a job gave no result; nothing else changes. */
  function refused(result, file) {
    // The roster file, or the workbook's roster sheet, rather than the cluster file.
    const of = result.of === "roster" ? "Roster" : result.of === "rosterSheet" ? "RosterSheet" : "";
    if (result.type === "refused" && result.code === "no_roster") {
      say((l) => ({ text: batchText(l, "batch.noRoster", { file, short: pick(entryOf(rulesetId).short, l) }) }), { alert: true });
    } else if (result.type === "refused") {
      say((l) => ({ text: batchText(l, `batch.refused${of}`, { file }), items: [both(result.message)(l)] }), { alert: true });
    } else if (result.type === "unreadable") say((l) => ({ text: batchText(l, `batch.unreadable${of}`, { file }) }), { alert: true });
    else {
      console.error(result.error);
      say((l) => ({ text: batchText(l, "batch.failed", { error: String(result.error).split("\n")[0] }) }), { alert: true });
    }
  }

  /** Lets the user choose a file (resolves to it, or null). */
  function chooseFile() {
    return new Promise((resolve) => {
      const input = h("input", { type: "file", accept: ".xlsx,.csv,.json,.xls,.ods,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,application/json" });
      input.addEventListener("change", () => resolve(input.files?.[0] ?? null), { once: true });
      input.addEventListener("cancel", () => resolve(null), { once: true });
      input.click();
    });
  }

  chooseButton.addEventListener("click", async () => {
    const file = await chooseFile();
    if (file) openFile(file).catch(fail);
  });

  // A roster as a second file, for the table on screen: the same file judged again with it.
  rosterAdd.addEventListener("click", async () => {
    if (!batch) return;
    if (job) return say((l) => ({ text: batchText(l, "batch.busy") }));
    const file = await chooseFile();
    if (file && batch) openFile(batch.file, { roster: file, why: "rosterAdded" }).catch(fail);
  });
  rosterRemove.addEventListener("click", () => {
    if (!batch?.roster) return;
    if (job) return say((l) => ({ text: batchText(l, "batch.busy") }));
    openFile(batch.file, { why: "rosterRemoved" }).catch(fail);
  });

  const fail = (error) => {
    console.error(error);
    say((l) => ({ text: batchText(l, "batch.failed", { error: String(error?.message ?? error) }) }), { alert: true });
  };

  // Drag and drop, anywhere on the view: a file dropped elsewhere would replace the page.
  const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes("Files");
  container.addEventListener("dragover", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    drop.dataset.over = "true";
    dropText.textContent = tr("batch.dropHere");
  });
  container.addEventListener("dragleave", (event) => {
    if (event.relatedTarget && container.contains(event.relatedTarget)) return;
    delete drop.dataset.over;
    dropText.textContent = tr("batch.drop");
  });
  container.addEventListener("drop", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    delete drop.dataset.over;
    dropText.textContent = tr("batch.drop");
    const file = event.dataTransfer.files?.[0];
    if (file) openFile(file).catch(fail);
  });

  // ------------------------------------------------------------------ files written: results and templates

  function download(name, bytes, format) {
    const url = URL.createObjectURL(new Blob([bytes], { type: TYPES[format] }));
    const a = h("a", { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  const sheetLang = () => (language === "en" ? "en" : "zh");
  const stem = (name) => name.replace(/\.[^.]*$/, "") || "clusters";

  async function exportResults(format) {
    if (!batch) return;
    if (job) return say((l) => ({ text: batchText(l, "batch.busy") }));
    const name = `${stem(batch.file.name)}-${language === "en" ? "results" : "判定结果"}.${format}`;
    const result = await runJob(
      { type: "export", file: batch.file, roster: batch.roster, catalog: batch.catalog, ruleset: batch.ruleset, format, lang: sheetLang(), judgedAt: batch.judgedAt.getTime() },
      { kind: "export", file: name },
    );
    if (result.type === "cancelled") return;
    if (result.type !== "file") return refused(result, batch.file.name);
    download(name, result.bytes, format);
    performance.mark("cluster-check:batch-exported", { detail: { format, bytes: result.bytes.length } });
    say((l) => ({ text: batchText(l, "batch.exported", { file: name }) }));
  }

  async function downloadTemplate(format) {
    if (job) return say((l) => ({ text: batchText(l, "batch.busy") }));
    const id = rulesetId;
    const name = `cluster-check-template-${id}${language === "en" ? "-en" : ""}.${format}`;
    const catalog = await catalogFor(id);
    const result = await runJob({ type: "template", catalog, format, lang: sheetLang() }, { kind: "template", file: name });
    if (result.type === "cancelled") return;
    if (result.type !== "file") return refused(result, name);
    download(name, result.bytes, format);
    const short = entryOf(id).short;
    say((l) => ({ text: batchText(l, "batch.templateDone", { file: name, short: pick(short, l) }) }));
  }

  for (const [format, button] of Object.entries(exportButtons)) button.addEventListener("click", () => exportResults(format).catch(fail));
  templateXlsx.addEventListener("click", () => downloadTemplate("xlsx").catch(fail));
  templateCsv.addEventListener("click", () => downloadTemplate("csv").catch(fail));

  // ------------------------------------------------------------------ the results: summary, table, problems

  const verdictWord = (status) => pick(batch.catalog.verdict?.[status], language) || status;

  function badge(status, text, icon) {
    return h("span", { class: "review-badge batch-badge", "data-status": status }, h("span", { class: "batch-icon", "aria-hidden": "true", text: `${icon} ` }), text);
  }

  function renderSummary() {
    const { summary: s } = batch.table;
    const { catalog } = batch;
    const entry = entryOf(batch.ruleset);
    const date = new Intl.DateTimeFormat(language === "en" ? "en-GB" : "zh-CN", { dateStyle: "long" }).format(batch.judgedAt);
    const counts = h(
      "ul",
      { class: "batch-counts" },
      h("li", { class: "batch-count-total" }, h("strong", { text: tr("batch.total", { n: count(s.total) }) })),
      ...VERDICT_ORDER.map((status) => h("li", { class: "batch-count", "data-status": status }, badge(status, verdictWord(status), VERDICT_ICON[status]), " ", h("strong", { class: "batch-count-n", text: tr("batch.count", { n: count(s[status]) }) }))),
    );
    const lines = [];
    if (catalog.tiers) {
      const parts = [...s.tiers.map((tier) => tr("batch.tierCount", { title: pick(tier.title, language), n: count(tier.count) })), tr("batch.noTier", { n: count(s.no_tier) })];
      lines.push(h("p", { class: "batch-tiers" }, h("span", { class: "batch-tiers-label", text: tr("batch.tiers", { label: pick(catalog.tiers.label, language) }) }), parts.join(language === "en" ? "; " : "；")));
    }
    lines.push(
      h("p", {
        class: "batch-most-missed",
        text: s.most_missed && s.most_missed.count > 0
          ? tr("batch.mostMissed", { clause: clauseText(language, s.most_missed.clause), title: pick(s.most_missed.title, language), n: count(s.most_missed.count) })
          : tr("batch.noneMissed"),
      }),
    );
    if (s.with_problems > 0) lines.push(h("p", { class: "batch-with-problems", text: tr("batch.withProblems", { n: count(s.with_problems) }) }));
    if (catalog.scope) lines.push(h("p", { class: "batch-scope", text: tr("batch.scope", { scope: pick(catalog.scope, language) }) }));
    summary.dataset.ruleset = batch.ruleset;
    summary.replaceChildren(
      h("h3", { class: "batch-summary-heading", id: "batch-summary-heading", text: tr("batch.summary") }),
      h("p", { class: "batch-basis", text: tr("batch.basis", { title: pick(entry.title, language), document: entry.document, file: [batch.file.name, batch.roster?.name].filter(Boolean).join(" + "), date }) }),
      counts,
      ...lines,
    );
  }

  /** The table's columns: from the catalog (tiers, conditions) and the page's own. */
  function columns() {
    const { catalog } = batch;
    const list = [
      { id: "row", head: tr("batch.col.row"), cell: (row) => String(row.row) },
      { id: "name", header: true, head: tr("batch.col.name"), cell: (row) => h("span", { class: "batch-name", text: row.name || tr("batch.noName") }) },
      { id: "year", head: tr("batch.col.year"), cell: (row) => String(row.year ?? "") },
      { id: "verdict", head: tr("batch.col.verdict"), cell: (row) => badge(row.status, verdictWord(row.status), VERDICT_ICON[row.status]) },
    ];
    if (catalog.tiers) list.push({ id: "tier", head: pick(catalog.tiers.label, language), cell: (row) => pick(row.tierText, language) });
    catalog.conditions.forEach((condition, i) => {
      list.push({
        id: `condition-${i}`,
        kind: "condition",
        head: `${clauseText(language, condition.clause)} ${pick(condition.title, language)}`,
        cell: (row) => (row.conditions[i] ? badge(row.conditions[i], t(language, `status.${row.conditions[i]}`), STATUS_ICON[row.conditions[i]]) : ""),
      });
    });
    // With a roster, which rows' figures it counted, and how many.
    if (batch.table.roster) {
      list.push({
        id: "roster",
        head: tr("batch.col.roster"),
        cell: (row) =>
          row.roster === null
            ? "—"
            : h("span", { class: "batch-roster-mark" }, h("span", { class: "batch-icon", "aria-hidden": "true", text: "✓ " }), tr("batch.rosterMark", { n: count(row.roster) })),
      });
    }
    list.push(
      { id: "checks", head: tr("batch.col.checks"), cell: (row) => tr("batch.checksMet", { met: row.met, checks: row.checks }) },
      { id: "problems", head: tr("batch.col.problems"), cell: (row) => (row.problems ? count(row.problems) : "—") },
    );
    return list;
  }

  /** How rows compare on a column: (a, b) → negative, 0, positive. */
  function comparator(column) {
    const rank = (order, value) => (value === null || value === undefined ? order.length : order.indexOf(value));
    const tiers = batch.catalog.tiers?.list.map((tier) => tier.id) ?? [];
    const collator = new Intl.Collator(language === "en" ? "en" : "zh-CN", { numeric: true });
    if (column === "row") return (a, b) => a.row - b.row;
    if (column === "name") return (a, b) => collator.compare(a.name, b.name);
    if (column === "year") return (a, b) => collator.compare(String(a.year), String(b.year));
    if (column === "verdict") return (a, b) => rank(VERDICT_ORDER, a.status) - rank(VERDICT_ORDER, b.status);
    // Highest tier first; none, then unknown, after every tier.
    if (column === "tier") return (a, b) => rank(tiers, a.tier) - rank(tiers, b.tier) || collator.compare(pick(a.tierText, "en"), pick(b.tierText, "en"));
    if (column === "checks") return (a, b) => a.met - b.met;
    if (column === "roster") return (a, b) => (a.roster ?? -1) - (b.roster ?? -1);
    if (column === "problems") return (a, b) => a.problems - b.problems;
    const index = Number(column.replace("condition-", ""));
    return (a, b) => rank(STATUS_ORDER, a.conditions[index]) - rank(STATUS_ORDER, b.conditions[index]);
  }

  const matches = (row) => (filter === "all" ? true : filter === "problems" ? row.problems > 0 : row.status === filter);

  /** The rows shown: filtered, then sorted (ties by row number, so that the order is stable). */
  function view() {
    const compare = comparator(sort.column);
    const direction = sort.descending ? -1 : 1;
    return batch.table.rows.filter(matches).sort((a, b) => direction * compare(a, b) || a.row - b.row);
  }

  function renderFilter() {
    const rows = batch.table.rows;
    const n = (key) => (key === "all" ? rows.length : key === "problems" ? rows.filter((r) => r.problems > 0).length : rows.filter((r) => r.status === key).length);
    filterLabel.textContent = tr("batch.filter");
    filterSelect.replaceChildren(
      ...FILTERS.map((key) =>
        h("option", {
          value: key,
          selected: key === filter,
          text: key === "all" ? tr("batch.filterAll", { n: count(n(key)) }) : key === "problems" ? tr("batch.filterProblems", { n: count(n(key)) }) : tr("batch.filterVerdict", { verdict: verdictWord(key), n: count(n(key)) }),
        }),
      ),
    );
    filterSelect.value = filter;
  }

  function renderTable({ keep = false } = {}) {
    const rows = view();
    shownText.textContent = tr("batch.shown", { shown: count(rows.length), total: count(batch.table.rows.length) });
    table.show({ columns: columns(), rows, sort, captionText: tr("batch.caption"), emptyText: tr("batch.none"), keep });
  }

  function sortBy(column) {
    sort = { column, descending: sort.column === column ? !sort.descending : false };
    renderTable();
    // The header was rebuilt: the focus goes back to the same column's button.
    container.querySelector(`.batch-sort[data-column="${column}"]`)?.focus();
  }

  filterSelect.addEventListener("change", () => {
    filter = FILTERS.includes(filterSelect.value) ? filterSelect.value : "all";
    renderTable();
  });

  function renderProblems() {
    const list = batch.table.problems; // those fetched so far, in order
    const total = batch.table.problemCount;
    const rowNumbers = new Set(batch.table.rows.map((row) => row.row));
    const headerRow = batch.table.headerRow;
    const shown = list.slice(0, problemsShown);
    const body = h(
      "tbody",
      { role: "rowgroup" },
      shown.map((problem) => {
        let where;
        if (problem.sheet) {
          // The roster (a sheet of the workbook, or a file of its own): its row, or the cluster a problem is about.
          const sheet = pick(problem.sheet, language);
          where =
            problem.row !== null
              ? tr("batch.problemSheetRow", { sheet, row: problem.row })
              : problem.cluster
                ? tr("batch.problemSheetCluster", { sheet, cluster: problem.cluster })
                : sheet;
        } else if (problem.row !== null && rowNumbers.has(problem.row)) {
          where = h("button", { type: "button", class: "batch-problem-row", "data-row": problem.row, text: tr("batch.problemRow", { row: problem.row }) });
          where.addEventListener("click", () => showRow(problem.row));
        } else {
          where = problem.row === null ? tr("batch.problemFile") : problem.row === headerRow ? tr("batch.problemHeader", { row: problem.row }) : tr("batch.problemRow", { row: problem.row });
        }
        // Roles written out: on a phone the rows are laid out as blocks (batch.css).
        return h(
          "tr",
          { "data-code": problem.code, role: "row" },
          h("td", { class: "batch-problem-where", role: "cell" }, where),
          h("td", { class: "batch-problem-column", role: "cell", text: problem.column }),
          h("td", { class: "batch-problem-field", role: "cell", text: pick(problem.field, language) }),
          h("td", { class: "batch-problem-message", role: "cell", text: pick(problem.message, language) }),
        );
      }),
    );
    const children = [h("h3", { class: "batch-problems-heading", id: "batch-problems-heading", tabindex: "-1", text: total ? tr("batch.problems", { n: count(total) }) : tr("batch.problemsNone") })];
    if (total) {
      children.push(
        h("p", { class: "batch-problems-intro", text: tr("batch.problemsIntro") }),
        h(
          "div",
          { class: "batch-problems-wrap" },
          h(
            "table",
            { class: "batch-problems-table", role: "table", "aria-labelledby": "batch-problems-heading" },
            h("thead", { role: "rowgroup" }, h("tr", { role: "row" }, ["row", "column", "field", "message"].map((key) => h("th", { scope: "col", role: "columnheader", text: tr(`batch.problem.${key}`) })))),
            body,
          ),
        ),
      );
      if (total > shown.length) {
        const more = h("button", { type: "button", class: "page-button batch-more", id: "batch-more", text: tr("batch.more", { n: count(Math.min(PROBLEMS_STEP, total - shown.length)), total: count(total) }) });
        more.addEventListener("click", async () => {
          const wanted = problemsShown + PROBLEMS_STEP;
          const shownBatch = batch;
          // The rest are in the table's worker: fetched as they are shown.
          if (list.length < Math.min(wanted, total)) {
            const next = await ask({ type: "problems", from: list.length, to: wanted });
            if (batch !== shownBatch || !next) return;
            list.push(...next);
          }
          problemsShown = wanted;
          renderProblems();
          // The button is built again (or gone, with nothing more to show): the focus stays near it.
          (problems.querySelector("#batch-more") ?? problems.querySelector("#batch-problems-heading"))?.focus();
        });
        children.push(more);
      }
    }
    problems.replaceChildren(...children);
  }

  /** Shows a spreadsheet row in the table: the filter widened if it hides the row, the row current and focused. */
  function showRow(rowNumber) {
    closeRow({ focus: false });
    if (table.positionOf(rowNumber) < 0) {
      filter = "all";
      renderFilter();
      renderTable();
    }
    table.element.scrollIntoView({ block: "nearest" });
    table.goTo(table.positionOf(rowNumber));
  }

  /** What the roster box says: the roster counted from (the workbook's sheet, or a file), or that one can be added. */
  function renderRoster() {
    const { catalog } = batch;
    const counted = batch.table.roster;
    rosterBox.hidden = !catalog.roster;
    if (!catalog.roster) return;
    rosterHeading.textContent = tr("batch.rosterTitle");
    const figures = catalog.roster.figures.map((figure) => figureLabel(figure.key)).join(language === "en" ? ", " : "、");
    const parts = [];
    if (!counted) parts.push(tr("batch.rosterNone", { figures }));
    else {
      const vars = { name: counted.name, enterprises: count(counted.enterprises), matched: count(counted.matched) };
      parts.push(tr(counted.from === "file" ? "batch.rosterFile" : "batch.rosterSheet", vars));
      if (counted.unmatched) parts.push(tr("batch.rosterUnmatched", { n: count(counted.unmatched) }));
    }
    rosterText.textContent = parts.join(" ");
    rosterAdd.textContent = tr(counted ? "batch.rosterReplace" : "batch.rosterAdd");
    rosterRemove.textContent = tr("batch.rosterRemove");
    rosterRemove.hidden = !batch.roster;
  }

  /** A figure's label from the catalog, or its key. */
  function figureLabel(key) {
    const field = batch.catalog.fields.find((f) => f.keys.includes(key)) ?? batch.catalog.roster?.columns.find((c) => c.keys.includes(key) || c.key === key);
    return field ? pick(field.label, language) : key;
  }

  function renderResults({ keep = false } = {}) {
    renderSummary();
    renderRoster();
    exportLabel.textContent = tr("batch.exportLabel");
    exportButtons.xlsx.textContent = tr("batch.exportXlsx");
    exportButtons.csv.textContent = tr("batch.exportCsv");
    exportButtons.json.textContent = tr("batch.exportJson");
    printButton.textContent = tr("batch.print");
    hint.textContent = tr("batch.hint");
    renderFilter();
    renderTable({ keep });
    renderProblems();
  }

  // ------------------------------------------------------------------ one row's full report

  function openRow(row) {
    saved = { table: table.state, scrollY: window.scrollY };
    detailRow = row;
    results.hidden = true;
    detail.hidden = false;
    // The figures (or, for an item that is not figures, its problems) come from the table's worker.
    detailBody.replaceChildren();
    detailRoster = null;
    renderCounted();
    const opened = batch;
    const shown = (answer) => detailRow === row && batch === opened && answer !== null;
    if (row.roster !== null) {
      ask({ type: "roster", row: row.row }).then((counted) => {
        if (!shown(counted)) return;
        detailRoster = counted;
        renderCounted();
      });
    }
    if (row.figures) {
      if (!report) {
        report = document.createElement("cluster-check");
        report.id = "batch-report";
        report.setAttribute("compact", "");
      }
      report.setAttribute("lang", language);
      if (batch.ruleset === DEFAULT_RULESET) report.removeAttribute("ruleset");
      else report.setAttribute("ruleset", batch.ruleset);
      ask({ type: "figures", row: row.row }).then((figures) => {
        if (!shown(figures)) return;
        report.figures = figures;
        detailBody.replaceChildren(report);
      });
    } else {
      ask({ type: "problems", row: row.row }).then((list) => {
        if (!shown(list)) return;
        const said = list.map((p) => pick(p.message, language));
        detailBody.replaceChildren(h("p", { class: "batch-not-figures", text: tr("batch.notFigures") }), h("ul", {}, said.map((text) => h("li", { text }))));
      });
    }
    renderDetail();
    window.scrollTo(0, container.getBoundingClientRect().top + window.scrollY);
    detailHeading.focus({ preventScroll: true });
  }

  /** What a roster counted for the row opened: each figure's value, the rows counted, those just outside or lacking a cell, and why. */
  function renderCounted() {
    detailCounted.hidden = !detailRoster;
    if (!detailRoster) return detailCounted.replaceChildren();
    const counted = detailRoster;
    const en = language === "en";
    const rows = (numbers) => {
      const shown = numbers.slice(0, TRACE_ROWS).join(en ? ", " : "、");
      if (numbers.length > TRACE_ROWS) return tr("batch.traceRowsMore", { rows: shown, n: count(numbers.length) });
      return tr(numbers.length === 1 ? "batch.traceRowOne" : "batch.traceRowList", { rows: shown });
    };
    const columnLabel = (key) => {
      const column = batch.catalog.roster?.columns.find((c) => c.keys.includes(key) || c.key === key);
      return column ? pick(column.label, language) : key;
    };
    const unitOf = (key) => {
      const field = batch.catalog.fields.find((f) => f.keys.includes(key));
      const units = field?.units ?? [];
      const unit = units.find((u) => u.keyed && key.endsWith(`_${u.id}`)) ?? (units.length === 1 ? units[0] : null);
      return unit ? pick(unit.label, language) : "";
    };
    const items = counted.traces.map((trace) => {
      const value = trace.value === null ? tr("batch.traceNot") : `${trace.value}${unitOf(trace.field) ? ` ${unitOf(trace.field)}` : ""}`;
      // A figure not counted counts no row: its messages say why.
      const facts = trace.value === null ? [] : [trace.rows.length ? tr("batch.traceRows", { rows: rows(trace.rows) }) : tr("batch.traceNoRows")];
      if (trace.outside.length) facts.push(tr("batch.traceOutside", { rows: rows(trace.outside) }));
      for (const lack of trace.lacking) facts.push(tr("batch.traceLacking", { column: columnLabel(lack.column), rows: rows(lack.rows) }));
      if (trace.invalid.length) facts.push(tr("batch.traceInvalid", { rows: rows(trace.invalid) }));
      return h(
        "li",
        { class: "batch-trace", "data-field": trace.field, "data-counted": trace.value === null ? "false" : "true" },
        h("p", { class: "batch-trace-head" }, h("span", { class: "batch-trace-label", text: figureLabel(trace.field) }), h("span", { class: "batch-trace-value", text: value })),
        h("ul", { class: "batch-trace-facts" }, facts.map((text) => h("li", { text }))),
        h("ul", { class: "batch-trace-messages" }, trace.messages.map((m) => h("li", { text: pick(m, language) }))),
      );
    });
    const issues = [...counted.errors, ...counted.warnings];
    detailCounted.replaceChildren(
      h("h4", { class: "batch-counted-heading", id: "batch-counted-heading", text: tr("batch.countedHeading") }),
      h("p", { class: "batch-counted-about", text: tr("batch.countedAbout", { cluster: counted.cluster ?? detailRow?.name ?? "", n: count(counted.enterprises) }) }),
      h("ul", { class: "batch-traces" }, items),
      ...(issues.length
        ? [h("p", { class: "batch-counted-subhead", text: tr("batch.countedIssues", { n: count(issues.length) }) }), h("ul", { class: "batch-counted-issues" }, issues.map((issue) => h("li", { "data-code": issue.code, text: pick(issue.message, language) })))]
        : []),
      ...(counted.notes.length
        ? [h("p", { class: "batch-counted-subhead", text: tr("batch.countedNotes") }), h("ul", { class: "batch-counted-notes" }, counted.notes.map((note) => h("li", { text: pick(note, language) })))]
        : []),
    );
  }

  function renderDetail() {
    if (!detailRow) return;
    renderCounted();
    backButton.textContent = tr("batch.back");
    detailHeading.textContent = tr("batch.detailHeading", { row: detailRow.row, name: detailRow.name || tr("batch.noName") });
    detailNote.textContent = tr("batch.detailNote", { row: detailRow.row, short: pick(entryOf(batch.ruleset).short, language) });
    report?.setAttribute("lang", language);
  }

  /** Back to the table, as it was: filter, sort, scroll and the row's button focused. */
  function closeRow({ focus = true } = {}) {
    if (detail.hidden) return;
    detail.hidden = true;
    detailRow = null;
    detailRoster = null;
    results.hidden = !batch;
    if (saved && batch) {
      table.restore(saved.table);
      window.scrollTo(0, saved.scrollY);
      if (focus) table.focusCurrent();
    }
    saved = null;
  }

  backButton.addEventListener("click", () => closeRow());
  detail.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !event.defaultPrevented) closeRow();
  });

  // ------------------------------------------------------------------ print: the summary table, A4 landscape

  /** Builds what is printed: the document, the summary and every row shown (not only those in sight). */
  function preparePrint() {
    if (!batch || results.hidden) return printOut.replaceChildren();
    const entry = entryOf(batch.ruleset);
    const rows = view();
    const cols = columns();
    const text = (content) => (typeof content === "string" ? content : content.textContent);
    const filterText = filterSelect.selectedOptions[0]?.textContent ?? "";
    printOut.replaceChildren(
      h("h2", { class: "batch-print-title", text: tr("batch.printTitle", { report: pick(batch.catalog.report_title, language) || pick(entry.title, language) }) }),
      h("p", { class: "batch-print-basis", text: summary.querySelector(".batch-basis")?.textContent ?? "" }),
      h("p", { class: "batch-print-counts", text: [...summary.querySelectorAll(".batch-counts li, .batch-tiers, .batch-most-missed")].map((el) => el.textContent.trim()).join(" · ") }),
      h("p", { class: "batch-print-shown", text: tr("batch.printShown", { filter: filterText, shown: count(rows.length) }) }),
      h(
        "table",
        { class: "batch-print-table" },
        h("thead", {}, h("tr", {}, cols.map((c) => h("th", { scope: "col", text: c.head })))),
        h("tbody", {}, rows.map((row) => h("tr", { "data-status": row.status }, cols.map((c) => h("td", { text: text(c.cell(row)) }))))),
      ),
    );
  }

  printButton.addEventListener("click", () => {
    preparePrint();
    window.print();
  });
  // Ctrl+P, or the browser's menu: the same.
  window.addEventListener("beforeprint", () => {
    if (container.isConnected && !container.hidden) preparePrint();
  });
  window.addEventListener("afterprint", () => printOut.replaceChildren());

  // ------------------------------------------------------------------ language and document

  function renderTexts() {
    const entry = entryOf(rulesetId);
    heading.textContent = tr("batch.heading");
    intro.textContent = tr("batch.intro", { title: pick(entry.title, language), document: entry.document });
    chooseButton.textContent = tr("batch.choose");
    dropText.textContent = tr(drop.dataset.over ? "batch.dropHere" : "batch.drop");
    formats.textContent = tr("batch.formats");
    templateLabel.textContent = tr("batch.template");
    templateXlsx.textContent = tr("batch.templateXlsx");
    templateCsv.textContent = tr("batch.templateCsv");
    cancelButton.textContent = tr("batch.cancel");
  }

  renderTexts();
  warmWorker();
  catalogFor(rulesetId).catch(() => {}); // said when a file is read

  return {
    setLang(next) {
      language = next;
      renderTexts();
      if (batch) renderResults({ keep: true });
      renderDetail();
      renderMessage();
    },
    /** Judges by another document from now on; the file on screen is judged again by it. */
    setDocument(id) {
      if (id === rulesetId) return;
      rulesetId = id;
      renderTexts();
      // A file being read is read again by the new document, as is the one on screen.
      const again = (job?.kind === "table" ? job.files : null) ?? (batch ? { file: batch.file, roster: batch.roster } : null);
      cancelJob();
      if (again) openFile(again.file, { roster: again.roster, why: "again" }).catch(fail);
    },
    /** Reads a file as if chosen (for a host that has one). */
    openFile: (file) => openFile(file).catch(fail),
  };
}
