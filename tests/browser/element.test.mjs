// The <cluster-check> element (`cluster-check/element`) in Debian's Chromium, embedded the
// three ways sites embed it, each from the package installed from its tarball:
//   1. examples/element-plain: a plain HTML host, the package's browser files copied into
//      ./cluster-check/ beside the page, served under a deep sub-path, strict CSP;
//   2. examples/element-hostile: the same, on a page with a hostile global stylesheet;
//   3. examples/element-vite: a Vite production build importing "cluster-check/element".
// Each: the element renders the form and the results and is usable (typing in its shadow
// root changes the verdict); setting `figures` fires cluster-check-change with the right
// report and reads back as the form represents it; lang, ruleset and compact work; host
// styles do not change it and its styles do not leak out; no CSP violation, no request off
// the page's path, no error. Screenshots: test-output/screenshots/element-*.png.
//
//   node --test --test-concurrency=1 tests/browser/element.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";
import { evaluate } from "cluster-check";
import { EXAMPLES, OUT, SCREENSHOTS, assertViteOutput, buildVite, copyPackageBrowserFiles, serveFolder, useBrowser, visitPage } from "./support.mjs";

const RED = "rgb(255, 0, 0)";

const ALL_FUNCTIONS = ["rd_design", "testing", "training", "consulting", "ip", "financing", "exhibition", "logistics"];

/** Meets every condition; numbers and text mixed as a host would pass them. */
const MEETS_ALL = {
  name: "示例集群",
  year: 2024,
  defined_area: true,
  coordination_body: true,
  development_plan: true,
  policy_support: true,
  leading_enterprises: 3,
  related_smes: 45,
  land_area_ha: "120",
  building_footprint_ha: "66",
  fixed_investment_wan: "150000",
  revenue_wan: 226247,
  leading_industry_revenue_wan: "160000",
  rd_expense_wan: 2262.47,
  audit_required: 4,
  audit_completed: 4,
  service_functions: [...ALL_FUNCTIONS].reverse(),
  provincial_platform: true,
  startup_base: false,
};

/** MEETS_ALL as the form represents it: numbers as their decimal text, functions in order. */
const MEETS_ALL_READ_BACK = {
  ...MEETS_ALL,
  year: "2024",
  leading_enterprises: "3",
  related_smes: "45",
  revenue_wan: "226247",
  rd_expense_wan: "2262.47",
  audit_required: "4",
  audit_completed: "4",
  service_functions: ALL_FUNCTIONS,
};

/**
 * Misses several checks, in 亩, with what a form cannot show: a misspelt field, a question
 * answered with text, a blank and a null (not given), a number in exponent form.
 */
const MISSES_SEVERAL = {
  defined_area: true,
  development_plan: false,
  policy_support: "yes",
  leading_enterprises: 1,
  related_smes: "26",
  land_area_mu: "1800",
  building_footprint_mu: 810,
  fixed_investment_wan: 9.5e4,
  revenue_wan: "186,000",
  rd_expense_wan: "1580",
  audit_required: 4,
  audit_completed: "3",
  service_functions: ["testing", "rd_design", "ip"],
  startup_base: null,
  provincial_platform: "  ",
  reveune_wan: 5,
};

const MISSES_SEVERAL_READ_BACK = {
  defined_area: true,
  development_plan: false,
  policy_support: "yes", // not true/false: kept as given, the engine says wrong_type
  leading_enterprises: "1",
  related_smes: "26",
  land_area_mu: "1800",
  building_footprint_mu: "810",
  fixed_investment_wan: "95000",
  revenue_wan: "186,000",
  rd_expense_wan: "1580",
  audit_required: "4",
  audit_completed: "3",
  service_functions: ["rd_design", "testing", "ip"],
  reveune_wan: 5, // misspelt: kept as given, the engine says unknown_field
};

const EXPECTED_MISSES = {
  defined_area: "met",
  coordination_body: "missing",
  development_plan: "not_met",
  policy_support: "invalid",
  leading_enterprises: "not_met",
  related_smes: "met",
  building_density: "not_met",
  investment_intensity: "not_met",
  revenue: "not_met",
  leading_industry_share: "missing",
  rd_ratio: "not_met",
  audit_rate: "not_met",
  service_functions: "not_met",
  platform_or_base: "missing",
};

