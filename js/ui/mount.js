// The self-assessment UI: the form and the results, rendered into a given root (the
// <cluster-check> element's shadow root, see ../element.js) in a given language. It knows
// nothing of the page around it (no <html lang>, no storage, no document-level ids).
// The DOM is built with createElement/textContent only: no text, typed or from a report,
// is ever parsed as HTML. No inline styles: everything visual is in element.css.
import { groupDigits, shiftDecimal } from "./decimal.js";
import { FIELDS, GROUPS, UNITS, SERVICE_FUNCTIONS, emptyState, toFigures, fromFigures, formKeyOf } from "./fields.js";
import { t, pick, unitText, clauseText, normalizeLanguage } from "./i18n.js";
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
 * `figures` presets the form (see fromFigures in fields.js); `ruleset`, when given, is sent
 * as the `ruleset` figure; `compact` puts the results first, in one column; `onReport` is
 * called with each report, after every evaluation.
 * @param {Element | ShadowRoot} root
 * @param {{ lang?: string, engine: Promise<{ evaluate: Function }> | { evaluate: Function }, idPrefix?: string,
 *           figures?: object | null, ruleset?: string | null, compact?: boolean, onReport?: (report: object) => void }} options
 * @returns {{ setLang(lang: string): void, setFigures(figures: object | null): void, setUnits(units: Record<string, string>): void,
 *             setRuleset(ruleset: string | null): void, setCompact(compact: boolean): void, readonly lang: string,
 *             readonly figures: object, readonly units: Record<string, string>, readonly report: object | null, destroy(): void }}
 */
