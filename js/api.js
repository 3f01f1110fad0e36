// The JavaScript face of the engine: checks what it is given, turns figures into JSON that
// the engine reads exactly, crosses into WebAssembly once per call (once per chunk of a
// batch), and builds the reports from the compact decisions that come back with each
// ruleset's catalog (render.js). Shared by the browser and Node entry points.

import { createRenderer } from "./render.js";
import { RULESETS } from "./rulesets/index.js";

/** Records per crossing in evaluateMany: bounds the memory of one call. */
const CHUNK_RECORDS = 2000;
/**
 * Characters of JSON per crossing in evaluateMany, roughly: a batch of long records crosses
 * in parts of about this size, so that the engine's memory (which never shrinks) grows to
 * the largest part, not to the whole batch.
 */
const CHUNK_CHARS = 1 << 22;
/**
 * The longest text V8 can make, 2^29 − 24 characters (other engines allow more): the JSON of
 * a record longer than this cannot be written, so the record is refused before it is.
 */
const MAX_JSON_CHARS = 2 ** 29 - 24;

function describe(value) {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
  if (typeof value === "object") return "an object";
  return `${typeof value === "undefined" ? "undefined" : typeof value} ${String(value)}`.trim();
}

function isFiguresObject(value) {
  if (value === null || typeof value !== "object") return false;
  try {
    return !Array.isArray(value);
  } catch {
    return true; // a revoked Proxy: an object, which the wire reports as unreadable
  }
}

// Captured once, so that a Map is read through its own entries whatever its prototype says.
const mapForEach = Map.prototype.forEach;

/** Whether a text has no lone surrogate, which JSON would carry but the engine replaces by U+FFFD. */
const isWellFormed =
  typeof String.prototype.isWellFormed === "function"
    ? (text) => text.isWellFormed()
    : (text) => !/\p{Cs}/u.test(text); // with the u flag a lone surrogate is a code point of its own

/** A key with each lone surrogate written out as `\udXXX`, for the engine and its messages. */
const escapeLone = (text) => text.replace(/\p{Cs}/gu, (c) => "\\u" + c.charCodeAt(0).toString(16));

/**
 * Sets an own property: for `__proto__`, assignment would set the prototype instead. (A
 * prototype-less copy would need no such care, but V8 keeps such objects as dictionaries,
 * which makes copying and writing them about twice as slow.)
 */
const own = (object, key, value) => Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });

/**
 * Thrown while copying a record whose JSON could not be written. A value of its own, told
 * apart by identity: what a getter throws is never asked anything (it may be a Proxy).
 */
const TOO_LARGE = Symbol("too large");

/**
 * The records of one crossing, as the engine's JSON reader should see them. Each record is
 * copied once, every value read once, into plain data that JSON.stringify writes faithfully:
 * a getter, a Proxy or a `toJSON` cannot make JSON.stringify see anything but what was
 * judged. What the copy could not carry (a key or name with a lone surrogate, a record that
 * could not be read at all) is kept beside it, in `fixes`, and given back to the report by
 * `restore`.
 */
class Wire {
  records = [];
  /** Per record: null, or what `restore` gives back to its report. */
  fixes = [];
  /** Characters of JSON the records take, at least; and how many more they may take at most (escapes). */
  chars = 0;
  slack = 0;
  /** The same for the last record added. */
  lastChars = 0;
  lastSlack = 0;
  /** The key being read, for the message when reading it throws. */
  key = null;

