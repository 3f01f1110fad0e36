// The page with more than one document (dist/www): the chooser, the national 2022 ruleset
// (miit-2022-core) as a user meets it — three years of output, the guidance bound on the
// area, the scope beside the verdict, the sections not assessed — and what a switch keeps.
//
//   node --test --test-concurrency=1 tests/browser/document.test.mjs
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { PHONE, SCREENSHOTS, figuresOf, fill, fullPageScreenshot, openPage, resultsOf, runAxe, usePage, waitReady } from "./page-support.mjs";

const state = usePage({ before, after });

/** A cluster that meets every indicator of sections 一 and 二 and the preamble. */
const NATIONAL = {
  year: "2024",
  "output-0": "400000",
  "output-1": "440000",
  "output-2": "484000.01",
  sme_output: "350000",
  leading_industry_output: "340000",
  area: ["9000", "ha"],
  top_enterprises: "0",
  certified_smes: "10",
};

/** Chooses a document in the page's chooser, and waits for its form. */
async function choose(page, id) {
  await page.selectOption("#document-select", id);
  await page.waitForFunction((id) => {
    const el = document.querySelector("#app");
    return el.catalog?.id === id && el.shadowRoot.querySelector('.cc[data-ready="true"] .cc-form [data-field]');
  }, id);
}

/** The words of the scope block beside the verdict, and the sections it lists. */
function scopeOf(page) {
  return page.evaluate(() => {
    const block = document.querySelector("#app").shadowRoot.querySelector(".cc-scope");
    return block ? { text: block.textContent, items: [...block.querySelectorAll("li")].map((li) => li.textContent) } : null;
  });
}

describe("the document chooser", () => {
  test("it lists both documents, Henan 2014 first; the national one brings its own form, verdict words and scope", async () => {
    const { page, close } = await openPage(state);
    const options = await page.$$eval("#document-select option", (list) => list.map((o) => [o.value, o.textContent]));
    assert.deepEqual(
      options.map(([value]) => value),
      ["henan-2014", "miit-2022-core"],
    );
    assert.match(options[1][1], /国家 2022.*工信部企业〔2022〕119号/);
    assert.equal(await scopeOf(page), null, "Henan's verdict covers all it encodes: no scope block");

    await choose(page, "miit-2022-core");
    assert.match(await page.textContent("#page-document"), /中小企业特色产业集群认定标准（2022年版）.*工信部企业〔2022〕119号.*工业和信息化部.*2022-09-13/);
    assert.match(await page.textContent("#about-text"), /认定三年后复核/);
    assert.equal(await page.textContent("#tab-review"), "复核对比", "the re-review is the document's own");

    const empty = await resultsOf(page);
    assert.deepEqual(Object.keys(empty.checks), ["output_each_year", "sme_output_share", "leading_industry_share", "output_growth", "area", "quality_smes", "no_major_incidents"]);
    assert.equal(empty.verdict, "信息不完整");

    const scope = await scopeOf(page);
    assert.match(scope.text, /不等于符合国家认定标准/);
    assert.deepEqual(
      scope.items.map((item) => item.slice(0, 2)),
      ["三、", "四、", "五、", "六、", "七、", "八、"],
      "the sections not assessed are listed by their headings",
    );

    // Three years of output, labelled with the years before the latest one.
    await fill(page, { year: "2024" });
    const labels = await page.$$eval("#app .cc-field-years .cc-year-label", (list) => list.map((l) => l.textContent));
    assert.deepEqual(labels, ["2022年", "2023年", "2024年"]);

    await fill(page, NATIONAL);
    await page.check("#app #cc-f-no_major_incidents-yes");
    const met = await resultsOf(page);
    assert.equal(met.status, "met", JSON.stringify(met));
    assert.equal(met.verdict, "达到所列量化指标", "never 符合国家标准: only the indicators listed");
    assert.deepEqual(await figuresOf(page), {
      ruleset: "miit-2022-core",
      year: "2024",
      output_wan_2022: "400000",
      output_wan_2023: "440000",
      output_wan_2024: "484000.01",
      sme_output_wan: "350000",
      leading_industry_output_wan: "340000",
      area_ha: "9000",
      top_enterprises: "0",
      certified_smes: "10",
      no_major_incidents: true,
    });
    await runAxe(page, "national document, zh");
    await fullPageScreenshot(page, `${SCREENSHOTS}/document-national-zh-desktop.png`);

    await page.click("#lang-toggle");
    assert.equal((await resultsOf(page)).verdict, "Meets the indicators listed");
    assert.equal(await page.textContent("#tab-review"), "Re-review");
    await close();
  });

  test("growth exactly 10% is not 高于10%; the area past 100 km² is guidance: met, with a warning beside the field", async () => {
    const { page, close } = await openPage(state, { viewport: PHONE, lang: "en" });
    await choose(page, "miit-2022-core");
    await fill(page, { ...NATIONAL, "output-2": "484000", area: ["150001", "mu"] });
    const results = await resultsOf(page);
    assert.equal(results.checks.output_growth, "not_met", "484000 ÷ 400000 = 1.21: exactly 10% a year");
    assert.equal(results.checks.area, "met");
    const warning = await page.evaluate(() => document.querySelector("#app").shadowRoot.querySelector('[data-field="area"] .cc-warning')?.textContent ?? "");
    assert.match(warning, /150,001 mu.*past 150,000 mu.*guidance/);
    const growth = await page.evaluate(() => document.querySelector("#app").shadowRoot.querySelector('.cc-check[data-check="output_growth"]').textContent);
    assert.match(growth, /10%/);
    await runAxe(page, "national document, en, phone");
    await fullPageScreenshot(page, `${SCREENSHOTS}/document-national-en-phone.png`);
    // Nothing sticks out of the form on a phone: the three year boxes fit.
    const overflow = await page.evaluate(() => {
      const root = document.querySelector("#app").shadowRoot;
      const box = root.querySelector('[data-field="output"]').getBoundingClientRect();
      return [...root.querySelectorAll('[data-field="output"] input')].filter((input) => input.getBoundingClientRect().right > box.right + 0.5).length;
    });
    assert.equal(overflow, 0, "a year box overflows its fieldset");
    await close();
  });

  test("a switch back keeps what was typed for each document; a reload keeps the document and its figures", async () => {
    const { page, close } = await openPage(state);
    await fill(page, { name: "甲集群", revenue: ["250000", "wan"] });
    await choose(page, "miit-2022-core");
    assert.equal(await page.inputValue("#app #cc-f-name"), "甲集群", "the name is a figure both documents share");
    await fill(page, { "output-2": "500000", year: "2024" });
    await choose(page, "henan-2014");
    assert.equal(await page.inputValue("#app #cc-f-revenue"), "250000");
    assert.equal((await figuresOf(page)).ruleset, undefined, "the default document's figures name none");
    await choose(page, "miit-2022-core");
    assert.equal(await page.inputValue("#app #cc-f-output-2"), "500000");

    await page.reload();
    await waitReady(page);
    await page.waitForFunction(() => document.querySelector("#app").catalog?.id === "miit-2022-core");
    assert.equal(await page.inputValue("#document-select"), "miit-2022-core");
    const figures = await figuresOf(page);
    assert.equal(figures.ruleset, "miit-2022-core");
    assert.equal(figures.output_wan_2024, "500000");
    assert.equal(figures.name, "甲集群");
    await close();
  });
});
