// Assembles the page for static hosting: dist/www/ holds www/ and, in dist/www/pkg/, the
// npm package's browser files (the page imports ./pkg/element.js, the <cluster-check>
// element, which imports ./index.js and the .wasm beside it). Which files those are is
// read from the package's own manifest (its "files": the modules, in their folders, and
// the .wasm, not the Node entry or the type declarations), so a module added to the
// package comes along.
import { cpSync, rmSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
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

// The page's own words go into its HTML. Which modules and .wasm its head names for a first
// visit is bundle-www.mjs's to say, once it has bundled them (the single file, made before
// that from these modules, holds everything inline).
const indexPath = at("dist/www/index.html");
writeFileSync(indexPath, await withStaticText(readFileSync(indexPath, "utf8")));

// Then every module minified (oxc's minifier, through rolldown; the worker's and the package's
// files stay unbundled beside the page's chunks): about 40% fewer bytes gzipped for a first visit over a
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

console.log(`dist/www (pkg: ${browserFiles.join(", ")})`);

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

/** Every file under a folder (a URL), as paths. */
function walk(folder) {
  const root = fileURLToPath(folder);
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}
