// Assembles the page for static hosting: dist/www/ holds www/ and, in dist/www/pkg/, the
// npm package's browser files (the page imports ./pkg/element.js, the <cluster-check>
// element, which imports ./index.js and the .wasm beside it). Which files those are is
// read from the package's own manifest (its "files": the modules, in their folders, and
// the .wasm, not the Node entry or the type declarations), so a module added to the
// package comes along.
import { cpSync, rmSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const at = (path) => new URL(`../${path}`, import.meta.url);
const manifest = JSON.parse(readFileSync(at("pkg/package.json"), "utf8"));
// The command line (the manifest's bin) is for Node, like the Node entry: not for the page.
const nodeOnly = new Set([manifest.main, ...Object.values(manifest.bin ?? {})].map((file) => file.replace(/^\.\//, "")));
const browserFiles = manifest.files.filter((file) => (file.endsWith(".js") && !nodeOnly.has(file)) || file.endsWith(".wasm"));
for (const needed of ["index.js", "element.js", "cluster_check_bg.wasm"]) {
  if (!browserFiles.includes(needed)) throw new Error(`pkg/package.json does not list ${needed}`);
}

rmSync(at("dist/www"), { recursive: true, force: true });
mkdirSync(at("dist/www/pkg"), { recursive: true });
cpSync(at("www"), at("dist/www"), { recursive: true });
for (const file of browserFiles) {
  mkdirSync(dirname(fileURLToPath(at(`dist/www/pkg/${file}`))), { recursive: true });
  cpSync(at(`pkg/${file}`), at(`dist/www/pkg/${file}`));
}
console.log(`dist/www (pkg: ${browserFiles.join(", ")})`);
