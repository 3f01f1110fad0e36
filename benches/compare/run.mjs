// cluster-check beside json-rules-engine, @gorules/zen-engine-wasm and plain JavaScript, in
// one Node process: throughput over the same seeded records (benches/records.mjs), a single
// evaluate's time, how each engine judges records that sit exactly on a threshold
// (boundary.mjs), and the download size of each, gzipped. Prints Markdown for BENCHMARKS.md.
//
//   node --expose-gc benches/compare/run.mjs      (make bench-compare runs it)
//
// RECORDS (default 100000) records for cluster-check and plain JS; SLOW_RECORDS (default
// 10000, the first of the same records) for json-rules-engine and zen-engine-wasm; PASSES
// (default 5) timed passes after one warm-up pass. Rates are per record.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { cpus, loadavg, totalmem } from "node:os";
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { rolldown } from "rolldown";
import { evaluate, evaluateMany, verdictsMany, version } from "cluster-check";
import { makeRecords } from "../records.mjs";
import { CHECK_IDS, fromReport } from "./checks.mjs";
import { plainEvaluate } from "./plain.mjs";
import { zenEvaluate, zenEvaluatePerCheck, zenContextOnly } from "./zen.mjs";
import { createEngine, jreEvaluate } from "./json-rules-engine.mjs";
import { CASES, checkExpectations, expected } from "./boundary.mjs";

const COUNT = Number(process.env.RECORDS ?? 100_000);
const SLOW_COUNT = Math.min(COUNT, Number(process.env.SLOW_RECORDS ?? 10_000));
const PASSES = Math.max(5, Number(process.env.PASSES ?? 5));
const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const loadAtStart = loadavg()[0];
checkExpectations(); // the hand-written boundary verdicts agree with exact arithmetic

const records = makeRecords(COUNT);
const slowRecords = records.slice(0, SLOW_COUNT);
const engine = createEngine();

// ------------------------------------------------------------------ throughput

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const now = () => process.hrtime.bigint();
const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;
const collect = () => globalThis.gc?.();

// Each pass keeps its results until the pass ends, as a caller would; nothing is kept across passes.
const glue = await import(pathToFileURL(join(dirname(require.resolve("cluster-check/package.json")), "cluster_check.js")).href);
const benches = [
  { label: "cluster-check `evaluateMany` (full reports)", count: COUNT, pass: () => evaluateMany(records).length },
  {
    label: "cluster-check `evaluate`, one call per record (full reports)",
    count: COUNT,
    pass: () => records.map((r) => evaluate(r)).length,
  },
  { label: "plain JavaScript, floats, no explanations (`benches/reference.mjs`)", count: COUNT, pass: () => records.map(plainEvaluate).length },
  {
    label: "zen-engine-wasm: one `Variable` + one object expression per record",
    count: SLOW_COUNT,
    pass: () => slowRecords.map(zenEvaluate).length,
  },
  {
    label: "zen-engine-wasm: one `Variable` + 15 expressions per record",
    count: SLOW_COUNT,
    pass: () => slowRecords.map(zenEvaluatePerCheck).length,
  },
  {
    label: "zen-engine-wasm: `new Variable(record)` and `free()` only, no expression (part of the above)",
    count: SLOW_COUNT,
    pass: () => slowRecords.map(zenContextOnly).length,
  },
  {
    label: "json-rules-engine: one `Engine`, `engine.run(facts)` per record",
    count: SLOW_COUNT,
    pass: async () => {
      const out = [];
      for (const record of slowRecords) out.push(await jreEvaluate(engine, record));
      return out.length;
    },
  },
];
// Where cluster-check's time goes: the crossing alone, through the package's internal glue
// (JSON text of 2,000 records in, as api.js does per chunk; the compact form of the reports
// out, or the verdicts form), without building report objects. Left out if the glue no
// longer has that function.
if (typeof glue.evaluateManyCompact === "function") {
  for (const [form, what] of [[0, "the compact form of the reports"], [2, "the verdicts form"]]) {
    benches.push({
      label: `cluster-check internals: \`evaluateManyCompact(text, ${form})\` only (JSON in, ${what} out, no objects)`,
      count: COUNT,
      pass: () => {
        let n = 0;
        for (let i = 0; i < records.length; i += 2000) n += glue.evaluateManyCompact(JSON.stringify(records.slice(i, i + 2000)), form).length;
        return n;
      },
    });
  }
}

// The verdicts-only path: what a table of many clusters needs (each check's status, the
// verdict, the tier, errors and warnings), without the explanations.
benches.push({ label: "cluster-check `verdictsMany` (verdicts only: every check's status, errors, warnings)", count: COUNT, pass: () => verdictsMany(records).length });

