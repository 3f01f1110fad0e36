// The built package against the golden files that the native engine writes
// (tests/golden/, by tests/golden.rs), from both sides of the WebAssembly boundary:
//
// - the .wasm gives, for the very same input text, the very same compact decisions as the
//   native engine: the engine compiled to WebAssembly is the engine;
// - js/render.js, given those decisions and the ruleset's catalog, builds exactly the report
//   that src/render.rs builds natively: JavaScript expands templates and decides nothing.
//
// Together with tests/js/cases.test.mjs (the case files' expectations, end to end through
// evaluate), this keeps the two report builders equal without running cargo here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";

const packageRoot = new URL("./", import.meta.resolve("cluster-check"));
const glue = await import(new URL("cluster_check.js", packageRoot));
const { createRenderer } = await import(new URL("render.js", packageRoot));
const { default: catalogs } = await import(new URL("rulesets/all.js", packageRoot));
glue.initSync({ module: readFileSync(new URL("cluster_check_bg.wasm", packageRoot)) });

const dir = new URL("../golden/", import.meta.url);
const files = readdirSync(dir).filter((name) => name.endsWith(".json")).sort();

test("there are golden files for every case file", () => {
  const cases = readdirSync(new URL("../cases/", import.meta.url)).filter((name) => name.endsWith(".json"));
  for (const file of cases) assert.ok(files.includes(file), `tests/golden/${file} is missing: run UPDATE_GOLDEN=1 cargo test --test golden`);
});

for (const file of files) {
  const entries = JSON.parse(readFileSync(new URL(file, dir), "utf8"));

  test(`${file}: the .wasm decides as the native engine does`, () => {
    const input = `[${entries.map((entry) => entry.input).join(",")}]`;
    const compact = JSON.parse(glue.evaluateManyCompact(input));
    assert.equal(compact.length, entries.length);
    entries.forEach((entry, i) => assert.deepStrictEqual(compact[i], entry.compact, entry.name));
  });

  test(`${file}: render.js builds the native report from the decisions and the catalog`, () => {
    const render = createRenderer(catalogs);
    for (const entry of entries) {
      // JSON has no frozen objects: compare plain copies.
      assert.deepStrictEqual(JSON.parse(JSON.stringify(render(entry.compact))), entry.report, entry.name);
    }
  });
}
