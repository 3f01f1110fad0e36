// The page around the <cluster-check> element: the header, the language toggle, and what a
// page (not the element) does with the figures: keep them (a draft in localStorage, restored
// on reload: draft.js), share them (a link whose fragment carries them), files (export and
// import the figures, download the report), print, and the two-year re-review (two elements
// side by side, review.js). The form and the results are the element's, from the npm package
// beside the page (./pkg/, see scripts/build-www.mjs): the same element any other site
// embeds. The element itself never touches the URL or the storage: everything here is the host's.
import { DEFAULT_LANGUAGE, LANGUAGES, hasReview, jsonErrorText, pageText, setDocumentTexts } from "./page-text.js";
import { decodeShare, encodeShare } from "./share.js";
import { MAX_FILE_BYTES, MAX_LISTED, figuresProblems, isReport, parseJson, shapeOf } from "./figures-file.js";
import { EMPTY, createDrafts, hasData, isEmpty } from "./draft.js";
import { figureKeys } from "./figure-keys.js";
import { yearOf } from "./compare.js";
import { createReview, entryOf, setEntry } from "./review.js";
import { h } from "./pkg/ui/dom.js";
import { DEFAULT_RULESET, RULESETS, loadCatalog } from "./pkg/rulesets/index.js";

const LANG_KEY = "cluster-check.lang";
const MODE_KEY = "cluster-check.mode";
const DOCUMENT_KEY = "cluster-check.document";
const MODES = ["single", "review", "batch"];

/** The draft and the preferences, in this browser's storage (none from a file: see draft.js). */
const drafts = createDrafts({ fromFile: location.protocol === "file:", keys: figureKeys });

let lang = LANGUAGES.includes(drafts.pref(LANG_KEY)) ? drafts.pref(LANG_KEY) : DEFAULT_LANGUAGE;
let mode = MODES.includes(drafts.pref(MODE_KEY)) ? drafts.pref(MODE_KEY) : "single";
/** The document the forms are for: a ruleset built into the package. */
let documentId = RULESETS.some((r) => r.id === drafts.pref(DOCUMENT_KEY)) ? drafts.pref(DOCUMENT_KEY) : DEFAULT_RULESET;
let version = "";
/** The re-review view, built the first time it is shown. */
let review = null;
/** The batch view (batch.js, imported when that mode is first shown): a promise of it. */
let batch = null;
/** The roster part of the one-year form (roster-panel.js, imported when it is first opened): a promise of it. */
let roster = null;
/** The re-review's years while its view is not built yet. */
let reviewEntries = [EMPTY, EMPTY];
/** Whether the starting figures are in place: until then nothing is saved over the draft. */
let ready = false;
/** The message shown above the form, re-rendered in the other language on a switch. */
let message = null;

const $ = (id) => document.getElementById(id);
const toggle = $("lang-toggle");
const app = $("app");
const tabs = { single: $("tab-single"), review: $("tab-review"), batch: $("tab-batch") };
const panels = { single: $("panel-single"), review: $("panel-review"), batch: $("panel-batch") };
const tools = [...$("tools").querySelectorAll("button")];

const text = (key, vars) => pageText(lang, key, vars);

// ---------------------------------------------------------------------- the engine

// The element loads the engine when it connects; these imports share its modules. The engine
// comes without catalogs (the element loads the one of the document it shows): figures are
// judged here by engineFor, which hands over the catalogs they need first, so that a visit
// fetches only the catalogs of the documents it uses.
import("./pkg/element.js").catch((error) => console.error(error));
const engine = import("./pkg/engine.js").then((module) => module.engine);

/** The engine, with the catalog of every ruleset that judges one of `list` (figures objects, or anything) loaded. */
async function engineFor(...list) {
  const api = await engine;
  const known = (id) => RULESETS.some((r) => r.id === id);
  // Figures without a known ruleset are judged by the default one.
  const ids = new Set(list.map((figures) => (known(figures?.ruleset) ? figures.ruleset : DEFAULT_RULESET)));
  for (const id of ids) if (!api.hasCatalog(id)) api.useCatalog(await loadCatalog(id));
  return api;
}
engine.then(
  (loaded) => {
    version = loaded.version();
    renderPage();
  },
  () => {},
);

// ---------------------------------------------------------------------- page texts