useBrowser();

/** The page is ready when the element has given its first report. */
const reported = () => document.querySelector("cluster-check")?.report !== null && document.querySelector("cluster-check")?.report !== undefined;

/** An example folder with the installed package's browser files copied into ./cluster-check/. */
async function staticSite(example) {
  const site = join(OUT, example);
  await rm(site, { recursive: true, force: true });
  await cp(join(EXAMPLES, example), site, { recursive: true });
  await copyPackageBrowserFiles(join(site, "cluster-check"));
  return site;
}

/** What the element shows, read from its shadow root. */
function readElement(page) {
  return page.evaluate(() => {
    const host = document.querySelector("cluster-check");
    const root = host.shadowRoot;
    const text = (el) => el?.textContent.replace(/\s+/g, " ").trim() ?? null;
    return {
      ready: root.querySelector(".cc")?.dataset.ready,
      lang: root.querySelector(".cc")?.lang,
      layout: root.querySelector(".cc")?.dataset.layout ?? null,
      inputs: root.querySelectorAll("input").length,
      status: root.querySelector(".cc-verdict")?.dataset.status,
      verdict: text(root.querySelector(".cc-verdict-text")),
      checks: Object.fromEntries([...root.querySelectorAll(".cc-check")].map((li) => [li.dataset.check, li.dataset.status])),
      generalErrors: [...root.querySelectorAll(".cc-error-summary li:not([data-field])")].map((li) => li.dataset.code),
    };
  });
}

/** Sets `figures` in the page; returns the events seen (on the document), the figures read back and the report. */
function setFigures(page, figures) {
  return page.evaluate((figures) => {
    const host = document.querySelector("cluster-check");
    const events = [];
    const record = (event) =>
      events.push({
        target: event.target.localName,
        bubbles: event.bubbles,
        composed: event.composed,
        isReport: event.detail === host.report,
        status: event.detail.status,
        eligible: event.detail.eligible,
        tier: event.detail.tier,
        checks: Object.fromEntries(event.detail.conditions.flatMap((c) => c.checks).map((c) => [c.id, c.status])),
        gaps: Object.fromEntries(event.detail.conditions.flatMap((c) => c.checks).map((c) => [c.id, c.gap])),
        errors: event.detail.errors.map((e) => [e.field, e.code]),
      });
    document.addEventListener("cluster-check-change", record);
    try {
      host.figures = figures;
    } finally {
      document.removeEventListener("cluster-check-change", record);
    }
    return { events, readBack: host.figures };
  }, figures);
}

const checkStatuses = (report) => Object.fromEntries(report.conditions.flatMap((c) => c.checks).map((c) => [c.id, c.status]));

/**
 * The element, as any host uses it. `label` names the screenshot: of the element, or with
 * `wholePage`, of the page around it too.
 */
