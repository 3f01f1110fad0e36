// Assembles the npm package in pkg/ from wasm-pack's output and js/, then packs it into
// target/npm/ (the tarball the tests install, exactly as a user would get it).
import { copyFileSync, readFileSync, writeFileSync, rmSync, mkdirSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";

const root = new URL("../", import.meta.url);
const at = (path) => new URL(path, root);

const cargo = readFileSync(at("Cargo.toml"), "utf8");
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargo)?.[1];
if (!version) throw new Error("no version in Cargo.toml");

for (const generated of ["pkg/package.json", "pkg/README.md", "pkg/.gitignore"]) {
  rmSync(at(generated), { force: true });
}
for (const file of ["api.js", "render.js", "index.js", "node.js", "index.d.ts", "README.md"]) {
  copyFileSync(at(`js/${file}`), at(`pkg/${file}`));
}
copyFileSync(at("LICENSE"), at("pkg/LICENSE"));
const manifest = JSON.parse(readFileSync(at("js/package.json"), "utf8"));
manifest.version = version;
for (const file of manifest.files) {
  if (!existsSync(at(`pkg/${file}`))) throw new Error(`pkg/${file} is listed in files but missing`);
}
writeFileSync(at("pkg/package.json"), JSON.stringify(manifest, null, 2) + "\n");

mkdirSync(at("target/npm"), { recursive: true });
const out = execFileSync("npm", ["pack", "./pkg", "--pack-destination", "target/npm", "--json"], {
  cwd: root,
  encoding: "utf8",
});
const [{ filename }] = JSON.parse(out);
console.log(`target/npm/${filename}`);
