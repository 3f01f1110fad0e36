// The long fuzz campaign over the generators of the bounded fuzz test (tests/js/hostile.mjs):
// N hostile records and N records for the exact oracle through the installed package, with
// the heap and the engine's memory read after a full garbage collection at every tenth of
// the way; then, with --huge, the records too large for one JSON text. Prints Markdown for
// BENCHMARKS.md. Run with `make fuzz` (FUZZ_RECORDS, FUZZ_SEED), or after the package is
// installed:
//
//   node --expose-gc benches/fuzz.mjs --records 1000000 [--seed 2014] [--batch 64] [--huge]
import { createRequire } from "node:module";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import assert from "node:assert/strict";

import * as api from "cluster-check";
import { fuzz } from "../tests/js/hostile.mjs";

const { values: options } = parseArgs({
  options: {
    records: { type: "string", default: "100000" },
    seed: { type: "string", default: "2014" },
    batch: { type: "string", default: "64" },
    huge: { type: "boolean", default: false },
  },
});
const RECORDS = Number(options.records);
const SEED = Number(options.seed);
const BATCH = Number(options.batch);

// The package's glue, the very module the package initialised: its exports hold the memory.
const require = createRequire(import.meta.url);
const glue = await import(pathToFileURL(join(dirname(require.resolve("cluster-check/package.json")), "cluster_check.js")).href);
const MiB = 2 ** 20;
const sample = (label) => {
  globalThis.gc?.();
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { label, heapUsed: m.heapUsed / MiB, rss: m.rss / MiB, wasm: glue.initSync().memory.buffer.byteLength / MiB };
};

const out = (line = "") => process.stdout.write(line + "\n");
const started = new Date();
const load = [loadavg()[0]];
const samples = [sample("start")];
let t0 = performance.now();