// One warm-up pass of each, then PASSES rounds; in each round every engine runs one timed
// pass, in turn, so that a change in the machine's load touches all of them alike.
for (const bench of benches) {
  collect();
  await bench.pass();
  bench.rates = [];
}
for (let round = 0; round < PASSES; round++) {
  for (const bench of benches) {
    collect();
    const start = now();
    await bench.pass();
    bench.rates.push(bench.count / seconds(start));
  }
}
const results = benches.map((b) => ({ ...b, median: median(b.rates), min: Math.min(...b.rates), max: Math.max(...b.rates) }));
const [many, single, plain, zen, , , jre] = results;
const verdictsOnly = results.at(-1);

// A single evaluate: each call timed on its own (after the passes above warmed it up).
collect();
const callTimes = [];
for (const record of records.slice(0, Math.min(COUNT, 20_000))) {
  const start = now();
  evaluate(record);
  callTimes.push(seconds(start) * 1e6);
}
callTimes.sort((a, b) => a - b);
const quantile = (q) => callTimes[Math.min(callTimes.length - 1, Math.floor(q * callTimes.length))];

// ------------------------------------------------------------------ agreement on the records

const reports = evaluateMany(records).map(fromReport);
const passRate = Object.fromEntries(CHECK_IDS.map((id) => [id, reports.filter((r) => r.checks[id] === "met").length / COUNT]));
const metShare = reports.filter((r) => r.status === "met").length / COUNT;

async function agreement(name, evaluateOne, list) {
  let verdicts = 0;
  let checks = 0;
  for (let i = 0; i < list.length; i++) {
    const got = await evaluateOne(list[i]);
    if (got.status !== reports[i].status || got.tier !== reports[i].tier) verdicts++;
    for (const id of CHECK_IDS) if (got.checks[id] !== (reports[i].checks[id] === "met")) checks++;
  }
  return { name, count: list.length, verdicts, checks };
}
// verdictsMany against evaluateMany, exactly: verdict, tier and each check's status.
const verdictsDiffer = verdictsMany(records).map(fromReport).filter((v, i) => v.status !== reports[i].status || v.tier !== reports[i].tier || CHECK_IDS.some((id) => v.checks[id] !== reports[i].checks[id])).length;
const agreements = [
  await agreement("plain JavaScript", plainEvaluate, records),
  await agreement("zen-engine-wasm", zenEvaluate, slowRecords),
  await agreement("json-rules-engine", (r) => jreEvaluate(engine, r), slowRecords),
];

// ------------------------------------------------------------------ boundary records

const asStatus = (value) => (typeof value === "boolean" ? (value ? "met" : "not_met") : value);
const judges = [
  { name: "cluster-check `evaluate`", run: (f) => fromReport(evaluate(f)) },
  { name: "cluster-check `evaluateMany`", batch: (list) => evaluateMany(list).map(fromReport) },
  { name: "cluster-check `verdictsMany`", batch: (list) => verdictsMany(list).map(fromReport) },
  { name: "plain JavaScript (floats)", run: plainEvaluate },
  { name: "zen-engine-wasm", run: zenEvaluate },
  { name: "json-rules-engine", run: (f) => jreEvaluate(engine, f) },
];
const boundary = [];
for (const judge of judges) {
  const outs = judge.batch ? judge.batch(CASES.map((k) => k.figures)) : await Promise.all(CASES.map((k) => judge.run(k.figures)));
  const row = { name: judge.name, records: 0, verdicts: 0, checks: 0, tiers: 0, wrong: [] };
  CASES.forEach((kase, i) => {
    const want = expected(kase);
    const got = outs[i];
    const wrongChecks = CHECK_IDS.filter((id) => asStatus(got.checks[id]) !== want.checks[id]);
    row.checks += CHECK_IDS.length - wrongChecks.length;
    row.verdicts += got.status === want.status ? 1 : 0;
    row.tiers += got.tier === want.tier ? 1 : 0;
    const right = wrongChecks.length === 0 && got.status === want.status && got.tier === want.tier;
    row.records += right ? 1 : 0;
    if (!right) {
      const what = wrongChecks.map((id) => `${id} ${asStatus(got.checks[id])}`);
      if (got.status !== want.status) what.push(`verdict ${got.status}`);
      if (got.tier !== want.tier) what.push(`tier ${got.tier}`);
      row.wrong.push(`${kase.id} (${what.join(", ")})`);
    }
  });
  boundary.push(row);
}

// ------------------------------------------------------------------ download size

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const packageDir = (name) => dirname(require.resolve(`${name}/package.json`));

