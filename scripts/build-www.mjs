// Assembles the page for static hosting: dist/www/ holds www/ and, in dist/www/pkg/, the
// npm package's browser files (the page imports ./pkg/element.js, the <cluster-check>
// element, which imports ./index.js and the .wasm beside it). Which files those are is
// read from the package's own manifest (its "files": the modules, in their folders, and
// the .wasm, not the Node entry or the type declarations), so a module added to the
// package comes along.
import { cpSync, rmSync, mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { minifySync } from "rolldown/utils";
import { browserFiles as packageBrowserFiles } from "./package-files.mjs";

const at = (path) => new URL(`../${path}`, import.meta.url);
const browserFiles = packageBrowserFiles(fileURLToPath(at("pkg")));

rmSync(at("dist/www"), { recursive: true, force: true });
mkdirSync(at("dist/www/pkg"), { recursive: true });
cpSync(at("www"), at("dist/www"), { recursive: true });
for (const file of browserFiles) {
  mkdirSync(dirname(fileURLToPath(at(`dist/www/pkg/${file}`))), { recursive: true });
  cpSync(at(`pkg/${file}`), at(`dist/www/pkg/${file}`));
}

// (bundle-www.mjs, run after the single file is made, bundles these modules into chunks and
// names those in the head instead; the preloads written here are the unbundled page's.)
// One request level instead of five or six over a slow link: every module the first visit
// loads, and the .wasm, are named in the page's <head> so the browser fetches them all at
// once. The list is the import graph of main.js as written (static imports, and dynamic
// ones of the package with a literal path: the element and the engine are loaded at once
// too; a view imported when first shown is not), read from the files themselves, so it
// follows the code.
// Of the catalogs (pkg/rulesets/<id>.js, each imported by its loader when its document is
// shown), only the default document's: the one a first visit shows.
const { DEFAULT_RULESET } = await import(at("dist/www/pkg/rulesets/index.js"));
const preloads = moduleGraph("main.js", (path) => !/^pkg\/rulesets\/(?!index\.js$)/.test(path) || path === `pkg/rulesets/${DEFAULT_RULESET}.js`).filter(
  (path) => path !== "main.js",
);
// The .wasm a preloaded module names: the engine's, not the roster engine's (cluster-check/roster,
// loaded with the roster part when it is opened).
const preloaded = preloads.map((path) => readFileSync(at(`dist/www/${path}`), "utf8"));
const wasm = browserFiles
  .filter((file) => file.endsWith(".wasm") && preloaded.some((code) => code.includes(posix.basename(file))))
  .map((file) => `pkg/${file}`);
// The .wasm first and at high priority: it is the largest file and the last the first result
// waits for (a fetch preload is otherwise fetched after the modules, sharing the link).
const links = [
  ...wasm.map((path) => `<link rel="preload" href="./${path}" as="fetch" type="application/wasm" crossorigin fetchpriority="high">`),
  ...preloads.map((path) => `<link rel="modulepreload" href="./${path}">`),
];
const indexPath = at("dist/www/index.html");
const index = await withStaticText(readFileSync(indexPath, "utf8"));
const entry = '<script type="module" src="./main.js"></script>';
if (!index.includes(entry)) throw new Error(`www/index.html: ${entry} not found`);
writeFileSync(indexPath, index.replace(entry, `${entry}\n${links.join("\n")}`));

// Then every module minified, once the import graph above has been read from the sources
// (oxc's minifier, through rolldown): about 40% fewer bytes gzipped for a first visit over a
// slow link. A module that begins with a legal comment (/*! …: the bundled vendor libraries,
// minified already) is left as it is.
for (const file of walk(at("dist/www"))) {
  if (!file.endsWith(".js")) continue;
  const code = readFileSync(file, "utf8");
  if (code.startsWith("/*!")) continue;
  const out = minifySync(file, code, { module: true, compress: true, mangle: true });
  if (out.errors?.length) throw new Error(`${file}: ${out.errors.map((e) => e.message).join("; ")}`);
  writeFileSync(file, out.code);
}

console.log(`dist/www (pkg: ${browserFiles.join(", ")}; ${preloads.length} modules and ${wasm.length} .wasm preloaded)`);

/**
 * The page's own words in the HTML itself, in the default language, so that a slow link shows
 * text before any script has arrived: every element marked data-i18n gets its text, every
 * data-i18n-label its aria-label, from page-text.js (and, for the re-review's words, the
 * default document's, from the package's list of rulesets). main.js sets them again, in the
 * reader's language, when it runs.
 */
async function withStaticText(html) {
  const { DEFAULT_LANGUAGE, pageText, setDocumentTexts } = await import(at("dist/www/page-text.js"));
  const { DEFAULT_RULESET, RULESETS } = await import(at("dist/www/pkg/rulesets/index.js"));
  setDocumentTexts(RULESETS.find((r) => r.id === DEFAULT_RULESET));
  const text = (key) => pageText(DEFAULT_LANGUAGE, key).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  return html
    .replace(/(<(\w+)\b[^>]*\bdata-i18n="([\w.]+)"[^>]*>)(<\/\2>)/g, (whole, open, tag, key, close) => `${open}${text(key)}${close}`)
    .replace(/\bdata-i18n-label="([\w.]+)"/g, (whole, key) => `${whole} aria-label="${text(key)}"`)
    .replace(/(<button\b[^>]*\bid="lang-toggle"[^>]*>)(<\/button>)/, (whole, open, close) => `${open.replace(">", ` lang="${text("page.toggleLang")}">`)}${text("page.toggle")}${close}`);
}

/**
 * The modules `start` (a path under dist/www) imports, directly or not, by a relative path
 * written as a string literal: `import … from "./x.js"`, `export … from "./x.js"`,
 * `import "./x.js"`, `import("./x.js")`. Comments are left out first. In load order, each once.
 * A module of the package imported dynamically is followed when `wanted(path)` says so.
 */
function moduleGraph(start, wanted = () => true) {
  const seen = [];
  const visit = (path) => {
    if (seen.includes(path)) return;
    const file = at(`dist/www/${path}`);
    if (!existsSync(file)) return;
    seen.push(path);
    const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
    const specifiers = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(\.{1,2}\/[^"']+)\2/g;
    for (const [, how, , specifier] of code.matchAll(specifiers)) {
      const target = posix.normalize(posix.join(posix.dirname(path), specifier));
      // A dynamic import is a module loaded later, when a view needs it (the batch view),
      // except the package's own: the element and the engine start at once.
      if (how.includes("(") && (!target.startsWith("pkg/") || !wanted(target))) continue;
      visit(target);
    }
  };
  visit(start);
  return seen;
}

/** Every file under a folder (a URL), as paths. */
function walk(folder) {
  const root = fileURLToPath(folder);
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}
