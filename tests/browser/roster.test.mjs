// The roster part of the one-year form (www/roster-panel.js, its worker roster-worker.js):
// rosters written by other software (openpyxl's .xlsx, Python's csv in GBK and in UTF-8 with a
// byte-order mark, tests/fixtures/sheets/) chosen, dropped or pasted; the counted figures fill
// the form through the element's `figures` and the verdict follows; each figure's rows; a typed
// figure that differs or agrees; a file that cannot be used changes nothing; cancel; the
// national ruleset's roster; nothing of it on the first visit; the single file; screenshots
// (phone 390 and desktop 1280, zh and en) and axe.
//
//   node --test --test-concurrency=1 tests/browser/roster.test.mjs
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import {
  DESKTOP,
  MEETS_ALL,
  PHONE_LARGE,
  ROOT,
  SCREENSHOTS,
  SINGLE_FILE,
  figuresOf,
  fill,
  fullPageScreenshot,
  openPage,
  openWatched,
  resultsOf,
  runAxe,
  usePage,
} from "./page-support.mjs";

const state = usePage({ before, after });
const FIXTURES = `${ROOT}tests/fixtures/sheets/`;
const fixture = (name) => readFileSync(`${FIXTURES}${name}`);

/** The files of the roster part: none may be fetched before it is opened. */
const ROSTER_FILES = /roster-panel\.js|chunk-roster-panel-|roster-worker\.js|roster-text\.js|roster-start\.js|roster-engine\.js|roster\.css|\/pkg\/roster\.js|cluster_check_roster/;

/** Opens the roster part and waits for it. */
async function openRoster(page) {
  await page.click("#roster > summary");
  await page.waitForSelector("#roster-choose");
}

/** Chooses a file with the part's button, and waits until it is counted or refused. */
async function chooseRoster(page, name, { type = "application/octet-stream", buffer = fixture(name) } = {}) {
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("#roster-choose")]);
  await chooser.setFiles({ name, mimeType: type, buffer });
  await settled(page);
}

/** Waits until the job is done: a message in the part, no progress. */
async function settled(page) {
  await page.waitForFunction(() => {
    const busy = !document.querySelector("#roster-progress").hidden;
    const said = document.querySelector("#roster-status").childElementCount + document.querySelector("#roster-alert").childElementCount;
    return !busy && said > 0;
  });
}

/** What the part shows: its message, each figure (state, value, typed), the cluster chooser, the lists. */
function rosterOf(page) {
  return page.evaluate(() => {
    const box = ["roster-status", "roster-alert"].map((id) => document.getElementById(id)).find((el) => el.childElementCount > 0);
    const list = (id) => [...document.querySelectorAll(`#${id} li`)].map((li) => li.textContent);
    return {
      message: box ? { kind: box.id === "roster-alert" ? "alert" : "status", text: box.querySelector(".roster-message-text").textContent, items: [...box.querySelectorAll("li")].map((li) => li.textContent) } : null,
      undo: Boolean(document.querySelector("#roster-undo")),
      figures: Object.fromEntries(
        [...document.querySelectorAll(".roster-figure")].map((li) => [
          li.dataset.field,
          { state: li.dataset.state, typed: li.dataset.typed ?? null, value: li.querySelector(".roster-figure-value").textContent, text: li.textContent },
        ]),
      ),
      cluster: document.querySelector("#roster-cluster")?.value ?? null,
      clusters: [...document.querySelectorAll("#roster-cluster option")].map((o) => o.textContent),
      problems: list("roster-problems"),
      notes: list("roster-notes"),
    };
  });
}

