// Shared by the tests of the batch view (batch.test.mjs, batch-roster.test.mjs): the
// fixtures and catalogs, the table as the page shows it and as a judged row gives it, and
// the view driven as a user would (the mode, a file chosen, a download).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

import { readTable, tierText } from "cluster-check/sheet";
import { ROOT, SINGLE_FILE, openWatched } from "./page-support.mjs";

export const SHEETS = `${ROOT}tests/fixtures/sheets/`;
export const catalogOf = (id) => JSON.parse(readFileSync(new URL(`rulesets/${id}.json`, import.meta.resolve("cluster-check")), "utf8"));
export const HENAN = catalogOf("henan-2014");
export const MIIT = catalogOf("miit-2022-core");

/** A table row as the page shows it, from a judged row. */
export function shownRow({ row, report }, catalog, lang = "zh") {
  const checks = report.conditions.flatMap((c) => c.checks);
  return {
    row,
    status: report.status,
    year: String(report.year ?? ""),
    tier: catalog.tiers ? tierText(report, catalog, lang) : null,
    conditions: catalog.conditions.map((c) => report.conditions.find((rc) => rc.id === c.id)?.status ?? ""),
    checks: `${checks.filter((c) => c.status === "met").length}/${checks.length}`,
  };
}

/** The rows in the DOM (only those in sight and a few either side, for a long table). */
export function tableRows(page) {
  return page.$$eval("#batch-table tbody tr[data-row]", (trs) =>
    trs.map((tr) => ({
      row: Number(tr.dataset.row),
      status: tr.dataset.status,
      year: tr.querySelector(".batch-cell-year").textContent,
      tier: tr.querySelector(".batch-cell-tier")?.textContent ?? null,
      conditions: [...tr.querySelectorAll(".batch-cell-condition")].map((td) => td.querySelector(".batch-badge")?.dataset.status ?? ""),
      checks: tr.querySelector(".batch-cell-checks").textContent,
    })),
  );
}

export const headers = (page) => page.$$eval("#batch-table thead th .batch-sort-label", (spans) => spans.map((s) => s.textContent));
export const shownCount = (page) => page.textContent("#batch-shown");
export const countOf = async (page, status) => Number((await page.textContent(`.batch-count[data-status='${status}'] .batch-count-n`)).replace(/\D/g, ""));

/** How many tables the page has shown so far (the view marks each, after its frame). */
export const shownTables = (page) => page.evaluate(() => performance.getEntriesByName("cluster-check:batch-shown").length);

/** Opens the batch view (its module loads now). */
export async function openBatch(page) {
  await page.click("#tab-batch");
  await page.waitForSelector("#batch-choose");
}

/** Chooses `file` (a path, or { name, mimeType, buffer }) with the view's button. */
export async function choose(page, file) {
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("#batch-choose")]);
  await chooser.setFiles(file);
}

/** Chooses a file and waits for its table on screen. */
export async function showSheet(page, file) {
  const before = await shownTables(page);
  await choose(page, file);
  await page.waitForFunction((n) => performance.getEntriesByName("cluster-check:batch-shown").length > n, before, { timeout: 60_000 });
}

/** Clicks something that downloads a file: { name, bytes }. */
export async function downloaded(page, selector) {
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 120_000 }), page.click(selector)]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

export const cellsOf = (bytes, sheet) => readTable(bytes, sheet ? { sheetNames: [sheet] } : {}).rows.map((row) => Array.from(row.cells, (cell) => cell?.text ?? ""));

/** The screen's results, to compare before and after something that must not change them. */
export const screenOf = (page) => page.evaluate(() => ({ results: document.getElementById("batch-results").innerHTML, hidden: document.getElementById("batch-results").hidden }));

/**
 * The single file opened from disk with every other request refused: openWatched's page and
 * close, and `offFile()`, the requests made for anything but the file (blob: and data: URLs
 * are the file's own).
 */
export async function openSingleFile(browser) {
  const url = pathToFileURL(SINGLE_FILE).href;
  const requests = [];
  const opened = await openWatched(browser, url, {
    async prepare(context, page) {
      await context.route("**/*", (route) => (route.request().url().startsWith("file:") ? route.continue() : route.abort("internetdisconnected")));
      page.on("request", (request) => requests.push(request.url()));
    },
  });
  return { ...opened, offFile: () => requests.filter((r) => r.split("#")[0] !== url && !r.startsWith("blob:") && !r.startsWith("data:")) };
}
