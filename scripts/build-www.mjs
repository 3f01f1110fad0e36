// Assembles the page for static hosting: dist/www/ holds www/ and, in dist/www/pkg/, the
// npm package's browser files (the page imports ./pkg/index.js).
import { cpSync, rmSync, mkdirSync } from "node:fs";

const at = (path) => new URL(`../${path}`, import.meta.url);
rmSync(at("dist/www"), { recursive: true, force: true });
mkdirSync(at("dist/www/pkg"), { recursive: true });
cpSync(at("www"), at("dist/www"), { recursive: true });
for (const file of ["index.js", "api.js", "cluster_check.js", "cluster_check_bg.wasm"]) {
  cpSync(at(`pkg/${file}`), at(`dist/www/pkg/${file}`));
}
console.log("dist/www");
