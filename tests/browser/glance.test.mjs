// What to fix, at a glance (dist/www in Debian's Chromium): under the verdict the checks not
// met, each with its gap, as links that move the focus to the figure; at the top of the
// results the figures to correct (the GOV.UK error summary), each a link to its field; met
// checks hidden on request; on a phone the first failing check on the first screen of
// results and the count in the sticky bar; what the form reads from typed units; no internal
// ids in what the page shows. In both languages, phone and desktop, axe-core clean.
//
//   node --test --test-concurrency=1 tests/browser/glance.test.mjs
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { DESKTOP, MISSES_SEVERAL, PHONE_LARGE, SCREENSHOTS, fill, openPage, runAxe, usePage } from "./page-support.mjs";

const state = usePage({ before, after });
const open = ({ viewport, lang } = {}) => openPage(state, { viewport, lang });

/** The element's shadow root, read in the page. */
const read = (page, fn, arg) => page.evaluate(fn, arg);

/** The id of the focused element inside the element (or of the page). */
const focusedId = (page) => read(page, () => document.activeElement.shadowRoot?.activeElement?.id ?? document.activeElement.id);

/** The list under the verdict: each entry's check, its text, and the field it links to. */
function todoOf(page) {
  return read(page, () => {
    const root = document.querySelector("cluster-check").shadowRoot;
    const text = (el) => el.textContent.replace(/\s+/g, " ").trim();
    return {
      hidden: root.querySelector(".cc-todo").hidden,
      notMet: [...root.querySelectorAll('.cc-todo-block[data-kind="not_met"] li')].map((li) => ({ check: li.dataset.check, text: text(li), target: li.querySelector("a")?.dataset.target })),
      missing: [...root.querySelectorAll('.cc-todo-block[data-kind="missing"] li')].map((li) => li.dataset.field),
      heading: [...root.querySelectorAll(".cc-todo-heading")].map(text),
    };
  });
}

/** The error summary: shown, its heading, its entries (field, code, text). */
function errorSummaryOf(page) {
  return read(page, () => {
    const root = document.querySelector("cluster-check").shadowRoot;
    const box = root.querySelector(".cc-error-summary");
    return {
      hidden: box.hidden,
      heading: box.querySelector(".cc-error-summary-heading").textContent,
      entries: [...box.querySelectorAll("li")].map((li) => ({ field: li.dataset.field, code: li.dataset.code, text: li.textContent, link: Boolean(li.querySelector("a")) })),
    };
  });
}

const NOT_MET_ORDER = ["development_plan", "leading_enterprises", "building_density", "investment_intensity", "revenue", "rd_ratio", "audit_rate", "service_functions"];

