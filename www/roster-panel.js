// The roster part of the single-cluster page: an enterprise roster (企业名单) chosen, dropped
// or pasted, read and counted in a Worker (roster-worker.js, with progress and cancel), and
// the figures it gives filled into the <cluster-check> element through its public `figures`
// and `units` (the form's other figures stay as typed). Each counted figure shows the rows it
// counts (its trace: the enterprises counted, those just outside, rows lacking a cell, rows
// that cannot be used); the roster's problems by row; a typed figure that differs from the
// counted one, or agrees with it. Imported by main.js when the part is first opened, with its
// worker, its texts and its stylesheet: the page's first visit downloads none of it.
//
// Every column, label and figure is the catalog's (catalog.roster of the element's document),
// every message of the count the engine's: nothing here names a document's field.
import { rosterText } from "./roster-text.js";
import { loadStyles, startWorker } from "./roster-start.js";
import { entryOf, setEntry } from "./review.js";
import { groupDigits } from "./pkg/ui/decimal.js";
import { h } from "./pkg/ui/dom.js";

/** Problems, warnings and notes shown at first (the rest behind a count). */
const SHOWN = 50;

/**
 * Builds the roster part into `container` for the element `element` (the single-cluster form).
 * @param {HTMLElement} container
 * @param {{ element: HTMLElement & { figures: object, units: object, catalog: object | null }, lang: string }} options
 */
