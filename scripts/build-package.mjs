// Assembles the npm package from wasm-pack's output and js/, writes the files generated from
// the ruleset files (each ruleset's catalog, the module that lists them, index.d.ts) with
// cluster-check-emit, then packs it (the tarball the tests install, exactly as a user would
// get it). PKG_DIR (default pkg) and NPM_DIR (default target/npm) choose the folders;
// CLUSTER_CHECK_EXTRA_RULESETS adds ruleset folders, as it does for the engine's build.
import { copyFileSync, readFileSync, readdirSync, writeFileSync, rmSync, mkdirSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { delimiter } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "rolldown";

const root = new URL("../", import.meta.url);
const pkgDir = (process.env.PKG_DIR ?? "pkg").replace(/\/$/, "");
const npmDir = process.env.NPM_DIR ?? "target/npm";
const at = (path) => new URL(path.replace(/^pkg\//, `${pkgDir}/`), root);

const cargo = readFileSync(at("Cargo.toml"), "utf8");
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargo)?.[1];
if (!version) throw new Error("no version in Cargo.toml");

for (const generated of ["pkg/package.json", "pkg/README.md", "pkg/.gitignore", "pkg/index.d.ts"]) {
  rmSync(at(generated), { force: true });
}
for (const folder of ["pkg/ui", "pkg/rulesets", "pkg/sheet"]) rmSync(at(folder), { recursive: true, force: true });
mkdirSync(at("pkg/ui"));
mkdirSync(at("pkg/sheet/vendor"), { recursive: true });

// The catalogs and the declarations, from the same compiled rulesets as the engine's tables.
const folders = ["src/rulesets", ...(process.env.CLUSTER_CHECK_EXTRA_RULESETS ?? "").split(delimiter).filter(Boolean)];
execFileSync(
  "cargo",
  ["run", "--quiet", "-p", "cluster-check-model", "--features", "load", "--bin", "cluster-check-emit", "--",
    "--out", pkgDir, ...folders.flatMap((folder) => ["--rulesets", folder])],
  { cwd: root, stdio: "inherit" },
);

for (const file of [
  "api.js",
  "render.js",
  "engine.js",
  "index.js",
  "node.js",
  "element.js",
  "element.d.ts",
  "cli.js",
  "roster.js",
  "roster-node.js",
  "roster.d.ts",
  "ui/mount.js",
  "ui/fields.js",
  "ui/decimal.js",
  "ui/i18n.js",
  "ui/dom.js",
  ...readdirSync(at("js/sheet")).filter((name) => /\.(js|d\.ts)$/.test(name)).map((name) => `sheet/${name}`),
  "README.md",
]) {
  copyFileSync(at(`js/${file}`), at(`pkg/${file}`));
}
// The spreadsheet code's libraries, bundled into the package from the exact versions in
// package-lock.json: the package keeps no dependencies, and its browser files keep working
// when copied to a static host (a bare `import "fflate"` would not resolve there).
// write-excel-file zips with fflate's asynchronous zip(), which compresses a file over 160 KB
// in a Web Worker started from a blob: URL: Node has no Worker, and a page whose
// Content-Security-Policy is strict (no blob: workers) refuses it. Its own synchronous
// zip does the same work on the calling thread, which is a worker already when the page
// runs the batch in one; the library's promise-returning zip step is pointed at it.
const ASYNC_ZIP = "write-excel-file/modules/zip/zipToArrayBuffer.js";
const zipOnTheCallingThread = {
  name: "zip-on-the-calling-thread",
  load(id) {
    if (!id.replaceAll("\\", "/").endsWith(ASYNC_ZIP)) return null;
    return 'import zipSync from "./zipToArrayBufferSync.js";\nexport default (files) => Promise.resolve(files).then(zipSync);\n';
  },
};
const VENDORED = {
  "sheet/vendor/read.js": ["fflate", "saxen"],
  "sheet/vendor/write.js": ["write-excel-file", "fflate"],
};
for (const [file, libraries] of Object.entries(VENDORED)) {
  const licences = libraries.map((name) => {
    const { version, license } = JSON.parse(readFileSync(at(`node_modules/${name}/package.json`), "utf8"));
    const text = readFileSync(at(`node_modules/${name}/LICENSE`), "utf8").trim().replaceAll("*/", "* /");
    return `${name} ${version} (${license})\n\n${text}`;
  });
  const { output } = await build({
    input: fileURLToPath(at(`js/${file}`)),
    platform: "browser",
    write: false,
    logLevel: "warn",
    plugins: [zipOnTheCallingThread],
    output: { format: "esm", minify: true },
  });
  if (output.length !== 1) throw new Error(`${file}: expected one bundle, got ${output.length} files`);
  if (output[0].code.includes("new Worker(")) throw new Error(`${file}: starts a Worker (has write-excel-file moved its zip step? see zipOnTheCallingThread)`);
  const banner = `/*! Bundled from npm by scripts/build-package.mjs from js/${file}.\n\n${licences.join("\n\n")}\n*/\n`;
  writeFileSync(at(`pkg/${file}`), banner + output[0].code);
}

// The element's stylesheet, as a module: the element adopts it as a constructed stylesheet,
// which needs no request and no <style> element (see js/element.js). The comments, which
// document the custom properties in js/ui/element.css, stay there.
const css = readFileSync(at("js/ui/element.css"), "utf8")
  .replace(/\/\*[\s\S]*?\*\//g, "")
  .replace(/\n\s*\n/g, "\n")
  .trim();
if (/\/\*|\*\//.test(css)) throw new Error("js/ui/element.css: a comment did not strip cleanly");
writeFileSync(
  at("pkg/ui/styles.js"),
  `// Generated by scripts/build-package.mjs from js/ui/element.css (edit that file).\nexport default ${JSON.stringify(css)};\n`,
);
copyFileSync(new URL("LICENSE", root), at("pkg/LICENSE"));
const manifest = JSON.parse(readFileSync(new URL("js/package.json", root), "utf8"));
manifest.version = version;
for (const file of manifest.files) {
  if (!existsSync(at(`pkg/${file}`))) throw new Error(`${pkgDir}/${file} is listed in files but missing`);
}
writeFileSync(at("pkg/package.json"), JSON.stringify(manifest, null, 2) + "\n");

mkdirSync(new URL(`${npmDir}/`, root), { recursive: true });
const out = execFileSync("npm", ["pack", `./${pkgDir}`, "--pack-destination", npmDir, "--json"], {
  cwd: root,
  encoding: "utf8",
});
const [{ filename }] = JSON.parse(out);
console.log(`${npmDir}/${filename}`);
