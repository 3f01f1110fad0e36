// One cell read as a figure of a given kind. What a cell holds is passed to the engine as
// typed wherever the engine reads it the same way (text numbers with separators and
// full-width digits); what the engine cannot read the same way (是/否, a list of names, a
// unit to convert) is read here, exactly. A cell that cannot be read is passed on as text
// that the engine rejects for that field, so that only the checks needing it are invalid.

import { scaleDecimal } from "./decimal.js";
import { normalize, nameVariants } from "./header.js";

// 是/否, 有/无, √/×, Y/N, yes/no, true/false, 1/0 (batch.md), compared after NFKC and case folding.
const YES = new Set(["是", "有", "√", "y", "yes", "true", "1"]);
const NO = new Set(["否", "无", "×", "n", "no", "false", "0"]);

/** A yes/no cell as true or false, or null when it is neither. */
export function readYesNo(cell) {
  if (cell.type === "bool") return cell.text === "TRUE";
  // As nearly every cell writes it (是, 否, √, 1): no need to normalize.
  if (YES.has(cell.text)) return true;
  if (NO.has(cell.text)) return false;
  const word = normalize(cell.text);
  if (YES.has(word)) return true;
  if (NO.has(word)) return false;
  return null;
}

/** Cells that hold no usable value: an error value, or a formula never calculated. */
export function unusableCell(cell) {
  if (cell.type === "formula") return "formula_not_calculated";
  if (cell.type === "error") return "formula_error";
  return null;
}

// A list of a set's values, by label or id, separated by 、，,;； or a line break (batch.md).
const LIST_SEPARATORS = /[、，,;；\n\r]+/;
const NONE = new Set(["无", "没有", "none", "-", "—", "/"]);

/**
 * A cell listing values of a set: { ids, unknown } with the ids of the values named (in
 * the set's order) and the pieces that name none. A piece is first matched whole (English
 * names have spaces), then word by word.
 */
export function readList(text, values) {
  const lookup = new Map();
  for (const value of values) for (const name of value.names) for (const v of nameVariants(name)) lookup.set(v, value.id);
  const found = new Set();
  const unknown = [];
  for (const piece of String(text).split(LIST_SEPARATORS)) {
    const trimmed = piece.trim();
    if (trimmed === "" || NONE.has(normalize(trimmed))) continue;
    const whole = lookup.get(normalize(trimmed));
    if (whole) {
      found.add(whole);
      continue;
    }
    for (const word of trimmed.split(/\s+/)) {
      const id = lookup.get(normalize(word));
      if (id) found.add(id);
      else unknown.push(word);
    }
  }
  return { ids: values.map((v) => v.id).filter((id) => found.has(id)), unknown };
}

/**
 * A number cell for the engine: the decimal text as typed or as the cell shows it,
 * converted by `factor` when the column's unit is not one the engine has a key for.
 * Returns { value } or { value, problem: { code, … } } where value is text the engine
 * rejects for this field.
 */
export function readNumber(cell, factor, from) {
  if (!factor) return { value: cell.text };
  const scaled = scaleDecimal(cell.text, factor);
  if (scaled.text !== undefined) return { value: scaled.text };
  // Passed on with its unit, so that the engine cannot take it as a number in the wrong unit.
  const value = `${cell.text} ${from.zh}`;
  return { value, problem: { code: scaled.inexact ? "inexact_unit" : "not_a_number", value: cell.text } };
}