async function exercise(page, label, { wholePage = false } = {}) {
  // It renders the whole form and the results, in an open shadow root.
  let shown = await readElement(page);
  assert.equal(shown.ready, "true");
  assert.ok(shown.inputs >= 30, `the form has its inputs (${shown.inputs})`);
  assert.equal(Object.keys(shown.checks).length, 14);
  assert.equal(shown.status, "incomplete");

  // Typing into an input inside the shadow root updates the verdict.
  const input = page.locator("cluster-check #cc-f-revenue");
  assert.equal(await input.isVisible(), true, "the revenue input is visible");
  await input.fill("226247");
  await page.locator("cluster-check #cc-f-rd_expense").fill("2262.47");
  shown = await readElement(page);
  assert.equal(shown.checks.revenue, "met");
  assert.equal(shown.checks.rd_ratio, "met", "exactly 1%");
  // And the other way round: one hundredth less is not met, as typed.
  await page.locator("cluster-check #cc-f-rd_expense").fill("2262.46");
  assert.equal((await readElement(page)).checks.rd_ratio, "not_met");

  // Setting figures: one event, bubbling out of the shadow root to the document, with the report.
  let { events, readBack } = await setFigures(page, MEETS_ALL);
  assert.equal(events.length, 1, `one cluster-check-change per evaluation: ${JSON.stringify(events)}`);
  let [event] = events;
  assert.equal(event.target, "cluster-check");
  assert.equal(event.bubbles, true);
  assert.equal(event.composed, true);
  assert.equal(event.isReport, true, "detail is the element's report");
  assert.equal(event.status, "met");
  assert.equal(event.eligible, true);
  assert.equal(event.tier, "over_20yi");
  for (const [id, status] of Object.entries(event.checks)) assert.equal(status, "met", id);
  assert.deepEqual(event.errors, []);
  assert.deepEqual(readBack, MEETS_ALL_READ_BACK, "figures read back as the form represents them");
  assert.deepEqual(checkStatuses(evaluate(readBack)), event.checks, "the same report as evaluate() in Node");
  shown = await readElement(page);
  assert.equal(shown.status, "met");
  // The form shows what was set.
  assert.equal(await page.locator("cluster-check #cc-f-revenue").inputValue(), "226247");
  assert.equal(await page.locator("cluster-check #cc-f-revenue-unit").inputValue(), "wan");
  assert.equal(await page.locator("cluster-check #cc-f-year").inputValue(), "2024");
  assert.equal(await page.locator("cluster-check #cc-f-defined_area-yes").isChecked(), true);
  assert.equal(await page.locator("cluster-check #cc-f-startup_base-no").isChecked(), true);
  assert.equal(await page.locator("cluster-check #cc-f-service_functions-logistics").isChecked(), true);

  ({ events, readBack } = await setFigures(page, MISSES_SEVERAL));
  assert.equal(events.length, 1);
  [event] = events;
  assert.equal(event.status, "not_met");
  assert.equal(event.tier, null);
  assert.deepEqual(event.checks, EXPECTED_MISSES);
  assert.equal(event.gaps.rd_ratio, "280", "280 万元 more R&D");
  assert.equal(event.gaps.building_density, "90", "90 亩 more footprint, in the unit given");
  assert.deepEqual(
    event.errors.map(([field, code]) => `${field}:${code}`).sort(),
    ["policy_support:wrong_type", "reveune_wan:unknown_field"],
  );
  assert.deepEqual(readBack, MISSES_SEVERAL_READ_BACK);
  const inNode = evaluate(MISSES_SEVERAL);
  assert.deepEqual(checkStatuses(inNode), event.checks, "the same verdicts as evaluate() of the figures as given");
  assert.equal(inNode.status, event.status);
  assert.equal(await page.locator("cluster-check #cc-f-land_area-unit").inputValue(), "mu");
  assert.equal(await page.locator("cluster-check #cc-f-fixed_investment").inputValue(), "95000");
  shown = await readElement(page);
  assert.deepEqual(shown.checks, EXPECTED_MISSES);
  assert.deepEqual(shown.generalErrors, ["unknown_field"], "an error the form has no field for is listed with the results");
  assert.equal(await page.locator("cluster-check #cc-f-policy_support-error").isVisible(), true, "the wrong type shows beside its question");
  // Answering the question replaces the figure the form could not show.
  await page.locator("cluster-check #cc-f-policy_support-yes").check();
  assert.equal((await page.evaluate(() => document.querySelector("cluster-check").figures)).policy_support, true);
  assert.equal((await readElement(page)).checks.policy_support, "met");

  // ruleset: sent as the figure; an unknown one shows the engine's error, every check invalid.
  let result = await page.evaluate(() => {
    const host = document.querySelector("cluster-check");
    const events = [];
    host.addEventListener("cluster-check-change", (event) => events.push(event.detail.errors.map((e) => e.code)), { once: true });
    host.setAttribute("ruleset", "no-such-ruleset");
    return { events, ruleset: host.figures.ruleset, property: host.ruleset };
  });
  assert.equal(result.events.length, 1, "an event for the new evaluation");
  assert.ok(result.events[0].includes("unknown_ruleset"), JSON.stringify(result.events));
  assert.equal(result.ruleset, "no-such-ruleset");
  assert.equal(result.property, "no-such-ruleset");
  shown = await readElement(page);
  assert.ok(Object.values(shown.checks).every((status) => status === "invalid"), JSON.stringify(shown.checks));
  assert.ok(shown.generalErrors.includes("unknown_ruleset"));
  assert.match(await page.locator("cluster-check .cc-error-summary").innerText(), /no-such-ruleset/, "listed in the error summary at the top of the results");
  await page.evaluate(() => document.querySelector("cluster-check").setAttribute("ruleset", "henan-2014"));
  assert.equal((await readElement(page)).checks.policy_support, "met", "the named default ruleset works");
  result = await page.evaluate(() => {
    const host = document.querySelector("cluster-check");
    host.ruleset = null;
    return { attribute: host.getAttribute("ruleset"), figure: "ruleset" in host.figures };
  });
  assert.deepEqual(result, { attribute: null, figure: false });

  // lang switches live, keeping what was entered.
  for (const [lang, words, normalized] of [
    ["en", /Does not meet the conditions/, "en"],
    ["zh", /不符合创建条件/, "zh-CN"],
  ]) {
    await page.evaluate((lang) => document.querySelector("cluster-check").setAttribute("lang", lang), lang);
    shown = await readElement(page);
    assert.match(shown.verdict, words, lang);
    assert.equal(shown.lang, normalized);
    assert.equal(await page.locator("cluster-check #cc-f-related_smes").inputValue(), "26");
  }

  // Styles: the element's inputs are visible and in its own colours; it styles nothing outside.
  const look = await page.evaluate(() => {
    const root = document.querySelector("cluster-check").shadowRoot;
    const inputs = [...root.querySelectorAll("input, select")];
    return {
      hidden: inputs.filter((el) => getComputedStyle(el).display === "none" || el.getBoundingClientRect().width === 0).map((el) => el.id),
      red: [...root.querySelectorAll("*")].filter((el) => getComputedStyle(el).color === "rgb(255, 0, 0)").map((el) => el.className || el.localName),
      inputColor: getComputedStyle(root.getElementById("cc-f-revenue")).color,
      textColor: getComputedStyle(root.querySelector(".cc-explanation")).color,
      documentSheets: [...document.styleSheets].map((sheet) => sheet.href && new URL(sheet.href).pathname.split("/").pop()),
      documentAdopted: document.adoptedStyleSheets.length,
      shadowAdopted: root.adoptedStyleSheets.length,
      styleElements: document.querySelectorAll("style").length + root.querySelectorAll("style, link").length,
      styleAttributes: document.querySelectorAll("[style]").length + root.querySelectorAll("[style]").length,
    };
  });
  assert.deepEqual(look.hidden, [], "hidden inputs");
  assert.deepEqual(look.red, [], "elements of the element in red");
  assert.notEqual(look.inputColor, RED);
  assert.equal(look.textColor, "rgb(27, 31, 36)", "the default text colour");
  assert.equal(look.documentAdopted, 0, "nothing adopted by the host document");
  assert.equal(look.shadowAdopted, 1, "one constructed stylesheet in the shadow root");
  assert.equal(look.styleElements, 0, "no <style> or <link> added");
  assert.equal(look.styleAttributes, 0, "no style attribute anywhere");
  assert.ok(!look.documentSheets.includes(null), `no stylesheet without a file in the document: ${JSON.stringify(look.documentSheets)}`);

  await screenshot(page, join(SCREENSHOTS, `element-${label}.png`), { wholePage });
}

