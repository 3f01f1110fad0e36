// The shared case files (tests/cases/*.json), read for the Node tests. JSON cannot write the
// JavaScript numbers NaN, Infinity and -Infinity, so in a case's figures {"$number": "NaN"}
// stands for them; the helpers below turn a case's figures into what a caller passes.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";

const casesDir = new URL("../cases/", import.meta.url);

/** [{ file, cases }] of a folder, in file order. */
export function readCaseFiles(dir) {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((file) => ({ file, cases: JSON.parse(readFileSync(new URL(file, dir), "utf8")) }));
}

/** The shipped rulesets' case files. */
export const caseFiles = readCaseFiles(casesDir);

/** Every case of every file, in order. */
export const allCases = caseFiles.flatMap(({ cases }) => cases);

/** Maps each figure of `figures` (an object) with `special` for a {"$number": text} value. */
function mapFigures(figures, special) {
  assert.ok(figures !== null && typeof figures === "object" && !Array.isArray(figures), "figures must be an object");
  const figure = (value) => {
    if (Array.isArray(value)) return value.map(figure);
    if (value !== null && typeof value === "object" && typeof value.$number === "string") {
      assert.ok(
        ["NaN", "Infinity", "-Infinity"].includes(value.$number),
        `unknown $number ${JSON.stringify(value.$number)} in a case file`,
      );
      return special(value.$number);
    }
    return value;
  };
  return Object.fromEntries(Object.entries(figures).map(([key, value]) => [key, figure(value)]));
}

/** A case's figures as a JavaScript caller passes them: {"$number": "NaN"} is NaN. */
export const jsFigures = (figures) => mapFigures(figures, Number);

/** The same figures with {"$number": "NaN"} as the text "NaN": what the package hands the engine for NaN. */
export const textFigures = (figures) => mapFigures(figures, String);

// ------------------------------------------------------------------ comparing

const allChecks = (report) => report.conditions.flatMap((condition) => condition.checks);

/** Compares one `expect` map (id → wanted) with a field of the report's conditions or checks. */
function compareMap(report, expect, key, field, failures) {
  const wanted = expect[key];
  if (wanted === undefined) return;
  for (const [id, want] of Object.entries(wanted)) {
    const item =
      key === "conditions"
        ? report.conditions.find((condition) => condition.id === id)
        : allChecks(report).find((check) => check.id === id);
    if (item === undefined) {
      failures.push(`${key}.${id}: no such ${key === "conditions" ? "condition" : "check"}`);
    } else if (!Object.hasOwn(item, field)) {
      failures.push(`${key}.${id}: the report has no "${field}"`);
    } else if (!isDeepStrictEqual(item[field], want)) {
      failures.push(`${key}.${id}: expected ${JSON.stringify(want)}, got ${JSON.stringify(item[field])}`);
    }
  }
}

function isDeepStrictEqual(a, b) {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

const errorKey = (e) => JSON.stringify([e.field, e.code]);

/** What a case asks `evaluate` for besides the figures (`options`, e.g. `{ plan: true }`). */
export const caseOptions = (testCase) => testCase.options ?? {};

/** Every way the report differs from the case; empty when it passes. `options` as the case gives them. */
export function caseFailures(report, expect, options = {}) {
  const failures = [];
  // A plan only when asked for; `expect.plan` gives members that must be exactly so.
  if (Object.hasOwn(report, "plan") !== (options.plan === true)) failures.push(options.plan ? "no plan" : "a plan that was not asked for");
  for (const [key, want] of Object.entries(expect.plan ?? {})) {
    if (!isDeepStrictEqual(report.plan?.[key], want)) failures.push(`plan.${key}: expected ${JSON.stringify(want)}, got ${JSON.stringify(report.plan?.[key])}`);
  }
  for (const key of ["status", "eligible", "tier"]) {
    if (Object.hasOwn(expect, key) && report[key] !== expect[key]) {
      failures.push(`${key}: expected ${JSON.stringify(expect[key])}, got ${JSON.stringify(report[key])}`);
    }
  }
  compareMap(report, expect, "conditions", "status", failures);
  for (const [key, field] of [
    ["checks", "status"],
    ["values", "value"],
    ["thresholds", "threshold"],
    ["units", "unit"],
    ["gaps", "gap"],
    ["gap_fields", "gap_field"],
  ]) {
    compareMap(report, expect, key, field, failures);
  }

  // errors: absent means none; warnings: checked only when present.
  for (const [list, required] of [["errors", true], ["warnings", false]]) {
    if (!required && expect[list] === undefined) continue;
    const got = report[list].map(errorKey).sort();
    const want = (expect[list] ?? []).map(errorKey).sort();
    if (!isDeepStrictEqual(got, want)) {
      failures.push(`${list}: expected [${want.join(", ")}], got [${got.join(", ")}]`);
    }
  }
  for (const error of [...report.errors, ...report.warnings]) {
    for (const lang of ["zh", "en"]) {
      const text = error.message?.[lang];
      if (typeof text !== "string" || text === "") {
        failures.push(`error ${error.code} has no ${lang} message`);
      } else if (typeof error.field === "string" && !text.includes(error.field)) {
        failures.push(`${lang} message of ${error.code} does not name ${error.field}: ${text}`);
      }
    }
  }
  return failures;
}

