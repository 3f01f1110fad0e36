// Keeping, sharing and filing an assessment on the page (dist/www), and the element's
// warnings beside their fields:
//   - the pure modules behind them (www/share.js, www/figures-file.js, www/compare.js) in Node;
//   - the draft: a reload restores everything entered; "clear" removes it (with an undo);
//   - the share link: the figures in the fragment, never sent to the server, restored exactly;
//     a damaged, tampered or foreign link is refused with a message and applies nothing;
//   - files: export and import the figures (a broken file is refused per field, nothing
//     applied; bad figures of the right type are loaded and shown beside their fields);
//     the report downloaded as JSON; print;
//   - a warning (a usable figure that looks like the wrong unit) beside its field.
//
//   node --test --test-concurrency=1 tests/browser/keep-share.test.mjs
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { evaluate } from "cluster-check";
import { SHARE_VERSION, crc32, decodeShare, encodeShare, fromBase64Url, toBase64Url } from "../../dist/www/share.js";
import { figuresProblems, parseJson, shapeOf } from "../../dist/www/figures-file.js";
import { compareReports, yearOf } from "../../dist/www/compare.js";
import { PAGE_TEXT } from "../../dist/www/page-text.js";
import { CJK, MEETS_ALL, SCREENSHOTS, chooseFile, downloadOf, figuresOf, fill, formOf, messageOf, openPage, resultsOf, runAxe, usePage, waitReady } from "./page-support.mjs";

/** Exercises what typed text can be: 亿元 and 亩, separators, full-width digits, "none of these", symbols. */
const TRICKY = {
  name: "测试 #集群?&=/% “引号” <b>",
  year: "２０２４",
  defined_area: "yes",
  coordination_body: "no",
  policy_support: "yes",
  leading_enterprises: "3",
  related_smes: "1,024",
  land_area: ["1800.5", "mu"],
  building_footprint: ["９００", "mu"],
  fixed_investment: ["12.3456789", "yi"],
  revenue: ["300,000.25", "wan"],
  rd_expense: ["abc", "wan"],
  audit_required: "0",
  service_functions: "none",
  startup_base: "yes",
};

const FIGURES = { name: "甲", year: "2016", revenue_wan: "300,000.5", land_area_mu: "１５０", defined_area: true, service_functions: [] };

// ---------------------------------------------------------------------- pure modules