/** What the page says of a document: its list entry (made from its ruleset file). */
const documentEntry = (id) => RULESETS.find((r) => r.id === id) ?? RULESETS.find((r) => r.id === DEFAULT_RULESET);
const pick = (localized) => (lang === "en" ? localized.en : localized.zh);

/** The document chooser (shown when the package holds more than one) and what the page says of the document. */
function renderDocument() {
  const entry = documentEntry(documentId);
  setDocumentTexts(entry);
  // A document without a re-review has no second mode.
  tabs.review.hidden = !hasReview();
  if (!hasReview() && mode === "review") setMode("single");
  $("page-document").textContent = text("page.basedOn", {
    title: pick(entry.title),
    document: entry.document,
    issuer: pick(entry.issuer),
    issued: entry.issued,
  });
  $("about-text").textContent = pick(entry.about);
  renderAboutMore();
  const select = $("document-select");
  $("document-choice").hidden = RULESETS.length < 2;
  select.replaceChildren(...RULESETS.map((r) => h("option", { value: r.id, selected: r.id === documentId, text: `${pick(r.short)} · ${r.document}` })));
  select.value = documentId;
}

/** Shows the forms for another document; the figures both share stay (the element keeps them). */
function setDocument(id, { forms = true } = {}) {
  if (!RULESETS.some((r) => r.id === id)) return;
  documentId = id;
  drafts.setPref(DOCUMENT_KEY, id);
  if (forms) {
    const attribute = id === DEFAULT_RULESET ? null : id;
    if (attribute === null) app.removeAttribute("ruleset");
    else app.setAttribute("ruleset", attribute);
    review?.setRuleset(attribute);
  }
  batch?.then((view) => view?.setDocument(id));
  renderPage();
}

$("document-select").addEventListener("change", (event) => setDocument(event.target.value));
if (documentId !== DEFAULT_RULESET) app.setAttribute("ruleset", documentId);
// Figures that name another document (a file, a link, a draft) switch the element to it:
// the chooser follows.
app.addEventListener("cluster-check-change", (event) => {
  const id = event.detail?.ruleset?.id;
  const wanted = app.getAttribute("ruleset") ?? DEFAULT_RULESET;
  if (id && id === wanted && id !== documentId) setDocument(id, { forms: false });
});

/** The phone's button that shows the whole description of the document, or cuts it again. */
function renderAboutMore() {
  const open = $("page-about").dataset.open === "true";
  $("about-more").setAttribute("aria-expanded", String(open));
  $("about-more").textContent = text(open ? "about.less" : "about.more");
}
$("about-more").addEventListener("click", () => {
  $("page-about").dataset.open = String($("page-about").dataset.open !== "true");
  renderAboutMore();
});

function renderPage() {
  document.documentElement.lang = lang;
  document.title = text("page.title");
  renderDocument();
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = text(el.dataset.i18n);
  renderAboutMore();
  for (const el of document.querySelectorAll("[data-i18n-label]")) el.setAttribute("aria-label", text(el.dataset.i18nLabel));
  toggle.textContent = text("page.toggle");
  toggle.lang = text("page.toggleLang");
  renderNote();
  $("engine-version").textContent = version ? text("page.version", { version }) : "";
  app.lang = lang;
  review?.setLang(lang);
  batch?.then((view) => view?.setLang(lang));
  roster?.then((part) => part?.setLang(lang));
  renderMessage();
}

toggle.addEventListener("click", () => {
  lang = text("page.toggleLang");
  drafts.setPref(LANG_KEY, lang);
  renderPage();
});

// ---------------------------------------------------------------------- the roster part

// Opened the first time, it loads its module, its worker and the roster engine: never with the page.
$("roster").addEventListener("toggle", () => {
  if (!$("roster").open || roster) return;
  roster = import("./roster-panel.js").then(
    ({ createRosterPanel }) => createRosterPanel($("roster-panel"), { element: app, lang }),
    (error) => {
      console.error(error);
      roster = null;
    },
  );
});
// Only a document whose figures can be counted from a roster has the part.
app.addEventListener("cluster-check-change", () => {
  $("roster").hidden = !app.catalog?.roster;
});

// ---------------------------------------------------------------------- keyboard: one Tab stop per group

/**
 * Arrow keys, Home and End move between `items` of a tab list or toolbar, which is one
 * stop for Tab (the one last used): the pattern of the ARIA practices for both.
 */
