// The two-year re-review (复核) mode of the page (dist/www): two <cluster-check compact>
// elements side by side (stacked on a phone), each headed by its year; the comparison lists
// every check whose status changed, from → to, with clause and title, and the re-review
// year's report says whether the cluster would keep its title (予以摘牌 when not), or that
// it cannot be judged yet. Its own draft and share link; print with both years and the
// changes; axe; screenshots in both languages at desktop and phone size.
//
//   node --test --test-concurrency=1 tests/browser/re-review.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { DESKTOP, MEETS_ALL, PHONE, SCREENSHOTS, figuresOf, fill, formOf, fullPageScreenshot, messageOf, openPage, resultsOf, runAxe, usePage, waitReady } from "./page-support.mjs";

const state = usePage({ before, after });
const EARLIER = "#review-year-0";
const LATER = "#review-year-1";

/** What the comparison panel and the column headings say. */
function comparison(page) {
  return page.evaluate(() => {
    const text = (el) => el?.textContent.replace(/\s+/g, " ").trim() ?? null;
    const summary = document.querySelector(".review-summary");
    return {
      verdict: summary.dataset.verdict,
      verdictText: text(summary.querySelector(".review-verdict-text")),
      years: text(summary.querySelector(".review-years-line")),
      heading: text(document.querySelector(".review-changes-heading")),
      none: document.querySelector(".review-no-changes").hidden ? null : text(document.querySelector(".review-no-changes")),
      order: summary.querySelector(".review-order").hidden ? null : text(summary.querySelector(".review-order")),
      changes: [...document.querySelectorAll(".review-change")].map((li) => ({ id: li.dataset.check, from: li.dataset.from, to: li.dataset.to, text: text(li) })),
      columns: [...document.querySelectorAll(".review-year")].map((section) => text(section.querySelector(".review-year-heading"))),
    };
  });
}

/** Opens the page in re-review mode and waits for both elements. */
async function openReview(options = {}) {
  const opened = await openPage(state, { mode: "review", ready: null, ...options });
  await waitReady(opened.page, EARLIER);
  await waitReady(opened.page, LATER);
  return opened;
}

test("re-review: a year filled in from the one-year form, with an undo", async () => {
  const { page, close } = await openPage(state);
  await fill(page, { ...MEETS_ALL, year: "2016" });
  const single = await figuresOf(page);
  await page.click("#tab-review");
  await waitReady(page, LATER);
  await page.click("#review-from-single-1");
  await page.waitForFunction(() => document.querySelector("#review-year-1").figures.year === "2016");
  assert.deepEqual(await figuresOf(page, LATER), single, "the later year holds the one-year figures");
  assert.deepEqual(await figuresOf(page, EARLIER), {}, "the other year is left alone");
  assert.equal((await page.locator("#page-status .page-message-text").innerText()), "已把单年自测的数据填入复核年度栏。");
  await page.click("#undo");
  assert.deepEqual(await figuresOf(page, LATER), {});
  await runAxe(page, "re-review, filled from one year");
  await close();
});