  /** Copies `list[index]` in; never throws. */
  add(list, index) {
    const chars = this.chars;
    const slack = this.slack;
    let record = null;
    let fix = null;
    this.key = null;
    try {
      const copy = this.record(list[index]);
      record = copy.record;
      fix = copy.fix;
      const most = this.chars - chars + this.slack - slack;
      if (most > MAX_JSON_CHARS) {
        // It may fit, depending on how many characters need escapes: write it and see.
        this.key = null;
        try {
          this.chars = chars + JSON.stringify(record).length;
          this.slack = slack;
        } catch {
          throw TOO_LARGE; // plain data with no getters: only its length can make JSON fail
        }
      }
    } catch (thrown) {
      record = null;
      fix = { unreadable: thrown === TOO_LARGE ? tooLarge(this.key) : unreadable(this.key, thrown) };
      this.chars = chars + 4;
      this.slack = slack;
    }
    this.records.push(record);
    this.fixes.push(fix);
    this.lastChars = this.chars - chars;
    this.lastSlack = this.slack - slack;
  }

  /** Whether the records could take more than one JavaScript text holds. */
  get overfull() {
    return this.chars + this.slack > MAX_JSON_CHARS;
  }

  /** Moves the last record into a Wire of its own, which it returns. */
  takeLast() {
    const rest = new Wire();
    rest.records.push(this.records.pop());
    rest.fixes.push(this.fixes.pop());
    rest.chars = this.lastChars;
    rest.slack = this.lastSlack;
    this.chars -= this.lastChars;
    this.slack -= this.lastSlack;
    return rest;
  }

  /** One element of a batch: figures, a Map of figures, or anything else (wrong_type). */
  record(value) {
    if (value instanceof Map) {
      const copy = { record: {}, fix: null, lone: null };
      mapForEach.call(value, (item, key) => {
        this.key = typeof key === "string" ? key : String(key);
        this.member(copy, this.key, item);
      });
      return this.finish(copy);
    }
    if (isFiguresObject(value)) {
      const copy = { record: {}, fix: null, lone: null };
      const keys = Object.keys(value);
      for (let i = 0; i < keys.length; i++) {
        this.key = keys[i];
        this.member(copy, keys[i], value[keys[i]]);
      }
      return this.finish(copy);
    }
    // Not an object: the engine reports it as wrong_type. A function or symbol has no JSON
    // form, so it travels as a text naming its type.
    if (typeof value === "function" || typeof value === "symbol") return { record: `[${typeof value}]`, fix: null };
    return { record: this.value(value, false) ?? null, fix: null };
  }

  /**
   * Copies one figure into `copy.record`, an own `__proto__` key as a key like any other. A
   * key with a lone surrogate waits in `copy.lone` until every other key is in.
   */
  member(copy, key, given) {
    const value = this.value(given, false);
    if (value === undefined) return;
    if (!isWellFormed(key)) {
      (copy.lone ??= []).push(key, value);
      return;
    }
    if (key === "name" && typeof value === "string" && !isWellFormed(value)) (copy.fix ??= {}).name = value;
    if (key === "__proto__") own(copy.record, key, value);
    else copy.record[key] = value;
    this.chars += key.length + 3;
    this.slack += 5 * key.length;
  }

  /**
   * Adds the keys with a lone surrogate, each written out (`\ud800`) under a name that no
   * other key of the record has, so that two of them stay two; their reports name them as
   * given.
   */
  finish(copy) {
    const { record, lone } = copy;
    if (lone !== null) {
      const keys = ((copy.fix ??= {}).keys = new Map());
      for (let i = 0; i < lone.length; i += 2) {
        let wireKey = escapeLone(lone[i]);
        while (Object.hasOwn(record, wireKey)) wireKey += "\u00b7";
        own(record, wireKey, lone[i + 1]);
        keys.set(wireKey, lone[i]);
        this.chars += wireKey.length + 3;
        this.slack += 5 * wireKey.length;
      }
    }
    return copy;
  }

