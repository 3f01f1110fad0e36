// The batch view's speed in headless Chromium: a 10,000-row .xlsx (benches/sheet-workbook.mjs,
// written as Excel writes a sheet) chosen on the page served from dist/www, to its table on
// screen, over fresh page loads; the parts the view measures itself (read and judge in the
// worker, the table's data made there, the rest: the file handed over, the results brought
// back, the summary and table rendered and painted); then the .xlsx export of the same rows
// (click to download); and the same file through the command line, to .xlsx and to .csv.
// With ENTERPRISES, then an enterprise roster of that many rows (a CSV, the enterprises spread
// over the sheet's clusters by 所属集群) added to the table on screen as a second file, to
// the table judged with it. Prints Markdown for BENCHMARKS.md.
//
//   make package www && npm install --no-save --no-package-lock --ignore-scripts target/npm/cluster-check-*.tgz
//   node benches/batch-page.mjs [ROWS] [LOADS] [ENTERPRISES]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "../tests/browser/chromium.mjs";
import { startServer } from "../scripts/serve.mjs";
import { clusterWorkbook } from "./sheet-workbook.mjs";

const ROWS = Number(process.argv[2] ?? 10_000);
const LOADS = Math.max(3, Number(process.argv[3] ?? 5));
const ENTERPRISES = Number(process.argv[4] ?? 0);
const root = fileURLToPath(new URL("../", import.meta.url));
const catalog = JSON.parse(readFileSync(new URL("rulesets/henan-2014.json", import.meta.resolve("cluster-check")), "utf8"));
const dir = mkdtempSync(join(tmpdir(), "cluster-check-batch-bench-"));
const file = join(dir, `clusters-${ROWS}.xlsx`);
writeFileSync(file, clusterWorkbook(catalog, ROWS));
// The roster: the sheet's cluster names (第2号产业集群 …), every cell of a row given.
const rosterFile = join(dir, `roster-${ENTERPRISES}.csv`);
if (ENTERPRISES) {
  const lines = ["企业名称,所属集群,主营业务收入（万元）,营业收入（万元）,属于主导产业,研发投入（万元）,从业人员（人）,应实施强制性清洁生产审核,已实施清洁生产审核"];
  for (let i = 0; i < ENTERPRISES; i++) lines.push(`企业${i},第${2 + (i % ROWS)}号产业集群,${(i * 7919) % 12000}.5,${(i * 104729) % 60000},${i % 3 ? "是" : "否"},${i % 300},${(i * 31) % 2000},${i % 5 ? "否" : "是"},否`);
  writeFileSync(rosterFile, lines.join("\r\n"));
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const range = (values) => `${Math.round(Math.min(...values))} – ${Math.round(Math.max(...values))}`;
const load = () => loadavg()[0].toFixed(2);

console.log(`${ROWS} rows, .xlsx ${statSync(file).size} bytes; Chromium headless, ${cpus().length} cores (${cpus()[0].model}); load average (1 min) ${load()} at the start`);

const { server, url } = await startServer({ root: join(root, "dist/www"), port: 0 });
const browser = await launch();
const runs = [];
const rosterRuns = [];
let exportMs = null;
try {
  for (let i = 0; i <= LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(url);
    await page.click("#tab-batch");
    await page.waitForSelector("#batch-choose");
    await page.waitForTimeout(1000); // the view's worker warms up as it would while a person picks a file
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("#batch-choose")]);
    await chooser.setFiles(file);
    await page.waitForFunction(() => performance.getEntriesByName("cluster-check:batch-shown").length > 0, null, { timeout: 120_000 });
    const run = await page.evaluate(() => {
      const chosen = performance.getEntriesByName("cluster-check:batch-chosen")[0].startTime;
      const shown = performance.getEntriesByName("cluster-check:batch-shown")[0];
      return { total: shown.startTime - chosen, ...shown.detail };
    });
    if (run.rows !== ROWS) throw new Error(`${run.rows} rows on screen`);
    if (i > 0) runs.push(run); // the first load warms the browser's caches: not counted
    if (ENTERPRISES) {
      const [rosterChooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("#batch-roster-add")]);
      await rosterChooser.setFiles(rosterFile);
      await page.waitForFunction(() => performance.getEntriesByName("cluster-check:batch-shown").length > 1 || document.getElementById("batch-alert").textContent, null, { timeout: 600_000 });
      const alert = await page.textContent("#batch-alert");
      if (alert) throw new Error(`the roster was refused: ${alert}`);
      const counted = await page.evaluate(() => {
        const chosen = performance.getEntriesByName("cluster-check:batch-chosen")[1].startTime;
        const shown = performance.getEntriesByName("cluster-check:batch-shown")[1];
        return { total: shown.startTime - chosen, ...shown.detail };
      });
      if (i > 0) rosterRuns.push(counted);
    }
    if (i === LOADS) {
      const start = Date.now();
      const [download] = await Promise.all([page.waitForEvent("download", { timeout: 600_000 }), page.click("#batch-export-xlsx")]);
      await download.path();
      exportMs = Date.now() - start;
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

const row = (label, values) => console.log(`| ${label} | ${Math.round(median(values))} | ${range(values)} |`);
console.log(`\nmedian of ${LOADS} loads (after one not counted); load average (1 min) ${load()} at the end\n`);
console.log("| step | ms (median) | min – max |\n|---|---:|---:|");
row("**file chosen → table on screen** (the frame after it is drawn)", runs.map((r) => r.total));
row("in the worker: `readClusters` (.xlsx bytes → Figures)", runs.map((r) => r.readMs));
row("in the worker: `judge` → `verdictsMany` (the table needs verdicts only), in chunks of 500 with progress", runs.map((r) => r.judgeMs));
row("in the worker: the table's data (statuses per row, problems in both languages, summary)", runs.map((r) => r.tableMs));
row("the rest: file to the worker, results back, summary and table rendered", runs.map((r) => r.total - r.readMs - r.judgeMs - r.tableMs));
console.log(`| export .xlsx, click → download (one run${ENTERPRISES ? ", with the roster" : ""}) | ${exportMs} | |`);
if (ENTERPRISES) {
  console.log(`\nwith a roster of ${ENTERPRISES} enterprises (CSV, ${statSync(rosterFile).size} bytes) added to the table on screen\n`);
  console.log("| step | ms (median) | min – max |\n|---|---:|---:|");
  row("**roster chosen → table judged with it on screen**", rosterRuns.map((r) => r.total));
  row("in the worker: the sheet and the roster read, the roster counted (`applyRoster`)", rosterRuns.map((r) => r.readMs));
  row("in the worker: `judge` → `verdictsMany`", rosterRuns.map((r) => r.judgeMs));
  row("in the worker: the table's data", rosterRuns.map((r) => r.tableMs));
  row("the rest", rosterRuns.map((r) => r.total - r.readMs - r.judgeMs - r.tableMs));
}

// The command line, on the same file.
const cli = fileURLToPath(new URL("cli.js", import.meta.resolve("cluster-check")));
for (const out of ["results.xlsx", "results.csv"]) {
  const start = Date.now();
  execFileSync(process.execPath, [cli, file, "--out", join(dir, out)], { stdio: "ignore" });
  console.log(`| command line \`cluster-check ${ROWS} rows.xlsx --out ${out}\` (one run) | ${Date.now() - start} | |`);
}
rmSync(dir, { recursive: true, force: true });