/** The rows a figure's disclosure shows once opened: its messages, the table's rows, the other lines. */
async function rowsOf(page, field) {
  await page.click(`#roster-figure-${field}-rows > summary`);
  return page.evaluate((field) => {
    const details = document.querySelector(`#roster-figure-${field}-rows`);
    return {
      open: details.open,
      messages: [...details.querySelectorAll(".roster-trace-messages li")].map((li) => li.textContent),
      table: [...details.querySelectorAll(".roster-table tbody tr")].map((tr) => [...tr.cells].map((td) => td.textContent)),
      outside: details.querySelector(".roster-trace-outside")?.textContent ?? null,
      lacking: [...details.querySelectorAll(".roster-trace-lacking")].map((p) => p.textContent),
      invalid: details.querySelector(".roster-trace-invalid")?.textContent ?? null,
    };
  }, field);
}

/** The GBK roster of one cluster (roster-gbk.csv): what it gives, worked out by hand from the file. */
const GBK_DERIVED = {
  leading_enterprises: 2, // 6,200 and 5000.000001; exactly 5000 does not count
  related_smes: 3,
  revenue_wan: "16400.000001",
  leading_industry_revenue_wan: "11400",
  rd_expense_wan: "150",
  audit_required: 0,
  audit_completed: 0,
};

