// Throughput of cluster-check in Node over 100,000 seeded records, and where the time goes:
// the crossing into WebAssembly and back, building the report objects, and the garbage
// collector that has to move every report a caller keeps. Beside them the cost of merely
// copying such reports in plain JavaScript (benches/copy-reports.mjs), a plain JavaScript
// implementation of the same rules (floats, no explanations), and the size of the .wasm.
// Run with `make bench` (it builds and installs the package first, then runs
// `node --expose-gc benches/throughput.mjs`). Prints Markdown for BENCHMARKS.md.
//
// RECORDS (default 100000), PASSES (default 5) timed passes after one warm-up pass.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { PerformanceObserver } from "node:perf_hooks";
import { evaluate, evaluateMany, version } from "cluster-check";
import { makeRecords } from "./records.mjs";
import { referenceEvaluate } from "./reference.mjs";
import { copyReport } from "./copy-reports.mjs";

if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");
const COUNT = Number(process.env.RECORDS ?? 100_000);
const PASSES = Number(process.env.PASSES ?? 5);
const CHUNK = 2000; // records per crossing, as js/api.js
const records = makeRecords(COUNT);

// The package's internals, for the split: its wasm-bindgen glue and its report builder.
const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve("cluster-check/package.json"));
const internal = async (file) => import(pathToFileURL(join(packageDir, file)).href);
const glue = await internal("cluster_check.js");
const { createRenderer } = await internal("render.js");
const { default: catalogs } = await internal("rulesets/all.js");
const render = createRenderer(catalogs);
const cross = (list) => {
  const out = [];
  for (let i = 0; i < list.length; i += CHUNK) {
    for (const flat of JSON.parse(glue.evaluateManyCompact(JSON.stringify(list.slice(i, i + CHUNK))))) out.push(flat);
  }
  return out;
};
const compact = cross(records);

// Garbage-collection time, summed from the runtime's own "gc" performance entries.
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ["gc"] });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0)); // lets gc entries arrive

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** Runs `pass` once to warm up, then PASSES times; each pass keeps what it returns until it ends. */
async function time(label, pass) {
  pass();
  const rates = [];
  const gcShares = [];
  for (let i = 0; i < PASSES; i++) {
    globalThis.gc();
    await settle();
    gcMs = 0;
    const start = process.hrtime.bigint();
    pass();
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    await settle();
    rates.push((COUNT / ms) * 1000);
    gcShares.push(gcMs / ms);
  }
  return { label, median: median(rates), min: Math.min(...rates), max: Math.max(...rates), gc: median(gcShares) };
}

const loadAtStart = loadavg()[0];
const results = [
  await time("`evaluateMany` (full reports, all kept)", () => evaluateMany(records)),
  await time("`evaluate`, one call per record (all kept)", () => records.map((r) => evaluate(r))),
  await time("`evaluateMany` in batches of 1,000, each batch's reports dropped after use", () => {
    let met = 0;
    for (let i = 0; i < COUNT; i += 1000) for (const report of evaluateMany(records.slice(i, i + 1000))) met += report.eligible;
    return met;
  }),
  await time("internals: the crossing only (JSON in, evaluation, compact verdicts out)", () => cross(records)),
  await time("internals: building the report objects only, from those verdicts (all kept)", () => compact.map(render)),
];
// The floor for any implementation that returns these reports: copying finished reports
// into new objects and strings of the same shape, in plain JavaScript (copy-reports.mjs).
let finished = evaluateMany(records);
results.push(await time("plain JavaScript: copying finished reports into new objects of the same shape (all kept)", () => finished.map(copyReport)));
finished = null;
results.push(await time("plain JavaScript, floats, no explanations (`benches/reference.mjs`)", () => records.map(referenceEvaluate)));

// What one kept report costs on the heap.
globalThis.gc();
const before = process.memoryUsage().heapUsed;
let kept = evaluateMany(records.slice(0, 20_000));
globalThis.gc();
const perReport = (process.memoryUsage().heapUsed - before) / kept.length;
kept = null;

// Agreement: how many records the float reference judges differently.
const reports = evaluateMany(records);
let disagree = 0;
records.forEach((r, i) => {
  if (referenceEvaluate(r).status !== reports[i].status) disagree++;
});

const wasm = readFileSync(join(packageDir, "cluster_check_bg.wasm"));
const json = JSON.stringify(reports[0]);

const fmt = (n) => Math.round(n).toLocaleString("en-US");
const pct = (x) => `${Math.round(x * 100)}%`;
console.log(`cluster-check ${version()}, Node ${process.version}, ${cpus().length} × ${cpus()[0].model.trim()}, ${new Date().toISOString().slice(0, 10)}`);
console.log(`${fmt(COUNT)} records, ${PASSES} timed passes after one warm-up; load average (1 min) ${loadAtStart.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end\n`);
console.log("| path | records/s (median) | min – max | µs per record | garbage collection |");
console.log("|---|---:|---:|---:|---:|");
for (const r of results) console.log(`| ${r.label} | ${fmt(r.median)} | ${fmt(r.min)} – ${fmt(r.max)} | ${(1e6 / r.median).toFixed(2)} | ${pct(r.gc)} |`);
console.log(`\nA kept report takes ${fmt(perReport)} bytes of heap; as JSON it is ${fmt(json.length)} characters.`);
console.log(`Verdicts that differ between cluster-check and the float reference: ${disagree} of ${fmt(COUNT)}.`);
console.log(`.wasm: ${fmt(wasm.length)} bytes, ${fmt(gzipSync(wasm, { level: 9 }).length)} bytes gzipped (Node's zlib, level 9).`);
