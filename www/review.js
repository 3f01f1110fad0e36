// The two-year re-review (复核) view of the page: two <cluster-check> elements side by
// side (stacked on a phone), one per year, each headed by its year as entered in it, and
// above them the comparison: the verdict from the re-review year's report (would keep the
// title / would lose it / cannot be judged yet) and every check whose status changed, from →
// to, with its clause and title. The comparison itself is compare.js; the texts of statuses
// and clauses are the element's own (./pkg/ui/i18n.js), so both read the same.
import { compareReports, yearOf } from "./compare.js";
import { pageText } from "./page-text.js";
import { shownUnits } from "./share.js";
import { t, pick, clauseText } from "./pkg/ui/i18n.js";
import { groupDigits, checkValueToPlaces } from "./pkg/ui/decimal.js";
import { h } from "./pkg/ui/dom.js";

const STATUS_ICON = { met: "✓", not_met: "✗", missing: "?", invalid: "!" };
const VERDICT_ICON = { keep: "✓", lose: "✗", undetermined: "?", waiting: "…", order: "!" };

/** Puts a year { figures, units } into an element (null: empties it). */
export function setEntry(element, entry) {
  element.figures = entry?.figures ?? null;
  if (entry?.units && Object.keys(entry.units).length) element.units = entry.units;
}

/** What an element holds, as a year { figures, units } (units: those not their field's first). */
export function entryOf(element) {
  const figures = element.figures ?? {};
  return { figures, units: shownUnits(element.units, figures) };
}

/**
 * Builds the re-review into `container`.
 * @param {HTMLElement} container
 * @param {{ lang: string, entries?: [object | null, object | null], onImportYear: (index: number) => void,
 *           onCopyEarlier: () => void, onCopySingle: (index: number) => void }} options each entry { figures, units }
 */
