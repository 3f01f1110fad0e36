// The <cluster-check> custom element: the whole self-assessment (the form and the results)
// in an open shadow root, for any site to drop into its pages.
//
//   <cluster-check lang="en" compact></cluster-check>
//   <script type="module">import "cluster-check/element";</script>   (or a relative path)
//
// Importing this module registers the element (that is its side effect). It is light: on
// the first connection it imports the catalog of its ruleset (./rulesets/<id>.js: the form,
// its questions and units, the results' texts) and the engine (./engine.js and its .wasm),
// both found relative to this module's URL and fetched at the same time, so a page
// downloads the catalog of the document it shows and no other. Styles are a constructed
// stylesheet adopted by the shadow root: no <style> element, no style attribute, no
// request, so a host's `style-src 'self'` holds, whatever path or origin the package is
// served from.
//
// Attributes: lang (zh | en; otherwise the closest lang around it), ruleset (which document:
// its form, and the `ruleset` figure), compact (results first, one column). Properties:
// figures (preset or read the figures), units (the unit each figure is typed in), report (the
// latest report, or null). Event: cluster-check-change (bubbles, composed), detail = the
// report, after every evaluation.
import { mountClusterCheck } from "./ui/mount.js";
import { DEFAULT_LANGUAGE, normalizeLanguage } from "./ui/i18n.js";
import { DEFAULT_RULESET, RULESETS, loadCatalog } from "./rulesets/index.js";
import css from "./ui/styles.js";

export const TAG_NAME = "cluster-check";
export const CHANGE_EVENT = "cluster-check-change";

let engine;
/** The engine, imported once for every element of the page, on the first connection. */
function loadEngine() {
  engine ??= import("./engine.js").then((module) => module.engine);
  return engine;
}

/**
 * The catalog of a ruleset id; for an id that is no ruleset, the default one's (the form is
 * the default's, and the engine reports the unknown id as `unknown_ruleset`).
 */
async function catalogFor(id) {
  const shown = shownRuleset(id);
  const catalog = await loadCatalog(shown);
  if (catalog) loaded.set(shown, catalog);
  return catalog;
}

/** The catalogs loaded so far, by id: another element (or a return) builds its form at once. */
const loaded = new Map();

const wantedRuleset = (id) => (typeof id === "string" && id.trim() !== "" ? id.trim() : DEFAULT_RULESET);
/** The ruleset whose form shows for an id: that one, or for an id that is none the default. */
const shownRuleset = (id) => {
  const wanted = wantedRuleset(id);
  return RULESETS.some((r) => r.id === wanted) ? wanted : DEFAULT_RULESET;
};

