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
import { zipSync, strToU8 } from "fflate";
import { build } from "rolldown";

import { evaluateMany, version } from "cluster-check";
import { readClusters, judge, writeResults, templateColumns } from "cluster-check/sheet";

const ROWS = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 5);
const catalog = JSON.parse(readFileSync(new URL("../tests/fixtures/catalog/henan-2014.json", import.meta.url), "utf8"));

/** A workbook of `rows` clusters in the template's columns, as Excel would save it. */
function workbook(rows) {
  const columns = templateColumns(catalog, { lang: "zh" });
  const strings = [];
  const index = new Map();
  const shared = (text) => {
    if (!index.has(text)) index.set(text, strings.push(text) - 1);
    return index.get(text);
  };
  const letter = (i) => (i < 26 ? "" : String.fromCharCode(64 + Math.floor(i / 26))) + String.fromCharCode(65 + (i % 26));
  const value = (column, r) => {
    switch (column.kind) {
      case "text":
        return `第${r}号产业集群`;
      case "year":
        return 2023;
      case "bool":
      case "member":
        return r % 7 === 0 ? "否" : "是";
      case "count":
        return (r * 37) % 300;
      default:
        return ((r * 7919) % 2_000_000) + 0.01 * (r % 100); // two decimals, stored with 17 digits
    }
  };
  const xml = [];
  xml.push(`<row r="1">${columns.map((c, i) => `<c r="${letter(i)}1" t="s"><v>${shared(c.header)}</v></c>`).join("")}</row>`);
  for (let r = 2; r <= rows + 1; r++) {
    const cells = columns.map((c, i) => {
      const v = value(c, r);
      return typeof v === "number"
        ? `<c r="${letter(i)}${r}"><v>${Number.isInteger(v) ? v : v.toPrecision(17)}</v></c>`
        : `<c r="${letter(i)}${r}" t="s"><v>${shared(v)}</v></c>`;
    });
    xml.push(`<row r="${r}">${cells.join("")}</row>`);
  }
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return zipSync({
    "[Content_Types].xml": strToU8(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`),
    "_rels/.rels": strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    "xl/workbook.xml": strToU8(`<workbook ${ns} xmlns:r="${rel}"><sheets><sheet name="集群" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    "xl/_rels/workbook.xml.rels": strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet ${ns}><sheetData>${xml.join("")}</sheetData></worksheet>`),
    "xl/sharedStrings.xml": strToU8(`<sst ${ns} count="${strings.length}">${strings.map((s) => `<si><t>${s}</t></si>`).join("")}</sst>`),
  });
}

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

const input = workbook(ROWS);
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
