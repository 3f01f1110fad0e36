// Bundles the page's modules of dist/www (after build-www.mjs has minified them and
// build-single.mjs has made the single file from them): main.js and everything it imports,
// statically or not, into a few chunks (rolldown), so that a first visit over a slow link
// makes 6 requests instead of 24 (every request pays the link's latency; over HTTP/1.1 the
// browser runs only six at once). The views loaded later (the batch view, the roster part)
// are chunks of their own, fetched when first shown; the workers and the package's files
// stay as they are beside them (a worker is a module graph of its own). The head of
// index.html names the first visit's chunks and the .wasm again, in place of the modules'.
//
//   node scripts/bundle-www.mjs        (`make www` runs it last)
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { rolldown } from "rolldown";

const WWW = fileURLToPath(new URL("../dist/www/", import.meta.url));
const { DEFAULT_RULESET } = await import(new URL("pkg/rulesets/index.js", `file://${WWW}`).href);

const bundle = await rolldown({ input: { main: join(WWW, "main.js") }, cwd: WWW, logLevel: "warn" });
const out = mkdtempSync(join(tmpdir(), "cluster-check-bundle-"));
const { output } = await bundle.write({ dir: out, format: "es", minify: true, entryFileNames: "[name].js", chunkFileNames: "chunk-[name]-[hash].js" });
await bundle.close();

// A chunk finds the .wasm beside the package's modules, where the glue found it beside itself.
const WASM_URL = /new URL\(\s*(["'`])(?:\.\/)?(cluster_check(?:_roster)?_bg\.wasm)\1/g;
for (const chunk of output) {
  if (chunk.type !== "chunk") continue;
  writeFileSync(join(out, chunk.fileName), chunk.code.replace(WASM_URL, 'new URL("./pkg/$2"'));
}

// The first visit's chunks: main's, the element's, the engine's and the default catalog's,
// with what they import statically.
const chunks = output.filter((c) => c.type === "chunk");
const byFacade = (path) => chunks.find((c) => c.facadeModuleId === join(WWW, path));
const first = [chunks.find((c) => c.isEntry), byFacade("pkg/element.js"), byFacade("pkg/engine.js"), byFacade(`pkg/rulesets/${DEFAULT_RULESET}.js`)];
if (first.some((c) => !c)) throw new Error("bundle-www: a chunk of the first visit was not found (main, element, engine, default catalog)");
const wanted = [];
const visit = (chunk) => {
  if (wanted.includes(chunk.fileName)) return;
  wanted.push(chunk.fileName);
  for (const name of chunk.imports) visit(chunks.find((c) => c.fileName === name));
};
first.forEach(visit);
const code = wanted.map((name) => readFileSync(join(out, name), "utf8"));
if (!code.some((text) => text.includes('new URL("./pkg/cluster_check_bg.wasm"'))) throw new Error("bundle-www: the engine's .wasm URL was not found in the first visit's chunks");

cpSync(out, WWW, { recursive: true });
rmSync(out, { recursive: true, force: true });

const indexPath = join(WWW, "index.html");
const index = readFileSync(indexPath, "utf8").replace(/\n<link rel="(?:modulepreload|preload)"[^>]*>/g, "");
const entry = '<script type="module" src="./main.js"></script>';
if (!index.includes(entry)) throw new Error(`index.html: ${entry} not found`);
const links = [
  '<link rel="preload" href="./pkg/cluster_check_bg.wasm" as="fetch" type="application/wasm" crossorigin fetchpriority="high">',
  ...wanted.filter((name) => name !== "main.js").map((name) => `<link rel="modulepreload" href="./${name}">`),
];
writeFileSync(indexPath, index.replace(entry, `${entry}\n${links.join("\n")}`));
console.log(`dist/www bundled: ${chunks.length} chunks, ${wanted.length} for the first visit (${wanted.join(", ")})`);
