// An enterprise roster (企业名单) in the batch view, in Chromium, from static hosting and from
// the single file: a workbook with its own filled 企业名单 sheet (openpyxl) read with it, and a
// roster added as a second file (a GBK CSV, as Chinese Excel saves it) to the table on
// screen, then removed. What the page shows is what applyRoster + evaluateMany give for the
// same files in Node: the table (with the rows whose figures the roster counted marked), a
// row's report with what was counted from which rows, the roster's problems named by its
// rows, and the exports with the 按名单统计 sheet. The roster engine is fetched only when a
// roster is there; a roster that cannot be read changes nothing; progress and cancel; the
// national document's roster; screenshots and axe.
//
//   make package www && npm install --no-save --no-package-lock --ignore-scripts target/npm/cluster-check-*.tgz
//   node --test --test-concurrency=1 tests/browser/batch-roster.test.mjs
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { evaluateMany } from "cluster-check";
import { figuresFromRoster } from "cluster-check/roster";
import { applyRoster, judge, problemsList, readClusters, readRoster, readTable, summaryTable, writeResults } from "cluster-check/sheet";
import { DESKTOP, PHONE_LARGE, SCREENSHOTS, fullPageScreenshot, openPage, resultsOf, runAxe, usePage, waitReady } from "./page-support.mjs";
import { HENAN, MIIT, SHEETS, cellsOf, downloaded, headers, openBatch, openSingleFile, screenOf, showSheet, shownRow, shownTables, tableRows } from "./batch-support.mjs";

const WORKBOOK = `${SHEETS}roster-openpyxl.xlsx`;
const GBK = `${SHEETS}roster-gbk.csv`;
/** One cluster, typed: the roster without 所属集群 goes to it. */
const ONE = { name: "甲县装备制造产业集群", year: "2023", land_area_ha: "100", leading_enterprises: 5, revenue_wan: "16400.000001" };
const ONE_FILE = { name: "one-cluster.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify([ONE])) };

/**
 * What the page should show, judged in Node as the command line does: the cluster file
 * read, its roster (the roster file, else the workbook's own sheet) applied, every row judged.
 */
function expected(clusters, rosterBytes, catalog = HENAN) {
  const read = readClusters(clusters, { catalog, ruleset: catalog.id });
  assert.ok(read.ok);
  const roster = readRoster(rosterBytes ?? clusters, { catalog });
  assert.ok(roster.ok, JSON.stringify(roster.message));
  const applied = applyRoster(read, roster, figuresFromRoster, { ruleset: catalog.id });
  const merged = { ...read, records: applied.records, problems: [...read.problems, ...applied.problems] };
  const rows = judge(merged, evaluateMany);
  return { read: merged, rows, roster, applied, problems: problemsList(rows, catalog, merged.problems, merged.columns) };
}

/** The roster column of the table: the mark's text, or "—". */
const rosterCells = (page) => page.$$eval("#batch-table tbody tr[data-row]", (trs) => trs.map((tr) => tr.querySelector(".batch-cell-roster")?.textContent ?? null));
const markOf = (row, lang = "zh") => (row.roster ? `✓ ${lang === "en" ? "figures: " : ""}${Object.keys(row.roster.derived).length}${lang === "en" ? "" : " 项"}` : "—");

/** The data problems as shown: [where, column, field, message]. */
const problemsShown = (page) => page.$$eval("#batch-problems tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));

/** Where a problem is, as the page says it. */
function whereOf(problem, lang = "zh") {
  const en = lang === "en";
  if (problem.sheet) {
    const sheet = problem.sheet[lang];
    if (problem.row !== null) return en ? `${sheet} row ${problem.row}` : `${sheet} 第 ${problem.row} 行`;
    return problem.cluster ? (en ? `${sheet} (${problem.cluster})` : `${sheet}（${problem.cluster}）`) : sheet;
  }
  return en ? `Row ${problem.row}` : `第 ${problem.row} 行`;
}

/** What a row's report says was counted: per figure, its value, its facts and its messages. */
const countedShown = (page) =>
  page.$$eval("#batch-counted .batch-trace", (items) =>
    items.map((li) => ({
      field: li.dataset.field,
      value: li.querySelector(".batch-trace-value").textContent,
      facts: [...li.querySelectorAll(".batch-trace-facts li")].map((x) => x.textContent),
      messages: [...li.querySelectorAll(".batch-trace-messages li")].map((x) => x.textContent),
    })),
  );

/** Adds a roster file to the table on screen with the view's button; waits for the table when `wait`. */
async function addRoster(page, file, { wait = true, timeout = 60_000 } = {}) {
  const before = await shownTables(page);
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("#batch-roster-add")]);
  await chooser.setFiles(file);
  if (wait) await page.waitForFunction((n) => performance.getEntriesByName("cluster-check:batch-shown").length > n, before, { timeout });
}

