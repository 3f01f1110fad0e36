// Figures that are probably in the wrong unit, numbers as the page shows them, the tier row
// exactly on a threshold, and each failing field's status on a phone (dist/www in Debian's
// Chromium): a ratio above its check's plausible limit (the ruleset's data) is met with a
// warning, never a clean 符合; the revenue warning names money mistakes only; gaps rounded up
// to their unit's places and ratios cut to two places toward the failing side (the report
// keeps exact values); 达到20亿元 but not 超; 不符合 beside each failing field at 390×844.
// In both languages, phone and desktop, axe-core clean.
//
//   node --test --test-concurrency=1 tests/browser/plausible.test.mjs
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { DESKTOP, MEETS_ALL, PHONE_LARGE, SCREENSHOTS, fill, openPage, resultsOf, runAxe, usePage } from "./page-support.mjs";

const state = usePage({ before, after });
const open = ({ viewport, lang } = {}) => openPage(state, { viewport, lang });

/** One check as the page shows it: its badge, its value, its explanation. */
function checkOf(page, id) {
  return page.evaluate((id) => {
    const root = document.querySelector("cluster-check").shadowRoot;
    const li = root.querySelector(`.cc-check[data-check="${id}"]`);
    return {
      status: li.dataset.status,
      warning: li.dataset.warning ?? null,
      badge: li.querySelector(".cc-badge-text").textContent,
      value: li.querySelector(".cc-value")?.textContent ?? null,
      explanation: li.querySelector(".cc-explanation").textContent,
    };
  }, id);
}

/** A field's warning text beside it, or null. */
function warningOf(page, key) {
  return page.evaluate((key) => {
    const el = document.querySelector("cluster-check").shadowRoot.getElementById(`cc-f-${key}-warning`);
    return el && !el.hidden ? el.textContent : null;
  }, key);
}

/** The page's not-met list: each entry's text by its check. */
function todoTexts(page) {
  return page.evaluate(() => {
    const root = document.querySelector("cluster-check").shadowRoot;
    return Object.fromEntries([...root.querySelectorAll('.cc-todo-block[data-kind="not_met"] li')].map((li) => [li.dataset.check, li.textContent.replace(/\s+/g, " ").trim()]));
  });
}

/** The value cell of a check's row in the printed report. */
const printedValue = (page, id) =>
  page.evaluate((id) => {
    const row = document.querySelector("cluster-check").shadowRoot.querySelector(`.cc-print-checks tr[data-check="${id}"]`);
    const cells = [...row.querySelectorAll("td.cc-print-number")];
    return cells[0]?.textContent ?? null;
  }, id);

