// The self-assessment page (dist/www, built by `make www`) in Debian's Chromium: what a user
// types, what the page shows, in both languages, on a desktop and a phone, in print; and
// what it must never do (send a request off its origin, break its CSP, fail axe-core).
//
//   node --test --test-concurrency=1 tests/browser/page.test.mjs
//
// The form and the results live in the <cluster-check> element's open shadow root:
// Playwright's selectors pierce it; code run in the page reaches in through `.shadowRoot`.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { groupDigits, shiftDecimal } from "../../js/ui/decimal.js";
import { emptyState as emptyStateOf, toFigures as toFiguresOf, formKeyOf as formKeyIn, formModel } from "../../js/ui/fields.js";
import { CATALOGUE } from "../../js/ui/i18n.js";
import { CJK, DESKTOP, MEETS_ALL as MEETS_ALL_2014, MISSES_SEVERAL, PHONE, SCREENSHOTS, fill, fullPageScreenshot, openPage, runAxe, usePage } from "./page-support.mjs";

// The form's model, from the catalog of henan-2014 as the package ships it.
const model = formModel(JSON.parse(readFileSync(new URL("rulesets/henan-2014.json", import.meta.resolve("cluster-check")), "utf8")));
const emptyState = () => emptyStateOf(model);
const toFigures = (state) => toFiguresOf(model, state);
const formKeyOf = (figure) => formKeyIn(model, figure);

/** Meets every condition (page-support.mjs), in the year 2024; money in 亿元 where people would type it so, land in 公顷. */
const MEETS_ALL = { ...MEETS_ALL_2014, year: "2024" };

/** The same cluster entered in 公顷 and 万元. */
const MISSES_SEVERAL_HA_WAN = {
  ...MISSES_SEVERAL,
  land_area: ["120", "ha"],
  building_footprint: ["54", "ha"],
  revenue: ["186000", "wan"],
};

const EXPECTED_MISSES = {
  defined_area: "met",
  coordination_body: "met",
  development_plan: "not_met",
  policy_support: "met",
  leading_enterprises: "not_met",
  related_smes: "met",
  building_density: "not_met",
  investment_intensity: "not_met",
  revenue: "not_met",
  leading_industry_share: "met",
  rd_ratio: "not_met",
  audit_rate: "not_met",
  service_functions: "not_met",
  platform_or_base: "met",
};

const state = usePage({ before, after });

/**
 * Opens the page in a fresh context (empty storage, but for `lang`), waits for the engine, and
 * returns a `close()` that asserts nothing left the origin, no CSP violation and no error happened.
 */
const open = ({ viewport, lang } = {}) => openPage(state, { viewport, lang });

/** What the results show, read from the page. */
function readResults(page) {
  return page.evaluate(() => {
    const root = document.querySelector("cluster-check").shadowRoot;
    const text = (el) => el?.textContent.replace(/\s+/g, " ").trim() ?? null;
    const checks = {};
    for (const li of root.querySelectorAll(".cc-check")) {
      checks[li.dataset.check] = {
        status: li.dataset.status,
        badge: `${text(li.querySelector(".cc-badge-icon"))} ${text(li.querySelector(".cc-badge-text"))}`,
        title: text(li.querySelector(".cc-check-title")),
        value: text(li.querySelector(".cc-value")),
        threshold: text(li.querySelector(".cc-threshold")),
        explanation: text(li.querySelector(".cc-explanation")),
        citation: text(li.querySelector(".cc-citation q")),
      };
    }
    const conditions = {};
    for (const li of root.querySelectorAll(".cc-condition")) {
      conditions[li.dataset.condition] = { status: li.dataset.status, title: text(li.querySelector(".cc-condition-title")) };
    }
    return {
      status: root.querySelector(".cc-verdict").dataset.status,
      verdict: text(root.querySelector(".cc-verdict-text")),
      summary: text(root.querySelector(".cc-summary")),
      tier: text(root.querySelector(".cc-tier-value")),
      conditions,
      checks,
      notes: [...root.querySelectorAll(".cc-notes-list li")].map(text),
    };
  });
}

const statuses = (results) => Object.fromEntries(Object.entries(results.checks).map(([id, c]) => [id, c.status]));