/** The roster engine's files among the requests made since `from` (the server's list, of every test). */
const rosterAsked = (requests, from = 0) => requests.slice(from).filter((url) => /cluster_check_roster|\/pkg\/roster\.js/.test(url));

const state = usePage({ before, after });

describe("a workbook with its own 企业名单 sheet (openpyxl)", () => {
  const bytes = readFileSync(WORKBOOK);
  const { read, rows, roster, applied, problems } = expected(bytes);

  test("read with its roster: the table, the mark, the problems are applyRoster's and evaluateMany's; the roster engine only now", async () => {
    const from = state.requests.length;
    const { page, close } = await openPage(state);
    await openBatch(page);
    await showSheet(page, `${SHEETS}units-openpyxl.xlsx`);
    assert.deepEqual(rosterAsked(state.requests, from), [], "no roster, no roster engine");
    assert.equal(await page.$("#batch-table .batch-cell-roster"), null, "no roster column without a roster");
    assert.match(await page.textContent("#batch-roster-text"), /可以添加一份企业名单/);

    await showSheet(page, WORKBOOK);
    assert.ok(rosterAsked(state.requests, from).includes("/pkg/cluster_check_roster_bg.wasm"), "the roster engine is fetched for the roster");
    assert.deepEqual(await tableRows(page), rows.map((row) => shownRow(row, HENAN)));
    assert.ok(rows.some((r) => r.roster) && rows.every((r) => r.roster), "both clusters of the sheet are in the roster");
    assert.deepEqual(await rosterCells(page), rows.map((row) => markOf(row)));
    assert.ok((await headers(page)).includes("按名单统计"));
    // The counted figures are judged: 0.5 亿元 is exactly 5000 万元 and no leader.
    const first = rows[0].report.conditions.flatMap((c) => c.checks).find((c) => c.id === "leading_enterprises");
    assert.equal(first.value, "1");

    const box = await page.textContent("#batch-roster-text");
    assert.ok(box.includes(`“企业名单”工作表`) && box.includes(`名单中 ${roster.records.length} 家企业`) && box.includes(`${rows.length} 个集群的数据按名单统计`), box);
    assert.match(box, /1 个集群在表格中找不到同名的集群/);
    assert.equal(await page.isVisible("#batch-roster-remove"), false, "the workbook's own sheet is not removed");
    assert.match(await page.textContent("#batch-status"), /已读取 roster-openpyxl\.xlsx.*其中 2 个集群的数据按“企业名单”统计/);

    // Every problem, the roster's named by its rows or by the cluster, in both languages.
    assert.ok(problems.some((p) => p.sheet && p.code === "roster_differs") && problems.some((p) => p.code === "unmatched_cluster") && problems.some((p) => p.sheet && p.row === 7));
    for (const lang of ["zh", "en"]) {
      if (lang === "en") await page.click("#lang-toggle");
      assert.deepEqual(await problemsShown(page), problems.map((p) => [whereOf(p, lang), p.column, p.field[lang], p.message[lang]]), lang);
    }
    const shown = await problemsShown(page);
    assert.ok(shown.some(([where, column, field]) => where === "roster row 7" && column === "主营业务收入（亿元） (C)" && field.startsWith("main business revenue")), "a roster cell: its row, column and label");
    assert.ok(shown.some(([where, , , message]) => where === "roster (甲县装备制造产业集群)" && /differ|roster/i.test(message)));
    assert.deepEqual(await rosterCells(page), rows.map((row) => markOf(row, "en")));
    await close();
  });

  test("a row's report: what the roster counted for it, from which rows, and the counted figures judged", async () => {
    const { page, close } = await openPage(state);
    await openBatch(page);
    await showSheet(page, WORKBOOK);
    for (const row of rows) {
      await page.click(`#batch-table tr[data-row='${row.row}'] .batch-open`);
      await waitReady(page, "#batch-report");
      await page.waitForSelector("#batch-counted:not([hidden]) .batch-trace");
      const traces = row.roster.traces;
      const shown = await countedShown(page);
      assert.deepEqual(shown.map((t) => t.field), HENAN.roster.figures.map((f) => f.key), "one per figure the roster gives, in the ruleset's order");
      assert.deepEqual(shown.map((t) => t.messages), traces.map((t) => t.messages.map((m) => m.zh)), `row ${row.row}: the engine's words`);
      traces.forEach((trace, i) => {
        assert.equal(shown[i].value.split(" ")[0], trace.value === null ? "未能统计" : String(trace.value), `${trace.field}`);
        if (trace.value !== null && trace.rows.length) assert.ok(shown[i].facts[0].startsWith("计入：第 ") && trace.rows.every((r) => shown[i].facts[0].includes(String(r))), shown[i].facts[0]);
        if (trace.outside.length) assert.ok(shown[i].facts.includes(`恰在界限上、不计入：第 ${trace.outside.join("、")} 行`), shown[i].facts.join(" | "));
        if (trace.invalid.length) assert.ok(shown[i].facts.includes(`数据有误：第 ${trace.invalid.join("、")} 行`), shown[i].facts.join(" | "));
      });
      const issues = await page.$$eval("#batch-counted .batch-counted-issues li", (lis) => lis.map((li) => [li.dataset.code, li.textContent]));
      assert.deepEqual(issues, [...row.roster.errors, ...row.roster.warnings].map((i) => [i.code, i.message.zh]));
      assert.deepEqual(await page.$$eval("#batch-counted .batch-counted-notes li", (lis) => lis.map((li) => li.textContent)), row.roster.notes.map((n) => n.zh));
      // The report is of the counted figures (the element gives a count back as text, as typed).
      const asTyped = Object.fromEntries(Object.entries(row.figures).map(([key, value]) => [key, typeof value === "number" ? String(value) : value]));
      assert.deepEqual(await page.evaluate(() => document.getElementById("batch-report").figures), asTyped);
      const report = await resultsOf(page, "#batch-report");
      assert.equal(report.status, row.report.status);
      assert.deepEqual(report.checks, Object.fromEntries(row.report.conditions.flatMap((c) => c.checks).map((c) => [c.id, c.status])));
      await page.click("#batch-back");
    }
    // 甲: one leader (6200 万元), 甲二 exactly on 5000 万元 and not counted; 乙: revenue not counted for the formula's row.
    const leading = rows[0].roster.traces.find((t) => t.field === "leading_enterprises");
    assert.deepEqual([leading.rows, leading.outside], [[2], [3]]);
    await page.click(`#batch-table tr[data-row='${rows[1].row}'] .batch-open`);
    await page.waitForSelector("#batch-counted:not([hidden]) .batch-trace");
    assert.equal((await countedShown(page)).find((t) => t.field === "revenue_wan").value, "未能统计");
    await page.click("#lang-toggle");
    assert.match(await page.textContent("#batch-counted-heading"), /Figures counted from the enterprise roster/);
    const revenue = (await countedShown(page)).find((t) => t.field === "revenue_wan");
    assert.equal(revenue.value, "not counted");
    assert.ok(revenue.facts.includes("With errors: row 6"), revenue.facts.join(" | "));
    assert.deepEqual(revenue.messages, rows[1].roster.traces.find((t) => t.field === "revenue_wan").messages.map((m) => m.en));
    await page.click("#batch-back");
    // A row without a roster has no such section (the first file again, without one).
    await showSheet(page, `${SHEETS}units-openpyxl.xlsx`);
    await page.click("#batch-table tr[data-row='2'] .batch-open");
    await waitReady(page, "#batch-report");
    assert.equal(await page.isVisible("#batch-counted"), false);
    await close();
  });

  test("exports: the results workbook as writeResults gives it, with the 按名单统计 sheet and the roster's problems", async () => {
    const { page, close } = await openPage(state);
    await openBatch(page);
    await showSheet(page, WORKBOOK);
    const xlsx = await downloaded(page, "#batch-export-xlsx");
    const node = await writeResults(rows, { catalog: HENAN, read, format: "xlsx", lang: "zh", source: "roster-openpyxl.xlsx" });
    assert.deepEqual(readTable(xlsx.bytes).sheets, ["汇总", "明细", "数据问题", "判定依据", "按名单统计"]);
    for (const sheet of ["汇总", "明细", "数据问题", "按名单统计"]) assert.deepEqual(cellsOf(xlsx.bytes, sheet), cellsOf(node, sheet), sheet);
    assert.ok(cellsOf(xlsx.bytes, "数据问题").some((line) => line[0] === "企业名单 7"));
    const json = JSON.parse((await downloaded(page, "#batch-export-json")).bytes.toString("utf8"));
    assert.deepEqual(json.map((item) => item.report), JSON.parse(JSON.stringify(rows.map((r) => r.report))));
    assert.equal(applied.records.length, rows.length);
    await close();
  });
});