function rove(container, items, onMove = () => {}) {
  const focusItem = (item) => {
    for (const el of items) el.tabIndex = el === item ? 0 : -1;
    item.focus();
    onMove(item);
  };
  container.addEventListener("keydown", (event) => {
    const index = items.indexOf(event.target);
    if (index < 0) return;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: items.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    focusItem(items[(next + items.length) % items.length]);
  });
  container.addEventListener("focusin", (event) => {
    if (items.includes(event.target)) for (const el of items) el.tabIndex = el === event.target ? 0 : -1;
  });
}

// ---------------------------------------------------------------------- mode: one year, or two

function setMode(next) {
  mode = next;
  for (const name of MODES) {
    tabs[name].setAttribute("aria-selected", String(name === mode));
    tabs[name].tabIndex = name === mode ? 0 : -1;
    panels[name].hidden = name !== mode;
  }
  document.body.dataset.mode = mode;
  // The tools and the draft's note are about the forms' figures: not beside the batch view.
  $("tools").hidden = $("draft-note").hidden = mode === "batch";
  if (mode === "review") ensureReview();
  if (mode === "batch") ensureBatch();
  drafts.setPref(MODE_KEY, mode);
}

/** The batch view, loaded with its module the first time it is shown (never with the page). */
function ensureBatch() {
  batch ??= import("./batch.js").then(
    ({ createBatch }) => createBatch(panels.batch, { lang, documentId }),
    (error) => {
      console.error(error);
      batch = null;
    },
  );
}

function ensureReview() {
  if (review) return review;
  review = createReview(panels.review, {
    lang,
    entries: reviewEntries,
    onImportYear: (index) => importFigures(index),
    onCopyEarlier: copyEarlier,
    onCopySingle: copySingle,
  });
  if (documentId !== DEFAULT_RULESET) review.setRuleset(documentId);
  return review;
}

for (const name of MODES) tabs[name].addEventListener("click", () => setMode(name));
rove($("modes"), MODES.map((name) => tabs[name]), (tab) => setMode(MODES.find((name) => tabs[name] === tab)));
rove($("tools"), tools);

// On a phone the tools fold into one menu button, so that the first screen is not all tools.
const toolsMenu = $("tools-menu");
toolsMenu.addEventListener("click", () => {
  const open = toolsMenu.getAttribute("aria-expanded") !== "true";
  toolsMenu.setAttribute("aria-expanded", String(open));
  if (open) tools.find((tool) => tool.tabIndex === 0)?.focus();
});

// ---------------------------------------------------------------------- state: the figures of both modes

/** The years of both modes, as the forms hold them: { mode, single: year, review: [year, year] }. */
function snapshot() {
  return { mode, single: entryOf(app), review: review ? review.entries : reviewEntries };
}

/** Puts years into the forms (a key left out is left as it is) and shows a mode. */
function applyState(state) {
  if ("single" in state) setEntry(app, state.single);
  if ("review" in state) {
    if (review) review.setEntries(state.review);
    else reviewEntries = state.review.map((entry) => entry ?? EMPTY);
  }
  if (state.mode) setMode(state.mode);
}

// Saved after every evaluation (each element fires cluster-check-change), coalesced.
let saveQueued = false;
function saveDraft() {
  if (ready) drafts.save(snapshot());
}
document.addEventListener("cluster-check-change", () => {
  if (saveQueued) return;
  saveQueued = true;
  queueMicrotask(() => {
    saveQueued = false;
    saveDraft();
  });
});

// ---------------------------------------------------------------------- messages

/**
 * Shows one message above the form (replacing the last): `build(lang)` gives its text and
 * list items, so that it follows a language switch. An alert (a refusal) is announced at
 * once; other messages politely. `undo` is a snapshot to go back to; `link` a URL to show.
 */
function say(build, { alert = false, undo = null, link = null, action = null } = {}) {
  message = { build, alert, undo, link, action };
  renderMessage();
}