export function mountClusterCheck(
  root,
  { lang = "zh-CN", engine, idPrefix = "cc", figures = null, ruleset = null, compact = false, onReport = null } = {},
) {
  let language = normalizeLanguage(lang);
  let state = emptyState();
  /** Given figures that no control can show as given: sent to the engine as they are. */
  let extra = {};
  if (figures) ({ state, extra } = fromFigures(figures));
  let rulesetId = ruleset;
  let isCompact = Boolean(compact);
  let evaluate = null;
  let engineFailed = false;
  let report = null;
  /** Per form field: the error text shown beside it (a signature, to see changes). */
  const shown = new Map();
  /** The error of the field being typed in, waiting for a pause. */
  let pending = null;
  let refs = null;
  let destroyed = false;

  const id = (...parts) => [idPrefix, ...parts].join("-");
  const tr = (key, vars) => t(language, key, vars);

  // ------------------------------------------------------------------ building

  function build() {
    refs = { controls: {}, errorSlots: {}, warningSlots: {}, describedBy: {}, fieldsets: {} };
    const form = h("form", { class: "cc-form", novalidate: true, "aria-labelledby": id("form-heading") });
    form.append(
      h("h2", { class: "cc-heading", id: id("form-heading"), text: tr("form.heading") }),
      h("p", { class: "cc-intro", text: tr("form.intro") }),
      ...GROUPS.map(buildGroup),
    );
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("input", onInput);
    form.addEventListener("focusout", onFocusOut);

    // On a phone the results are below the form: this bar keeps the verdict in sight.
    refs.jumpIcon = h("span", { class: "cc-jump-icon", "aria-hidden": "true" });
    refs.jumpVerdict = h("span", { class: "cc-jump-verdict" });
    const jump = h(
      "button",
      { type: "button", class: "cc-jump" },
      refs.jumpIcon,
      refs.jumpVerdict,
      h("span", { class: "cc-jump-label", text: tr("results.jump") }),
    );
    refs.jump = jump;
    jump.addEventListener("click", () => {
      refs.resultsHeading.scrollIntoView({ block: "start" });
      refs.resultsHeading.focus({ preventScroll: true });
    });

    refs.resultsHeading = h("h2", { class: "cc-heading", id: id("results-heading"), tabindex: "-1", text: tr("results.heading") });
    refs.verdictIcon = h("span", { class: "cc-verdict-icon", "aria-hidden": "true" });
    refs.verdictText = h("p", { class: "cc-verdict-text" });
    refs.summary = h("p", { class: "cc-summary" });
    refs.verdict = h(
      "div",
      { class: "cc-verdict", id: id("verdict"), role: "status", "aria-live": "polite", "aria-atomic": "true" },
      refs.verdictIcon,
      h("div", { class: "cc-verdict-body" }, refs.verdictText, refs.summary),
    );
    refs.tierValue = h("span", { class: "cc-tier-value" });
    refs.tier = h("p", { class: "cc-tier" }, h("span", { class: "cc-tier-label", text: tr("tier.label") }), refs.tierValue);
    refs.issues = h("div", { class: "cc-issues" });
    refs.conditions = h("ol", { class: "cc-conditions" });
    refs.notes = h("ul", { class: "cc-notes-list" });
    refs.printDate = h("p", { class: "cc-print-date" });
    refs.printCluster = h("p", { class: "cc-print-cluster" });
    refs.printFigures = h("tbody");

    const printHead = h(
      "div",
      { class: "cc-print-only cc-print-head" },
      h("p", { class: "cc-print-title", text: tr("print.title") }),
      refs.printCluster,
      h("p", { text: tr("print.document") }),
      refs.printDate,
      h("p", { class: "cc-print-disclaimer", text: tr("print.disclaimer") }),
    );
    const printFigures = h(
      "section",
      { class: "cc-print-only cc-print-figures", "aria-labelledby": id("print-figures") },
      h("h3", { id: id("print-figures"), text: tr("print.figures") }),
      h(
        "table",
        {},
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: tr("print.field") }), h("th", { scope: "col", text: tr("print.entered") }))),
        refs.printFigures,
      ),
    );
    const results = h(
      "section",
      { class: "cc-results", id: id("results"), "aria-labelledby": id("results-heading") },
      refs.resultsHeading,
      printHead,
      refs.verdict,
      refs.tier,
      refs.issues,
      printFigures,
      refs.conditions,
      h(
        "section",
        { class: "cc-notes", "aria-labelledby": id("notes-heading") },
        h("h3", { id: id("notes-heading"), text: tr("notes.heading") }),
        refs.notes,
      ),
      h("p", { class: "cc-print-only cc-print-disclaimer", text: tr("print.disclaimer") }),
    );

    // Both languages are written left to right, whatever direction the host page has.
    const layout = h("div", { class: "cc", lang: language, dir: "ltr", "data-ready": evaluate ? "true" : "false" }, form, jump, results);
    refs.layout = layout;
    refs.results = results;
    arrange();
    shown.clear();
    root.replaceChildren(layout);
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
    const title = tr(`group.${group.id}`);
    const legend = h("legend", { class: "cc-group-legend" });
    if (group.clause) legend.append(h("span", { class: "cc-clause", text: clauseText(language, group.clause) }), " ");
    legend.append(title);
    return h("fieldset", { class: "cc-group", "data-group": group.id }, legend, ...group.fields.map(buildField));
  }

  function hintOf(key, hintId) {
    const text = tr(`hint.${key}`);
    return text === `hint.${key}` ? null : h("p", { class: "cc-hint", id: hintId, text });
  }

  function buildField(key) {
    const field = FIELDS[key];
    if (field.kind === "bool") return buildQuestion(key);
    if (field.kind === "set") return buildFunctions(key);
    const inputId = id("f", key);
    const hint = hintOf(key, id("f", key, "hint"));
    const error = h("p", { class: "cc-error", id: id("f", key, "error"), hidden: true });
    const warning = warningSlot(key);
    const described = hint ? [hint.id] : [];
    const input = h("input", {
      id: inputId,
      class: `cc-input cc-input-${field.kind}`,
      type: "text",
      "data-key": key,
      autocomplete: "off",
      spellcheck: "false",
      inputmode: field.kind === "text" ? null : field.kind === "count" ? "numeric" : "decimal",
      value: field.kind === "money" || field.kind === "area" ? state[key].text : state[key],
    });
    const control = h("div", { class: "cc-control" }, input);
    if (field.kind === "money" || field.kind === "area") {
      const unitId = id("f", key, "unit");
      const select = h(
        "select",
        { id: unitId, class: "cc-unit-select", "data-key": key, "data-role": "unit" },
        UNITS[field.kind].map((unit) => h("option", { value: unit.id, selected: state[key].unit === unit.id, text: tr(unit.label) })),
      );
      control.append(h("label", { class: "cc-visually-hidden", for: unitId, text: tr("form.unitOf", { label: tr(`field.${key}`) }) }), select);
    } else if (field.unit && tr(field.unit)) {
      const unit = h("span", { class: "cc-unit", id: id("f", key, "unitname"), text: tr(field.unit) });
      described.push(unit.id);
      control.append(unit);
    }
    refs.controls[key] = [input];
    refs.errorSlots[key] = error;
    refs.describedBy[key] = described;
    setDescribedBy(key);
    return h(
      "div",
      { class: `cc-field cc-field-${field.kind}`, "data-field": key },
      h("label", { class: "cc-label", for: inputId, text: tr(`field.${key}`) }),
      hint,
      control,
      error,
      warning,
    );
  }

  function buildQuestion(key) {
    const hint = hintOf(key, id("f", key, "hint"));
    const error = h("p", { class: "cc-error", id: id("f", key, "error"), hidden: true });
    const name = id("f", key);
    const answers = [
      ["yes", "answer.yes"],
      ["no", "answer.no"],
      ["", "answer.unset"],
    ];
    const radios = answers.map(([value]) =>
      h("input", { type: "radio", id: id("f", key, value || "unset"), name, value, "data-key": key, checked: state[key] === value }),
    );
    const fieldset = h(
      "fieldset",
      { class: "cc-field cc-question", "data-field": key },
      h("legend", { class: "cc-label", text: tr(`field.${key}`) }),
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

  function buildFunctions(key) {
    const hint = hintOf(key, id("f", key, "hint"));
    const error = h("p", { class: "cc-error", id: id("f", key, "error"), hidden: true });
    const boxes = SERVICE_FUNCTIONS.map((fn) =>
      h("input", { type: "checkbox", id: id("f", key, fn), value: fn, "data-key": key, checked: state[key].values.includes(fn) }),
    );
    const none = h("input", { type: "checkbox", id: id("f", key, "none"), value: "", "data-key": key, "data-role": "none", checked: state[key].none });
    const fieldset = h(
      "fieldset",
      { class: "cc-field cc-functions", "data-field": key },
      h("legend", { class: "cc-label", text: tr(`field.${key}`) }),
      hint,
      h(
        "div",
        { class: "cc-function-list" },
        boxes.map((box, i) => h("label", { class: "cc-choice", for: box.id }, box, h("span", { text: tr(`service.${SERVICE_FUNCTIONS[i]}`) }))),
      ),
      h("label", { class: "cc-choice cc-choice-none", for: none.id }, none, h("span", { text: tr("field.service_functions.none") })),
      error,
      warningSlot(key),
    );
    refs.controls[key] = [...boxes, none];
    refs.functionBoxes = boxes;
    refs.noneBox = none;
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
    if (!key || !(key in FIELDS)) return;
    const field = FIELDS[key];
    let typing = false;
    // What the user enters in a field replaces any given figure for it that it could not show.
    for (const figure of Object.keys(extra)) if (formKeyOf(figure) === key) delete extra[figure];
    switch (field.kind) {
      case "text":
      case "count":
        state[key] = target.value;
        typing = true;
        break;
      case "money":
      case "area":
        if (target.dataset.role === "unit") state[key].unit = target.value;
        else {
          state[key].text = target.value;
          typing = true;
        }
        break;
      case "bool":
        if (target.checked) state[key] = target.value;
        break;
      case "set": {
        const value = state[key];
        if (target.dataset.role === "none") {
          value.none = target.checked;
          if (target.checked) {
            value.values = [];
            for (const box of refs.functionBoxes) box.checked = false;
          }
        } else {
          value.values = SERVICE_FUNCTIONS.filter((fn) => refs.functionBoxes.find((box) => box.value === fn)?.checked);
          if (target.checked) {
            value.none = false;
            refs.noneBox.checked = false;
          }
        }
        break;
      }
    }
    update(typing ? key : null);
  }

  function onFocusOut(event) {
    const key = event.target.dataset?.key;
    if (pending && pending.key === key) flushPending();
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
    if (!evaluate) {
      renderWaiting();
      return;
    }
    try {
      report = evaluate(currentFigures());
      engineFailed = false;
    } catch (error) {
      console.error(error);
      engineFailed = true;
      report = null;
      renderWaiting();
      return;
    }
    renderReport();
    applyErrors(typingKey);
    onReport?.(report);
  }

  /** The figures the form stands for: the ruleset, what is entered, and what it could not show. */
  function currentFigures() {
    const figures = {};
    if (typeof rulesetId === "string" && rulesetId.trim() !== "") figures.ruleset = rulesetId;
    Object.assign(figures, toFigures(state));
    for (const [figure, value] of Object.entries(extra)) {
      if (!(figure in figures)) figures[figure] = Array.isArray(value) ? [...value] : value;
    }
    return figures;
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
    refs.jump.dataset.status = refs.verdict.dataset.status;
    setText(refs.jumpIcon, refs.verdictIcon.textContent);
    setText(refs.jumpVerdict, refs.verdictText.textContent);
  }

  function renderReport() {
    const counts = { met: 0, not_met: 0, missing: 0, invalid: 0 };
    for (const condition of report.conditions) for (const check of condition.checks) counts[check.status] += 1;
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const parts = STATUSES.filter((s) => counts[s] > 0).map((s) => tr(`summary.${s}`, { n: counts[s] }));
    const verdict = tr(`verdict.${report.status}`);

    refs.verdict.dataset.status = report.status;
    setText(refs.verdictIcon, VERDICT_ICON[report.status] ?? "");
    setText(refs.verdictText, verdict);
    setText(refs.summary, tr("summary.total", { total }) + tr("summary.sep") + parts.join(tr("summary.join")) + tr("summary.end"));
    refs.jump.dataset.status = report.status;
    setText(refs.jumpIcon, VERDICT_ICON[report.status] ?? "");
    setText(refs.jumpVerdict, verdict);

    const revenue = report.conditions.flatMap((c) => c.checks).find((c) => c.id === "revenue");
    const tierKey = report.tier ? `tier.${report.tier}` : revenue?.status === "met" || revenue?.status === "not_met" ? "tier.none" : "tier.unknown";
    setText(refs.tierValue, tr(tierKey));
    refs.tier.dataset.tier = report.tier ?? "";

    refs.conditions.replaceChildren(...report.conditions.map(renderCondition));
    refs.notes.replaceChildren(...report.notes.map((note) => h("li", { text: pick(note, language) })));
    refs.layout.dataset.status = report.status;
  }

  function badge(status) {
    return h(
      "span",
      { class: "cc-badge", "data-status": status },
      h("span", { class: "cc-badge-icon", "aria-hidden": "true", text: STATUS_ICON[status] ?? "" }),
      h("span", { class: "cc-badge-text", text: tr(`status.${status}`) }),
    );
  }

  /** A decimal from the report with its unit, separators put into the text. */
  function amount(value, unit) {
    const shownUnit = unitText(language, unit);
    const number = groupDigits(value);
    if (!shownUnit) return number;
    return unit === "%" ? `${number}%` : `${number} ${shownUnit}`;
  }

  function renderCondition(condition) {
    return h(
      "li",
      { class: "cc-condition", "data-condition": condition.id, "data-status": condition.status },
      h(
        "div",
        { class: "cc-condition-head" },
        h("h3", { class: "cc-condition-title" }, h("span", { class: "cc-clause", text: clauseText(language, condition.clause) }), " ", pick(condition.title, language)),
        badge(condition.status),
      ),
      h("ul", { class: "cc-checks" }, condition.checks.map(renderCheck)),
    );
  }

  function renderCheck(check) {
    const figures = [];
    if (check.value !== null) {
      figures.push(h("span", { class: "cc-value" }, h("span", { class: "cc-figure-label", text: tr("check.value") }), " ", amount(check.value, check.unit)));
    }
    if (check.threshold !== null) {
      figures.push(
        h("span", { class: "cc-threshold" }, h("span", { class: "cc-figure-label", text: tr("check.threshold") }), " ", amount(check.threshold, check.unit)),
      );
    }
    return h(
      "li",
      { class: "cc-check", "data-check": check.id, "data-status": check.status },
      h("div", { class: "cc-check-head" }, badge(check.status), h("h4", { class: "cc-check-title", text: pick(check.title, language) })),
      figures.length ? h("p", { class: "cc-check-figures" }, figures) : null,
      h("p", { class: "cc-explanation", text: pick(check.explanation, language) }),
      h(
        "p",
        { class: "cc-citation" },
        h("span", { class: "cc-figure-label", text: tr("check.citation") }),
        h("q", { lang: "zh-CN", text: check.citation }),
      ),
    );
  }

  // ------------------------------------------------------------------ errors

  /** The report's errors and warnings per form field; the errors no field can show. */
  function issuesByField() {
    const byField = new Map();
    const general = [];
    const entry = (key) => {
      if (!byField.has(key)) byField.set(key, { errors: [], warnings: [] });
      return byField.get(key);
    };
    for (const error of report?.errors ?? []) {
      const key = formKeyOf(error.field);
      if (key && refs.errorSlots[key]) entry(key).errors.push(error);
      else general.push(error);
    }
    for (const warning of report?.warnings ?? []) {
      const key = formKeyOf(warning.field);
      if (key && refs.warningSlots[key]) entry(key).warnings.push(warning);
    }
    return { byField, general };
  }

  const NO_ISSUES = { errors: [], warnings: [] };

  function signature({ errors, warnings }) {
    return [...errors, ...warnings].map((e) => `${e.code}:${pick(e.message, language)}`).join("\n");
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
    renderIssues(general);
  }

  function flushPending() {
    if (!pending) return;
    const { key, timer } = pending;
    clearTimeout(timer);
    whenPointerUp(() => {
      if (pending?.key !== key || pending.timer !== timer) return; // typed again meanwhile
      pending = null;
      if (!destroyed) showFieldIssues(key, issuesByField().byField.get(key) ?? NO_ISSUES);
    });
  }

  function showFieldIssues(key, issues) {
    const sig = signature(issues);
    if ((shown.get(key) ?? "") === sig) return;
    shown.set(key, sig);
    const { errors, warnings } = issues;
    const slot = refs.errorSlots[key];
    slot.hidden = errors.length === 0;
    slot.replaceChildren(
      ...(errors.length
        ? [
            h("span", { class: "cc-error-icon", "aria-hidden": "true", text: "!" }),
            h("span", { class: "cc-visually-hidden", text: tr("error.prefix") }),
            ...errors.map((error) => h("span", { class: "cc-error-text", "data-code": error.code, text: issueText(key, error) })),
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
              ...warnings.map((warning) => h("span", { class: "cc-warning-text", "data-code": warning.code, text: issueText(key, warning) })),
            ),
          ]
        : []),
    );
    setDescribedBy(key);
  }

  /** The engine's message; for a figure typed in 亿元 it quotes the 万元 it was converted to, so say so. */
  function issueText(key, issue) {
    const message = pick(issue.message, language);
    const value = state[key];
    if (FIELDS[key].kind !== "money" || value.unit !== "yi") return message;
    const sent = toFigures({ ...emptyState(), [key]: value })[`${key}_wan`];
    return sent === value.text ? message : `${message}${tr("error.converted", { value: groupDigits(sent) })}`;
  }

  function renderIssues(general) {
    const warnings = report?.warnings ?? [];
    const blocks = [];
    if (general.length) {
      blocks.push(
        h(
          "div",
          { class: "cc-issue-block", "data-kind": "errors" },
          h("h3", { text: tr("errors.heading") }),
          h("ul", {}, general.map((e) => h("li", { "data-code": e.code, text: pick(e.message, language) }))),
        ),
      );
    }
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
    const name = state.name.trim();
    const year = state.year.trim();
    setText(refs.printCluster, [name, year && `${year}${tr("unit.year")}`].filter(Boolean).join(" · "));
    const rows = [];
    for (const group of GROUPS) {
      for (const key of group.fields) {
        if (key === "name" || key === "year") continue;
        rows.push(h("tr", {}, h("th", { scope: "row", text: tr(`field.${key}`) }), h("td", { text: enteredText(key) })));
      }
    }
    refs.printFigures.replaceChildren(...rows);
  }

  /** What was entered in a field, as typed, with its unit. */
  function enteredText(key) {
    const field = FIELDS[key];
    const value = state[key];
    const none = tr("print.notGiven");
    switch (field.kind) {
      case "bool":
        return value === "yes" ? tr("answer.yes") : value === "no" ? tr("answer.no") : none;
      case "set":
        if (value.none) return tr("field.service_functions.none");
        return value.values.length ? value.values.map((fn) => tr(`service.${fn}`)).join(tr("summary.join")) : none;
      case "money":
      case "area": {
        const text = value.text.trim();
        return text ? `${text} ${tr(UNITS[field.kind].find((u) => u.id === value.unit).label)}` : none;
      }
      default: {
        const text = value.trim();
        const unit = field.unit ? tr(field.unit) : "";
        return text ? `${text}${unit ? ` ${unit}` : ""}` : none;
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
  Promise.resolve(engine)
    .then((loaded) => {
      if (typeof loaded?.evaluate !== "function") throw new TypeError("cluster-check UI: the engine has no evaluate()");
      if (destroyed) return;
      evaluate = loaded.evaluate;
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
    get report() {
      return report;
    },
    /** The figures the form stands for, as they are sent to the engine (a fresh object). */
    get figures() {
      return currentFigures();
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
      ({ state, extra } = fromFigures(next ?? {}));
      rebuild();
    },
    /** The unit each amount of money is shown in, by form field: { revenue: "yi", … }. */
    get units() {
      const units = {};
      for (const [key, field] of Object.entries(FIELDS)) if (field.kind === "money") units[key] = state[key].unit;
      return units;
    },
    /**
     * Shows amounts of money in other units ({ revenue: "yi" }): the text moves its decimal
     * point, so the figure stays exactly the same ("685000" 万元 shows as "68.5" 亿元);
     * text that is not a plain decimal stays as it is, as typed text would.
     */
    setUnits(next) {
      for (const [key, unit] of Object.entries(next)) {
        const value = state[key];
        if (value.unit === unit) continue;
        value.text = shiftDecimal(value.text, unit === "yi" ? -4 : 4);
        value.unit = unit;
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
