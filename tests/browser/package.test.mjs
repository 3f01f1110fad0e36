// The npm package in a real browser (Debian's Chromium), as users will load it:
//   1. from plain static hosting, no bundler: the browser files copied beside a page and
//      imported with a relative URL, served under deep sub-paths under a strict CSP;
//   2. from a Vite production build of examples/vite-app, served under a sub-path.
// Both use the package installed from its tarball in node_modules/cluster-check.
// Run by `make test-browser`; output in test-output/ (screenshots in test-output/screenshots/).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFile, mkdir, readFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, createLogger } from "vite";
import { startServer } from "../../scripts/serve.mjs";
import { launch, watchedPage } from "./chromium.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const OUT = join(ROOT, "test-output");
const SCREENSHOTS = join(OUT, "screenshots");
const PACKAGE = join(ROOT, "node_modules", "cluster-check");
/** What a page needs from the package: the browser entry, its imports and the engine. */
const BROWSER_FILES = ["index.js", "api.js", "render.js", "cluster_check.js", "cluster_check_bg.wasm"];
const STATIC_FIXTURE = join(ROOT, "tests", "browser", "fixtures", "static");
const VITE_APP = join(ROOT, "examples", "vite-app");
const LOAD_TIMEOUT = 15_000;

let browser;
const servers = [];

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all(servers.map(({ server }) => new Promise((done) => server.close(done))));
});

async function serve(root, prefix) {
  const served = await startServer({ root, port: 0, prefix });
  servers.push(served);
  return served.url;
}

/**
 * Opens `url` in a fresh context that records, besides what watchedPage records, every
 * request and response and every console warning. Waits until `ready` (a selector) shows.
 */
async function open(url, ready) {
  const { context, page, seen } = await watchedPage(browser, { origin: new URL(url).origin });
  const requests = [];
  const responses = [];
  const warnings = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("response", (response) =>
    responses.push({ url: response.url(), status: response.status(), type: response.headers()["content-type"] ?? "" }),
  );
  page.on("console", (message) => {
    if (message.type() === "warning") warnings.push(message.text());
  });
  await page.goto(url, { waitUntil: "load" });
  try {
    // An uncaught error (e.g. the module's top-level await rejecting) ends the wait at once.
    await Promise.race([
      page.waitForSelector(ready, { state: "attached", timeout: LOAD_TIMEOUT }),
      page.waitForEvent("pageerror", { timeout: LOAD_TIMEOUT + 1000 }).then((error) => {
        throw error;
      }),
    ]);
  } catch (error) {
    await page.waitForTimeout(200); // let the console catch up, for the message below
    const body = await page.locator("body").innerText().catch(() => "");
    throw new Error(
      `${url}: ${ready} did not appear (${String(error?.message ?? error).split("\n")[0]}).\nerrors: ${JSON.stringify(seen.errors)}\n` +
        `CSP: ${JSON.stringify(seen.cspViolations)}\nwarnings: ${JSON.stringify(warnings)}\npage: ${body.slice(0, 2000)}`,
      { cause: error },
    );
  }
  return { context, page, seen, requests, responses, warnings };
}

/** The common browser-side guarantees: same origin only, under the prefix only, no CSP hit, no error. */
function assertCleanLoad({ seen, requests, warnings }, base) {
  assert.deepEqual(seen.offOrigin, [], "requests left the page's origin");
  assert.deepEqual(seen.cspViolations, [], "Content-Security-Policy violations");
  assert.deepEqual(seen.errors, [], "page errors or console errors");
  assert.deepEqual(
    requests.filter((url) => !url.startsWith(base)),
    [],
    `requests outside ${base}: everything must be found relative to the page and the module`,
  );
  assert.deepEqual(
    warnings.filter((text) => /wasm|WebAssembly|cluster-check/i.test(text)),
    [],
    "console warnings about the WebAssembly load (e.g. the instantiateStreaming fallback)",
  );
}

