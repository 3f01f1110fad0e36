// Figures from outside the form (an imported file, a share link, a saved draft): read them
// exactly and decide whether they may be applied. Nothing here touches the page.
//
// The rule, all or nothing:
//   refused (nothing applied)  the text is not JSON; it is not a figures object (or, for a
//                              re-review, an array of two); a field the Figures interface
//                              does not know; a value of the wrong type (a question answered
//                              with text, a list that is not a list); a service function or
//                              ruleset that does not exist. Every such problem is listed,
//                              per field, in the user's language.
//   loaded                     values of the right type that the engine cannot use as they
//                              are (negative, not a number, too precise, footprint larger
//                              than the land…): the form shows them with the engine's error
//                              beside the field, exactly as if they had been typed, so that
//                              they can be corrected.
// The engine decides which is which (its error codes), so the interface has one definition.

/** Engine error codes that mean "not a Figures object of the interface": refuse the whole file. */
export const REFUSED_CODES = new Set(["unknown_field", "wrong_type", "unknown_value", "unknown_ruleset", "unreadable"]);

/** Bigger than this is not a figures file (a form's figures are about 1 KB). */
export const MAX_FILE_BYTES = 1024 * 1024;

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** Deeper than this is not figures (a re-review file is 3 deep: [ { "<set field>": [ ] } ]). */
export const MAX_DEPTH = 32;

/**
 * Parses JSON text keeping numbers exact: a number written with more digits than a double
 * holds (123456789012.123456) is kept as its text, which the engine reads exactly, as it
 * would the number (the interface: "a JSON number is taken as the decimal it is written
 * as"). Where the browser does not give the source text, numbers are read as usual.
 *
 * The text is checked first (jsonError), without recursion: so an error is reported where
 * it is, by line and column (JSON.parse's own message is in English only, and words its
 * position differently in every browser), and text nested deeper than MAX_DEPTH is refused
 * before the reviver, which recurses, could overflow the stack on it. So is an object or a
 * list of more than `maxMembers` (the figures' keys, figure-keys.js): JSON.parse alone takes
 * a second or more on the 100,000 keys that a file of 1 MiB can hold.
 * @param {string} text
 * @param {{ maxMembers?: number }} [options]
 * @returns {{ ok: true, value: unknown } | { ok: false, error: JsonError, detail: string }}
 */
export function parseJson(text, { maxMembers = Infinity } = {}) {
  const error = jsonError(text, { maxMembers });
  if (error) return { ok: false, error, detail: describeJsonError(error) };
  try {
    const value = JSON.parse(text, function (key, parsed, context) {
      const source = context?.source;
      if (typeof parsed !== "number" || typeof source !== "string") return parsed;
      // An exponent form stays a number: as text, "1e5" would not be a number at all.
      return /[eE]/.test(source) || String(parsed) === source ? parsed : source;
    });
    return { ok: true, value };
  } catch (thrown) {
    // The check above and JSON.parse agree on what JSON is; should they ever differ, the
    // text is still refused, with the browser's words.
    const detail = thrown instanceof Error ? thrown.message : String(thrown);
    return { ok: false, error: { kind: "other" }, detail };
  }
}

/**
 * @typedef {{ kind: "syntax" | "end" | "empty", line: number, column: number }
 *         | { kind: "deep", line: number, column: number, max: number }
 *         | { kind: "members", line: number, column: number, count: number, max: number }
 *         | { kind: "other" }} JsonError
 * syntax: an unexpected character at line:column; end: the text ends at line:column
 * before the value does (cut short); empty: nothing but blanks; deep: the bracket at
 * line:column opens level max + 1; members: the object or list opened at line:column
 * holds count members or items, more than max.
 */

function describeJsonError(error) {
  return error.kind === "other" ? "not JSON" : `${error.kind} at line ${error.line}, column ${error.column}`;
}

const JSON_ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const isDigit = (c) => c >= "0" && c <= "9";
const isHex = (c) => /^[0-9a-fA-F]$/.test(c);

/**
 * Where JSON text (RFC 8259, as JSON.parse reads it) first goes wrong, or null when it is
 * JSON nested at most MAX_DEPTH deep, with no object or list of more than `maxMembers`.
 * One pass with an explicit stack: no recursion.
 * @returns {JsonError | null}
 */