describe("a roster as a second file (GBK CSV, no 所属集群)", () => {
  const gbk = readFileSync(GBK);
  const { rows, problems, read } = expected(ONE_FILE.buffer, gbk);
  const plain = judge(readClusters(ONE_FILE.buffer, { catalog: HENAN, ruleset: "henan-2014" }), evaluateMany);

  test("added to the table on screen, matched, exported; judged again by another document; removed", async () => {
    const from = state.requests.length;
    const { page, close } = await openPage(state);
    await openBatch(page);
    await showSheet(page, ONE_FILE);
    assert.deepEqual(await tableRows(page), plain.map((row) => shownRow(row, HENAN)));
    const none = await page.textContent("#batch-roster-text");
    for (const figure of HENAN.roster.figures) {
      const label = HENAN.fields.find((f) => f.keys.includes(figure.key)).label.zh;
      assert.ok(none.includes(label), `the roster's figures are named from the catalog: ${label}`);
    }
    assert.deepEqual(rosterAsked(state.requests, from), []);

    await addRoster(page, GBK);
    assert.ok(rosterAsked(state.requests, from).includes("/pkg/cluster_check_roster_bg.wasm"));
    assert.deepEqual(await tableRows(page), rows.map((row) => shownRow(row, HENAN)));
    assert.deepEqual(await rosterCells(page), rows.map((row) => markOf(row)));
    assert.equal(rows[0].figures.leading_enterprises, 2, "the counted figure, not the typed 5");
    assert.match(await page.textContent("#batch-status"), /已按企业名单 roster-gbk\.csv 统计并重新判定：1 个集群/);
    assert.match(await page.textContent(".batch-basis"), /one-cluster\.json \+ roster-gbk\.csv/);
    assert.match(await page.textContent("#batch-roster-text"), /已按企业名单 roster-gbk\.csv 统计：名单中 3 家企业，1 个集群/);
    assert.deepEqual(await problemsShown(page), problems.map((p) => [whereOf(p), p.column, p.field.zh, p.message.zh]));
    assert.ok(problems.some((p) => p.code === "roster_differs" && p.cluster === ONE.name), "the typed 5 leaders differ from the 2 counted");

    const csv = await downloaded(page, "#batch-export-csv");
    assert.deepEqual(cellsOf(csv.bytes), summaryTable(rows, HENAN, "zh").map((line) => line.map(String)));
    const xlsx = await downloaded(page, "#batch-export-xlsx");
    const node = await writeResults(rows, { catalog: HENAN, read, format: "xlsx", lang: "zh" });
    assert.deepEqual(cellsOf(xlsx.bytes, "按名单统计"), cellsOf(node, "按名单统计"));
    assert.equal(Object.fromEntries(cellsOf(xlsx.bytes, "判定依据"))["数据文件"], "one-cluster.json + roster-gbk.csv");

    // Another document: the file and its roster judged again by it, as Node does with its catalog.
    const national = expected(ONE_FILE.buffer, gbk, MIIT);
    const before = await shownTables(page);
    await page.selectOption("#document-select", "miit-2022-core");
    await page.waitForFunction((n) => performance.getEntriesByName("cluster-check:batch-shown").length > n, before);
    assert.deepEqual(await tableRows(page), national.rows.map((row) => shownRow(row, MIIT)));
    assert.deepEqual(await rosterCells(page), national.rows.map((row) => markOf(row)));
    assert.deepEqual(await problemsShown(page), national.problems.map((p) => [whereOf(p), p.column, p.field.zh, p.message.zh]));
    await page.click(`#batch-table tr[data-row='${national.rows[0].row}'] .batch-open`);
    await page.waitForSelector("#batch-counted:not([hidden]) .batch-trace");
    assert.deepEqual((await countedShown(page)).map((t) => t.field), MIIT.roster.figures.map((f) => f.key));
    await page.click("#batch-back");
    await page.selectOption("#document-select", "henan-2014");
    await page.waitForFunction((n) => performance.getEntriesByName("cluster-check:batch-shown").length > n + 1, before);

    // Removed: the sheet's own figures again.
    const shownBefore = await shownTables(page);
    await page.click("#batch-roster-remove");
    await page.waitForFunction((n) => performance.getEntriesByName("cluster-check:batch-shown").length > n, shownBefore);
    assert.deepEqual(await tableRows(page), plain.map((row) => shownRow(row, HENAN)));
    assert.equal(await page.$("#batch-table .batch-cell-roster"), null);
    assert.match(await page.textContent("#batch-status"), /已移除企业名单 roster-gbk\.csv/);
    assert.equal(await page.isVisible("#batch-roster-remove"), false);
    await page.click("#lang-toggle");
    assert.match(await page.textContent("#batch-status"), /The roster roster-gbk\.csv was removed/);
    await close();
  });

  test("a roster that cannot be read changes nothing on screen, and says why in both languages", async () => {
    const { page, close } = await openPage(state);
    await openBatch(page);
    await showSheet(page, ONE_FILE);
    await addRoster(page, GBK);
    const screen = await screenOf(page);
    for (const [file, zh, en] of [
      ["picture.png", /图片|图像/, /image|picture/],
      ["legacy.xls", /另存为 \.xlsx/, /save it as \.xlsx/],
      ["empty.xlsx", /空/, /empty/],
    ]) {
      await page.evaluate(() => document.getElementById("batch-alert").replaceChildren());
      await addRoster(page, `${SHEETS}${file}`, { wait: false });
      await page.waitForSelector("#batch-alert:not(:empty)");
      const lang = await page.getAttribute("html", "lang");
      const text = await page.textContent("#batch-alert");
      assert.ok(text.includes(lang === "en" ? `The roster ${file} cannot be read; the table is as it was` : `无法读取企业名单 ${file}，表格没有改变`), text);
      assert.match(text, lang === "en" ? en : zh, `${file}: ${text}`);
      assert.deepEqual(await screenOf(page), screen, `${file}: the table is as it was`);
      await page.click("#lang-toggle");
      assert.match(await page.textContent("#batch-alert"), lang === "en" ? zh : en, `${file}: in the other language too`);
      await page.click("#lang-toggle");
    }
    await close();
  });

  test("a long roster: its progress, and cancel leaves the table as it was", async () => {
    const { page, close } = await openPage(state);
    await openBatch(page);
    await showSheet(page, ONE_FILE);
    const lines = ["企业名称,所属集群,主营业务收入（万元）,营业收入（万元）,属于主导产业,研发投入（万元）,从业人员（人）"];
    for (let i = 0; i < 90_000; i++) lines.push(`企业${i},${ONE.name},${i % 9000},${i % 7000}.5,是,${i % 50},${i % 1200}`);
    const big = { name: "roster-90000.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\r\n")) };
    const screen = await screenOf(page);
    const marks = await shownTables(page);
    await addRoster(page, big, { wait: false });
    await page.waitForSelector("#batch-progress:not([hidden])");
    await page.waitForFunction(() => /企业名单|按企业名单统计/.test(document.getElementById("batch-progress-text").textContent), null, { timeout: 30_000 });
    await page.click("#batch-cancel");
    assert.equal(await page.isVisible("#batch-progress"), false);
    assert.match(await page.textContent("#batch-status"), /已取消，表格没有改变/);
    await page.waitForTimeout(3000);
    assert.equal(await shownTables(page), marks, "no table arrived after the cancel");
    assert.deepEqual(await screenOf(page), screen);
    // Not cancelled, it is counted and judged: 90,000 enterprises for one cluster (a reader that spread its rows into one call overflowed a worker's stack here).
    await addRoster(page, big, { timeout: 180_000 });
    assert.match(await page.textContent("#batch-roster-text"), /名单中 90,000 家企业/);
    await close();
  });
});