test("re-review: the checks that changed, from → to with clause and title, and the verdict from the later year", async () => {
  const { page, close } = await openPage(state);
  await page.click("#tab-review");
  await waitReady(page, LATER);
  assert.equal(await page.isVisible("#panel-single"), false);
  let view = await comparison(page);
  assert.equal(view.verdict, "undetermined");
  assert.deepEqual(view.columns, ["前一年度", "复核年度"], "without a year, the columns say which is which");
  assert.equal(view.none, null, "two empty forms are not said to be the same");

  // The earlier year, typed; the later year filled in from it, then given its own year.
  await fill(page, MEETS_ALL, EARLIER);
  await page.click("#review-copy-earlier");
  await waitReady(page, LATER);
  const later = await figuresOf(page, LATER);
  const { year, ...rest } = await figuresOf(page, EARLIER);
  assert.equal(year, "2014");
  assert.deepEqual(later, rest, "every figure but the year");
  assert.equal(await page.inputValue(`${LATER} #cc-f-revenue`), "68.5", "in the unit it was typed in");
  assert.equal(await page.inputValue(`${LATER} #cc-f-revenue-unit`), "yi");
  await fill(page, { year: "2016" }, LATER);
  view = await comparison(page);
  assert.deepEqual(view.columns, ["2014年 · 前一年度", "2016年 · 复核年度"]);
  assert.equal(view.verdict, "keep");
  assert.equal(view.verdictText, "按复核年度的数据，符合全部创建条件，可保留省级产业集群称号。");
  assert.equal(view.years, "2014年 · 前一年度：符合创建条件；2016年 · 复核年度：符合创建条件。");
  assert.deepEqual(view.changes, []);
  assert.equal(view.none, "两个年度的各项检查结果相同。");

  // Two years later: fewer related SMEs, less R&D. Both checks change, and the title goes.
  await fill(page, { related_smes: "18", rd_expense: ["5000", "wan"] }, LATER);
  view = await comparison(page);
  assert.equal(view.verdict, "lose");
  assert.equal(view.verdictText, "按复核年度的数据，不再符合创建条件，复核时可能被摘牌（五、（六）：不符合条件的予以摘牌）。", "a self-check says what could happen, not what will");
  assert.equal(view.heading, "检查结果有变化的项目（2 项）");
  assert.equal(view.none, null);
  assert.deepEqual(
    view.changes.map(({ id, from, to }) => [id, from, to]),
    [
      ["related_smes", "met", "not_met"],
      ["rd_ratio", "met", "not_met"],
    ],
  );
  assert.equal(view.changes[0].text, "三（二） 集聚效应明显 · 相关联的中小企业 ✓ 符合 → ✗ 不符合 （48 家 → 18 家）");
  assert.equal(view.changes[1].text, "三（四） 创新能力强 · 研发投入比重 ✓ 符合 → ✗ 不符合 （1.4% → 0.72%）");
  // The elements agree with the panel.
  assert.equal((await resultsOf(page, LATER)).checks.rd_ratio, "not_met");
  assert.equal((await resultsOf(page, EARLIER)).checks.rd_ratio, "met");

  // A missing figure in the later year, nothing unmet: it cannot be judged yet.
  await fill(page, { related_smes: "48", rd_expense: ["", "wan"] }, LATER);
  view = await comparison(page);
  assert.equal(view.verdict, "undetermined");
  assert.match(view.verdictText, /暂不能判断/);
  assert.deepEqual(view.changes.map(({ id, from, to }) => [id, from, to]), [["rd_ratio", "met", "missing"]]);

  // Years the wrong way round are pointed out, and no verdict is given.
  await fill(page, { year: "2012" }, LATER);
  view = await comparison(page);
  assert.equal(view.order, "注意：复核年度（2012）应晚于前一年度（2014）。");
  assert.equal(view.verdict, "order");
  assert.equal(view.verdictText, "两个年度的先后不对，暂不判断：请更正年度（复核年度应晚于前一年度）。");
  await fill(page, { year: "2016", rd_expense: ["5000", "wan"] }, LATER);

  // In English, in English.
  await page.click("#lang-toggle");
  view = await comparison(page);
  assert.equal(view.verdictText, "On the re-review year's figures, the conditions are no longer met: at the re-review the cluster could lose its title (5(6): 予以摘牌).");
  assert.deepEqual(view.columns, ["2014 · Earlier year", "2016 · Re-review year"]);
  assert.equal(view.changes[0].text, "3(4) Strong innovation capacity · R&D ratio ✓ Met → ✗ Not met (1.4% → 0.72%)");
  assert.equal(await page.getAttribute(`${LATER}`, "lang"), "en");
  await runAxe(page, "re-review, en");

  // The re-review has its own draft: a reload comes back to it, both years as they were.
  const forms = [await formOf(page, EARLIER), await formOf(page, LATER)];
  await page.reload();
  await waitReady(page, LATER);
  assert.equal(await page.getAttribute("#tab-review", "aria-selected"), "true");
  assert.deepEqual([await formOf(page, EARLIER), await formOf(page, LATER)], forms);
  assert.equal((await comparison(page)).verdict, "lose");
  // …and the one-year form keeps its own (empty here).
  await page.click("#tab-single");
  assert.deepEqual(await figuresOf(page), {});
  await close();
});

