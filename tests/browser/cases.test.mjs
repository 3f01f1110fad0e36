// Every case file of the shipped rulesets (tests/cases/*.json: henan-2014 and
// miit-2022-core) judged by the package in Chromium, on the page as it is served: the same
// reports as the installed package gives in Node, which tests/js/cases.test.mjs holds to
// each case's expectations. A boundary bug of the browser (how numbers cross, the .wasm
// as the browser compiles it) shows up here.
//
//   node --test --test-concurrency=1 tests/browser/cases.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { evaluateMany } from "cluster-check";
import { allCases, jsFigures } from "../js/case-files.mjs";
import { openPage, usePage } from "./page-support.mjs";

const state = usePage({ before, after });

test("every case file, judged in Chromium, gives the reports Node gives", async () => {
  assert.ok(allCases.some((c) => c.figures.ruleset === "miit-2022-core"), "the national ruleset's cases are among them");
  // Figures cross into the page as JSON; {"$number": "NaN"} is rebuilt there as the number.
  const figures = allCases.map((c) => c.figures);
  const { page, close } = await openPage(state);
  const inBrowser = await page.evaluate(async (figures) => {
    const { evaluateMany } = await import("./pkg/index.js");
    const special = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, "-Infinity": Number.NEGATIVE_INFINITY };
    const revive = (value) =>
      Array.isArray(value)
        ? value.map(revive)
        : value !== null && typeof value === "object" && typeof value.$number === "string"
          ? special[value.$number]
          : value;
    const records = figures.map((f) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, revive(v)])));
    return JSON.parse(JSON.stringify(evaluateMany(records)));
  }, figures);
  const inNode = JSON.parse(JSON.stringify(evaluateMany(allCases.map((c) => jsFigures(c.figures)))));
  assert.equal(inBrowser.length, allCases.length);
  inBrowser.forEach((report, i) => assert.deepEqual(report, inNode[i], `case ${JSON.stringify(allCases[i].name)}`));
  await close();
});
