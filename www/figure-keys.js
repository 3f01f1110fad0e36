// The keys a figures object of the ruleset can hold: what the page's import rule
// (figures-file.js) counts a file, a link or a draft against before the engine reads it.
// The page names no field itself: the keys come from the element's form (./pkg/ui/fields.js),
// the one place that knows them, so this is the one function to point at a ruleset's
// catalog (its meta and every field's `keys`) when the page reads one.
import { FIELDS, UNITS } from "./pkg/ui/fields.js";

/** The figures' keys: `ruleset`, then every field's, one per unit the figures are keyed by. */
const KEYS = Object.freeze([
  "ruleset",
  ...Object.entries(FIELDS).flatMap(([key, field]) => {
    if (field.kind === "money") return [`${key}_wan`]; // 亿元 is typed, but sent in 万元
    if (field.kind === "area") return UNITS.area.map((unit) => `${key}_${unit.id}`);
    return [key];
  }),
]);

/** @returns {readonly string[]} */
export function figureKeys() {
  return KEYS;
}
