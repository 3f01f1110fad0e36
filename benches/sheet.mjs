// A batch of 10,000 clusters through the spreadsheet path of the built package, in Node:
// .xlsx bytes → readClusters → evaluateMany → writeResults (.xlsx and .csv). The input is
// written here as Excel writes a sheet (shared strings, numbers with 17 significant digits),
// zipped with fflate. Also the sizes of the spreadsheet modules, bundled and gzipped.
//
//   make package && npm install --no-save --no-package-lock --ignore-scripts target/npm/cluster-check-*.tgz
//   node --expose-gc benches/sheet.mjs [ROWS] [RUNS]
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "rolldown";

import { evaluateMany, version } from "cluster-check";
import { readClusters, judge, writeResults, templateColumns } from "cluster-check/sheet";
import { clusterWorkbook } from "./sheet-workbook.mjs";

const ROWS = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 5);
const catalog = JSON.parse(readFileSync(new URL("rulesets/henan-2014.json", import.meta.resolve("cluster-check")), "utf8"));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
// CPU time (user + system of this process) beside wall time: on a shared machine the wall
// time also counts the time other processes held the cores.
async function time(label, fn) {
  const times = [];
  const cpu = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    globalThis.gc?.();
    const start = performance.now();
    const before = process.cpuUsage();
    result = await fn();
    const used = process.cpuUsage(before);
    times.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  console.log(`| ${label} | ${median(times).toFixed(0)} | ${Math.min(...times).toFixed(0)} – ${Math.max(...times).toFixed(0)} | ${median(cpu).toFixed(0)} |`);
  return result;
}

const input = clusterWorkbook(catalog, ROWS);
console.log(`cluster-check ${version()}, Node ${process.version}; ${ROWS} rows × ${templateColumns(catalog).length} columns, .xlsx ${input.length} bytes; median of ${RUNS} runs\n`);
console.log("| step | wall ms (median) | min – max | CPU ms (median) |\n|---|---:|---:|---:|");
const read = await time("readClusters (.xlsx → Figures)", () => readClusters(input, { catalog }));
if (!read.ok || read.records.length !== ROWS || read.problems.length !== 0) throw new Error(`unexpected read: ${read.code ?? read.problems.length}`);
const rows = await time("evaluateMany (Figures → reports)", () => judge(read, evaluateMany));
const xlsx = await time("writeResults .xlsx (summary, detail, problems, about)", () => writeResults(rows, { catalog }));
const csv = await time("writeResults .csv (summary)", () => writeResults(rows, { catalog, format: "csv" }));
await time("whole path (read → judge → .xlsx)", async () => writeResults(judge(readClusters(input, { catalog }), evaluateMany), { catalog }));
console.log(`\nresults: .xlsx ${xlsx.length} bytes (${rows.length * 14 + 1} detail rows), .csv ${csv.length} bytes`);

// Sizes: what a page downloads for the batch view, bundled and minified by rolldown, gzip -9.
const dir = mkdtempSync(join(tmpdir(), "cluster-check-sheet-size-"));
const sheet = fileURLToPath(import.meta.resolve("cluster-check/sheet"));
try {
  const entry = join(dir, "entry.js");
  writeFileSync(entry, `export * from ${JSON.stringify(sheet)};\n`);
  const { output } = await build({ input: entry, platform: "browser", write: false, logLevel: "silent", output: { format: "esm", minify: true } });
  console.log("\n| chunk | minified bytes | gzip -9 bytes |\n|---|---:|---:|");
  for (const chunk of output.filter((o) => o.type === "chunk")) {
    const code = Buffer.from(chunk.code);
    console.log(`| ${chunk.isEntry ? "cluster-check/sheet (reading, results, template)" : `${chunk.fileName} (loaded when a workbook is written)`} | ${code.length} | ${gzipSync(code, { level: 9 }).length} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
