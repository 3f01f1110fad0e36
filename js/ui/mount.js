// The self-assessment UI: the form and the results, rendered into a given root (the
// <cluster-check> element's shadow root, see ../element.js) in a given language, for the
// ruleset whose catalog it is given: the form, its groups, units and questions, the tier row
// and the print header all come from the catalog (docs/catalog.md), so that it knows no
// field or check of any one document. It knows nothing of the page around it (no <html
// lang>, no storage, no document-level ids). The DOM is built with createElement/textContent
// only: no text, typed or from a report, is ever parsed as HTML. No inline styles:
// everything visual is in element.css.
import { groupDigits, plainDecimal, toPlaces, checkValueToPlaces } from "./decimal.js";
import {
  formModel,
  emptyState,
  toFigures,
  fromFigures,
  formKeyOf,
  placeOf,
  hasUnitChoice,
  latestYear,
  yearsOf,
  unitsOf,
  convertUnit,
  typedUnit,
  typedYear,
  readTyped,
} from "./fields.js";
import { t, pick, clauseText, normalizeLanguage } from "./i18n.js";
import { h } from "./dom.js";

/** How long an error waits while its field is being typed in ("1," on the way to "1,000"). */
const ERROR_DELAY_MS = 700;
const STATUS_ICON = { met: "✓", not_met: "✗", missing: "?", invalid: "!" };
const VERDICT_ICON = { met: "✓", not_met: "✗", incomplete: "?" };
const STATUSES = ["met", "not_met", "missing", "invalid"];

/** Sets text only when it changed, so that a live region speaks only about changes. */
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/**
 * Renders the self-assessment into `root`.
 *
 * `catalog` is the catalog of the ruleset the form is for (null while it loads: the form
 * waits, and figures given meanwhile are kept); `figures` presets the form (see
 * fromFigures in fields.js); `ruleset`, when given, is sent as the `ruleset` figure;
 * `compact` puts the results first, in one column; `onReport` is called with each report,
 * after every evaluation.
 * @param {Element | ShadowRoot} root
 * @param {{ lang?: string, engine: Promise<{ evaluate: Function }> | { evaluate: Function }, catalog?: object | null,
 *           idPrefix?: string, figures?: object | null, ruleset?: string | null, compact?: boolean,
 *           onReport?: (report: object) => void }} options
 */