/** Exactly one .wasm fetched, from `expected`, 200, as application/wasm. */
function assertWasmFetched(responses, expected) {
  const wasm = responses.filter(({ url }) => new URL(url).pathname.endsWith(".wasm"));
  assert.equal(wasm.length, 1, `one .wasm request expected, got ${JSON.stringify(wasm)}`);
  assert.equal(wasm[0].url, expected, "the .wasm URL");
  assert.equal(wasm[0].status, 200, "the .wasm status");
  assert.equal(wasm[0].type.split(";")[0].trim(), "application/wasm", "the .wasm content-type");
}

async function installedVersion() {
  return JSON.parse(await readFile(join(PACKAGE, "package.json"), "utf8")).version;
}

test("static hosting, no bundler: the package's browser files beside a page, under any sub-path, strict CSP", async (t) => {
  const site = join(OUT, "package-static");
  await rm(site, { recursive: true, force: true });
  await mkdir(join(site, "cluster-check"), { recursive: true });
  for (const file of await readdir(STATIC_FIXTURE)) await copyFile(join(STATIC_FIXTURE, file), join(site, file));
  for (const file of BROWSER_FILES) await copyFile(join(PACKAGE, file), join(site, "cluster-check", file));
  const version = await installedVersion();

  for (const [index, prefix] of ["/deep/path/to/app/", "/another/place/"].entries()) {
    await t.test(`served under ${prefix}`, async () => {
      const base = await serve(site, prefix);
      assert.ok(base.endsWith(prefix), base);
      const loaded = await open(base, "#state[data-state]");
      try {
        const { page } = loaded;
        if (index === 0) await page.screenshot({ path: join(SCREENSHOTS, "package-static.png"), fullPage: true });
        const state = await page.locator("#state").getAttribute("data-state");
        const text = await page.locator("#out").textContent();
        assert.equal(state, "done", `the fixture failed in the browser:\n${text}`);
        const result = JSON.parse(text);

        assert.equal(result.version, version, "version() is the installed package's version");
        assert.equal(result.rulesets.length, 1);
        assert.equal(result.rulesets[0].id, "henan-2014");
        assert.equal(result.rulesets[0].document, "豫工信企业〔2014〕196号");
        assert.equal(result.rulesets[0].issued, "2014-03-22");

        // The float trap: 2262.47 / 226247 is exactly 1% (a float division is just under).
        const { floatTrap } = result;
        assert.equal(floatTrap.checks.rd_ratio.status, "met");
        assert.equal(floatTrap.checks.rd_ratio.value, "1");
        assert.equal(floatTrap.checks.rd_ratio.threshold, "1");
        assert.equal(floatTrap.checks.rd_ratio.unit, "%");
        assert.equal(floatTrap.checks.rd_ratio.gap, null);
        assert.equal(floatTrap.checks.revenue.status, "met");
        assert.equal(floatTrap.tier, "over_20yi");
        assert.deepEqual(floatTrap.errors, []);
        assert.equal(floatTrap.status, "incomplete", "other figures are missing");
        assert.equal(floatTrap.eligible, false);

        // A negative figure: an error on its field, the check invalid, nothing thrown.
        const { negative } = result;
        assert.equal(negative.errors.length, 1, JSON.stringify(negative.errors));
        assert.equal(negative.errors[0].field, "revenue_wan");
        assert.equal(negative.errors[0].code, "negative");
        assert.match(negative.errors[0].message.zh, /\S/);
        assert.match(negative.errors[0].message.en, /\S/);
        assert.equal(negative.checks.revenue.status, "invalid");
        assert.equal(negative.tier, null);
        assert.equal(negative.eligible, false);

        // evaluateMany: one report per element, a non-object gets its own wrong_type report.
        assert.deepEqual(result.many, [
          { status: "incomplete", tier: null, errors: [] },
          { status: "incomplete", tier: "over_100yi", errors: [] },
          { status: "incomplete", tier: null, errors: ["wrong_type"] },
        ]);

        // evaluate(null) throws a TypeError with a clear message.
        assert.equal(result.thrown?.name, "TypeError");
        assert.match(result.thrown.message, /evaluate/);

        assertWasmFetched(loaded.responses, `${base}cluster-check/cluster_check_bg.wasm`);
        assertCleanLoad(loaded, base);
      } finally {
        await loaded.context.close();
      }
    });
  }
});