function files(dir, names) {
  return names.map((name) => {
    const bytes = readFileSync(join(dir, name));
    return { name, bytes: bytes.length, gzipped: gz(bytes) };
  });
}

/** The entry bundled for the browser with rolldown (Vite's bundler), minified; JS only. */
async function bundle(entry) {
  const build = await rolldown({ input: join(here, "entries", entry), platform: "browser", logLevel: "silent" });
  try {
    const { output } = await build.generate({ format: "esm", minify: true });
    const code = output.filter((o) => o.type === "chunk").map((o) => o.code).join("\n");
    return { bytes: Buffer.byteLength(code), gzipped: gz(code) };
  } finally {
    await build.close();
  }
}

const ccDir = packageDir("cluster-check");
const zenDir = packageDir("@gorules/zen-engine-wasm");
const ccJs = files(ccDir, ["index.js", "api.js", "render.js", "cluster_check.js"]);
const [ccWasm] = files(ccDir, ["cluster_check_bg.wasm"]);
const zenJs = files(zenDir, ["index.js", "dist/zen_engine_wasm.js", "util/index.js", "util/variable-type.js"]);
const [zenWasm] = files(zenDir, ["dist/zen_engine_wasm_bg.wasm"]);
const sum = (list, key) => list.reduce((a, f) => a + f[key], 0);
const sizes = [
  { name: "json-rules-engine", js: await bundle("json-rules-engine.mjs"), shipped: null, wasm: null },
  {
    name: "zen-engine-wasm",
    js: await bundle("zen-engine-wasm.mjs"),
    shipped: { bytes: sum(zenJs, "bytes"), gzipped: sum(zenJs, "gzipped"), files: zenJs.map((f) => f.name) },
    wasm: zenWasm,
  },
  {
    name: "cluster-check",
    js: await bundle("cluster-check.mjs"),
    shipped: { bytes: sum(ccJs, "bytes"), gzipped: sum(ccJs, "gzipped"), files: ccJs.map((f) => f.name) },
    wasm: ccWasm,
  },
];

// ------------------------------------------------------------------ report

const fmt = (n) => Math.round(n).toLocaleString("en-US");
const fmt1 = (n) => n.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const version_ = (name) => JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf8")).version;
const cpu = cpus();
const out = [];
const p = (line = "") => out.push(line);

