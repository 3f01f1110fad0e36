// The command line of the installed package: the bin spawned as a user runs it, and its
// main() run in this process with the test catalog, which the package does not ship yet.
// The spawned runs that need a catalog skip until the package has rulesets/<id>.json.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { readClusters, readTable } from "cluster-check/sheet";
import { HENAN, cli, fixture, fixturePath } from "./sheet-support.mjs";

const PACKAGE = new URL("./", import.meta.resolve("cluster-check"));
const SHIPS_CATALOG = existsSync(new URL("rulesets/henan-2014.json", PACKAGE));
const { main } = await import(new URL("cli.js", PACKAGE));

/** Runs main() here with the test catalog; collects what it writes. */
async function inProcess(...args) {
  const out = [];
  const err = [];
  const code = await main(args, {
    stdout: { write: (s) => out.push(s) },
    stderr: { write: (s) => err.push(s) },
    loadCatalog: async (id) => (id === "henan-2014" ? HENAN : null),
    now: new Date(2026, 0, 15),
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

const scratch = () => mkdtempSync(join(tmpdir(), "cluster-check-cli-"));

describe("the bin, spawned", () => {
  test("--help in both languages, exit 0", async () => {
    const { code, stdout } = await cli("--help");
    assert.equal(code, 0);
    assert.match(stdout, /用法 \/ Usage/);
    assert.match(stdout, /--out 文件 \/ FILE/);
    assert.match(stdout, /the file could not be read/);
  });

  test("a file that cannot be read: exit 1 with the page's message, in both languages or the one asked for", async () => {
    const refusal = readClusters(fixture("encrypted.xlsx"), { catalog: HENAN }).message;
    const both = await cli(fixturePath("encrypted.xlsx"));
    assert.equal(both.code, 1);
    assert.equal(both.stderr, `${refusal.zh}\n${refusal.en}\n`);
    const en = await cli(fixturePath("picture.png"), "--lang", "en");
    assert.equal(en.code, 1);
    assert.equal(en.stderr, `${readTable(fixture("picture.png")).message.en}\n`);
  });

  test("a file that does not exist: exit 1", async () => {
    const { code, stderr } = await cli(join(tmpdir(), "no-such-file.xlsx"));
    assert.equal(code, 1);
    assert.match(stderr, /无法打开文件 .*ENOENT\nCannot open .*ENOENT/);
  });

  test("a command line that makes no sense: exit 2 with the help", async () => {
    for (const args of [["--frobnicate"], ["a.xlsx", "--out", "b.pdf"], ["--lang", "fr", "a.csv"], []]) {
      const { code, stderr } = await cli(...args);
      assert.equal(code, 2, args.join(" "));
      assert.match(stderr, /用法 \/ Usage/);
    }
  });

  test("a sheet judged, results written", { skip: !SHIPS_CATALOG && "the package has no rulesets/henan-2014.json yet" }, async () => {
    const dir = scratch();
    try {
      const out = join(dir, "results.xlsx");
      const { code } = await cli(fixturePath("units-openpyxl.xlsx"), "--out", out);
      assert.equal(code, 0);
      assert.deepEqual(readTable(readFileSync(out), { sheetNames: ["汇总"] }).rows.map((r) => r.cells[0].text), ["行号", "2", "5", "7"]);
      const template = join(dir, "template.xlsx");
      assert.equal((await cli("--template", template)).code, 0);
      assert.equal(readTable(readFileSync(template)).sheet, "集群");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("main(), with the test catalog", () => {
  test("results as .xlsx, .csv and .json; exit 0 whatever the verdicts; problems on stderr", async () => {
    const dir = scratch();
    try {
      for (const ext of ["xlsx", "csv", "json"]) {
        const out = join(dir, `results.${ext}`);
        const { code, stderr } = await inProcess(fixturePath("units-openpyxl.xlsx"), "--out", out);
        assert.equal(code, 0, ext);
        assert.match(stderr, /第 5 行，“年营业收入（亿元）”列（C 列）：公式未计算/);
        assert.match(stderr, /共 3 个集群：达到全部条件 0 个，未达到 2 个，信息不完整 1 个/);
        assert.ok(existsSync(out), `${out} written`);
      }
      assert.deepEqual(JSON.parse(readFileSync(join(dir, "results.json"), "utf8")).map((item) => item.row), [2, 5, 7]);
      assert.match(readFileSync(join(dir, "results.csv"), "utf8"), /^\uFEFF行号,集群名称,数据年度,判定/);
      const summary = readTable(readFileSync(join(dir, "results.xlsx")), { sheetNames: ["汇总"] });
      assert.equal(summary.sheet, "汇总");
      assert.deepEqual(summary.rows.map((r) => r.cells[3].text), ["判定", "信息不完整", "未达到", "未达到"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("without --out, the summary on stdout; --lang en", async () => {
    const { code, stdout, stderr } = await inProcess(fixturePath("gbk.csv"), "--lang", "en");
    assert.equal(code, 0);
    const lines = stdout.trimEnd().split("\n").map((line) => line.split("\t"));
    assert.deepEqual(lines.map((line) => line.slice(0, 4)), [
      ["Row", "Cluster", "Year", "Verdict"],
      ["2", "郑州某产业集群", "", "incomplete"],
      ["4", "洛阳某产业集群", "", "not met"],
    ]);
    assert.match(stderr, /2 clusters: 0 meet all conditions, 1 not met, 1 incomplete/);
  });

  test("--template writes the template (.xlsx, .csv); --ruleset with no catalog is exit 1", async () => {
    const dir = scratch();
    try {
      assert.equal((await inProcess("--template", join(dir, "t.xlsx"))).code, 0);
      assert.deepEqual(readTable(readFileSync(join(dir, "t.xlsx"))).sheets, ["集群", "填写说明", "示例", "企业名单", "名单填写说明", "名单示例"]);
      assert.equal((await inProcess("--template", join(dir, "t.csv"), "--lang", "en")).code, 0);
      assert.match(readFileSync(join(dir, "t.csv"), "utf8"), /^\uFEFFcluster name,/);
      const unknown = await inProcess(fixturePath("gbk.csv"), "--ruleset", "nope");
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /没有规则集 nope 的目录/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("--ruleset is given to every row that names none", async () => {
    const dir = scratch();
    try {
      const out = join(dir, "r.json");
      const loadCatalog = async () => HENAN;
      // A catalog under another id: the engine, which has no such ruleset, says so for every row.
      const code = await main([fixturePath("gbk.csv"), "--ruleset", "henan-2099", "--out", out], { stdout: { write() {} }, stderr: { write() {} }, loadCatalog });
      assert.equal(code, 0);
      const errors = JSON.parse(readFileSync(out, "utf8")).map((item) => item.report.errors.map((e) => [e.field, e.code]));
      assert.deepEqual(errors, [[["ruleset", "unknown_ruleset"]], [["ruleset", "unknown_ruleset"]]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
