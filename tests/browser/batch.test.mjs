// The batch view of the page (批量自测 / Many clusters), in Chromium, from static hosting and
// from the single file: spreadsheets written by other software (tests/fixtures/sheets/, see
// the README there) chosen as a user would; the table and the summary are what
// cluster-check/sheet and evaluateMany give for the same file in Node; filter, sort, a row's
// full report, the data problems, exports and templates read back, refusals that leave the
// screen as it was, cancel, 10,000 rows, print on A4 landscape, the keyboard, axe, and
// screenshots in both languages at phone and desktop size. The view's code is not loaded
// until the mode is chosen.
//
//   make package www && npm install --no-save --no-package-lock --ignore-scripts target/npm/cluster-check-*.tgz
//   node --test --test-concurrency=1 tests/browser/batch.test.mjs
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { evaluateMany } from "cluster-check";
import { figuresFromRoster } from "cluster-check/roster";
import { judge, problemsList, problemsTable, readClusters, readTable, summarize, summaryTable, templateColumns, writeTemplate } from "cluster-check/sheet";
import { clusterWorkbook } from "../../benches/sheet-workbook.mjs";
import { BATCH_TEXT } from "../../dist/www/batch-text.js";
import { CJK, DESKTOP, PHONE_LARGE, SCREENSHOTS, fullPageScreenshot, openPage, resultsOf, runAxe, usePage, waitReady } from "./page-support.mjs";
import { HENAN, MIIT, SHEETS, cellsOf, choose, countOf, downloaded, headers, openBatch, openSingleFile, screenOf, showSheet, shownCount, shownRow, shownTables, tableRows } from "./batch-support.mjs";

/** The template's roster-examples sheet as the package writes it in Node: the page's worker must write the same. */
const rosterExamples = async (catalog, lang = "zh") =>
  cellsOf(await writeTemplate(catalog, { lang, evaluateMany, figuresFromRoster }), lang === "en" ? "Roster examples" : "名单示例");

/** What the page should show for a fixture, judged in Node by the same package. */
function expected(file, catalog = HENAN, ruleset = catalog.id ?? "henan-2014") {
  const read = readClusters(readFileSync(`${SHEETS}${file}`), { catalog, ruleset });
  assert.ok(read.ok, `${file}: ${read.code}`);
  const rows = judge(read, evaluateMany);
  return { read, rows, summary: summarize(rows, catalog) };
}

const state = usePage({ before, after });

test("the texts of the view have the same keys in both languages, and no Chinese in English", () => {
  assert.deepEqual(Object.keys(BATCH_TEXT.en).sort(), Object.keys(BATCH_TEXT["zh-CN"]).sort());
  for (const [key, text] of Object.entries(BATCH_TEXT.en)) assert.doesNotMatch(text, CJK, key);
});