describe("what to fix, at a glance", () => {
  test("under the verdict: every check not met with its gap, each a link that moves the focus to its figure", async () => {
    const { page, close } = await open();
    let todo = await todoOf(page);
    assert.equal(todo.hidden, false, "an empty form lists the figures not given yet");
    assert.equal(todo.notMet.length, 0);
    assert.ok(todo.missing.includes("revenue") && todo.missing.includes("defined_area"), JSON.stringify(todo.missing));

    await fill(page, MISSES_SEVERAL);
    todo = await todoOf(page);
    assert.equal(todo.heading[0], "不符合的项目（8 项）");
    assert.deepEqual(todo.notMet.map((e) => e.check), NOT_MET_ORDER, "in the document's order");
    const by = Object.fromEntries(todo.notMet.map((e) => [e.check, e]));
    assert.equal(by.rd_ratio.text, "研发投入比重：研发投入还需增加 280 万元");
    assert.equal(by.revenue.text, "年营业收入：还差 14,000 万元");
    assert.equal(by.leading_enterprises.text, "龙头企业：还差 1 家");
    assert.equal(by.building_density.text, "建筑密度：建筑物基底面积之和还需增加 90 亩", "in the unit the land was given in");
    assert.equal(by.service_functions.text, "公共服务功能：缺产品展销，物流服务");
    assert.equal(by.development_plan.text, "产业发展规划");
    assert.deepEqual(todo.missing, [], "everything is given");

    // Each entry is a link to its figure.
    for (const [check, target] of [["rd_ratio", "cc-f-rd_expense"], ["building_density", "cc-f-building_footprint"], ["development_plan", "cc-f-development_plan-no"], ["audit_rate", "cc-f-audit_completed"]]) {
      await page.click(`.cc-todo li[data-check="${check}"] a`);
      assert.equal(await focusedId(page), target, check);
    }
    await page.click('.cc-todo li[data-check="service_functions"] a');
    assert.match(await focusedId(page), /^cc-f-service_functions-/);
    // From the keyboard too: Enter on the link.
    await page.focus('.cc-todo li[data-check="revenue"] a');
    await page.keyboard.press("Enter");
    assert.equal(await focusedId(page), "cc-f-revenue");
    // The list follows the figures: more R&D meets the ratio, and its entry goes.
    await fill(page, { rd_expense: ["2000", "wan"] });
    assert.ok(!(await todoOf(page)).notMet.some((e) => e.check === "rd_ratio"));

    // English: the same list, the figures named by their labels.
    await page.click("#lang-toggle");
    todo = await todoOf(page);
    assert.equal(todo.heading[0], "Not met (7)");
    assert.equal(Object.fromEntries(todo.notMet.map((e) => [e.check, e.text])).building_density, "Building density: 90 mu more in “Total building footprint”");
    await close();
  });

  test("the error summary: how many figures to correct, each a link to its field; no internal ids on the page", async () => {
    const { page, close } = await open();
    assert.equal((await errorSummaryOf(page)).hidden, true, "no summary without errors");
    await fill(page, { ...MISSES_SEVERAL, revenue: ["-5", "yi"], related_smes: "1 200", leading_enterprises: "2.5" });
    let summary = await errorSummaryOf(page);
    assert.equal(summary.hidden, false);
    assert.equal(summary.heading, "有 3 项数据需要更正");
    assert.deepEqual(summary.entries.map((e) => `${e.field}:${e.code}`), ["leading_enterprises:not_whole", "related_smes:not_a_number", "revenue:negative"], "in the order of the form");
    assert.ok(summary.entries.every((e) => e.link));
    const texts = summary.entries.map((e) => e.text);
    assert.equal(texts[1], "相关联的中小企业数：数字中间不能有空格：请写成 1200 或 1,200", "what exactly to change");
    assert.match(texts[2], /年营业收入不能为负数.*按亿元换算为 -50,000 万元后检查/, "the converted figure is the revenue's, not the year's");
    // The summary sits above the verdict, at the top of the results.
    const order = await read(page, () => {
      const root = document.querySelector("cluster-check").shadowRoot;
      return root.querySelector(".cc-error-summary").compareDocumentPosition(root.querySelector(".cc-verdict")) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    assert.ok(order, "before the verdict");
    // Labels only: none of the figures' keys shows anywhere on the page.
    const shown = await read(page, () => document.querySelector("cluster-check").shadowRoot.querySelector(".cc").innerText);
    assert.doesNotMatch(shown, /revenue_wan|related_smes|leading_enterprises|_wan\b/, "no internal ids on the page");
    // The ids stay in the report handed out.
    assert.ok((await read(page, () => document.querySelector("cluster-check").report.errors.map((e) => e.field))).includes("revenue_wan"));

    await page.click('.cc-error-summary li[data-field="related_smes"] a');
    assert.equal(await focusedId(page), "cc-f-related_smes");
    await page.fill("#cc-f-related_smes", "1200");
    await page.focus("#cc-f-name");
    await page.waitForFunction(() => document.querySelector("cluster-check").shadowRoot.querySelectorAll(".cc-error-summary li").length === 2);
    summary = await errorSummaryOf(page);
    assert.equal(summary.heading, "有 2 项数据需要更正");

    await page.click("#lang-toggle");
    summary = await errorSummaryOf(page);
    assert.equal(summary.heading, "2 figures need correcting");
    assert.match(summary.entries[0].text, /^[A-Z]/, "each entry starts with a capital");
    assert.doesNotMatch(summary.entries.map((e) => e.text).join(" "), /_wan|\(leading_enterprises\)/);
    await runAxe(page, "error summary, English");
    await close();
  });

  test("only the checks not met: the met ones collapse on request, and the count of those hidden is said", async () => {
    const { page, close } = await open();
    await fill(page, MISSES_SEVERAL);
    const visible = () =>
      read(page, () => [...document.querySelector("cluster-check").shadowRoot.querySelectorAll(".cc-check")].filter((li) => li.getClientRects().length > 0).map((li) => li.dataset.status));
    assert.equal((await visible()).length, 14);
    await page.click(".cc-filter");
    assert.equal(await page.getAttribute(".cc-filter", "aria-pressed"), "true");
    const left = await visible();
    assert.deepEqual(left, Array(8).fill("not_met"), "only the 8 checks not met");
    assert.equal(await page.locator(".cc-filter-note").innerText(), "已隐藏 6 项符合的检查。");
    // A condition whose checks are all met goes too.
    const conditions = await read(page, () =>
      [...document.querySelector("cluster-check").shadowRoot.querySelectorAll(".cc-condition")].filter((c) => c.getClientRects().length > 0).map((c) => c.dataset.condition),
    );
    assert.ok(!conditions.includes("public_service") || conditions.length <= 6);
    await runAxe(page, "filtered");
    await page.click(".cc-filter");
    assert.equal((await visible()).length, 14);
    await close();
  });

  for (const lang of ["zh-CN", "en"]) {
    const label = lang === "en" ? "en" : "zh";
    test(`phone (${label}): the first failing check on the first screen of results; the sticky bar counts what is not met and does not cut the verdict`, async () => {
      const { page, close } = await open({ viewport: PHONE_LARGE, lang });
      await fill(page, MISSES_SEVERAL);
      // The bar at the bottom of the screen while the form is in view.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForFunction(() => getComputedStyle(document.querySelector("cluster-check").shadowRoot.querySelector(".cc-jump")).visibility === "visible");
      const bar = await read(page, () => {
        const root = document.querySelector("cluster-check").shadowRoot;
        const jump = root.querySelector(".cc-jump");
        const verdict = root.querySelector(".cc-jump-verdict");
        return { counts: root.querySelector(".cc-jump-counts").textContent, cut: verdict.scrollWidth > verdict.clientWidth + 1, text: verdict.textContent, visible: getComputedStyle(jump).visibility };
      });
      assert.equal(bar.visible, "visible");
      assert.equal(bar.cut, false, `the verdict in the bar is whole: ${bar.text}`);
      assert.equal(bar.counts, lang === "en" ? "8 not met" : "8 项不符合");
      await page.screenshot({ path: `${SCREENSHOTS}/glance-bar-${label}-phone.png` });
      // A long group title sits inside its box, not on its border.
      const legends = await read(page, () =>
        [...document.querySelector("cluster-check").shadowRoot.querySelectorAll(".cc-group")].map((group) => {
          const box = group.getBoundingClientRect();
          const legend = group.querySelector(".cc-group-legend").getBoundingClientRect();
          return { group: group.dataset.group, inside: legend.top >= box.top + 1 && legend.bottom <= box.bottom && legend.right <= box.right };
        }),
      );
      assert.deepEqual(legends.filter((l) => !l.inside), [], "legends inside their boxes");
      // Following the bar: the verdict at the top, the first check not met on the same screen.
      await page.click(".cc-jump");
      await page.waitForFunction(() => {
        const r = document.querySelector("cluster-check").shadowRoot.querySelector(".cc-results").getBoundingClientRect();
        return Math.abs(r.top) < 80;
      });
      const first = await read(page, () => {
        const root = document.querySelector("cluster-check").shadowRoot;
        const rect = root.querySelector(".cc-todo li").getBoundingClientRect();
        return { top: rect.top, bottom: rect.bottom, height: innerHeight };
      });
      assert.ok(first.bottom <= first.height, `the first check not met is on the first screen: ${JSON.stringify(first)}`);
      // With the verdict in view the bar steps aside: never two verdict boxes, one above the other.
      await page.waitForFunction(() => getComputedStyle(document.querySelector("cluster-check").shadowRoot.querySelector(".cc-jump")).visibility === "hidden", null, { timeout: 3000 });
      // At the end of the form, the verdict coming into view: still one.
      await page.evaluate(() => {
        const results = document.querySelector("cluster-check").shadowRoot.querySelector(".cc-results");
        window.scrollTo(0, results.getBoundingClientRect().top + scrollY - innerHeight + 200);
      });
      await page.waitForFunction(() => getComputedStyle(document.querySelector("cluster-check").shadowRoot.querySelector(".cc-jump")).visibility === "hidden", null, { timeout: 3000 });
      await page.screenshot({ path: `${SCREENSHOTS}/glance-results-${label}-phone.png` });
      await runAxe(page, `phone ${label}`);
      await page.setViewportSize(DESKTOP);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${SCREENSHOTS}/glance-results-${label}-desktop.png` });
      await close();
    });
  }
});

describe("the document's words in English", () => {
  test("each citation stays verbatim in Chinese, with the ruleset's English rendering beside it, on screen and on paper", async () => {
    const { page, close } = await open({ lang: "en" });
    await fill(page, MISSES_SEVERAL);
    const { catalog, shown } = await read(page, () => {
      const element = document.querySelector("cluster-check");
      const root = element.shadowRoot;
      const shown = [...root.querySelectorAll(".cc-check")].map((li) => ({
        check: li.dataset.check,
        zh: li.querySelector(".cc-citation q").textContent,
        lang: li.querySelector(".cc-citation q").lang,
        en: li.querySelector(".cc-citation-en")?.textContent ?? null,
        printedZh: root.querySelector(`.cc-print-checks tr[data-check="${li.dataset.check}"] .cc-print-citation`).textContent,
        printedEn: root.querySelector(`.cc-print-checks tr[data-check="${li.dataset.check}"] .cc-print-citation-en`)?.textContent ?? null,
      }));
      return { catalog: element.catalog.conditions.flatMap((c) => c.checks).map((k) => [k.id, k.citation, k.citation_en]), shown };
    });
    assert.equal(shown.length, 14);
    for (const [id, citation, english] of catalog) {
      const check = shown.find((s) => s.check === id);
      assert.ok(english, `${id} has an English rendering in the ruleset`);
      assert.equal(check.zh, citation, `${id}: the document's words, verbatim`);
      assert.equal(check.lang, "zh-CN");
      assert.equal(check.en, ` (in English: ${english})`, id);
      assert.equal(check.printedZh, `“${citation}”`);
      assert.equal(check.printedEn, english);
    }
    // In Chinese, the Chinese alone.
    await page.click("#lang-toggle");
    assert.equal(await page.locator("#app .cc-citation-en").count(), 0);
    await close();
  });
});

describe("the page's tools", () => {
  test("the footer says what each file is for in users' words, not how files are parsed", async () => {
    const { page, close } = await open();
    const footer = () => page.locator(".page-formats").innerText();
    let text = await footer();
    assert.match(text, /“导出数据”把所填数据存为文件.*“打印报告”得到一两页的报告，可存为 PDF.*“导出结果数据（JSON）”供其他系统读取/);
    assert.doesNotMatch(text, /都是 JSON 文件|未知项目|类型不对/, "no developer wording");
    await page.click("#lang-toggle");
    text = await footer();
    assert.match(text, /“Export results \(JSON\)” is for other systems to read/);
    assert.doesNotMatch(text, /are JSON files|wrong type/);
    await close();
  });

  test("on a phone the tools fold into one menu; the toolbar says its arrow keys where the focus arrives", async () => {
    const { page, close } = await open({ viewport: PHONE_LARGE });
    const visibleTools = () => page.locator("#tools .page-button:visible").count();
    assert.equal(await visibleTools(), 0, "folded on a phone");
    assert.equal(await page.getAttribute("#tools-menu", "aria-expanded"), "false");
    const form = await page.evaluate(() => document.querySelector("cluster-check").getBoundingClientRect().top);
    assert.ok(form < 844, `the form starts on the first screen (${form} px)`);
    await page.screenshot({ path: `${SCREENSHOTS}/glance-menu-zh-phone.png` });
    await page.click("#tools-menu");
    assert.equal(await page.getAttribute("#tools-menu", "aria-expanded"), "true");
    assert.equal(await visibleTools(), 6);
    assert.equal(await focusedId(page), "copy-link", "the focus goes to the first tool");
    const hint = await page.evaluate(() => {
      const keys = document.getElementById("tools-keys");
      return { text: keys.textContent, shown: keys.getBoundingClientRect().width > 10, described: document.getElementById("tools").getAttribute("aria-describedby") };
    });
    assert.deepEqual(hint, { text: "用左右方向键在这些按钮之间移动。", shown: true, described: "tools-keys" });
    await page.keyboard.press("ArrowRight");
    assert.equal(await focusedId(page), "export-figures");
    await page.screenshot({ path: `${SCREENSHOTS}/glance-menu-open-zh-phone.png` });
    await runAxe(page, "tools menu open");
    await page.click("#tools-menu");
    assert.equal(await visibleTools(), 0);
    // On a desktop the six are there, no menu.
    await page.setViewportSize(DESKTOP);
    assert.equal(await page.locator("#tools-menu:visible").count(), 0);
    assert.equal(await visibleTools(), 6);
    const hidden = await page.evaluate(() => document.getElementById("tools-keys").getBoundingClientRect().width);
    assert.ok(hidden <= 1, "the key hint is out of sight until the focus arrives");
    await close();
  });

  test("on a phone the document's description is cut to two lines, and a button shows it all (and cuts it again)", async () => {
    const { page, close } = await open({ viewport: PHONE_LARGE });
    const about = () =>
      page.evaluate(() => {
        const p = document.getElementById("about-text");
        const button = document.getElementById("about-more");
        return { lines: Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)), full: p.scrollHeight <= p.clientHeight + 1, expanded: button.getAttribute("aria-expanded"), text: button.textContent, shown: button.getClientRects().length > 0 };
      });
    let seen = await about();
    assert.deepEqual({ lines: seen.lines, full: seen.full, expanded: seen.expanded, text: seen.text, shown: seen.shown }, { lines: 2, full: false, expanded: "false", text: "展开文件说明", shown: true });
    await page.click("#about-more");
    seen = await about();
    assert.ok(seen.lines > 2 && seen.full, JSON.stringify(seen));
    assert.deepEqual([seen.expanded, seen.text], ["true", "收起文件说明"]);
    await runAxe(page, "the description open");
    await page.click("#about-more");
    assert.equal((await about()).lines, 2);
    // On a desktop it is all there, with no button.
    await page.setViewportSize(DESKTOP);
    seen = await about();
    assert.equal(seen.full, true);
    assert.equal(seen.shown, false);
    await close();
  });
});

