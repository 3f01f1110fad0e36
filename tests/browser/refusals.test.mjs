// What the page refuses, and how it says so, for input of any size and shape:
//   - a figures object with more keys than a ruleset's figures can have is refused before
//     the engine sees it (a 1 MiB file of 109,656 keys is refused at once, not after 20 s),
//     and a refusal lists at most a few problems and says how many more there are;
//   - JSON that is not valid is reported with its line and column, in the page's language;
//     JSON nested 100,000 levels deep is reported the same way, without a stack overflow;
//   - a share link that inflates past its limit is too large, not "damaged";
//   - an unknown field in a refusal is worded as refused, never as "ignored".
//
//   node --test --test-concurrency=1 tests/browser/refusals.test.mjs
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { evaluate } from "cluster-check";
// The page's own list of the figures' keys, as built (it reads the element's fields).
import { figureKeys } from "../../dist/www/figure-keys.js";
import { MAX_DEPTH, MAX_LISTED, figuresProblems, parseJson } from "../../dist/www/figures-file.js";
import { crc32, decodeShare, toBase64Url } from "../../dist/www/share.js";
import { CJK, PHONE_LARGE, chooseFile, figuresOf, fill, messageOf, openPage, topScreenshots, usePage } from "./page-support.mjs";


const KEYS = figureKeys();

/** A JSON text of one object with as many short keys as fit in `bytes` (the issue's keys.json). */
function manyKeys(bytes) {
  const parts = [];
  let length = 2;
  for (let i = 0; ; i++) {
    const part = `${JSON.stringify(`k${i.toString(36)}`)}:0`;
    if (length + part.length + 1 > bytes) break;
    parts.push(part);
    length += part.length + 1;
  }
  return `{${parts.join(",")}}`;
}

async function forgeLink(value) {
  const json = new TextEncoder().encode(JSON.stringify(value));
  const data = new Uint8Array(await new Response(new Blob([json]).stream().pipeThrough(new CompressionStream("deflate-raw"))).arrayBuffer());
  return `#v1.${toBase64Url(data)}.${crc32(data)}`;
}

// ---------------------------------------------------------------------- pure modules