describe("an .xlsx written by openpyxl", () => {
  const { read, rows, summary } = expected("units-openpyxl.xlsx");

  test("loaded only when the mode is chosen; the table, the summary and the problems are evaluateMany's", async () => {
    const { page, close } = await openPage(state);
    // The view's module is batch.js, or on the server the page's chunk made from it (chunk-batch-….js).
    const lazy = (url) => /\/batch[-.]|\/chunk-batch-|\/pkg\/sheet\//.test(url);
    assert.deepEqual(state.requests.filter(lazy), [], "the single-cluster page loads none of the batch view");
    const first = state.requests.length;
    await openBatch(page);
    await showSheet(page, `${SHEETS}units-openpyxl.xlsx`);
    const asked = state.requests.slice(first);
    assert.ok(asked.some((url) => /^\/(batch|chunk-batch-[\w-]+)\.js$/.test(url)), `the view's module loaded with the view: ${asked}`);
    for (const file of ["/batch.css", "/batch-worker.js", "/pkg/sheet/index.js"]) assert.ok(asked.includes(file), `${file} loaded with the view: ${asked}`);

    // The table: one row per cluster, as judged in Node.
    assert.deepEqual(await tableRows(page), rows.map((row) => shownRow(row, HENAN)));
    assert.deepEqual(await page.$$eval("#batch-table .batch-open", (b) => b.map((x) => x.textContent)), rows.map((r) => r.report.name || "（未填名称）"));
    const heads = await headers(page);
    assert.deepEqual(heads.slice(0, 5), ["行号", "集群名称", "数据年度", "判定", HENAN.tiers.label.zh]);
    assert.deepEqual(heads.slice(5 + HENAN.conditions.length), ["达到的检查项", "数据问题"]);
    const conditionHeads = heads.slice(5, 5 + HENAN.conditions.length);
    HENAN.conditions.forEach((c, i) => assert.ok(conditionHeads[i].endsWith(c.title.zh), `${conditionHeads[i]} is ${c.title.zh}`));

    // The summary.
    assert.match(await page.textContent(".batch-count-total"), new RegExp(`共 ${summary.total} 个集群`));
    for (const status of ["met", "not_met", "incomplete"]) assert.equal(await countOf(page, status), summary[status], status);
    const tiers = await page.textContent(".batch-tiers");
    for (const tier of summary.tiers) assert.ok(tiers.includes(`${tier.title.zh} ${tier.count} 个`), tiers);
    assert.ok(tiers.includes(`${summary.no_tier} 个`));
    const missed = await page.textContent(".batch-most-missed");
    assert.ok(missed.includes(summary.most_missed.title.zh) && missed.includes(`${summary.most_missed.count} 个集群未达到`), missed);
    assert.match(await page.textContent(".batch-basis"), /豫工信企业〔2014〕196号.*units-openpyxl\.xlsx/);

    // The data problems: row, column, field and message, in both languages.
    const problems = () =>
      page.$$eval("#batch-problems tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    const listed = (lang) => problemsTable(rows, HENAN, lang, read.problems, read.columns).slice(1);
    const zh = listed("zh");
    assert.ok(zh.length >= 5);
    assert.deepEqual((await problems()).map(([, column, field, message]) => [column, field, message]), zh.map(([, column, field, , message]) => [column, field, message]));
    assert.deepEqual((await problems()).map(([where]) => where.match(/\d+/)?.[0] ?? ""), zh.map(([row]) => String(row)));
    assert.ok(zh.some(([, column, field]) => column && field), "a problem names its column and its field");
    await page.click("#lang-toggle");
    const en = listed("en");
    assert.deepEqual((await problems()).map(([, column, field, message]) => [column, field, message]), en.map(([, column, field, , message]) => [column, field, message]));
    assert.deepEqual(await tableRows(page), rows.map((row) => shownRow(row, HENAN, "en")));
    assert.equal(await page.textContent(".batch-count-total"), `Clusters: ${summary.total}`);
    // A problem's row number goes to that row of the table.
    await page.click("#batch-problems .batch-problem-row >> nth=0");
    const target = Number(await page.getAttribute("#batch-problems .batch-problem-row >> nth=0", "data-row"));
    assert.equal(await page.evaluate(() => document.activeElement.closest("tr")?.dataset.row), String(target));
    await close();
  });

  test("filter by verdict, sort by any column, open a row as its full report and come back", async () => {
    const { page, close } = await openPage(state);
    await openBatch(page);
    await showSheet(page, `${SHEETS}units-openpyxl.xlsx`);
    const byRow = Object.fromEntries(rows.map((r) => [r.row, r]));

    // Filter.
    for (const status of ["not_met", "incomplete", "met"]) {
      await page.selectOption("#batch-filter", status);
      const shown = await tableRows(page);
      assert.deepEqual(shown.map((r) => r.row), rows.filter((r) => r.report.status === status).map((r) => r.row), status);
      assert.equal(await shownCount(page), `显示 ${shown.length} / ${rows.length} 个集群。`);
    }
    assert.equal(await page.isVisible(".batch-empty"), true, "no cluster meets all: the filter says so");
    await page.selectOption("#batch-filter", "problems");
    assert.deepEqual((await tableRows(page)).map((r) => r.row), rows.filter((r) => r.problems.length + r.report.errors.length > 0).map((r) => r.row));
    await page.selectOption("#batch-filter", "all");

    // Sort: by row descending, by verdict, by checks met (ties by row).
    await page.click(".batch-sort[data-column='row']");
    assert.deepEqual((await tableRows(page)).map((r) => r.row), rows.map((r) => r.row).reverse());
    assert.equal(await page.getAttribute("th:has(.batch-sort[data-column='row'])", "aria-sort"), "descending");
    const order = ["met", "not_met", "incomplete"];
    await page.click(".batch-sort[data-column='verdict']");
    const byVerdict = [...rows].sort((a, b) => order.indexOf(a.report.status) - order.indexOf(b.report.status) || a.row - b.row).map((r) => r.row);
    assert.deepEqual((await tableRows(page)).map((r) => r.row), byVerdict);
    assert.equal(await page.getAttribute("th:has(.batch-sort[data-column='verdict'])", "aria-sort"), "ascending");
    assert.equal(await page.getAttribute("th:has(.batch-sort[data-column='row'])", "aria-sort"), null);
    await page.click(".batch-sort[data-column='checks']");
    const met = (r) => r.report.conditions.flatMap((c) => c.checks).filter((c) => c.status === "met").length;
    assert.deepEqual((await tableRows(page)).map((r) => r.row), [...rows].sort((a, b) => met(a) - met(b) || a.row - b.row).map((r) => r.row));
    await page.click(".batch-sort[data-column='checks']");
    assert.deepEqual((await tableRows(page)).map((r) => r.row), [...rows].sort((a, b) => met(b) - met(a) || a.row - b.row).map((r) => r.row));

    // Every row opens as the single-cluster report: the same verdict and checks.
    for (const { row } of rows) {
      await page.click(`#batch-table tr[data-row='${row}'] .batch-open`);
      await waitReady(page, "#batch-report");
      assert.equal(await page.isVisible("#batch-results"), false);
      assert.match(await page.textContent("#batch-detail-heading"), new RegExp(`^第 ${row} 行`));
      const shown = await resultsOf(page, "#batch-report");
      const report = byRow[row].report;
      assert.equal(shown.status, report.status, `row ${row}`);
      assert.deepEqual(shown.checks, Object.fromEntries(report.conditions.flatMap((c) => c.checks).map((c) => [c.id, c.status])), `row ${row}`);
      await page.click("#batch-back");
      assert.equal(await page.isVisible("#batch-results"), true);
      assert.equal(await page.evaluate(() => document.activeElement.closest("tr")?.dataset.row), String(row), "the focus is back on the row");
    }
    // The table is as it was: the sort is kept.
    assert.deepEqual((await tableRows(page)).map((r) => r.row), [...rows].sort((a, b) => met(b) - met(a) || a.row - b.row).map((r) => r.row));
    await close();
  });

  test("exports (.xlsx, .csv, JSON) read back as the results; the templates as the catalog's columns", async () => {
    const { page, close } = await openPage(state);
    await openBatch(page);
    await showSheet(page, `${SHEETS}units-openpyxl.xlsx`);

    const xlsx = await downloaded(page, "#batch-export-xlsx");
    assert.equal(xlsx.name, "units-openpyxl-判定结果.xlsx");
    assert.deepEqual(readTable(xlsx.bytes).sheets, ["汇总", "明细", "数据问题", "判定依据"]);
    const summarySheet = summaryTable(rows, HENAN, "zh").map((line) => line.map(String));
    assert.deepEqual(cellsOf(xlsx.bytes, "汇总"), summarySheet);
    assert.equal(cellsOf(xlsx.bytes, "明细").length, 1 + rows.length * 14);
    assert.equal(cellsOf(xlsx.bytes, "数据问题").length, 1 + problemsTable(rows, HENAN, "zh", read.problems, read.columns).length - 1);
    const about = Object.fromEntries(cellsOf(xlsx.bytes, "判定依据"));
    assert.equal(about["规则集"], "henan-2014");
    assert.equal(about["数据文件"], "units-openpyxl.xlsx");
    assert.match(await page.textContent("#batch-status"), /已导出 units-openpyxl-判定结果\.xlsx/);

    const csv = await downloaded(page, "#batch-export-csv");
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 with BOM");
    assert.deepEqual(cellsOf(csv.bytes), summarySheet);

    const json = JSON.parse((await downloaded(page, "#batch-export-json")).bytes.toString("utf8"));
    assert.deepEqual(json.map((item) => item.row), rows.map((r) => r.row));
    assert.deepEqual(json.map((item) => item.report), JSON.parse(JSON.stringify(rows.map((r) => r.report))));

    // The templates, in the language of the page.
    const template = await downloaded(page, "#batch-template-xlsx");
    assert.equal(template.name, "cluster-check-template-henan-2014.xlsx");
    assert.deepEqual(cellsOf(template.bytes)[0], templateColumns(HENAN, { lang: "zh" }).map((c) => c.header));
    assert.ok(readTable(template.bytes).sheets.length >= 3, "the columns, their guide, the examples");
    // The roster's worked examples, counted by the roster engine in the page's worker.
    assert.ok(readTable(template.bytes).sheets.includes("名单示例"), String(readTable(template.bytes).sheets));
    assert.deepEqual(cellsOf(template.bytes, "名单示例"), await rosterExamples(HENAN));
    assert.ok(cellsOf(template.bytes, "名单示例").some((r) => r[0] === "按以上示例名单统计：龙头企业数（主营业务收入超5000万元） 2 家"));
    await page.click("#lang-toggle");
    const csvTemplate = await downloaded(page, "#batch-template-csv");
    assert.equal(csvTemplate.name, "cluster-check-template-henan-2014-en.csv");
    assert.deepEqual([...csvTemplate.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.deepEqual(cellsOf(csvTemplate.bytes)[0], templateColumns(HENAN, { lang: "en" }).map((c) => c.header));
    await close();
  });

  test("print: the summary table on A4 landscape, with the document's name and number", async () => {
    const { page, close } = await openPage(state);
    await openBatch(page);
    await showSheet(page, `${SHEETS}units-openpyxl.xlsx`);
    await page.selectOption("#batch-filter", "not_met");
    await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    await page.emulateMedia({ media: "print" });
    assert.match(await page.textContent(".batch-print-title"), /指导意见|集群/);
    assert.match(await page.textContent(".batch-print-basis"), /豫工信企业〔2014〕196号/);
    const printed = await page.$$eval(".batch-print-table tbody tr", (trs) => trs.map((tr) => tr.dataset.status));
    assert.deepEqual(printed, rows.filter((r) => r.report.status === "not_met").map(() => "not_met"));
    assert.equal(await page.isVisible("#batch-table"), false, "the screen's table is not printed");
    await page.setViewportSize({ width: 1123, height: 794 }); // A4 landscape at 96 dpi
    await page.screenshot({ path: `${SCREENSHOTS}/batch-print-zh.png`, fullPage: true });
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    assert.ok(boxes.length >= 1);
    for (const [width, height] of boxes) assert.deepEqual([width, height], [842, 595], "A4 landscape, in points");
    await page.emulateMedia({ media: "screen" });
    await close();
  });
});

test("an .xlsx and a .csv saved by LibreOffice Calc, chosen: the table and the summary Node gives for each", async () => {
  const { page, close } = await openPage(state);
  await openBatch(page);
  for (const file of ["libreoffice.xlsx", "libreoffice.csv"]) {
    const { rows, summary } = expected(file);
    await showSheet(page, `${SHEETS}${file}`);
    assert.match(await page.textContent("#batch-status"), new RegExp(`已读取 ${file.replace(".", "\\.")}`));
    assert.deepEqual(await tableRows(page), rows.map((row) => shownRow(row, HENAN)), file);
    for (const status of ["met", "not_met", "incomplete"]) assert.equal(await countOf(page, status), summary[status], `${file}: ${status}`);
    assert.match(await page.textContent("#batch-problems"), /#DIV\/0!/, `${file}: the error value is a data problem`);
  }
  await close();
});

test("a GB18030 CSV (as Chinese Excel saves it), dropped on the view: the clusters and their names", async () => {
  const { rows, summary } = expected("gbk.csv");
  const { page, close } = await openPage(state);
  await openBatch(page);
  const bytes = [...readFileSync(`${SHEETS}gbk.csv`)];
  const dataTransfer = await page.evaluateHandle((bytes) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(bytes)], "gbk.csv", { type: "text/csv" }));
    return transfer;
  }, bytes);
  await page.dispatchEvent("#batch-drop", "dragover", { dataTransfer });
  assert.equal(await page.getAttribute("#batch-drop", "data-over"), "true");
  await page.dispatchEvent("#batch-drop", "drop", { dataTransfer });
  await page.waitForFunction(() => performance.getEntriesByName("cluster-check:batch-shown").length > 0);
  assert.equal(await page.getAttribute("#batch-drop", "data-over"), null);
  assert.match(await page.textContent("#batch-status"), /已读取 gbk\.csv/);
  assert.deepEqual(await tableRows(page), rows.map((row) => shownRow(row, HENAN)));
  assert.deepEqual(await page.$$eval("#batch-table .batch-open", (b) => b.map((x) => x.textContent)), rows.map((r) => r.report.name));
  assert.ok(rows.every((r) => CJK.test(r.report.name)), "the names are read as Chinese");
  for (const status of ["met", "not_met", "incomplete"]) assert.equal(await countOf(page, status), summary[status], status);
  await close();
});

