// The roster part's speed in headless Chromium: a roster of ROWS enterprises (a CSV, one
// cluster, every column of the Henan roster filled) chosen on the one-year form of the page
// served from dist/www, to the counted figures in the form and the part's message on screen,
// over fresh page loads; and the longest task on the page's main thread meanwhile (the reading
// and counting are the worker's: the page must stay responsive). Prints Markdown for BENCHMARKS.md.
//
//   make package www && npm install --no-save --no-package-lock --ignore-scripts target/npm/cluster-check-*.tgz
//   node benches/roster-page.mjs [ROWS] [LOADS]
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "../tests/browser/chromium.mjs";
import { startServer } from "../scripts/serve.mjs";

const ROWS = Number(process.argv[2] ?? 100_000);
const LOADS = Math.max(3, Number(process.argv[3] ?? 5));
const root = fileURLToPath(new URL("../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "cluster-check-roster-bench-"));
const file = join(dir, `roster-${ROWS}.csv`);
const lines = ["企业名称,主营业务收入（万元）,营业收入（万元）,属于主导产业,研发投入（万元）,从业人员（人）,应实施强制性清洁生产审核,已实施清洁生产审核"];
for (let i = 1; i <= ROWS; i++) {
  const revenue = (i % 9000) + 0.125;
  lines.push(`企业${i},${revenue},${revenue + 10},${i % 3 ? "是" : "否"},${(i % 50) / 4},${i % 1500},${i % 7 ? "否" : "是"},${i % 14 ? "否" : "是"}`);
}
writeFileSync(file, `${lines.join("\n")}\n`);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const range = (values) => `${Math.round(Math.min(...values))} – ${Math.round(Math.max(...values))}`;
const load = () => loadavg()[0].toFixed(2);

console.log(`${ROWS} rows, .csv ${statSync(file).size} bytes; Chromium headless, ${cpus().length} cores (${cpus()[0].model}); load average (1 min) ${load()} at the start`);

const { server, url } = await startServer({ root: join(root, "dist/www"), port: 0 });
const browser = await launch();
const runs = [];
try {
  for (let i = 0; i <= LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('#app .cc[data-ready="true"]');
    await page.click("#roster > summary");
    await page.waitForSelector("#roster-choose");
    await page.waitForTimeout(1000); // the worker and its engine load as they would while a person picks a file
    await page.evaluate(() => {
      window.longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.longest = Math.max(window.longest, entry.duration);
      }).observe({ type: "longtask" });
    });
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("#roster-choose")]);
    const start = Date.now();
    await chooser.setFiles(file);
    await page.waitForFunction(() => document.querySelector("#roster-status .roster-message-text") && document.querySelector("#roster-progress").hidden, null, { timeout: 600_000 });
    const total = Date.now() - start;
    const { longest, said } = await page.evaluate(() => ({ longest: window.longest, said: document.querySelector("#roster-status").textContent }));
    if (!said.includes(ROWS.toLocaleString("en-US"))) throw new Error(`not counted: ${said}`);
    if (i > 0) runs.push({ total, longest }); // the first load warms the browser's caches: not counted
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}

console.log(`\nmedian of ${LOADS} loads (after one not counted); load average (1 min) ${load()} at the end\n`);
console.log("| step | ms (median) | min – max |\n|---|---:|---:|");
console.log(`| **file chosen → counted figures in the form** (read and counted in the worker) | ${Math.round(median(runs.map((r) => r.total)))} | ${range(runs.map((r) => r.total))} |`);
console.log(`| longest task on the page's main thread meanwhile | ${Math.round(median(runs.map((r) => r.longest)))} | ${range(runs.map((r) => r.longest))} |`);