/**
 * A screenshot with the sticky parts (the verdict, the result bar) where they sit in the
 * flow: the viewport is made as tall as the page first, then put back.
 */
async function screenshot(page, path, { wholePage = false } = {}) {
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  await page.evaluate(() => {
    document.querySelector("cluster-check").shadowRoot.activeElement?.blur();
    window.scrollTo(0, 0);
  });
  if (wholePage) await page.screenshot({ path, fullPage: true });
  else await page.locator("cluster-check").screenshot({ path });
  await page.setViewportSize(viewport);
}

/** Compact: the results first, in one column, for a narrow column. */
async function exerciseCompact(page) {
  const geometry = () =>
    page.evaluate(() => {
      const root = document.querySelector("cluster-check").shadowRoot;
      const box = (sel) => root.querySelector(sel).getBoundingClientRect();
      const order = [...root.querySelector(".cc").children].map((el) => el.className.split(" ")[0]);
      return { results: box(".cc-results"), form: box(".cc-form"), jump: getComputedStyle(root.querySelector(".cc-jump")), order };
    });
  let g = await geometry();
  assert.ok(g.results.left > g.form.left, "wide: results beside the form");
  await page.evaluate(() => (document.querySelector("cluster-check").compact = true));
  g = await geometry();
  assert.deepEqual(g.order, ["cc-results", "cc-jump", "cc-form"], "compact: results first in reading order");
  assert.ok(g.results.bottom <= g.form.top, "compact: results above the form, one column, even when wide");
  assert.equal(Math.round(g.results.width), Math.round(g.form.width));
  assert.equal((await readElement(page)).layout, "compact");
  await page.evaluate(() => document.querySelector("cluster-check").removeAttribute("compact"));
  g = await geometry();
  assert.deepEqual(g.order, ["cc-form", "cc-jump", "cc-results"]);
  assert.ok(g.results.left > g.form.left);
}