test("a file that cannot be read changes nothing on screen; the message says why in both languages", async () => {
  const { page, seen, close } = await openPage(state);
  await openBatch(page);
  // With nothing on screen yet, then with a table.
  await choose(page, `${SHEETS}legacy.xls`);
  await page.waitForSelector("#batch-alert:not(:empty)");
  assert.match(await page.textContent("#batch-alert"), /无法读取 legacy\.xls.*另存为 \.xlsx/s);
  assert.equal(await page.isVisible("#batch-results"), false);
  await showSheet(page, `${SHEETS}units-openpyxl.xlsx`);
  const screen = await screenOf(page);
  for (const [file, zh, en] of [
    ["legacy.xls", /另存为 \.xlsx/, /save it as \.xlsx/],
    ["libreoffice.ods", /OpenDocument.*LibreOffice/, /OpenDocument.*LibreOffice/],
    ["encrypted.xlsx", /密码/, /password/],
    ["picture.png", /图片|图像/, /image|picture/],
    ["not-a-workbook.xlsx", /./, /./],
    ["empty.xlsx", /空/, /empty/],
    ["no-header.csv", /表头/, /header/],
  ]) {
    await page.evaluate(() => {
      document.getElementById("batch-alert").replaceChildren();
      document.getElementById("batch-status").replaceChildren();
    });
    await choose(page, `${SHEETS}${file}`);
    await page.waitForSelector("#batch-alert:not(:empty)");
    const lang = await page.getAttribute("html", "lang");
    const text = await page.textContent("#batch-alert");
    assert.match(text, lang === "en" ? en : zh, `${file}: ${text}`);
    assert.ok(text.includes(file), `${file}: the message names the file`);
    assert.deepEqual(await screenOf(page), screen, `${file}: the table is as it was`);
    await page.click("#lang-toggle");
    assert.match(await page.textContent("#batch-alert"), lang === "en" ? zh : en, `${file}: in the other language too`);
    await page.click("#lang-toggle");
  }
  assert.deepEqual(seen.errors, []);
  await close();
});

