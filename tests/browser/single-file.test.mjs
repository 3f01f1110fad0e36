// The single self-contained page, dist/cluster-check.html (scripts/build-single.mjs, run by
// `make www`): opened from disk (file://) in Chromium with every request that is not that
// file aborted, it works — the engine loads from the bytes inside it, the form evaluates,
// the share link works, and no draft is kept (every local file shares one storage) — with
// no request but the file itself, no CSP violation, no error; its CSP is strict (hashes, no 'unsafe-inline'). Screenshots in both
// languages at desktop and phone size.
//
//   node --test --test-concurrency=1 tests/browser/single-file.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { launch } from "./chromium.mjs";
import { DESKTOP, MISSES_SEVERAL, PHONE, SCREENSHOTS, SINGLE_FILE, figuresOf, fill, fullPageScreenshot, messageOf, openWatched, resultsOf, waitReady } from "./page-support.mjs";

const FILE_URL = pathToFileURL(SINGLE_FILE).href;

let browser;
before(async () => {
  assert.ok(existsSync(SINGLE_FILE), "dist/cluster-check.html is missing: run `make www` first");
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/**
 * Opens the single file from disk with the network cut off: every request that is not for
 * a file: URL is aborted and recorded; so is every request at all, CSP violations and errors
 * (openWatched, page-support.mjs, with no origin: nothing may leave the file). `storage`:
 * what the storage that every local file shares holds before (presetStorage).
 */
async function openOffline({ viewport = DESKTOP, locale = "zh-CN", lang, hash = "", storage } = {}) {
  const opened = await openWatched(browser, FILE_URL + hash, {
    viewport,
    locale,
    lang,
    storage,
    async prepare(context, page, seen) {
      Object.assign(seen, { requests: [], blocked: [] });
      await context.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith("file:")) return route.continue();
        seen.blocked.push(url);
        return route.abort("internetdisconnected");
      });
      page.on("request", (request) => seen.requests.push(request.url()));
    },
  });
  const { seen } = opened;
  return {
    ...opened,
    async close() {
      await opened.close(); // the context, CSP violations and errors
      assert.deepEqual(seen.blocked, [], "requests to the network");
      assert.deepEqual(
        seen.requests.filter((url) => url.split("#")[0] !== FILE_URL && !url.startsWith("data:") && !url.startsWith("blob:")),
        [],
        "requests for anything but the file itself",
      );
    },
  };
}