describe("a slow link", () => {
  test("the page's words are in its HTML, and the first visit's few chunks and the .wasm are named in its head, to load in one level", async () => {
    // Before any script runs: the text is there.
    const context = await state.browser.newContext({ javaScriptEnabled: false });
    const bare = await context.newPage();
    await bare.goto(state.url);
    assert.equal(await bare.locator("h1").innerText(), "中小企业特色产业集群条件自测");
    assert.equal(await bare.locator("#tab-single").innerText(), "单年自测");
    assert.equal(await bare.getAttribute("#tools", "aria-label"), "保存、分享和打印");
    await context.close();

    const { page, close } = await open();
    const loaded = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname));
    const html = await (await fetch(state.url)).text();
    const preloaded = new Set([...html.matchAll(/<link rel="(?:modulepreload|preload)" href="\.\/([^"]+)"/g)].map((m) => `/${m[1]}`));
    const modules = loaded.filter((path) => path.endsWith(".js") && path !== "/main.js");
    // Bundled into a few chunks (scripts/bundle-www.mjs): few requests, each paying the link's latency.
    assert.ok(modules.length >= 3 && modules.length <= 8, JSON.stringify(modules));
    assert.deepEqual(modules.filter((path) => !preloaded.has(path)), [], "every module the first visit loads is preloaded");
    assert.ok(preloaded.has("/pkg/cluster_check_bg.wasm"), "the .wasm is fetched in parallel");
    assert.deepEqual([...preloaded].filter((path) => !loaded.includes(path)), [], "nothing preloaded that the visit does not use");
    await close();
  });
});