test("a plain HTML host: the package's browser files under a sub-path, strict CSP", async () => {
  const site = await staticSite("element-plain");
  const base = await serveFolder(site, "/portal/tools/cluster-check/");
  await visitPage(base, { ready: reported, wasm: `${base}cluster-check/cluster_check_bg.wasm` }, async ({ page }) => {
    // The host's own listener saw the first report.
    assert.equal(await page.locator("#host-verdict").getAttribute("data-status"), "incomplete");
    await exercise(page, "plain");
    assert.match(await page.locator("#host-verdict").innerText(), /自测结论：/, "the host's listener follows the element");
    await exerciseCompact(page);

    // The element styles nothing of the host: the host's paragraph keeps its own colour and font.
    const host = await page.evaluate(() => {
      const p = getComputedStyle(document.getElementById("host-intro"));
      return { color: p.color, font: p.fontFamily, size: p.fontSize, margin: p.marginTop };
    });
    assert.equal(host.color, "rgb(51, 51, 51)");
    assert.match(host.font, /Microsoft YaHei/);
    assert.equal(host.size, "15px");

    // Theming through the documented custom properties, set by the host on the element.
    const themed = await page.evaluate(() => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync("cluster-check { --cluster-check-accent: rgb(122, 31, 31); --cluster-check-radius: 0px; --cluster-check-font: serif; --cluster-check-met: rgb(0, 90, 0); }");
      document.adoptedStyleSheets = [sheet];
      const root = document.querySelector("cluster-check").shadowRoot;
      const style = (sel) => getComputedStyle(root.querySelector(sel));
      const result = {
        heading: style(".cc-heading").color,
        radius: style(".cc-group").borderTopLeftRadius,
        inputRadius: style(".cc-input").borderTopLeftRadius,
        font: style(".cc").fontFamily,
        met: style('.cc-badge[data-status="met"]').color,
      };
      document.adoptedStyleSheets = [];
      result.after = style(".cc-heading").color;
      result.afterRadius = style(".cc-group").borderTopLeftRadius;
      return result;
    });
    assert.deepEqual(themed, {
      heading: "rgb(122, 31, 31)",
      radius: "0px",
      inputRadius: "0px",
      font: "serif",
      met: "rgb(0, 90, 0)",
      after: "rgb(11, 61, 145)",
      afterRadius: "6px",
    });
  });

  // In a narrow column (a phone, or a portal's side column): compact, results first, no overflow.
  await visitPage(base, { ready: reported, viewport: { width: 400, height: 900 } }, async (narrow) => {
    await narrow.page.evaluate(() => {
      const host = document.querySelector("cluster-check");
      host.compact = true;
      host.figures = { revenue_wan: "186000", rd_expense_wan: "1580", defined_area: true, development_plan: false, leading_enterprises: 3 };
    });
    const layout = await narrow.page.evaluate(() => {
      const root = document.querySelector("cluster-check").shadowRoot;
      return {
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        width: document.querySelector("cluster-check").getBoundingClientRect().width,
        verdictTop: root.querySelector(".cc-verdict").getBoundingClientRect().top,
        formTop: root.querySelector(".cc-form").getBoundingClientRect().top,
      };
    });
    assert.equal(layout.overflow, 0, "horizontal overflow");
    assert.ok(layout.width <= 360, `a narrow column (${layout.width}px)`);
    assert.ok(layout.verdictTop < layout.formTop, "the verdict before the form");
    assert.equal((await readElement(narrow.page)).status, "not_met");
    // While the form is filled in, the bar with the verdict sticks to the top; it leads back up.
    await narrow.page.locator("cluster-check #cc-f-audit_required").fill("4");
    const bar = await narrow.page.evaluate(() => {
      const root = document.querySelector("cluster-check").shadowRoot;
      return { top: root.querySelector(".cc-jump").getBoundingClientRect().top, text: root.querySelector(".cc-jump-verdict").textContent };
    });
    assert.equal(Math.round(bar.top), 0, "the verdict bar sticks to the top of the window");
    assert.equal(bar.text, "不符合创建条件");
    await narrow.page.locator("cluster-check .cc-jump").click();
    const heading = await narrow.page.evaluate(() => {
      const root = document.querySelector("cluster-check").shadowRoot;
      return { top: root.querySelector(".cc-results .cc-heading").getBoundingClientRect().top, focused: root.activeElement?.id };
    });
    assert.ok(Math.abs(heading.top) < 2, `the bar leads back to the results (${heading.top})`);
    assert.equal(heading.focused, "cc-results-heading");
    await screenshot(narrow.page, join(SCREENSHOTS, "element-compact.png"));
  });
});

