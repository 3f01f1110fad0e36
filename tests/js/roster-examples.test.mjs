// The worked roster examples of each ruleset file (catalog `roster.examples`): counted by
// the package they give the figures worked out by hand below, and the template's 名单示例 /
// "Roster examples" sheet lists them with those figures, as the package counts them — read
// back from the .xlsx that writeTemplate and `cluster-check --template` write.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { evaluateMany } from "cluster-check";
import { figuresFromRoster } from "cluster-check/roster";
import { writeTemplate, readTable, rosterColumns } from "cluster-check/sheet";
import { HENAN, cli } from "./sheet-support.mjs";

const MIIT = JSON.parse(readFileSync(new URL("rulesets/miit-2022-core.json", import.meta.resolve("cluster-check")), "utf8"));

/** The examples of a catalog counted, as one roster. */
const counted = (catalog) => figuresFromRoster(catalog.roster.examples.map((e) => e.row), { ruleset: catalog.id });

/** A sheet of a workbook as rows of cell texts. */
const sheetOf = (bytes, name) => {
  const table = readTable(bytes, { sheetNames: [name] });
  assert.equal(table.sheet, name, `no sheet ${name} in ${table.sheets}`);
  return table.rows.map((r) => r.cells.map((c) => c.text));
};

describe("the worked roster examples give the figures worked out by hand", () => {
  test("Henan: five enterprises, one rule of the count each", () => {
    assert.equal(HENAN.roster.examples.length, 5);
    const result = counted(HENAN);
    assert.deepEqual(result.errors, []);
    assert.equal(result.clusters.length, 1);
    const [cluster] = result.clusters;
    assert.deepEqual(cluster.errors, []);
    assert.deepEqual(cluster.warnings, []);
    // By hand: leaders over 5000 万元 — 甲 6200, 丁 45000 (乙 exactly 5000 is not one);
    // related SMEs — 甲 320, 乙 210, 丙 150 people (丁 1000 people and 46000 万元 is large,
    // 戊 is not related); revenue 6500 + 5000 + 3200 + 46000 + 900; leading industry 甲, 乙,
    // 丁: 6500 + 5000 + 46000; R&D 180 + 95 + 40 + 1500 + 10; above-scale (main business
    // revenue 2000 or more) on the audit list: 甲, 丙; of those carried out: 甲.
    assert.deepEqual(cluster.derived, {
      leading_enterprises: 2,
      related_smes: 3,
      revenue_wan: "61600",
      leading_industry_revenue_wan: "57500",
      rd_expense_wan: "1825",
      audit_required: 2,
      audit_completed: 1,
    });
    const trace = (key) => cluster.traces.find((t) => t.field === key);
    assert.deepEqual([trace("leading_enterprises").rows, trace("leading_enterprises").outside], [[1, 4], [2]], "乙 exactly 5000 万元 is just outside");
    assert.deepEqual([trace("related_smes").rows, trace("related_smes").outside], [[1, 2, 3], [4]], "丁 exactly 1000 people is just outside");
    assert.deepEqual(trace("leading_industry_revenue_wan").rows, [1, 2, 4], "丙 is not in the leading industry");
    // Every example says what it shows, in both languages.
    for (const example of HENAN.roster.examples) assert.ok(example.note.zh && example.note.en, JSON.stringify(example));
  });

  test("MIIT-2022: four enterprises, titles counted once each", () => {
    assert.equal(MIIT.roster.examples.length, 4);
    const [cluster] = counted(MIIT).clusters;
    assert.deepEqual(cluster.errors, []);
    // By hand: of the leading industry with a champion or little-giant title — 甲 (champion),
    // 乙 (little giant); 丙 is a champion outside the leading industry, 丁 has no title.
    // Certified SMEs, each once — 甲 (high-tech), 乙 (a little giant counts here too), 丙 (three titles).
    assert.deepEqual(cluster.derived, { top_enterprises: 2, certified_smes: 3 });
    assert.deepEqual(cluster.traces.find((t) => t.field === "certified_smes").rows, [1, 2, 3]);
  });
});