describe("plausibility bounds of a check's result", () => {
  test("R&D typed in yuan (19,000,000 for 1,900 万元): met with a warning on R&D, never a clean 符合; zh and en", async () => {
    const { page, close } = await open();
    await fill(page, { revenue: ["185630", "wan"], rd_expense: ["19,000,000", "wan"] });
    let check = await checkOf(page, "rd_ratio");
    assert.equal(check.status, "met", "the figure is still used and judged");
    assert.equal(check.warning, "true");
    assert.equal(check.badge, "符合，请核对", "not a clean 符合");
    assert.equal(check.value, "实际 10,235.41%", "cut to two places");
    const warning = await warningOf(page, "rd_expense");
    assert.match(warning, /研发投入占营业收入的 10,235.4145%，超过 100%（研发投入大于营业收入）.*请确认研发投入的单位是否填错（例如把元当成了万元）/);
    assert.doesNotMatch(warning, /rd_expense/, "labels only on the page");
    const report = await page.evaluate(() => document.querySelector("cluster-check").report);
    assert.deepEqual(report.warnings.map((w) => `${w.field}:${w.code}`), ["rd_expense_wan:implausible"]);
    assert.equal(report.conditions.find((c) => c.id === "innovation").checks[0].value, "10235.4145", "the report keeps four places");
    await page.locator('#app [data-group="innovation"]').screenshot({ path: `${SCREENSHOTS}/plausible-rd-field-zh.png` });
    await page.locator('#app .cc-check[data-check="rd_ratio"]').screenshot({ path: `${SCREENSHOTS}/plausible-rd-check-zh.png` });
    await runAxe(page, "R&D implausible, zh");

    await page.click("#lang-toggle");
    check = await checkOf(page, "rd_ratio");
    assert.equal(check.badge, "Met — check");
    assert.match(await warningOf(page, "rd_expense"), /R&D spending is 10,235.4145% of revenue, above 100% \(more R&D than revenue\).*yuan entered as wan yuan/);
    await page.locator('#app .cc-check[data-check="rd_ratio"]').screenshot({ path: `${SCREENSHOTS}/plausible-rd-check-en.png` });
    await runAxe(page, "R&D implausible, en");

    // Corrected to 1,900 万元: no warning, a clean 符合.
    await page.click("#lang-toggle");
    await fill(page, { rd_expense: ["1900", "wan"] });
    check = await checkOf(page, "rd_ratio");
    assert.equal(check.warning, null);
    assert.equal(check.badge, "符合");
    assert.equal(await warningOf(page, "rd_expense"), null);
    await close();
  });

  test("R&D exactly equal to revenue is no warning; one millionth more is", async () => {
    const { page, close } = await open();
    await fill(page, { revenue: ["200000", "wan"], rd_expense: ["200000", "wan"] });
    assert.equal((await checkOf(page, "rd_ratio")).warning, null);
    await fill(page, { rd_expense: ["200000.000001", "wan"] });
    assert.equal((await checkOf(page, "rd_ratio")).warning, "true");
    await close();
  });

  test("the revenue warning names money mistakes only, the land's area mistakes only", async () => {
    const { page, close } = await open();
    await fill(page, { revenue: ["2,262,470,000", "wan"], land_area: ["3,200,000", "ha"] });
    const revenue = await warningOf(page, "revenue");
    assert.match(revenue, /把元当成了万元/);
    assert.doesNotMatch(revenue, /平方米|公顷/);
    const land = await warningOf(page, "land_area");
    assert.match(land, /把平方米当成了公顷/);
    assert.doesNotMatch(land, /万元/);
    await page.click("#lang-toggle");
    assert.doesNotMatch(await warningOf(page, "revenue"), /square metres|hectares/);
    assert.match(await warningOf(page, "land_area"), /square metres entered as hectares/);
    await close();
  });
});

describe("numbers as the page shows them (the report keeps exact values)", () => {
  test("ratios cut to two places toward the failing side, gaps rounded up to whole 万元 and to hundredths of an area; results, list, print", async () => {
    const { page, close } = await open();
    // 64,999 of 100,000 is 64.999%: shown 64.99%, never 65.00%; the gap 2.857143 万元 is shown 3.
    // 33.3333 of 100 公顷 is 33.3333%: the footprint's gap 16.6667 公顷 is shown 16.67.
    await fill(page, { revenue: ["100000", "wan"], leading_industry_revenue: ["64999", "wan"], land_area: ["100", "ha"], building_footprint: ["33.3333", "ha"] });
    const share = await checkOf(page, "leading_industry_share");
    assert.equal(share.status, "not_met");
    assert.equal(share.value, "实际 64.99%");
    assert.match(share.explanation, /的 64\.99%，低于 65%/);
    assert.match(share.explanation, /还需增加 3 万元/);
    assert.doesNotMatch(share.explanation, /64\.999|2\.857143|65\.00/);
    const density = await checkOf(page, "building_density");
    assert.equal(density.value, "实际 33.33%");
    assert.match(density.explanation, /还需增加 16\.67 公顷/);
    const todo = await todoTexts(page);
    assert.equal(todo.leading_industry_share, "主导产业比重：主导产业营业收入还需增加 3 万元");
    assert.equal(todo.building_density, "建筑密度：建筑物基底面积之和还需增加 16.67 公顷");
    assert.equal(await printedValue(page, "leading_industry_share"), "64.99%", "the printed table too");
    // The report handed out keeps what the engine decided.
    const checks = await page.evaluate(() => Object.fromEntries(document.querySelector("cluster-check").report.conditions.flatMap((c) => c.checks).map((c) => [c.id, [c.value, c.gap]])));
    assert.deepEqual(checks.leading_industry_share, ["64.999", "2.857143"]);
    assert.deepEqual(checks.building_density, ["33.3333", "16.6667"]);
    await page.locator('#app .cc-check[data-check="leading_industry_share"]').screenshot({ path: `${SCREENSHOTS}/precision-share-zh.png` });
    // A gap with its thousands grouped: 128,571.428572 万元 is shown 128,572 万元.
    await fill(page, { revenue: ["300000", "wan"], leading_industry_revenue: ["150000", "wan"] });
    assert.match((await checkOf(page, "leading_industry_share")).explanation, /的 50%，低于 65%；主导产业营业收入还需增加 128,572 万元/);
    assert.equal((await todoTexts(page)).leading_industry_share, "主导产业比重：主导产业营业收入还需增加 128,572 万元");
    await fill(page, { revenue: ["100000", "wan"], leading_industry_revenue: ["64999", "wan"] });

    await page.click("#lang-toggle");
    const english = await checkOf(page, "leading_industry_share");
    assert.match(english.explanation, /64\.99% of all revenue, below 65%; it needs 3 wan yuan more/);
    await page.locator('#app .cc-check[data-check="leading_industry_share"]').screenshot({ path: `${SCREENSHOTS}/precision-share-en.png` });
    await runAxe(page, "precision, en");
    await close();
  });
});