test("lifecycle: created by script, figures before connection or definition, moved, removed and added again", async () => {
  const site = await staticSite("element-plain");
  const base = await serveFolder(site, "/lifecycle/");
  await visitPage(base, { ready: reported }, async (loaded) => {
    const result = await loaded.page.evaluate(async () => {
      const events = [];
      const record = (event) => events.push([event.target.id, event.detail.status, event.detail.tier]);
      document.addEventListener("cluster-check-change", record);
      const tick = () => new Promise((done) => setTimeout(done, 0));
      const main = document.querySelector("main");

      // Created by script: figures set before it is in the page are there when it is.
      const made = document.createElement("cluster-check");
      made.id = "made";
      made.setAttribute("lang", "en");
      made.figures = { revenue_wan: 1000001 };
      const beforeConnection = made.figures;
      main.append(made);
      await tick();
      const connected = { verdict: made.shadowRoot.querySelector(".cc-verdict-text").textContent, tier: made.report?.tier };

      // Moved within the page: still the same form, nothing lost.
      const input = made.shadowRoot.getElementById("cc-f-revenue");
      main.prepend(made);
      await tick();
      const moved = { sameInput: made.shadowRoot.getElementById("cc-f-revenue") === input, revenue: made.figures.revenue_wan };

      // Removed, then added again later: it lets go of its form and comes back with its figures.
      made.remove();
      await tick();
      const removed = { children: made.shadowRoot.childElementCount, report: made.report };
      main.append(made);
      await tick();
      const again = { revenue: made.figures.revenue_wan, value: made.shadowRoot.getElementById("cc-f-revenue").value, status: made.report?.status };

      // A value set on the element before its module defined it: an element of a document
      // without custom elements stays un-upgraded until it is put in the page.
      const upgradeLater = document.implementation.createHTMLDocument("").createElement("cluster-check");
      upgradeLater.id = "early";
      const notYet = upgradeLater.constructor === HTMLElement;
      upgradeLater.figures = { leading_enterprises: 3 };
      main.append(upgradeLater);
      await tick();
      const upgraded = { notYet, figures: upgradeLater.figures, own: Object.hasOwn(upgradeLater, "figures"), check: upgradeLater.report?.conditions[1].checks[0].status };

      // As a flex item (its width comes from its box, not its content) it still fills the row.
      const row = document.createElement("div");
      row.style.display = "flex"; // CSSOM, which a style-src policy allows
      const flexItem = document.createElement("cluster-check");
      row.append(flexItem);
      main.append(row);
      await tick();
      const flexWidth = flexItem.getBoundingClientRect().width / row.getBoundingClientRect().width;
      row.remove();

      // Wrong input: a clear TypeError, nothing changed.
      let thrown = null;
      try {
        made.figures = [1, 2];
      } catch (error) {
        thrown = `${error.name}: ${error.message}`;
      }
      made.figures = null;
      document.removeEventListener("cluster-check-change", record);
      return { beforeConnection, connected, moved, removed, again, upgraded, flexWidth, thrown, cleared: made.figures, events };
    });
    assert.deepEqual(result.beforeConnection, { revenue_wan: "1000001" });
    assert.deepEqual(result.connected, { verdict: "Incomplete", tier: "over_100yi" });
    assert.deepEqual(result.moved, { sameInput: true, revenue: "1000001" });
    assert.deepEqual(result.removed, { children: 0, report: null });
    assert.deepEqual(result.again, { revenue: "1000001", value: "1000001", status: "incomplete" });
    assert.deepEqual(result.upgraded, { notYet: true, figures: { leading_enterprises: "3" }, own: false, check: "met" });
    assert.equal(result.flexWidth, 1, "a flex item fills its row");
    assert.match(result.thrown, /^TypeError: <cluster-check>: figures must be an object/);
    assert.deepEqual(result.cleared, {});
    assert.ok(result.events.some(([id, status, tier]) => id === "made" && status === "incomplete" && tier === "over_100yi"), JSON.stringify(result.events));
  });
});