describe("the share link codec (www/share.js)", () => {
  test("CRC-32 and base64url are the standard ones; base64url decoding is strict", () => {
    assert.equal(crc32(new TextEncoder().encode("123456789")), "cbf43926");
    assert.equal(crc32(new Uint8Array()), "00000000");
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 11) & 0xff);
    for (let n = 0; n < 8; n++) assert.deepEqual(fromBase64Url(toBase64Url(bytes.subarray(0, n))), bytes.subarray(0, n));
    assert.deepEqual(fromBase64Url(toBase64Url(bytes)), bytes);
    assert.equal(toBase64Url(Uint8Array.of(0xfb, 0xff)), "-_8");
    for (const bad of ["AQ==", "A+B/", "A", "AB C", "AR", "ä"]) assert.equal(fromBase64Url(bad), null, bad);
  });

  test("a link round-trips one year and two years exactly, with the units typed in, and is versioned", async () => {
    const later = { figures: { ...FIGURES, year: 2018, rd_expense_wan: 12.5 }, units: { revenue: "yi", rd_expense: "wan" } };
    for (const years of [[{ figures: FIGURES, units: {} }], [{ figures: FIGURES, units: { fixed_investment: "yi" } }, later], [{ figures: {}, units: {} }]]) {
      const hash = await encodeShare(years);
      assert.match(hash, new RegExp(`^#${SHARE_VERSION}\\.[A-Za-z0-9_-]+\\.[0-9a-f]{8}$`));
      // 万元 is the default: it is not written, and reads back as nothing to change.
      const expected = years.map(({ figures, units }) => ({ figures, units: Object.fromEntries(Object.entries(units).filter(([, unit]) => unit !== "wan")) }));
      assert.deepEqual(await decodeShare(hash), { ok: true, years: expected });
      assert.deepEqual(await decodeShare(hash.slice(1)), { ok: true, years: expected }, "without the #");
    }
    await assert.rejects(encodeShare([]), TypeError);
    await assert.rejects(encodeShare([{}, {}, {}]), TypeError);
    await assert.rejects(encodeShare([FIGURES.name]), TypeError);
  });

  test("every damaged link is refused: each character changed, each truncation, the check, the version", async () => {
    const hash = await encodeShare([{ figures: FIGURES }, { figures: { ...FIGURES, year: "2018" }, units: { revenue: "yi" } }]);
    const [, data, check] = hash.split(".");
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (let i = 0; i < data.length; i++) {
      const other = alphabet[(alphabet.indexOf(data[i]) + 1 + (i % 60)) % 64];
      const tampered = `#v1.${data.slice(0, i)}${other}${data.slice(i + 1)}.${check}`;
      const result = await decodeShare(tampered);
      assert.equal(result.ok, false, `character ${i} changed`);
    }
    for (let cut = 1; cut < hash.length; cut++) assert.equal((await decodeShare(hash.slice(0, cut))).ok, false, `cut at ${cut}`);
    assert.deepEqual(await decodeShare(`#v1.${data}.${check.replace(/^./, (c) => (c === "0" ? "1" : "0"))}`), { ok: false, reason: "damaged" });
    assert.deepEqual(await decodeShare(`#v1.${data}.${check.toUpperCase()}x`), { ok: false, reason: "damaged" });
    assert.deepEqual(await decodeShare(`#v2.${data}.${check}`), { ok: false, reason: "version", version: "v2" });
    assert.deepEqual(await decodeShare(`#v1.${data}.${check}.extra`), { ok: false, reason: "damaged" });
    assert.deepEqual(await decodeShare(`#v1.${data}=.${check}`), { ok: false, reason: "damaged" });
    for (const junk of ["#", "#results", "#v1", "#v1.", "#v1..", "#%E4%B8%AD", "#v1.ab\u0000.00000000"]) {
      assert.equal((await decodeShare(junk)).ok, false, junk);
    }
  });

  test("an intact link that does not hold one or two years { figures, units } is refused", async () => {
    const forge = async (value) => {
      const json = new TextEncoder().encode(JSON.stringify(value));
      const data = new Uint8Array(await new Response(new Blob([json]).stream().pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer());
      return `#v1.${toBase64Url(data)}.${crc32(data)}`;
    };
    assert.equal((await decodeShare(await forge([{ figures: FIGURES, units: { revenue: "yi" } }]))).ok, true, "the forger writes real links");
    const year = { figures: FIGURES };
    for (const value of [
      FIGURES,
      [FIGURES],
      year,
      [],
      [year, year, year],
      [null],
      [[year]],
      [{ figures: [] }],
      [{ ...year, notes: "x" }],
      [{ ...year, units: { revenue: "kg" } }],
      [{ ...year, units: { name: "yi" } }],
      [{ ...year, units: [] }],
      "text",
      5,
    ]) {
      assert.deepEqual(await decodeShare(await forge(value)), { ok: false, reason: "shape" }, JSON.stringify(value));
    }
    // Intact data that is not deflate: refused.
    const notDeflate = Uint8Array.of(0xff, 0xff, 0xff, 0xff);
    assert.deepEqual(await decodeShare(`#v1.${toBase64Url(notDeflate)}.${crc32(notDeflate)}`), { ok: false, reason: "damaged" });
    // A deflate bomb (with a right check) is cut off, not inflated into memory: too large.
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const bomb = new Uint8Array(await new Response(new Blob([zeros]).stream().pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer());
    assert.deepEqual(await decodeShare(`#v1.${toBase64Url(bomb)}.${crc32(bomb)}`), { ok: false, reason: "tooLarge" });
  });
});

