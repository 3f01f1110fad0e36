// serde-wasm-bindgen at the boundary, measured against the shipped JSON crossing: the same
// engine with the records, the compact decisions, or both crossing as JS values
// (src/swb_experiment.rs, behind the cargo features swb-out / swb-in / swb-both, off by
// default); and the size of web-sys at its smallest (feature websys-probe).
// Run with `make bench-swb`: it builds the shipped package and five experiment builds into
// target/swb/ (one with every crossing, for speed; one per variant with only that crossing,
// for size; one with a single web-sys DOM call beside the shipped crossing, for size), then
// runs `node --expose-gc benches/swb.mjs`. Prints Markdown for BENCHMARKS.md.
//
// Each variant runs through the package's own api.js and render.js; only the one line of
// api.js that crosses (`run`) differs, so every other cost of `evaluateMany` is the same.
// Before any timing, every variant must give the shipped build's compact decisions for every
// record (the benchmark's, the golden files' inputs, the boundary records and some edge
// values); the benchmark stops if one does not.
//
// RECORDS (default 100000), PASSES (default 5): one warm-up pass of every path, then PASSES
// rounds in which every path runs one timed pass in turn, a full garbage collection before each.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { PerformanceObserver } from "node:perf_hooks";
import { makeRecords } from "./records.mjs";
import { CASES } from "./compare/boundary.mjs";

if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");
const COUNT = Number(process.env.RECORDS ?? 100_000);
const PASSES = Number(process.env.PASSES ?? 5);
const CHUNK = 2000; // records per crossing, as js/api.js
const root = new URL("../", import.meta.url);
const swbDir = new URL("target/swb/", root);

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve("cluster-check/package.json"));
const packageUrl = (file) => pathToFileURL(join(packageDir, file)).href;
const { default: catalogs } = await import(packageUrl("rulesets/all.js"));

async function loadGlue(jsUrl, wasmPath) {
  const glue = await import(jsUrl);
  glue.initSync({ module: readFileSync(wasmPath) });
  return glue;
}
const shippedGlue = await loadGlue(packageUrl("cluster_check.js"), join(packageDir, "cluster_check_bg.wasm"));
const experimentGlue = await loadGlue(new URL("experiment/cluster_check.js", swbDir).href, new URL("experiment/cluster_check_bg.wasm", swbDir));

// The package's api.js with its one crossing line replaced per variant.
const SHIPPED_RUN = "return JSON.parse(cross(glue.evaluateManyCompact, JSON.stringify(wire))).map((flat) => render(flat, options));";
const VARIANTS = [
  { id: "json", label: "JSON text in, JSON text out (as shipped)", run: SHIPPED_RUN, build: null },
  { id: "out", label: "JSON text in, JS values out", run: "return cross(glue.evaluateManyCompactOutValues, JSON.stringify(wire)).map((flat) => render(flat, options));", build: "out" },
  { id: "in", label: "JS values in, JSON text out", run: "return JSON.parse(cross(glue.evaluateManyCompactInValues, wire)).map((flat) => render(flat, options));", build: "in" },
  { id: "both", label: "JS values in, JS values out", run: "return cross(glue.evaluateManyCompactValues, wire).map((flat) => render(flat, options));", build: "both" },
];
const apiSource = readFileSync(join(packageDir, "api.js"), "utf8");
assert.ok(apiSource.includes(SHIPPED_RUN), "api.js no longer crosses as this benchmark expects: update SHIPPED_RUN");
mkdirSync(new URL("api/", swbDir), { recursive: true });
async function apiWith(name, run, glue) {
  const source = apiSource
    .replace(SHIPPED_RUN, run)
    .replace('from "./render.js"', `from ${JSON.stringify(packageUrl("render.js"))}`)
    .replace('from "./rulesets/index.js"', `from ${JSON.stringify(packageUrl("rulesets/index.js"))}`);
  const file = new URL(`api/${name}.mjs`, swbDir);
  writeFileSync(file, source);
  const { createApi } = await import(file.href);
  return createApi(glue, catalogs);
}
const shippedApi = await apiWith("shipped", SHIPPED_RUN, shippedGlue);
for (const v of VARIANTS) v.api = await apiWith(v.id, v.run, experimentGlue);