test("the file is self-contained, with a strict CSP: hashes for its one script and one stylesheet, no 'unsafe-inline'", () => {
  const html = readFileSync(SINGLE_FILE, "utf8");
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  const styles = [...html.matchAll(/<style\b([^>]*)>([\s\S]*?)<\/style>/g)];
  assert.equal(scripts.length, 1, "one inline module script");
  assert.equal(scripts[0][1].trim(), 'type="module"');
  assert.equal(styles.length, 1, "one inline stylesheet");
  assert.doesNotMatch(html, /\b(src|href)="(?!data:)[^"]*"/, "nothing referred to outside the file");
  // In the markup (the script holds the spreadsheet writer's XML texts, whose <border style="…">
  // is not HTML; a style attribute set at run time would be a CSP violation, which the tests below catch).
  assert.doesNotMatch(html.replace(scripts[0][2], ""), /\bstyle="/, "no style attribute");
  // The engine, the roster engine (for the roster part's worker) and the two workers' texts.
  assert.ok(html.length > 150_000 && html.length < 900_000, `size ${html.length}`);

  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)[1];
  assert.ok(html.indexOf(csp) < scripts[0].index && html.indexOf(csp) < styles[0].index, "the policy comes before what it governs");
  const directives = Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  const sha = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
  assert.deepEqual(directives["default-src"], ["'none'"]);
  assert.deepEqual(directives["script-src"], [sha(scripts[0][2]), "'wasm-unsafe-eval'"]);
  assert.deepEqual(directives["style-src"], [sha(styles[0][2])]);
  assert.deepEqual(directives["connect-src"], ["'none'"]);
  assert.deepEqual(directives["object-src"], ["'none'"]);
  assert.deepEqual(directives["base-uri"], ["'none'"]);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\s\*/);
  // The engine's bytes are inside: the .wasm magic number, base64-encoded, in the script.
  assert.ok(/[`"']AGFzbQ[A-Za-z0-9+/]{100000,}/.test(scripts[0][2]), "the .wasm, as base64");
  assert.doesNotMatch(scripts[0][2], /cluster_check_bg\.wasm/, "no reference to a .wasm file");
});

test("from file:// with the network cut off: the assessment works, with nothing requested but the file", async () => {
  const { page, seen, close } = await openOffline();
  assert.match(await page.textContent("#engine-version"), /^计算引擎 \d+\.\d+\.\d+/);
  await fill(page, MISSES_SEVERAL);
  const results = await resultsOf(page);
  assert.equal(results.status, "not_met");
  assert.equal(results.verdict, "不符合创建条件");
  assert.equal(results.checks.rd_ratio, "not_met");
  assert.equal(results.checks.related_smes, "met");
  assert.match(await page.textContent("#app .cc-check[data-check='rd_ratio'] .cc-explanation"), /还需增加研发投入 280 万元/);
  // The single file keeps no draft: every file opened from disk shares one storage.
  const note = await page.evaluate(() => ({ saving: document.getElementById("draft-note").dataset.saving, text: document.getElementById("draft-note").textContent }));
  assert.equal(note.saving, "file");
  assert.match(note.text, /不会自动保存/);
  assert.equal(await page.evaluate(() => localStorage.getItem("cluster-check.draft")), null);
  // The share link is this file's URL with the figures after "#", and opens here.
  await page.click("#copy-link");
  await page.waitForSelector("#share-link");
  const message = await messageOf(page);
  assert.match(message.text, /本页是从本机文件打开的/);
  assert.ok(message.link.startsWith(`${FILE_URL}#v1.`));
  // The link holds a path on this computer: the message offers the figures file instead.
  const [offered] = await Promise.all([page.waitForEvent("download"), page.click("#link-export")]);
  assert.match(offered.suggestedFilename(), /^cluster-check-figures/);
  const figures = await figuresOf(page);
  await page.click("#clear-draft");
  assert.deepEqual(await figuresOf(page), {});
  await page.goto("about:blank");
  await page.goto(message.link);
  await waitReady(page);
  await page.waitForSelector("#page-status:not(:empty)"); // the link is read after the page loads
  assert.match((await messageOf(page)).text, /已打开链接中的数据/);
  assert.deepEqual(await figuresOf(page), figures);
  // The report downloads from disk too.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download-report")]);
  assert.equal(JSON.parse(readFileSync(await download.path(), "utf8")).status, "not_met");
  // The re-review mode is in the file as well.
  await page.click("#tab-review");
  await waitReady(page, "#review-year-1");
  assert.equal(await page.getAttribute(".review-summary", "data-verdict"), "undetermined");
  seen.requests = seen.requests.filter((url) => url !== "about:blank");
  await close();
});

test("from file://: no draft is kept or read, since any other local file could read or plant it; the note offers the export", async () => {
  const planted = JSON.stringify({ version: 1, saved: new Date().toISOString(), single: { figures: { name: "另一个本地文件写的" } }, review: [] });
  const { page, close } = await openOffline({ storage: { "cluster-check.draft": planted } });
  assert.deepEqual(await figuresOf(page), {}, "a draft in the storage that all local files share is not read");
  assert.equal(await messageOf(page), null);
  const note = await page.evaluate(() => {
    const el = document.getElementById("draft-note");
    return { saving: el.dataset.saving, text: el.textContent, actions: [...el.querySelectorAll("button")].map((b) => b.dataset.action) };
  });
  assert.equal(note.saving, "file");
  assert.match(note.text, /本页是从本机文件打开的，所填数据不会自动保存/);
  assert.match(note.text, /其他本地网页文件/);
  assert.deepEqual(note.actions, ["export"]);
  await fill(page, { name: "只在这个标签页", revenue: ["300000", "wan"] });
  assert.equal(await page.evaluate(() => localStorage.getItem("cluster-check.draft")), planted, "nothing written: not even over the planted one");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#draft-note button[data-action='export']")]);
  assert.equal(JSON.parse(readFileSync(await download.path(), "utf8")).name, "只在这个标签页");
  await page.reload();
  await waitReady(page);
  assert.deepEqual(await figuresOf(page), {});
  // In English, in English.
  await page.click("#lang-toggle");
  assert.match(await page.textContent("#draft-note"), /opened from a file on this computer, so what you enter is not saved/);
  // "Clear saved data" still removes a draft left in that shared storage.
  await page.click("#clear-draft");
  assert.equal(await page.evaluate(() => localStorage.getItem("cluster-check.draft")), null);
  await close();
});

test("the offline watcher sees a request to the network (so the test above can fail)", async () => {
  const { page, seen, context } = await openOffline();
  await page.evaluate(() => fetch("https://example.com/").catch(() => null));
  await context.close();
  assert.ok(seen.blocked.length + seen.cspViolations.length > 0, "the offline watcher saw the request");
});

for (const [lang, label] of [["zh-CN", "zh"], ["en", "en"]]) {
  for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
    test(`single file screenshot: ${label} ${size}`, async () => {
      const { page, close } = await openOffline({ viewport, lang });
      assert.equal(await page.getAttribute("html", "lang"), lang);
      await fill(page, MISSES_SEVERAL);
      assert.equal((await resultsOf(page)).status, "not_met");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, "horizontal overflow");
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.mouse.move(0, 0);
      await page.screenshot({ path: `${SCREENSHOTS}/single-file-${label}-${size}-top.png` });
      await fullPageScreenshot(page, `${SCREENSHOTS}/single-file-${label}-${size}.png`);
      await close();
    });
  }
}