test("screenshots in both languages, phone and desktop, and axe clean: the roster on the results and in a row's report", async () => {
  const { page, close } = await openPage(state, { viewport: DESKTOP });
  await openBatch(page);
  await showSheet(page, WORKBOOK);
  for (const lang of ["zh", "en"]) {
    if (lang === "en") await page.click("#lang-toggle");
    for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE_LARGE]]) {
      await page.setViewportSize(viewport);
      await runAxe(page, `results with a roster ${lang} ${size}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${lang} ${size}: the page scrolls sideways by ${overflow}px`);
      await fullPageScreenshot(page, `${SCREENSHOTS}/batch-roster-${lang}-${size}.png`);
      await page.click("#batch-table tr[data-row='3'] .batch-open");
      await waitReady(page, "#batch-report");
      await page.waitForSelector("#batch-counted:not([hidden]) .batch-trace");
      await runAxe(page, `a row's report with a roster ${lang} ${size}`);
      const inside = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(inside <= 0, `${lang} ${size}: a row's report scrolls sideways by ${inside}px`);
      await fullPageScreenshot(page, `${SCREENSHOTS}/batch-roster-report-${lang}-${size}.png`);
      await page.click("#batch-back");
    }
    await page.setViewportSize(DESKTOP);
  }
  await close();
});

