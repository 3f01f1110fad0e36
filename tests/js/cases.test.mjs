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
// - `options` (optional) is what evaluate is given besides the figures ({"plan": true});
//   `expect.plan` gives members of the report's `plan` that must be exactly so.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { evaluate, evaluateMany } from "cluster-check";
import { caseFailures, caseFiles as files, caseOptions, jsFigures as figures } from "./case-files.mjs";

test("the case files hold at least 200 cases", () => {
  const count = files.reduce((sum, { cases }) => sum + cases.length, 0);
  assert.ok(count >= 200, `only ${count} cases found in tests/cases`);
});

for (const { file, cases } of files) {
  describe(file, () => {
    for (const testCase of cases) {
      test(testCase.name, () => {
        const report = evaluate(figures(testCase.figures), caseOptions(testCase));
        assert.deepStrictEqual(caseFailures(report, testCase.expect, caseOptions(testCase)), []);
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

test("evaluateMany with { plan: true } gives the reports of evaluate with it, a plan in each", () => {
  const all = files.flatMap(({ cases }) => cases.map((testCase) => figures(testCase.figures)));
  const many = evaluateMany(all, { plan: true });
  for (const [i, record] of all.entries()) {
    assert.ok(Object.hasOwn(many[i], "plan"), `record ${i} has no plan`);
    assert.deepStrictEqual(many[i], evaluate(record, { plan: true }), `record ${i}: ${JSON.stringify(record)}`);
  }
});