describe("figures from a file (www/figures-file.js) and the re-review comparison (www/compare.js)", () => {
  test("the import rule: structure and types refuse, out-of-range values load", () => {
    const problems = (figures) => figuresProblems(figures, evaluate).map((p) => `${p.field}:${p.code}`);
    assert.deepEqual(problems({}), []);
    assert.deepEqual(problems(FIGURES), []);
    // Wrong type, unknown field, unknown value, unknown ruleset: refused, each named.
    assert.deepEqual(problems({ reveune_wan: 5 }), ["reveune_wan:unknown_field"]);
    assert.deepEqual(problems({ defined_area: "yes", revenue_wan: true, name: 5 }).sort(), ["defined_area:wrong_type", "name:wrong_type", "revenue_wan:wrong_type"]);
    assert.deepEqual(problems({ service_functions: ["ip", "teleport"] }), ["service_functions:unknown_value"]);
    assert.deepEqual(problems({ service_functions: "ip" }), ["service_functions:wrong_type"]);
    assert.deepEqual(problems({ ruleset: "henan-2030" }), ["ruleset:unknown_ruleset"]);
    assert.deepEqual(problems(JSON.parse('{"__proto__": {"revenue_wan": 1}}')), ["__proto__:unknown_field"]);
    assert.deepEqual(problems([]), ["null:wrong_type"]);
    // Right type, unusable value: loaded, for the form to show beside the field.
    assert.deepEqual(problems({ revenue_wan: -5, rd_expense_wan: "abc", year: "2024.5", land_area_ha: 1, land_area_mu: 2, audit_required: 1, audit_completed: 2 }), []);
    // Messages in both languages.
    const [problem] = figuresProblems({ reveune_wan: 5 }, evaluate);
    assert.match(problem.message.zh, /reveune_wan/);
    assert.match(problem.message.en, /reveune_wan/);
  });

  test("JSON is read as written; the shape says one year or two", () => {
    assert.deepEqual(parseJson('{"revenue_wan": 0.1, "year": 2024}'), { ok: true, value: { revenue_wan: 0.1, year: 2024 } });
    assert.equal(parseJson("{revenue_wan: 1}").ok, false);
    assert.equal(parseJson("").ok, false);
    assert.deepEqual(parseJson("{").error, { kind: "end", line: 1, column: 2 });
    assert.equal(shapeOf({}), "single");
    assert.equal(shapeOf([{}]), "single");
    assert.equal(shapeOf([{}, {}]), "pair");
    for (const value of [[], [{}, {}, {}], [{}, 1], null, 5, "x", [[]]]) assert.equal(shapeOf(value), null, JSON.stringify(value));
  });

  test("compareReports lists the checks whose status changed, in order; the later year decides", () => {
    const earlier = evaluate({ revenue_wan: 226247, rd_expense_wan: 2262.47, related_smes: 25, defined_area: true });
    const later = evaluate({ revenue_wan: 226247, rd_expense_wan: 2000, related_smes: 25, defined_area: false, leading_enterprises: 2 });
    const { changes, verdict } = compareReports(earlier, later);
    assert.deepEqual(
      changes.map((c) => [c.id, c.clause, c.from, c.to]),
      [
        ["defined_area", "三（一）", "met", "not_met"],
        ["leading_enterprises", "三（二）", "missing", "met"],
        ["rd_ratio", "三（四）", "met", "not_met"],
      ],
    );
    const rd = changes.find((c) => c.id === "rd_ratio");
    assert.equal(rd.fromValue, "1");
    assert.equal(rd.toValue, "0.8839");
    assert.equal(rd.unit, "%");
    assert.equal(rd.title.zh, earlier.conditions[3].checks[0].title.zh);
    assert.equal(verdict, "lose");
    assert.equal(compareReports(later, earlier).verdict, "undetermined");
    assert.equal(compareReports(null, null).verdict, "waiting");
    assert.deepEqual(compareReports(null, later).changes, []);
    assert.deepEqual(compareReports(earlier, earlier).changes, []);
    assert.equal(yearOf({ year: " 2016 " }), "2016");
    assert.equal(yearOf({ year: 2016 }), "2016");
    assert.equal(yearOf({}), "");
  });

  test("the page's texts have the same keys in both languages, and no Chinese in English but the document's own words", () => {
    assert.deepEqual(Object.keys(PAGE_TEXT.en).sort(), Object.keys(PAGE_TEXT["zh-CN"]).sort());
    for (const [key, text] of Object.entries(PAGE_TEXT.en)) {
      if (key === "page.toggle") continue;
      assert.doesNotMatch(text.replace(/豫工信企业〔2014〕196号|三|予以摘牌/g, ""), CJK, key);
    }
  });
});