// Both boxes stay in the page, empty when unused (and then of no size): a live region that
// is already there is announced when it fills, one that appears with its text may not be.
function renderMessage() {
  const status = $("page-status");
  const alertBox = $("page-alert");
  status.replaceChildren();
  alertBox.replaceChildren();
  if (!message) return;
  const { build, alert, undo, link, action } = message;
  const { text: body, items = [] } = build(lang);
  const box = alert ? alertBox : status;
  box.append(h("p", { class: "page-message-text", text: body }));
  if (items.length) {
    box.append(h("ul", { class: "page-message-list" }, items.map((item) => h("li", { "data-field": item.field ?? null, text: item.text }))));
  }
  if (link) {
    const input = h("input", { id: "share-link", class: "page-link-input", type: "text", readonly: true, value: link, spellcheck: "false" });
    input.addEventListener("focus", () => input.select());
    box.append(h("p", { class: "page-link" }, h("label", { for: "share-link", text: text("link.label") }), input));
  }
  if (action) {
    // A tool offered in the message itself (export the figures, where a link would not carry them).
    const button = h("button", { type: "button", class: "page-button", id: action.id, text: text(action.label) });
    button.addEventListener("click", action.run);
    box.append(button);
  }
  if (undo) {
    const button = h("button", { type: "button", class: "page-button page-undo", id: "undo", text: text("message.undo") });
    button.addEventListener("click", () => {
      applyState(undo);
      say((l) => ({ text: pageText(l, "message.undone") }));
      // The button is gone with its message: the focus goes back to the tools.
      tools.find((tool) => tool.tabIndex === 0)?.focus();
    });
    box.append(button);
  }
}

/**
 * Problems of figures as message items: the engine's message in the language, with the year
 * (or the mode, for a draft) when there are several; at most MAX_LISTED, then how many more.
 */
function problemItems(problems) {
  return (l) => {
    const items = problems.slice(0, MAX_LISTED).map((problem) => {
      const said = l === "en" ? problem.message.en : problem.message.zh;
      if (problem.label) return { field: problem.field, text: pageText(l, "file.yearProblem", { year: problem.label(l), message: said }) };
      return { field: problem.field, text: problem.field === null || problem.field === undefined ? pageText(l, "file.general", { message: said }) : said };
    });
    if (problems.length > MAX_LISTED) items.push({ text: pageText(l, "file.more", { n: problems.length - MAX_LISTED }) });
    return items;
  };
}

/** The refusing problems of a list of figures objects (one, or two years), labelled by year for two. */
async function problemsOf(list) {
  const { evaluate } = await engineFor(...list);
  return list.flatMap((figures, index) =>
    figuresProblems(figures, evaluate, figureKeys(figures.ruleset ?? documentId)).map((problem) => ({
      ...problem,
      label: list.length === 2 ? (l) => yearLabel(l, index, figures) : null,
    })),
  );
}

function yearLabel(l, index, figures) {
  const role = pageText(l, index === 0 ? "review.earlier" : "review.later");
  const year = yearOf(figures);
  return year ? `${pageText(l, "review.year", { year })} · ${role}` : role;
}

// ---------------------------------------------------------------------- the share link

const pageUrl = () => location.href.split("#")[0];

async function copyLink() {
  const years = mode === "single" ? [entryOf(app)] : ensureReview().entries;
  const link = pageUrl() + (await encodeShare(years));
  let copied = false;
  try {
    await navigator.clipboard.writeText(link);
    copied = true;
  } catch {
    // Not allowed here (no permission, an old browser): the link is shown to copy by hand.
  }
  // Opened from a file, the link is a path on this computer: the figures file is what travels.
  const fromFile = location.protocol === "file:";
  const action = fromFile ? { id: "link-export", label: "tools.export", run: exportFigures } : null;
  say((l) => ({ text: [pageText(l, copied ? "link.copied" : "link.copyFailed"), fromFile ? pageText(l, "link.fileNote") : ""].filter(Boolean).join(" ") }), { link, action });
  // Not copied (plain http has no clipboard): the link is selected, for Ctrl+C.
  if (!copied) $("share-link")?.focus();
}

/**
 * Opens the figures of a share link, all or nothing. `previous` is what they replace (the
 * draft, on a page just opened). Resolves to whether they were applied.
 */
