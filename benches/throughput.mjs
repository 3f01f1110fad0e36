// Throughput of cluster-check's evaluateMany and evaluate over 100,000 seeded records in
// Node, beside a plain JavaScript implementation of the same rules (floats, no
// explanations), and the size of the .wasm. Run with `make bench` (it builds and installs
// the package first). Prints a Markdown table for BENCHMARKS.md.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { evaluate, evaluateMany, version } from "cluster-check";
import { makeRecords } from "./records.mjs";
import { referenceEvaluate } from "./reference.mjs";

const COUNT = Number(process.env.RECORDS ?? 100_000);
const PASSES = Number(process.env.PASSES ?? 5);
const records = makeRecords(COUNT);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(label, fn) {
  fn(); // warm-up
  const rates = [];
  for (let i = 0; i < PASSES; i++) {
    const start = process.hrtime.bigint();
    fn();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push(COUNT / seconds);
  }
  return { label, median: median(rates), min: Math.min(...rates), max: Math.max(...rates) };
}

const results = [
  time("cluster-check `evaluateMany` (full reports)", () => evaluateMany(records)),
  time("cluster-check `evaluate`, one call per record", () => records.map((r) => evaluate(r))),
  time("plain JavaScript, floats, no explanations", () => records.map(referenceEvaluate)),
];

// Agreement: how many records the float reference judges differently.
const reports = evaluateMany(records);
let disagree = 0;
records.forEach((r, i) => {
  if (referenceEvaluate(r).status !== reports[i].status) disagree++;
});

const require = createRequire(import.meta.url);
const wasmPath = require.resolve("cluster-check/cluster_check_bg.wasm");
const wasm = readFileSync(wasmPath);
const json = JSON.stringify(reports[0]);

const fmt = (n) => Math.round(n).toLocaleString("en-US");
console.log(`cluster-check ${version()}, Node ${process.version}, ${cpus().length} × ${cpus()[0].model}, ${new Date().toISOString().slice(0, 10)}`);
console.log(`${fmt(COUNT)} records, ${PASSES} timed passes after one warm-up\n`);
console.log("| path | records/s (median) | min – max |");
console.log("|---|---:|---:|");
for (const r of results) console.log(`| ${r.label} | ${fmt(r.median)} | ${fmt(r.min)} – ${fmt(r.max)} |`);
const ratio = results[2].median / results[0].median;
console.log(`\nplain JS ÷ evaluateMany: ${ratio.toFixed(1)}×; one report is ${fmt(json.length)} characters of JSON`);
console.log(`verdicts that differ between the two: ${disagree} of ${fmt(COUNT)}`);
console.log(`\n.wasm: ${fmt(wasm.length)} bytes, ${fmt(gzipSync(wasm, { level: 9 }).length)} bytes gzipped (-9)`);