test("the single file, from disk under its strict policy: the workbook's roster and a second file, with no request but the file", async () => {
  const { page, close, offFile } = await openSingleFile(state.browser);
  const { rows } = expected(readFileSync(WORKBOOK));
  await openBatch(page);
  await showSheet(page, WORKBOOK);
  assert.deepEqual(await tableRows(page), rows.map((row) => shownRow(row, HENAN)));
  assert.deepEqual(await rosterCells(page), rows.map((row) => markOf(row)));
  await page.click(`#batch-table tr[data-row='${rows[0].row}'] .batch-open`);
  await page.waitForSelector("#batch-counted:not([hidden]) .batch-trace");
  assert.deepEqual((await countedShown(page)).map((t) => t.messages), rows[0].roster.traces.map((t) => t.messages.map((m) => m.zh)));
  await page.click("#batch-back");
  const xlsx = await downloaded(page, "#batch-export-xlsx");
  assert.ok(readTable(xlsx.bytes).sheets.includes("按名单统计"));

  const second = expected(ONE_FILE.buffer, readFileSync(GBK));
  await showSheet(page, ONE_FILE);
  await addRoster(page, GBK);
  assert.deepEqual(await tableRows(page), second.rows.map((row) => shownRow(row, HENAN)));
  await addRoster(page, `${SHEETS}picture.png`, { wait: false });
  await page.waitForSelector("#batch-alert:not(:empty)");
  assert.match(await page.textContent("#batch-alert"), /无法读取企业名单 picture\.png/);
  await close();
  assert.deepEqual(offFile(), [], "nothing requested but the file");
});
