// The built package and the native engine must give the very same reports — statuses,
// values, gaps and every explanation — for every case file. The package builds its reports
// in JavaScript from compact verdicts (js/render.js); the native engine writes them in
// Rust (src/render.rs): this test keeps the two in step.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { evaluateMany } from "cluster-check";

const root = new URL("../../", import.meta.url);
const cases = readdirSync(new URL("tests/cases/", root))
  .filter((name) => name.endsWith(".json"))
  .sort()
  .flatMap((file) => JSON.parse(readFileSync(new URL(`tests/cases/${file}`, root), "utf8")));

// NaN and ±Infinity travel from JavaScript as text; give the native engine the same text.
const asText = (value) =>
  Array.isArray(value)
    ? value.map(asText)
    : value !== null && typeof value === "object" && typeof value.$number === "string"
      ? value.$number
      : value;
const asNumber = (value) =>
  Array.isArray(value)
    ? value.map(asNumber)
    : value !== null && typeof value === "object" && typeof value.$number === "string"
      ? Number(value.$number)
      : value;
const mapFigures = (f, fn) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, fn(v)]));
const extra = [{}, { ruleset: "henan-2099" }, 5, null, "x", [1], true];

test("the package's reports equal the native engine's, explanations included", () => {
  const nativeInput = [...cases.map((c) => mapFigures(c.figures, asText)), ...extra];
  const native = JSON.parse(
    execFileSync("cargo", ["run", "--quiet", "--example", "evaluate", "--", "-"], {
      cwd: root,
      input: JSON.stringify(nativeInput),
      encoding: "utf8",
      maxBuffer: 1 << 30,
    }),
  );
  const packaged = evaluateMany([...cases.map((c) => mapFigures(c.figures, asNumber)), ...extra]);
  assert.equal(packaged.length, native.length);
  packaged.forEach((report, i) => {
    assert.deepStrictEqual(report, native[i], `case ${cases[i]?.name ?? JSON.stringify(extra[i - cases.length])}`);
  });
});