// The crossing alone, per variant: chunks of the (already wire-ready) records in, compact
// decisions out as JS arrays, no report built.
const chunked = (list, f) => {
  const out = [];
  for (let i = 0; i < list.length; i += CHUNK) for (const flat of f(list.slice(i, i + CHUNK))) out.push(flat);
  return out;
};
const CROSS = {
  shipped: (chunk) => JSON.parse(shippedGlue.evaluateManyCompact(JSON.stringify(chunk))),
  json: (chunk) => JSON.parse(experimentGlue.evaluateManyCompact(JSON.stringify(chunk))),
  out: (chunk) => experimentGlue.evaluateManyCompactOutValues(JSON.stringify(chunk)),
  in: (chunk) => JSON.parse(experimentGlue.evaluateManyCompactInValues(chunk)),
  both: (chunk) => experimentGlue.evaluateManyCompactValues(chunk),
};

// ------------------------------------------------------------------ the same decisions

const records = makeRecords(COUNT);
const golden = readdirSync(new URL("tests/golden/", root))
  .filter((name) => name.endsWith(".json"))
  .flatMap((name) => JSON.parse(readFileSync(new URL(`tests/golden/${name}`, root), "utf8")).map((entry) => JSON.parse(entry.input)));
const edge = [
  { revenue_wan: NaN, rd_expense_wan: Infinity, investment_wan: -Infinity },
  { revenue_wan: 10n ** 30n, related_smes: 2n },
  { revenue_wan: 1e21, rd_expense_wan: 1e-7, leading_enterprises: -0, related_smes: 2 ** 53 + 2 },
  { revenue_wan: 0.1 + 0.2, land_area_mu: 1 / 3, name: "名\u0000\"\\\n😀", year: 2024.5 },
  { service_functions: ["testing", undefined, null, 3, ["ip"], { a: 1 }], nested: { deep: [1, 2] }, when: new Date(0) },
  new Map([["revenue_wan", 226247], ["rd_expense_wan", 2262.47]]),
  { ruleset: "nowhere" },
  { ruleset: 7 },
  Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i])),
  [1, "two", null, [3]],
  "text",
  42,
  null,
  undefined,
  true,
];
const checkRecords = [...records, ...golden, ...CASES.map((kase) => kase.figures), ...edge];
/** Checks every variant against the shipped build; in a function, so that the reports it
 * makes are garbage before the timing starts (a large live heap slows every pass's GC). */
function checkVariants() {
  const expectedReports = shippedApi.evaluateMany(checkRecords);
  const expectedCompact = chunked(records, CROSS.shipped);
  for (const v of VARIANTS) {
    assert.deepStrictEqual(chunked(records, CROSS[v.id]), expectedCompact, `${v.id}: the compact decisions of the benchmark's records differ`);
    const reports = v.api.evaluateMany(checkRecords);
    assert.equal(reports.length, expectedReports.length);
    reports.forEach((report, i) => assert.deepStrictEqual(report, expectedReports[i], `${v.id}: record ${i} differs`));
    assert.deepStrictEqual(v.api.evaluate(edge[3]), shippedApi.evaluate(edge[3]), `${v.id}: evaluate differs`);
  }
  return checkRecords.length;
}
const checked = checkVariants();

// ------------------------------------------------------------------ timing

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ["gc"] });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

