// The Content-Security-Policy a host of the <cluster-check> element needs, as README.md
// ("Embed it in your site") states it: besides `script-src 'self' 'wasm-unsafe-eval'`, the
// engine's .wasm is fetched, so `connect-src` must allow where the package is served from.
//   - a host with nothing else allowed (`default-src 'none'`), with Trusted Types enforced
//     too, works: the element renders, evaluates, and breaks no rule of the policy;
//   - the same host without `connect-src` does not: the fetch of the .wasm is refused and the
//     element says that the engine could not be loaded (what the README warns of).
//
//   node --test --test-concurrency=1 tests/browser/csp.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { OUT, ROOT, SCREENSHOTS, copyPackageBrowserFiles, openPage, serveFolder, useBrowser, visitPage } from "./support.mjs";

useBrowser();

const STRICT = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";

test("the README states that policy, and that connect-src is needed, for the element and for the page", async () => {
  const readme = await readFile(join(ROOT, "README.md"), "utf8");
  const embed = readme.slice(readme.indexOf("## Embed it in your site"), readme.indexOf("## Keep, share and compare"));
  assert.ok(embed.includes(`\`${STRICT}\``), "the element's section gives the strictest policy that works");
  assert.match(embed, /`connect-src[^`]*`[^.]*\.wasm/, "and says why connect-src is needed");
  const hosting = readme.slice(readme.indexOf("### Host the page on any static web server"), readme.indexOf("## Use it from JavaScript"));
  assert.match(hosting, /`connect-src`[^.]*\.wasm/, "the page's hosting notes say it too");
});

/** A host page with only `policy`, the element, and the package's browser files in ./cc/. */
async function host(name, policy) {
  const site = join(OUT, "csp", name);
  await rm(site, { recursive: true, force: true });
  await mkdir(site, { recursive: true });
  await copyPackageBrowserFiles(join(site, "cc"));
  await writeFile(
    join(site, "index.html"),
    `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<title>CSP host</title>
<script type="module" src="cc/element.js"></script>
</head>
<body>
<cluster-check></cluster-check>
</body>
</html>
`,
  );
  return serveFolder(site, `/csp/${name}/`);
}

const reported = () => Boolean(document.querySelector("cluster-check")?.report);

/** The element's verdict, after figures are set. */
function judge(page) {
  return page.evaluate(async () => {
    const element = document.querySelector("cluster-check");
    const changed = new Promise((done) => element.addEventListener("cluster-check-change", done, { once: true }));
    element.figures = { revenue_wan: "226247", rd_expense_wan: "2262.47" };
    await changed;
    const rd = element.report.conditions.find((c) => c.id === "innovation").checks[0];
    return { status: element.report.status, rd: rd.status, text: element.shadowRoot.querySelector(".cc-verdict-text").textContent };
  });
}

for (const [label, policy] of [
  ["the README's minimum", STRICT],
  ["and Trusted Types enforced", `${STRICT}; require-trusted-types-for 'script'; trusted-types 'none'`],
]) {
  test(`default-src 'none' with script-src and connect-src: the element works (${label})`, async () => {
    const base = await host(label.includes("Trusted") ? "trusted-types" : "strict", policy);
    await visitPage(base, { ready: reported, wasm: `${base}cc/cluster_check_bg.wasm` }, async ({ page }) => {
      const judged = await judge(page);
      assert.equal(judged.rd, "met");
      assert.equal(judged.status, "incomplete");
      if (!label.includes("Trusted")) await page.screenshot({ path: join(SCREENSHOTS, "csp-strict.png") });
    });
  });
}

test("without connect-src the .wasm cannot be fetched: the element says the engine could not be loaded", async () => {
  const base = await host("no-connect", "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'");
  const loaded = await openPage(base, {
    ready: () => document.querySelector("cluster-check")?.shadowRoot?.querySelector(".cc-verdict-text")?.textContent.includes("计算引擎未能加载"),
  });
  try {
    assert.ok(
      loaded.seen.cspViolations.some((text) => /connect-src/.test(text) && /cluster_check_bg\.wasm/.test(text)),
      `the fetch of the .wasm is refused under connect-src: ${JSON.stringify(loaded.seen.cspViolations)}`,
    );
    assert.equal(await loaded.page.evaluate(() => document.querySelector("cluster-check").report), null);
  } finally {
    await loaded.context.close();
  }
});
