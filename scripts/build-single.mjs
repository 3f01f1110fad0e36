// Builds dist/cluster-check.html: the whole page (dist/www, built by build-www.mjs) in one
// self-contained file, for a USB stick or an e-mail attachment. It works opened from disk
// (file://), with no server and no network: its JavaScript (the page, the element and the
// engine's glue, bundled by Vite into one module), its CSS and the engine's .wasm (as base64,
// instantiated from those bytes) are all inside it.
//
// ES modules cannot import each other from a file:// page, so everything is one inline
// module script. The engine's usual entries (pkg/index.js, pkg/engine.js) fetch the .wasm
// next to themselves; here every import of them (the element's and the page's) resolves
// instead to a small entry that instantiates the embedded bytes with the same glue and the
// same API (createApi), with every catalog inside.
//
// The batch view's worker (www/batch-worker.js) is bundled on its own, and its text is put
// into the page's bundle: the page starts it (a classic worker) from a blob: URL, the one thing its policy
// allows a worker to be (`worker-src blob:`), and hands it the engine's bytes and the
// catalogs it already holds, so that neither is in the file twice. A worker made from a
// blob: URL runs under the page's policy: it fetches nothing either. The batch view's
// stylesheet joins the page's. The roster engine (cluster_check_roster_bg.wasm, for a batch
// with an enterprise roster) is in the file as base64 text, decoded and instantiated by the
// worker only when a job has a roster: the page only hands the text on.
//
// The roster part's worker (www/roster-worker.js) is made the same way, and handed besides the
// roster engine's .wasm, which the file carries as base64 for it (the page's own engine does
// not count rosters); its stylesheet joins the page's too.
//
// The page keeps a strict Content-Security-Policy without 'unsafe-inline': the inline
// script and the inline stylesheet are allowed by their SHA-256 hashes, 'wasm-unsafe-eval'
// lets WebAssembly compile, and nothing may be fetched (default-src 'none'). The element's
// own stylesheet is a constructed stylesheet, which no style-src governs.
//
//   node scripts/build-single.mjs        (after `node scripts/build-www.mjs`; `make www` runs both)
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const WWW = `${ROOT}dist/www/`;
const OUT = `${ROOT}dist/cluster-check.html`;
const ENGINE_ID = "\0cluster-check-single-engine";
const WORKER_ENGINE_ID = "\0cluster-check-single-worker-engine";
const BATCH_START_ID = "\0cluster-check-single-batch-start";
const ROSTER_ENGINE_ID = "\0cluster-check-single-roster-engine";
const ROSTER_START_ID = "\0cluster-check-single-roster-start";

const read = (path) => readFileSync(`${WWW}${path}`);
const wasm = read("pkg/cluster_check_bg.wasm");
const rosterWasm = read("pkg/cluster_check_roster_bg.wasm");

/**
 * The engine for the single file: the same glue and API as pkg/index.js, instantiated from
 * bytes inside the bundle instead of a fetched file. WebAssembly.instantiate (through the
 * glue's init) compiles off the main thread, which the synchronous path (initSync) would not.
 */
const ENGINE_SOURCE = `
import init, * as glue from ${JSON.stringify(`${WWW}pkg/cluster_check.js`)};
import { createApi } from ${JSON.stringify(`${WWW}pkg/api.js`)};
import catalogs from ${JSON.stringify(`${WWW}pkg/rulesets/all.js`)};

const base64 = ${JSON.stringify(wasm.toString("base64"))};
const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
await init({ module_or_path: bytes });

export const engine = createApi(glue, catalogs);
export const { evaluate, evaluateMany, verdictsMany, rulesets, version } = engine;
// For the batch view's worker (BATCH_START_SOURCE): the roster engine as text, decoded there.
export const rosterWasm64 = ${JSON.stringify(rosterWasm.toString("base64"))};
export { bytes as wasmBytes, catalogs };
`;

/**
 * The batch worker's engine (in place of www/batch-engine.js): the same glue and API,
 * instantiated from the bytes and with the catalogs that the page sends in its first message.
 */
const WORKER_ENGINE_SOURCE = `
import init, * as glue from ${JSON.stringify(`${WWW}pkg/cluster_check.js`)};
import initRoster, * as rosterGlue from ${JSON.stringify(`${WWW}pkg/cluster_check_roster.js`)};
import { createApi } from ${JSON.stringify(`${WWW}pkg/api.js`)};

const missing = () => Promise.reject(new Error("cluster-check single file: the worker was started without the engine"));
let engine = null;
export function loadEngine(setup) {
  if (!setup) return missing();
  engine ??= init({ module_or_path: setup.wasm }).then(() => createApi(glue, setup.catalogs));
  return engine;
}

let roster = null;
export function loadRosterEngine(setup) {
  if (!setup?.rosterWasm64) return missing();
  roster ??= initRoster({ module_or_path: Uint8Array.from(atob(setup.rosterWasm64), (c) => c.charCodeAt(0)) }).then(() => createApi(rosterGlue, setup.catalogs));
  return roster;
}
`;