/** The error shown beside a field, with how it is tied to the input. */
function fieldError(page, key) {
  return page.evaluate((key) => {
    const root = document.querySelector("cluster-check").shadowRoot;
    const input = root.getElementById(`cc-f-${key}`);
    const error = root.getElementById(`cc-f-${key}-error`);
    const describedBy = (input.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
    return {
      invalid: input.getAttribute("aria-invalid"),
      describedBy,
      errorId: error.id,
      visible: !error.hidden && error.getBoundingClientRect().height > 0,
      text: error.textContent,
      codes: [...error.querySelectorAll("[data-code]")].map((e) => e.dataset.code),
      // The error sits right below its own field, inside the field's block.
      besideField: error.closest("[data-field]")?.dataset.field === key,
    };
  }, key);
}

// ---------------------------------------------------------------------- pure modules

describe("typed text to figures (js/ui/decimal.js, js/ui/fields.js)", () => {
  test("亿元 → 万元 moves the decimal point in the text, never through a float", () => {
    const cases = [
      ["22.6247", "226247"],
      ["1", "10000"],
      ["0.1", "1000"],
      ["0.00001", "0.1"],
      ["0.000000001", "0.00001"],
      ["1,000.5", "10005000"],
      [" 68.5 ", "685000"],
      ["２２．６２４７", "226247"],
      ["３，０００", "30000000"],
      ["007.50", "75000"],
      ["0", "0"],
      ["9007199254740.993", "90071992547409930"], // beyond 2^53: a float would round it
    ];
    for (const [typed, wan] of cases) assert.equal(shiftDecimal(typed, 4), wan, typed);
    // Where a float multiply goes wrong, the shift does not.
    assert.notEqual(String(0.07 * 10000), "700");
    assert.equal(shiftDecimal("0.07", 4), "700");
    assert.notEqual(String(0.0003 * 10000), "3");
    assert.equal(shiftDecimal("0.0003", 4), "3");
  });

  test("text that is not a plain decimal is passed on unchanged for the engine to report", () => {
    for (const typed of ["abc", "1e5", "+5", ".5", "5.", "1,2,3", "3000,000", "1 000", "5%", "--5"]) {
      assert.equal(shiftDecimal(typed, 4), typed, typed);
    }
    // A sign is read, as the engine reads it (a signed figure may be negative; another is
    // reported as negative, with the converted figure).
    assert.equal(shiftDecimal("-5", 4), "-50000");
    assert.equal(shiftDecimal("－5", 4), "-50000");
    assert.equal(shiftDecimal("   ", 4), "");
  });

  test("figures: units pick the field, blanks and unanswered questions are left out", () => {
    const state = emptyState();
    assert.deepEqual(toFigures(state), {});
    state.revenue = { text: "22.6247", unit: "yi" };
    state.rd_expense = { text: "2262.47", unit: "wan" };
    state.land_area = { text: "150", unit: "mu" };
    state.building_footprint = { text: "5", unit: "ha" };
    state.leading_enterprises = " 3 ";
    state.defined_area = "no";
    state.service_functions = { values: ["ip", "testing"], none: false };
    assert.deepEqual(toFigures(state), {
      revenue_wan: "226247",
      rd_expense_wan: "2262.47",
      land_area_mu: "150",
      building_footprint_ha: "5",
      leading_enterprises: " 3 ",
      defined_area: false,
      service_functions: ["testing", "ip"],
    });
    state.service_functions = { values: [], none: true };
    assert.deepEqual(toFigures(state).service_functions, []);
  });

  test("report fields map to the form's inputs", () => {
    assert.equal(formKeyOf("land_area_mu"), "land_area");
    assert.equal(formKeyOf("land_area_ha"), "land_area");
    assert.equal(formKeyOf("building_footprint_mu"), "building_footprint");
    assert.equal(formKeyOf("revenue_wan"), "revenue");
    assert.equal(formKeyOf("audit_completed"), "audit_completed");
    assert.equal(formKeyOf("year"), "year");
    assert.equal(formKeyOf("ruleset"), null);
    assert.equal(formKeyOf(null), null);
    assert.equal(formKeyOf("revenue"), null, "`revenue` alone is not a figure");
    assert.equal(formKeyOf("revenue_ha"), null);
    assert.equal(formKeyOf("land_area_wan"), null);
  });

  test("the catalogue has every string in both languages", () => {
    const zhKeys = Object.keys(CATALOGUE["zh-CN"]).sort();
    assert.deepEqual(Object.keys(CATALOGUE.en).sort(), zhKeys);
    // Field questions and group titles are the catalog's, in both languages.
    for (const field of model.fields) assert.ok(field.question.zh && field.question.en, field.key);
    for (const group of model.groups.filter((g) => g.id !== "basic")) assert.ok(group.title.zh && group.title.en, group.id);
    for (const [key, text] of Object.entries(CATALOGUE.en)) {
      if (key !== "page.toggle") assert.doesNotMatch(text.replace(/豫工信企业〔2014〕196号|三/g, ""), CJK, key);
    }
  });

  test("separators are inserted into the engine's decimal text", () => {
    assert.equal(groupDigits("226247"), "226,247");
    assert.equal(groupDigits("48571.428572"), "48,571.428572");
    assert.equal(groupDigits("1000000000000"), "1,000,000,000,000");
    assert.equal(groupDigits("999"), "999");
    assert.equal(groupDigits("0.5555"), "0.5555");
  });
});

// ---------------------------------------------------------------------- the page

describe("the page", () => {
  test("the empty form says 信息不完整 (incomplete), not a failure", async () => {
    const { page, close } = await open();
    const results = await readResults(page);
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
    assert.equal(results.status, "incomplete");
    assert.equal(results.verdict, "信息不完整");
    assert.equal(Object.keys(results.checks).length, 14);
    for (const [id, check] of Object.entries(results.checks)) {
      assert.equal(check.status, "missing", id);
      assert.match(check.badge, /未填写/, id);
      assert.match(check.explanation, /^尚未填写/, id);
    }
    assert.equal(results.summary, "共 14 项检查：14 项未填写。");
    assert.ok(results.notes.some((n) => n.includes("所在地政府高度重视")), "notes on what the tool cannot judge");
    assert.equal(await page.locator(".cc-error:visible").count(), 0, "no error on an empty form");
    await close();
  });

  test("a cluster that meets every condition", async () => {
    const { page, close } = await open();
    await fill(page, MEETS_ALL);
    const results = await readResults(page);
    assert.equal(results.status, "met");
    assert.equal(results.verdict, "符合创建条件");
    assert.equal(results.summary, "共 14 项检查：14 项符合。");
    assert.equal(results.tier, "超50亿元");
    for (const [id, check] of Object.entries(results.checks)) assert.equal(check.status, "met", id);
    for (const condition of Object.values(results.conditions)) assert.equal(condition.status, "met");
    assert.equal(results.conditions.agglomeration.title, "三（二） 集聚效应明显");
    // 41.8 亿元 over 320 公顷, in the engine's words, with separators put into its text.
    assert.equal(results.checks.investment_intensity.value, "实际 1,306.25 万元/公顷");
    assert.equal(results.checks.investment_intensity.threshold, "标准 1,000 万元/公顷");
    assert.equal(results.checks.revenue.value, "实际 685,000 万元");
    assert.equal(results.checks.investment_intensity.citation, "单位土地平均投资强度1000万元/平方公顷以上");
    assert.equal(results.checks.service_functions.explanation, "已具备全部 8 项公共服务功能。");
    await close();
  });

  test("a cluster that misses several checks: statuses, gaps in plain words, unmet checks stand out", async () => {
    const { page, close } = await open();
    await fill(page, MISSES_SEVERAL);
    const results = await readResults(page);
    assert.equal(results.status, "not_met");
    assert.equal(results.verdict, "不符合创建条件");
    assert.equal(results.summary, "共 14 项检查：6 项符合，8 项不符合。");
    assert.equal(results.tier, "未超过20亿元（不在文件所列档次内）");
    assert.deepEqual(statuses(results), EXPECTED_MISSES);
    const { checks } = results;
    assert.match(checks.rd_ratio.explanation, /按现有营业收入还需增加研发投入 280 万元/);
    assert.equal(checks.rd_ratio.value, "实际 0.84%", "cut to two places");
    assert.equal(checks.rd_ratio.threshold, "标准 1%");
    assert.match(checks.building_density.explanation, /建筑物基底面积还需增加 90 亩/);
    assert.match(checks.investment_intensity.explanation, /固定资产投资还需增加 25,000 万元/);
    assert.match(checks.revenue.explanation, /还需增加 14,000 万元/);
    assert.match(checks.leading_enterprises.explanation, /还需 1 家/);
    assert.match(checks.audit_rate.explanation, /还有 1 家企业需实施审核/);
    assert.match(checks.service_functions.explanation, /尚缺：产品展销、物流服务/);
    assert.equal(checks.rd_ratio.citation, "研发投入占营业收入的比重不低于1%");
    // Not by colour alone: an icon and a word on every unmet check.
    for (const [id, status] of Object.entries(EXPECTED_MISSES)) {
      assert.match(checks[id].badge, status === "met" ? /✓ 符合/ : /✗ 不符合/, id);
    }
    const look = await page.evaluate(() => {
      const style = (sel) => getComputedStyle(document.querySelector("cluster-check").shadowRoot.querySelector(sel));
      return {
        unmetBorder: style('.cc-check[data-check="rd_ratio"]').borderLeftWidth,
        metBorderColor: style('.cc-check[data-check="related_smes"]').borderLeftColor,
        unmetBorderColor: style('.cc-check[data-check="rd_ratio"]').borderLeftColor,
      };
    });
    assert.notEqual(look.unmetBorderColor, look.metBorderColor, "unmet checks are marked beside the list too");
    await close();
  });

  test("the float trap: R&D exactly 1% of revenue typed in 亿元 is met", async () => {
    const { page, close } = await open();
    await fill(page, { revenue: ["22.6247", "yi"], rd_expense: ["2262.47", "wan"] });
    let results = await readResults(page);
    assert.equal(results.checks.rd_ratio.status, "met", JSON.stringify(results.checks.rd_ratio));
    assert.equal(results.checks.rd_ratio.value, "实际 1%");
    assert.equal(results.checks.revenue.value, "实际 226,247 万元");
    assert.equal(results.tier, "超20亿元");
    // One hundredth of a 万元 less is not.
    await fill(page, { rd_expense: ["2262.46", "wan"] });
    results = await readResults(page);
    assert.equal(results.checks.rd_ratio.status, "not_met");
    // The gap, 0.01 万元, is shown rounded up to whole 万元 (the report keeps 0.01); the ratio,
    // 0.99999…%, cut to two places: 0.99%, never 1.00%.
    assert.match(results.checks.rd_ratio.explanation, /研发投入占营业收入的 0\.99%，低于 1%；按现有营业收入还需增加研发投入 1 万元/);
    assert.equal(await page.evaluate(() => document.querySelector("cluster-check").report.conditions.find((c) => c.id === "innovation").checks[0].gap), "0.01");
    // Full-width digits in 亿元 are the same figure.
    await fill(page, { revenue: ["２２．６２４７", "yi"], rd_expense: ["2,262.47", "wan"] });
    results = await readResults(page);
    assert.equal(results.checks.rd_ratio.status, "met");
    await close();
  });

  test("亩 and 亿元 entry give the same results as 公顷 and 万元", async () => {
    const first = await open();
    await fill(first.page, MISSES_SEVERAL);
    const muYi = await readResults(first.page);
    await first.close();
    const second = await open();
    await fill(second.page, MISSES_SEVERAL_HA_WAN);
    const haWan = await readResults(second.page);
    await second.close();
    assert.equal(muYi.status, haWan.status);
    assert.equal(muYi.tier, haWan.tier);
    assert.deepEqual(statuses(muYi), statuses(haWan));
    for (const id of Object.keys(muYi.checks)) {
      assert.equal(muYi.checks[id].value, haWan.checks[id].value, id);
      assert.equal(muYi.checks[id].threshold, haWan.checks[id].threshold, id);
    }
    // The gap is given in the unit the land was typed in.
    assert.match(muYi.checks.building_density.explanation, /还需增加 90 亩/);
    assert.match(haWan.checks.building_density.explanation, /还需增加 6 公顷/);
  });

  test("an invalid figure shows its error beside the field, tied to the input, and clears when corrected", async () => {
    const { page, close } = await open();
    await fill(page, { leading_enterprises: "-5", fixed_investment: ["abc", "yi"], land_area: ["10", "ha"] });
    for (const [key, code, words] of [
      ["leading_enterprises", "negative", /不能为负数/],
      ["fixed_investment", "not_a_number", /不是有效的数字/],
    ]) {
      const error = await fieldError(page, key);
      assert.equal(error.visible, true, key);
      assert.equal(error.besideField, true, key);
      assert.equal(error.invalid, "true", key);
      assert.ok(error.describedBy.includes(error.errorId), `${key}: aria-describedby names the error`);
      assert.deepEqual(error.codes, [code], key);
      assert.match(error.text, words, key);
    }
    assert.match((await fieldError(page, "fixed_investment")).text, /"abc"/, "the text is reported as typed");
    const results = await readResults(page);
    assert.equal(results.checks.leading_enterprises.status, "invalid");
    assert.match(results.checks.leading_enterprises.badge, /! 数据有误/);
    assert.equal(results.checks.investment_intensity.status, "invalid");
    assert.equal(results.status, "incomplete");

    await fill(page, { leading_enterprises: "3" });
    const fixed = await fieldError(page, "leading_enterprises");
    assert.equal(fixed.visible, false);
    assert.equal(fixed.invalid, null);
    assert.ok(!fixed.describedBy.includes(fixed.errorId));
    assert.equal((await readResults(page)).checks.leading_enterprises.status, "met");

    // An error in the field being typed in appears after a pause, without leaving the field.
    await page.focus("#cc-f-related_smes");
    await page.keyboard.type("1,");
    await page.waitForFunction(() => document.querySelector("cluster-check").shadowRoot.getElementById("cc-f-related_smes").getAttribute("aria-invalid") === "true");
    assert.equal(await page.evaluate(() => document.querySelector("cluster-check").shadowRoot.activeElement.id), "cc-f-related_smes");
    assert.equal((await readResults(page)).checks.related_smes.status, "invalid");

    // Leaving a bad figure by clicking elsewhere: the click lands first, then the error
    // shows (shown between press and release, it would move the target from under the pointer).
    await page.click("#cc-f-year");
    await page.keyboard.type("2024.5");
    await page.click("#cc-f-coordination_body-yes");
    assert.equal(await page.isChecked("#cc-f-coordination_body-yes"), true, "the click on the radio was lost");
    await page.waitForFunction(() => document.querySelector("cluster-check").shadowRoot.getElementById("cc-f-year").getAttribute("aria-invalid") === "true");
    assert.deepEqual((await fieldError(page, "year")).codes, ["not_whole"]);

    // Errors in English when the page is in English.
    await page.click("#lang-toggle");
    const english = await fieldError(page, "leading_enterprises");
    assert.equal(english.visible, false);
    const smes = await fieldError(page, "related_smes");
    assert.equal(smes.visible, true);
    assert.match(smes.text, /“1,” is not a number: type a whole number, e\.g\. 12/);
    assert.doesNotMatch(smes.text, /不是有效的数字|decimal/, "a count's error does not mention decimals");
    await close();
  });

  test("service functions: the missing ones are named; 'none of these' is an answer, not a blank", async () => {
    const { page, close } = await open();
    await fill(page, { service_functions: ["rd_design", "testing", "training", "consulting", "ip", "financing", "exhibition"] });
    let check = (await readResults(page)).checks.service_functions;
    assert.equal(check.status, "not_met");
    assert.match(check.explanation, /尚缺：物流服务。/);
    await fill(page, { service_functions: "none" });
    check = (await readResults(page)).checks.service_functions;
    assert.equal(check.status, "not_met");
    assert.match(check.explanation, /具备 0 项公共服务功能/);
    assert.equal(await page.isChecked("#cc-f-service_functions-rd_design"), false, "'none' unticks the functions");
    await page.uncheck("#cc-f-service_functions-none");
    assert.equal((await readResults(page)).checks.service_functions.status, "missing", "nothing ticked is not given");
    await page.check("#cc-f-service_functions-none");
    await page.check("#cc-f-service_functions-ip");
    assert.equal(await page.isChecked("#cc-f-service_functions-none"), false, "a function unticks 'none'");
    assert.match((await readResults(page)).checks.service_functions.explanation, /具备 1 项/);
    // No catalogue key shows raw anywhere.
    const raw = await page.evaluate(() => `${document.body.innerText}\n${document.querySelector("cluster-check").shadowRoot.querySelector(".cc").innerText}`.match(/\b(field|hint|unit|group|status|verdict|summary|tier|print|page|form|answer|service|results|check|error)\.[a-z_.]+/g));
    assert.equal(raw, null);
    await close();
  });

  test("inconsistent figures: the error is beside the figure that is too large", async () => {
    const { page, close } = await open();
    await fill(page, { land_area: ["10", "ha"], building_footprint: ["200", "mu"], audit_required: "2", audit_completed: "3" });
    const footprint = await fieldError(page, "building_footprint");
    assert.equal(footprint.visible, true);
    assert.deepEqual(footprint.codes, ["inconsistent"]);
    assert.deepEqual((await fieldError(page, "audit_completed")).codes, ["inconsistent"]);
    assert.equal((await fieldError(page, "land_area")).visible, false);
    const results = await readResults(page);
    assert.equal(results.checks.building_density.status, "invalid");
    assert.equal(results.checks.investment_intensity.status, "missing");
    await close();
  });

  test("switching language changes the texts, sets <html lang> and is remembered after reload", async () => {
    const { page, close } = await open();
    await fill(page, { revenue: ["18.6", "yi"], rd_expense: ["1580", "wan"], defined_area: "yes" });
    assert.equal(await page.textContent("#lang-toggle"), "English");
    await page.click("#lang-toggle");
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.textContent("#lang-toggle"), "中文");
    assert.equal(await page.textContent('label[for="cc-f-revenue"]'), "Annual operating revenue");
    assert.equal(await page.title(), "SME characteristic industrial clusters: self-assessment");
    let results = await readResults(page);
    assert.equal(results.verdict, "Does not meet the conditions");
    assert.equal(results.checks.rd_ratio.badge, "✗ Not met");
    assert.match(results.checks.rd_ratio.explanation, /280 wan yuan more R&D is needed/);
    assert.equal(results.checks.revenue.value, "Value 186,000 wan yuan");
    assert.equal(results.conditions.innovation.title, "3(4) Strong innovation capacity");
    // What was typed and chosen is kept.
    assert.equal(await page.inputValue("#cc-f-revenue"), "18.6");
    assert.equal(await page.inputValue("#cc-f-revenue-unit"), "yi");
    assert.equal(await page.isChecked("#cc-f-defined_area-yes"), true);
    // No Chinese left in the form's own texts (the document's phrases are quoted in results only).
    const formText = await page.evaluate(() => document.querySelector("cluster-check").shadowRoot.querySelector(".cc-form").innerText);
    assert.doesNotMatch(formText, CJK, "Chinese text left in the English form");
    const pageText = await page.evaluate(() => [document, document.querySelector("cluster-check").shadowRoot].flatMap((root) => [...root.querySelectorAll(".page-title, .page-privacy, .page-footer, .cc-heading, .cc-tier-label, .cc-summary, .cc-badge")]).map((e) => e.textContent).join(" "));
    assert.doesNotMatch(pageText, CJK);
    assert.equal(await page.evaluate(() => localStorage.getItem("cluster-check.lang")), "en");

    await page.reload();
    await page.waitForSelector('.cc[data-ready="true"]');
    assert.equal(await page.getAttribute("html", "lang"), "en");
    results = await readResults(page);
    // The figures come back too: the page keeps a draft (see keep-share.test.mjs).
    assert.equal(results.verdict, "Does not meet the conditions");
    assert.equal(await page.inputValue("#cc-f-revenue"), "18.6");
    assert.equal(await page.textContent('label[for="cc-f-revenue"]'), "Annual operating revenue");

    await page.click("#lang-toggle");
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
    assert.equal((await readResults(page)).verdict, "不符合创建条件");
    await page.reload();
    await page.waitForSelector('.cc[data-ready="true"]');
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
    await close();
  });

  test("typed text is never read as HTML", async () => {
    const { page, close } = await open();
    const hostile = '<img src="x" onerror="window.__pwned = 1">';
    await fill(page, { name: hostile, fixed_investment: [hostile, "wan"] });
    assert.equal(await page.locator(".cc img").count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.textContent(".cc-print-cluster"), hostile);
    assert.match((await fieldError(page, "fixed_investment")).text, /<img src/);
    await close();
  });

  test("CSP: a strict policy in a meta tag, no inline script or style anywhere", async () => {
    const { page, close } = await open();
    await fill(page, MISSES_SEVERAL);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    const directives = Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(" ")]));
    assert.equal(directives["default-src"], "'self'");
    assert.equal(directives["script-src"], "'self' 'wasm-unsafe-eval'");
    assert.equal(directives["style-src"], "'self'");
    assert.equal(directives["object-src"], "'none'");
    assert.equal(directives["base-uri"], "'none'");
    const inline = await page.evaluate(() => {
      const roots = [document, document.querySelector("cluster-check").shadowRoot];
      const all = (sel) => roots.flatMap((root) => [...root.querySelectorAll(sel)]);
      return {
        styleAttributes: all("[style]").length,
        styleElements: all("style").length,
        inlineScripts: all("script").filter((s) => !s.src).length,
      };
    });
    assert.deepEqual(inline, { styleAttributes: 0, styleElements: 0, inlineScripts: 0 });
    await close();
  });

  test("results update without reflowing the form", async () => {
    const { page, close } = await open();
    const positions = () =>
      page.evaluate(() => [...document.querySelector("cluster-check").shadowRoot.querySelectorAll(".cc-form [data-field]")].map((el) => Math.round(el.getBoundingClientRect().top + window.scrollY)));
    const verdictHeight = () => page.evaluate(() => document.querySelector("cluster-check").shadowRoot.querySelector(".cc-verdict").getBoundingClientRect().height);
    const before = await positions();
    const emptyHeight = await verdictHeight();
    await fill(page, MISSES_SEVERAL);
    assert.deepEqual(await positions(), before, "the form moved while results changed");
    assert.equal(await verdictHeight(), emptyHeight, "the verdict box changed height");
    await fill(page, MEETS_ALL);
    assert.deepEqual(await positions(), before);
    assert.equal(await verdictHeight(), emptyHeight);
    await close();
  });

  test("accessibility: axe-core finds no WCAG 2.1 A/AA violation, in both languages, with errors shown", async () => {
    const { page, close } = await open();
    await runAxe(page, "zh, empty");
    await fill(page, { ...MISSES_SEVERAL, leading_enterprises: "-5", rd_expense: ["abc", "wan"], year: "2024.5" });
    assert.equal((await fieldError(page, "rd_expense")).visible, true);
    await runAxe(page, "zh, errors shown");
    await page.click("#lang-toggle");
    await runAxe(page, "en, errors shown");
    await fill(page, MEETS_ALL);
    await runAxe(page, "en, all met");
    await page.setViewportSize(PHONE);
    await runAxe(page, "en, phone");
    // Every input, select and radio has a label; the live region is the short summary only.
    const unlabelled = await page.evaluate(() =>
      [document, document.querySelector("cluster-check").shadowRoot].flatMap((root) => [...root.querySelectorAll("input, select")]).filter((el) => el.labels.length === 0).map((el) => el.id),
    );
    assert.deepEqual(unlabelled, []);
    const live = await page.evaluate(() => [document, document.querySelector("cluster-check").shadowRoot].flatMap((root) => [...root.querySelectorAll("[aria-live]")]).map((el) => [el.className, el.getAttribute("aria-live"), el.textContent.length]));
    assert.equal(live.length, 1);
    assert.equal(live[0][0], "cc-verdict");
    assert.equal(live[0][1], "polite");
    assert.ok(live[0][2] < 120, "the live region is a short summary");
    await close();
  });

  test("keyboard: Tab reaches the language toggle and the first input with a visible focus ring; radios and boxes work", async () => {
    const { page, close } = await open();
    const focused = () =>
      page.evaluate(() => {
        let el = document.activeElement;
        while (el.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        const style = getComputedStyle(el);
        return {
          id: el.id,
          focusVisible: el.matches(":focus-visible"),
          outline: `${style.outlineStyle} ${style.outlineWidth}`,
          outlineWidth: parseFloat(style.outlineWidth),
          outlineStyle: style.outlineStyle,
          boxShadow: style.boxShadow,
        };
      });
    const seen = [];
    for (let i = 0; i < 8 && !seen.some((f) => f.id === "cc-f-name"); i++) {
      await page.keyboard.press("Tab");
      seen.push(await focused());
    }
    const toggle = seen.find((f) => f.id === "lang-toggle");
    const first = seen.find((f) => f.id === "cc-f-name");
    assert.ok(toggle, `Tab order: ${seen.map((f) => f.id)}`);
    assert.ok(first, `Tab order: ${seen.map((f) => f.id)}`);
    assert.ok(seen.indexOf(toggle) < seen.indexOf(first), "the toggle comes first");
    for (const f of [toggle, first]) {
      assert.ok(f.focusVisible, `${f.id} matches :focus-visible`);
      assert.ok((f.outlineStyle !== "none" && f.outlineWidth >= 2) || f.boxShadow !== "none", `${f.id}: ${f.outline}`);
    }
    // year, then the first question: arrows answer it.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    // Tab lands on the first answer (是), not on 未填: 未填 is a way back, left unticked.
    assert.equal((await focused()).id, "cc-f-defined_area-yes");
    assert.ok((await focused()).outlineWidth >= 2, "radio focus ring");
    assert.equal((await readResults(page)).checks.defined_area.status, "missing", "landing answers nothing");
    await page.keyboard.press("Space");
    assert.equal((await readResults(page)).checks.defined_area.status, "met", "Space answers 是");
    await page.keyboard.press("ArrowRight");
    assert.equal((await readResults(page)).checks.defined_area.status, "not_met");
    await page.keyboard.press("ArrowRight");
    assert.equal((await readResults(page)).checks.defined_area.status, "missing", "back to not answered");
    // A service function ticked with Space.
    await page.focus("#cc-f-service_functions-rd_design");
    await page.keyboard.press("Space");
    assert.match((await readResults(page)).checks.service_functions.explanation, /具备 1 项公共服务功能/);
    // The language toggle works from the keyboard and keeps the focus.
    await page.focus("#lang-toggle");
    await page.keyboard.press("Enter");
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.evaluate(() => document.activeElement.shadowRoot?.activeElement?.id ?? document.activeElement.id), "lang-toggle");
    await close();
  });

  test("print: a report to file in two A4 pages at most — verdict, what is not met with its gap, the figures grouped, every check with its clause, the document, the date, the disclaimer once", async () => {
    for (const lang of ["zh-CN", "en"]) {
      const { page, close } = await open({ lang });
      await fill(page, MISSES_SEVERAL);
      await page.emulateMedia({ media: "print" });
      const print = await page.evaluate(() => {
        const root = document.querySelector("cluster-check").shadowRoot;
        const shown = (sel) => [document, root].flatMap((r) => [...r.querySelectorAll(sel)]).some((el) => el.getClientRects().length > 0);
        const text = (sel) => root.querySelector(sel).innerText;
        return {
          form: shown(".cc-form"),
          toggle: shown("#lang-toggle"),
          tools: shown("#tools"),
          about: shown("#page-about"),
          jump: shown(".cc-jump"),
          filter: shown(".cc-filter"),
          cards: shown(".cc-conditions"),
          head: text(".cc-print-head"),
          verdict: text(".cc-verdict"),
          todo: text(".cc-todo"),
          figures: text(".cc-print-figures"),
          groups: [...root.querySelectorAll(".cc-print-figures .cc-print-group")].map((tr) => tr.innerText.trim()),
          checks: [...root.querySelectorAll(".cc-print-checks tbody tr")].map((tr) => ({ id: tr.dataset.check, status: tr.dataset.status, text: tr.innerText })),
          // What prints: the page's own text and the element's (innerText leaves out what is not shown).
          whole: [...document.body.children].map((el) => el.innerText).join("\n") + root.querySelector(".cc").innerText,
        };
      });
      assert.deepEqual([print.form, print.toggle, print.tools, print.about, print.jump, print.filter, print.cards], [false, false, false, false, false, false, false], "on paper: the report, no page chrome, no cards");
      if (lang === "zh-CN") {
        assert.match(print.head, /产业集群创建条件自测报告/);
        assert.match(print.head, /某县特色食品产业集群 · 2024年/);
        assert.match(print.head, /豫工信企业〔2014〕196号/);
        assert.match(print.head, /生成日期：\d{4}年\d{1,2}月\d{1,2}日/);
        assert.match(print.verdict, /不符合创建条件/);
        assert.match(print.todo, /研发投入比重：研发投入还需增加 280 万元/, "what is not met, with its gap");
        assert.match(print.figures, /年营业收入\s+18\.6 亿元/);
        assert.match(print.figures, /工业用地面积\s+1,800 亩/, "digits grouped as every number of the report");
        assert.match(print.figures, /是否有产业发展规划？\s+否/);
        assert.equal(print.groups[0], "三（一） 建设管理规范", "the figures grouped as the form groups them");
        assert.equal((print.whole.match(/不是主管部门的认定/g) ?? []).length, 1, "the disclaimer once");
      } else {
        assert.match(print.todo, /R&D ratio: 280 wan yuan more in “R&D spending”/);
        assert.equal((print.whole.match(/not an official decision/g) ?? []).length, 1, "the disclaimer once");
      }
      const report = await page.evaluate(() => document.querySelector("cluster-check").report);
      const all = report.conditions.flatMap((c) => c.checks);
      assert.deepEqual(print.checks.map((c) => `${c.id}:${c.status}`), all.map((c) => `${c.id}:${c.status}`), "every check in the table");
      const rd = print.checks.find((c) => c.id === "rd_ratio");
      assert.match(rd.text, /研发投入占营业收入的比重不低于1%/, "the citation verbatim, in Chinese");
      if (lang === "en") assert.match(rd.text, /R&D spending/i, "with its English rendering");
      // Printed as a browser prints it: A4, at most two pages.
      const pdf = await page.pdf({ format: "A4", printBackground: true });
      const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length;
      assert.ok(pages >= 1 && pages <= 2, `${lang}: ${pages} A4 pages`);
      await page.setViewportSize({ width: 794, height: 1123 });
      await fullPageScreenshot(page, `${SCREENSHOTS}/page-print-${lang === "en" ? "en" : "zh"}.png`);
      await close();
    }
  });

  for (const [lang, label] of [["zh-CN", "zh"], ["en", "en"]]) {
    for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
      test(`screenshot: ${label} ${size}`, async () => {
        const { page, close } = await open({ viewport, lang });
        assert.equal(await page.getAttribute("html", "lang"), lang);
        await fill(page, MISSES_SEVERAL);
        const results = await readResults(page);
        assert.equal(results.status, "not_met");
        assert.deepEqual(statuses(results), EXPECTED_MISSES);
        // Nothing sticks out sideways on a phone.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.equal(overflow, 0, "horizontal overflow");
        await fullPageScreenshot(page, `${SCREENSHOTS}/page-${label}-${size}.png`);
        await close();
      });
    }
  }
});