test("a host with a hostile global stylesheet: the element is untouched, the host keeps its rules", async () => {
  const site = await staticSite("element-hostile");
  const base = await serveFolder(site, "/a/hostile/portal/");
  await visitPage(base, { ready: reported, wasm: `${base}cluster-check/cluster_check_bg.wasm` }, async ({ page }) => {
    // The hostile sheet is in force on the host's own elements…
    const host = await page.evaluate(() => ({
      input: getComputedStyle(document.getElementById("host-input")).display,
      color: getComputedStyle(document.getElementById("host-note")).color,
      elementColor: getComputedStyle(document.querySelector("cluster-check")).color,
    }));
    assert.deepEqual(host, { input: "none", color: "rgb(255, 0, 0)", elementColor: "rgb(255, 0, 0)" }, "the hostile stylesheet applies to the host");

    // …and changes nothing inside the element: every element of the shadow tree has the
    // same computed style with the hostile stylesheet as without it.
    // Taken at the top of the page once the layout has settled: the bar that steps aside while
    // the verdict is in view follows the scroll, which the host's own layout changes.
    const snapshot = () =>
      page.evaluate(async () => {
        window.scrollTo(0, 0);
        for (let i = 0; i < 3; i++) await new Promise(requestAnimationFrame);
        const PROPERTIES = [
          "display", "visibility", "color", "background-color", "font-family", "font-size", "font-style", "font-weight",
          "letter-spacing", "word-spacing", "line-height", "text-transform", "text-align", "text-indent", "white-space",
          "direction", "cursor", "box-sizing", "float", "margin-top", "margin-left", "padding-top", "padding-left",
          "border-top-width", "border-top-style", "border-top-color", "width", "height",
        ];
        const root = document.querySelector("cluster-check").shadowRoot;
        return [...root.querySelectorAll("*")].map((el) => {
          const style = getComputedStyle(el);
          return `${el.localName}.${el.className}#${el.id}: ${PROPERTIES.map((p) => `${p}=${style.getPropertyValue(p)}`).join("; ")}`;
        });
      });
    await setFigures(page, MISSES_SEVERAL);
    const hostile = await snapshot();
    await page.evaluate(() => {
      for (const sheet of document.styleSheets) sheet.disabled = true;
    });
    const clean = await snapshot();
    await page.evaluate(() => {
      for (const sheet of document.styleSheets) sheet.disabled = false;
    });
    assert.equal(hostile.length, clean.length);
    assert.ok(hostile.length > 500, `the whole shadow tree is compared (${hostile.length} elements)`);
    const differences = hostile.filter((line, i) => line !== clean[i]);
    assert.deepEqual(differences.slice(0, 5), [], `${differences.length} elements styled differently under the hostile stylesheet`);

    await setFigures(page, {});
    // The hostile page runs right to left and overflows sideways (its own text is `pre`): a
    // screenshot of the whole page shows the host in its state and the element intact in it.
    await exercise(page, "hostile", { wholePage: true });
    assert.equal(
      await page.locator("#host-verdict").getAttribute("data-status"),
      await page.evaluate(() => document.querySelector("cluster-check").report.status),
      "the host's listener follows the element",
    );
    assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById("host-input")).display), "none", "the element did not undo the host's rules");
  });
});