  /**
   * One figure as the engine's JSON reader should see it. Numbers are written by
   * JSON.stringify in their shortest round-trip form, so 0.1 arrives as the text "0.1";
   * NaN and ±Infinity (which JSON cannot write) and BigInts arrive as text and are read by
   * the same rules as typed text. Texts arrive whole, however long: the engine reads them
   * in one pass and shows at most 40 characters of one in a message. Anything that is not
   * a figure becomes {} so that the engine reports it as wrong_type instead of
   * JSON.stringify dropping it silently.
   */
  value(value, inList) {
    switch (typeof value) {
      case "number":
        this.chars += 1;
        this.slack += 23; // -1.2345678901234567e-300
        return Number.isFinite(value) ? value : String(value);
      case "bigint": {
        const text = value.toString();
        this.chars += text.length + 2;
        return text;
      }
      case "string":
        this.chars += value.length + 2;
        this.slack += 5 * value.length; // \u0000
        return value;
      case "boolean":
        this.chars += 5;
        return value;
      case "undefined":
        if (!inList) return undefined;
        this.chars += 4;
        return null;
      default:
        if (value === null) {
          this.chars += 4;
          return null;
        }
        this.chars += 2;
        if (!inList && Array.isArray(value)) return this.list(value);
        return {};
    }
  }

  /** A list, its length and each entry read once. */
  list(list) {
    // As JSON reads a length (only a Proxy can answer anything but a whole number).
    let length = list.length;
    if (typeof length !== "number") length = Number(length);
    length = length > 0 ? Math.floor(length) : 0;
    // Each entry takes at least two characters with its comma: longer, JSON cannot write it.
    if (!(length <= (MAX_JSON_CHARS - this.chars) / 2)) throw TOO_LARGE;
    const out = [];
    for (let i = 0; i < length; i++) {
      out.push(this.value(list[i], true));
      this.chars += 1;
    }
    return out;
  }
}

/** At most `limit` characters (code points) of a text, for a message. */
function shortly(text, limit) {
  if (text.length <= limit) return text;
  // 2·limit + 1 units hold more than `limit` code points whenever the text has that many.
  const chars = Array.from(text.slice(0, 2 * limit + 1));
  return chars.length > limit ? chars.slice(0, limit).join("") + "…" : text;
}

/** What a thrown value says, shortly; reading it may throw too. */
function thrownText(thrown) {
  let text;
  try {
    text = thrown !== null && typeof thrown === "object" ? `${String(thrown.name)}: ${String(thrown.message)}` : String(thrown);
  } catch {
    text = "?";
  }
  return shortly(text, 80);
}

/** Every check's explanation in the report of a record that could not be read. */
const UNREADABLE_CHECK = Object.freeze({
  zh: "这一条数据无法读取，无法检查。",
  en: "These figures could not be read, so nothing can be checked.",
});

/** The `unreadable` error of a record whose reading threw `thrown` (at `key`, if known). */
function unreadable(key, thrown) {
  const what = thrownText(thrown);
  const shown = key === null ? null : shortly(escapeLone(key), 40);
  return {
    field: key,
    code: "unreadable",
    message: Object.freeze(
      shown === null
        ? { zh: `这一条数据无法读取：读取时出错（${what}）。`, en: `These figures could not be read: reading them threw ${what}.` }
        : { zh: `这一条数据无法读取：读取 ${shown} 时出错（${what}）。`, en: `These figures could not be read: reading ${shown} threw ${what}.` },
    ),
  };
}

/** The `unreadable` error of a record too large to be written as JSON (at `key`, if one figure makes it so). */
function tooLarge(key) {
  return {
    field: key,
    code: "unreadable",
    message: Object.freeze({
      zh: "这一条数据无法读取：它太大，写成 JSON 文本会超出 JavaScript 所能容纳的长度。",
      en: "These figures could not be read: they are too large to be written as one JSON text in JavaScript.",
    }),
  };
}

/**
 * Gives a report back what the copy of its record could not carry: the keys with a lone
 * surrogate and the name as given, or, for a record that could not be read, its error
 * (the engine judged `null` in its place: every check invalid).
 */