// ---------------------------------------------------------------------- the page

const state = usePage({ before, after });
const DRAFT_KEY = "cluster-check.draft";

describe("keep: the draft", () => {
  test("a reload restores everything entered, with a note that it stays on this device; clear removes it", async () => {
    const { page, close } = await openPage(state);
    const note = await page.textContent("#draft-note");
    assert.match(note, /只在这台设备上/);
    assert.equal(await page.isVisible("#draft-note"), true);
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), DRAFT_KEY), null, "nothing saved before anything is entered");

    await fill(page, TRICKY);
    const figures = await figuresOf(page);
    const form = await formOf(page);
    const saved = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), DRAFT_KEY));
    assert.deepEqual(
      saved.single,
      { figures, units: { building_footprint: "mu", fixed_investment: "yi", land_area: "mu" } },
      "the draft holds the figures as the form does, and the units chosen (those not the field's first)",
    );

    await page.reload();
    await waitReady(page);
    assert.deepEqual(await figuresOf(page), figures);
    assert.deepEqual(await formOf(page), form, "every input, unit, radio and box as it was");
    const restored = await messageOf(page);
    assert.equal(restored.kind, "status");
    assert.match(restored.text, /已恢复本设备上保存的数据/);
    assert.equal((await resultsOf(page)).checks.rd_ratio, "invalid", "the engine's verdicts are back too");

    // Clear: the storage is empty, the form is empty, and the reload stays empty.
    await page.click("#clear-draft");
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), DRAFT_KEY), null);
    assert.deepEqual(await figuresOf(page), {});
    assert.equal(await page.inputValue("#cc-f-name"), "");
    const cleared = await messageOf(page);
    assert.match(cleared.text, /已清除本机保存的数据/);
    assert.equal(cleared.undo, true);
    // Undo brings it back (and saves it again); clearing again removes it for good.
    await page.click("#undo");
    assert.deepEqual(await figuresOf(page), figures);
    await page.waitForFunction((key) => localStorage.getItem(key) !== null, DRAFT_KEY);
    await page.click("#clear-draft");
    await page.reload();
    await waitReady(page);
    assert.deepEqual(await figuresOf(page), {});
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), DRAFT_KEY), null);
    assert.equal(await messageOf(page), null, "nothing to restore, nothing said");
    await close();
  });
});