export function mountClusterCheck(
  root,
  { lang = "zh-CN", engine, catalog = null, idPrefix = "cc", figures = null, ruleset = null, compact = false, onReport = null } = {},
) {
  let language = normalizeLanguage(lang);
  let model = catalog ? formModel(catalog) : null;
  let state = model ? emptyState(model) : {};
  /** Given figures that no control can show as given: sent to the engine as they are. */
  let extra = {};
  /** Figures given before the catalog arrived: applied when it does. */
  let waiting = null;
  /** What was entered for each ruleset left, to give it back on a return to it. */
  const left = new Map();
  let catalogFailed = false;
  if (figures) {
    if (model) ({ state, extra } = fromFigures(model, figures));
    else waiting = figures;
  }
  let rulesetId = ruleset;
  /** Whether two fields take the same units (so that a value moves from one to the other as is). */
  const sameUnits = (a, b) => a.units.length === b.units.length && a.units.every((u, i) => u.id === b.units[i].id && u.factor === b.units[i].factor);
  let isCompact = Boolean(compact);
  let evaluate = null;
  let engineFailed = false;
  let report = null;
  /** The same report with messages that name figures by their labels alone: what is shown. */
  let shownReport = null;
  /** Whether the results show only the checks not met yet (the filter's button is pressed). */
  let failingOnly = false;
  /** Per form field: the error text shown beside it (a signature, to see changes). */
  const shown = new Map();
  /** Per form field: the errors and warnings shown beside it (what the error summary lists). */
  const shownIssues = new Map();
  /** Per form field: a note on what the form did with what was typed ("read as 亿元"). */
  const notes = new Map();
  /** The error of the field being typed in, waiting for a pause. */
  let pending = null;
  /**
   * While the form shows a plan's figures as a what-if (试算): the figures entered (state,
   * extra), their report and the plan tried. 恢复我的数据 gives them back as they were; until
   * then `figures`, `units` and `report` are still the entered ones (a draft keeps those).
   */
  let whatIf = null;
  let refs = null;
  let destroyed = false;

  const id = (...parts) => [idPrefix, ...parts].join("-");
  const tr = (key, vars) => t(language, key, vars);

  // ------------------------------------------------------------------ building

  function build() {
    refs = { controls: {}, errorSlots: {}, warningSlots: {}, describedBy: {}, fieldsets: {}, boxes: {}, noneBoxes: {} };
    const form = h("form", { class: "cc-form", novalidate: true, "aria-labelledby": id("form-heading") });
    refs.form = form;
    form.append(
      h("h2", { class: "cc-heading", id: id("form-heading"), text: tr("form.heading") }),
      h("p", { class: "cc-intro", text: tr("form.intro") }),
      ...(model
        ? model.groups.map(buildGroup)
        : [h("p", { class: "cc-form-loading", role: "status", text: tr(catalogFailed ? "form.failed" : "form.loading") })]),
    );
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("input", onInput);
    form.addEventListener("focusout", onFocusOut);

    // On a phone the results are below the form: this bar keeps the verdict in sight, with
    // how many checks are not met (it steps aside while the verdict itself is in view).
    refs.jumpIcon = h("span", { class: "cc-jump-icon", "aria-hidden": "true" });
    refs.jumpVerdict = h("span", { class: "cc-jump-verdict" });
    refs.jumpCounts = h("span", { class: "cc-jump-counts" });
    const jump = h(
      "button",
      { type: "button", class: "cc-jump" },
      refs.jumpIcon,
      h("span", { class: "cc-jump-body" }, refs.jumpVerdict, refs.jumpCounts),
      h("span", { class: "cc-jump-label" }, h("span", { class: "cc-jump-label-text", text: tr("results.jump") })),
    );
    refs.jump = jump;
    jump.addEventListener("click", () => {
      refs.resultsHeading.scrollIntoView({ block: "start" });
      refs.resultsHeading.focus({ preventScroll: true });
    });

    refs.resultsHeading = h("h2", { class: "cc-heading", id: id("results-heading"), tabindex: "-1", text: tr("results.heading") });
    // The figures to correct, first (the GOV.UK error summary): each a link to its field.
    refs.errorSummaryHeading = h("h3", { class: "cc-error-summary-heading", id: id("error-summary-heading") });
    refs.errorSummaryList = h("ul", { class: "cc-error-summary-list" });
    refs.errorSummary = h(
      "div",
      { class: "cc-error-summary", id: id("error-summary"), role: "region", "aria-labelledby": refs.errorSummaryHeading.id, hidden: true },
      refs.errorSummaryHeading,
      refs.errorSummaryList,
    );
    refs.verdictIcon = h("span", { class: "cc-verdict-icon", "aria-hidden": "true" });
    refs.verdictText = h("p", { class: "cc-verdict-text" });
    refs.summary = h("p", { class: "cc-summary" });
    refs.verdict = h(
      "div",
      { class: "cc-verdict", id: id("verdict"), role: "status", "aria-live": "polite", "aria-atomic": "true" },
      refs.verdictIcon,
      h("div", { class: "cc-verdict-body" }, refs.verdictText, refs.summary),
    );
    // What is not met, with by how much, and what is not given yet: each a link to its field.
    refs.todo = h("div", { class: "cc-todo", hidden: true });
    // The joint plan (达标方案): one set of additions that meets every numeric check, with a what-if.
    refs.plan = h("div", { class: "cc-plan", hidden: true, role: "region", "aria-labelledby": id("plan-heading") });
    refs.tierValue = h("span", { class: "cc-tier-value" });
    const tiers = model?.catalog.tiers;
    refs.tier = h(
      "p",
      { class: "cc-tier", hidden: !tiers },
      h("span", { class: "cc-tier-label", text: tiers ? `${pick(tiers.label, language)}${language === "en" ? ": " : "："}` : "" }),
      refs.tierValue,
    );
    refs.tierNote = h("p", { class: "cc-tier-note", hidden: true });
    // What the verdict covers, and the parts of the document it does not assess.
    const notAssessed = model?.catalog.not_assessed ?? [];
    refs.scope = notAssessed.length
      ? h(
          "div",
          { class: "cc-scope" },
          h("p", { class: "cc-scope-text", text: pick(model.catalog.scope, language) }),
          h("ul", { class: "cc-scope-list" }, notAssessed.map((part) => h("li", { text: pick(part, language) }))),
        )
      : null;
    refs.issues = h("div", { class: "cc-issues" });
    // Every check, or (pressed) only those not met yet.
    refs.filter = h("button", { type: "button", class: "cc-filter", "aria-pressed": String(failingOnly), "aria-controls": id("conditions") }, tr("results.failingOnly"));
    refs.filter.addEventListener("click", () => {
      failingOnly = !failingOnly;
      refs.filter.setAttribute("aria-pressed", String(failingOnly));
      refs.conditions.dataset.filter = failingOnly ? "failing" : "all";
      renderFilterNote();
    });
    refs.filterNote = h("p", { class: "cc-filter-note", hidden: true });
    refs.conditions = h("ol", { class: "cc-conditions", id: id("conditions"), "data-filter": failingOnly ? "failing" : "all" });
    refs.notes = h("ul", { class: "cc-notes-list" });
    refs.printDate = h("p", { class: "cc-print-date" });
    refs.printCluster = h("p", { class: "cc-print-cluster" });
    // One small table per group of the form, side by side on paper.
    refs.printFigures = h("div", { class: "cc-print-figure-groups" });
    refs.printChecks = h("tbody");

    const printHead = h(
      "div",
      { class: "cc-print-only cc-print-head" },
      h("p", { class: "cc-print-title", text: model ? pick(model.catalog.report_title, language) : "" }),
      refs.printCluster,
      h("p", { text: model ? tr("print.document", { document: `${model.catalog.document} ${pick(model.catalog.title, language)}` }) : "" }),
      refs.printDate,
    );
    const printFigures = h(
      "section",
      { class: "cc-print-only cc-print-figures", "aria-labelledby": id("print-figures") },
      h("h3", { id: id("print-figures"), text: tr("print.figures") }),
      refs.printFigures,
    );
    const printChecks = h(
      "section",
      { class: "cc-print-only cc-print-checks", "aria-labelledby": id("print-checks") },
      h("h3", { id: id("print-checks"), text: tr("print.checks") }),
      h(
        "table",
        {},
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ["print.clause", "print.check", "print.result", "check.value", "check.threshold"].map((key) => h("th", { scope: "col", text: tr(key) })),
          ),
        ),
        refs.printChecks,
      ),
    );
    const results = h(
      "section",
      { class: "cc-results", id: id("results"), "aria-labelledby": id("results-heading") },
      refs.resultsHeading,
      printHead,
      refs.errorSummary,
      refs.verdict,
      refs.todo,
      refs.plan,
      refs.scope,
      refs.tier,
      refs.tierNote,
      refs.issues,
      printFigures,
      printChecks,
      h("div", { class: "cc-filter-bar" }, refs.filter, refs.filterNote),
      refs.conditions,
      h(
        "section",
        { class: "cc-notes", "aria-labelledby": id("notes-heading") },
        h("h3", { id: id("notes-heading"), text: tr("notes.heading") }),
        refs.notes,
      ),
    );
    // A polite announcement of what the form did by itself (a unit read from the text, a list cleared).
    refs.announce = h("p", { class: "cc-visually-hidden", role: "status" });
    form.append(refs.announce);

    // Both languages are written left to right, whatever direction the host page has.
    const layout = h("div", { class: "cc", lang: language, dir: "ltr", "data-ready": evaluate ? "true" : "false" }, form, jump, results);
    refs.layout = layout;
    refs.results = results;
    arrange();
    shown.clear();
    shownIssues.clear();
    root.replaceChildren(layout);
    watchVerdict();
  }

  /**
   * The bar steps aside while the verdict box itself is in view: two verdicts one above the
   * other say nothing more than one. It keeps its room, so that nothing moves.
   */
  let verdictWatcher = null;
  function watchVerdict() {
    verdictWatcher?.disconnect();
    if (typeof IntersectionObserver !== "function") return;
    verdictWatcher = new IntersectionObserver((entries) => {
      // Only where the bar is shown at all (one column): beside the results it is not.
      const seen = (entries.at(-1)?.isIntersecting ?? false) && getComputedStyle(refs.jump).display !== "none";
      refs.jump.dataset.away = String(seen);
    });
    verdictWatcher.observe(refs.verdict);
  }

  /**
   * Side by side (or, when narrow, the form first with a bar at the bottom that shows the
   * verdict), or compact: the results first, then the bar (it sticks to the top while the
   * form below is being filled in), then the form. The order is that of the DOM, so that
   * reading and focus order follow what is seen.
   */
  function arrange() {
    const { layout, results, jump } = refs;
    if (isCompact) {
      layout.dataset.layout = "compact";
      layout.prepend(results);
      results.after(jump);
    } else {
      delete layout.dataset.layout;
      layout.append(jump, results);
    }
  }

  function buildGroup(group) {
    const title = group.id === "basic" ? tr("group.basic") : pick(group.title, language);
    const legend = h("legend", { class: "cc-group-legend" });
    if (group.clause) legend.append(h("span", { class: "cc-clause", text: clauseText(language, group.clause) }), " ");
    legend.append(title);
    return h("fieldset", { class: "cc-group", "data-group": group.id }, legend, ...group.fields.map(buildField));
  }

  function hintOf(field, hintId) {
    return field.hint ? h("p", { class: "cc-hint", id: hintId, text: pick(field.hint, language) }) : null;
  }

  /** A unit's name in the reader's language (a count's 家 has none in English). */
  const unitName = (unit) => (unit ? pick(unit.label, language) : "");

  function buildField(key) {
    const field = model.byKey.get(key);
    if (field.kind === "bool") return buildQuestion(field);
    if (field.kind === "set") return buildValues(field);
    const inputId = id("f", key);
    const hint = hintOf(field, id("f", key, "hint"));
    const error = h("p", { class: "cc-error", id: id("f", key, "error"), hidden: true });
    const warning = warningSlot(key);
    const described = hint ? [hint.id] : [];
    const value = state[key];
    const inputmode = field.kind === "text" ? null : field.kind === "count" || field.kind === "year" ? "numeric" : "decimal";
    const input = (attrs) =>
      h("input", { class: `cc-input cc-input-${field.kind}`, type: "text", "data-key": key, autocomplete: "off", spellcheck: "false", inputmode, ...attrs });
    let inputs;
    let control;
    if (field.years) {
      // One box per year, the earliest first, each labelled with its year.
      const years = yearsOf(field, latestYear(state));
      inputs = years.map((year, i) => input({ id: id("f", key, String(i)), "data-year": String(i), value: value.texts[i] }));
      control = h(
        "div",
        { class: "cc-control cc-years" },
        years.map((year, i) =>
          h("span", { class: "cc-year" }, h("label", { class: "cc-year-label", for: inputs[i].id, text: tr("form.yearOf", { year }) }), inputs[i]),
        ),
      );
    } else {
      inputs = [input({ id: inputId, value: typeof value === "string" ? value : value.text })];
      control = h("div", { class: "cc-control" }, inputs[0]);
    }
    if (hasUnitChoice(field)) {
      const unitId = id("f", key, "unit");
      const select = h(
        "select",
        { id: unitId, class: "cc-unit-select", "data-key": key, "data-role": "unit" },
        field.units.map((unit) => h("option", { value: unit.id, selected: value.unit === unit.id, text: unitName(unit) })),
      );
      control.append(h("label", { class: "cc-visually-hidden", for: unitId, text: tr("form.unitOf", { label: pick(field.question, language) }) }), select);
    } else if (unitName(field.units[0])) {
      const unit = h("span", { class: "cc-unit", id: id("f", key, "unitname"), text: unitName(field.units[0]) });
      described.push(unit.id);
      control.append(unit);
    }
    refs.controls[key] = inputs;
    refs.errorSlots[key] = error;
    refs.describedBy[key] = described;
    const labelProps = field.years ? { class: "cc-label", id: id("f", key, "label") } : { class: "cc-label", for: inputId };
    const wrapper = field.years
      ? h("fieldset", { class: `cc-field cc-field-${field.kind} cc-field-years`, "data-field": key }, h("legend", { ...labelProps, text: pick(field.question, language) }))
      : h("div", { class: `cc-field cc-field-${field.kind}`, "data-field": key }, h("label", { ...labelProps, text: pick(field.question, language) }));
    if (field.years) refs.fieldsets[key] = wrapper;
    wrapper.append(...[hint, control, error, warning, noteSlot(key)].filter(Boolean));
    setDescribedBy(key);
    return wrapper;
  }

  function buildQuestion(field) {
    const key = field.key;
    const hint = hintOf(field, id("f", key, "hint"));
    const error = h("p", { class: "cc-error", id: id("f", key, "error"), hidden: true });
    const name = id("f", key);
    const answers = [
      ["yes", "answer.yes"],
      ["no", "answer.no"],
      ["", "answer.unset"],
    ];
    const radios = answers.map(([value]) =>
      // "未填" is a way back to no answer, not an answer: left unticked, so that Tab lands on the first answer.
      h("input", { type: "radio", id: id("f", key, value || "unset"), name, value, "data-key": key, checked: value !== "" && state[key] === value }),
    );
    const fieldset = h(
      "fieldset",
      { class: "cc-field cc-question", "data-field": key },
      h("legend", { class: "cc-label", text: pick(field.question, language) }),
      hint,
      h(
        "div",
        { class: "cc-choices" },
        answers.map(([value, label], i) =>
          h("label", { class: `cc-choice${value ? "" : " cc-choice-unset"}`, for: radios[i].id }, radios[i], h("span", { text: tr(label) })),
        ),
      ),
      error,
      warningSlot(key),
    );
    refs.controls[key] = radios;
    refs.errorSlots[key] = error;
    refs.describedBy[key] = hint ? [hint.id] : [];
    refs.fieldsets[key] = fieldset;
    setDescribedBy(key);
    return fieldset;
  }

  function buildValues(field) {
    const key = field.key;
    const hint = hintOf(field, id("f", key, "hint"));
    const error = h("p", { class: "cc-error", id: id("f", key, "error"), hidden: true });
    const boxes = field.values.map((v) =>
      h("input", { type: "checkbox", id: id("f", key, v.id), value: v.id, "data-key": key, checked: state[key].values.includes(v.id) }),
    );
    const none = h("input", { type: "checkbox", id: id("f", key, "none"), value: "", "data-key": key, "data-role": "none", checked: state[key].none });
    const fieldset = h(
      "fieldset",
      { class: "cc-field cc-functions", "data-field": key },
      h("legend", { class: "cc-label", text: pick(field.question, language) }),
      hint,
      h(
        "div",
        { class: "cc-function-list" },
        boxes.map((box, i) => h("label", { class: "cc-choice", for: box.id }, box, h("span", { text: pick(field.values[i].label, language) }))),
      ),
      h("label", { class: "cc-choice cc-choice-none", for: none.id }, none, h("span", { text: tr("form.none") })),
      error,
      warningSlot(key),
      noteSlot(key),
    );
    refs.controls[key] = [...boxes, none];
    refs.boxes[key] = boxes;
    refs.noneBoxes[key] = none;
    refs.errorSlots[key] = error;
    refs.describedBy[key] = hint ? [hint.id] : [];
    refs.fieldsets[key] = fieldset;
    setDescribedBy(key);
    return fieldset;
  }

  /**
   * Where a field's warnings show (an implausible figure: usable, but probably in the
   * wrong unit). Not an error: the figure is evaluated as given, the field is not marked
   * invalid, and the warning says so in words and with its own icon, not by colour alone.
   */
  function warningSlot(key) {
    const slot = h("p", { class: "cc-warning", id: id("f", key, "warning"), hidden: true });
    refs.warningSlots[key] = slot;
    return slot;
  }

  /**
   * Where a field says what the form did with what was typed: a unit read from the text
   * ("18.563亿" → 18.563 亿元), ticked boxes cleared by "none of these" (with an undo).
   */
  function noteSlot(key) {
    const slot = h("p", { class: "cc-field-note", id: id("f", key, "note"), hidden: true });
    refs.noteSlots ??= {};
    refs.noteSlots[key] = slot;
    showNote(key);
    return slot;
  }

  /** Shows a field's note (notes.get(key): { text, undo? }), or hides the slot. */
  function showNote(key) {
    const slot = refs.noteSlots?.[key];
    if (!slot) return;
    const note = notes.get(key);
    slot.hidden = !note;
    if (!note) {
      slot.replaceChildren();
      return;
    }
    const parts = [h("span", { class: "cc-field-note-text", text: note.text(language) })];
    if (note.undo) {
      const button = h("button", { type: "button", class: "cc-link cc-undo", text: tr("form.undo") });
      button.addEventListener("click", () => {
        const focus = note.undo();
        notes.delete(key);
        showNote(key);
        update();
        focus?.focus();
      });
      parts.push(" ", button);
    }
    slot.replaceChildren(...parts);
  }

  /** Says something the form did by itself, beside the field and to a screen reader. */
  function note(key, text, undo = null) {
    notes.set(key, { text, undo });
    showNote(key);
    setText(refs.announce, "");
    setText(refs.announce, text(language));
  }

  /** Ties the hint, the unit and (when shown) the error and the warning to the field's controls. */
  function setDescribedBy(key) {
    const withError = !refs.errorSlots[key].hidden;
    const ids = [...refs.describedBy[key]];
    if (withError) ids.push(refs.errorSlots[key].id);
    if (!refs.warningSlots[key].hidden) ids.push(refs.warningSlots[key].id);
    const fieldset = refs.fieldsets[key];
    const targets = fieldset ? [fieldset] : refs.controls[key];
    for (const el of targets) {
      if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
      else el.removeAttribute("aria-describedby");
    }
    for (const el of refs.controls[key]) {
      if (withError) el.setAttribute("aria-invalid", "true");
      else el.removeAttribute("aria-invalid");
    }
  }

  // ------------------------------------------------------------------ input

  function onInput(event) {
    const target = event.target;
    const key = target.dataset?.key;
    const field = key && model?.byKey.get(key);
    if (!field) return;
    let typing = false;
    // What the user enters in a field replaces any given figure for it that it could not show.
    for (const figure of Object.keys(extra)) if (formKeyOf(model, figure) === key) delete extra[figure];
    const value = state[key];
    if (notes.has(key)) {
      notes.delete(key);
      showNote(key);
    }
    switch (field.kind) {
      case "bool":
        if (target.checked) state[key] = target.value;
        break;
      case "set": {
        const boxes = refs.boxes[key];
        const none = refs.noneBoxes[key];
        if (target.dataset.role === "none") {
          value.none = target.checked;
          if (target.checked) {
            // Ticking "none of these" clears what was ticked: said, with an undo.
            const cleared = value.values;
            value.values = [];
            for (const box of boxes) box.checked = false;
            if (cleared.length) {
              const names = (lang) => cleared.map((v) => pick(field.values.find((x) => x.id === v).label, lang)).join(t(lang, "summary.join"));
              note(key, (lang) => t(lang, "form.noneCleared", { n: cleared.length, values: names(lang) }), () => {
                state[key] = { values: cleared, none: false };
                for (const box of refs.boxes[key]) box.checked = cleared.includes(box.value);
                refs.noneBoxes[key].checked = false;
                return refs.noneBoxes[key];
              });
            }
          }
        } else {
          value.values = field.values.map((v) => v.id).filter((id) => boxes.find((box) => box.value === id)?.checked);
          if (target.checked) {
            value.none = false;
            none.checked = false;
          }
        }
        break;
      }
      default:
        if (target.dataset.role === "unit") value.unit = target.value;
        else if (field.years) {
          value.texts[Number(target.dataset.year)] = target.value;
          typing = true;
        } else {
          if (typeof value === "string") state[key] = target.value;
          else value.text = target.value;
          typing = true;
        }
    }
    // The year labels the boxes of per-year figures: they follow it.
    if (key === "year") relabelYears();
    update(typing ? key : null);
  }

  /** Writes the years beside the boxes of per-year figures, for the year now typed. */
  function relabelYears() {
    const latest = latestYear(state);
    for (const field of model.fields) {
      if (!field.years) continue;
      yearsOf(field, latest).forEach((year, i) => {
        const label = refs.controls[field.key]?.[i]?.previousElementSibling;
        if (label) setText(label, tr("form.yearOf", { year }));
      });
    }
  }

  function onFocusOut(event) {
    const key = event.target.dataset?.key;
    if (key && event.target.dataset.role !== "unit") readUnitTyped(event.target);
    if (pending && pending.key === key) flushPending();
  }

  /**
   * On leaving a box whose text ends with one of its field's units ("18.563亿", "1200亩",
   * "2024年"): the number stays in the box, the unit goes to the unit choice, and the field
   * says how it was read. (While typing, the text is already read so: see readTyped.)
   */
  function readUnitTyped(input) {
    const key = input.dataset.key;
    const field = model?.byKey.get(key);
    if (!field || field.kind === "bool" || field.kind === "set" || field.kind === "text") return;
    const value = state[key];
    if (field.kind === "year") {
      const year = typedYear(value);
      if (year === null) return;
      state[key] = year;
      input.value = year;
      relabelYears();
      note(key, (lang) => t(lang, "form.readYear", { typed: value.trim(), year }));
      update();
      return;
    }
    const index = field.years ? Number(input.dataset.year) : null;
    const typedText = field.years ? value.texts[index] : typeof value === "string" ? value : value.text;
    const typed = typedUnit(field, typedText);
    if (!typed) return;
    const unit = field.units.find((u) => u.id === typed.unit);
    const said = (lang) => `${typedText.trim()} → ${typed.number} ${pick(unit.label, lang)}`.trim();
    if (field.years) {
      const others = value.texts.some((text, i) => i !== index && text.trim() !== "");
      if (typed.unit === value.unit || !others) {
        value.texts[index] = typed.number;
        value.unit = typed.unit;
        note(key, (lang) => t(lang, "form.readUnit", { read: said(lang) }));
      } else {
        // The other years are in the unit chosen: this one is converted into it, exactly.
        const base = field.units.find((u) => u.id === value.unit);
        const shownNumber = readTyped(field, typedText, value.unit).text;
        if (shownNumber === typedText) return;
        value.texts[index] = shownNumber;
        note(key, (lang) => t(lang, "form.convertedUnit", { typed: typedText.trim(), read: `${shownNumber} ${pick(base.label, lang)}` }));
      }
    } else if (typeof value === "string") {
      state[key] = typed.number;
      note(key, (lang) => t(lang, "form.readUnit", { read: said(lang) }));
    } else {
      value.text = typed.number;
      value.unit = typed.unit;
      note(key, (lang) => t(lang, "form.readUnit", { read: said(lang) }));
    }
    // The boxes and the unit choice show it so.
    const controls = refs.controls[key];
    if (field.years) controls.forEach((box, i) => (box.value = value.texts[i]));
    else controls[0].value = typed.number;
    const select = refs.layout.querySelector(`#${CSS.escape(id("f", key, "unit"))}`);
    if (select && !field.years) select.value = state[key].unit;
    else if (select) select.value = value.unit;
    update();
  }

  // Leaving a field by clicking another shows the left field's error, which moves what is
  // below it. Done between the press and the release, that would move the click's target
  // away from under the pointer: so an error waits until the button is up again.
  let pointerDown = false;
  let afterPointer = null;
  const onPointerDown = () => {
    pointerDown = true;
  };
  const onPointerUp = () => {
    pointerDown = false;
    const run = afterPointer;
    afterPointer = null;
    if (run) setTimeout(run, 0); // after the click that this release completes
  };
  function whenPointerUp(run) {
    if (pointerDown) afterPointer = run;
    else run();
  }

  // ------------------------------------------------------------------ results

  function update(typingKey = null) {
    if (destroyed) return;
    renderPrintFigures();
    if (!evaluate || !model) {
      renderWaiting();
      return;
    }
    try {
      const figures = currentFigures();
      report = evaluate(figures, { plan: true });
      // What the page shows names figures by their labels; the report handed out keeps the keys.
      shownReport = report.errors.length || report.warnings.length ? evaluate(figures, { labelsOnly: true }) : report;
      engineFailed = false;
    } catch (error) {
      console.error(error);
      engineFailed = true;
      report = null;
      shownReport = null;
      renderWaiting();
      return;
    }
    renderReport();
    applyErrors(typingKey);
    onReport?.(whatIf ? whatIf.report : report);
  }

  /** The figures the form stands for: the ruleset, what is entered, and what it could not show. */
  function currentFigures(from = { state, extra }) {
    const figures = {};
    if (typeof rulesetId === "string" && rulesetId.trim() !== "") figures.ruleset = rulesetId;
    if (!model) return { ...figures, ...(waiting ?? {}) };
    Object.assign(figures, toFigures(model, from.state));
    for (const [figure, value] of Object.entries(from.extra)) {
      if (!(figure in figures)) figures[figure] = Array.isArray(value) ? [...value] : value;
    }
    return figures;
  }

  /** The figures entered: during a what-if, those kept aside, else what the form shows. */
  function ownFigures() {
    return currentFigures(whatIf ?? { state, extra });
  }

  /** Builds the form again (after a change of language or figures), keeping the focus. */
  function rebuild() {
    if (destroyed) return;
    const active = root.getRootNode().activeElement;
    const focusedId = active && root.contains(active) ? active.id : null;
    clearTimeout(pending?.timer);
    pending = null;
    build();
    update();
    if (focusedId) root.querySelector(`#${CSS.escape(focusedId)}`)?.focus();
  }

  function renderWaiting() {
    refs.verdict.dataset.status = engineFailed ? "failed" : "loading";
    setText(refs.verdictIcon, engineFailed ? "!" : "…");
    setText(refs.verdictText, tr(engineFailed ? "results.failed" : "results.loading"));
    setText(refs.summary, "");
    setText(refs.tierValue, "—");
    refs.tierNote.hidden = true;
    refs.todo.hidden = true;
    refs.plan.hidden = true;
    refs.jump.dataset.status = refs.verdict.dataset.status;
    setText(refs.jumpIcon, refs.verdictIcon.textContent);
    setText(refs.jumpVerdict, refs.verdictText.textContent);
    setText(refs.jumpCounts, "");
    for (const status of refs.form?.querySelectorAll(".cc-field-status") ?? []) status.remove();
  }

  /** The form fields that carry a warning in the report. */
  function warnedFields() {
    const keys = new Set();
    for (const warning of report?.warnings ?? []) {
      const key = formKeyOf(model, warning.field);
      if (key) keys.add(key);
    }
    return keys;
  }

  /** A met check that reads a figure the report warns about: met, but to be checked. */
  function isWarned(check, warned) {
    if (check.status !== "met") return false;
    return (model.checks.get(check.id)?.fields ?? []).some((key) => warned.has(key));
  }

  function renderReport() {
    const warned = warnedFields();
    const counts = { met: 0, not_met: 0, missing: 0, invalid: 0 };
    let warnedCount = 0;
    for (const condition of report.conditions) {
      for (const check of condition.checks) {
        counts[check.status] += 1;
        if (isWarned(check, warned)) warnedCount += 1;
      }
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const countText = (s) => tr(`summary.${s}`, { n: counts[s] }) + (s === "met" && warnedCount ? tr("summary.warned", { n: warnedCount }) : "");
    const parts = STATUSES.filter((s) => counts[s] > 0).map(countText);
    const verdict = pick(model.catalog.verdict[report.status], language);

    refs.verdict.dataset.status = report.status;
    setText(refs.verdictIcon, VERDICT_ICON[report.status] ?? "");
    setText(refs.verdictText, verdict);
    setText(refs.summary, tr("summary.total", { total }) + tr("summary.sep") + parts.join(tr("summary.join")) + tr("summary.end"));
    refs.jump.dataset.status = report.status;
    setText(refs.jumpIcon, VERDICT_ICON[report.status] ?? "");
    setText(refs.jumpVerdict, verdict);
    // The bar says what is left to do: the checks not met, not given, with unusable figures.
    setText(refs.jumpCounts, STATUSES.filter((s) => s !== "met" && counts[s] > 0).map(countText).join(" · "));

    renderTodo();
    renderPlan();
    renderTier();
    renderFieldStatuses();

    refs.conditions.replaceChildren(...report.conditions.map((condition) => renderCondition(condition, warned)));
    const own = new Set(model.catalog.notes.map((note) => note.zh));
    refs.notes.replaceChildren(...shownReport.notes.filter((note) => own.has(note.zh)).map((note) => h("li", { text: pick(note, language) })));
    refs.layout.dataset.status = report.status;
    renderFilterNote();
    renderPrintChecks(warned);
  }

  /**
   * The tier row: the band, none, or unknown; and what the report adds about the tiers (a
   * figure exactly on a band's threshold, which 超 does not include: the report's notes beyond
   * the catalog's own). When it is in no band because of that, the row says so instead of a
   * bare "not over".
   */
  function renderTier() {
    const tiers = model.catalog.tiers;
    if (!tiers) return;
    const band = tiers.list.find((b) => b.id === report.tier);
    const figureOk = Object.keys(toFigures(model, state)).some((k) => formKeyOf(model, k) === tiers.field) &&
      !report.errors.some((e) => formKeyOf(model, e.field) === tiers.field);
    const own = new Set(model.catalog.notes.map((note) => note.zh));
    const added = shownReport.notes.filter((note) => !own.has(note.zh)).map((note) => pick(note, language));
    const onThreshold = !band && figureOk && added.length > 0;
    setText(refs.tierValue, onThreshold ? added[0] : pick(band ? band.title : figureOk ? tiers.none : tiers.unknown, language));
    refs.tier.dataset.tier = report.tier ?? "";
    refs.tier.dataset.onThreshold = String(onThreshold);
    const rest = onThreshold ? added.slice(1) : added;
    refs.tierNote.hidden = rest.length === 0;
    setText(refs.tierNote, rest.join(" "));
  }

  /**
   * Beside each field the checks it fails (on a phone, where the results are far below it): a
   * check not met marks the figure its gap is in, or every figure it reads when it has no gap.
   */
  function renderFieldStatuses() {
    const failing = new Map();
    for (const condition of report?.conditions ?? []) {
      for (const check of condition.checks) {
        if (check.status !== "not_met") continue;
        const gapKey = check.gap_field ? formKeyOf(model, check.gap_field) : null;
        for (const key of gapKey ? [gapKey] : (model.checks.get(check.id)?.fields ?? [])) {
          if (!failing.has(key)) failing.set(key, []);
          failing.get(key).push(pick(check.title, language));
        }
      }
    }
    for (const wrapper of refs.form?.querySelectorAll(".cc-field[data-field]") ?? []) {
      const titles = failing.get(wrapper.dataset.field);
      let status = wrapper.querySelector(":scope > .cc-field-status");
      if (!titles) {
        status?.remove();
        continue;
      }
      if (!status) {
        status = h("p", { class: "cc-field-status", "data-status": "not_met" });
        wrapper.firstElementChild.after(status);
      }
      status.replaceChildren(
        h("span", { class: "cc-field-status-icon", "aria-hidden": "true", text: STATUS_ICON.not_met }),
        " ",
        tr("field.notMet", { checks: titles.join(tr("summary.join")) }),
      );
    }
  }

  /** How many checks the filter hides, said beside it. */
  function renderFilterNote() {
    if (!report || !failingOnly) {
      refs.filterNote.hidden = true;
      return;
    }
    const hidden = [...refs.conditions.querySelectorAll('.cc-check[data-status="met"]:not([data-warning])')].length;
    refs.filterNote.hidden = false;
    setText(refs.filterNote, hidden === 0 ? "" : tr(hidden === refs.conditions.querySelectorAll(".cc-check").length ? "results.allHidden" : "results.hidden", { n: hidden }));
    refs.filterNote.hidden = hidden === 0;
  }

  // ------------------------------------------------------------------ what to do: links to the fields

  /** Moves the focus to a field's control (the first blank box, the chosen answer), scrolled into view. */
  function focusField(key, year = null) {
    const controls = refs.controls[key] ?? [];
    const field = model.byKey.get(key);
    let target = controls[0];
    if (field?.kind === "bool") target = controls.find((c) => c.checked) ?? controls[0];
    else if (field?.years) {
      const years = yearsOf(field, latestYear(state));
      const at = year === null ? -1 : years.indexOf(year);
      target = at >= 0 ? controls[at] : (controls.find((c) => c.value.trim() === "") ?? controls[0]);
    }
    if (!target) return;
    target.scrollIntoView?.({ block: "center" });
    target.focus({ preventScroll: true });
  }

  /**
   * A link to a field: it moves the focus there (a link in a shadow root cannot name its
   * target in its address, and the host's address is not the element's to change).
   */
  function fieldLink(key, year, ...content) {
    const link = h("a", { class: "cc-link", href: "#", "data-target": key }, ...content);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      focusField(key, year);
    });
    return link;
  }

  /** A figure's name in a list: its label (or question), with its year for one year of a per-year figure. */
  function figureName(key, year, name = "label") {
    const label = pick(model.byKey.get(key)[name], language);
    return year === null || year === undefined ? label : tr("field.ofYear", { year, label });
  }

  /** What a check not met still needs, in a few words (the explanation says it in full). */
  function todoDetail(check) {
    const spec = model.checks.get(check.id);
    const set = spec.fields.map((key) => model.byKey.get(key)).find((field) => field?.kind === "set");
    if (set) {
      const value = state[set.key];
      const missing = set.values.filter((v) => !value.values.includes(v.id)).map((v) => pick(v.label, language));
      if (missing.length) return { key: set.key, year: null, text: tr("todo.lacks", { values: missing.join(tr("summary.join")) }) };
    }
    if (check.gap !== null) {
      const { place, field, unit } = figurePlace(check.gap_field);
      const shownUnit = unit ? unitName(unit) : "";
      const gap = groupDigits(shownGap(check));
      const amount = shownUnit ? `${gap} ${shownUnit}` : gap;
      const single = spec.fields.length === 1 && place?.year === null;
      return {
        key: place?.field ?? spec.fields[0],
        year: place?.year ?? null,
        text: single || !field ? tr("todo.gap", { amount }) : tr("todo.gapIn", { amount, field: figureName(place.field, place.year, "question") }),
      };
    }
    return { key: spec.fields.find((key) => refs.controls[key]) ?? spec.fields[0], year: null, text: "" };
  }

  /** A plan's additions as the page shows them ("年营业收入 +14,370 万元"): rounded up to each unit's places. */
  function planItems(plan) {
    return plan.additions.map((addition) => {
      const { place, field, unit } = figurePlace(addition.field);
      const shownUnit = unit ? unitName(unit) : "";
      const amount = groupDigits(toPlaces(addition.add, unit?.places, true));
      const name = field ? figureName(place.field, place.year, "question") : addition.field;
      return { key: place?.field ?? null, year: place?.year ?? null, text: `${name} +${amount}${shownUnit ? ` ${shownUnit}` : ""}` };
    });
  }

  /** A plan's additions as a list of links to their figures, separated as one sentence is. */
  function planList(plan) {
    const items = planItems(plan);
    return h(
      "ul",
      { class: "cc-plan-list" },
      items.map((item, i) =>
        h("li", { "data-field": item.key }, item.key ? fieldLink(item.key, item.year, item.text) : item.text, i < items.length - 1 ? tr("plan.sep") : null),
      ),
    );
  }

  /**
   * Beside the verdict: the joint plan (达标方案) when a figure has to grow, with what it
   * still leaves unmet, its note, and 试算; during a what-if, what was added and 恢复我的数据.
   */
  function renderPlan() {
    const plan = whatIf ? whatIf.plan : report.plan;
    const show = Boolean(plan) && (whatIf !== null || plan.additions.length > 0);
    refs.plan.hidden = !show;
    if (!show) {
      refs.plan.replaceChildren();
      return;
    }
    const children = [h("h3", { class: "cc-plan-heading", id: id("plan-heading"), text: tr("plan.heading") })];
    if (whatIf) children.push(h("p", { class: "cc-plan-trying", text: tr("plan.trying") }));
    children.push(h("p", { class: "cc-plan-intro", text: tr(whatIf ? "plan.applied" : "plan.intro") }), planList(plan));
    if (!plan.met_after) {
      const titles = plan.remaining.map((checkId) => pick(model.checks.get(checkId)?.title ?? { zh: checkId, en: checkId }, language));
      children.push(h("p", { class: "cc-plan-remaining", text: tr("plan.remaining", { checks: titles.join(tr("summary.join")) }) }));
    }
    children.push(h("p", { class: "cc-plan-note", text: pick(plan.note, language) }));
    const button = h("button", { type: "button", class: "cc-plan-button", "data-action": whatIf ? "restore" : "try", text: tr(whatIf ? "plan.restore" : "plan.try") });
    button.addEventListener("click", whatIf ? restoreOwn : tryPlan);
    children.push(h("p", { class: "cc-plan-actions" }, button));
    refs.layout.dataset.whatIf = whatIf ? "true" : "false";
    refs.plan.dataset.whatIf = whatIf ? "true" : "false";
    refs.plan.replaceChildren(...children);
  }

  /** 试算: the form shows the figures with the plan's additions; the figures entered are kept aside. */
  function tryPlan() {
    const plan = report?.plan;
    if (whatIf || !plan || plan.additions.length === 0) return;
    whatIf = { state: structuredClone(state), extra: structuredClone(extra), report, plan };
    for (const addition of plan.additions) {
      const { place, field } = figurePlace(addition.field);
      const value = field && state[field.key];
      if (!value) continue;
      if (typeof value === "string") {
        state[field.key] = addition.to;
        continue;
      }
      // In the unit of the figure's key, then back into the unit on screen (exactly).
      const keyed = structuredClone(convertUnit(field, value, place.unit ?? value.unit));
      if (field.years) keyed.texts[yearsOf(field, latestYear(state)).indexOf(place.year)] = addition.to;
      else keyed.text = addition.to;
      state[field.key] = convertUnit(field, keyed, value.unit);
    }
    rebuild();
    refs.plan.querySelector(".cc-plan-button")?.focus();
  }

  /** 恢复我的数据: the figures entered, exactly as they were before the what-if. */
  function restoreOwn() {
    if (!leaveWhatIf()) return;
    rebuild();
    refs.results.querySelector(".cc-plan-button")?.focus();
  }

  /** Puts the figures entered back in place of a what-if's (without building); whether there was one. */
  function leaveWhatIf() {
    if (!whatIf) return false;
    ({ state, extra } = whatIf);
    whatIf = null;
    return true;
  }

  /** Whether everything a field needs is entered (every year of a per-year figure). */
  function isEntered(key) {
    const field = model.byKey.get(key);
    const value = state[key];
    switch (field.kind) {
      case "bool":
        return value === "yes" || value === "no";
      case "set":
        return value.none || value.values.length > 0;
      default:
        if (field.years) return value.texts.every((text) => text.trim() !== "");
        return (typeof value === "string" ? value : value.text).trim() !== "";
    }
  }

  /**
   * Under the verdict: every check not met, each with what it still needs, as a link to the
   * figure to change; then the figures not given yet that checks need, as links.
   */
  function renderTodo() {
    const failing = report.conditions.flatMap((c) => c.checks.filter((k) => k.status === "not_met"));
    const blanks = [];
    for (const check of report.conditions.flatMap((c) => c.checks)) {
      if (check.status !== "missing") continue;
      for (const key of model.checks.get(check.id)?.fields ?? []) {
        if (refs.controls[key] && !isEntered(key) && !blanks.includes(key)) blanks.push(key);
      }
    }
    // In the order of the form.
    blanks.sort((a, b) => model.fields.findIndex((f) => f.key === a) - model.fields.findIndex((f) => f.key === b));
    const blocks = [];
    if (failing.length) {
      blocks.push(
        h(
          "div",
          { class: "cc-todo-block", "data-kind": "not_met" },
          h("h3", { class: "cc-todo-heading", text: tr("todo.notMet", { n: failing.length }) }),
          h(
            "ul",
            { class: "cc-todo-list" },
            failing.map((check) => {
              const { key, year, text } = todoDetail(check);
              const title = pick(check.title, language);
              return h(
                "li",
                { "data-check": check.id },
                fieldLink(key, year, h("span", { class: "cc-todo-title", text: title }), text ? h("span", { class: "cc-todo-detail", text: `${tr("summary.sep")}${text}` }) : null),
              );
            }),
          ),
        ),
      );
    }
    if (blanks.length) {
      blocks.push(
        h(
          "div",
          { class: "cc-todo-block", "data-kind": "missing" },
          h("h3", { class: "cc-todo-heading", text: tr("todo.missing", { n: blanks.length }) }),
          h(
            "ul",
            { class: "cc-todo-list cc-todo-inline" },
            blanks.map((key) => h("li", { "data-field": key }, fieldLink(key, null, pick(model.byKey.get(key).question, language)))),
          ),
        ),
      );
    }
    refs.todo.hidden = blocks.length === 0;
    refs.todo.replaceChildren(...blocks);
  }

  /** A status as a badge: an icon and a word, never colour alone; met with a warning is its own. */
  function badge(status, warned = false) {
    return h(
      "span",
      { class: "cc-badge", "data-status": status, "data-warning": warned ? "true" : null },
      h("span", { class: "cc-badge-icon", "aria-hidden": "true", text: warned ? "!" : (STATUS_ICON[status] ?? "") }),
      h("span", { class: "cc-badge-text", text: tr(warned ? "status.metWarning" : `status.${status}`) }),
    );
  }

  /**
   * A check's value as the page shows it: to its unit's places (the catalog's), cut toward
   * the side that fails (a lower bound's 64.999% is 64.99%, never 65.00%). The report keeps it exact.
   */
  function shownValue(check) {
    return check.value === null ? null : checkValueToPlaces(check.value, model.checks.get(check.id));
  }

  /** Where a figure's input key points: its place (field, year, unit), its field and its unit. */
  function figurePlace(key) {
    const place = placeOf(model, key);
    const field = place && model.byKey.get(place.field);
    const unit = field?.units.find((u) => u.id === place.unit) ?? field?.units[0];
    return { place, field, unit };
  }

  /** A check's gap as the page shows it: rounded up to the places of the unit it is in (whole 万元, whole 家). */
  function shownGap(check) {
    return check.gap === null ? null : toPlaces(check.gap, figurePlace(check.gap_field).unit?.places, true);
  }

  /** A check's explanation with its value and gap as the page shows them. */
  function explanationText(check) {
    let text = pick(check.explanation, language);
    for (const [exact, shown] of [[check.value, shownValue(check)], [check.gap, shownGap(check)]]) {
      if (exact === null || shown === exact) continue;
      const digits = groupDigits(exact).replace(/[.,]/g, "\\$&");
      text = text.replace(new RegExp(`(?<![\\d.,])${digits}(?![\\d]|[.,]\\d)`, "g"), groupDigits(shown));
    }
    return text;
  }

  /** A decimal from the report with its check's unit (from the catalog), separators put in. */
  function amount(value, check) {
    const unit = model.checkUnits.get(check.id);
    const shownUnit = unit ? pick(unit, language) : "";
    const number = groupDigits(value);
    if (!shownUnit) return number;
    return shownUnit === "%" ? `${number}%` : `${number} ${shownUnit}`;
  }

  function renderCondition(condition, warned) {
    const anyWarned = condition.status === "met" && condition.checks.some((check) => isWarned(check, warned));
    return h(
      "li",
      { class: "cc-condition", "data-condition": condition.id, "data-status": condition.status, "data-warning": anyWarned ? "true" : null },
      h(
        "div",
        { class: "cc-condition-head" },
        h("h3", { class: "cc-condition-title" }, h("span", { class: "cc-clause", text: clauseText(language, condition.clause) }), " ", pick(condition.title, language)),
        badge(condition.status, anyWarned),
      ),
      h("ul", { class: "cc-checks" }, condition.checks.map((check) => renderCheck(check, warned))),
    );
  }

  /** In English, the catalog's English rendering of a check's citation (the citation itself stays verbatim). */
  function english(check) {
    return language === "en" ? model.checks.get(check.id)?.citation_en || null : null;
  }

  /** The document's words, verbatim in Chinese; in English with the catalog's rendering beside them. */
  function citation(check) {
    const english = language === "en" ? model.checks.get(check.id)?.citation_en : null;
    return h(
      "p",
      { class: "cc-citation" },
      h("span", { class: "cc-figure-label", text: tr("check.citation") }),
      h("q", { lang: "zh-CN", text: check.citation }),
      english ? h("span", { class: "cc-citation-en", text: tr("check.citationEn", { text: english }) }) : null,
    );
  }

  function renderCheck(check, warned) {
    const figures = [];
    if (check.value !== null) {
      figures.push(h("span", { class: "cc-value" }, h("span", { class: "cc-figure-label", text: tr("check.value") }), " ", amount(shownValue(check), check)));
    }
    if (check.threshold !== null) {
      figures.push(
        h("span", { class: "cc-threshold" }, h("span", { class: "cc-figure-label", text: tr("check.threshold") }), " ", amount(check.threshold, check)),
      );
    }
    const isWarnedCheck = isWarned(check, warned);
    return h(
      "li",
      { class: "cc-check", "data-check": check.id, "data-status": check.status, "data-warning": isWarnedCheck ? "true" : null },
      h("div", { class: "cc-check-head" }, badge(check.status, isWarnedCheck), h("h4", { class: "cc-check-title", text: pick(check.title, language) })),
      figures.length ? h("p", { class: "cc-check-figures" }, figures) : null,
      h("p", { class: "cc-explanation", text: explanationText(check) }),
      isWarnedCheck ? h("p", { class: "cc-check-warning", text: tr("check.warned") }) : null,
      citation(check),
    );
  }

  // ------------------------------------------------------------------ errors

  /** The report's errors and warnings per form field (as shown: labels only); the errors no field can show. */
  function issuesByField() {
    const byField = new Map();
    const general = [];
    const entry = (key) => {
      if (!byField.has(key)) byField.set(key, { errors: [], warnings: [] });
      return byField.get(key);
    };
    for (const error of shownReport?.errors ?? []) {
      const key = model ? formKeyOf(model, error.field) : null;
      if (key && refs.errorSlots[key]) entry(key).errors.push({ ...error, text: issueText(key, error) });
      else general.push(error);
    }
    for (const warning of shownReport?.warnings ?? []) {
      const key = model ? formKeyOf(model, warning.field) : null;
      if (key && refs.warningSlots[key]) entry(key).warnings.push({ ...warning, text: issueText(key, warning) });
    }
    return { byField, general };
  }

  const NO_ISSUES = { errors: [], warnings: [] };

  function signature({ errors, warnings }) {
    return [...errors, ...warnings].map((e) => `${e.code}:${e.text}`).join("\n");
  }

  /** Shows every field's errors and warnings, except new ones in the field being typed in: they wait for a pause. */
  function applyErrors(typingKey) {
    const { byField, general } = issuesByField();
    for (const key of Object.keys(refs.errorSlots)) {
      const issues = byField.get(key) ?? NO_ISSUES;
      const sig = signature(issues);
      if (key === typingKey && sig !== "" && sig !== shown.get(key)) {
        clearTimeout(pending?.timer);
        pending = { key, timer: setTimeout(flushPending, ERROR_DELAY_MS) };
        continue;
      }
      if (pending?.key === key) {
        clearTimeout(pending.timer);
        pending = null;
      }
      showFieldIssues(key, issues);
    }
    generalErrors = general;
    renderIssues(general);
    renderErrorSummary();
  }

  /** The errors that no field can show (an unknown field given to the element, a ruleset that is none). */
  let generalErrors = [];

  function flushPending() {
    if (!pending) return;
    const { key, timer } = pending;
    clearTimeout(timer);
    whenPointerUp(() => {
      if (pending?.key !== key || pending.timer !== timer) return; // typed again meanwhile
      pending = null;
      if (destroyed) return;
      showFieldIssues(key, issuesByField().byField.get(key) ?? NO_ISSUES);
      renderErrorSummary();
    });
  }

  function showFieldIssues(key, issues) {
    const sig = signature(issues);
    if ((shown.get(key) ?? "") === sig) return;
    shown.set(key, sig);
    shownIssues.set(key, issues);
    const { errors, warnings } = issues;
    const slot = refs.errorSlots[key];
    slot.hidden = errors.length === 0;
    slot.replaceChildren(
      ...(errors.length
        ? [
            h("span", { class: "cc-error-icon", "aria-hidden": "true", text: "!" }),
            h("span", { class: "cc-visually-hidden", text: tr("error.prefix") }),
            ...errors.map((error) => h("span", { class: "cc-error-text", "data-code": error.code, text: error.text })),
          ]
        : []),
    );
    // A warning is not an error: the figure is used as given, so the field stays valid.
    const warningSlot = refs.warningSlots[key];
    warningSlot.hidden = warnings.length === 0;
    warningSlot.replaceChildren(
      ...(warnings.length
        ? [
            h("span", { class: "cc-warning-icon", "aria-hidden": "true", text: "!" }),
            h(
              "span",
              { class: "cc-warning-body" },
              h("strong", { class: "cc-warning-label", text: tr("warning.prefix") }),
              ...warnings.map((warning) => h("span", { class: "cc-warning-text", "data-code": warning.code, text: warning.text })),
            ),
          ]
        : []),
    );
    setDescribedBy(key);
  }

  /**
   * At the top of the results, the figures to correct, as the fields show them: how many, and
   * each message as a link to its field (the GOV.UK error summary). It follows what the fields
   * show, so an error still waiting for a pause in typing is not listed yet.
   */
  function renderErrorSummary() {
    const entries = [];
    for (const field of model?.fields ?? []) {
      for (const error of shownIssues.get(field.key)?.errors ?? []) {
        const place = placeOf(model, error.field);
        // Each entry starts its line: in English, with a capital (the engine's label is lower case, for use mid-sentence).
        const text = language === "en" ? error.text.charAt(0).toUpperCase() + error.text.slice(1) : error.text;
        entries.push(h("li", { "data-field": field.key, "data-code": error.code }, fieldLink(field.key, place?.year ?? null, text)));
      }
    }
    for (const error of generalErrors) entries.push(h("li", { "data-code": error.code, text: pick(error.message, language) }));
    refs.errorSummary.hidden = entries.length === 0;
    setText(refs.errorSummaryHeading, tr(entries.length === 1 ? "errors.summaryOne" : "errors.summary", { n: entries.length }));
    refs.errorSummaryList.replaceChildren(...entries);
  }

  /**
   * What the form says of an issue beside its field: the engine's message; for text that is
   * no number, what exactly to change in it; for a figure typed in a unit for entry only
   * (亿元), the base unit's figure it was converted to, which the message quotes.
   */
  function issueText(key, issue) {
    const field = model.byKey.get(key);
    if (issue.code === "not_a_number") {
      const advice = inputAdvice(field, typedTextOf(issue.field));
      if (advice) return `${pick(field.question, language)}${tr("summary.sep")}${advice}`;
    }
    const message = pick(issue.message, language);
    const value = state[key];
    const unit = field.units.find((u) => u.id === value?.unit);
    if (!unit || unit.keyed || unit.factor === "1" || field.years) return message;
    const sent = toFigures(model, { ...emptyState(model), year: state.year, [key]: value });
    const figure = Object.entries(sent).find(([figureKey]) => formKeyOf(model, figureKey) === key)?.[1];
    if (figure === undefined || figure === value.text) return message;
    const base = field.units.find((u) => u.keyed) ?? field.units[0];
    return `${message}${tr("error.converted", { unit: unitName(unit), value: groupDigits(figure), base: unitName(base) })}`;
  }

  /** The text typed for a figure key of the report (one year's box for a per-year key). */
  function typedTextOf(figure) {
    const place = placeOf(model, figure);
    if (!place) return "";
    const field = model.byKey.get(place.field);
    const value = state[place.field];
    if (typeof value === "string") return value;
    if (field.years) {
      const at = yearsOf(field, latestYear(state)).indexOf(place.year);
      return at >= 0 ? value.texts[at] : "";
    }
    return value?.text ?? "";
  }

  /**
   * For typed text that is no number, what exactly to change: a currency sign to remove, the
   * spaces inside a number ("1 200"), a unit the field does not take; for a count, that it
   * takes a whole number. Null when none of these is the trouble (the engine's message says
   * it then). The units named are the field's, from the catalog.
   */
  function inputAdvice(field, typed) {
    const text = typed.trim();
    const digits = "0-9０-９";
    const currency = new RegExp(`^([￥¥$＄]|RMB|CNY)\\s*(?=[${digits}])|(?<=[${digits}])\\s*([￥¥$＄])$`, "iu").exec(text);
    if (currency) {
      const sign = currency[1] ?? currency[2];
      const rest = text.replace(currency[0], "").trim().replace(/(?<=[0-9０-９])[ \u00a0\u3000]+(?=[0-9０-９])/gu, "");
      return tr("input.currency", { sign, fixed: rest });
    }
    if (new RegExp(`[${digits}][ \u00a0\u3000]+[${digits}]`, "u").test(text)) {
      const joined = text.replace(/[ \u00a0\u3000]+/g, "");
      const plain = joined.replace(/[,，]/g, "");
      return tr("input.spaces", { plain, grouped: groupDigits(plain) });
    }
    const tail = new RegExp(`^[-－]?[${digits}][${digits},，.．]*\\s*([^${digits}\\s,，.．]+)$`, "u").exec(text);
    if (tail) {
      const names = field.units.map(unitName).filter(Boolean);
      if (hasUnitChoice(field)) return tr("input.unitChoice", { unit: tail[1], units: names.join(tr("input.or")) });
      return names.length ? tr("input.unitOnly", { unit: tail[1], units: names[0] }) : tr("input.unitNone", { unit: tail[1] });
    }
    if (field.kind === "count") return tr("input.count", { typed: text });
    return null;
  }

  function renderIssues(general) {
    // The errors go to the error summary; the warnings are listed here, as the engine words them.
    void general;
    const warnings = shownReport?.warnings ?? [];
    const blocks = [];
    if (warnings.length) {
      blocks.push(
        h(
          "div",
          { class: "cc-issue-block", "data-kind": "warnings" },
          h("h3", { text: tr("warnings.heading") }),
          h("ul", {}, warnings.map((w) => h("li", { "data-code": w.code, text: pick(w.message, language) }))),
        ),
      );
    }
    refs.issues.replaceChildren(...blocks);
  }

  // ------------------------------------------------------------------ print

  function renderPrintFigures() {
    const date = new Intl.DateTimeFormat(language === "en" ? "en-GB" : "zh-CN", { dateStyle: "long" }).format(new Date());
    setText(refs.printDate, tr("print.date", { date }));
    if (!model) return;
    const name = state.name.trim();
    const year = state.year.trim();
    setText(refs.printCluster, [name, year && tr("form.yearOf", { year })].filter(Boolean).join(" · "));
    // Grouped as the form groups them, under each group's clause and title.
    const tables = [];
    for (const group of model.groups) {
      if (group.id === "basic") continue;
      const title = [group.clause ? clauseText(language, group.clause) : "", pick(group.title, language)].filter(Boolean).join(" ");
      const rows = group.fields.map((key) => {
        const field = model.byKey.get(key);
        return h("tr", {}, h("th", { scope: "row", text: pick(field.question, language) }), h("td", { text: enteredText(field) }));
      });
      tables.push(
        h(
          "table",
          { "data-print-group": group.id },
          h("thead", {}, h("tr", { class: "cc-print-group" }, h("th", { scope: "colgroup", colspan: "2", text: title }))),
          h("tbody", {}, rows),
        ),
      );
    }
    refs.printFigures.replaceChildren(...tables);
  }

  /** Every check in one compact table: its clause, title and citation, result, value and threshold. */
  function renderPrintChecks(warned) {
    const rows = [];
    for (const condition of report.conditions) {
      condition.checks.forEach((check, i) => {
        rows.push(
          h(
            "tr",
            { "data-check": check.id, "data-status": check.status },
            i === 0 ? h("th", { scope: "rowgroup", rowspan: String(condition.checks.length), text: clauseText(language, condition.clause) }) : null,
            h(
              "td",
              {},
              h("span", { class: "cc-print-check-title", text: pick(check.title, language) }),
              h("span", { class: "cc-print-citation", lang: "zh-CN", text: `“${check.citation}”` }),
              english(check) ? h("span", { class: "cc-print-citation-en", text: english(check) }) : null,
            ),
            h("td", { class: "cc-print-status", text: `${isWarned(check, warned) ? "!" : (STATUS_ICON[check.status] ?? "")} ${tr(isWarned(check, warned) ? "status.metWarning" : `status.${check.status}`)}` }),
            h("td", { class: "cc-print-number", text: check.value === null ? "—" : amount(shownValue(check), check) }),
            h("td", { class: "cc-print-number", text: check.threshold === null ? "—" : amount(check.threshold, check) }),
          ),
        );
      });
    }
    refs.printChecks.replaceChildren(...rows);
  }

  /**
   * What was entered in a field, in the unit it was typed in, with its unit; a number with
   * its digits grouped as every number of the report is ("9600" reads "9,600").
   */
  function enteredText(field) {
    const value = state[field.key];
    const none = tr("print.notGiven");
    const withUnit = (typed, unitId) => {
      const read = readTyped(field, typed, unitId);
      const plain = plainDecimal(read.text);
      const text = plain === null ? read.text : groupDigits(plain);
      const unit = unitName(field.units.find((u) => u.id === read.unit) ?? field.units[0]);
      return unit ? `${text} ${unit}` : text;
    };
    switch (field.kind) {
      case "bool":
        return value === "yes" ? tr("answer.yes") : value === "no" ? tr("answer.no") : none;
      case "set":
        if (value.none) return tr("form.none");
        return value.values.length
          ? value.values.map((id) => pick(field.values.find((v) => v.id === id).label, language)).join(tr("summary.join"))
          : none;
      default: {
        if (field.years) {
          const years = yearsOf(field, latestYear(state));
          const given = value.texts.map((text, i) => [years[i], text.trim()]).filter(([, text]) => text);
          return given.length ? given.map(([y, text]) => `${tr("form.yearOf", { year: y })} ${withUnit(text, value.unit)}`).join(tr("summary.join")) : none;
        }
        const text = (typeof value === "string" ? value : value.text).trim();
        return text ? withUnit(text, typeof value === "string" ? null : value.unit) : none;
      }
    }
  }

  const onBeforePrint = () => renderPrintFigures();

  // ------------------------------------------------------------------ start

  build();
  update();
  globalThis.addEventListener?.("beforeprint", onBeforePrint);
  globalThis.addEventListener?.("pointerdown", onPointerDown, true);
  globalThis.addEventListener?.("pointerup", onPointerUp, true);
  globalThis.addEventListener?.("pointercancel", onPointerUp, true);
  /** The engine, once loaded: it must know the catalog of the ruleset on screen. */
  let loadedEngine = null;
  function useEngine() {
    if (!loadedEngine) return;
    if (model) loadedEngine.useCatalog?.(model.catalog);
    evaluate = model ? loadedEngine.evaluate : null;
  }
  Promise.resolve(engine)
    .then((loaded) => {
      if (typeof loaded?.evaluate !== "function") throw new TypeError("cluster-check UI: the engine has no evaluate()");
      if (destroyed) return;
      loadedEngine = loaded;
      useEngine();
      refs.layout.dataset.ready = "true";
      update();
    })
    .catch((error) => {
      console.error(error);
      engineFailed = true;
      if (!destroyed) update();
    });

  return {
    get lang() {
      return language;
    },
    /** The report of the figures entered (during a what-if, of those kept aside). */
    get report() {
      return whatIf ? whatIf.report : report;
    },
    /** The catalog the form is for, or null while it loads. */
    get catalog() {
      return model?.catalog ?? null;
    },
    /** The figures entered, as they are sent to the engine (a fresh object); during a what-if, the entered ones. */
    get figures() {
      return ownFigures();
    },
    /** Re-renders in another language, keeping everything entered and the focus. */
    setLang(next) {
      const wanted = normalizeLanguage(next);
      if (wanted === language) return;
      language = wanted;
      rebuild();
    },
    /** Fills the form from figures (null: empties it) and evaluates them. */
    setFigures(next) {
      whatIf = null;
      if (!model) {
        waiting = next ?? {};
        return;
      }
      ({ state, extra } = fromFigures(model, next ?? {}));
      rebuild();
    },
    /**
     * Builds the form for another ruleset's catalog. The figures both share stay as they
     * are; what was entered for the one left is kept, and comes back on a return to it.
     */
    setCatalog(next, ruleset = rulesetId) {
      rulesetId = ruleset;
      if (!next) {
        catalogFailed = true;
        rebuild();
        return;
      }
      catalogFailed = false;
      leaveWhatIf();
      if (model?.catalog.id === next.id) {
        update();
        return;
      }
      const old = model ? { model, state, extra } : null;
      if (old) left.set(old.model.catalog.id, { state: old.state, extra: old.extra });
      model = formModel(next);
      const back = left.get(next.id);
      state = back ? back.state : emptyState(model);
      extra = back ? back.extra : {};
      // The figures the two rulesets share (the same key, kind and units) follow the switch.
      if (old) {
        for (const field of model.fields) {
          const was = old.model.byKey.get(field.key);
          if (was && was.kind === field.kind && was.years === field.years && sameUnits(was, field)) {
            state[field.key] = structuredClone(old.state[field.key]);
          }
        }
      }
      if (waiting) {
        ({ state, extra } = fromFigures(model, waiting));
        waiting = null;
      }
      useEngine();
      rebuild();
    },
    /** The unit each field with a choice of units is shown in: { revenue: "yi", land_area: "mu", … }. */
    get units() {
      return model ? unitsOf(model, whatIf ? whatIf.state : state) : {};
    },
    /**
     * Shows amounts in other units ({ revenue: "yi" }): the text is converted exactly, so
     * the figure stays the same ("685000" 万元 shows as "68.5" 亿元); text that is not a
     * plain decimal stays as it is, as typed text would.
     */
    setUnits(next) {
      if (!model) return;
      leaveWhatIf();
      for (const [key, unit] of Object.entries(next)) {
        const field = model.byKey.get(key);
        if (!field || state[key]?.unit === unit) continue;
        state[key] = convertUnit(field, state[key], unit);
      }
      rebuild();
    },
    /** Sets the ruleset figure (null: the engine's default) and evaluates again. */
    setRuleset(next) {
      if (next === rulesetId) return;
      rulesetId = next;
      update();
    },
    /** Results first, in one column (true), or the usual layout (false). */
    setCompact(next) {
      if (Boolean(next) === isCompact) return;
      isCompact = Boolean(next);
      arrange();
    },
    destroy() {
      destroyed = true;
      clearTimeout(pending?.timer);
      globalThis.removeEventListener?.("beforeprint", onBeforePrint);
      globalThis.removeEventListener?.("pointerdown", onPointerDown, true);
      globalThis.removeEventListener?.("pointerup", onPointerUp, true);
      globalThis.removeEventListener?.("pointercancel", onPointerUp, true);
      root.replaceChildren();
    },
  };
}