describe("the template's roster-examples sheet", () => {
  for (const [catalog, lang, name, lead, note] of [
    [HENAN, "zh", "名单示例", "按以上示例名单统计：", "说明"],
    [HENAN, "en", "Roster examples", "Counted from the example roster above: ", "Note"],
    [MIIT, "zh", "名单示例", "按以上示例名单统计：", "说明"],
  ]) {
    test(`${catalog.id} (${lang}): the roster's header and a note column, the examples, and the figures they give`, async () => {
      const rows = sheetOf(await writeTemplate(catalog, { lang, evaluateMany, figuresFromRoster }), name);
      const header = rosterColumns(catalog, { lang }).map((c) => c.header);
      assert.deepEqual(rows[0], [...header, note]);
      const examples = catalog.roster.examples;
      examples.forEach((example, i) => {
        const row = rows[i + 1];
        assert.equal(row[0], example.row.enterprise);
        assert.equal(row[header.length], lang === "en" ? example.note.en : example.note.zh);
      });
      // The lines of the count: one per figure the roster gives, its value the package's.
      const lines = rows.filter((r) => r[0]?.startsWith(lead));
      assert.equal(lines.length, catalog.roster.figures.length, JSON.stringify(rows.slice(examples.length + 1)));
      const [cluster] = counted(catalog).clusters;
      catalog.roster.figures.forEach((figure, i) => {
        const label = catalog.fields.find((f) => f.key === figure.field).label[lang];
        assert.ok(lines[i][0].startsWith(`${lead}${label} ${cluster.derived[figure.key]}`), `${lines[i][0]} for ${figure.key}`);
        assert.ok(lines[i][1].length > 0, "the engine's account of the rows counted");
      });
    });
  }

  test("the Henan figures as written, with their units and the engine's account; the cells as a person types them", async () => {
    const rows = sheetOf(await writeTemplate(HENAN, { lang: "zh", evaluateMany, figuresFromRoster }), "名单示例");
    const line = (start) => rows.find((r) => r[0]?.startsWith(`按以上示例名单统计：${start}`));
    assert.equal(line("龙头企业数")[0], "按以上示例名单统计：龙头企业数（主营业务收入超5000万元） 2 家");
    assert.match(line("龙头企业数")[1], /乙零部件有限公司（5,000 万元）恰在界限上，不计入/);
    assert.equal(line("相关联的中小企业数")[0], "按以上示例名单统计：相关联的中小企业数 3 家");
    assert.equal(line("年营业收入")[0], "按以上示例名单统计：年营业收入 61600 万元");
    assert.equal(line("主导产业营业收入")[0], "按以上示例名单统计：主导产业营业收入 57500 万元");
    assert.equal(line("研发投入")[0], "按以上示例名单统计：研发投入 1825 万元");
    assert.equal(line("应实施强制清洁生产审核")[0], "按以上示例名单统计：应实施强制清洁生产审核的规模以上企业数 2 家");
    assert.equal(line("其中已实施审核")[0], "按以上示例名单统计：其中已实施审核的企业数 1 家");
    // Yes/no cells as a person types them, a blank cell blank.
    const header = rows[0];
    const second = rows[2];
    assert.equal(second[header.indexOf("属于主导产业")], "是");
    assert.equal(second[header.indexOf("主营业务收入（万元）")], "5000");
    assert.equal(second[header.indexOf("已实施清洁生产审核")] ?? "", "");
  });

  test("without the roster engine the sheet is left out", async () => {
    const names = readTable(await writeTemplate(HENAN, { evaluateMany }), { sheetNames: ["企业名单"] }).sheets;
    assert.ok(names.includes("企业名单") && !names.includes("名单示例"), String(names));
    const withIt = readTable(await writeTemplate(HENAN, { evaluateMany, figuresFromRoster }), { sheetNames: ["企业名单"] }).sheets;
    assert.deepEqual(withIt.slice(-3), ["企业名单", "名单填写说明", "名单示例"]);
  });

  test("cluster-check --template writes it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cc-roster-examples-"));
    try {
      const out = join(dir, "template.xlsx");
      const { code, stderr } = await cli("--template", out);
      assert.equal(code, 0, stderr);
      const rows = sheetOf(readFileSync(out), "名单示例");
      assert.equal(rows[1][0], HENAN.roster.examples[0].row.enterprise);
      assert.ok(rows.some((r) => r[0] === "按以上示例名单统计：龙头企业数（主营业务收入超5000万元） 2 家"));
      const en = join(dir, "template-en.xlsx");
      assert.equal((await cli("--template", en, "--lang", "en")).code, 0);
      assert.ok(sheetOf(readFileSync(en), "Roster examples").some((r) => r[0]?.startsWith("Counted from the example roster above: ")));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
