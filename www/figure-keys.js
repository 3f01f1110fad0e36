// The keys a figures object can hold: what the page's import rule (figures-file.js) counts
// a file, a link or a draft against before the engine reads it. The page names no field
// itself: the keys come from the package's list of rulesets (./pkg/rulesets/index.js, made
// from the ruleset files), every ruleset's, since a file may be for any document.
import { RULESETS } from "./pkg/rulesets/index.js";

/** How many years of a per-year figure a file may hold (the engine reads the latest few). */
const YEARS = 10;

/**
 * The keys, as a list (for the size limit and for suggestions): every plain key, and each
 * per-year key (`output_wan_{year}`) for the last ten years; `includes` also takes a
 * per-year key of any year, as the engine does.
 */
class FigureKeys extends Array {
  static get [Symbol.species]() {
    return Array;
  }

  includes(key) {
    if (super.includes(key)) return true;
    return typeof key === "string" && PATTERNS.some((prefix) => key.startsWith(prefix) && /^[1-9]\d{3}$/.test(key.slice(prefix.length)));
  }
}

const all = [...new Set(RULESETS.flatMap((r) => r.keys))];
const PATTERNS = all.filter((key) => key.endsWith("{year}")).map((key) => key.slice(0, -"{year}".length));
const latest = new Date().getFullYear();
const KEYS = Object.freeze(
  FigureKeys.from([
    ...all.filter((key) => !key.endsWith("{year}")),
    ...PATTERNS.flatMap((prefix) => Array.from({ length: YEARS }, (_, i) => `${prefix}${latest - i}`)),
  ]),
);

/** @returns {readonly string[]} */
export function figureKeys() {
  return KEYS;
}
