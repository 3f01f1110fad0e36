// Types of `cluster-check/element`: the <cluster-check> custom element. Importing the module
// registers the element; these declarations type it, its attributes, its `figures`
// property and its `cluster-check-change` event (also on document.querySelector and
// document.createElement through HTMLElementTagNameMap).

import type { Figures, Report } from "./index.js";

/** The languages of the `lang` attribute (another value reads as the closest: "en-GB" → en, else zh). */
export type ClusterCheckLanguage = "zh" | "en";

/** The form fields of the amounts of money (their figures are `<field>_wan`). */
export type ClusterCheckMoneyField = "fixed_investment" | "revenue" | "leading_industry_revenue" | "rd_expense";

/** The unit an amount of money is shown in: "wan" (万元) or "yi" (亿元). */
export type ClusterCheckMoneyUnit = "wan" | "yi";

/** The event after every evaluation: `detail` is the report. Bubbles and crosses shadow roots. */
export type ClusterCheckChangeEvent = CustomEvent<Report>;

/**
 * The whole self-assessment (form and results) in an open shadow root.
 *
 * Attributes: `lang` (`zh` | `en`; without it, the closest `lang` around the element, else
 * `zh`), `ruleset` (sent as the `ruleset` figure), `compact` (results first, one column).
 */
export declare class ClusterCheckElement extends HTMLElement {
  static readonly observedAttributes: readonly ["lang", "ruleset", "compact"];
  /**
   * The figures the form stands for, exactly as the element evaluates them (a fresh object
   * on every read): typed text as typed, amounts in 万元 (a figure typed in 亿元 is shifted
   * exactly), the land in the unit chosen, unanswered questions left out.
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
   * The unit each amount of money is shown in (a fresh object on every read). `figures` are
   * always in 万元 and do not say which unit was typed: keep both to give the form back
   * exactly as it was.
   *
   * Setting it shows the given amounts in those units (fields left out keep theirs): the
   * typed text moves its decimal point, so the figures stay exactly the same ("685000" 万元
   * shows as "68.5" 亿元). Setting `figures` shows every amount in 万元 again: set the units
   * after the figures.
   * @throws {TypeError} for something that is not an object, a field that is not an amount, or another unit.
   */
  get units(): Record<ClusterCheckMoneyField, ClusterCheckMoneyUnit>;
  set units(units: Partial<Record<ClusterCheckMoneyField, ClusterCheckMoneyUnit>>);
  /** The latest report, or null before the engine has evaluated anything. */
  readonly report: Report | null;
  /** The `ruleset` attribute (null: the engine's default, `henan-2014`). */
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