describe("share: the link", () => {
  test("copy link puts the figures in the fragment; opening it restores the form exactly, and the server never sees them", async () => {
    const first = await openPage(state, { clipboard: true });
    await fill(first.page, TRICKY);
    const figures = await figuresOf(first.page);
    const form = await formOf(first.page);
    await first.page.click("#copy-link");
    await first.page.waitForSelector("#share-link");
    const message = await messageOf(first.page);
    assert.match(message.text, /链接已复制/);
    const link = message.link;
    assert.equal(await first.page.evaluate(() => navigator.clipboard.readText()), link, "the clipboard holds the link shown");
    const url = new URL(link);
    assert.equal(url.search, "", "never in the query string");
    assert.equal(`${url.origin}${url.pathname}`, state.url);
    assert.match(url.hash, /^#v1\.[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
    assert.ok(link.length < 1200, `compact: ${link.length} characters`);
    await first.close();

    const requestsBefore = state.requests.length;
    const second = await openPage(state, { path: url.hash });
    await second.page.waitForSelector("#page-status:not(:empty)"); // the link is read after the page loads
    assert.deepEqual(await figuresOf(second.page), figures, "the same figures");
    assert.deepEqual(await formOf(second.page), form, "the same form, units, radios and boxes");
    assert.match((await messageOf(second.page)).text, /已打开链接中的数据/);
    assert.equal(await second.page.evaluate(() => location.hash), "", "the figures moved from the address to the draft");
    const asked = state.requests.slice(requestsBefore);
    assert.ok(asked.length > 0);
    for (const path of asked) assert.doesNotMatch(path, /v1\.|#|%23|name=|revenue/, "the server was sent figures");
    // A reload keeps them (from the draft now), with what was changed since.
    await fill(second.page, { related_smes: "20" });
    await second.page.reload();
    await waitReady(second.page);
    assert.deepEqual(await figuresOf(second.page), { ...figures, related_smes: "20" });
    await second.close();
  });

  test("a link opened over other saved figures replaces them with an undo; a link pasted into an open page works too", async () => {
    const hash = await encodeShare([{ figures: { revenue_wan: "250000", defined_area: true } }]);
    const { page, close } = await openPage(state);
    await fill(page, { revenue: ["99", "wan"] });
    await page.evaluate((hash) => {
      location.hash = hash;
    }, hash);
    await page.waitForFunction(() => document.getElementById("app").figures.revenue_wan === "250000");
    const message = await messageOf(page);
    assert.match(message.text, /本机原先保存的数据已被替换/);
    assert.equal(message.undo, true);
    await page.click("#undo");
    assert.deepEqual(await figuresOf(page), { revenue_wan: "99" });
    await close();
  });

  test("a damaged or tampered link is refused with a message and applies nothing", async () => {
    const good = await encodeShare([{ figures: { revenue_wan: "250000", defined_area: true } }]);
    const tamperedData = good.replace(/^(#v1\.)(.)/, (_, prefix, c) => prefix + (c === "A" ? "B" : "A"));
    const [, data] = good.split(".");
    const wrongCheck = `#v1.${data}.00000000`;
    // Intact and with a right check, but not figures of the interface: refused per field.
    const forged = await encodeShare([{ figures: { reveune_wan: 5, defined_area: "yes" } }]);

    for (const [hash, words] of [
      [tamperedData, /链接不完整或已被改动/],
      [wrongCheck, /链接不完整或已被改动/],
      [good.slice(0, -5), /链接不完整或已被改动/],
      [good.replace("#v1.", "#v7."), /链接的格式（v7）本页不认识/],
      [forged, /reveune_wan/],
    ]) {
      // Something saved on this device before: it must survive the bad link.
      const { page, close } = await openPage(state, {
        path: hash,
        storage: { [DRAFT_KEY]: JSON.stringify({ version: 1, saved: new Date().toISOString(), single: { figures: { revenue_wan: "123" } }, review: [] }) },
      });
      await page.waitForSelector("#page-alert:not(:empty)");
      const message = await messageOf(page);
      assert.equal(message.kind, "alert", hash);
      assert.equal(message.role, "alert");
      assert.match(message.text, /这个链接无法打开，没有做任何更改/);
      assert.match(message.items.map((i) => i.text).join("\n"), words, hash);
      assert.deepEqual(await figuresOf(page), { revenue_wan: "123" }, "nothing from the link was applied");
      assert.equal(JSON.parse(await page.evaluate((key) => localStorage.getItem(key), DRAFT_KEY)).single.figures.revenue_wan, "123");
      if (hash === forged) {
        assert.deepEqual(message.items.map((i) => i.field).sort(), ["defined_area", "reveune_wan"], "one line per field");
      }
      await close();
    }

    // In English, in English.
    const { page, close } = await openPage(state, { lang: "en", path: good.replace("#v1.", "#v7."), ready: "#app" });
    await page.waitForSelector("#page-alert:not(:empty)");
    const message = await messageOf(page);
    assert.match(message.text, /This link cannot be opened; nothing was changed/);
    assert.match(message.items[0].text, /format \(v7\) is unknown/);
    await close();
  });
});

describe("share: without a clipboard", () => {
  test("where the clipboard cannot be written (an intranet on plain http), the link is selected and focused for Ctrl+C", async () => {
    const { page, close } = await openPage(state, {
      prepare: (context) => context.addInitScript(() => {
        Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined });
      }),
    });
    await fill(page, { revenue: ["22", "yi"] });
    await page.click("#copy-link");
    await page.waitForSelector("#share-link");
    assert.match((await messageOf(page)).text, /未能自动复制，请手动复制下面的链接/);
    const selected = await page.evaluate(() => {
      const input = document.getElementById("share-link");
      return { focused: document.activeElement === input, all: input.selectionStart === 0 && input.selectionEnd === input.value.length, length: input.value.length };
    });
    assert.deepEqual(selected, { focused: true, all: true, length: selected.length }, "the whole link selected, with the focus on it");
    assert.ok(selected.length > 20);
    assert.equal(await page.locator("#link-export").count(), 0, "over http the link works: no export offered");
    await close();
  });
});

describe("files: figures and report as JSON, print", () => {
  test("export, then import: the same figures; the report downloads as the element's report", async () => {
    const { page, close } = await openPage(state);
    await fill(page, { ...MEETS_ALL, name: "导出测试" });
    const figures = await figuresOf(page);
    const exported = await downloadOf(page, () => page.click("#export-figures"));
    assert.equal(exported.name, "cluster-check-figures-2014.json");
    assert.deepEqual(JSON.parse(exported.text), figures, "the file is the interface's Figures object");

    const report = await downloadOf(page, () => page.click("#download-report"));
    assert.equal(report.name, "cluster-check-report-2014.json");
    const fromFile = JSON.parse(report.text);
    assert.deepEqual(fromFile, await page.evaluate(() => JSON.parse(JSON.stringify(document.getElementById("app").report))));
    assert.equal(fromFile.status, "met");
    assert.deepEqual(fromFile, JSON.parse(JSON.stringify(evaluate(figures, { plan: true }))), "the same report as the engine's, with the plan the element asks for");
    assert.equal(await page.locator("#download-report").innerText(), "导出结果数据（JSON）", "the JSON is named for what it is");

    // The results file brought back as figures: said so in one line, and nothing changes.
    const before = await figuresOf(page);
    await chooseFile(page, () => page.click("#import-figures"), { name: report.name, content: report.text });
    await page.waitForSelector("#page-alert:not(:empty)");
    const refused = await messageOf(page);
    assert.match(refused.text, /未能导入 cluster-check-report-2014\.json，没有做任何更改/);
    assert.deepEqual(refused.items.map((item) => item.text), ["这是报告文件（“导出结果数据”得到的结果），不是数据文件：请导入用“导出数据”保存的文件。"], "one line, not a list of unknown fields");
    assert.deepEqual(await figuresOf(page), before);

    await page.click("#clear-draft");
    assert.deepEqual(await figuresOf(page), {});
    await chooseFile(page, () => page.click("#import-figures"), { name: exported.name, content: exported.text });
    await page.waitForFunction(() => document.getElementById("app").figures.name === "导出测试");
    assert.deepEqual(await figuresOf(page), figures);
    assert.match((await messageOf(page)).text, /已导入 cluster-check-figures-2014\.json。/);
    assert.equal((await resultsOf(page)).status, "met");
    await close();
  });

  test("a broken file is refused, per field and in the user's language, and changes nothing", async () => {
    const { page, close } = await openPage(state);
    await fill(page, { revenue: ["22.6247", "yi"], defined_area: "yes" });
    const figures = await figuresOf(page);
    const form = await formOf(page);
    const cases = [
      ["not-json.json", '{"revenue_wan": 1,', [/不是有效的 JSON 文件/]],
      ["list.json", "[1, 2, 3]", [/文件应是一个数据对象/]],
      ["three.json", "[{}, {}, {}]", [/文件应是一个数据对象/]],
      ["text.json", '"revenue"', [/文件应是一个数据对象/]],
      [
        "bad-fields.json",
        JSON.stringify({ revenue_wan: true, reveune_wan: 5, defined_area: "yes", service_functions: ["ip", "teleport"], rd_expense_wan: 100 }),
        [/revenue_wan/, /reveune_wan/, /defined_area/, /teleport/],
      ],
      ["pair.json", JSON.stringify([{ year: 2014 }, { year: "2016", startup_base: "no" }]), [/2016年 · 复核年度：.*startup_base/]],
    ];
    for (const [name, content, words] of cases) {
      await chooseFile(page, () => page.click("#import-figures"), { name, content });
      await page.waitForFunction((name) => document.getElementById("page-alert").textContent.includes(name), name);
      const message = await messageOf(page);
      assert.equal(message.kind, "alert", name);
      assert.equal(message.text, `未能导入 ${name}，没有做任何更改：`);
      const items = message.items.map((i) => i.text).join("\n");
      for (const pattern of words) assert.match(items, pattern, name);
      assert.deepEqual(await figuresOf(page), figures, `${name}: figures changed`);
      assert.deepEqual(await formOf(page), form, `${name}: form changed`);
      assert.equal(await page.evaluate(() => document.body.dataset.mode), "single", `${name}: mode changed`);
      if (name === "bad-fields.json") {
        assert.deepEqual(message.items.map((i) => i.field).sort(), ["defined_area", "revenue_wan", "reveune_wan", "service_functions"], "one line per field, none for the good one");
      }
    }
    // In English.
    await page.click("#lang-toggle");
    const message = await messageOf(page);
    assert.equal(message.text, "pair.json was not imported; nothing was changed:");
    assert.match(message.items[0].text, /^2016 · Re-review year: startup_base/);
    assert.doesNotMatch(message.items[0].text, CJK);
    await close();
  });

  test("figures of the right type but unusable are loaded and shown beside their fields; undo puts back the form", async () => {
    const { page, close } = await openPage(state);
    await fill(page, { name: "原来的" });
    await chooseFile(page, () => page.click("#import-figures"), {
      name: "needs-fixing.json",
      // Written by hand: JSON.stringify would round the long number to a double.
      content: '{"name": "导入的", "revenue_wan": -5, "rd_expense_wan": "abc", "related_smes": 25, "land_area_ha": 123456789012.123456}',
    });
    await page.waitForFunction(() => document.getElementById("app").figures.name === "导入的");
    assert.match((await messageOf(page)).text, /其中有数据需要更正，已在对应项目旁标出/);
    const results = await resultsOf(page);
    assert.equal(results.checks.revenue, "invalid");
    assert.equal(results.checks.related_smes, "met");
    assert.equal(await page.isVisible("#app #cc-f-revenue-error"), true);
    assert.match(await page.textContent("#app #cc-f-revenue-error"), /不能为负数/);
    assert.match(await page.textContent("#app #cc-f-rd_expense-error"), /不是有效的数字/);
    // A number with more digits than a double holds is kept as written.
    assert.equal(await page.inputValue("#app #cc-f-land_area"), "123456789012.123456");
    await page.click("#undo");
    assert.deepEqual(await figuresOf(page), { name: "原来的" });
    await close();
  });

  test("print: the button prints; the tools and messages are not on paper", async () => {
    const { page, close } = await openPage(state);
    await page.evaluate(() => {
      window.__printed = 0;
      window.print = () => (window.__printed += 1);
    });
    await page.click("#print");
    assert.equal(await page.evaluate(() => window.__printed), 1);
    await page.click("#copy-link");
    await page.waitForSelector("#page-status:not(:empty)");
    await page.emulateMedia({ media: "print" });
    const shown = await page.evaluate(() => ["#modes", "#tools", "#draft-note", "#page-status"].map((sel) => document.querySelector(sel).getClientRects().length > 0));
    assert.deepEqual(shown, [false, false, false, false]);
    await close();
  });
});

describe("keyboard and accessibility of the page's tools", () => {
  test("the modes are tabs and the tools a toolbar: one Tab stop each, arrows move; axe finds nothing", async () => {
    const { page, close } = await openPage(state);
    await page.focus("#tab-single");
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.evaluate(() => document.activeElement.id), "tab-review");
    assert.equal(await page.getAttribute("#tab-review", "aria-selected"), "true");
    assert.equal(await page.isVisible("#panel-review"), true);
    assert.equal(await page.isVisible("#panel-single"), false);
    await page.keyboard.press("Home");
    assert.equal(await page.getAttribute("#tab-single", "aria-selected"), "true");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "copy-link");
    await page.keyboard.press("End");
    assert.equal(await page.evaluate(() => document.activeElement.id), "clear-draft");
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.evaluate(() => document.activeElement.id), "copy-link", "wraps around");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "roster-summary", "one Tab leaves the toolbar for the roster part above the form");
    await page.keyboard.press("Tab");
    const next = await page.evaluate(() => {
      let el = document.activeElement;
      while (el.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el.id;
    });
    assert.equal(next, "cc-f-name", "and the next one goes to the form");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "clear-draft", "Tab comes back to the tool last used");
    await page.click("#copy-link");
    await page.waitForSelector("#share-link");
    await runAxe(page, "with a message and the link");
    await close();
  });
});