test("Vite production build of examples/vite-app: wasm emitted as an asset, works under a sub-path", async () => {
  const outDir = join(OUT, "vite-app");
  const logged = [];
  const logger = createLogger("warn");
  for (const level of ["warn", "warnOnce", "error"]) {
    const write = logger[level].bind(logger);
    logger[level] = (message, options) => {
      logged.push(`${level}: ${message}`);
      write(message, options);
    };
  }
  const output = await build({
    root: VITE_APP,
    configFile: join(VITE_APP, "vite.config.js"),
    logLevel: "warn",
    customLogger: logger,
    build: { outDir, emptyOutDir: true },
  });
  assert.deepEqual(logged, [], "Vite warned or failed while building the example");

  const bundles = Array.isArray(output) ? output : [output];
  const emitted = bundles.flatMap((bundle) => bundle.output.map((item) => item.fileName));
  const wasmAssets = emitted.filter((name) => name.endsWith(".wasm"));
  assert.equal(wasmAssets.length, 1, `one .wasm asset expected in the build output, got ${JSON.stringify(emitted)}`);
  const [wasmAsset] = wasmAssets;
  assert.match(wasmAsset, /^assets\/cluster_check_bg-[\w-]+\.wasm$/);
  assert.deepEqual(
    await readFile(join(outDir, wasmAsset)),
    await readFile(join(PACKAGE, "cluster_check_bg.wasm")),
    "the emitted .wasm is the package's engine, byte for byte",
  );
  const scripts = emitted.filter((name) => name.endsWith(".js"));
  for (const script of scripts) {
    const code = await readFile(join(outDir, script), "utf8");
    assert.doesNotMatch(code, /node:fs|readFileSync/, `${script} took the package's Node entry instead of the browser one`);
  }

  const prefix = "/apps/vite/cluster-check/";
  const base = await serve(outDir, prefix);
  const loaded = await open(base, "#app[data-ready]");
  try {
    const { page } = loaded;
    await page.screenshot({ path: join(SCREENSHOTS, "package-vite.png"), fullPage: true });

    const complete = page.locator("#complete");
    assert.equal(await complete.getAttribute("data-status"), "met");
    assert.equal(await complete.getAttribute("data-eligible"), "true");
    assert.equal(await complete.getAttribute("data-tier"), "over_20yi");
    const conditions = await complete.locator("[data-condition]").evaluateAll((items) =>
      items.map((item) => [item.dataset.condition, item.dataset.status]),
    );
    assert.deepEqual(conditions, [
      ["management", "met"],
      ["agglomeration", "met"],
      ["competitiveness", "met"],
      ["innovation", "met"],
      ["green", "met"],
      ["public_service", "met"],
    ]);
    assert.equal(await complete.locator(".error").count(), 0);
    assert.match(await complete.locator(".verdict").innerText(), /符合创建条件/);

    const withError = page.locator("#with-error");
    assert.equal(await withError.getAttribute("data-status"), "incomplete");
    assert.equal(await withError.getAttribute("data-eligible"), "false");
    assert.equal(
      await withError.locator('[data-condition="agglomeration"]').getAttribute("data-status"),
      "invalid",
    );
    const errors = await withError.locator(".error").evaluateAll((items) =>
      items.map((item) => ({ field: item.dataset.field, code: item.dataset.code, text: item.textContent })),
    );
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0].field, "related_smes");
    assert.equal(errors[0].code, "not_whole");
    assert.match(errors[0].text, /related_smes.*45\.5/);

    assertWasmFetched(loaded.responses, `${base}${wasmAsset}`);
    assertCleanLoad(loaded, base);
  } finally {
    await loaded.context.close();
  }
});
