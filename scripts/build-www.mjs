// Assembles the page for static hosting: dist/www/ holds www/ and, in dist/www/pkg/, the
// npm package's browser files (the page imports ./pkg/element.js, the <cluster-check>
// element, which imports ./index.js and the .wasm beside it). Which files those are is
// read from the package's own manifest (its "files": the modules, in their folders, and
// the .wasm, not the Node entry or the type declarations), so a module added to the
// package comes along.
import { cpSync, rmSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
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
console.log(`dist/www (pkg: ${browserFiles.join(", ")})`);