describe("the rules behind the refusals (www/figures-file.js, www/share.js)", () => {
  test("more keys than the ruleset's figures can have: refused without calling the engine", () => {
    // The most keys one figures object can hold: Henan's 22 (the national ruleset has fewer).
    assert.equal(figureKeys("henan-2014").length, 22);
    assert.ok(figureKeys("miit-2022-core").length < 22);
    assert.equal(KEYS.most, 22);
    const figures = JSON.parse(manyKeys(1024 * 1024));
    let called = 0;
    const counting = (value) => {
      called += 1;
      return evaluate(value);
    };
    const problems = figuresProblems(figures, counting, KEYS);
    assert.equal(called, 0, "the engine was not called");
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, "too_many_fields");
    assert.equal(problems[0].field, null);
    assert.match(problems[0].message.zh, /^数据项目太多（109656 项），而集群数据最多只有 22 项。$/);
    assert.match(problems[0].message.en, /^Too many fields \(109656\), where cluster figures have at most 22\.$/);
    // As many keys as there are, all known: judged by the engine as usual.
    const henan = figureKeys("henan-2014");
    const full = Object.fromEntries(henan.map((key) => [key, null]));
    assert.deepEqual(figuresProblems(full, counting, henan), []);
    assert.equal(called, 1);
    assert.equal(figuresProblems({ ...full, extra: 1 }, counting, henan)[0].code, "too_many_fields");
  });

  test("an unknown field is worded as refused, with the nearest known field; never 'ignored'", () => {
    const [problem] = figuresProblems({ reveune_wan: 5 }, evaluate, KEYS);
    assert.equal(problem.code, "unknown_field");
    assert.equal(problem.field, "reveune_wan");
    assert.equal(problem.message.zh, "未知的数据项目 reveune_wan（是否应为 revenue_wan？）。");
    assert.equal(problem.message.en, "Unknown field reveune_wan (did you mean revenue_wan?).");
    const [far] = figuresProblems({ colour: "red" }, evaluate, KEYS);
    assert.equal(far.message.zh, "未知的数据项目 colour。");
    assert.equal(far.message.en, "Unknown field colour.");
    const [long] = figuresProblems({ ["x".repeat(5000)]: 1 }, evaluate, KEYS);
    assert.ok(long.message.zh.length < 120, "a long key is cut in the message");
    for (const { message } of [problem, far, long]) {
      assert.doesNotMatch(message.zh, /忽略/);
      assert.doesNotMatch(message.en, /ignored/);
    }
  });

  test("JSON errors carry their line and column; 100,000 levels of nesting is an error, not a stack overflow", () => {
    assert.deepEqual(parseJson('{"revenue_wan": 1,}').error, { kind: "syntax", line: 1, column: 19 });
    assert.deepEqual(parseJson('{\n  "revenue_wan": 1,\n  "name": "甲"\n  "year": 2024\n}').error, { kind: "syntax", line: 4, column: 3 });
    assert.deepEqual(parseJson('{"revenue_wan": 1,').error, { kind: "end", line: 1, column: 19 });
    assert.deepEqual(parseJson('{"name": "甲乙丙" x}').error, { kind: "syntax", line: 1, column: 16 }, "columns count characters");
    assert.deepEqual(parseJson("   ").error, { kind: "empty", line: 1, column: 4 });
    assert.deepEqual(parseJson('"\u0001"').error, { kind: "syntax", line: 1, column: 2 });
    assert.deepEqual(parseJson("01").error, { kind: "syntax", line: 1, column: 2 });
    assert.deepEqual(parseJson("[1] [2]").error, { kind: "syntax", line: 1, column: 5 });
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    assert.deepEqual(parseJson(deep).error, { kind: "deep", line: 1, column: MAX_DEPTH + 1, max: MAX_DEPTH });
    assert.deepEqual(parseJson(`{"a": ${"[".repeat(MAX_DEPTH - 1)}${"]".repeat(MAX_DEPTH - 1)}}`).ok, true, "as deep as allowed is read");
    // More members than a figures object can have: refused before JSON.parse reads them.
    assert.deepEqual(parseJson(manyKeys(1024 * 1024), { maxMembers: 22 }).error, { kind: "members", line: 1, column: 1, count: 109656, max: 22 });
    assert.deepEqual(parseJson('[{"a": 1}, {"b": [1, 2, 3]}]', { maxMembers: 2 }).error, { kind: "members", line: 1, column: 18, count: 3, max: 2 });
    assert.equal(parseJson('[{"a": 1}, {"b": [1, 2]}]', { maxMembers: 2 }).ok, true);
    // What JSON.parse reads, the checker reads too.
    for (const text of ['{"a": [1, -0.5e+3, true, false, null, "\\u00e9\\n\\"", {}], "b": {"c": []}}', ' "\u2028" ', "-0", "1E5", "[]"]) {
      assert.deepEqual(parseJson(text), { ok: true, value: JSON.parse(text) }, text);
    }
  });

  test("a link that inflates past its limit is too large, not damaged", async () => {
    const big = await forgeLink([{ figures: { name: "x".repeat(70_000) } }]);
    assert.deepEqual(await decodeShare(big), { ok: false, reason: "tooLarge" });
    assert.deepEqual(await decodeShare(big.replace(/\.[0-9a-f]{8}$/, ".00000000")), { ok: false, reason: "damaged" }, "the check comes first");
  });
});

// ---------------------------------------------------------------------- the page

const state = usePage({ before, after });

