// What the joint plan costs, and that asking for no plan costs nothing: `evaluateMany` over
// the seeded records of records.mjs without and with `{ plan: true }`, in alternating
// rounds (so that a change in the machine's load falls on both). With OTHER=<folder of
// another build's package> (e.g. main's pkg/), that build's `evaluateMany` runs in the same
// rounds: the comparison of two builds under the same load. Prints Markdown.
//
//   node --expose-gc benches/plan.mjs            (after `make package` and installing it, as `make bench` does)
//   OTHER=../main/pkg node --expose-gc benches/plan.mjs
//
// RECORDS (default 100000), ROUNDS (default 7).
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { evaluateMany } from "cluster-check";
import { makeRecords } from "./records.mjs";

if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");
const COUNT = Number(process.env.RECORDS ?? 100_000);
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const records = makeRecords(COUNT);
const other = process.env.OTHER ? await import(pathToFileURL(resolve(process.env.OTHER, "node.js")).href) : null;

const paths = [
  ["`evaluateMany` (full reports, all kept), this build", () => evaluateMany(records)],
  ["`evaluateMany(list, { plan: true })`, this build", () => evaluateMany(records, { plan: true })],
  ...(other ? [[`\`evaluateMany\` (full reports, all kept), ${process.env.OTHER}`, () => other.evaluateMany(records)]] : []),
];
const rates = paths.map(() => []);
const planned = evaluateMany(records.slice(0, 1000), { plan: true });
const withAdditions = planned.filter((r) => r.plan.additions.length > 0).length;
const loadAtStart = loadavg()[0];
for (const [, pass] of paths) pass(); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  paths.forEach(([, pass], i) => {
    globalThis.gc();
    const start = process.hrtime.bigint();
    pass();
    rates[i].push(COUNT / (Number(process.hrtime.bigint() - start) / 1e9));
  });
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const fmt = (n) => Math.round(n).toLocaleString("en-US");
console.log(`${fmt(COUNT)} records, ${ROUNDS} alternating rounds after one warm-up; load average (1 min) ${loadAtStart.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`);
console.log(`${withAdditions} of the first 1,000 records get a plan with additions.\n`);
console.log("| path | records/s (median) | min – max | µs per record |");
console.log("|---|---:|---:|---:|");
paths.forEach(([label], i) => console.log(`| ${label} | ${fmt(median(rates[i]))} | ${fmt(Math.min(...rates[i]))} – ${fmt(Math.max(...rates[i]))} | ${(1e6 / median(rates[i])).toFixed(2)} |`));