const texts = chunked(records, (chunk) => [JSON.stringify(chunk)]);
const compactTexts = chunked(records, (chunk) => [shippedGlue.evaluateManyCompact(JSON.stringify(chunk))]);
const paths = [
  { label: "`evaluateMany`, shipped package (JSON both ways)", pass: () => shippedApi.evaluateMany(records) },
  ...VARIANTS.map((v) => ({ label: `\`evaluateMany\`, experiment build: ${v.label}`, pass: () => v.api.evaluateMany(records) })),
  { label: "crossing only, shipped package (JSON both ways)", pass: () => chunked(records, CROSS.shipped) },
  ...VARIANTS.map((v) => ({ label: `crossing only, experiment build: ${v.label}`, pass: () => chunked(records, CROSS[v.id]) })),
  { label: "part of the JSON crossing: `JSON.stringify` of the records", pass: () => chunked(records, (chunk) => [JSON.stringify(chunk)]) },
  { label: "part of the JSON crossing: the engine call alone (text in, text out)", pass: () => texts.map((text) => shippedGlue.evaluateManyCompact(text).length) },
  { label: "part of the JSON crossing: `JSON.parse` of the compact decisions", pass: () => compactTexts.map((text) => JSON.parse(text)) },
];

const loadAtStart = loadavg()[0];
for (const path of paths) {
  path.pass();
  path.rates = [];
  path.gc = [];
}
for (let round = 0; round < PASSES; round++) {
  for (const path of paths) {
    globalThis.gc();
    await settle();
    gcMs = 0;
    const start = process.hrtime.bigint();
    path.pass();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    await settle();
    path.rates.push((COUNT / ms) * 1000);
    path.gc.push(gcMs / ms);
  }
}
const loadAtEnd = loadavg()[0];

// ------------------------------------------------------------------ size

const wasmFiles = [
  { label: "shipped: JSON text both ways", dir: packageDir },
  ...VARIANTS.filter((v) => v.build).map((v) => ({ label: `${v.label} only`, dir: new URL(`${v.build}/`, swbDir).pathname })),
  { label: "the speed build: all four crossings", dir: new URL("experiment/", swbDir).pathname },
  { label: "shipped + web-sys: one DOM call from Rust (`appendParagraph`)", dir: new URL("websys/", swbDir).pathname },
];
for (const w of wasmFiles) {
  const path = join(w.dir, "cluster_check_bg.wasm");
  const bytes = readFileSync(path);
  w.bytes = bytes.length;
  w.zlib = gzipSync(bytes, { level: 9 }).length;
  // As BENCHMARKS.md's figures: `gzip -9c FILE | wc -c` (the header holds the file name).
  w.gzip = execFileSync("gzip", ["-9c", path], { maxBuffer: 1 << 24 }).length;
  // The wasm-bindgen glue that goes with it (the package ships it minified by its build,
  // so this is only for comparing the builds with each other).
  w.glue = execFileSync("gzip", ["-9c", join(w.dir, "cluster_check.js")], { maxBuffer: 1 << 24 }).length;
}
const websysGlue = readFileSync(join(wasmFiles.at(-1).dir, "cluster_check.js"), "utf8");
assert.ok(websysGlue.includes("appendParagraph"), "the web-sys build has no appendParagraph");

// ------------------------------------------------------------------ report

const fmt = (n) => Math.round(n).toLocaleString("en-US");
const pct = (x) => `${Math.round(x * 100)}%`;
console.log(
  `Node ${process.version}, ${cpus().length} × ${cpus()[0].model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${new Date().toISOString().slice(0, 10)}`,
);
console.log(`Every variant gave the shipped decisions for ${fmt(checked)} records.`);
console.log(`${fmt(COUNT)} records, ${PASSES} rounds after one warm-up; load average (1 min) ${loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end\n`);
console.log("| path | records/s (median) | min – max | µs per record | garbage collection |");
console.log("|---|---:|---:|---:|---:|");
for (const p of paths) {
  const m = median(p.rates);
  console.log(`| ${p.label} | ${fmt(m)} | ${fmt(Math.min(...p.rates))} – ${fmt(Math.max(...p.rates))} | ${(1e6 / m).toFixed(2)} | ${pct(median(p.gc))} |`);
}
console.log("\n| .wasm | bytes | gzipped, Node zlib level 9 | `gzip -9` | glue .js, `gzip -9` (unminified) |");
console.log("|---|---:|---:|---:|---:|");
for (const w of wasmFiles) console.log(`| ${w.label} | ${fmt(w.bytes)} | ${fmt(w.zlib)} | ${fmt(w.gzip)} | ${fmt(w.glue)} |`);