async function openLink(hash, previous, { startup = false } = {}) {
  const refuse = (items) => {
    say((l) => ({ text: pageText(l, "link.refused"), items: items(l) }), { alert: true });
    return false;
  };
  const decoded = await decodeShare(hash);
  if (!decoded.ok) {
    const key = { version: "link.version", damaged: "link.damaged", tooLarge: "link.tooLarge", shape: "link.shape" }[decoded.reason];
    return refuse((l) => [{ text: pageText(l, key, { version: decoded.version }) }]);
  }
  const { years } = decoded;
  let problems;
  try {
    problems = await problemsOf(years.map((year) => year.figures));
  } catch {
    return refuse((l) => [{ text: pageText(l, "report.notReady") }]);
  }
  if (problems.length) return refuse(problemItems(problems));
  const single = years.length === 1;
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const replaced = single
    ? !isEmpty(previous.single) && !same(previous.single, years[0])
    : previous.review.some((entry) => !isEmpty(entry)) && !same(previous.review, years);
  const state = single ? { single: years[0], mode: "single" } : { review: years, mode: "review" };
  // On a page just opened, the other mode's figures come from the draft.
  if (startup) Object.assign(state, single ? { review: previous.review } : { single: previous.single });
  applyState(state);
  // The figures now live in the form and its draft: a reload restores them, with whatever is
  // changed meanwhile, instead of the link's figures again.
  history.replaceState(history.state, "", pageUrl());
  say((l) => ({ text: [pageText(l, "link.applied"), replaced ? pageText(l, "link.replaced") : ""].filter(Boolean).join(" ") }), {
    undo: replaced ? previous : null,
  });
  return true;
}

window.addEventListener("hashchange", () => {
  if (location.hash.length > 1) openLink(location.hash, snapshot()).then(() => saveDraft());
});

// ---------------------------------------------------------------------- files

/** A name for a downloaded file: cluster-check-<what>[-<year>[-<year>]].json. */
function fileName(what) {
  const years = mode === "single" ? [yearOf(app.figures)] : ensureReview().figures.map(yearOf);
  const safe = years.filter(Boolean).map((year) => year.replace(/[^0-9A-Za-z]+/g, "")).filter(Boolean);
  return `cluster-check-${what}${safe.length ? `-${safe.join("-")}` : ""}.json`;
}