export function createReview(container, { lang, entries = [null, null], onImportYear, onCopyEarlier, onCopySingle }) {
  let language = lang;
  const tr = (key, vars) => pageText(language, key, vars);

  const verdictIcon = h("span", { class: "review-verdict-icon", "aria-hidden": "true" });
  const verdictText = h("p", { class: "review-verdict-text" });
  const yearsLine = h("p", { class: "review-years-line" });
  const orderNote = h("p", { class: "review-order", hidden: true });
  const changesHeading = h("h3", { class: "review-changes-heading", id: "review-changes-heading" });
  const changesList = h("ul", { class: "review-changes" });
  const noChanges = h("p", { class: "review-no-changes", hidden: true });
  const heading = h("h2", { class: "review-heading", id: "review-heading" });
  const intro = h("p", { class: "review-intro" });
  // On paper, where the page's header is not printed: the document and the date.
  const printLine = h("p", { class: "review-print-only" });
  // The checks that changed come after the two forms on screen (the forms first, the verdict
  // above them with a link down to the changes); on paper they follow the verdict (page.css).
  const changesBlock = h(
    "section",
    { class: "review-changes-block", id: "review-changes", tabindex: "-1", "aria-labelledby": "review-changes-heading" },
    changesHeading,
    changesList,
    noChanges,
  );
  // Not a fragment link: the page's fragment holds share links.
  const changesLink = h("a", { class: "review-changes-link", href: "#review-changes", hidden: true });
  changesLink.addEventListener("click", (event) => {
    event.preventDefault();
    changesBlock.scrollIntoView({ block: "start" });
    changesBlock.focus({ preventScroll: true });
  });
  const summary = h(
    "section",
    { class: "review-summary", "aria-labelledby": "review-heading" },
    heading,
    printLine,
    intro,
    h("div", { class: "review-verdict" }, verdictIcon, h("div", {}, verdictText, yearsLine, changesLink)),
    orderNote,
  );

  const columns = [0, 1].map((index) => {
    const yearHeading = h("h2", { class: "review-year-heading", id: `review-year-${index}-heading` });
    const role = h("span", { class: "review-year-role" });
    const yearText = h("span", { class: "review-year-text" });
    // "2016年 · 复核年度": read as one phrase, not "2016年复核年度".
    const separator = h("span", { class: "review-year-sep" });
    yearHeading.append(yearText, " ", separator, " ", role);
    // Its name is its visible text; the column's heading (the year) describes it.
    const importButton = h("button", { type: "button", class: "page-button review-import", id: `review-import-${index}`, "aria-describedby": yearHeading.id });
    importButton.addEventListener("click", () => onImportYear(index));
    // The figures already typed in the one-year form, for this year.
    const singleButton = h("button", { type: "button", class: "page-button review-from-single", id: `review-from-single-${index}`, "aria-describedby": yearHeading.id });
    singleButton.addEventListener("click", () => onCopySingle(index));
    const actions = h("div", { class: "review-year-actions" }, singleButton, importButton);
    let copyButton = null;
    if (index === 1) {
      copyButton = h("button", { type: "button", class: "page-button review-copy", id: "review-copy-earlier", "aria-describedby": yearHeading.id });
      copyButton.addEventListener("click", () => onCopyEarlier());
      actions.append(copyButton);
    }
    const element = document.createElement("cluster-check");
    element.id = `review-year-${index}`;
    // Form first, its verdict in the bar below it while the form is in view: in a column as
    // narrow as this, the element is one column with its results after the form.
    element.setAttribute("lang", language);
    if (entries[index]) setEntry(element, entries[index]);
    const section = h(
      "section",
      { class: "review-year", "data-year-index": index, "aria-labelledby": yearHeading.id },
      h("div", { class: "review-year-head" }, yearHeading, actions),
      element,
    );
    return { section, yearHeading, yearText, separator, role, importButton, singleButton, copyButton, element };
  });

  container.classList.add("review-layout");
  container.replaceChildren(summary, h("div", { class: "review-columns" }, columns.map((c) => c.section)), changesBlock);

  /** The column's name: "2016年 · 复核年度", or its role alone while no year is entered. */
  function label(index) {
    const year = yearOf(columns[index].element.figures);
    const role = tr(index === 0 ? "review.earlier" : "review.later");
    return { year: year ? tr("review.year", { year }) : "", role, full: year ? `${tr("review.year", { year })} · ${role}` : role };
  }

  function statusText(status) {
    return t(language, `status.${status}`);
  }

  /** The verdict as the document of a column words it (its catalog's). */
  function verdictWords(index, status) {
    const words = columns[index].element.catalog?.verdict[status];
    return words ? pick(words, language) : status;
  }

  /** A check's value with its unit, named as the ruleset's catalog names it. */
  function valueText(value, checkId) {
    if (value === null || value === undefined) return tr("review.noValue");
    const catalog = columns[1].element.catalog ?? columns[0].element.catalog;
    const check = catalog?.conditions.flatMap((c) => c.checks).find((k) => k.id === checkId);
    const unit = check?.unit;
    const shown = unit ? pick(unit, language) : "";
    // To the check's places, cut toward the side that fails (as the form's results show it).
    const number = groupDigits(checkValueToPlaces(value, check));
    if (!shown) return number;
    return shown === "%" ? `${number}%` : `${number} ${shown}`;
  }

  function renderChange(change) {
    const values = change.fromValue !== null || change.toValue !== null
      ? tr("review.values", { from: valueText(change.fromValue, change.id), to: valueText(change.toValue, change.id) })
      : "";
    return h(
      "li",
      { class: "review-change", "data-check": change.id, "data-from": change.from, "data-to": change.to },
      h(
        "span",
        { class: "review-change-title" },
        h("span", { class: "review-clause", text: clauseText(language, change.clause) }),
        " ",
        pick(change.conditionTitle, language),
        " · ",
        h("strong", { text: change.title ? pick(change.title, language) : change.id }),
      ),
      " ",
      h(
        "span",
        { class: "review-change-status" },
        h("span", { class: "review-badge", "data-status": change.from }, h("span", { "aria-hidden": "true", text: `${STATUS_ICON[change.from]} ` }), statusText(change.from)),
        h("span", { class: "review-arrow", text: " → " }),
        h("span", { class: "review-badge", "data-status": change.to }, h("span", { "aria-hidden": "true", text: `${STATUS_ICON[change.to]} ` }), statusText(change.to)),
        values ? " " : null,
        values ? h("span", { class: "review-values", text: values }) : null,
      ),
    );
  }

  function update() {
    const reports = columns.map((c) => c.element.report);
    const compared = compareReports(reports[0], reports[1]);
    const { changes } = compared;
    const labels = [label(0), label(1)];
    const years = columns.map((c) => Number(yearOf(c.element.figures)));
    const misordered = years.every((y) => Number.isInteger(y) && y > 0) && years[1] <= years[0];
    // With the years the wrong way round, no verdict: which year decides is not known.
    const verdict = misordered && compared.verdict !== "waiting" ? "order" : compared.verdict;
    heading.textContent = tr("review.heading");
    const date = new Intl.DateTimeFormat(language === "en" ? "en-GB" : "zh-CN", { dateStyle: "long" }).format(new Date());
    printLine.textContent = tr("review.printLine", { date });
    intro.textContent = tr("review.intro");
    summary.dataset.verdict = verdict;
    verdictIcon.textContent = VERDICT_ICON[verdict];
    verdictText.textContent = tr(`review.verdict.${verdict}`);
    yearsLine.textContent = reports.every(Boolean)
      ? tr("review.years", {
          earlier: labels[0].full,
          earlierVerdict: verdictWords(0, reports[0].status),
          later: labels[1].full,
          laterVerdict: verdictWords(1, reports[1].status),
        })
      : "";
    orderNote.hidden = !misordered;
    orderNote.textContent = misordered ? tr("review.order", { earlier: years[0], later: years[1] }) : "";
    changesHeading.textContent = tr("review.changes", { n: changes.length });
    changesLink.textContent = `${tr("review.changes", { n: changes.length })} ↓`;
    changesLink.hidden = changes.length === 0;
    changesBlock.dataset.verdict = verdict;
    changesList.replaceChildren(...changes.map(renderChange));
    // "The same in both years" only once something is entered: two empty forms compare nothing.
    const entered = (report) => report.conditions.some((c) => c.checks.some((k) => k.status !== "missing"));
    noChanges.hidden = !(reports.every(Boolean) && reports.some(entered) && changes.length === 0);
    noChanges.textContent = tr("review.noChanges");
    columns.forEach((column, index) => {
      column.yearText.textContent = labels[index].year;
      column.separator.textContent = labels[index].year ? "·" : "";
      column.role.textContent = labels[index].role;
      column.section.dataset.year = yearOf(column.element.figures);
      column.importButton.textContent = tr("review.importYear");
      column.singleButton.textContent = tr("review.fromSingle");
      if (column.copyButton) column.copyButton.textContent = tr("review.copyEarlier");
    });
  }

  for (const column of columns) column.element.addEventListener("cluster-check-change", update);
  update();

  return {
    elements: columns.map((c) => c.element),
    /** The figures of both years, [earlier, later]. */
    get figures() {
      return columns.map((c) => c.element.figures ?? {});
    },
    /** Both years as entries { figures, units }. */
    get entries() {
      return columns.map((c) => entryOf(c.element));
    },
    /** The reports of both years (null before the engine has evaluated). */
    get reports() {
      return columns.map((c) => c.element.report);
    },
    /** The column names, for file names and messages: [{ year, role, full }, …]. */
    labels() {
      return [label(0), label(1)];
    },
    setEntries(list) {
      list.forEach((entry, index) => setEntry(columns[index].element, entry));
      update();
    },
    setEntry(index, entry) {
      setEntry(columns[index].element, entry);
      update();
    },
    setLang(next) {
      language = next;
      for (const column of columns) column.element.setAttribute("lang", next);
      update();
    },
    /** Shows both years for another document (null: the default one). */
    setRuleset(id) {
      for (const column of columns) {
        if (id === null) column.element.removeAttribute("ruleset");
        else column.element.setAttribute("ruleset", id);
      }
    },
    update,
  };
}
