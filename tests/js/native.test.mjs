// The built package and the native engine must give the very same reports — statuses,
// values, gaps and every explanation — for every case file. The package builds its reports
// in JavaScript from compact verdicts (js/render.js); the native engine writes them in
// Rust (src/render.rs): this test keeps the two in step.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { evaluateMany } from "cluster-check";
import { allCases as cases, jsFigures, textFigures } from "./case-files.mjs";

const root = new URL("../../", import.meta.url);
const extra = [{}, { ruleset: "henan-2099" }, 5, null, "x", [1], true];

test("the package's reports equal the native engine's, explanations included", () => {
  const nativeInput = [...cases.map((c) => textFigures(c.figures)), ...extra];
  const native = JSON.parse(
    execFileSync("cargo", ["run", "--quiet", "--example", "evaluate", "--", "-"], {
      cwd: root,
      input: JSON.stringify(nativeInput),
      encoding: "utf8",
      maxBuffer: 1 << 30,
    }),
  );
  const packaged = evaluateMany([...cases.map((c) => jsFigures(c.figures)), ...extra]);
  assert.equal(packaged.length, native.length);
  packaged.forEach((report, i) => {
    assert.deepStrictEqual(report, native[i], `case ${cases[i]?.name ?? JSON.stringify(extra[i - cases.length])}`);
  });
});