export function jsonError(text, { maxMembers = Infinity } = {}) {
  const n = text.length;
  let i = 0;
  /** The open brackets, innermost last: "{" or "["; where each opened, and its members so far. */
  const open = [];
  const starts = [];
  const counts = [];
  /** Closes the innermost bracket at i: an error when it held too many members, else null. */
  const close = () => {
    const start = starts.pop();
    const count = counts.pop();
    open.pop();
    i++;
    return count > maxMembers ? { ...at(start, "members"), count, max: maxMembers } : null;
  };
  const at = (index, kind) => ({ kind, ...lineColumn(text, index) });
  const fail = (index) => at(index, index >= n ? "end" : "syntax");
  const skipBlanks = () => {
    for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(i)) i++;
  };
  /** Reads a string from the quote at i; returns the index of a bad character, or -1. */
  const string = () => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34 /* " */) {
        i++;
        return -1;
      }
      if (c < 32) return i;
      if (c === 92 /* \ */) {
        const e = text[i + 1];
        if (e === "u") {
          for (let k = 2; k < 6; k++) if (!isHex(text[i + k] ?? "")) return i + k;
          i += 6;
        } else if (JSON_ESCAPES.has(e)) i += 2;
        else return i + 1;
      } else i++;
    }
    return n;
  };
  /** Reads a number from i: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?; -1 or a bad index. */
  const number = () => {
    if (text[i] === "-") i++;
    if (text[i] === "0") i++;
    else if (isDigit(text[i] ?? "")) while (isDigit(text[i] ?? "")) i++;
    else return i;
    if (text[i] === ".") {
      i++;
      if (!isDigit(text[i] ?? "")) return i;
      while (isDigit(text[i] ?? "")) i++;
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      if (!isDigit(text[i] ?? "")) return i;
      while (isDigit(text[i] ?? "")) i++;
    }
    return -1;
  };

  skipBlanks();
  if (i >= n) return at(i, "empty");
  // "value": a value is expected at i; "key": a member's name; "after": a value just ended.
  let expect = "value";
  for (;;) {
    skipBlanks();
    if (expect === "value") {
      const c = text[i];
      if (c === "{" || c === "[") {
        if (open.length >= MAX_DEPTH) return { ...at(i, "deep"), max: MAX_DEPTH };
        open.push(c);
        starts.push(i);
        i++;
        skipBlanks();
        if (text[i] === (c === "{" ? "}" : "]")) {
          counts.push(0);
          close();
          expect = "after";
        } else {
          counts.push(1);
          expect = c === "{" ? "key" : "value";
        }
      } else if (c === '"') {
        const bad = string();
        if (bad >= 0) return fail(bad);
        expect = "after";
      } else if (c === "-" || isDigit(c ?? "")) {
        const bad = number();
        if (bad >= 0) return fail(bad);
        expect = "after";
      } else {
        const word = c === "t" ? "true" : c === "f" ? "false" : c === "n" ? "null" : null;
        if (word === null) return fail(i);
        for (let k = 0; k < word.length; k++) if (text[i + k] !== word[k]) return fail(i + k);
        i += word.length;
        expect = "after";
      }
    } else if (expect === "key") {
      if (text[i] !== '"') return fail(i);
      const bad = string();
      if (bad >= 0) return fail(bad);
      skipBlanks();
      if (text[i] !== ":") return fail(i);
      i++;
      expect = "value";
    } else {
      const inner = open.at(-1);
      if (inner === undefined) return i < n ? fail(i) : null;
      if (text[i] === ",") {
        i++;
        counts[counts.length - 1]++;
        expect = inner === "{" ? "key" : "value";
      } else if (text[i] === (inner === "{" ? "}" : "]")) {
        const tooMany = close();
        if (tooMany) return tooMany;
      } else return fail(i);
    }
  }
}

/** The line and column (from 1; columns in characters, not UTF-16 units) of an index of text. */
function lineColumn(text, index) {
  let line = 1;
  let start = 0;
  for (let k = text.indexOf("\n"); k !== -1 && k < index; k = text.indexOf("\n", k + 1)) {
    line++;
    start = k + 1;
  }
  let column = 1;
  for (let k = start; k < index && k < text.length; k++) {
    const code = text.charCodeAt(k);
    // The second half of a surrogate pair is the same character.
    if (!(code >= 0xdc00 && code <= 0xdfff && k > start && text.charCodeAt(k - 1) >= 0xd800 && text.charCodeAt(k - 1) <= 0xdbff)) column++;
  }
  if (index > text.length) column += index - text.length;
  return { line, column };
}

/**
 * What a parsed file holds: "single" (one figures object, or an array of one), "pair" (an
 * array of exactly two figures objects: a two-year re-review), or null.
 */
export function shapeOf(value) {
  if (isObject(value)) return "single";
  if (Array.isArray(value) && value.every(isObject)) {
    if (value.length === 1) return "single";
    if (value.length === 2) return "pair";
  }
  return null;
}