let sheet;
/** One stylesheet, shared by every element of the document. */
function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}

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
  /** Units set before the catalog arrived: applied when it does. */
  #units = null;
  /** Figures for a document whose catalog is on its way: they fill its form when it is there. */
  #pending = null;
  /** Which catalog load is the latest (an attribute may change while one is on its way). */
  #loading = 0;
  /** Settles when the form is built for the catalog of the `ruleset` attribute. */
  #ready = null;
  #settle = null;
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
    // The document changes once its catalog is there: until then the form and the figures
    // stay those of the one on screen.
    else if (name === "ruleset") this.#loadCatalog();
    else if (name === "compact") this.#ui.setCompact(value !== null);
  }

  /** The figures the form stands for, exactly as they are evaluated (a fresh object each time). */
  get figures() {
    const ui = this.#mount();
    return this.#pending ? { ...this.#pending } : ui.figures;
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
        `<cluster-check>: figures must be an object of the catalog's input keys to values (or null to empty the form); got ${
          Array.isArray(figures) ? "an array" : typeof figures
        }.`,
      );
    }
    const given = figures instanceof Map ? Object.fromEntries(figures) : figures;
    // Figures that name another built-in document show that document's form: the attribute
    // follows them, and they fill its form once its catalog is there.
    const named = typeof given?.ruleset === "string" ? given.ruleset.trim() : "";
    const current = wantedRuleset(this.getAttribute("ruleset"));
    if (named !== "" && named !== current && RULESETS.some((r) => r.id === named)) {
      this.#mount();
      this.#pending = given;
      if (named === DEFAULT_RULESET) this.removeAttribute("ruleset");
      else this.setAttribute("ruleset", named);
      return;
    }
    this.#pending = null;
    this.#mount().setFigures(given);
  }

  /**
   * The unit each figure with a choice of units is shown in, by field: e.g. for henan-2014
   * { land_area: "ha", building_footprint: "mu", fixed_investment: "wan", revenue: "yi", … }
   * (a fresh object each time; empty until the catalog has loaded). `figures` are always in
   * a unit of their key (万元 for an amount typed in 亿元): keep both to give the form back
   * exactly as it was.
   */
  get units() {
    return this.#mount().units;
  }

  /**
   * Shows figures in the given units (fields left out keep theirs): the typed text is
   * converted exactly, so the figures stay the same ("685000" 万元 shows as "68.5" 亿元).
   * Setting `figures` shows every amount in its key's unit again: set the units after the
   * figures. Units set before the catalog has loaded are applied when it has.
   */
  set units(units) {
    if (units === null || typeof units !== "object" || Array.isArray(units)) {
      throw new TypeError(
        `<cluster-check>: units must be an object of field keys to unit ids of the catalog; got ${Array.isArray(units) ? "an array" : units === null ? "null" : typeof units}.`,
      );
    }
    const ui = this.#mount();
    if (ui.catalog && !this.#pending) this.#applyUnits(ui.catalog, units);
    else this.#units = { ...(this.#units ?? {}), ...units };
  }

  /** Checks units against the catalog and shows them. */
  #applyUnits(catalog, units) {
    for (const [key, unit] of Object.entries(units)) {
      const field = catalog.fields.find((f) => f.key === key);
      if (!field || field.units.length < 2 || !field.units.some((u) => u.id === unit)) {
        const choices = catalog.fields.filter((f) => f.units.length > 1).map((f) => `${f.key} (${f.units.map((u) => u.id).join(" | ")})`);
        throw new TypeError(
          `<cluster-check>: units: ${JSON.stringify(key)}: ${JSON.stringify(unit)} is not a unit of a figure of ${catalog.id}; the figures with a choice of units are ${choices.join(", ")}.`,
        );
      }
    }
    this.#ui.setUnits(units);
  }

  /** The catalog of the ruleset on screen (docs/catalog.md), or null while it loads. */
  get catalog() {
    return this.#ui?.catalog ?? null;
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

  /**
   * A promise that settles (with the element) once its form is built for its document — its
   * catalog loaded, the figures set meanwhile in the form — so that `figures` reads back as
   * the form holds them. Already settled when the catalog was loaded by another element.
   */
  get ready() {
    this.#mount();
    return this.#ready;
  }

  /** Loads the catalog of the `ruleset` attribute and builds the form for it. */
  #loadCatalog() {
    const load = ++this.#loading;
    if (!this.#settle) this.#ready = new Promise((resolve) => (this.#settle = resolve));
    const settle = () => {
      if (load !== this.#loading) return;
      this.#settle?.(this);
      this.#settle = null;
    };
    const apply = (catalog) => {
      if (load !== this.#loading || !this.#ui) return;
      this.#ui.setCatalog(catalog, this.getAttribute("ruleset"));
      if (this.#pending) {
        // Its ruleset is the attribute's now.
        const { ruleset: _, ...figures } = this.#pending;
        this.#pending = null;
        this.#ui.setFigures(figures);
      }
      if (this.#units && catalog) {
        const units = this.#units;
        this.#units = null;
        try {
          this.#applyUnits(catalog, units);
        } catch (error) {
          console.error(error);
        }
      }
      settle();
    };
    // A catalog already loaded is used at once: the form and the verdict change with the attribute.
    const cached = loaded.get(shownRuleset(this.getAttribute("ruleset")));
    if (cached) {
      apply(cached);
      return;
    }
    catalogFor(this.getAttribute("ruleset"))
      .then(apply)
      .catch((error) => {
        console.error(error);
        if (load === this.#loading) this.#ui?.setCatalog(null, this.getAttribute("ruleset"));
        settle();
      });
  }

  #mount() {
    if (this.#ui) return this.#ui;
    const figures = this.#figures;
    this.#figures = null;
    const engine = loadEngine();
    this.#ui = mountClusterCheck(this.#root, {
      lang: this.#language(),
      engine,
      catalog: loaded.get(shownRuleset(this.getAttribute("ruleset"))) ?? null,
      figures,
      ruleset: this.getAttribute("ruleset"),
      compact: this.hasAttribute("compact"),
      onReport: (report) => {
        this.dispatchEvent(new CustomEvent(CHANGE_EVENT, { detail: report, bubbles: true, composed: true }));
      },
    });
    this.#loadCatalog();
    return this.#ui;
  }
}

if (globalThis.customElements && !customElements.get(TAG_NAME)) {
  customElements.define(TAG_NAME, ClusterCheckElement);
}