/** How the batch view starts its worker here (in place of www/batch-start.js): from the bundled worker's text. */
const batchStartSource = (workerCode) => `
import { wasmBytes, catalogs, rosterWasm64 } from ${JSON.stringify(ENGINE_ID)};

const source = ${JSON.stringify(workerCode)};
let url = null;
export function startWorker() {
  url ??= URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  const worker = new Worker(url, { name: "cluster-check-batch" });
  worker.postMessage({ type: "setup", wasm: wasmBytes, catalogs, rosterWasm64 });
  return worker;
}
// batch.css is inside the file's one stylesheet.
export const loadStyles = () => Promise.resolve();
`;

/**
 * The roster worker's engine (in place of www/roster-engine.js): the roster glue and the same
 * API, instantiated from the bytes and with the catalogs that the page sends in its first message.
 */
const ROSTER_ENGINE_SOURCE = `
import init, * as glue from ${JSON.stringify(`${WWW}pkg/cluster_check_roster.js`)};
import { createApi } from ${JSON.stringify(`${WWW}pkg/api.js`)};

let engine = null;
export function loadEngine(setup) {
  if (!setup) return Promise.reject(new Error("cluster-check single file: the roster worker was started without its engine"));
  engine ??= init({ module_or_path: setup.wasm }).then(() => createApi(glue, setup.catalogs));
  return engine;
}
`;

/** How the roster part starts its worker here (in place of www/roster-start.js): from the bundled worker's text. */
const rosterStartSource = (workerCode) => `
import { catalogs, rosterWasm64 as base64 } from ${JSON.stringify(ENGINE_ID)};

const source = ${JSON.stringify(workerCode)};
let url = null;
let wasm = null;
export function startWorker() {
  url ??= URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  wasm ??= Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const worker = new Worker(url, { name: "cluster-check-roster" });
  worker.postMessage({ type: "setup", wasm, catalogs });
  worker.postMessage({ type: "warm" });
  return worker;
}
// roster.css is inside the file's one stylesheet.
export const loadStyles = () => Promise.resolve();
`;

// The glues' fallback, used only when init() is called without bytes, fetches the .wasm
// next to the module: dead code here, but Vite would turn it into an asset file that the
// single file does not have. It is replaced by an error that says why.
const fetchOf = (wasm) => new RegExp(`new URL\\(\\s*["'\`]${wasm.replace(/\./g, "\\.")}["'\`]\\s*,\\s*import\\.meta\\.url\\s*\\)`);
const FETCH_FALLBACKS = {
  "/pkg/cluster_check.js": fetchOf("cluster_check_bg.wasm"),
  "/pkg/cluster_check_roster.js": fetchOf("cluster_check_roster_bg.wasm"),
};

/**
 * A Vite plugin that puts modules of the single file in place of files of dist/www:
 * `replaced` maps a file (relative to dist/www) to the id of a virtual module, `sources`
 * maps each id to its source.
 */
const singleFile = (replaced, sources) => ({
  name: "cluster-check-single-file",
  enforce: "pre",
  resolveId(source, importer) {
    if (source in sources) return source;
    if (!importer || !source.startsWith(".") || !isAbsolute(importer)) return null;
    const target = resolve(dirname(importer), source);
    const file = Object.keys(replaced).find((name) => resolve(`${WWW}${name}`) === target);
    return file ? replaced[file] : null;
  },
  load(id) {
    return sources[id] ?? null;
  },
  transform(code, id) {
    const glue = Object.keys(FETCH_FALLBACKS).find((end) => id.endsWith(end));
    if (!glue) return null;
    const fallback = FETCH_FALLBACKS[glue];
    if (!fallback.test(code)) throw new Error(`pkg${glue.slice(4)} no longer has ${fallback}: update scripts/build-single.mjs`);
    return code.replace(fallback, `(() => { throw new Error("cluster-check single file: the engine is built in, there is no .wasm to fetch"); })()`);
  },
});