describe("what the form reads from what is typed", () => {
  test("a trailing unit of the field switches the unit choice and says so; a year with 年; messages say exactly what to change", async () => {
    const { page, close } = await open();
    await page.fill("#cc-f-revenue", "18.563亿");
    await page.focus("#cc-f-name");
    assert.equal(await page.inputValue("#cc-f-revenue"), "18.563");
    assert.equal(await page.inputValue("#cc-f-revenue-unit"), "yi");
    assert.match(await page.locator("#cc-f-revenue-note").innerText(), /已按所写的单位读取：18\.563亿 → 18\.563 亿元/);
    assert.equal((await read(page, () => document.querySelector("cluster-check").figures)).revenue_wan, "185630", "18.563 亿元 is 185,630 万元");

    await page.fill("#cc-f-land_area", "1200亩");
    await page.focus("#cc-f-name");
    assert.equal(await page.inputValue("#cc-f-land_area"), "1200");
    assert.equal(await page.inputValue("#cc-f-land_area-unit"), "mu");

    await page.fill("#cc-f-year", "2024年");
    await page.focus("#cc-f-name");
    assert.equal(await page.inputValue("#cc-f-year"), "2024");
    assert.equal((await read(page, () => document.querySelector("cluster-check").figures)).year, "2024");

    // What the form cannot read: the message says what to change.
    await page.fill("#cc-f-fixed_investment", "￥185,630");
    await page.fill("#cc-f-related_smes", "1 200");
    await page.fill("#cc-f-leading_enterprises", "两家");
    await page.focus("#cc-f-name");
    const errorText = (key) => page.locator(`#cc-f-${key}-error`).innerText();
    assert.match(await errorText("fixed_investment"), /请去掉“￥”，只填数字：185,630/);
    assert.match(await errorText("related_smes"), /数字中间不能有空格：请写成 1200 或 1,200/);
    const count = await errorText("leading_enterprises");
    assert.match(count, /“两家”不是整数，请填写整数，如 12/);
    assert.doesNotMatch(count, /小数/, "a count's error does not mention decimals");
    await close();
  });

  test("以上均不具备 clears the ticked functions, says which, and can be undone", async () => {
    const { page, close } = await open();
    await fill(page, { service_functions: ["rd_design", "testing"] });
    await page.check("#cc-f-service_functions-none");
    const note = await page.locator("#cc-f-service_functions-note").innerText();
    assert.match(note, /已取消勾选的 2 项：研发设计，检验检测/);
    assert.equal(await page.isChecked("#cc-f-service_functions-rd_design"), false);
    await page.click("#cc-f-service_functions-note .cc-undo");
    assert.equal(await page.isChecked("#cc-f-service_functions-rd_design"), true);
    assert.equal(await page.isChecked("#cc-f-service_functions-testing"), true);
    assert.equal(await page.isChecked("#cc-f-service_functions-none"), false);
    assert.deepEqual((await read(page, () => document.querySelector("cluster-check").figures)).service_functions, ["rd_design", "testing"]);
    await close();
  });
});