describe("the tier row exactly on a threshold", () => {
  test("exactly 20亿: 达到20亿元（符合三（三）），但未“超”20亿元 under a green verdict, not 未超过20亿元", async () => {
    const { page, close } = await open();
    await fill(page, { ...MEETS_ALL, revenue: ["20", "yi"], rd_expense: ["2000", "wan"], leading_industry_revenue: ["150000", "wan"] });
    assert.equal((await resultsOf(page)).status, "met");
    const tier = () => page.evaluate(() => document.querySelector("cluster-check").shadowRoot.querySelector(".cc-tier").textContent);
    assert.equal(await tier(), "营业收入档次（二（二））：达到20亿元（符合三（三）），但未“超”20亿元，不在二（二）档次内");
    await page.locator("#app .cc-tier").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/tier-at-threshold-zh.png` });
    await page.click("#lang-toggle");
    assert.equal(await tier(), "Revenue tier (2(2)): Reaches 2 billion yuan (meets 3(3)), but is not over (超) 2 billion: in no tier of 2(2)");
    await page.locator("#app .cc-tier").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/tier-at-threshold-en.png` });
    await page.click("#lang-toggle");
    // Just over: the band's own title.
    await fill(page, { revenue: ["200000.000001", "wan"] });
    assert.equal(await tier(), "营业收入档次（二（二））：超20亿元");
    await close();
  });
});

describe("each failing field's status on a phone", () => {
  for (const lang of ["zh", "en"]) {
    test(`390×844 (${lang}): a small 不符合 beside each field a check fails on, gone when met; not on the desktop's side-by-side layout`, async () => {
      const { page, close } = await open({ viewport: PHONE_LARGE, lang });
      await fill(page, { revenue: ["18.6", "yi"], rd_expense: ["1500", "wan"], leading_enterprises: "1", development_plan: "no" });
      const statuses = () =>
        page.evaluate(() => {
          const root = document.querySelector("cluster-check").shadowRoot;
          return Object.fromEntries(
            [...root.querySelectorAll(".cc-field-status")].map((el) => [el.closest("[data-field]").dataset.field, { text: el.textContent, shown: el.getBoundingClientRect().height > 0 }]),
          );
        });
      let shown = await statuses();
      assert.deepEqual(Object.keys(shown).sort(), ["development_plan", "leading_enterprises", "rd_expense", "revenue"], "the figure each gap is in, not every figure a ratio reads");
      assert.ok(Object.values(shown).every((s) => s.shown));
      if (lang === "zh") {
        assert.equal(shown.revenue.text, "✗ 不符合：年营业收入");
        assert.equal(shown.rd_expense.text, "✗ 不符合：研发投入比重");
      } else {
        assert.equal(shown.revenue.text, "✗ Not met: Annual operating revenue");
      }
      await page.locator('#app [data-group="competitiveness"]').screenshot({ path: `${SCREENSHOTS}/field-status-${lang}-phone.png` });
      await runAxe(page, `field status, ${lang}`);
      // Met now: its status goes.
      await fill(page, { revenue: ["20", "yi"] });
      shown = await statuses();
      assert.equal(shown.revenue, undefined);
      // Side by side on the desktop, the results are in view: no status beside the fields.
      await page.setViewportSize(DESKTOP);
      shown = await statuses();
      assert.ok(Object.values(shown).every((s) => !s.shown), JSON.stringify(shown));
      await close();
    });
  }
});