test("10,000 rows: a few in the DOM, the keyboard reaches the last; cancel leaves the table as it was", async () => {
  const big = { name: "clusters-10000.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(clusterWorkbook(HENAN, 10_000)) };
  const { page, close } = await openPage(state);
  await openBatch(page);
  await showSheet(page, big);
  const timing = await page.evaluate(() => {
    const chosen = performance.getEntriesByName("cluster-check:batch-chosen").at(-1).startTime;
    const shown = performance.getEntriesByName("cluster-check:batch-shown").at(-1);
    return { ms: Math.round(shown.startTime - chosen), ...shown.detail };
  });
  console.log(`10,000 rows to the table on screen: ${JSON.stringify(timing)}`);
  assert.equal(timing.rows, 10_000);
  assert.equal(await shownCount(page), "显示 10,000 / 10,000 个集群。");
  assert.equal(await page.getAttribute("#batch-table", "aria-rowcount"), "10001");
  const inDom = (await tableRows(page)).length;
  assert.ok(inDom > 5 && inDom < 120, `${inDom} rows in the DOM`);
  // The keyboard: End goes to the last row, in sight and focused; Home back to the first.
  await page.focus("#batch-table .batch-open");
  await page.keyboard.press("End");
  assert.equal(await page.evaluate(() => document.activeElement.closest("tr")?.dataset.row), "10001");
  await page.keyboard.press("PageUp");
  assert.ok(Number(await page.evaluate(() => document.activeElement.closest("tr")?.dataset.row)) < 10001);
  await page.keyboard.press("Home");
  assert.equal(await page.evaluate(() => document.activeElement.closest("tr")?.dataset.row), "2");
  // Scrolled to the middle, the rows there are rendered.
  await page.evaluate(() => {
    const box = document.getElementById("batch-scroll");
    box.scrollTop = box.scrollHeight / 2;
  });
  await page.waitForFunction(() => [...document.querySelectorAll("#batch-table tr[data-row]")].some((tr) => Math.abs(Number(tr.dataset.row) - 5000) < 200));
  // Sorting 10,000 rows stays quick.
  const sortMs = await page.evaluate(async () => {
    const start = performance.now();
    document.querySelector(".batch-sort[data-column='name']").click();
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    return performance.now() - start;
  });
  console.log(`sort 10,000 rows by name: ${Math.round(sortMs)} ms`);
  assert.ok(sortMs < 1000, `${sortMs} ms`);
  await page.click(".batch-sort[data-column='row']");

  // The problems (18,996, mostly warnings of implausible areas) come 100 at a time from the worker.
  const read = readClusters(big.buffer, { catalog: HENAN, ruleset: "henan-2014" });
  const all = problemsList(judge(read, evaluateMany), HENAN, read.problems, read.columns);
  const problemRows = () => page.$$eval("#batch-problems tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
  assert.match(await page.textContent("#batch-problems-heading"), new RegExp(`数据问题（${all.length.toLocaleString("en")} 条）`));
  assert.equal((await problemRows()).length, 100);
  await page.click("#batch-more");
  await page.waitForFunction(() => document.querySelectorAll("#batch-problems tbody tr").length === 200);
  assert.deepEqual((await problemRows()).map(([, column, field, message]) => [column, field, message]), all.slice(0, 200).map((p) => [p.column, p.field.zh, p.message.zh]));
  assert.equal(await page.evaluate(() => document.activeElement.id), "batch-more");
  // A row's figures too: its report is the one judged in Node.
  const last = read.records.at(-1).row;
  await page.focus("#batch-table .batch-open");
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await waitReady(page, "#batch-report");
  assert.deepEqual(await page.evaluate(() => document.getElementById("batch-report").figures), read.records.at(-1).figures);
  assert.match(await page.textContent("#batch-detail-heading"), new RegExp(`^第 ${last} 行`));
  await page.click("#batch-back");

  // Cancel: a second big file, cancelled while it is read; the first one's table stays.
  const screen = await screenOf(page);
  const marks = await shownTables(page);
  await choose(page, { ...big, name: "another-10000.xlsx" });
  await page.waitForSelector("#batch-progress:not([hidden])");
  assert.match(await page.textContent("#batch-progress-text"), /another-10000\.xlsx|判定/);
  await page.click("#batch-cancel");
  assert.equal(await page.isVisible("#batch-progress"), false);
  assert.match(await page.textContent("#batch-status"), /已取消，表格没有改变/);
  await page.waitForTimeout(4000); // longer than the job takes: its worker is gone, nothing arrives
  assert.equal(await shownTables(page), marks, "no table arrived after the cancel");
  assert.deepEqual(await screenOf(page), screen);
  assert.match(await page.textContent(".batch-basis"), /clusters-10000\.xlsx/);

  // An export of 10,000 rows is cancelled too.
  await page.click("#batch-export-xlsx");
  await page.waitForSelector("#batch-progress:not([hidden])");
  assert.match(await page.textContent("#batch-progress-text"), /正在|判定/);
  await page.click("#batch-cancel");
  assert.match(await page.textContent("#batch-status"), /已取消导出/);
  await close();
});

test("a JSON item that is not figures opens as its problems, not as a report", async () => {
  const json = JSON.stringify([{ name: "甲", year: "2023", revenue_wan: "300000" }, 5]);
  const { page, close } = await openPage(state);
  await openBatch(page);
  await showSheet(page, { name: "mixed.json", mimeType: "application/json", buffer: Buffer.from(json) });
  assert.deepEqual((await tableRows(page)).map((r) => r.row), [1, 2]);
  await page.click("#batch-table tr[data-row='2'] .batch-open");
  await page.waitForSelector(".batch-not-figures");
  assert.ok((await page.$$eval("#batch-detail li", (lis) => lis.map((li) => li.textContent))).every((text) => text.length > 0));
  assert.equal(await page.$$eval("#batch-detail li", (lis) => lis.length) > 0, true);
  await page.click("#batch-back");
  await page.click("#batch-table tr[data-row='1'] .batch-open");
  await waitReady(page, "#batch-report");
  assert.deepEqual(await page.evaluate(() => document.getElementById("batch-report").figures.revenue_wan), "300000");
  await close();
});

test("another document (miit-2022-core): the file is judged again, the columns are its catalog's", async () => {
  const { rows } = expected("units-openpyxl.xlsx", MIIT, "miit-2022-core");
  const { page, close } = await openPage(state);
  await openBatch(page);
  await showSheet(page, `${SHEETS}units-openpyxl.xlsx`);
  const before = await shownTables(page);
  await page.selectOption("#document-select", "miit-2022-core");
  await page.waitForFunction((n) => performance.getEntriesByName("cluster-check:batch-shown").length > n, before);
  assert.match(await page.textContent("#batch-status"), /重新判定/);
  const heads = await headers(page);
  assert.equal(heads.length, 4 + (MIIT.tiers ? 1 : 0) + MIIT.conditions.length + 2);
  MIIT.conditions.forEach((c, i) => assert.ok(heads[4 + (MIIT.tiers ? 1 : 0) + i].endsWith(c.title.zh), heads.join(" | ")));
  assert.deepEqual(await tableRows(page), rows.map((row) => shownRow(row, MIIT)));
  const template = await downloaded(page, "#batch-template-xlsx");
  assert.equal(template.name, "cluster-check-template-miit-2022-core.xlsx");
  assert.deepEqual(cellsOf(template.bytes)[0], templateColumns(MIIT, { lang: "zh" }).map((c) => c.header));
  assert.deepEqual(cellsOf(template.bytes, "名单示例"), await rosterExamples(MIIT));
  await close();
});

test("keyboard only: the tab, the choose button, the table, a row's report and back", async () => {
  const { page, close } = await openPage(state);
  await page.focus("#tab-single");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.waitForSelector("#batch-choose");
  assert.equal(await page.getAttribute("#tab-batch", "aria-selected"), "true");
  await showSheet(page, `${SHEETS}units-openpyxl.xlsx`);
  // From the filter, Tab reaches the table's one stop: the current row.
  await page.focus("#batch-filter");
  let at = "";
  for (let i = 0; i < 40 && at !== "open"; i++) {
    await page.keyboard.press("Tab");
    at = await page.evaluate(() => (document.activeElement.classList.contains("batch-open") ? "open" : document.activeElement.className));
  }
  assert.equal(at, "open");
  await page.keyboard.press("ArrowDown");
  const row = await page.evaluate(() => document.activeElement.closest("tr").dataset.row);
  assert.equal(row, "5");
  await page.keyboard.press("Enter");
  await waitReady(page, "#batch-report");
  assert.equal(await page.evaluate(() => document.activeElement.id), "batch-detail-heading");
  await page.keyboard.press("Escape");
  assert.equal(await page.evaluate(() => document.activeElement.closest("tr")?.dataset.row), row);
  await close();
});

test("screenshots in both languages, phone and desktop, and axe clean: the results and a row's report", async () => {
  const { page, close } = await openPage(state, { viewport: DESKTOP });
  await openBatch(page);
  await runAxe(page, "the empty view");
  await showSheet(page, `${SHEETS}units-openpyxl.xlsx`);
  for (const lang of ["zh", "en"]) {
    if (lang === "en") await page.click("#lang-toggle");
    for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE_LARGE]]) {
      await page.setViewportSize(viewport);
      await runAxe(page, `results ${lang} ${size}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${lang} ${size}: the page scrolls sideways by ${overflow}px (the table scrolls in its own box)`);
      await fullPageScreenshot(page, `${SCREENSHOTS}/batch-${lang}-${size}.png`);
    }
    await page.setViewportSize(DESKTOP);
  }
  await page.click("#batch-table tr[data-row='7'] .batch-open");
  await waitReady(page, "#batch-report");
  await runAxe(page, "a row's report");
  await page.setViewportSize(PHONE_LARGE);
  await fullPageScreenshot(page, `${SCREENSHOTS}/batch-report-en-phone.png`);
  await close();
});

