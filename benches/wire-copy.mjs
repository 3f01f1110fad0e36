// What reading each value once costs: the wrapper copies every record before JSON.stringify
// writes it (js/api.js, `Wire`), where writing the records as they are would read each
// value again behind the wrapper's back. Over 100,000 seeded records (benches/records.mjs),
// in alternating rounds so that the load of the machine falls on both alike:
//
// - JSON.stringify of the records as they are, 2,000 at a time (what a wrapper that copies
//   nothing pays at least);
// - the package's evaluateMany with the engine left out (its glue answers "[]"): the copy,
//   the bookkeeping per record and JSON.stringify of the copies.
//
// Run after the package is installed: node --expose-gc benches/wire-copy.mjs
import { createRequire } from "node:module";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import "cluster-check";
import { makeRecords } from "./records.mjs";

if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");
const COUNT = 100_000;
const ROUNDS = Number(process.env.ROUNDS ?? 9);
const records = makeRecords(COUNT);

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve("cluster-check/package.json"));
const internal = (file) => import(pathToFileURL(join(packageDir, file)).href);
const glue = await internal("cluster_check.js");
const { createApi } = await internal("api.js");
let written = 0;
const wireOnly = createApi({
  ...glue,
  evaluateManyCompact(text) {
    written += text.length;
    return "[]";
  },
});

const ways = {
  "JSON.stringify of the records as they are": () => {
    for (let i = 0; i < COUNT; i += 2000) written += JSON.stringify(records.slice(i, i + 2000)).length;
  },
  "the wrapper: each record copied once, then JSON.stringify": () => wireOnly.evaluateMany(records),
};
const times = Object.fromEntries(Object.keys(ways).map((name) => [name, []]));
const load = [loadavg()[0]];
for (const run of Object.values(ways)) run(); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(ways)) {
    gc();
    const start = performance.now();
    run();
    times[name].push(((performance.now() - start) * 1000) / COUNT);
  }
}
load.push(loadavg()[0]);
const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];
console.log(`${COUNT.toLocaleString("en-US")} records, ${ROUNDS} alternating rounds; ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}; load average (1 min) ${load[0].toFixed(2)} → ${load[1].toFixed(2)}.`);
console.log("");
console.log("| way | µs per record (median) | min – max |");
console.log("|---|---:|---:|");
for (const [name, list] of Object.entries(times)) {
  console.log(`| ${name} | ${median(list).toFixed(2)} | ${Math.min(...list).toFixed(2)} – ${Math.max(...list).toFixed(2)} |`);
}
const [plain, wire] = Object.values(times).map(median);
const rounds = 2 * (ROUNDS + 1);
console.log(`\nThe copy costs ${(wire - plain).toFixed(2)} µs per record (the difference of the medians); both write ${Math.round(written / rounds / COUNT)} characters of JSON per record.`);
