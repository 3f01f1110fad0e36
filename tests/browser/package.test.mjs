// The npm package in a real browser (Debian's Chromium), as users will load it:
//   1. from plain static hosting, no bundler: the browser files copied beside a page and
//      imported with a relative URL, served under deep sub-paths under a strict CSP;
//   2. from a Vite production build of examples/vite-app, served under a sub-path.
// Both use the package installed from its tarball in node_modules/cluster-check.
// Run by `make test-browser`; output in test-output/ (screenshots in test-output/screenshots/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFile, mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { browserFiles } from "../../scripts/package-files.mjs";
import { EXAMPLES, OUT, PACKAGE, ROOT, SCREENSHOTS, assertViteOutput, buildVite, copyPackageBrowserFiles, packageManifest, serveFolder, useBrowser, visitPage } from "./support.mjs";

/** What a page needs from the package: the browser entry, its imports and the engine. */
// The API alone, without the element and its UI: the entry, the glue, the .wasm, the catalogs.
const BROWSER_FILES = browserFiles(PACKAGE).filter((file) => file !== "element.js" && !file.startsWith("ui/"));
const STATIC_FIXTURE = join(ROOT, "tests", "browser", "fixtures", "static");
const VITE_APP = join(EXAMPLES, "vite-app");

useBrowser();

test("static hosting, no bundler: the package's browser files beside a page, under any sub-path, strict CSP", async (t) => {
  const site = join(OUT, "package-static");
  await rm(site, { recursive: true, force: true });
  await mkdir(site, { recursive: true });
  for (const file of await readdir(STATIC_FIXTURE)) await copyFile(join(STATIC_FIXTURE, file), join(site, file));
  await copyPackageBrowserFiles(join(site, "cluster-check"), BROWSER_FILES);
  const { version } = await packageManifest();

  for (const [index, prefix] of ["/deep/path/to/app/", "/another/place/"].entries()) {
    await t.test(`served under ${prefix}`, async () => {
      const base = await serveFolder(site, prefix);
      assert.ok(base.endsWith(prefix), base);
      const wasm = `${base}cluster-check/cluster_check_bg.wasm`;
      await visitPage(base, { ready: "#state[data-state]", wasm }, async ({ page }) => {
        if (index === 0) await page.screenshot({ path: join(SCREENSHOTS, "package-static.png"), fullPage: true });
        const state = await page.locator("#state").getAttribute("data-state");
        const text = await page.locator("#out").textContent();
        assert.equal(state, "done", `the fixture failed in the browser:\n${text}`);
        const result = JSON.parse(text);

        assert.equal(result.version, version, "version() is the installed package's version");
        assert.deepEqual(result.rulesets.map((r) => r.id), ["henan-2014", "miit-2022-core"]);
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
      });
    });
  }
});

test("Vite production build of examples/vite-app: wasm emitted as an asset, works under a sub-path", async () => {
  const outDir = join(OUT, "vite-app");
  const emitted = await buildVite(VITE_APP, outDir);
  const wasmAsset = await assertViteOutput(outDir, emitted);
  assert.match(wasmAsset, /^assets\/cluster_check_bg-[\w-]+\.wasm$/);

  const prefix = "/apps/vite/cluster-check/";
  const base = await serveFolder(outDir, prefix);
  await visitPage(base, { ready: "#app[data-ready]", wasm: `${base}${wasmAsset}` }, async ({ page }) => {
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
  });
});