describe("the page's refusals", () => {
  test("a 1 MiB file of 109,656 keys is refused at once, in one line, and the page stays responsive", async () => {
    const { page, close } = await openPage(state);
    await fill(page, { revenue: ["22.6247", "yi"] });
    const figures = await figuresOf(page);
    const content = manyKeys(1024 * 1024);
    await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
      }).observe({ type: "longtask" });
    });
    const start = Date.now();
    await chooseFile(page, () => page.click("#import-figures"), { name: "keys.json", content });
    await page.waitForSelector("#page-alert:not(:empty)");
    const took = Date.now() - start;
    assert.ok(took < 3000, `refused after ${took} ms`);
    const longest = await page.evaluate(() => window.__longest);
    assert.ok(longest < 1000, `the longest task took ${longest} ms`);
    const message = await messageOf(page);
    assert.equal(message.text, "未能导入 keys.json，没有做任何更改：");
    assert.deepEqual(message.items.map((item) => item.text), ["第 1 行第 1 列开始的 109656 项数据太多：集群数据最多只有 22 项，这不是集群数据文件。"]);
    await page.click("#lang-toggle");
    assert.deepEqual((await messageOf(page)).items.map((item) => item.text), [
      "The 109656 items from line 1, column 1 are too many: cluster figures have at most 22, so this is not a figures file.",
    ]);
    assert.deepEqual(await figuresOf(page), figures);
    await close();
  });

  test("a long list of problems is cut, saying how many more there are", async () => {
    const { page, close } = await openPage(state);
    const year = (n) => Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`unknown_${n}_${i}`, 1]));
    await chooseFile(page, () => page.click("#import-figures"), { name: "many.json", content: JSON.stringify([year(1), year(2)]) });
    await page.waitForSelector("#page-alert:not(:empty)");
    let message = await messageOf(page);
    assert.equal(message.items.length, MAX_LISTED + 1);
    assert.equal(message.items.at(-1).text, `另有 ${40 - MAX_LISTED} 个问题未列出。`);
    assert.equal(message.items.at(-1).field, null);
    await page.click("#lang-toggle");
    message = await messageOf(page);
    assert.equal(message.items.at(-1).text, `… and ${40 - MAX_LISTED} more problems, not listed.`);
    await close();
  });

  test("JSON errors and deep nesting are reported with a position, in the page's language", async () => {
    const { page, close } = await openPage(state);
    const cases = [
      ["comma.json", '{"revenue_wan": 1,}', "不是有效的 JSON 文件：第 1 行第 19 列附近格式有误。", "Not a valid JSON file: the format is wrong near line 1, column 19."],
      ["cut.json", '{"revenue_wan": 1,', "不是有效的 JSON 文件：内容在第 1 行第 19 列提前结束，文件可能不完整。", "Not a valid JSON file: it ends too early, at line 1, column 19; the file may be incomplete."],
      [
        "deep.json",
        "[".repeat(100_000) + "]".repeat(100_000),
        `第 1 行第 ${MAX_DEPTH + 1} 列：嵌套超过 ${MAX_DEPTH} 层，不是集群数据文件。`,
        `Line 1, column ${MAX_DEPTH + 1}: nested more than ${MAX_DEPTH} levels deep, which no figures file is.`,
      ],
    ];
    for (const [name, content, zh, en] of cases) {
      await chooseFile(page, () => page.click("#import-figures"), { name, content });
      await page.waitForFunction((name) => document.getElementById("page-alert").textContent.includes(name), name);
      assert.deepEqual((await messageOf(page)).items.map((item) => item.text), [zh], name);
      await page.click("#lang-toggle");
      const english = (await messageOf(page)).items.map((item) => item.text);
      assert.deepEqual(english, [en], name);
      assert.doesNotMatch(english[0], CJK);
      await page.click("#lang-toggle");
    }
    await topScreenshots(page, "refused-deep");
    await close();
  });

  test("an oversized link says it is too large; an unknown field is refused, not 'ignored', in both languages", async () => {
    const big = await forgeLink([{ figures: { name: "x".repeat(70_000) } }]);
    let opened = await openPage(state, { path: big });
    await opened.page.waitForSelector("#page-alert:not(:empty)");
    let message = await messageOf(opened.page);
    assert.match(message.text, /这个链接无法打开，没有做任何更改/);
    assert.deepEqual(message.items.map((item) => item.text), ["链接中的数据太多（解开后超过 64 KB），不是本工具生成的集群数据链接。"]);
    await opened.page.click("#lang-toggle");
    assert.deepEqual((await messageOf(opened.page)).items.map((item) => item.text), ["The link holds too much data (over 64 KB once unpacked) to be cluster figures made by this tool."]);
    await opened.close();

    opened = await openPage(state, { viewport: PHONE_LARGE });
    const { page } = opened;
    await page.click("#tools-menu"); // on a phone the tools are in their menu
    await chooseFile(page, () => page.click("#import-figures"), { name: "typo.json", content: JSON.stringify({ reveune_wan: 5, colour: "red" }) });
    await page.waitForSelector("#page-alert:not(:empty)");
    message = await messageOf(page);
    assert.deepEqual(message.items.map((item) => item.text).sort(), ["未知的数据项目 colour。", "未知的数据项目 reveune_wan（是否应为 revenue_wan？）。"]);
    await topScreenshots(page, "refused-unknown");
    await page.click("#lang-toggle");
    message = await messageOf(page);
    assert.equal(message.text, "typo.json was not imported; nothing was changed:");
    assert.deepEqual(message.items.map((item) => item.text).sort(), ["Unknown field colour.", "Unknown field reveune_wan (did you mean revenue_wan?)."]);
    await opened.close();
  });
});
