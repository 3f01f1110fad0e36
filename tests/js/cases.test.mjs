// Runs the shared test cases (tests/cases/*.json) through the built npm package, installed
// from its tarball as a user gets it. tests/cases.rs runs the same files against the native
// engine with the same rules, so the two can never disagree silently:
//
// - A case is { name, figures, expect }. Every key of `expect` is optional except `errors`:
//   absent means the report must have none; present, the report's errors must be exactly
//   that multiset of (field, code).
// - {"$number": "NaN"} in figures stands for the JavaScript number NaN (likewise Infinity,
//   -Infinity), which JSON cannot write.
// - Every error message names its field in both languages.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { evaluate, evaluateMany } from "cluster-check";
import { caseFiles as files, jsFigures as figures } from "./case-files.mjs";

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

/** Every way the report differs from the case; empty when it passes. */
function caseFailures(report, expect) {
  const failures = [];
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

test("the case files hold at least 200 cases", () => {
  const count = files.reduce((sum, { cases }) => sum + cases.length, 0);
  assert.ok(count >= 200, `only ${count} cases found in tests/cases`);
});

for (const { file, cases } of files) {
  describe(file, () => {
    for (const testCase of cases) {
      test(testCase.name, () => {
        const report = evaluate(figures(testCase.figures));
        assert.deepStrictEqual(caseFailures(report, testCase.expect), []);
      });
    }
  });
}

test("evaluateMany over every case in one call gives the reports of evaluate", () => {
  const all = files.flatMap(({ cases }) => cases.map((testCase) => figures(testCase.figures)));
  const many = evaluateMany(all);
  assert.equal(many.length, all.length);
  for (const [i, record] of all.entries()) {
    assert.deepStrictEqual(many[i], evaluate(record), `record ${i}: ${JSON.stringify(record)}`);
  }
});
