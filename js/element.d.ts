// Types of `cluster-check/element`: the <cluster-check> custom element. Importing the module
// registers the element; these declarations type it, its attributes, its `figures`
// property and its `cluster-check-change` event (also on document.querySelector and
// document.createElement through HTMLElementTagNameMap).

import type { Figures, Report, RulesetId, RulesetMap } from "./index.js";

/** The languages of the `lang` attribute (another value reads as the closest: "en-GB" → en, else zh). */
export type ClusterCheckLanguage = "zh" | "en";

/** The unit each figure with a choice of units is shown in, for every ruleset: e.g. `{ revenue: "yi", land_area: "mu" }`. */
export type ClusterCheckUnits = RulesetMap[RulesetId]["units"];

/** The event after every evaluation: `detail` is the report. Bubbles and crosses shadow roots. */
export type ClusterCheckChangeEvent = CustomEvent<Report>;

/**
 * The whole self-assessment (form and results) in an open shadow root.
 *
 * Attributes: `lang` (`zh` | `en`; without it, the closest `lang` around the element, else
 * `zh`), `ruleset` (the document: its form, and the `ruleset` figure), `compact` (results
 * first, one column).
 */
export declare class ClusterCheckElement extends HTMLElement {
  static readonly observedAttributes: readonly ["lang", "ruleset", "compact"];
  /**
   * The figures the form stands for, exactly as the element evaluates them (a fresh object
   * on every read): typed text as typed, amounts in 万元 (a figure typed in 亿元 is shifted
   * exactly), the land in the unit chosen, unanswered questions left out. While the form
   * shows a plan's figures as a what-if (试算), still the figures typed.
   *
   * Setting it fills the form and evaluates: a number shows as the decimal it is written as
   * (226247 → "226247"), text as given; a figure the form cannot show (an unknown field, a
   * wrong type) is kept and evaluated as given, so that its error is reported. `null` empties
   * the form.
   * @throws {TypeError} when set to something that is not an object (a number, a string, an array).
   */
  get figures(): Figures;
  set figures(figures: Figures | null | undefined);
  /**
   * The unit each figure with a choice of units is shown in (a fresh object on every read;
   * empty until the catalog has loaded). `figures` are in the unit of their key (an amount
   * typed in 亿元 is sent in 万元): keep both to give the form back exactly as it was.
   *
   * Setting it shows the given figures in those units (fields left out keep theirs): the
   * typed text is converted exactly, so the figures stay exactly the same ("685000" 万元
   * shows as "68.5" 亿元). Setting `figures` shows every figure in its key's unit again: set
   * the units after the figures. Units set before the catalog has loaded are applied then.
   * @throws {TypeError} for something that is not an object, or (once the catalog is there) a field without a choice of units or a unit it does not have.
   */
  get units(): ClusterCheckUnits;
  set units(units: ClusterCheckUnits);
  /**
   * Settles (with the element) once the form is built for its document: the catalog of its
   * ruleset loaded and the figures set meanwhile in the form.
   */
  readonly ready: Promise<ClusterCheckElement>;
  /** The catalog of the ruleset on screen (see the package's docs/catalog.md), or null while it loads. */
  readonly catalog: { id: RulesetId; [member: string]: unknown } | null;
  /**
   * The latest report of the figures typed, with its joint plan (`plan`, as
   * `evaluate(figures, { plan: true })` gives it), or null before the engine has evaluated
   * anything. During a what-if (试算), still the report of the figures typed.
   */
  readonly report: Report | null;
  /** The `ruleset` attribute: which document (null: the default, `henan-2014`). */
  ruleset: string | null;
  /** The `compact` attribute. */
  compact: boolean;
}

/** "cluster-check". */
export declare const TAG_NAME: "cluster-check";
/** "cluster-check-change". */
export declare const CHANGE_EVENT: "cluster-check-change";

declare global {
  interface HTMLElementTagNameMap {
    "cluster-check": ClusterCheckElement;
  }
  // The event bubbles and is composed: a host can listen on any ancestor or the document.
  interface HTMLElementEventMap {
    "cluster-check-change": ClusterCheckChangeEvent;
  }
  interface DocumentEventMap {
    "cluster-check-change": ClusterCheckChangeEvent;
  }
}