test("the single file, from disk under its strict policy: read, judged, exported, with no request but the file", async () => {
  const { page, close, offFile } = await openSingleFile(state.browser);
  const { rows, summary } = expected("units-openpyxl.xlsx");
  await openBatch(page);
  await showSheet(page, `${SHEETS}units-openpyxl.xlsx`);
  assert.deepEqual(await tableRows(page), rows.map((row) => shownRow(row, HENAN)));
  for (const status of ["met", "not_met", "incomplete"]) assert.equal(await countOf(page, status), summary[status], status);
  const csv = await downloaded(page, "#batch-export-csv");
  assert.deepEqual(cellsOf(csv.bytes), summaryTable(rows, HENAN, "zh").map((line) => line.map(String)));
  const xlsx = await downloaded(page, "#batch-export-xlsx");
  assert.deepEqual(readTable(xlsx.bytes).sheets, ["汇总", "明细", "数据问题", "判定依据"]);
  // The template's roster examples are counted by the roster engine the file carries.
  const template = await downloaded(page, "#batch-template-xlsx");
  assert.deepEqual(cellsOf(template.bytes, "名单示例"), await rosterExamples(HENAN));
  await page.click("#batch-table tr[data-row='2'] .batch-open");
  await waitReady(page, "#batch-report");
  assert.equal((await resultsOf(page, "#batch-report")).status, rows[0].report.status);
  await choose(page, `${SHEETS}encrypted.xlsx`);
  await page.waitForSelector("#batch-alert:not(:empty)");
  assert.match(await page.textContent("#batch-alert"), /密码/);
  await close();
  assert.deepEqual(offFile(), [], "nothing requested but the file");
});