describe("the roster part", () => {
  test("the first visit fetches none of it; opened, it fetches its module, worker and engine", async () => {
    const { page, close } = await openPage(state);
    const first = state.requests.length;
    await page.waitForTimeout(300);
    assert.equal(await page.isVisible("#roster > summary"), true, "the part is offered on the one-year form");
    assert.deepEqual(state.requests.filter((url) => ROSTER_FILES.test(url)), [], "nothing of the roster part before it is opened");
    await openRoster(page);
    await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("cluster_check_roster_bg.wasm")), null, { timeout: 10_000 }).catch(() => {});
    // The worker's fetches are the server's to see.
    await page.waitForTimeout(500);
    const later = state.requests.slice(first);
    // The part's module is roster-panel.js, or on the server the page's chunk made from it.
    assert.ok(later.some((url) => /\/(roster-panel|chunk-roster-panel-[\w-]+)\.js$/.test(url)), `the part's module fetched when it is opened: ${later.join(", ")}`);
    for (const file of ["roster-worker.js", "roster.css", "pkg/roster.js", "cluster_check_roster_bg.wasm"]) {
      assert.ok(later.some((url) => url.endsWith(file)), `${file} fetched when the part is opened: ${later.join(", ")}`);
    }
    await close();
  });

  test("a GBK CSV by Python fills the counted figures, keeps the others, and the verdict follows; a trace shows its rows; undo", async () => {
    const { page, close } = await openPage(state);
    await fill(page, { ...MEETS_ALL, leading_enterprises: "2" });
    assert.equal((await resultsOf(page)).status, "met");
    const typed = await figuresOf(page);
    await openRoster(page);
    await chooseRoster(page, "roster-gbk.csv", { type: "text/csv" });

    const shown = await rosterOf(page);
    assert.equal(shown.message.kind, "status");
    assert.match(shown.message.text, /已按“roster-gbk\.csv”（3 家企业）填入 7 项数据/);
    assert.ok(shown.undo, "an undo is offered");
    const figures = await figuresOf(page);
    // The form holds what it shows: counts as the text of their number.
    const asShown = Object.fromEntries(Object.entries(GBK_DERIVED).map(([key, value]) => [key, String(value)]));
    assert.deepEqual(figures, { ...typed, ...asShown }, "the counted figures in place of the typed ones, every other figure as typed");
    // The revenue was typed in 亿元: it stays in 亿元, converted exactly.
    assert.equal(await page.inputValue("#app #cc-f-revenue"), "1.6400000001");
    assert.equal(await page.inputValue("#app #cc-f-revenue-unit"), "yi");
    const results = await resultsOf(page);
    assert.equal(results.status, "not_met", "16,400 万元 is far below the revenue the document asks for");
    assert.equal(results.checks.revenue, "not_met");

    // Typed 2 leading enterprises: the roster agrees. Typed 48 SMEs: it counts 3, and says both.
    assert.equal(shown.figures.leading_enterprises.typed, "agree");
    assert.match(shown.figures.leading_enterprises.text, /与您填写的一致（2 家）/);
    assert.equal(shown.figures.related_smes.typed, "differs");
    assert.match(shown.figures.related_smes.text, /填写的是 48，按企业名单统计为 3.*采用按名单统计的数/);
    assert.match(shown.message.text, /其中 6 项与您填写的不一致，已采用按名单统计的数/);
    assert.ok(shown.notes.some((text) => /填写的 2 与按企业名单统计的一致/.test(text)), JSON.stringify(shown.notes));
    assert.equal(shown.figures.revenue_wan.value, "16,400.000001 万元");

    // The leading enterprises' rows: the two counted, the one exactly on 5000 not.
    const rows = await rowsOf(page, "leading_enterprises");
    assert.ok(rows.open);
    assert.deepEqual(rows.table, [["2", "一号企业"], ["4", "三号企业"]]);
    assert.match(rows.outside, /第 3 行（二号企业）/);
    assert.ok(rows.messages.some((m) => /二号企业（5,000 万元）恰在界限上，不计入/.test(m)), JSON.stringify(rows.messages));
    const revenueRows = await rowsOf(page, "revenue_wan");
    assert.deepEqual(revenueRows.table, [["2", "一号企业", "6300"], ["3", "二号企业", "5100"], ["4", "三号企业", "5000.000001"]]);

    await runAxe(page, "roster counted, rows open");
    // The language follows the page.
    await page.click("#lang-toggle");
    assert.match((await rosterOf(page)).message.text, /7 figures filled in from “roster-gbk\.csv” \(3 enterprises\)/);
    await page.click("#lang-toggle");

    // A counted figure typed over is the user's: the undo keeps it, and gives the others back.
    await fill(page, { rd_expense: ["200", "wan"] });
    await page.click("#roster-undo");
    assert.deepEqual(await figuresOf(page), { ...typed, rd_expense_wan: "200" }, "undo gives back what was typed");
    assert.match((await rosterOf(page)).message.text, /已撤销/);
    await fill(page, { rd_expense: ["9600", "wan"] });
    assert.equal((await resultsOf(page)).status, "met");
    assert.equal(await page.inputValue("#app #cc-f-revenue"), "68.5");
    await close();
  });

  test("an openpyxl workbook of three clusters: the typed name chooses its cluster; problems by row; another cluster counted", async () => {
    const { page, close } = await openPage(state);
    await fill(page, { name: "乙县食品产业集群", revenue: ["900", "wan"], related_smes: "9" });
    await openRoster(page);
    await chooseRoster(page, "roster-openpyxl.xlsx");
    let shown = await rosterOf(page);
    assert.equal(shown.cluster, "乙县食品产业集群", "the cluster of the typed name");
    assert.deepEqual(shown.clusters, ["甲县装备制造产业集群（3）", "乙县食品产业集群（2）", "丙县纺织产业集群（1）"]);
    // Row 6's revenue is an uncalculated formula and row 7's main business revenue "abc": the
    // figures that need them are not counted, and the rows are named.
    assert.ok(shown.problems.some((p) => /第 6 行.*公式未计算/.test(p)), JSON.stringify(shown.problems));
    assert.ok(shown.problems.some((p) => /第 7 行/.test(p) && /abc/.test(p)), JSON.stringify(shown.problems));
    assert.ok(!shown.problems.some((p) => /第 8 行/.test(p)), "rows of other clusters are not this one's problems");
    assert.equal(shown.figures.revenue_wan.state, "missing");
    assert.equal(shown.figures.leading_enterprises.state, "missing");
    assert.equal(shown.figures.rd_expense_wan.state, "filled");
    const figures = await figuresOf(page);
    assert.equal(figures.revenue_wan, "900", "a figure the roster could not count stays as typed");
    assert.equal(figures.rd_expense_wan, "7");
    assert.equal(figures.related_smes, "2");
    const rdRows = await rowsOf(page, "revenue_wan");
    assert.ok(rdRows.invalid === null || /第 6 行/.test(rdRows.invalid) || rdRows.messages.some((m) => /第 6 行/.test(m)), JSON.stringify(rdRows));

    // The first cluster instead: counted again with the same typed figures.
    await page.selectOption("#roster-cluster", "甲县装备制造产业集群");
    await settled(page);
    await page.waitForFunction(() => document.querySelector("#roster-cluster")?.value === "甲县装备制造产业集群");
    shown = await rosterOf(page);
    assert.equal(shown.figures.leading_enterprises.value, "1 家");
    const after = await figuresOf(page);
    assert.equal(after.revenue_wan, "12500.000001");
    assert.equal(after.related_smes, "3");
    assert.equal(after.name, "乙县食品产业集群", "the name is the user's");
    // The typed 9 SMEs is what the count compares, not the 2 the other cluster put in the form.
    assert.match(shown.figures.related_smes.text, /填写的是 9，按企业名单统计为 3/);
    await close();
  });

  test("rows pasted from a spreadsheet (tab-separated, with a header) are counted", async () => {
    const { page, close } = await openPage(state);
    await fill(page, MEETS_ALL);
    const typed = await figuresOf(page);
    await openRoster(page);
    const header = ["企业名称", "主营业务收入（亿元）", "营业收入（万元）", "属于主导产业", "研发投入（万元）", "从业人员（人）", "应实施强制性清洁生产审核", "已实施清洁生产审核"];
    const lines = [header, ["甲公司", "0.62", "6,300", "是", "12", "800", "是", "是"], ["乙公司", "0.5", "5100", "否", "3", "1000", "否", ""]];
    await page.fill("#roster-paste", lines.map((cells) => cells.join("\t")).join("\r\n"));
    await page.click("#roster-paste-button");
    await settled(page);
    const shown = await rosterOf(page);
    assert.match(shown.message.text, /已按粘贴的内容（2 家企业）填入/);
    const figures = await figuresOf(page);
    assert.equal(figures.leading_enterprises, "1", "0.62 亿元 is over 5000 万元, 0.5 亿元 is exactly it");
    assert.equal(figures.revenue_wan, "11400");
    assert.equal(figures.leading_industry_revenue_wan, "6300");
    assert.equal(figures.rd_expense_wan, "15");
    assert.equal(figures.audit_required, "1");
    assert.equal(figures.audit_completed, "1");
    const counted = ["leading_enterprises", "related_smes", "revenue_wan", "leading_industry_revenue_wan", "rd_expense_wan", "audit_required", "audit_completed"];
    for (const key of Object.keys(typed).filter((key) => !counted.includes(key))) assert.deepEqual(figures[key], typed[key], `${key} is not the roster's: as typed`);

    // An empty paste is said, and changes nothing.
    const before = await figuresOf(page);
    await page.fill("#roster-paste", "  ");
    await page.click("#roster-paste-button");
    assert.equal((await rosterOf(page)).message.kind, "alert");
    assert.deepEqual(await figuresOf(page), before);
    await close();
  });

  test("a file that cannot be used changes nothing and says why, in both languages", async () => {
    const { page, close } = await openPage(state);
    await fill(page, MEETS_ALL);
    const typed = await figuresOf(page);
    await openRoster(page);
    for (const [name, why, buffer] of [
      ["picture.png", /这是一张图片，不是表格/],
      ["not-a-workbook.xlsx", /./],
      ["gbk.csv", /名单没有“企业名称”列/], // a cluster sheet, not a roster
      ["per-year.csv", /找不到表头行/],
      ["other.json", /没有找到企业名单的列（如“主营业务收入（万元）”）/, Buffer.from(JSON.stringify([{ 名称: "甲", 金额: 1 }]))],
      ["empty.xlsx", /空的/],
    ]) {
      await chooseRoster(page, name, { buffer: buffer ?? fixture(name) });
      const shown = await rosterOf(page);
      assert.equal(shown.message.kind, "alert", name);
      assert.match(shown.message.text, new RegExp(`“${name.replace(".", "\\.")}”无法使用，表格没有改动`));
      assert.ok(shown.message.items.some((item) => why.test(item)), `${name}: ${JSON.stringify(shown.message.items)}`);
      assert.deepEqual(await figuresOf(page), typed, `${name} changes nothing`);
    }
    await page.click("#lang-toggle");
    const en = await rosterOf(page);
    assert.match(en.message.text, /“empty\.xlsx” cannot be used; the form is unchanged/);
    assert.ok(en.message.items.some((item) => /empty/.test(item)));
    await close();
  });

  test("a file dropped on the part is read", async () => {
    const { page, close } = await openPage(state);
    await openRoster(page);
    const bytes = [...fixture("roster-gbk.csv")];
    await page.evaluate((bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], "dropped.csv", { type: "text/csv" }));
      const target = document.querySelector("#roster-drop");
      target.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, bytes);
    await settled(page);
    assert.match((await rosterOf(page)).message.text, /“dropped\.csv”（3 家企业）/);
    assert.equal((await figuresOf(page)).revenue_wan, "16400.000001");
    await close();
  });

  test("a long roster shows its progress and can be cancelled: the form is unchanged", async () => {
    const { page, close } = await openPage(state);
    await fill(page, MEETS_ALL);
    const typed = await figuresOf(page);
    await openRoster(page);
    // The most rows a sheet may have (cluster-check/sheet's LIMITS.rows).
    const rows = ["企业名称,营业收入（万元）,研发投入（万元）"];
    for (let i = 1; i <= 100_000; i++) rows.push(`企业${i},${i}.5,1`);
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click("#roster-choose")]);
    await chooser.setFiles({ name: "long.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n")) });
    await page.waitForSelector("#roster-progress:not([hidden])");
    assert.match(await page.textContent("#roster-progress-text"), /正在(载入|读取|统计)/);
    await page.click("#roster-cancel");
    const shown = await rosterOf(page);
    assert.equal(shown.message.text, "已取消，表格没有改动。");
    assert.equal(await page.isHidden("#roster-progress"), true);
    assert.deepEqual(await figuresOf(page), typed);
    // A roster read after the cancel is read by a new worker.
    await chooseRoster(page, "roster-gbk.csv");
    assert.equal((await figuresOf(page)).revenue_wan, "16400.000001");
    await close();
  });

  test("the most rows a sheet may have (100,000) are read and counted in the worker", async () => {
    const { page, close } = await openPage(state);
    await openRoster(page);
    const rows = ["企业名称,主营业务收入（万元）,营业收入（万元）,研发投入（万元）"];
    for (let i = 1; i <= 100_000; i++) rows.push(`企业${i},${i % 2 ? 6000 : 5000},1.5,0.25`);
    await chooseRoster(page, "long.csv", { type: "text/csv", buffer: Buffer.from(rows.join("\n")) });
    const shown = await rosterOf(page);
    assert.equal(shown.message.kind, "status", JSON.stringify(shown.message));
    const figures = await figuresOf(page);
    assert.equal(figures.leading_enterprises, "50000", "the odd rows are over 5000; the even ones exactly on it");
    assert.equal(figures.revenue_wan, "150000");
    assert.equal(figures.rd_expense_wan, "25000");
    const rowsShown = await rowsOf(page, "leading_enterprises");
    assert.equal(rowsShown.table.length, 200, "the first 200 rows are listed");
    assert.match(await page.textContent("#roster-figure-leading_enterprises-rows"), /另有 49,800 行未列出/);
    await close();
  });

  test("the national ruleset's roster (Python csv, UTF-8 with a BOM) counts its own figures", async () => {
    const { page, close } = await openPage(state);
    await page.selectOption("#document-select", "miit-2022-core");
    await page.waitForFunction(() => document.querySelector("#app").catalog?.id === "miit-2022-core");
    await fill(page, { certified_smes: "4", top_enterprises: "3" });
    await openRoster(page);
    assert.match(await page.textContent(".roster-columns"), /制造业单项冠军企业/, "the columns are the national roster's");
    await chooseRoster(page, "roster-miit.csv", { type: "text/csv" });
    const shown = await rosterOf(page);
    assert.deepEqual(Object.keys(shown.figures), ["top_enterprises", "certified_smes"]);
    const figures = await figuresOf(page);
    assert.equal(figures.top_enterprises, "2", "the champion and the little giant of the leading industry");
    assert.equal(figures.certified_smes, "4", "each enterprise once");
    assert.equal(figures.ruleset, "miit-2022-core");
    assert.equal(shown.figures.certified_smes.typed, "agree");
    assert.equal(shown.figures.top_enterprises.typed, "differs");
    const rows = await rowsOf(page, "top_enterprises");
    assert.deepEqual(rows.table, [["2", "冠军机床股份有限公司"], ["3", "巨人电子有限公司"]]);
    await runAxe(page, "national roster");

    // Back to Henan: the national count is not Henan's.
    await page.selectOption("#document-select", "henan-2014");
    await page.waitForFunction(() => document.querySelector("#app").catalog?.id === "henan-2014" && !document.querySelector(".roster-figure"));
    assert.match(await page.textContent(".roster-columns"), /主营业务收入/);
    await close();
  });

  test("screenshots: phone (390) and desktop (1280), Chinese and English; axe on both", async () => {
    for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE_LARGE]]) {
      const { page, close } = await openPage(state, { viewport });
      await fill(page, { ...MEETS_ALL, leading_enterprises: "2" });
      await openRoster(page);
      await chooseRoster(page, "roster-gbk.csv");
      await page.click("#roster-figure-leading_enterprises-rows > summary");
      for (const lang of ["zh", "en"]) {
        await runAxe(page, `${size} ${lang}`);
        await page.evaluate(() => document.querySelector("#roster").scrollIntoView());
        await page.screenshot({ path: `${SCREENSHOTS}/roster-${lang}-${size}.png` });
        await fullPageScreenshot(page, `${SCREENSHOTS}/roster-${lang}-${size}-full.png`);
        if (lang === "zh") await page.click("#lang-toggle");
      }
      // Nothing of the part is wider than the screen.
      const wide = await page.evaluate(() => [...document.querySelectorAll("#roster *")].filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((el) => el.className));
      assert.deepEqual(wide, [], `${size}: wider than the page`);
      await close();
    }
  });
});

describe("the roster part in the single file", () => {
  test("opened from disk, a roster is read and counted in a worker made from the file's own text", async () => {
    const url = pathToFileURL(SINGLE_FILE).href;
    const opened = await openWatched(state.browser, url, {
      async prepare(context, page, seen) {
        seen.blocked = [];
        await context.route("**/*", (route) => {
          const target = route.request().url();
          if (target.startsWith("file:") || target.startsWith("blob:") || target.startsWith("data:")) return route.continue();
          seen.blocked.push(target);
          return route.abort("internetdisconnected");
        });
      },
    });
    const { page, seen } = opened;
    await fill(page, MEETS_ALL);
    await openRoster(page);
    await chooseRoster(page, "roster-gbk.csv");
    assert.equal((await rosterOf(page)).message.kind, "status");
    assert.equal((await figuresOf(page)).revenue_wan, "16400.000001");
    assert.equal((await resultsOf(page)).status, "not_met");
    await opened.close();
    assert.deepEqual(seen.blocked, [], "nothing from the network");
  });
});
