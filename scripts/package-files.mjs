// Which files of the built package a browser needs: every module and the .wasm, not the
// Node entry nor the type declarations, and the catalogs (as modules and as JSON), read
// from the package's own manifest ("files": files, and folders whose every file ships), so
// that a module or a ruleset added to the package comes along. Used by the page's build
// and by the browser tests that copy the package into a host.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** Every file under a folder, as paths relative to `root` with "/" separators. */
function walk(root, folder) {
  return readdirSync(join(root, folder)).flatMap((name) => {
    const path = join(folder, name);
    return statSync(join(root, path)).isDirectory() ? walk(root, path) : [relative(root, join(root, path)).split(sep).join("/")];
  });
}

/** The browser files of the package built in `pkgDir`. */
export function browserFiles(pkgDir) {
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  // The Node entry and the command line (the manifest's bin) are not for a browser.
  const nodeOnly = new Set([manifest.main, ...Object.values(manifest.bin ?? {})].map((file) => file.replace(/^\.\//, "")));
  const files = manifest.files.flatMap((file) => (file.endsWith("/") ? walk(pkgDir, file.slice(0, -1)) : [file]));
  const chosen = files.filter((file) => (file.endsWith(".js") && !nodeOnly.has(file)) || file.endsWith(".wasm") || file.endsWith(".json"));
  for (const needed of ["index.js", "engine.js", "element.js", "cluster_check_bg.wasm", "rulesets/index.js"]) {
    if (!chosen.includes(needed)) throw new Error(`the package does not list ${needed}`);
  }
  return chosen;
}
