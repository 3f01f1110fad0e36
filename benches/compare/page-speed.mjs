// Page speed: time from navigation start to the first result shown on the page (dist/www,
// served on localhost), in headless Chromium, over fresh loads (a new browser context each,
// HTTP cache disabled). Prints Markdown for BENCHMARKS.md.
//
//   node benches/compare/page-speed.mjs     (make bench-compare runs it; needs dist/www from
//                                           `make www` and Chromium)
//
// The first result: the verdict box (.cc-verdict, role=status, in the page or in the shadow
// root of the <cluster-check> element) leaves its "loading" state
// and shows a report's verdict (data-status met / not_met / incomplete, with its text). The
// empty form's report is "incomplete" (every figure missing): that is the first result a
// visitor sees. A script injected before the page's own scripts watches for it with a
// MutationObserver and notes performance.now() (0 = navigation start), then performance.now()
// in the next animation frame's callback (the frame that paints it; paint follows it).
//
// LOADS (default 10, at least 5) counted loads, after one load not counted.
import { cpus, loadavg, totalmem } from "node:os";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, CHROMIUM } from "../../tests/browser/chromium.mjs";
import { startServer } from "../../scripts/serve.mjs";

const LOADS = Math.max(5, Number(process.env.LOADS ?? 10));
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function watchFirstResult() {
  const REPORT_STATUSES = ["met", "not_met", "incomplete"];
  const OPTIONS = { subtree: true, childList: true, attributes: true, characterData: true };
  // The results may live in the document or in an open shadow root (the <cluster-check>
  // element): every shadow root attached from now on is watched too.
  const roots = [document];
  const find = () => {
    for (const root of roots) {
      const verdict = root.querySelector(".cc-verdict");
      const text = verdict?.querySelector(".cc-verdict-text")?.textContent;
      if (verdict && REPORT_STATUSES.includes(verdict.dataset.status) && text) return { verdict, text };
    }
    return null;
  };
  const observer = new MutationObserver(() => {
    const shown = find();
    if (!shown) return;
    observer.disconnect();
    const dom = performance.now();
    performance.mark("first-result");
    requestAnimationFrame(() => {
      const frame = performance.now();
      globalThis.__firstResult = { dom, frame, text: shown.text, status: shown.verdict.dataset.status };
    });
  });
  observer.observe(document, OPTIONS);
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    roots.push(root);
    observer.observe(root, OPTIONS);
    return root;
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const loadAtStart = loadavg()[0];
const { server, url } = await startServer({ root: join(root, "dist/www") });
const browser = await launch();
const loads = [];
try {
  for (let i = 0; i <= LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await page.addInitScript(watchFirstResult);
    const start = performance.now();
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction(() => globalThis.__firstResult !== undefined, null, { timeout: 30_000, polling: "raf" });
    const wall = performance.now() - start;
    await page.waitForLoadState("load");
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const paint = Object.fromEntries(performance.getEntriesByType("paint").map((e) => [e.name, e.startTime]));
      const wasm = performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm"));
      return {
        ...globalThis.__firstResult,
        responseEnd: nav.responseEnd,
        domContentLoaded: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
        fcp: paint["first-contentful-paint"] ?? NaN,
        wasmStart: wasm ? wasm.startTime : NaN,
        wasmEnd: wasm ? wasm.responseEnd : NaN,
        resources: performance.getEntriesByType("resource").length,
        transferred: performance.getEntriesByType("resource").reduce((a, e) => a + e.transferSize, nav.transferSize),
      };
    });
    if (i > 0) loads.push({ ...timing, wall });
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

const cpu = cpus();
const ms = (n) => n.toFixed(1);
const row = (label, key) => {
  const values = loads.map((l) => l[key]);
  return `| ${label} | ${ms(median(values))} | ${ms(Math.min(...values))} – ${ms(Math.max(...values))} |`;
};
const out = [
  `Command: \`make bench-compare\` (\`node benches/compare/page-speed.mjs\`). Machine: ${cpu.length} × ${cpu[0].model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node ${process.version}; Chromium ${browser.version()} (${CHROMIUM}, headless). Date: ${new Date().toISOString().slice(0, 10)}.`,
  `Page's .wasm sha256 ${createHash("sha256").update(readFileSync(join(root, "dist/www/pkg/cluster_check_bg.wasm"))).digest("hex").slice(0, 12)}. Load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${loadavg()[0].toFixed(2)}.`,
  "",
  `dist/www served by scripts/serve.mjs on 127.0.0.1 (same process), ${LOADS} loads counted after one not counted, each in a new browser context with the HTTP cache disabled, 1280 × 900. Milliseconds from navigation start (performance.now() in the page).`,
  "",
  "| from navigation start to | ms (median) | min – max |",
  "|---|---:|---:|",
  row("last byte of the HTML", "responseEnd"),
  row("first contentful paint", "fcp"),
  row("DOMContentLoaded done", "domContentLoaded"),
  row("request for `cluster_check_bg.wasm` made (after the module graph loaded)", "wasmStart"),
  row("last byte of `cluster_check_bg.wasm`", "wasmEnd"),
  row("load event done", "load"),
  row("**first result in the DOM** (verdict box shows the empty form's verdict)", "dom"),
  row("**first result's frame** (in the next animation frame, just before it paints)", "frame"),
  row("same, measured from Node: `page.goto` called → first result seen", "wall"),
  "",
  `The first result shown: "${loads[0].text}" (status ${loads[0].status}). ${loads[0].resources} requests after the HTML, ${loads[0].transferred.toLocaleString("en-US")} bytes transferred (uncompressed: the local server does not gzip).`,
];
console.log(out.join("\n"));
