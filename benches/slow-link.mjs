// The page's first visit over a slow county link, in Debian's Chromium with the network
// throttled through the DevTools protocol (Network.emulateNetworkConditions): 500 kbit/s
// each way and 400 ms round-trip time, the cache empty. Measured from navigation start:
// when the first text is painted (first-contentful-paint), when the first result is shown
// (the element's verdict, with the engine loaded), how many requests and bytes, and how
// many request levels (a module requested only once the one importing it has arrived is a
// level deeper). Median of RUNS (default 3) fresh visits, served twice: as scripts/serve.mjs
// serves it (no compression), and gzipped, as any production web server is set up to
// (nginx `gzip on`; the same files, compressed on the fly here with node:zlib).
//
//   make www && node benches/slow-link.mjs      (WWW_DIR=… measures another build of the page)
//
// Prints Markdown for BENCHMARKS.md.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";
import { startServer } from "../scripts/serve.mjs";
import { launch } from "../tests/browser/chromium.mjs";

const RUNS = Number(process.env.RUNS ?? 3);
const ROOT = process.env.WWW_DIR ?? new URL("../dist/www", import.meta.url).pathname;
const KBIT = 500;
const RTT_MS = 400;

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml", ".wasm": "application/wasm" };

/** dist/www, gzipped where the browser accepts it (a production server's usual setting). */
function gzipServer() {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    try {
      const body = await readFile(join(ROOT, path.endsWith("/") ? `${path}index.html` : path));
      const gzip = /\bgzip\b/.test(request.headers["accept-encoding"] ?? "");
      response.writeHead(200, { "content-type": TYPES[extname(path) || ".html"] ?? "application/octet-stream", ...(gzip ? { "content-encoding": "gzip" } : {}) });
      response.end(gzip ? gzipSync(body, { level: 6 }) : body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` })));
}

const browser = await launch();

async function visit(url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: RTT_MS,
    downloadThroughput: (KBIT * 1000) / 8,
    uploadThroughput: (KBIT * 1000) / 8,
  });
  // Each request: when it started and what had finished before it (its level).
  const requests = new Map();
  const finished = [];
  let bytes = 0;
  cdp.on("Network.requestWillBeSent", (e) => {
    const level = 1 + Math.max(0, ...finished.filter((f) => f.end <= e.timestamp).map((f) => f.level));
    requests.set(e.requestId, { url: e.request.url, start: e.timestamp, level });
  });
  cdp.on("Network.loadingFinished", (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    bytes += e.encodedDataLength;
    finished.push({ end: e.timestamp, level: r.level });
  });
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => document.querySelector("#app")?.shadowRoot?.querySelector('.cc[data-ready="true"] .cc-verdict[data-status]'), null, { timeout: 120_000, polling: 50 });
  const times = await page.evaluate(() => {
    const paint = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null;
    return { paint, result: performance.now() };
  });
  // Level of a request: 1 + the deepest level among requests finished before it started (the
  // document is level 1). Only requests to the page's own server count.
  const own = [...requests.values()].filter((r) => r.url.startsWith(url));
  const levels = Math.max(...own.map((r) => r.level));
  await context.close();
  return { paint: times.paint, result: times.result, requests: own.length, levels, bytes };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const rows = [];
for (const [label, start] of [["no compression (scripts/serve.mjs)", () => startServer({ root: ROOT, port: 0 })], ["gzip", gzipServer]]) {
  const { server, url } = await start();
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await visit(url));
  server.close();
  const m = (key) => median(runs.map((r) => r[key]));
  rows.push(`| ${label} | ${s(m("paint"))} | ${s(m("result"))} | ${m("requests")} | ${m("levels")} | ${Math.round(m("bytes") / 1024)} KiB |`);
  rows.push(`| | (runs: ${runs.map((r) => `${s(r.paint)} / ${s(r.result)}`).join(", ")}) | | | | |`);
}
await browser.close();

console.log(`${KBIT} kbit/s each way, ${RTT_MS} ms RTT, cache empty; median of ${RUNS} fresh visits\n`);
console.log(`| served | first text painted | first result shown | requests | request levels | bytes on the wire |`);
console.log(`|---|---|---|---|---|---|`);
for (const row of rows) console.log(row);
