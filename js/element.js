// The <cluster-check> custom element: the whole self-assessment (the form and the results)
// in an open shadow root, for any site to drop into its pages.
//
//   <cluster-check lang="en" compact></cluster-check>
//   <script type="module">import "cluster-check/element";</script>   (or a relative path)
//
// Importing this module registers the element (that is its side effect). It is light: the
// engine (./index.js and its .wasm, both found relative to this module's URL) is imported
// on the first connection, so a page shows the form at once and the verdict when the
// engine is ready. Styles are a constructed stylesheet adopted by the shadow root: no
// <style> element, no style attribute, no request, so a host's `style-src 'self'` holds,
// whatever path or origin the package is served from.
//
// Attributes: lang (zh | en; otherwise the closest lang around it), ruleset (sent as the
// `ruleset` figure), compact (results first, one column). Properties: figures (preset or
// read the figures), units (the unit each amount of money is shown in), report (the latest
// report, or null). Event: cluster-check-change (bubbles, composed), detail = the report,
// after every evaluation.
import { mountClusterCheck } from "./ui/mount.js";
import { DEFAULT_LANGUAGE, normalizeLanguage } from "./ui/i18n.js";
import { FIELDS, UNITS } from "./ui/fields.js";
import css from "./ui/styles.js";

export const TAG_NAME = "cluster-check";
export const CHANGE_EVENT = "cluster-check-change";

let engine;
/** The engine, imported once for every element of the page, on the first connection. */
function loadEngine() {
  engine ??= import("./index.js");
  return engine;
}

let sheet;
/** One stylesheet, shared by every element of the document. */
function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}

const MONEY_FIELDS = Object.keys(FIELDS).filter((key) => FIELDS[key].kind === "money");
const MONEY_UNITS = UNITS.money.map((unit) => unit.id);

function isFiguresLike(value) {
  return value === null || value === undefined || value instanceof Map || (typeof value === "object" && !Array.isArray(value));
}

// Outside a browser (server-side rendering, Node) importing the module must not fail; the
// element is only defined where there are custom elements.
const Base = globalThis.HTMLElement ?? class {};

export class ClusterCheckElement extends Base {
  static observedAttributes = ["lang", "ruleset", "compact"];

  /** The mounted UI, or null before the first need and after a disconnection. */
  #ui = null;
  /** Figures to start from when the UI is mounted (set before, or kept over a disconnection). */
  #figures = null;
  #root;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: "open" });
    this.#root.adoptedStyleSheets = [styleSheet()];
  }

  connectedCallback() {
    // A value set on the element before this module defined it shadows the accessor
    // (the figures first: setting them shows amounts in 万元, the units then move them).
    for (const property of ["figures", "units"]) {
      if (!Object.hasOwn(this, property)) continue;
      const value = this[property];
      delete this[property];
      this[property] = value;
    }
    if (this.#ui) this.#ui.setLang(this.#language());
    else this.#mount();
  }

  disconnectedCallback() {
    // Moved within the page, it is connected again before this runs: keep it as it is.
    // Removed, it lets go of the window listeners and keeps its figures for a later return.
    queueMicrotask(() => {
      if (this.isConnected || !this.#ui) return;
      const figures = this.#ui.figures;
      if (this.hasAttribute("ruleset")) delete figures.ruleset; // the attribute's, not the figures'
      this.#figures = figures;
      this.#ui.destroy();
      this.#ui = null;
    });
  }

  attributeChangedCallback(name, previous, value) {
    if (!this.#ui || previous === value) return;
    if (name === "lang") this.#ui.setLang(this.#language());
    else if (name === "ruleset") this.#ui.setRuleset(value);
    else if (name === "compact") this.#ui.setCompact(value !== null);
  }

  /** The figures the form stands for, exactly as they are evaluated (a fresh object each time). */
  get figures() {
    return this.#mount().figures;
  }

  /**
   * Fills the form from a figures object and evaluates it: numbers show as the decimals
   * they are written as, text as given; a figure the form cannot show (an unknown field, a
   * wrong type) is kept and evaluated as given, so that its error is reported. null empties
   * the form.
   */
  set figures(figures) {
    if (!isFiguresLike(figures)) {
      throw new TypeError(
        `<cluster-check>: figures must be an object such as { revenue_wan: "226247" } (or null to empty the form); got ${
          Array.isArray(figures) ? "an array" : typeof figures
        }.`,
      );
    }
    this.#mount().setFigures(figures instanceof Map ? Object.fromEntries(figures) : figures);
  }

  /**
   * The unit each amount of money is shown in, by form field: "wan" (万元) or "yi" (亿元),
   * e.g. { fixed_investment: "wan", revenue: "yi", leading_industry_revenue: "wan",
   * rd_expense: "wan" } (a fresh object each time). `figures` are always in 万元 and do not
   * say which unit was typed: keep both to give the form back exactly as it was.
   */
  get units() {
    return this.#mount().units;
  }

  /**
   * Shows amounts in the given units (fields left out keep theirs): the typed text moves its
   * decimal point, so the figures stay exactly the same ("685000" 万元 shows as "68.5" 亿元).
   * Setting `figures` shows every amount in 万元 again: set the units after the figures.
   */
  set units(units) {
    if (units === null || typeof units !== "object" || Array.isArray(units)) {
      throw new TypeError(
        `<cluster-check>: units must be an object such as { revenue: "yi" }; got ${Array.isArray(units) ? "an array" : units === null ? "null" : typeof units}.`,
      );
    }
    for (const [key, unit] of Object.entries(units)) {
      if (!MONEY_FIELDS.includes(key) || !MONEY_UNITS.includes(unit)) {
        throw new TypeError(
          `<cluster-check>: units: ${JSON.stringify(key)}: ${JSON.stringify(unit)} is not a unit of an amount; the amounts are ${MONEY_FIELDS.join(", ")}, each "wan" or "yi".`,
        );
      }
    }
    this.#mount().setUnits(units);
  }

  /** The latest report, or null before the engine has evaluated anything. */
  get report() {
    return this.#ui?.report ?? null;
  }

  get ruleset() {
    return this.getAttribute("ruleset");
  }

  set ruleset(value) {
    if (value === null || value === undefined) this.removeAttribute("ruleset");
    else this.setAttribute("ruleset", String(value));
  }

  get compact() {
    return this.hasAttribute("compact");
  }

  set compact(value) {
    this.toggleAttribute("compact", Boolean(value));
  }

  /** Its own lang, else the closest one around it (the page's), else Chinese. */
  #language() {
    const lang = this.getAttribute("lang") || this.parentElement?.closest("[lang]")?.getAttribute("lang");
    return normalizeLanguage(lang || DEFAULT_LANGUAGE);
  }

  #mount() {
    if (this.#ui) return this.#ui;
    const figures = this.#figures;
    this.#figures = null;
    this.#ui = mountClusterCheck(this.#root, {
      lang: this.#language(),
      engine: loadEngine(),
      figures,
      ruleset: this.getAttribute("ruleset"),
      compact: this.hasAttribute("compact"),
      onReport: (report) => {
        this.dispatchEvent(new CustomEvent(CHANGE_EVENT, { detail: report, bubbles: true, composed: true }));
      },
    });
    return this.#ui;
  }
}

if (globalThis.customElements && !customElements.get(TAG_NAME)) {
  customElements.define(TAG_NAME, ClusterCheckElement);
}