// One run of each half in tenths, so that memory can be read between them.
const total = { hostile: 0, oracle: 0, evaluations: 0, kinds: {}, verdicts: 0, onThreshold: 0, failed: 0, failures: [] };
const times = {};
for (const half of ["hostile", "oracle"]) {
  const begin = performance.now();
  for (let tenth = 0; tenth < 10; tenth++) {
    const n = Math.floor((RECORDS * (tenth + 1)) / 10) - Math.floor((RECORDS * tenth) / 10);
    // Each tenth has its own seed, derived from the campaign's.
    const stats = fuzz(api, { seed: (SEED * 31 + tenth * 7919 + (half === "oracle" ? 104729 : 0)) >>> 0, [half]: n, batch: BATCH });
    total[half] += stats[half];
    total.evaluations += stats.evaluations;
    total.verdicts += stats.verdicts;
    total.onThreshold += stats.onThreshold;
    total.failed += stats.failed;
    total.failures.push(...stats.failures.slice(0, 20 - total.failures.length));
    for (const [kind, count] of Object.entries(stats.kinds)) total.kinds[kind] = (total.kinds[kind] ?? 0) + count;
    samples.push(sample(`${half} ${Math.round(((tenth + 1) / 10) * 100)}%`));
    process.stderr.write(`${half} ${(tenth + 1) * 10}%: ${total.failed} failed, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  times[half] = (performance.now() - begin) / 1000;
}
load.push(loadavg()[0]);

/** The records too large for one JSON text, each timed. */
function huge() {
  const rows = [];
  const time = (label, fn) => {
    const begin = performance.now();
    let result;
    try {
      fn();
      result = "as expected";
    } catch (error) {
      result = `FAILED: ${String(error.message).split("\n")[0].slice(0, 200)}`;
      total.failed++;
    }
    rows.push({ label, seconds: (performance.now() - begin) / 1000, result, wasm: sample(label).wasm });
  };
  const codes = (report) => report.errors.map((e) => [e.field, e.code]);
  time("a name of 90,000,000 characters (JSON fits): evaluated, the name back as given", () => {
    const name = "x".repeat(90_000_000);
    const [a, b] = api.evaluateMany([{ name, related_smes: 20 }, { related_smes: 3 }]);
    assert.ok(a.name === name);
    assert.equal(a.conditions[1].checks[1].status, "met");
    assert.equal(b.conditions[1].checks[1].status, "not_met");
  });
  time("a text of 90,000,000 control characters (JSON would be 540,000,000): unreadable, the batch unharmed", () => {
    const [a, b, c] = api.evaluateMany([{ related_smes: 20 }, { name: "\u0001".repeat(90_000_000) }, { related_smes: 3 }]);
    assert.deepStrictEqual(codes(a), []);
    assert.deepStrictEqual(codes(b), [[null, "unreadable"]]);
    assert.deepStrictEqual(codes(c), []);
  });
  time("two names of 60,000,000 characters: too long together for one crossing, each crosses alone", () => {
    const name = "y".repeat(60_000_000);
    const reports = api.evaluateMany([{ name }, { name }, { related_smes: 20 }]);
    assert.ok(reports[0].name === name && reports[1].name === name);
    assert.deepStrictEqual(codes(reports[2]), []);
  });
  time("a list of 2^30 entries (no JSON can hold it): unreadable at once", () => {
    const list = [];
    list.length = 2 ** 30;
    assert.deepStrictEqual(codes(api.evaluate({ service_functions: list })), [["service_functions", "unreadable"]]);
  });
  return rows;
}
const hugeRows = options.huge ? huge() : [];
const end = sample("end");

const fmt = (n) => n.toLocaleString("en-US");
out(`Command: \`node --expose-gc benches/fuzz.mjs --records ${RECORDS} --seed ${SEED} --batch ${BATCH}${options.huge ? " --huge" : ""}\` (package ${api.version()}).`);
out(`Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}. Date: ${started.toISOString().slice(0, 10)}. Load average (1 min) ${load[0].toFixed(2)} at the start, ${load[1].toFixed(2)} after the two halves.`);
out();
out(`| half | records | time | per record |`);
out(`|---|---:|---:|---:|`);
out(`| hostile (evaluate and evaluateMany each) | ${fmt(total.hostile)} | ${times.hostile.toFixed(1)} s | ${((times.hostile / Math.max(1, total.hostile)) * 1e6).toFixed(0)} µs |`);
out(`| exact oracle (evaluateMany; every 8th also evaluate) | ${fmt(total.oracle)} | ${times.oracle.toFixed(1)} s | ${((times.oracle / Math.max(1, total.oracle)) * 1e6).toFixed(0)} µs |`);
out();
out(`Evaluations: ${fmt(total.evaluations)}. Oracle verdicts: ${fmt(total.verdicts)}, of which ${fmt(total.onThreshold)} exactly on their threshold. Failures: ${fmt(total.failed)}.`);
out();
out(`| kind of hostile record | records |`);
out(`|---|---:|`);
for (const [kind, count] of Object.entries(total.kinds).sort((a, b) => b[1] - a[1])) out(`| ${kind} | ${fmt(count)} |`);
out();
out(`| after | heapUsed MiB | rss MiB | wasm memory MiB |`);
out(`|---|---:|---:|---:|`);
for (const s of [...samples, end]) out(`| ${s.label} | ${s.heapUsed.toFixed(2)} | ${s.rss.toFixed(1)} | ${s.wasm.toFixed(2)} |`);
if (hugeRows.length > 0) {
  out();
  out(`| too large for one JSON text | time | result | wasm memory after, MiB |`);
  out(`|---|---:|---|---:|`);
  for (const row of hugeRows) out(`| ${row.label} | ${row.seconds.toFixed(2)} s | ${row.result} | ${row.wasm.toFixed(2)} |`);
}
for (const f of total.failures) out(`\nFAILED ${f.what} (seed ${f.seed}): ${f.message}`);
if (typeof globalThis.gc !== "function") out("\n(run with node --expose-gc for the memory readings to follow a full collection)");
process.exitCode = total.failed === 0 ? 0 : 1;
