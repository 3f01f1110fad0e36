// cluster-check/sheet in Chromium, unchanged from what runs in Node: in a module Web Worker
// (read an .xlsx, judge it, write a results workbook large enough that a zip library would
// reach for a Worker of its own) and on the page's main thread (read a GBK CSV), from static
// hosting under a strict Content-Security-Policy that forbids blob: workers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { OUT, PACKAGE, ROOT, copyPackageBrowserFiles, serveFolder, useBrowser, visitPage } from "./support.mjs";

useBrowser();

const PAGE = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy"
      content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'" />
    <title>cluster-check/sheet in a worker and on the page</title>
    <link rel="icon" href="favicon.svg" type="image/svg+xml" />
    <script type="module" src="main.js"></script>
  </head>
  <body><p id="state">Loading…</p><pre id="out"></pre></body>
</html>
`;

const MAIN = `import { readClusters } from "./cluster-check/sheet/index.js";
const state = document.getElementById("state");
const out = document.getElementById("out");
try {
  const catalog = await (await fetch("henan-2014.json")).json();
  const csv = new Uint8Array(await (await fetch("gbk.csv")).arrayBuffer());
  const main = readClusters(csv, { catalog });
  const worker = new Worker("worker.js", { type: "module" });
  const fromWorker = await new Promise((resolve, reject) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message || "worker failed"));
  });
  out.textContent = JSON.stringify({ main: main.records.map((r) => r.figures), worker: fromWorker });
  state.dataset.state = "done";
} catch (error) {
  out.textContent = String(error?.stack ?? error);
  state.dataset.state = "failed";
}
`;

const WORKER = `import { evaluateMany } from "./cluster-check/index.js";
import { readClusters, judge, writeResults, summarize } from "./cluster-check/sheet/index.js";
try {
  const catalog = await (await fetch("henan-2014.json")).json();
  const bytes = new Uint8Array(await (await fetch("units-openpyxl.xlsx")).arrayBuffer());
  const read = readClusters(bytes, { catalog });
  const rows = judge(read, evaluateMany);
  // Many copies of the rows: a detail sheet of several megabytes.
  const many = Array.from({ length: 600 }, () => rows).flat();
  const xlsx = await writeResults(many, { catalog, read });
  postMessage({
    figures: read.records.map((r) => r.figures),
    problems: read.problems.map((p) => [p.row, p.letter, p.code]),
    statuses: rows.map((r) => r.report.status),
    summary: summarize(many, catalog),
    xlsx: { bytes: xlsx.length, zip: xlsx[0] === 0x50 && xlsx[1] === 0x4b },
  });
} catch (error) {
  postMessage({ error: String(error?.stack ?? error) });
}
`;

test("the spreadsheet modules in a module worker and on the main thread, strict CSP", async () => {
  const site = join(OUT, "sheet-browser");
  await rm(site, { recursive: true, force: true });
  await mkdir(site, { recursive: true });
  await copyPackageBrowserFiles(join(site, "cluster-check"));
  await writeFile(join(site, "index.html"), PAGE);
  await writeFile(join(site, "main.js"), MAIN);
  await writeFile(join(site, "worker.js"), WORKER);
  await copyFile(join(ROOT, "tests/browser/fixtures/static/favicon.svg"), join(site, "favicon.svg"));
  await copyFile(join(PACKAGE, "rulesets/henan-2014.json"), join(site, "henan-2014.json"));
  for (const name of ["gbk.csv", "units-openpyxl.xlsx"]) await copyFile(join(ROOT, "tests/fixtures/sheets", name), join(site, name));

  const base = await serveFolder(site, "/batch/");
  await visitPage(base, { ready: "#state[data-state]" }, async ({ page }) => {
    const state = await page.locator("#state").getAttribute("data-state");
    const text = await page.locator("#out").textContent();
    assert.equal(state, "done", text);
    const { main, worker } = JSON.parse(text);
    assert.equal(worker.error, undefined, worker.error);
    assert.deepEqual(main, [
      { name: "郑州某产业集群", revenue_wan: "226247", rd_expense_wan: "2262.47", leading_enterprises: "3", defined_area: true },
      { name: "洛阳某产业集群", revenue_wan: "300,000", rd_expense_wan: "２０００", leading_enterprises: "1", defined_area: false },
    ]);
    assert.equal(worker.figures[0].revenue_wan, "226247", "22.6247 亿元, exactly");
    assert.deepEqual(worker.problems.map(([row, letter]) => `${letter}${row}`), ["I1", "C5", "D5", "H5", "J5", "S7"]);
    assert.deepEqual(worker.statuses, ["incomplete", "not_met", "not_met"]);
    assert.equal(worker.summary.total, 1800);
    assert.ok(worker.xlsx.zip, "a zip");
    assert.ok(worker.xlsx.bytes > 160_000, `a workbook past the size at which fflate would start a worker (${worker.xlsx.bytes} bytes)`);
  });
});
