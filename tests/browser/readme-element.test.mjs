// Replays the README's "Embed it in your site" section, so that its snippets cannot rot:
//   - the ```html page is served as it is, with the installed package's browser files in the
//     folder its module script names, under a sub-path; the ```css blocks are added to it as
//     the site's stylesheet and the ```js blocks that do not import the package by name as
//     module scripts; in Chromium it must render the element, apply the theme, break no CSP,
//     throw nothing, and print what each `// → something` comment shows;
//   - the ```js blocks that import "cluster-check/element" are built with Vite, as an app
//     whose page holds the element, followed by the other ```js blocks, and checked the same way;
//   - the ```ts blocks are type-checked against the installed package's declarations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, posix } from "node:path";
import ts from "typescript";
import { EXAMPLES, OUT as TEST_OUTPUT, ROOT, buildVite, copyPackageBrowserFiles, serveFolder, useBrowser, visitPage } from "./support.mjs";

const OUT = join(TEST_OUTPUT, "readme-element");
const FAVICON = join(EXAMPLES, "element-plain", "favicon.svg");
const HEADING = "## Embed it in your site";

/** The section's fenced blocks: { lang, line, code }. */
function sectionBlocks(markdown) {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === HEADING);
  assert.ok(start >= 0, `no "${HEADING}" section in README.md`);
  const end = lines.findIndex((line, i) => i > start && /^## /.test(line));
  const blocks = [];
  let current = null;
  for (let i = start + 1; i < (end < 0 ? lines.length : end); i++) {
    const fence = /^(\s*)```(\S*)\s*$/.exec(lines[i]);
    if (current === null && fence) current = { lang: fence[2], indent: fence[1].length, line: i + 2, code: [] };
    else if (current !== null && fence && fence[2] === "") {
      blocks.push({ lang: current.lang, line: current.line, code: current.code.join("\n") + "\n" });
      current = null;
    } else if (current !== null) current.code.push(lines[i].slice(Math.min(current.indent, lines[i].length - lines[i].trimStart().length)));
  }
  assert.equal(current, null, `an unclosed code fence in the section, from README line ${current?.line}`);
  return blocks;
}

/** What each `// → something` line promises to print. */
function promises(code) {
  return code
    .split("\n")
    .map((line) => /\/\/\s*→\s*(.*?)\s*$/.exec(line)?.[1])
    .filter((text) => text !== undefined && text !== "");
}

const readme = await readFile(join(ROOT, "README.md"), "utf8");
const blocks = sectionBlocks(readme);
const html = blocks.filter((b) => b.lang === "html");
const css = blocks.filter((b) => b.lang === "css");
const tsBlocks = blocks.filter((b) => b.lang === "ts");
const importsByName = (b) => /(?:from\s*|import\s*)["']cluster-check\/element["']/.test(b.code);
const bundlerJs = blocks.filter((b) => b.lang === "js" && importsByName(b));
const pageJs = blocks.filter((b) => b.lang === "js" && !importsByName(b));

useBrowser();

/**
 * How the snippets' pages are opened: ready at the element's first report, then a moment
 * more for the last console messages (what they print is checked).
 */
const ELEMENT_PAGE = { ready: () => document.querySelector("cluster-check")?.report?.status, settle: 100 };

function assertPrinted(block, printed) {
  for (const shown of promises(block.code)) {
    assert.ok(
      printed.some((line) => line.includes(shown)),
      `the snippet at README line ${block.line} shows "${shown}", but the page printed:\n${printed.join("\n")}`,
    );
  }
}

/** The theme of the ```css blocks is in force: the accent and the radius they set. */
async function assertThemed(page) {
  const declared = Object.fromEntries(
    [...css.map((b) => b.code).join("\n").matchAll(/(--cluster-check-[\w-]+)\s*:\s*([^;]+);/g)].map(([, name, value]) => [name, value.trim()]),
  );
  assert.ok(Object.keys(declared).length > 0, "the css snippet sets custom properties");
  const look = await page.evaluate((declared) => {
    const root = document.querySelector("cluster-check").shadowRoot;
    // The colour as the browser computes it, from a probe outside the element.
    const probe = document.createElement("span");
    document.body.append(probe);
    probe.style.color = declared["--cluster-check-accent"] ?? "";
    const accent = getComputedStyle(probe).color;
    probe.remove();
    return { accent, heading: getComputedStyle(root.querySelector(".cc-heading")).color, radius: getComputedStyle(root.querySelector(".cc-group")).borderTopLeftRadius };
  }, declared);
  if (declared["--cluster-check-accent"]) assert.equal(look.heading, look.accent, "the accent of the css snippet");
  if (declared["--cluster-check-radius"]) assert.equal(look.radius, declared["--cluster-check-radius"], "the radius of the css snippet");
}

test(`the README has an "${HEADING}" section with an html page, a bundler import, page scripts, a theme and types`, () => {
  assert.equal(html.length, 1, "one ```html page");
  assert.ok(bundlerJs.length >= 1, 'a ```js block importing "cluster-check/element"');
  assert.ok(pageJs.length >= 1, "a ```js block for the page (listening, presetting figures)");
  assert.ok(pageJs.some((b) => /cluster-check-change/.test(b.code)), "a snippet listens to cluster-check-change");
  assert.ok(pageJs.some((b) => /\.figures\s*=/.test(b.code)), "a snippet presets figures");
  assert.ok(pageJs.some((b) => promises(b.code).length > 0), "a page snippet shows its output with `// →`");
  assert.ok(css.length >= 1, "a ```css theme");
  assert.ok(tsBlocks.length >= 1, "a ```ts block");
  const section = readme.slice(readme.indexOf(HEADING));
  for (const name of ["lang", "ruleset", "compact", "figures", "cluster-check-change", "--cluster-check-accent", "--cluster-check-font", "--cluster-check-radius"]) {
    assert.ok(section.includes(`\`${name}\``), `the section documents ${name}`);
  }
});

test("the html snippet, served with the package files, runs the page snippets and the theme", async () => {
  const [page] = html;
  const script = /<script type="module" src="([^"]+)"><\/script>/.exec(page.code);
  assert.ok(script, `the html snippet (README line ${page.line}) loads the element with a module script`);
  const elementPath = script[1];
  assert.ok(!/^(\w+:|\/)/.test(elementPath) && elementPath.endsWith("element.js"), `${elementPath}: a relative path to element.js`);
  const folder = posix.dirname(elementPath);

  const site = join(OUT, "static");
  await rm(site, { recursive: true, force: true });
  await mkdir(site, { recursive: true });
  await copyPackageBrowserFiles(join(site, folder));
  await writeFile(join(site, "site.css"), css.map((b) => b.code).join("\n"));
  await cp(FAVICON, join(site, "favicon.svg"));
  const scripts = [];
  for (const [i, block] of pageJs.entries()) {
    await writeFile(join(site, `snippet-${i + 1}.js`), block.code);
    scripts.push(`<script type="module" src="snippet-${i + 1}.js"></script>`);
  }
  assert.match(page.code, /<\/head>/);
  assert.match(page.code, /<\/body>/);
  const index = page.code
    .replace("</head>", '  <link rel="stylesheet" href="site.css">\n  <link rel="icon" href="favicon.svg" type="image/svg+xml">\n</head>')
    .replace("</body>", `  ${scripts.join("\n  ")}\n</body>`);
  await writeFile(join(site, "index.html"), index);

  const base = await serveFolder(site, "/some/portal/section/");
  await visitPage(base, ELEMENT_PAGE, async (loaded) => {
    for (const block of pageJs) assertPrinted(block, loaded.printed);
    const shown = await loaded.page.evaluate(() => {
      const root = document.querySelector("cluster-check").shadowRoot;
      return { inputs: root.querySelectorAll("input").length, checks: root.querySelectorAll(".cc-check").length, lang: root.querySelector(".cc").lang };
    });
    assert.ok(shown.inputs >= 30);
    assert.equal(shown.checks, 14);
    assert.equal(shown.lang, "zh-CN");
    await assertThemed(loaded.page);
  });
});

test("the bundler snippet, built with Vite, runs the page snippets", async () => {
  const src = join(OUT, "vite-src");
  const outDir = join(OUT, "vite-dist");
  await rm(src, { recursive: true, force: true });
  await mkdir(src, { recursive: true });
  // An app's page: the element, the site's stylesheet, and one module made of the snippets.
  await writeFile(
    join(src, "index.html"),
    `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'">
<link rel="icon" href="./favicon.svg" type="image/svg+xml">
<title>README bundler snippet</title>
</head>
<body>
<cluster-check></cluster-check>
<script type="module" src="./main.js"></script>
</body>
</html>
`,
  );
  await writeFile(join(src, "site.css"), css.map((b) => b.code).join("\n"));
  await mkdir(join(src, "public"));
  await cp(FAVICON, join(src, "public", "favicon.svg"));
  await writeFile(join(src, "main.js"), ['import "./site.css";', ...bundlerJs.map((b) => b.code), ...pageJs.map((b) => `{\n${b.code}}\n`)].join("\n"));
  await buildVite(src, outDir, { label: "the snippets", configFile: false, base: "./", build: { target: "es2022" } });

  const base = await serveFolder(outDir, "/apps/embedded/");
  await visitPage(base, ELEMENT_PAGE, async (loaded) => {
    for (const block of pageJs) assertPrinted(block, loaded.printed);
    for (const block of bundlerJs) assertPrinted(block, loaded.printed);
    assert.equal(await loaded.page.evaluate(() => document.querySelector("cluster-check").shadowRoot.querySelector(".cc").lang), "en", "the page's lang");
    await assertThemed(loaded.page);
  });
});

test("the ts snippets type-check against the package's declarations", async () => {
  const dir = join(OUT, "types");
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const files = [];
  for (const [i, block] of tsBlocks.entries()) {
    const file = join(dir, `snippet-${i + 1}.ts`);
    await writeFile(file, block.code);
    files.push(file);
  }
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
  });
  const problems = ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName.split("/").pop() ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  assert.deepEqual(problems, [], "the README's TypeScript does not compile");
});
