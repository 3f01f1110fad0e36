// Replays the README's "Use it from JavaScript" section so that it cannot rot: every ```js
// block under that heading is written to test-output/readme/ (inside the repository, so
// "cluster-check" resolves to the package installed in node_modules) and run with node. It
// must exit 0, and wherever a line ends with `// → something`, `something` must appear in
// what the snippet printed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

const ROOT = new URL("../../", import.meta.url);
const OUT = new URL("test-output/readme/", ROOT);
const HEADING = "## Use it from JavaScript";

/** The section's lines, from its heading to the next level-2 heading; [] if absent. */
function sectionLines(markdown) {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((line) => line.trim() === HEADING);
  if (start < 0) return [];
  const next = lines.findIndex((line, i) => i > start && /^## /.test(line));
  return lines.slice(start + 1, next < 0 ? lines.length : next);
}

/** The ```js blocks of the section, each with the README line it starts on. */
function jsBlocks(markdown) {
  const offset = markdown.split(/\r?\n/).findIndex((line) => line.trim() === HEADING) + 2;
  const blocks = [];
  let current = null;
  for (const [i, line] of sectionLines(markdown).entries()) {
    const fence = /^(\s*)```(\S*)\s*$/.exec(line);
    if (current === null && fence) {
      current = { lang: fence[2], indent: fence[1].length, line: offset + i, code: [] };
    } else if (current !== null && fence && fence[2] === "") {
      if (["js", "javascript", "mjs"].includes(current.lang)) blocks.push({ line: current.line, code: current.code.join("\n") + "\n" });
      current = null;
    } else if (current !== null) {
      current.code.push(line.slice(Math.min(current.indent, line.length - line.trimStart().length)));
    }
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

const readme = readFileSync(new URL("README.md", ROOT), "utf8");
const blocks = jsBlocks(readme);

test(`the README has a "Use it from JavaScript" section with js snippets that show their output`, () => {
  assert.ok(sectionLines(readme).length > 0, `no "${HEADING}" section in README.md`);
  assert.ok(blocks.length > 0, `no \`\`\`js block under "${HEADING}"`);
  for (const block of blocks) {
    assert.match(block.code, /from "cluster-check"/, `the snippet at README line ${block.line} does not import the package by name`);
  }
  assert.ok(
    blocks.some((block) => promises(block.code).length > 0),
    "no snippet shows its output with a `// →` comment",
  );
});

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
for (const [i, block] of blocks.entries()) {
  const file = new URL(`snippet-${i + 1}.mjs`, OUT);
  test(`README snippet ${i + 1} (line ${block.line}) runs and prints what it shows`, async () => {
    writeFileSync(file, block.code);
    let stdout;
    try {
      ({ stdout } = await run(process.execPath, [fileURLToPath(file)], {
        cwd: fileURLToPath(ROOT),
        timeout: 30_000,
        encoding: "utf8",
      }));
    } catch (error) {
      assert.fail(`the snippet at README line ${block.line} failed (exit ${error.code}):\n${error.stderr || error.message}`);
    }
    for (const shown of promises(block.code)) {
      assert.ok(
        stdout.includes(shown),
        `the snippet at README line ${block.line} shows "${shown}", but printed:\n${stdout}`,
      );
    }
  });
}