function download(name, content) {
  const url = URL.createObjectURL(new Blob([content], { type: "application/json" }));
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function exportFigures() {
  const figures = mode === "single" ? entryOf(app).figures : ensureReview().figures;
  const name = fileName("figures");
  download(name, `${JSON.stringify(figures, null, 2)}\n`);
  say((l) => ({ text: pageText(l, "file.exported", { file: name }) }));
}

function downloadReport() {
  const report = mode === "single" ? app.report : ensureReview().reports;
  if (!report || (Array.isArray(report) && !report.every(Boolean))) {
    say((l) => ({ text: pageText(l, "report.notReady") }));
    return;
  }
  const name = fileName("report");
  download(name, `${JSON.stringify(report, null, 2)}\n`);
  say((l) => ({ text: pageText(l, "report.downloaded", { file: name }) }));
}

/** Lets the user choose a file; resolves to it, or to null when the choice is cancelled. */
function chooseFile() {
  return new Promise((resolve) => {
    const input = h("input", { type: "file", accept: ".json,application/json" });
    input.addEventListener("change", () => resolve(input.files?.[0] ?? null), { once: true });
    input.addEventListener("cancel", () => resolve(null), { once: true });
    input.click();
  });
}

/**
 * Imports figures from a JSON file, all or nothing (the rule: figures-file.js). `target`:
 * "auto" (the toolbar: one figures object goes to the one-year form, two to the re-review)
 * or 0 / 1 (one year of the re-review).
 */
async function importFigures(target = "auto") {
  const file = await chooseFile();
  if (!file) return;
  const refuse = (items) => say((l) => ({ text: pageText(l, "file.refused", { file: file.name }), items: items(l) }), { alert: true });
  if (file.size > MAX_FILE_BYTES) return refuse((l) => [{ text: pageText(l, "file.tooLarge", { size: file.size }) }]);
  let content;
  try {
    content = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return refuse((l) => [{ text: pageText(l, "file.notText") }]);
  }
  const parsed = parseJson(content.replace(/^\uFEFF/, ""), { maxMembers: figureKeys().most });
  if (!parsed.ok) return refuse((l) => [{ text: jsonErrorText(l, parsed.error) }]);
  // A results file brought back: said so, once, not as a list of unknown fields.
  if (isReport(parsed.value)) return refuse((l) => [{ text: pageText(l, "file.report") }]);
  const shape = shapeOf(parsed.value);
  const oneYear = target === 0 || target === 1;
  if (oneYear && shape !== "single") return refuse((l) => [{ text: pageText(l, "file.yearShape") }]);
  if (!shape) return refuse((l) => [{ text: pageText(l, "file.shape") }]);
  const list = shape === "pair" ? parsed.value : [Array.isArray(parsed.value) ? parsed.value[0] : parsed.value];
  let problems;
  try {
    problems = await problemsOf(list);
  } catch {
    return refuse((l) => [{ text: pageText(l, "report.notReady") }]);
  }
  if (problems.length) return refuse(problemItems(problems));

  // A file holds figures (the interface's, in 万元): the amounts show in 万元.
  const years = list.map((figures) => ({ figures, units: {} }));
  const before = snapshot();
  let switched = null;
  if (oneYear) {
    ensureReview().setEntry(target, years[0]);
  } else if (shape === "pair") {
    if (mode !== "review") switched = "file.toReview";
    applyState({ review: years, mode: "review" });
  } else {
    if (mode !== "single") switched = "file.toSingle";
    applyState({ single: years[0], mode: "single" });
  }
  const { evaluate } = await engineFor(...list);
  const withErrors = list.some((figures) => evaluate(figures).errors.length > 0);
  say(
    (l) => ({ text: pageText(l, withErrors ? "file.importedErrors" : "file.imported", { file: file.name }) + (switched ? pageText(l, switched) : "") }),
    { undo: hasData(before) ? before : null },
  );
}

// ---------------------------------------------------------------------- clear, copy a year, print

function clearDraft() {
  const before = snapshot();
  drafts.clear();
  applyState({ single: EMPTY, review: [EMPTY, EMPTY] });
  say((l) => ({ text: pageText(l, "draft.cleared") }), { undo: hasData(before) ? before : null });
}

function copyEarlier() {
  const before = snapshot();
  const [earlier, later] = ensureReview().entries;
  const { year: _earlier, ...figures } = earlier.figures;
  if (later.figures.year !== undefined) figures.year = later.figures.year;
  review.setEntry(1, { figures, units: earlier.units });
  say((l) => ({ text: pageText(l, "review.copied") }), { undo: before });
}

/** The one-year form's figures into a year of the re-review (with an undo). */
function copySingle(index) {
  const before = snapshot();
  ensureReview().setEntry(index, entryOf(app));
  const year = (l) => pageText(l, index === 0 ? "review.earlier" : "review.later");
  say((l) => ({ text: pageText(l, "review.fromSingleDone", { year: year(l) }) }), { undo: before });
}

$("copy-link").addEventListener("click", () => copyLink().catch((error) => console.error(error)));
$("export-figures").addEventListener("click", exportFigures);
$("import-figures").addEventListener("click", () => importFigures("auto").catch((error) => console.error(error)));
$("download-report").addEventListener("click", downloadReport);
$("print").addEventListener("click", () => window.print());
$("clear-draft").addEventListener("click", clearDraft);

// ---------------------------------------------------------------------- the draft's note, and drafts not read

/** The note under the buttons: whether what is entered is kept, and what to do when it is not. */
function renderNote() {
  const note = $("draft-note");
  const { status } = drafts;
  const removed = drafts.otherRemoved;
  note.dataset.saving = status;
  const key = { on: "draft.note", off: "draft.unavailable", full: "draft.full", file: "draft.file", paused: removed ? "draft.pausedRemoved" : "draft.paused" }[status];
  const actions =
    status === "paused"
      ? [["load-other", removed ? "draft.clearHere" : "draft.loadOther", loadOther], ["keep-mine", "draft.keepMine", keepMine]]
      : status === "on"
        ? []
        : [["export", "tools.export", exportFigures]];
  note.replaceChildren(
    h("span", { class: "page-draft-text", text: text(key) }),
    ...actions.map(([action, label, run]) => {
      const button = h("button", { type: "button", class: "page-button page-draft-action", "data-action": action, text: text(label) });
      button.addEventListener("click", () => {
        // The button may go with the note: the focus goes back to the tools.
        if (action !== "export") tools.find((tool) => tool.tabIndex === 0)?.focus();
        Promise.resolve(run()).catch((error) => console.error(error));
      });
      return button;
    }),
  );
}
drafts.onChange(renderNote);

/** Says that a draft was not loaded, why, and where it is kept (draft.js: `unreadable`). */
function sayUnreadable({ reason, key, kept }, heading = "draft.unreadable") {
  const label = (part, figures) => (l) => (part === "single" ? pageText(l, "mode.single") : `${pageText(l, "mode.review")} · ${yearLabel(l, part, figures)}`);
  const why =
    reason.kind === "problems"
      ? problemItems(reason.problems.map((problem) => ({ ...problem, label: label(problem.part, problem.figures) })))
      : (l) => [
          {
            text:
              reason.kind === "newer"
                ? pageText(l, "draft.newer", { version: reason.version })
                : pageText(l, { syntax: "draft.damaged", end: "draft.cut", members: "draft.members" }[reason.error?.kind] ?? "draft.shape", reason.error),
          },
        ];
  const where = { aside: "draft.keptAside", held: "draft.keptInPlace" }[kept];
  say((l) => ({ text: pageText(l, heading), items: [...why(l), ...(where ? [{ text: pageText(l, where, { key }) }] : [])] }), { alert: true });
}

/** The figures objects of a draft: the one-year form's and the two years of the re-review. */
const draftFigures = (draft) => [draft.single, ...draft.review].map((entry) => entry?.figures);

/**
 * The draft once the engine has judged its figures by the import rule, or null: none, or
 * refused (then said, and moved aside).
 */
async function vetted(loaded) {
  if (loaded.unreadable) {
    sayUnreadable(loaded.unreadable);
    return null;
  }
  if (!loaded.draft) return null;
  let refused;
  try {
    refused = drafts.vet(loaded.draft, (await engineFor(...draftFigures(loaded.draft))).evaluate);
  } catch {
    return loaded.draft; // no engine: nothing can be judged, the element says so
  }
  if (!refused) return loaded.draft;
  sayUnreadable(refused);
  return null;
}

/** Another tab saved other figures: takes them (or, if it removed them, empties the forms too). */
async function loadOther() {
  const before = snapshot();
  const loaded = drafts.loadOther();
  if (loaded.unreadable) return sayUnreadable(loaded.unreadable, "draft.otherUnreadable");
  if (loaded.draft) {
    const refused = drafts.vet(loaded.draft, (await engineFor(...draftFigures(loaded.draft))).evaluate, { setAside: false });
    if (refused) return sayUnreadable(refused, "draft.otherUnreadable");
  }
  applyState(loaded.draft ? { single: loaded.draft.single, review: loaded.draft.review } : { single: EMPTY, review: [EMPTY, EMPTY] });
  drafts.resume();
  say((l) => ({ text: pageText(l, loaded.draft ? "draft.loadedOther" : "draft.clearedHere") }), { undo: hasData(before) ? before : null });
}

/** Another tab saved other figures: saves this tab's over them. */
function keepMine() {
  drafts.resume({ keep: true });
  say((l) => ({ text: pageText(l, "draft.keptMine") }));
}

// ---------------------------------------------------------------------- start

function restoreDraft(draft) {
  if (!draft) return;
  applyState({ single: draft.single, review: draft.review });
  if (!hasData({ single: draft.single, review: draft.review })) return;
  const saved = draft.saved ? new Date(draft.saved) : null;
  say((l) => ({
    text: pageText(l, "draft.restored", {
      time: saved && !Number.isNaN(saved.getTime())
        ? new Intl.DateTimeFormat(l === "en" ? "en-GB" : "zh-CN", { dateStyle: "medium", timeStyle: "short" }).format(saved)
        : "—",
    }),
  }));
}

// The language and the draft are set before the element is defined, so that it renders
// once, in that language, with those figures. The draft is read at once, by its shape and
// keys (draft.js); its values once the engine is ready (the import rule, as for a file):
// until then nothing is saved over it.
renderPage();
const loaded = drafts.load();
if (location.hash.length > 1) {
  // A link: its figures, if they can be read, replace the draft's (with an undo).
  setMode(mode);
  vetted(loaded)
    .then((draft) => {
      const previous = { mode, single: draft?.single ?? EMPTY, review: draft?.review ?? [EMPTY, EMPTY] };
      return openLink(location.hash, previous, { startup: true }).then(
        (opened) => ({ draft, opened }),
        (error) => {
          console.error(error);
          return { draft, opened: false };
        },
      );
    })
    .then(({ draft, opened }) => {
      if (!opened) {
        const refusal = message;
        restoreDraft(draft);
        if (refusal) message = refusal; // the refusal matters more than "restored"
        renderMessage();
      }
      ready = true;
      saveDraft();
    });
} else {
  restoreDraft(loaded.draft);
  setMode(mode);
  vetted(loaded)
    .then((draft) => {
      // Refused by the import rule: what was shown of it goes.
      if (loaded.draft && !draft) applyState({ single: EMPTY, review: [EMPTY, EMPTY] });
    })
    .finally(() => {
      ready = true;
      saveDraft();
    });
}
