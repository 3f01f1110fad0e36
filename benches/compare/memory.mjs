// Memory of cluster-check across the JS ↔ WebAssembly boundary, in Node and in headless
// Chromium: many evaluations in batches, results not kept, memory read (after a full garbage
// collection) at the start, after each 20,000 evaluations and at the end. "Flat" means no
// steady growth from one reading to the next. Prints Markdown for BENCHMARKS.md.
//
//   node --expose-gc benches/compare/memory.mjs     (make bench-compare runs it; needs
//                                                   dist/www from `make www` and Chromium)
//
// EVALUATIONS (default 100000) per API: that many through `evaluate` (one call per record),
// then that many through `evaluateMany` (batches of BATCH, default 1000).
import { createRequire } from "node:module";
import { cpus, loadavg, totalmem } from "node:os";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { evaluate, evaluateMany } from "cluster-check";
import { makeRecords } from "../records.mjs";
import { launch, CHROMIUM } from "../../tests/browser/chromium.mjs";
import { startServer } from "../../scripts/serve.mjs";

if (typeof globalThis.gc !== "function") throw new Error("run with node --expose-gc");
const EVALUATIONS = Number(process.env.EVALUATIONS ?? 100_000);
const BATCH = Number(process.env.BATCH ?? 1000);
const STEP = 20_000;
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);

const records = makeRecords(BATCH);
const fmtMiB = (bytes) => (bytes / 2 ** 20).toFixed(2);
const out = [];
const p = (line = "") => out.push(line);

/**
 * Runs `total` evaluations of `mode` ("evaluate" or "evaluateMany") in batches of BATCH,
 * calling `sample(label)` after each STEP. `run(mode, n)` does n evaluations.
 */
async function phases(run, sample) {
  const rows = [await sample("start (nothing evaluated yet)")];
  // Warm-up: the first call reads the ruleset's texts once; the first batch grows the wasm
  // memory to what a batch of BATCH needs (linear memory grows, it never shrinks).
  await run("evaluate", BATCH);
  await run("evaluateMany", BATCH);
  rows.push(await sample(`after warm-up (${BATCH.toLocaleString("en-US")} \`evaluate\` + ${BATCH.toLocaleString("en-US")} \`evaluateMany\`)`));
  for (const mode of ["evaluate", "evaluateMany"]) {
    for (let done = 0; done < EVALUATIONS; ) {
      const n = Math.min(STEP, EVALUATIONS - done);
      await run(mode, n);
      done += n;
      rows.push(await sample(`\`${mode}\` ${done.toLocaleString("en-US")}`));
    }
  }
  return rows;
}

/** "flat" unless a reading grows steadily: compares the end with the reading after warm-up. */
function verdict(rows, key) {
  const base = rows[1][key];
  const end = rows[rows.length - 1][key];
  const max = Math.max(...rows.slice(1).map((r) => r[key]));
  return { base, end, max, growth: end - base };
}

// ------------------------------------------------------------------ Node

// The wasm-bindgen glue keeps the instance; initSync() returns its exports (with the
// WebAssembly.Memory) once the package has initialised it. Same module as the package's
// own import of ./cluster_check.js, so the same instance.
const glue = await import(pathToFileURL(join(dirname(require.resolve("cluster-check/package.json")), "cluster_check.js")).href);
const wasmMemory = () => glue.initSync().memory.buffer.byteLength;

function runNode(mode, n) {
  for (let done = 0; done < n; done += BATCH) {
    const count = Math.min(BATCH, n - done);
    const batch = count === BATCH ? records : records.slice(0, count);
    if (mode === "evaluate") for (const record of batch) evaluate(record);
    else evaluateMany(batch);
  }
}

function sampleNode(label) {
  gc();
  gc();
  const m = process.memoryUsage();
  return { label, rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, wasm: wasmMemory() };
}

const nodeRows = await phases(runNode, sampleNode);

// ------------------------------------------------------------------ Chromium