test("a Vite production build importing cluster-check/element, under a sub-path", async () => {
  const outDir = join(OUT, "element-vite");
  const emitted = await buildVite(join(EXAMPLES, "element-vite"), outDir);
  const wasm = await assertViteOutput(outDir, emitted);
  for (const name of emitted.filter((n) => n.endsWith(".css"))) {
    assert.doesNotMatch(await readFile(join(outDir, name), "utf8"), /\.cc-|cluster-check-accent:\s*var/, `${name}: the element's styles leaked into a global stylesheet`);
  }
  assert.ok(emitted.filter((n) => n.endsWith(".js")).length >= 2, "the engine is a chunk of its own, loaded when the element connects");

  const base = await serveFolder(outDir, "/apps/vite/cluster-check/");
  await visitPage(base, { ready: reported, wasm: `${base}${wasm}` }, async ({ page }) => {
    // The app's own button presets the figures; its listener shows the verdict.
    await page.click("#example");
    assert.equal(await page.locator("#summary").innerText(), "status: met · tier: over_20yi");
    const shown = await readElement(page);
    assert.equal(shown.status, "met");
    assert.equal(shown.lang, "en");
    // Themed by the app's stylesheet through the documented custom properties.
    assert.equal(await page.locator("cluster-check .cc-heading").first().evaluate((el) => getComputedStyle(el).color), "rgb(15, 82, 87)");
    await page.screenshot({ path: join(SCREENSHOTS, "element-vite-page.png") });
    await setFigures(page, {});
    await exercise(page, "vite");
  });
});

test("element.d.ts: the element, its figures and its event are typed; a misspelt figure does not compile", async () => {
  const dir = join(OUT, "element-types");
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const good = `import "cluster-check/element";
import type { ClusterCheckElement } from "cluster-check/element";
import type { Figures, Report } from "cluster-check";

const element: ClusterCheckElement | null = document.querySelector("cluster-check");
const created: ClusterCheckElement = document.createElement("cluster-check");
created.figures = { revenue_wan: "226247", rd_expense_wan: 2262.47, defined_area: true };
const figures: Figures = created.figures;
created.figures = null;
created.compact = true;
created.ruleset = "henan-2014";
const report: Report | null = created.report;
element?.addEventListener("cluster-check-change", (event) => {
  const status: "met" | "not_met" | "incomplete" = event.detail.status;
  console.log(status, figures, report);
});
document.addEventListener("cluster-check-change", (event) => console.log(event.detail.tier));
`;
  const bad = `import "cluster-check/element";
const element = document.createElement("cluster-check");
element.figures = { revenue_wna: "226247" };
element.addEventListener("cluster-check-change", (event) => console.log(event.detail.verdict));
`;
  await writeFile(join(dir, "good.ts"), good);
  await writeFile(join(dir, "bad.ts"), bad);
  const diagnose = (file, moduleResolution, module) => {
    const program = ts.createProgram([join(dir, file)], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module,
      moduleResolution,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      types: [],
      skipLibCheck: false,
    });
    return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? d.file.fileName.split("/").pop() : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  };
  for (const [resolution, module] of [
    [ts.ModuleResolutionKind.Bundler, ts.ModuleKind.ESNext],
    [ts.ModuleResolutionKind.NodeNext, ts.ModuleKind.NodeNext],
  ]) {
    assert.deepEqual(diagnose("good.ts", resolution, module), [], `good.ts (${ts.ModuleResolutionKind[resolution]})`);
    const errors = diagnose("bad.ts", resolution, module);
    assert.ok(errors.some((e) => /revenue_wna/.test(e)), `the misspelt figure is an error: ${errors}`);
    assert.ok(errors.some((e) => /verdict/.test(e)), `detail is a Report: ${errors}`);
  }
});