export function createRosterPanel(container, { element, lang }) {
  let language = lang;
  const tr = (key, vars) => rosterText(language, key, vars);
  const pick = (localized) => (localized ? (language === "en" ? localized.en : localized.zh) : "");

  /** What is on screen: { view, source, catalogId, typed } of the roster counted last, or null. */
  let shown = null;
  /** The figures and units the form held before a roster filled it, while one does (for the undo and for counting again). */
  let baseline = null;
  /** The figures the roster put in the form, by key. */
  let applied = {};
  /** The message of the part: { build(lang) → { text, items? }, alert, undo }. */
  let message = null;

  // ------------------------------------------------------------------ the markup

  const intro = h("p", { class: "roster-intro" });
  const columnsLine = h("p", { class: "roster-columns" });
  const chooseButton = h("button", { type: "button", class: "page-button roster-choose", id: "roster-choose" });
  const dropText = h("span", { class: "roster-drop-text" });
  const formats = h("p", { class: "roster-formats" });
  const drop = h("div", { class: "roster-drop", id: "roster-drop" }, h("p", { class: "roster-drop-line" }, chooseButton, " ", dropText), formats);
  const pasteLabel = h("label", { for: "roster-paste", class: "roster-paste-label" });
  const pasteBox = h("textarea", { id: "roster-paste", class: "roster-paste-box", rows: "4", spellcheck: "false", autocomplete: "off" });
  const pasteButton = h("button", { type: "button", class: "page-button roster-paste-button", id: "roster-paste-button" });
  const paste = h("div", { class: "roster-paste" }, pasteLabel, pasteBox, pasteButton);
  const progressText = h("p", { class: "roster-progress-text", id: "roster-progress-text" });
  const progressBar = h("progress", { class: "roster-progress-bar", "aria-labelledby": "roster-progress-text" });
  const cancelButton = h("button", { type: "button", class: "page-button roster-cancel", id: "roster-cancel" });
  const progress = h("div", { class: "roster-progress", id: "roster-progress", hidden: true }, progressText, progressBar, cancelButton);
  const status = h("div", { class: "page-message roster-message", id: "roster-status", role: "status" });
  const alertBox = h("div", { class: "page-message page-alert roster-message", id: "roster-alert", role: "alert" });
  const result = h("div", { class: "roster-result", id: "roster-result", hidden: true });
  container.replaceChildren(h("div", { class: "roster" }, intro, columnsLine, drop, paste, progress, status, alertBox, result));

  // ------------------------------------------------------------------ the catalog's words

  const catalog = () => element.catalog;
  /** The form's field of a figure key (its label and units). */
  const fieldOf = (key) => catalog()?.fields.find((f) => f.key === key || (f.keys ?? []).includes(key)) ?? null;
  /** The label of a roster column by its input key (企业名称, 属于主导产业…). */
  const columnLabel = (key) => {
    const roster = catalog()?.roster;
    const column = roster?.columns.find((c) => c.key === key || (c.keys ?? []).includes(key)) ?? roster?.meta.find((m) => m.key === key);
    return column ? pick(column.label) : key;
  };
  /** The unit a figure's input key is in (the catalog's unit label; a count's own unit), or "". */
  const unitOf = (field) => {
    const unit = field?.units.find((u) => u.keyed) ?? (field?.units.length === 1 ? field.units[0] : null);
    return unit ? pick(unit.label) : "";
  };
  const valueText = (value, field) => {
    if (value === null || value === undefined) return "—";
    const unit = unitOf(field);
    const text = groupDigits(String(value));
    return unit ? (language === "en" ? `${text} ${unit}` : `${text} ${unit}`) : text;
  };
  /** A roster column as its header reads in the template (in `lang`): its label and the unit of its key. */
  const headerIn = (column, lang) => {
    const label = lang === "en" ? column.label.en : column.label.zh;
    const unit = column.units?.find((u) => u.keyed) ?? (column.units?.length === 1 ? column.units[0] : null);
    const unitLabel = unit ? (lang === "en" ? unit.label.en : unit.label.zh) : "";
    return unitLabel ? (lang === "en" ? `${label} (${unitLabel})` : `${label}（${unitLabel}）`) : label;
  };

  // ------------------------------------------------------------------ the worker

  let worker = null;
  let job = null;
  let nextId = 1;

  function ensureWorker() {
    if (worker) return worker;
    worker = startWorker();
    worker.addEventListener("message", ({ data }) => {
      if (!job || data?.id !== job.id) return;
      if (data.type === "progress") return job.onProgress(data);
      job.settle(data);
    });
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      job?.settle({ type: "failed", error: event.message || "worker" });
      worker?.terminate();
      worker = null;
    });
    return worker;
  }

  /** Runs one job in the worker with its progress and a Cancel button; resolves to its last message, or { type: "cancelled" }. */
  function runJob(messageOut, source) {
    job?.settle({ type: "cancelled" });
    const id = nextId++;
    return new Promise((resolve) => {
      const running = {
        id,
        source,
        onProgress(data) {
          progressText.textContent = data.stage === "counting" ? tr("roster.counting", { source: sourceText(source), rows: groupDigits(String(data.rows)) }) : tr("roster.reading", { source: sourceText(source) });
        },
        settle(data) {
          if (job !== running) return;
          job = null;
          progress.hidden = true;
          resolve(data);
        },
      };
      job = running;
      progressText.textContent = tr("roster.starting");
      progress.hidden = false;
      ensureWorker().postMessage({ ...messageOut, id });
    });
  }

  cancelButton.addEventListener("click", () => {
    if (!job) return;
    // The worker is ended (and with it the roster it held): the next job starts another.
    worker?.terminate();
    worker = null;
    job.settle({ type: "cancelled" });
    say(() => ({ text: tr("roster.cancelled") }));
    chooseButton.focus();
  });

  // ------------------------------------------------------------------ reading and counting

  const sourceText = (source) => (source.file ? (language === "en" ? `“${source.file}”` : `“${source.file}”`) : tr("roster.pasted"));

  /**
   * The typed figures: the form's, where a figure still holds what the roster put there with
   * the value it had before (a figure typed over since is the user's).
   */
  function typedFigures() {
    const current = element.figures ?? {};
    if (!baseline) return current;
    const typed = { ...current };
    for (const [key, value] of Object.entries(applied)) {
      if (String(current[key]) !== String(value)) continue;
      if (key in baseline.figures) typed[key] = baseline.figures[key];
      else delete typed[key];
    }
    return typed;
  }

  /** Reads and counts a roster (a File, or pasted text); the form changes only if it gives figures. */
  async function readRoster(input) {
    const current = catalog();
    if (!current?.roster) return;
    const source = input.file ? { file: input.file.name } : { file: null };
    const typed = typedFigures();
    const answer = await runJob(
      { type: "read", file: input.file ?? null, text: input.text ?? null, catalog: current, ruleset: current.id, typed, cluster: undefined },
      source,
    );
    show(answer, { source, catalogId: current.id, typed });
  }

  async function recount(cluster) {
    if (!shown) return;
    const typed = typedFigures();
    const answer = await runJob({ type: "count", typed, cluster }, shown.source);
    show(answer, { source: shown.source, catalogId: shown.catalogId, typed });
  }

  function show(answer, { source, catalogId, typed }) {
    if (answer.type === "cancelled") return;
    if (answer.type !== "result") return refuse(answer, source);
    if (catalog()?.id !== catalogId) return; // another document meanwhile: this count is not its
    const { view } = answer;
    const keys = Object.keys(view.derived);
    if (keys.length) {
      const before = entryOf(element);
      baseline ??= before;
      const typedNow = typedFigures();
      setEntry(element, { figures: { ...typedNow, ...view.derived }, units: before.units });
      applied = { ...view.derived };
    }
    shown = { view, source, catalogId, typed };
    renderResult();
    say(
      () => ({
        text: [
          tr(keys.length ? "roster.applied" : "roster.appliedNone", { source: sourceText(source), enterprises: groupDigits(String(view.enterprises)), count: keys.length }),
          view.differs.length ? tr("roster.appliedDiffer", { n: view.differs.length }) : "",
        ].filter(Boolean).join(language === "en" ? " " : ""),
      }),
      { undo: Boolean(baseline) },
    );
  }

  function refuse(answer, source) {
    let items;
    if (answer.type === "unreadable") items = () => [tr("roster.unreadable")];
    else if (answer.type === "failed") items = () => [tr("roster.failed", { error: answer.error })];
    else if (answer.reason === "read") items = () => [pick(answer.message)];
    else {
      const roster = catalog()?.roster;
      const reason = {
        noColumns: () => tr("roster.noColumns", { example: roster ? headerIn(roster.columns[0], "zh") : "" }),
        noEnterprise: () => tr("roster.noEnterprise", { column: columnLabel(answer.column) }),
        noRows: () => tr("roster.noRows"),
      }[answer.reason];
      items = () => [reason(), ...(answer.problems ?? []).slice(0, SHOWN).map((p) => pick(p.message))];
    }
    say(() => ({ text: tr("roster.refused", { source: sourceText(source) }), items: items() }), { alert: true });
  }

  /** Gives the roster's figures their typed values back; every figure typed since stays. */
  function undo() {
    if (!baseline) return;
    setEntry(element, { figures: typedFigures(), units: entryOf(element).units });
    baseline = null;
    applied = {};
    shown = null;
    renderResult();
    say(() => ({ text: tr("roster.undone") }));
    chooseButton.focus();
  }

  // ------------------------------------------------------------------ what is shown

  function say(build, { alert = false, undo: withUndo = false } = {}) {
    message = { build, alert, undo: withUndo };
    renderMessage();
  }

  function renderMessage() {
    status.replaceChildren();
    alertBox.replaceChildren();
    if (!message) return;
    const { text, items = [] } = message.build();
    const box = message.alert ? alertBox : status;
    box.append(h("p", { class: "page-message-text roster-message-text", text }));
    if (items.length) box.append(h("ul", { class: "page-message-list" }, items.map((item) => h("li", { text: item }))));
    if (message.undo && baseline) {
      const button = h("button", { type: "button", class: "page-button page-undo roster-undo", id: "roster-undo", text: tr("roster.undo") });
      button.addEventListener("click", undo);
      box.append(button);
    }
  }

  const rowsText = (list) => {
    const rows = list.rows.map((r) => tr(r.enterprise ? "roster.rowItem" : "roster.rowOnly", r));
    return rows.join(tr("roster.sep")) + (list.more ? ` ${tr("roster.moreRows", { n: groupDigits(String(list.more)) })}` : "");
  };

  /** The rows of one figure: its messages, then the enterprises counted (a table), those just outside, those lacking a cell, those unusable. */
  function traceRows(trace, field) {
    const parts = [h("ul", { class: "roster-trace-messages" }, trace.messages.map((m) => h("li", { text: pick(m) })))];
    const total = trace.counted.rows.length + trace.counted.more;
    if (total) {
      const withValue = trace.column !== null;
      const head = h("tr", {}, h("th", { scope: "col", text: tr("roster.colRow") }), h("th", { scope: "col", text: tr("roster.colEnterprise") }), withValue ? h("th", { scope: "col", text: `${columnLabel(trace.column)}${unitOf(field) ? (language === "en" ? ` (${unitOf(field)})` : `（${unitOf(field)}）`) : ""}` }) : null);
      const body = trace.counted.rows.map((r) => h("tr", {}, h("td", { text: String(r.row) }), h("td", { text: r.enterprise }), withValue ? h("td", { class: "roster-number", text: r.value === null || r.value === undefined ? "" : String(r.value) }) : null));
      parts.push(
        h("p", { class: "roster-trace-heading", text: tr("roster.counted") }),
        h("div", { class: "roster-table-wrap", role: "region", tabindex: "0", "aria-label": `${field ? pick(field.label) : trace.field} · ${tr("roster.counted")}` }, h("table", { class: "roster-table" }, h("thead", {}, head), h("tbody", {}, body))),
      );
      if (trace.counted.more) parts.push(h("p", { class: "roster-more", text: tr("roster.moreRows", { n: groupDigits(String(trace.counted.more)) }) }));
    }
    if (trace.outside.rows.length) parts.push(h("p", { class: "roster-trace-outside", text: tr("roster.outside", { rows: rowsText(trace.outside) }) }));
    for (const lacking of trace.lacking) parts.push(h("p", { class: "roster-trace-lacking", text: tr("roster.lacking", { column: columnLabel(lacking.column), rows: rowsText(lacking) }) }));
    if (trace.invalid.rows.length) parts.push(h("p", { class: "roster-trace-invalid", text: tr("roster.invalid", { rows: rowsText(trace.invalid) }) }));
    return parts;
  }

  function figureItem(trace) {
    const { view, typed } = shown;
    const field = fieldOf(trace.field);
    const counted = trace.value !== null && trace.value !== undefined;
    const differs = view.differs.find((w) => w.field === trace.field);
    const typedValue = typed?.[trace.field];
    const hasTyped = typedValue !== undefined && typedValue !== null && String(typedValue).trim() !== "";
    const rows = trace.counted.rows.length + trace.counted.more;
    const id = `roster-figure-${trace.field}`;
    const lines = [];
    // The engine's warning gives both figures and says which is used.
    if (counted && differs) lines.push(h("p", { class: "roster-figure-typed", "data-typed": "differs", text: pick(differs.message) }));
    else if (counted && hasTyped) lines.push(h("p", { class: "roster-figure-typed", "data-typed": "agree", text: tr("roster.agree", { value: valueText(typedValue, field) }) }));
    if (!counted) lines.push(h("p", { class: "roster-figure-why", text: trace.messages.map(pick).join(" ") }));
    const details = h(
      "details",
      { class: "roster-rows", id: `${id}-rows` },
      h("summary", { text: `${tr("roster.rowsLink")}${rows ? tr("roster.rowsCount", { n: groupDigits(String(rows)) }) : ""}` }),
      ...traceRows(trace, field),
    );
    return h(
      "li",
      { class: "roster-figure", id, "data-field": trace.field, "data-state": counted ? "filled" : "missing", "data-typed": differs ? "differs" : hasTyped && counted ? "agree" : null },
      h(
        "p",
        { class: "roster-figure-head" },
        h("span", { class: "roster-figure-label", text: field ? pick(field.label) : trace.field }),
        " ",
        h("span", { class: "roster-figure-value", text: valueText(trace.value, field) }),
        " ",
        h("span", { class: "roster-badge", "data-state": counted ? "filled" : "missing", text: tr(counted ? "roster.filled" : "roster.notCounted") }),
      ),
      ...lines,
      details,
    );
  }

  const listSection = (heading, id, items, more = 0) =>
    items.length
      ? h(
          "section",
          { class: "roster-section", id, "aria-labelledby": `${id}-heading` },
          h("h3", { class: "roster-heading", id: `${id}-heading`, text: heading }),
          h("ul", { class: "roster-list" }, items.slice(0, SHOWN).map((text) => h("li", { text }))),
          items.length > SHOWN || more ? h("p", { class: "roster-more", text: tr("roster.more", { n: groupDigits(String(items.length - Math.min(items.length, SHOWN) + more)) }) }) : null,
        )
      : null;

  function renderResult() {
    result.hidden = !shown;
    if (!shown) return result.replaceChildren();
    const { view } = shown;
    const parts = [];
    if (view.clusters.length > 1) {
      const select = h(
        "select",
        { id: "roster-cluster", class: "roster-cluster-select" },
        view.clusters.map((c) => h("option", { value: c.name ?? "", selected: c.name === view.chosen, text: `${c.name ?? tr("roster.noCluster")}（${groupDigits(String(c.enterprises))}）` })),
      );
      select.addEventListener("change", () => {
        const chosen = view.clusters.find((c) => (c.name ?? "") === select.value);
        recount(chosen ? chosen.name : null).catch((error) => console.error(error));
      });
      parts.push(h("p", { class: "roster-cluster" }, h("label", { for: "roster-cluster", text: tr("roster.clusterLabel", { n: view.clusters.length }) }), " ", select));
    }
    parts.push(
      h("h3", { class: "roster-heading", id: "roster-figures-heading", text: tr("roster.figuresHeading") }),
      h("ul", { class: "roster-figures", "aria-labelledby": "roster-figures-heading" }, view.traces.map(figureItem)),
    );
    parts.push(
      listSection(tr("roster.problemsHeading"), "roster-problems", view.problems.map((p) => pick(p.message)), view.moreProblems),
      listSection(tr("roster.warningsHeading"), "roster-warnings", view.warnings.map((w) => pick(w.message))),
      listSection(tr("roster.notesHeading"), "roster-notes", view.notes.map(pick)),
    );
    // Keep which disclosures are open, and the focus, over a re-render (a language switch, another cluster).
    const open = new Set([...result.querySelectorAll("details[open]")].map((d) => d.id));
    const focused = result.contains(document.activeElement) ? document.activeElement.id || document.activeElement.parentElement?.id : null;
    result.replaceChildren(...parts.filter(Boolean));
    for (const id of open) result.querySelector(`#${CSS.escape(id)}`)?.setAttribute("open", "");
    if (focused) {
      const again = result.querySelector(`#${CSS.escape(focused)}`);
      (again?.tagName === "DETAILS" ? again.querySelector("summary") : again)?.focus();
    }
  }

  function renderTexts() {
    intro.textContent = tr("roster.intro");
    const roster = catalog()?.roster;
    // The headers the reader knows are the template's Chinese ones (or the keys): in English, with their meaning beside them.
    const header = (column) => (language === "en" ? `${headerIn(column, "zh")} (${pick(column.label)})` : headerIn(column, "zh"));
    columnsLine.textContent = roster ? tr("roster.columns", { columns: [...roster.meta, ...roster.columns].map(header).join(tr("roster.sep")) }) : "";
    chooseButton.textContent = tr("roster.choose");
    dropText.textContent = tr(drop.dataset.over ? "roster.dropHere" : "roster.drop");
    formats.textContent = tr("roster.formats");
    pasteLabel.textContent = tr("roster.pasteLabel");
    pasteButton.textContent = tr("roster.pasteButton");
    cancelButton.textContent = tr("roster.cancel");
    renderResult();
    renderMessage();
  }

  // ------------------------------------------------------------------ the user's actions

  chooseButton.addEventListener("click", () => {
    const input = h("input", { type: "file", accept: ".xlsx,.csv,.json,.xls,.ods,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,application/json" });
    input.addEventListener("change", () => {
      const file = input.files?.[0];
      if (file) readRoster({ file }).catch((error) => console.error(error));
    }, { once: true });
    input.click();
  });

  pasteButton.addEventListener("click", () => {
    const text = pasteBox.value;
    if (text.trim() === "") {
      say(() => ({ text: tr("roster.pasteEmpty") }), { alert: true });
      pasteBox.focus();
      return;
    }
    readRoster({ text }).catch((error) => console.error(error));
  });

  // Drag and drop onto the part: a file dropped elsewhere would replace the page.
  const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes("Files");
  const leave = () => {
    delete drop.dataset.over;
    dropText.textContent = tr("roster.drop");
  };
  container.addEventListener("dragover", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    drop.dataset.over = "true";
    dropText.textContent = tr("roster.dropHere");
  });
  container.addEventListener("dragleave", (event) => {
    if (!container.contains(event.relatedTarget)) leave();
  });
  container.addEventListener("drop", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    leave();
    const file = event.dataTransfer.files?.[0];
    if (file) readRoster({ file }).catch((error) => console.error(error));
  });

  // Another document in the element: its roster has other columns and figures, and what was
  // counted for the last one is not its.
  let catalogId = catalog()?.id ?? null;
  element.addEventListener("cluster-check-change", () => {
    if ((catalog()?.id ?? null) === catalogId) return;
    catalogId = catalog()?.id ?? null;
    if (shown && catalogId !== shown.catalogId) {
      shown = null;
      baseline = null;
      applied = {};
      message = null;
    }
    renderTexts();
  });

  loadStyles();
  ensureWorker();
  renderTexts();

  return {
    setLang(next) {
      language = next;
      renderTexts();
    },
  };
}