const { server, url } = await startServer({ root: join(root, "dist/www") });
const browser = await launch();
const browserVersion = browser.version();
let chromiumRows;
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector(".cc[data-ready='true']");
  // The package the page loaded (same URL, so the same module instance), and the records.
  await page.evaluate(async (list) => {
    const api = await import("./pkg/index.js");
    const glue = await import("./pkg/cluster_check.js");
    globalThis.__bench = { api, wasm: await glue.default(), records: list };
  }, records);

  const runPage = (mode, n) =>
    page.evaluate(
      ({ mode, n, batchSize }) => {
        const { api, records } = globalThis.__bench;
        for (let done = 0; done < n; done += batchSize) {
          const batch = records.slice(0, Math.min(batchSize, n - done));
          if (mode === "evaluate") for (const record of batch) api.evaluate(record);
          else api.evaluateMany(batch);
        }
      },
      { mode, n, batchSize: BATCH },
    );

  const sampleChromium = async (label) => {
    await cdp.send("HeapProfiler.collectGarbage");
    await cdp.send("HeapProfiler.collectGarbage");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const metric = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
    const inPage = await page.evaluate(() => ({
      wasm: globalThis.__bench.wasm.memory.buffer.byteLength,
      usedJSHeapSize: performance.memory?.usedJSHeapSize ?? NaN,
    }));
    return {
      label,
      heapUsed: metric("JSHeapUsedSize"),
      heapTotal: metric("JSHeapTotalSize"),
      nodes: metric("Nodes"),
      performanceMemory: inPage.usedJSHeapSize,
      wasm: inPage.wasm,
    };
  };

  chromiumRows = await phases(runPage, sampleChromium);
  await context.close();
} finally {
  await browser.close();
  server.close();
}

// ------------------------------------------------------------------ report

const cpu = cpus();
p(`Command: \`make bench-compare\` (\`node --expose-gc benches/compare/memory.mjs\`). Machine: ${cpu.length} × ${cpu[0].model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; ${browserVersion.startsWith("1") ? "Chromium " : ""}${browserVersion} (${CHROMIUM}, headless). Date: ${new Date().toISOString().slice(0, 10)}.`);
const sha = (path) => createHash("sha256").update(readFileSync(path)).digest("hex").slice(0, 12);
p(`.wasm sha256: Node ${sha(join(dirname(require.resolve("cluster-check/package.json")), "cluster_check_bg.wasm"))}, page ${sha(join(root, "dist/www/pkg/cluster_check_bg.wasm"))}.`);
p(`Load average (1 min) at the end: ${loadavg()[0].toFixed(2)}.`);
p();
p(`${EVALUATIONS.toLocaleString("en-US")} evaluations through \`evaluate\` (one call per record), then ${EVALUATIONS.toLocaleString("en-US")} through \`evaluateMany\` (batches of ${BATCH.toLocaleString("en-US")}), over ${BATCH.toLocaleString("en-US")} seeded records (\`benches/records.mjs\`), reports not kept. Each reading follows two full garbage collections. MiB = 2^20 bytes.`);
p();
p("#### Node");
p();
p("| after | rss | heapUsed | heapTotal | external | arrayBuffers | wasm memory |");
p("|---|---:|---:|---:|---:|---:|---:|");
for (const r of nodeRows) {
  p(`| ${r.label} | ${fmtMiB(r.rss)} | ${fmtMiB(r.heapUsed)} | ${fmtMiB(r.heapTotal)} | ${fmtMiB(r.external)} | ${fmtMiB(r.arrayBuffers)} | ${fmtMiB(r.wasm)} |`);
}
p();
for (const key of ["heapUsed", "external", "wasm", "rss"]) {
  const v = verdict(nodeRows, key);
  p(`- ${key}: ${fmtMiB(v.base)} MiB after warm-up, ${fmtMiB(v.end)} MiB at the end (${v.growth >= 0 ? "+" : ""}${(v.growth / 1024).toFixed(1)} KiB), highest ${fmtMiB(v.max)} MiB.`);
}
p();
p("#### Chromium (the served page, dist/www)");
p();
p("JS heap from CDP `Performance.getMetrics` after `HeapProfiler.collectGarbage`; `performance.memory.usedJSHeapSize` as the page sees it (Chromium rounds it unless started with `--enable-precise-memory-info`); wasm memory is the `WebAssembly.Memory` of the page's instance.");
p();
p("| after | JSHeapUsedSize | JSHeapTotalSize | performance.memory used | wasm memory | DOM nodes |");
p("|---|---:|---:|---:|---:|---:|");
for (const r of chromiumRows) {
  p(`| ${r.label} | ${fmtMiB(r.heapUsed)} | ${fmtMiB(r.heapTotal)} | ${fmtMiB(r.performanceMemory)} | ${fmtMiB(r.wasm)} | ${r.nodes} |`);
}
p();
for (const key of ["heapUsed", "wasm"]) {
  const v = verdict(chromiumRows, key);
  p(`- ${key === "heapUsed" ? "JSHeapUsedSize" : "wasm memory"}: ${fmtMiB(v.base)} MiB after warm-up, ${fmtMiB(v.end)} MiB at the end (${v.growth >= 0 ? "+" : ""}${(v.growth / 1024).toFixed(1)} KiB), highest ${fmtMiB(v.max)} MiB.`);
}

console.log(out.join("\n"));