/** One module (`input`, in dist/www) bundled into one self-contained script, checked. */
async function bundle(input, plugin, format = "es") {
  const result = await build({
    configFile: false,
    root: WWW,
    logLevel: "warn",
    publicDir: false,
    plugins: [plugin],
    build: {
      write: false,
      target: "es2022",
      minify: true,
      modulePreload: false,
      assetsInlineLimit: 0,
      rolldownOptions: {
        input: `${WWW}${input}`,
        // A classic script has no import.meta: nothing here needs it (the one use, the
        // glue's URL of the .wasm, is replaced above; Vite's preload helper has no files to preload).
        ...(format === "iife" ? { transform: { define: { "import.meta": "{}" } } } : {}),
        output: { format, codeSplitting: false, entryFileNames: "bundle.js" },
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const chunks = outputs.filter((o) => o.type === "chunk");
  const assets = outputs.filter((o) => o.type === "asset");
  if (chunks.length !== 1 || assets.length !== 0) {
    throw new Error(`${input}: expected one chunk and no asset, got ${outputs.map((o) => o.fileName).join(", ")}`);
  }
  const code = chunks[0].code.trim();
  for (const [what, pattern] of [
    ["an import", /\bimport\s*\(|^\s*import\s[^;]*\sfrom\s/m],
    ["a request for a .wasm", /cluster_check(_roster)?_bg\.wasm/],
    ["a URL of a file beside it", /new URL\(\s*["'`]\.\//],
  ]) {
    if (pattern.test(code)) throw new Error(`${input}: the bundle still has ${what}`);
  }
  return code;
}

// A classic script: Chromium does not start a module worker from a blob: URL on a page
// opened from disk (its origin is opaque), and a classic one needs no module features here.
const workerCode = await bundle("batch-worker.js", singleFile({ "batch-engine.js": WORKER_ENGINE_ID }, { [WORKER_ENGINE_ID]: WORKER_ENGINE_SOURCE }), "iife");
const rosterWorkerCode = await bundle(
  "roster-worker.js",
  singleFile({ "roster-engine.js": ROSTER_ENGINE_ID }, { [ROSTER_ENGINE_ID]: ROSTER_ENGINE_SOURCE }),
  "iife",
);
let script = await bundle(
  "main.js",
  singleFile(
    { "pkg/index.js": ENGINE_ID, "pkg/engine.js": ENGINE_ID, "batch-start.js": BATCH_START_ID, "roster-start.js": ROSTER_START_ID },
    { [ENGINE_ID]: ENGINE_SOURCE, [BATCH_START_ID]: batchStartSource(workerCode), [ROSTER_START_ID]: rosterStartSource(rosterWorkerCode) },
  ),
);
// Inside <script>, "</script" would end the element early and "<!--" changes how the rest
// is parsed. In JavaScript, "<\/" is the same string as "</" wherever it can occur.
script = script.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");

const css = ["page.css", "batch.css", "roster.css"].map((name) => read(name).toString("utf8").trim()).join("\n");
const favicon = `data:image/svg+xml;base64,${read("favicon.svg").toString("base64")}`;
const hash = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const csp = [
  "default-src 'none'",
  `script-src ${hash(script)} 'wasm-unsafe-eval'`,
  `style-src ${hash(css)}`,
  "img-src data:",
  "font-src 'none'",
  "connect-src 'none'",
  "worker-src blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

let html = read("index.html").toString("utf8");
const replaceOnce = (pattern, replacement) => {
  const matches = html.match(new RegExp(pattern.source, "g")) ?? [];
  if (matches.length !== 1) throw new Error(`dist/www/index.html: expected one ${pattern}, found ${matches.length}`);
  html = html.replace(pattern, () => replacement);
};
replaceOnce(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
replaceOnce(/<link rel="icon" href="\.\/favicon\.svg" type="image\/svg\+xml">/, `<link rel="icon" href="${favicon}" type="image/svg+xml">`);
replaceOnce(/<link rel="stylesheet" href="\.\/page\.css">/, `<style>${css}</style>`);
replaceOnce(/<script type="module" src="\.\/main\.js"><\/script>/, `<script type="module">${script}</script>`);
// Everything is inline here: no preload of the hosted page applies (bundle-www.mjs writes those later).
html = html.replace(/<link rel="(?:modulepreload|preload)" [^>]*>\n?/g, "");
if (/\b(src|href)="\.\//.test(html)) throw new Error("dist/cluster-check.html still refers to a file beside it");

mkdirSync(`${ROOT}dist`, { recursive: true });
writeFileSync(OUT, html);
console.log(
  `dist/cluster-check.html (${Math.round(Buffer.byteLength(html) / 1024)} KiB: page, element, engine and .wasm inline; the batch worker ${Math.round(workerCode.length / 1024)} KiB, the roster worker ${Math.round(rosterWorkerCode.length / 1024)} KiB and its .wasm ${Math.round((rosterWasm.length * 4) / 3 / 1024)} KiB of it)`,
);