describe("warnings: a usable figure in the wrong unit, beside its field", () => {
  test("revenue typed in 元 instead of 万元: an amber note tied to the field, not an error", async () => {
    const { page, close } = await openPage(state);
    await fill(page, { revenue: ["2000000000", "wan"], rd_expense: ["-1", "wan"] });
    const look = await page.evaluate(() => {
      const root = document.getElementById("app").shadowRoot;
      const input = root.getElementById("cc-f-revenue");
      const warning = root.getElementById("cc-f-revenue-warning");
      const error = root.getElementById("cc-f-rd_expense-error");
      const style = getComputedStyle(warning);
      return {
        visible: !warning.hidden && warning.getBoundingClientRect().height > 0,
        besideField: warning.closest("[data-field]")?.dataset.field,
        describedBy: input.getAttribute("aria-describedby").split(" "),
        invalid: input.getAttribute("aria-invalid"),
        text: warning.textContent,
        codes: [...warning.querySelectorAll("[data-code]")].map((e) => e.dataset.code),
        icon: warning.querySelector(".cc-warning-icon").textContent,
        iconShape: getComputedStyle(warning.querySelector(".cc-warning-icon")).clipPath,
        errorIconShape: getComputedStyle(error.querySelector(".cc-error-icon")).borderRadius,
        border: style.borderLeftColor,
        errorBorder: getComputedStyle(error).borderLeftColor,
        errorShown: !root.getElementById("cc-f-revenue-error").hidden,
        resultsBlock: root.querySelector('.cc-issue-block[data-kind="warnings"]')?.textContent ?? null,
      };
    });
    assert.equal(look.visible, true);
    assert.equal(look.besideField, "revenue");
    assert.ok(look.describedBy.includes("cc-f-revenue-warning"), "aria-describedby names the warning");
    assert.equal(look.invalid, null, "a warning does not make the field invalid");
    assert.equal(look.errorShown, false);
    assert.deepEqual(look.codes, ["implausible"]);
    assert.match(look.text, /^!请核对（不影响计算）：年营业收入为 2,000,000,000 万元.*大得不合常理/, "the field named by its label alone on the page");
    assert.equal(look.icon, "!");
    assert.match(look.iconShape, /polygon/, "a triangle, not the error's circle");
    assert.notEqual(look.border, look.errorBorder, "amber, not the error's red");
    assert.match(look.resultsBlock, /大得不合常理/, "also listed with the results (and so on paper)");
    const results = await resultsOf(page);
    assert.equal(results.checks.revenue, "met", "the figure is still used");
    await page.locator('#app [data-group="competitiveness"]').screenshot({ path: `${SCREENSHOTS}/warning-beside-field.png` });
    await page.locator('#app [data-group="innovation"]').screenshot({ path: `${SCREENSHOTS}/error-beside-field.png` });

    // In 亿元, the message's 万元 is explained; in English, in English.
    await fill(page, { revenue: ["200000", "yi"] });
    assert.match(await page.textContent("#app #cc-f-revenue-warning"), /按亿元换算为 2,000,000,000 万元后检查/);
    await page.click("#lang-toggle");
    const english = await page.textContent("#app #cc-f-revenue-warning");
    assert.match(english, /^!Please check \(the figure is still used\): annual operating revenue is 2,000,000,000 wan yuan/);
    assert.doesNotMatch(english, /revenue_wan/, "labels only on the page");
    assert.doesNotMatch(english.replace(/wan yuan|yi yuan/g, ""), CJK);
    await runAxe(page, "warning shown");

    // Corrected: gone, and no longer described.
    await fill(page, { revenue: ["20", "yi"] });
    const fixed = await page.evaluate(() => {
      const root = document.getElementById("app").shadowRoot;
      return { hidden: root.getElementById("cc-f-revenue-warning").hidden, describedBy: root.getElementById("cc-f-revenue").getAttribute("aria-describedby") };
    });
    assert.equal(fixed.hidden, true);
    assert.doesNotMatch(fixed.describedBy, /warning/);
    await close();
  });
});