/**
 * Whether a parsed file is a report (what "export results" writes: the interface's Report,
 * or the two of a re-review) rather than figures: a ruleset that is an object, a status and
 * a list of conditions are what a report has and figures never do.
 */
export function isReport(value) {
  const one = (v) => isObject(v) && isObject(v.ruleset) && typeof v.status === "string" && Array.isArray(v.conditions);
  return one(value) || (Array.isArray(value) && value.length > 0 && value.every(one));
}

/** A refusal lists this many problems at most, then says how many more there are. */
export const MAX_LISTED = 10;

/**
 * The problems that refuse a figures object, each { field, code, message: { zh, en } }; an
 * empty list when it may be applied.
 *
 * `keys` are the keys a figures object of the ruleset can hold (figure-keys.js). An object
 * with more keys than that has an unknown one for certain: it is refused in one line
 * without calling the engine, so that a file or a draft of 100,000 keys costs nothing. An
 * unknown field is worded here, as refused (the engine's own message is meant for a report,
 * where the field is left out), with the nearest of `keys` when one is close.
 * @param {Record<string, unknown>} figures
 * @param {(figures: object) => { errors: { field: string | null, code: string, message: { zh: string, en: string } }[] }} evaluate the engine's
 * @param {readonly string[] | null} [keys]
 */
export function figuresProblems(figures, evaluate, keys = null) {
  if (!isObject(figures)) {
    return [{ field: null, code: "wrong_type", message: { zh: "不是数据对象 {…}。", en: "Not a figures object {…}." } }];
  }
  const tooMany = keys ? tooManyFields(figures, keys) : null;
  if (tooMany) return [tooMany];
  const problems = [];
  for (const error of evaluate(figures).errors) {
    if (!REFUSED_CODES.has(error.code)) continue;
    problems.push(error.code === "unknown_field" ? unknownField(error.field, keys) : error);
  }
  return problems;
}

/**
 * The problems of a figures object that its keys alone show, without the engine: more keys
 * than `keys` (one problem), else each key that is not one of `keys`. What the import rule
 * can tell before anything reads the values (a saved draft is read before the engine is ready).
 */
export function keyProblems(figures, keys) {
  if (!isObject(figures)) return figuresProblems(figures, null);
  const tooMany = tooManyFields(figures, keys);
  if (tooMany) return [tooMany];
  return Object.keys(figures)
    .filter((key) => !keys.includes(key))
    .map((key) => unknownField(key, keys));
}

function tooManyFields(figures, keys) {
  const count = Object.keys(figures).length;
  const most = keys.most ?? keys.length;
  if (count <= most) return null;
  return {
    field: null,
    code: "too_many_fields",
    message: {
      zh: `数据项目太多（${count} 项），而集群数据最多只有 ${most} 项。`,
      en: `Too many fields (${count}), where cluster figures have at most ${most}.`,
    },
  };
}

/** Longer than this, a key is cut in a message (a hostile file can hold a key of 1 MB). */
const MAX_SHOWN_KEY = 60;

function unknownField(field, keys) {
  const name = String(field);
  const shown = name.length > MAX_SHOWN_KEY ? `${name.slice(0, MAX_SHOWN_KEY)}…` : name;
  const near = keys ? nearestKey(name, keys) : null;
  return {
    field,
    code: "unknown_field",
    message: near
      ? { zh: `未知的数据项目 ${shown}（是否应为 ${near}？）。`, en: `Unknown field ${shown} (did you mean ${near}?).` }
      : { zh: `未知的数据项目 ${shown}。`, en: `Unknown field ${shown}.` },
  };
}

/**
 * The one of `keys` that `name` was probably meant to be, or null: a key that is `name`
 * with its unit (a field's stem → its keyed input key), else the nearest within two edits (a typo).
 */
function nearestKey(name, keys) {
  if (name.length > MAX_SHOWN_KEY) return null;
  const lower = name.toLowerCase();
  const withUnit = keys.find((key) => key.startsWith(`${lower}_`));
  if (withUnit) return withUnit;
  let best = null;
  let bestDistance = 3;
  for (const key of keys) {
    const distance = editDistance(lower, key, bestDistance);
    if (distance < bestDistance) [best, bestDistance] = [key, distance];
  }
  return best;
}

/** Levenshtein distance of a and b, or `bound` once it is certain to be at least that. */
function editDistance(a, b, bound) {
  if (Math.abs(a.length - b.length) >= bound) return bound;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    if (Math.min(...row) >= bound) return bound;
    previous = row;
  }
  return Math.min(previous[b.length], bound);
}
