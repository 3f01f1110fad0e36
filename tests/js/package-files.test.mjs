// The packed npm tarball (target/npm/cluster-check-<version>.tgz, built by `make package`):
// exactly the files its package.json lists, a complete manifest, and the same files as the
// copy installed in node_modules that the other tests run against.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const VERSION = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, "Cargo.toml"), "utf8"))?.[1];
const TARBALL = join(ROOT, "target", "npm", `cluster-check-${VERSION}.tgz`);

function tarball() {
  assert.ok(VERSION, "a version in Cargo.toml");
  assert.ok(existsSync(TARBALL), `${TARBALL} is missing: run make package`);
  const entries = execFileSync("tar", ["-tzf", TARBALL], { encoding: "utf8" }).split("\n")
    .filter((entry) => entry && !entry.endsWith("/")); // directory entries, if a tar writes them
  const read = (path, encoding) => execFileSync("tar", ["-xzOf", TARBALL, `package/${path}`], { encoding, maxBuffer: 64 << 20 });
  const manifest = JSON.parse(read("package.json", "utf8"));
  const names = entries.map((entry) => entry.replace(/^package\//, ""));
  // `files` lists files, and folders (`rulesets/`) whose every file ships.
  const listed = manifest.files.flatMap((file) => (file.endsWith("/") ? names.filter((name) => name.startsWith(file)) : [file]));
  return { entries, read, manifest, listed };
}

test("the tarball holds exactly the files listed in package.json, plus package.json", () => {
  const { entries, listed } = tarball();
  const names = entries.map((entry) => entry.replace(/^package\//, ""));
  assert.deepEqual(
    names.filter((name) => /(^|\/)\.|\.stamp$|\.rs$|\.map$|^(src|target|pkg|node_modules|tests?)\/|^Cargo\.|\.tgz$/.test(name)),
    [],
    "build leftovers, dot files or sources in the tarball",
  );
  // Everything sits flat in package/, but for the element's UI modules in package/ui/ and
  // the rulesets' catalogs in package/rulesets/, the spreadsheet modules in package/sheet/
  // (their bundled libraries in sheet/vendor/).
  for (const entry of entries) {
    assert.match(entry, /^package\/(ui\/|rulesets\/|sheet\/(vendor\/)?)?[^/]+$/, `${entry}: everything sits flat in package/ (or in ui/, rulesets/, sheet/)`);
  }
  assert.ok(names.some((name) => /^rulesets\/[a-z0-9-]+\.json$/.test(name)), "the catalogs ship");
  assert.deepEqual(names.sort(), [...listed, "package.json"].sort());
});

test("the manifest is complete: name, version, metadata, ESM, exports, types, files, sideEffects", () => {
  const { manifest, entries, read } = tarball();
  const names = new Set(entries.map((entry) => entry.slice("package/".length)));
  assert.equal(manifest.name, "cluster-check");
  assert.equal(manifest.version, VERSION, "the package version is Cargo.toml's");
  assert.equal(typeof manifest.description, "string");
  assert.match(manifest.description, /豫工信企业〔2014〕196号/);
  assert.equal(manifest.license, "MIT");
  assert.ok(names.has("LICENSE"), "the LICENSE file ships");
  assert.equal(manifest.repository?.type, "git");
  assert.match(manifest.repository?.url ?? "", /^git\+https:\/\/.+\.git$/);
  assert.ok(Array.isArray(manifest.keywords) && manifest.keywords.length > 0, "keywords");
  assert.equal(manifest.type, "module");
  // Only the element module has an effect when imported: it registers <cluster-check>.
  assert.deepEqual(manifest.sideEffects, ["./element.js"]);
  assert.ok(Array.isArray(manifest.files) && manifest.files.length > 0, "files");
  assert.equal(manifest.private, undefined, "a published package is not private");

  const root = manifest.exports?.["."];
  assert.ok(root && typeof root === "object", 'exports["."] is a conditions object');
  // Order matters: resolvers take the first matching condition, and TypeScript wants types first.
  assert.deepEqual(Object.keys(root), ["types", "node", "default"]);
  assert.equal(root.types, "./index.d.ts");
  assert.equal(root.node, "./node.js");
  assert.equal(root.default, "./index.js");
  assert.equal(manifest.types, root.types, "top-level types matches exports");
  assert.deepEqual(manifest.exports["./element"], { types: "./element.d.ts", default: "./element.js" }, 'exports["./element"]');
  assert.deepEqual(manifest.exports["./sheet"], { types: "./sheet/index.d.ts", default: "./sheet/index.js" }, 'exports["./sheet"]');
  assert.deepEqual(manifest.bin, { "cluster-check": "./cli.js" }, "the command line");
  assert.match(read("cli.js", "utf8"), /^#!\/usr\/bin\/env node\n/, "cli.js starts with a shebang");
  // Every path the manifest points at is in the tarball.
  const pointed = [
    manifest.main,
    manifest.module,
    manifest.types,
    ...Object.values(manifest.exports).flatMap((target) => (typeof target === "string" ? [target] : Object.values(target))),
  ].filter(Boolean);
  for (const path of pointed) {
    assert.match(path, /^\.\//, `${path} is relative to the package`);
    // A pattern (`./rulesets/*.json`) must match at least one file.
    const pattern = new RegExp(`^${path.slice(2).replace(/[.]/g, "\\.").replace("*", "[^/]+")}$`);
    assert.ok([...names].some((name) => pattern.test(name)), `${path} is referenced by package.json but not in the tarball`);
  }
  assert.ok(manifest.engines?.node, "engines.node");
});

test("the browser entry, the Node entry and the glue import only files that ship", () => {
  const { read, entries } = tarball();
  const names = new Set(entries.map((entry) => entry.slice("package/".length)));
  const sheetModules = [...names].filter((name) => /^sheet\/[^/]+\.js$/.test(name));
  assert.ok(sheetModules.length > 0, "the spreadsheet modules ship");
  for (const file of ["index.js", "node.js", "engine.js", "api.js", "cluster_check.js", "element.js", "ui/mount.js", "ui/fields.js", "rulesets/index.js", "rulesets/all.js", "cli.js", ...sheetModules]) {
    // Comments dropped (they show usage such as `import … from "cluster-check"`).
    const code = read(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
    const references = [
      ...code.matchAll(/(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|new URL\(\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g),
    ];
    assert.ok(references.length > 0 || file === "api.js" || sheetModules.includes(file), `${file}: no imports found (has the pattern changed?)`);
    for (const [, imported, url, dynamic] of references) {
      const spec = imported ?? url ?? dynamic;
      if (spec.startsWith("node:")) continue;
      assert.ok(!(imported ?? dynamic) || spec.startsWith("./"), `${file} imports ${spec}, but the package has no dependencies`);
      assert.ok(names.has(posix.join(posix.dirname(file), spec)), `${file} refers to ${spec}, which is not in the tarball`);
    }
  }
});

test("node_modules/cluster-check is this tarball, so the other tests test what ships", () => {
  const { read, listed } = tarball();
  const installed = join(ROOT, "node_modules", "cluster-check");
  assert.ok(existsSync(installed), "node_modules/cluster-check is missing: npm install --no-save the tarball");
  for (const file of [...listed, "package.json"]) {
    assert.ok(
      read(file).equals(readFileSync(join(installed, file))),
      `node_modules/cluster-check/${file} differs from the tarball's: reinstall it`,
    );
  }
});
