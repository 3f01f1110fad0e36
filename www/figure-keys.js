// The keys a figures object can hold: what the page's import rule (figures-file.js) counts
// a file, a link or a draft against before the engine reads it. The page names no field
// itself: the keys come from the package's list of rulesets (./pkg/rulesets/index.js, made
// from the ruleset files), every ruleset's, since a file may be for any document.
import { RULESETS } from "./pkg/rulesets/index.js";

/** How many years of a per-year figure a file may hold (the engine reads the latest few). */
const YEARS = 10;

/**
 * The keys, as a list (for suggestions): every plain key, and each per-year key
 * (`output_wan_{year}`) for the last ten years; `includes` also takes a per-year key of any
 * year, as the engine does. `most` is how many keys one figures object can hold: the
 * ruleset's count, or for the list of every ruleset's keys the largest ruleset's (a file is
 * for one document, whichever it is).
 */
class FigureKeys extends Array {
  static get [Symbol.species]() {
    return Array;
  }

  /** @type {string[]} */
  patterns = [];
  most = 0;

  includes(key) {
    if (super.includes(key)) return true;
    return typeof key === "string" && this.patterns.some((prefix) => key.startsWith(prefix) && /^[1-9]\d{3}$/.test(key.slice(prefix.length)));
  }
}

const latest = new Date().getFullYear();

function keyList(keys, most) {
  const patterns = keys.filter((key) => key.endsWith("{year}")).map((key) => key.slice(0, -"{year}".length));
  const list = FigureKeys.from([
    ...keys.filter((key) => !key.endsWith("{year}")),
    ...patterns.flatMap((prefix) => Array.from({ length: YEARS }, (_, i) => `${prefix}${latest - i}`)),
  ]);
  list.patterns = patterns;
  list.most = most ?? list.length;
  return Object.freeze(list);
}

const EACH = new Map(RULESETS.map((r) => [r.id, keyList(r.keys)]));
const ALL = keyList(
  [...new Set(RULESETS.flatMap((r) => r.keys))],
  Math.max(...[...EACH.values()].map((list) => list.length)),
);

/**
 * The keys of figures for the ruleset `id`; for an id that is no ruleset's (or none), every
 * ruleset's keys.
 * @param {string} [id]
 * @returns {readonly string[] & { most: number }}
 */
export function figureKeys(id) {
  return (typeof id === "string" && EACH.get(id)) || ALL;
}