p(`Command: \`make bench-compare\` (\`node --expose-gc benches/compare/run.mjs\`). Machine: ${cpu.length} × ${cpu[0].model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}.`);
p(`Load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${loadavg()[0].toFixed(2)} (2 cores: above ~0.5 something else was running).`);
p(`cluster-check ${version()} (.wasm sha256 ${createHash("sha256").update(readFileSync(join(ccDir, "cluster_check_bg.wasm"))).digest("hex").slice(0, 12)}), json-rules-engine ${version_("json-rules-engine")}, @gorules/zen-engine-wasm ${version_("@gorules/zen-engine-wasm")}.`);
p();
p(`### Throughput`);
p();
p(`Seeded records from \`benches/records.mjs\` (seed 2014): ${fmt(COUNT)} for cluster-check and plain JavaScript, the first ${fmt(SLOW_COUNT)} of the same records for zen-engine-wasm and json-rules-engine. One warm-up pass of each, then ${PASSES} rounds in which every engine runs one timed pass in turn (so that a change in the machine's load touches all alike), a garbage collection before each pass; records per second.`);
p();
p("| engine | records | records/s (median) | min – max | µs per record (median) |");
p("|---|---:|---:|---:|---:|");
for (const r of results) p(`| ${r.label} | ${fmt(r.count)} | ${fmt(r.median)} | ${fmt(r.min)} – ${fmt(r.max)} | ${(1e6 / r.median).toFixed(2)} |`);
p();
p(`- \`evaluateMany\` ÷ zen-engine-wasm (object expression): **${fmt1(many.median / zen.median)}×** (target ≥ 10×); ÷ json-rules-engine: ${fmt1(many.median / jre.median)}×; plain JavaScript ÷ \`evaluateMany\`: ${fmt1(plain.median / many.median)}×.`);
p(`- \`evaluateMany\`: ${fmt(many.median)} records/s (target ≥ 100,000).`);
p(`- \`verdictsMany\` ÷ zen-engine-wasm (object expression): **${fmt1(verdictsOnly.median / zen.median)}×** (target ≥ 5×), with exact verdicts: it differs from \`evaluateMany\` on ${verdictsDiffer} of ${fmt(COUNT)} records (verdict, tier or any check's status).`);
p(`- A single \`evaluate\`, each of ${fmt(callTimes.length)} calls timed on its own: median **${quantile(0.5).toFixed(1)} µs**, p90 ${quantile(0.9).toFixed(1)} µs, p99 ${quantile(0.99).toFixed(1)} µs (target < 50 µs); in the passes above, ${(1e6 / single.median).toFixed(1)} µs per call.`);
p(`- Share of the ${fmt(COUNT)} records meeting each check: ${CHECK_IDS.map((id) => `${id} ${Math.round(passRate[id] * 100)}%`).join(", ")}; whole verdict met: ${(metShare * 100).toFixed(2)}%.`);
p(`- Agreement with cluster-check on these records (verdict and tier; and each of the 14 checks): ${agreements.map((a) => `${a.name} differs on ${a.verdicts} of ${fmt(a.count)} verdicts and ${a.checks} of ${fmt(a.count * CHECK_IDS.length)} checks`).join("; ")}.`);
p();
p(`### Records exactly on a threshold`);
p();
p(`${CASES.length} hand-written records (\`benches/compare/boundary.mjs\`): each check at, just below and just above its threshold, the floating-point traps (2262.47 ÷ 226247, 131073.8 ÷ 201652, 2048.16 ÷ 204816, 1.95 ÷ 3), land and footprint in 亩 and mixed units (70 万元 on 1.05 亩, 6680 万元 on 100.2 亩, 0.5 亩 on 1 亩), revenue 200000 (met) and the tiers (超: exactly 200000, 500000, 1000000 are not over), figures as text. A record is right when its verdict, its tier and all 14 checks are.`);
p();
p("| engine | records right | verdicts right | checks right | tiers right |");
p("|---|---:|---:|---:|---:|");
for (const b of boundary) {
  p(`| ${b.name} | ${b.records} / ${CASES.length} | ${b.verdicts} / ${CASES.length} | ${b.checks} / ${CASES.length * CHECK_IDS.length} | ${b.tiers} / ${CASES.length} |`);
}
p();
for (const b of boundary) if (b.wrong.length) p(`- ${b.name} misjudges: ${b.wrong.join("; ")}.`);
p();
p(`### Download size`);
p();
p("gzip -9. JS bundled: the package's entry bundled for the browser with rolldown (Vite 8's bundler), minified (`benches/compare/entries/`). JS as shipped: the package's browser modules as published, each gzipped, summed.");
p();
p("| engine | JS bundled, minified | JS as shipped | .wasm | total (bundled JS + .wasm) |");
p("|---|---:|---:|---:|---:|");
for (const s of sizes) {
  const shipped = s.shipped ? `${fmt(s.shipped.gzipped)} (${s.shipped.files.join(", ")})` : "—";
  const wasm = s.wasm ? `${fmt(s.wasm.gzipped)} (${fmt(s.wasm.bytes)} raw)` : "—";
  const total = s.js.gzipped + (s.wasm?.gzipped ?? 0);
  p(`| ${s.name} | ${fmt(s.js.gzipped)} (${fmt(s.js.bytes)} raw) | ${shipped} | ${wasm} | ${fmt(total)} (${kib(total)}) |`);
}
p();
p(`cluster-check .wasm: ${fmt(ccWasm.gzipped)} bytes gzipped = ${kib(ccWasm.gzipped)} (target ≤ 40 KiB = 40,960 bytes).`);
p();
p("### Targets");
p();
const targets = [
  ["`evaluateMany` ≥ 10× zen-engine-wasm", `${fmt1(many.median / zen.median)}×`, many.median >= 10 * zen.median],
  ["`evaluateMany` ≥ 100,000 records/s", fmt(many.median), many.median >= 100_000],
  ["`verdictsMany` ≥ 5× zen-engine-wasm, exact", `${fmt1(verdictsOnly.median / zen.median)}×, ${verdictsDiffer} differing`, verdictsOnly.median >= 5 * zen.median && verdictsDiffer === 0],
  ["single `evaluate` < 50 µs (median)", `${quantile(0.5).toFixed(1)} µs`, quantile(0.5) < 50],
  [".wasm ≤ 40 KiB gzipped", `${fmt(ccWasm.gzipped)} bytes`, ccWasm.gzipped <= 40 * 1024],
  [
    "every boundary record right",
    `${boundary[0].records} + ${boundary[1].records} + ${boundary[2].records} / ${3 * CASES.length}`,
    boundary.slice(0, 3).every((b) => b.records === CASES.length),
  ],
];
p("| target | measured | met |");
p("|---|---:|---|");
for (const [what, value, ok] of targets) p(`| ${what} | ${value} | ${ok ? "yes" : "**no**"} |`);

console.log(out.join("\n"));
