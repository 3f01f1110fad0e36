// The JavaScript face of the engine: checks what it is given, turns figures into JSON that
// the engine reads exactly, crosses into WebAssembly once per call (once per chunk of a
// batch), and builds the reports from the compact decisions that come back with each
// ruleset's catalog (render.js). Shared by the browser and Node entry points.

import { createRenderer } from "./render.js";
import { RULESETS } from "./rulesets/index.js";

/** Records per crossing in evaluateMany: bounds the memory of one call. */
const CHUNK_RECORDS = 2000;
/** A text longer than this cannot be a figure; it is cut before crossing. */
const MAX_TEXT = 100_000;

function describe(value) {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
  if (typeof value === "object") return "an object";
  return `${typeof value === "undefined" ? "undefined" : typeof value} ${String(value)}`.trim();
}

function isFiguresObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * One figure as the engine's JSON reader should see it. Numbers are written by
 * JSON.stringify in their shortest round-trip form, so 0.1 arrives as the text "0.1";
 * NaN and ±Infinity (which JSON cannot write) and BigInts arrive as text and are read
 * by the same rules as typed text. Anything that is not a figure becomes {} so that the
 * engine reports it as wrong_type instead of JSON.stringify dropping it silently.
 */
function wireValue(value, inList) {
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? value : String(value);
    case "bigint":
      return value.toString();
    case "string":
      return value.length > MAX_TEXT ? value.slice(0, MAX_TEXT) + "…" : value;
    case "boolean":
      return value;
    case "undefined":
      return inList ? null : undefined;
    default:
      if (value === null) return null;
      if (!inList && Array.isArray(value)) return Array.from(value, (item) => wireValue(item, true));
      return {};
  }
}

function wireFigures(figures) {
  const out = {};
  for (const key of Object.keys(figures)) {
    const value = wireValue(figures[key], false);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Whether `wireValue` leaves a figure as it is, so that it needs no copy. */
function sameOnWire(value) {
  if (!Array.isArray(value)) return wireValue(value, false) === value;
  return value.toJSON === undefined && value.every((item) => wireValue(item, true) === item);
}

/**
 * Figures as JSON.stringify should see them. Most records (figures typed or read from a
 * file) are written as they are; only those with values JSON cannot carry faithfully are
 * copied with their values made explicit.
 */
function wireObject(figures) {
  if (figures.toJSON !== undefined) return wireFigures(figures);
  for (const key of Object.keys(figures)) {
    if (!sameOnWire(figures[key])) return wireFigures(figures);
  }
  return figures;
}

function wireRecord(record) {
  if (record instanceof Map) return wireFigures(Object.fromEntries(record));
  if (isFiguresObject(record)) return wireObject(record);
  // Not an object: the engine reports it as wrong_type. A function or symbol has no JSON
  // form, so it travels as a text naming its type.
  if (typeof record === "function" || typeof record === "symbol") return `[${typeof record}]`;
  return wireValue(record, false) ?? null;
}

/**
 * Builds the public API over the wasm-bindgen glue module and the catalogs of the rulesets
 * whose reports it builds (more can be added with `useCatalog`).
 * @param {{ evaluateManyCompact(s: string): string, version(): string, __wbg_reset_state(): void }} glue
 * @param {object[]} catalogs
 */
export function createApi(glue, catalogs = []) {
  /**
   * Calls into WebAssembly. The engine is built never to trap, but if it ever does, the
   * instance is re-created (a trapped instance is unusable) and the call tried once more.
   */
  function cross(fn, arg) {
    try {
      return fn(arg);
    } catch (error) {
      if (!(error instanceof WebAssembly.RuntimeError)) throw error;
      glue.__wbg_reset_state();
      console.warn(
        `cluster-check: the WebAssembly engine stopped (${error.message}) and has been restarted. ` +
          "Please report the figures that caused this.",
      );
      try {
        return fn(arg);
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
  /** Evaluates wire records in one crossing and builds their reports. */
  function run(wire) {
    return JSON.parse(cross(glue.evaluateManyCompact, JSON.stringify(wire))).map(render);
  }

  function evaluate(figures) {
    if (!isFiguresObject(figures)) {
      throw new TypeError(
        `cluster-check: evaluate(figures) needs an object of figures, such as { revenue_wan: "226247" }; got ${describe(figures)}.`,
      );
    }
    return run([wireRecord(figures)])[0];
  }

  function evaluateMany(list) {
    if (!Array.isArray(list)) {
      throw new TypeError(
        `cluster-check: evaluateMany(list) needs an array of figures objects; got ${describe(list)}.`,
      );
    }
    const reports = [];
    for (let start = 0; start < list.length; start += CHUNK_RECORDS) {
      const chunk = [];
      const end = Math.min(list.length, start + CHUNK_RECORDS);
      for (let i = start; i < end; i++) chunk.push(wireRecord(list[i]));
      for (const report of run(chunk)) reports.push(report);
    }
    return reports;
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

  return { evaluate, evaluateMany, rulesets, version, useCatalog, hasCatalog: render.has };
}