function restore(report, fix, explained = true) {
  if (fix === null) return report;
  if (fix.unreadable !== undefined) {
    report.errors = [fix.unreadable];
    for (const condition of explained ? report.conditions : []) {
      for (const check of condition.checks) check.explanation = UNREADABLE_CHECK;
    }
    return report;
  }
  if (fix.keys !== undefined) {
    for (const issue of report.errors) issue.field = fix.keys.get(issue.field) ?? issue.field;
    for (const issue of report.warnings) issue.field = fix.keys.get(issue.field) ?? issue.field;
  }
  if (fix.name !== undefined) report.name = fix.name;
  return report;
}

/**
 * Builds the public API over the wasm-bindgen glue module and the catalogs of the rulesets
 * whose reports it builds (more can be added with `useCatalog`).
 * @param {{ evaluateManyCompact(s: string, form: number): string, version(): string, __wbg_reset_state(): void }} glue
 * @param {object[]} catalogs
 */
export function createApi(glue, catalogs = []) {
  /**
   * Calls into WebAssembly. The engine is built never to trap, but if it ever does, the
   * instance is re-created (a trapped instance is unusable) and the call tried once more.
   */
  function cross(fn, ...args) {
    try {
      return fn(...args);
    } catch (error) {
      if (!(error instanceof WebAssembly.RuntimeError)) throw error;
      glue.__wbg_reset_state();
      console.warn(
        `cluster-check: the WebAssembly engine stopped (${error.message}) and has been restarted. ` +
          "Please report the figures that caused this.",
      );
      try {
        return fn(...args);
      } catch (again) {
        if (!(again instanceof WebAssembly.RuntimeError)) throw again;
        glue.__wbg_reset_state();
        throw new Error(
          `cluster-check: the WebAssembly engine stopped twice on these figures (${again.message}); ` +
            "it has been restarted for the next call.",
          { cause: again },
        );
      }
    }
  }

  const render = createRenderer(catalogs);
  /** Evaluates wire records in one crossing and builds their reports (with their plans when asked). */
  function run(wire, options) {
    // The engine's forms: 0 compact, 1 compact with the plan, 2 verdicts (docs/catalog.md).
    const form = options.verdicts ? 2 : options.plan ? 1 : 0;
    const build = form === 2 ? render.verdict : render;
    return JSON.parse(cross(glue.evaluateManyCompact, JSON.stringify(wire), form)).map((flat) => build(flat, options));
  }

  /**
   * What `evaluate` and `evaluateMany` take besides the figures: { labelsOnly, plan }.
   * Anything that is not such an object is no option (`list.map(evaluate)` passes an index).
   */
  function readOptions(options) {
    const given = options !== null && typeof options === "object";
    return { labelsOnly: given && options.labelsOnly === true, plan: given && options.plan === true };
  }

  function evaluate(figures, options) {
    if (!isFiguresObject(figures)) {
      throw new TypeError(
        `cluster-check: evaluate(figures) needs an object of figures, input keys of the ruleset's catalog to values (see rulesets()); got ${describe(figures)}.`,
      );
    }
    const wanted = readOptions(options);
    const wire = new Wire();
    wire.add([figures], 0);
    return judge(wire, [], wanted)[0];
  }

  function evaluateMany(list, options) {
    return many(list, readOptions(options), "evaluateMany");
  }

  /** The verdicts of many clusters: reports without their explanations, for a table (see README). */
  function verdictsMany(list, options) {
    return many(list, { ...readOptions(options), verdicts: true }, "verdictsMany");
  }

  function many(list, wanted, name) {
    if (!Array.isArray(list)) {
      throw new TypeError(
        `cluster-check: ${name}(list) needs an array of figures objects; got ${describe(list)}.`,
      );
    }
    const reports = [];
    const count = list.length;
    let wire = new Wire();
    for (let i = 0; i < count; i++) {
      wire.add(list, i);
      // A record that could make the crossing too long for one text crosses in the next one.
      if (wire.overfull && wire.records.length > 1) {
        const last = wire.takeLast();
        judge(wire, reports, wanted);
        wire = last;
      }
      if (wire.records.length === CHUNK_RECORDS || wire.chars >= CHUNK_CHARS) {
        judge(wire, reports, wanted);
        wire = new Wire();
      }
    }
    if (wire.records.length > 0) judge(wire, reports, wanted);
    return reports;
  }

  /** Evaluates the records of `wire` in one crossing and appends their reports to `reports`. */
  function judge(wire, reports, options) {
    const made = run(wire.records, options);
    for (let i = 0; i < made.length; i++) reports.push(restore(made[i], wire.fixes[i], options.verdicts !== true));
    return reports;
  }

  /**
   * Figures counted from an enterprise roster (one row per enterprise) for `ruleset`, as
   * its roster data says, each traceable to its rows; with `figures` (one figures object or
   * an array), each cluster of the roster is matched to the figures of the same `name`, and
   * its derived figures replace the typed ones (a difference is a warning).
   */
  function figuresFromRoster(rows, options = {}) {
    if (typeof glue.rosterCompact !== "function") {
      throw new Error('cluster-check: figuresFromRoster is in "cluster-check/roster", which carries the engine that counts rosters');
    }
    if (!Array.isArray(rows)) {
      throw new TypeError(`cluster-check: figuresFromRoster(rows) needs an array of rows, one per enterprise; got ${describe(rows)}.`);
    }
    const { ruleset = RULESETS.find((r) => r.default)?.id, figures = null } = options ?? {};
    if (typeof ruleset !== "string") throw new TypeError(`cluster-check: figuresFromRoster: ruleset must be a ruleset id; got ${describe(ruleset)}.`);
    if (!render.has(ruleset) && RULESETS.some((r) => r.id === ruleset)) {
      throw new Error(`cluster-check: the catalog of ruleset ${JSON.stringify(ruleset)} is not loaded`);
    }
    const wire = new Wire();
    for (let i = 0; i < rows.length; i++) wire.add(rows, i);
    let typed = "";
    if (figures !== null && figures !== undefined) {
      const list = Array.isArray(figures) ? figures : [figures];
      const copy = new Wire();
      for (let i = 0; i < list.length; i++) copy.add(list, i);
      typed = JSON.stringify(copy.records);
    }
    const out = JSON.parse(cross(glue.rosterCompact, ruleset, JSON.stringify(wire.records), typed));
    const text = (m) => (m === null ? null : render.has(out.ruleset) ? render.message(out.ruleset, m) : m);
    const issue = (i) => ({ row: i.row, field: i.field, code: i.code, message: text(i.message) });
    // A row that could not be read crossed as null: its error says why.
    const unreadable = (i) => {
      const fix = i.row !== null && i.code === "not_an_object" ? wire.fixes[i.row - 1] : null;
      return fix?.unreadable ? { row: i.row, field: fix.unreadable.field, code: "unreadable", message: fix.unreadable.message } : issue(i);
    };
    return {
      ruleset: out.ruleset,
      clusters: out.clusters.map((c) => ({
        cluster: c.cluster,
        matched: c.matched,
        enterprises: c.enterprises,
        derived: c.derived,
        figures: c.figures,
        traces: c.traces.map((t) => ({ ...t, messages: t.messages.map(text) })),
        errors: c.errors.map(issue),
        warnings: c.warnings.map(issue),
        notes: c.notes.map(text),
      })),
      errors: out.errors.map(unreadable),
    };
  }

  function rulesets() {
    return RULESETS.map((r) => ({ id: r.id, document: r.document, issued: r.issued, title: { ...r.title }, short: { ...r.short }, default: r.default }));
  }

  function version() {
    return cross(glue.version);
  }

  /** Lets reports of one more ruleset be built (its catalog, from rulesets/<id>.js). */
  function useCatalog(catalog) {
    render.add(catalog);
  }

  return { evaluate, evaluateMany, verdictsMany, figuresFromRoster, rulesets, version, useCatalog, hasCatalog: render.has };
}