test("re-review: a link carries both years; a file of two years opens the re-review", async () => {
  const first = await openReview();
  await fill(first.page, { ...MEETS_ALL, year: "2014" }, EARLIER);
  await fill(first.page, { ...MEETS_ALL, year: "2016", startup_base: "yes", provincial_platform: "no", land_area: ["4800", "mu"], building_footprint: ["2000", "mu"] }, LATER);
  const forms = [await formOf(first.page, EARLIER), await formOf(first.page, LATER)];
  const figures = [await figuresOf(first.page, EARLIER), await figuresOf(first.page, LATER)];
  await first.page.click("#copy-link");
  await first.page.waitForSelector("#share-link");
  const { link } = await messageOf(first.page);
  const exported = await (async () => {
    const [download] = await Promise.all([first.page.waitForEvent("download"), first.page.click("#export-figures")]);
    return { name: download.suggestedFilename(), text: (await import("node:fs")).readFileSync(await download.path(), "utf8") };
  })();
  assert.equal(exported.name, "cluster-check-figures-2014-2016.json");
  assert.deepEqual(JSON.parse(exported.text), figures, "two Figures objects, as evaluateMany takes them");
  const [report] = await Promise.all([first.page.waitForEvent("download"), first.page.click("#download-report")]);
  assert.equal(report.suggestedFilename(), "cluster-check-report-2014-2016.json");
  const view = await comparison(first.page);
  assert.deepEqual(view.changes.map((c) => c.id), ["building_density"], "the footprint share fell below 50%");
  await first.close();

  // The link, in a browser that has never seen these figures, in the one-year mode.
  const second = await openPage(state, { path: new URL(link).hash, ready: null });
  await waitReady(second.page, LATER);
  await second.page.waitForSelector("#page-status:not(:empty)"); // the link is read after the page loads
  assert.equal(await second.page.getAttribute("#tab-review", "aria-selected"), "true", "the link opens the re-review");
  assert.deepEqual([await formOf(second.page, EARLIER), await formOf(second.page, LATER)], forms);
  assert.deepEqual((await comparison(second.page)).changes, view.changes);
  await second.close();

  // The exported file, imported from the one-year mode: it switches to the re-review.
  const third = await openPage(state);
  const [chooser] = await Promise.all([third.page.waitForEvent("filechooser"), third.page.click("#import-figures")]);
  await chooser.setFiles({ name: exported.name, mimeType: "application/json", buffer: Buffer.from(exported.text) });
  await waitReady(third.page, LATER);
  await third.page.waitForFunction(() => document.querySelector("#review-year-1").figures.year === "2016");
  assert.match((await messageOf(third.page)).text, /已导入 cluster-check-figures-2014-2016\.json。（这是两年的数据，已切换到“两年复核”。）/);
  assert.deepEqual([await figuresOf(third.page, EARLIER), await figuresOf(third.page, LATER)], figures);
  // One year's file into one column only.
  const [yearChooser] = await Promise.all([third.page.waitForEvent("filechooser"), third.page.click("#review-import-0")]);
  await yearChooser.setFiles({ name: "2012.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ year: 2012, related_smes: 12 })) });
  await third.page.waitForFunction(() => document.querySelector("#review-year-0").figures.year === "2012");
  assert.deepEqual(await figuresOf(third.page, LATER), figures[1], "the other year is untouched");
  // Two years into one column: refused, nothing changed.
  const [pairChooser] = await Promise.all([third.page.waitForEvent("filechooser"), third.page.click("#review-import-1")]);
  await pairChooser.setFiles({ name: "pair.json", mimeType: "application/json", buffer: Buffer.from(exported.text) });
  await third.page.waitForSelector("#page-alert:not(:empty)");
  assert.match((await messageOf(third.page)).items[0].text, /这里只能导入一年的数据对象/);
  assert.deepEqual(await figuresOf(third.page, LATER), figures[1]);
  await third.close();
});

test("re-review print: the comparison, then each year's report; no form, no tools", async () => {
  const { page, close } = await openReview();
  await fill(page, { ...MEETS_ALL, name: "某县装备制造产业集群", year: "2014" }, EARLIER);
  await fill(page, { ...MEETS_ALL, name: "某县装备制造产业集群", year: "2016", audit_completed: "5", rd_expense: ["5000", "wan"] }, LATER);
  await page.emulateMedia({ media: "print" });
  const print = await page.evaluate(() => {
    const shown = (el) => Boolean(el) && el.getClientRects().length > 0;
    const years = [...document.querySelectorAll(".review-year")].map((section) => {
      const root = section.querySelector("cluster-check").shadowRoot;
      return {
        heading: section.querySelector(".review-year-heading").innerText,
        form: shown(root.querySelector(".cc-form")),
        head: root.querySelector(".cc-print-head").innerText,
        // On paper a year's results are the compact table of every check.
        results: shown(root.querySelector(".cc-print-checks")) && !shown(root.querySelector(".cc-conditions")),
        breakBefore: getComputedStyle(section).breakBefore,
        top: section.getBoundingClientRect().top,
      };
    });
    const summary = document.querySelector(".review-summary");
    const changes = document.querySelector(".review-changes-block");
    return {
      summary: shown(summary) && shown(changes) ? `${summary.innerText}\n${changes.innerText}` : null,
      summaryTop: summary.getBoundingClientRect().top,
      changesTop: changes.getBoundingClientRect().top,
      tools: ["#modes", "#tools", ".review-year-actions", "#lang-toggle"].map((sel) => shown(document.querySelector(sel))),
      years,
    };
  });
  assert.ok(print.summary, "the comparison is printed");
  assert.match(print.summary, /依据：豫工信企业〔2014〕196号 五、（六） · 生成日期：\d{4}年\d{1,2}月\d{1,2}日/);
  assert.match(print.summary, /可能被摘牌/);
  assert.match(print.summary, /三（四） 创新能力强 · 研发投入比重\s*✓ 符合\s*→\s*✗ 不符合\s*（1\.4% → 0\.72%）/);
  assert.match(print.summary, /三（五） 节能减排达标 · 清洁生产审核实施率\s*✓ 符合\s*→\s*✗ 不符合\s*（100% → 83\.33%）/);
  assert.deepEqual(print.tools, [false, false, false, false]);
  assert.equal(print.years.length, 2);
  for (const [index, year] of print.years.entries()) {
    assert.equal(year.form, false, "no form on paper");
    assert.equal(year.results, true, "the year's results on paper");
    assert.match(year.head, /某县装备制造产业集群 · (2014|2016)年/);
    assert.match(year.heading, index === 0 ? /2014年\s*·\s*前一年度/ : /2016年\s*·\s*复核年度/);
    assert.equal(year.breakBefore, "page", "each year starts a page");
  }
  assert.ok(print.summaryTop < print.changesTop && print.changesTop < print.years[0].top && print.years[0].top < print.years[1].top, "verdict, changes, earlier year, later year");
  await page.pdf({ path: `${SCREENSHOTS}/re-review-print.pdf`, format: "A4" });
  await fullPageScreenshot(page, `${SCREENSHOTS}/re-review-print.png`);
  await close();
});

for (const [lang, label] of [["zh-CN", "zh"], ["en", "en"]]) {
  for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
    test(`re-review screenshot: ${label} ${size}`, async () => {
      const { page, close } = await openReview({ viewport, lang });
      await fill(page, { ...MEETS_ALL, year: "2014" }, EARLIER);
      await fill(page, { ...MEETS_ALL, year: "2016", related_smes: "18", rd_expense: ["5000", "wan"] }, LATER);
      const view = await comparison(page);
      assert.equal(view.verdict, "lose");
      assert.equal(view.changes.length, 2);
      const boxes = await page.evaluate(() => [...document.querySelectorAll(".review-year")].map((el) => el.getBoundingClientRect().toJSON()));
      if (size === "phone") {
        assert.equal(boxes[0].left, boxes[1].left, "stacked on a phone");
        assert.ok(boxes[1].top >= boxes[0].bottom);
      } else {
        assert.equal(boxes[0].top, boxes[1].top, "side by side on a desktop");
        assert.ok(boxes[1].left >= boxes[0].right);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, "horizontal overflow");
      // The forms first: the earlier year's first input comes before the list of changes,
      // which the verdict above the forms links to (the focus moves there, the fragment stays).
      const order = await page.evaluate(() => {
        const input = document.querySelector("#review-year-0").shadowRoot.querySelector(".cc-form input, .cc-form select");
        return { input: input.getBoundingClientRect().top + scrollY, changes: document.querySelector(".review-changes-block").getBoundingClientRect().top + scrollY, verdict: document.querySelector(".review-verdict").getBoundingClientRect().top + scrollY };
      });
      assert.ok(order.verdict < order.input && order.input < order.changes, JSON.stringify(order));
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.click(".review-changes-link");
      assert.equal(await page.evaluate(() => document.activeElement.id), "review-changes");
      assert.equal(await page.evaluate(() => location.hash), "");
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.mouse.move(0, 0);
      await page.screenshot({ path: `${SCREENSHOTS}/re-review-${label}-${size}-top.png` });
      await fullPageScreenshot(page, `${SCREENSHOTS}/re-review-${label}-${size}.png`);
      await close();
    });
  }
}
