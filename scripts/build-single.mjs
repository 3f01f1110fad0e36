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

const read = (path) => readFileSync(`${WWW}${path}`);
const wasm = read("pkg/cluster_check_bg.wasm");

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
export const { evaluate, evaluateMany, rulesets, version } = engine;
`;

// The glue's fallback, used only when init() is called without bytes, fetches the .wasm
// next to the module: dead code here, but Vite would turn it into an asset file that the
// single file does not have. It is replaced by an error that says why.
const FETCH_FALLBACK = "new URL('cluster_check_bg.wasm', import.meta.url)";

const singleFile = {
  name: "cluster-check-single-file",
  enforce: "pre",
  resolveId(source, importer) {
    if (source === ENGINE_ID) return ENGINE_ID;
    if (!importer || !source.startsWith(".") || !isAbsolute(importer)) return null;
    const target = resolve(dirname(importer), source);
    return target === resolve(`${WWW}pkg/index.js`) || target === resolve(`${WWW}pkg/engine.js`) ? ENGINE_ID : null;
  },
  load(id) {
    return id === ENGINE_ID ? ENGINE_SOURCE : null;
  },
  transform(code, id) {
    if (!id.endsWith("/pkg/cluster_check.js")) return null;
    if (!code.includes(FETCH_FALLBACK)) throw new Error(`pkg/cluster_check.js no longer has ${FETCH_FALLBACK}: update scripts/build-single.mjs`);
    return code.replace(FETCH_FALLBACK, `(() => { throw new Error("cluster-check single file: the engine is built in, there is no .wasm to fetch"); })()`);
  },
};

const result = await build({
  configFile: false,
  root: WWW,
  logLevel: "warn",
  publicDir: false,
  plugins: [singleFile],
  build: {
    write: false,
    target: "es2022",
    minify: true,
    modulePreload: false,
    assetsInlineLimit: 0,
    rolldownOptions: {
      input: `${WWW}main.js`,
      output: { format: "es", codeSplitting: false, entryFileNames: "bundle.js" },
    },
  },
});
const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
const chunks = outputs.filter((o) => o.type === "chunk");
const assets = outputs.filter((o) => o.type === "asset");
if (chunks.length !== 1 || assets.length !== 0) {
  throw new Error(`expected one chunk and no asset, got ${outputs.map((o) => o.fileName).join(", ")}`);
}
let script = chunks[0].code.trim();
for (const [what, pattern] of [
  ["an import", /\bimport\s*\(|^\s*import\s[^;]*\sfrom\s/m],
  ["a request for the .wasm", /cluster_check_bg\.wasm/],
]) {
  if (pattern.test(script)) throw new Error(`the bundle still has ${what}`);
}
// Inside <script>, "</script" would end the element early and "<!--" changes how the rest
// is parsed. In JavaScript, "<\/" is the same string as "</" wherever it can occur.
script = script.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");

const css = read("page.css").toString("utf8").trim();
const favicon = `data:image/svg+xml;base64,${read("favicon.svg").toString("base64")}`;
const hash = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const csp = [
  "default-src 'none'",
  `script-src ${hash(script)} 'wasm-unsafe-eval'`,
  `style-src ${hash(css)}`,
  "img-src data:",
  "font-src 'none'",
  "connect-src 'none'",
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
// Everything is inline here: the preloads of the hosted page (build-www.mjs) name nothing.
html = html.replace(/<link rel="(?:modulepreload|preload)" [^>]*>\n?/g, "");
if (/\b(src|href)="\.\//.test(html)) throw new Error("dist/cluster-check.html still refers to a file beside it");

mkdirSync(`${ROOT}dist`, { recursive: true });
writeFileSync(OUT, html);
console.log(`dist/cluster-check.html (${Math.round(Buffer.byteLength(html) / 1024)} KiB: page, element, engine and .wasm inline)`);
