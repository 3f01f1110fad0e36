// Enterprise rosters as spreadsheets (cluster-check/sheet with cluster-check/roster): files
// written by other software (openpyxl; GBK CSV by Python's csv, as Chinese Excel saves it)
// read against the roster columns of the catalog, the counted figures put in place of the
// cluster sheet's, the template's roster sheet filled in and read back, and the command
// line's --roster.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { evaluateMany } from "cluster-check";
import { figuresFromRoster } from "cluster-check/roster";
import { readClusters, readRoster, applyRoster, hasRosterSheet, judge, writeResults, writeTemplate, readTable } from "cluster-check/sheet";
import { HENAN, cli, fixture, fixturePath } from "./sheet-support.mjs";

const byName = (records) => Object.fromEntries(records.map((r) => [r.figures.name, r]));

test("the same workbook saved by LibreOffice Calc: the same clusters and roster, the formula now with its value", () => {
  const [ours, calc] = ["roster-openpyxl.xlsx", "roster-libreoffice.xlsx"].map((name) => {
    const bytes = fixture(name);
    return { read: readClusters(bytes, { catalog: HENAN }), roster: readRoster(bytes, { catalog: HENAN }) };
  });
  assert.ok(calc.read.ok && calc.roster.ok);
  assert.deepEqual(calc.read.records, ours.read.records);
  assert.equal(calc.roster.sheet, ours.roster.sheet);
  const rows = (roster) => roster.records.map((r) => [r.row, r.figures]);
  const uncalculated = ours.roster.records.find((r) => r.figures.operating_revenue_wan === "=D7*1");
  assert.ok(uncalculated, "openpyxl left the formula uncalculated");
  const expected = rows(ours.roster).map(([row, figures]) => [row, row === uncalculated.row ? { ...figures, operating_revenue_wan: "900" } : figures]);
  assert.deepEqual(rows(calc.roster), expected);
  const problems = (roster) => roster.problems.map((p) => [p.row, p.letter, p.code, p.value]);
  assert.deepEqual(problems(calc.roster), problems(ours.roster).filter(([, , code]) => code !== "formula_not_calculated"));
});

describe("a workbook with a cluster sheet and a roster sheet (openpyxl)", () => {
  const bytes = fixture("roster-openpyxl.xlsx");
  const read = readClusters(bytes, { catalog: HENAN });
  const roster = readRoster(bytes, { catalog: HENAN });

  test("the roster sheet is found beside the cluster sheet and read by its headers, 亿元 converted exactly", () => {
    assert.ok(read.ok && roster.ok);
    assert.ok(hasRosterSheet(read));
    assert.equal(roster.sheet, "企业名单");
    assert.equal(roster.records.length, 6, "the blank row is skipped");
    const first = roster.records[0];
    assert.equal(first.row, 2);
    assert.deepEqual(first.figures, {
      enterprise: "甲一重工有限公司",
      cluster: "甲县装备制造产业集群",
      main_business_revenue_wan: "6200",
      operating_revenue_wan: "6,300",
      leading_industry: true,
      rd_expense_wan: "120.5",
      employees: "800",
      audit_required: true,
      audit_completed: true,
      row: 2,
    });
    assert.equal(roster.records[1].figures.main_business_revenue_wan, "5000");
    assert.equal(roster.records[1].figures.leading_industry, true, "Y is yes");
    assert.equal(roster.records[2].figures.leading_industry, true, "√ is yes");
    assert.deepEqual(
      roster.problems.map((p) => [p.row, p.letter, p.field, p.code]),
      [
        [6, "D", "operating_revenue_wan", "formula_not_calculated"],
        [7, "C", "main_business_revenue_wan", "not_a_number"],
      ],
    );
  });

  test("the roster's figures replace the cluster sheet's, matched by 所属集群; the differences and the unmatched cluster are problems", () => {
    const applied = applyRoster(read, roster, figuresFromRoster, { ruleset: "henan-2014" });
    const clusters = byName(applied.records);
    const a = clusters["甲县装备制造产业集群"].figures;
    assert.equal(a.leading_enterprises, 1, "0.62 亿元 counts; 0.5 亿元 is exactly 5000 万元 and does not");
    assert.equal(a.revenue_wan, "12500.000001");
    assert.equal(a.leading_industry_revenue_wan, "12500.000001");
    assert.equal(a.rd_expense_wan, "210.5");
    assert.equal(a.related_smes, 3);
    assert.equal(a.audit_required, 1);
    assert.equal(a.audit_completed, 1);
    assert.equal(a.land_area_ha, "100", "what the roster cannot give stays the sheet's");
    const trace = clusters["甲县装备制造产业集群"].roster.traces.find((t) => t.field === "leading_enterprises");
    assert.deepEqual([trace.rows, trace.outside], [[2], [3]]);
    const b = clusters["乙县食品产业集群"];
    assert.equal(b.figures.revenue_wan, undefined, "a formula without its value leaves the sum uncounted");
    assert.equal(b.figures.leading_enterprises, undefined);
    const codes = applied.problems.map((p) => [p.row, p.field, p.code]);
    assert.ok(codes.some(([, field, code]) => field === "revenue_wan" && code === "roster_differs"));
    assert.ok(codes.some(([, field, code]) => field === "leading_enterprises" && code === "roster_differs"));
    assert.ok(codes.some(([, , code]) => code === "unmatched_cluster"));
    // The cell the sheet found unusable is said once.
    assert.equal(applied.problems.filter((p) => p.row === 7 && p.field === "main_business_revenue_wan").length, 1);
    // A problem about a whole cluster says which.
    const clusterOf = (code, field) => applied.problems.find((p) => p.code === code && (field === undefined || p.field === field))?.cluster;
    assert.equal(clusterOf("roster_differs", "revenue_wan"), "甲县装备制造产业集群");
    assert.equal(clusterOf("unmatched_cluster"), "丙县纺织产业集群");
    for (const p of applied.problems) {
      assert.deepEqual(p.sheet, { zh: "企业名单", en: "roster" });
      assert.ok(p.message.zh && p.message.en);
    }
    const [report] = judge({ records: [clusters["甲县装备制造产业集群"]] }, evaluateMany).map((r) => r.report);
    const leading = report.conditions.flatMap((c) => c.checks).find((c) => c.id === "leading_enterprises");
    assert.deepEqual([leading.status, leading.value], ["not_met", "1"]);
  });

  test("the results workbook has the counts sheet, and the data problems name the roster's rows", async () => {
    const applied = applyRoster(read, roster, figuresFromRoster, { ruleset: "henan-2014" });
    const rows = judge({ ...read, records: applied.records, problems: [...read.problems, ...applied.problems] }, evaluateMany);
    const out = await writeResults(rows, { catalog: HENAN, format: "xlsx", read: { ...read, problems: [...read.problems, ...applied.problems] } });
    const counts = readTable(out, { sheetNames: ["按名单统计"] });
    assert.equal(counts.sheet, "按名单统计");
    const lines = counts.rows.map((r) => r.cells.map((c) => c?.text ?? ""));
    const leading = lines.find((l) => l[1] === "甲县装备制造产业集群" && l[2].includes("leading_enterprises"));
    assert.deepEqual(leading.slice(3, 5), ["1", "2"]);
    assert.match(leading[5], /甲二机械有限公司（5,000 万元）恰在界限上，不计入/);
    const problems = readTable(out, { sheetNames: ["数据问题"] });
    const line = (code) => problems.rows.find((r) => r.cells[3]?.text === code)?.cells.map((c) => c?.text ?? "");
    assert.ok(problems.rows.some((r) => r.cells[0]?.text === "企业名单 7"));
    // A roster column is named by its label; a problem about a whole cluster by the cluster.
    assert.deepEqual(line("not_a_number").slice(0, 3), ["企业名单 7", "主营业务收入（亿元） (C)", "主营业务收入（main_business_revenue_wan）"]);
    assert.equal(line("roster_differs")[0], "企业名单（甲县装备制造产业集群）");
    assert.equal(line("unmatched_cluster")[0], "企业名单（丙县纺织产业集群）");
  });
});

describe("a roster alone (GBK CSV, no 所属集群)", () => {
  test("gives one cluster, judged by its counted figures", () => {
    const roster = readRoster(fixture("roster-gbk.csv"), { catalog: HENAN });
    assert.ok(roster.ok, JSON.stringify(roster.message));
    assert.deepEqual(roster.problems, []);
    const applied = applyRoster(null, roster, figuresFromRoster, { ruleset: "henan-2014" });
    assert.equal(applied.records.length, 1);
    assert.equal(applied.records[0].row, 2);
    assert.deepEqual(applied.records[0].figures, {
      leading_enterprises: 2,
      related_smes: 3,
      revenue_wan: "16400.000001",
      leading_industry_revenue_wan: "11400",
      rd_expense_wan: "150",
      audit_required: 0,
      audit_completed: 0,
    });
  });
});

describe("the template's roster sheet", () => {
  test("is in the .xlsx template, with the roster's columns, and filled in it is read back exactly", async () => {
    const template = await writeTemplate(HENAN, { format: "xlsx", evaluateMany });
    const sheet = readTable(template, { sheetNames: ["企业名单"] });
    assert.equal(sheet.sheet, "企业名单");
    const headers = sheet.rows[0].cells.map((c) => c.text);
    assert.deepEqual(headers.slice(0, 2), ["企业名称", "所属集群"]);
    assert.equal(headers.length, 2 + HENAN.roster.columns.length);
    assert.ok(headers.includes("主营业务收入（万元）") && headers.includes("从业人员（人）"));
    // The empty roster sheet is no roster: the command reads the cluster sheet alone.
    const empty = readRoster(template, { catalog: HENAN });
    assert.equal(empty.code, "no_rows");
    assert.match(empty.message.zh, /每家企业填写一行/);
    assert.match(empty.message.en, /one row per enterprise/);
    const guide = readTable(template, { sheetNames: ["名单填写说明"] });
    assert.equal(guide.sheet, "名单填写说明");
    assert.ok(guide.rows.some((r) => (r.cells[5]?.text ?? "").includes("工信部联企业〔2011〕300号")));
  });

  test("a sheet with no header row is told of a header of its own document", () => {
    const national = JSON.parse(readFileSync(new URL("rulesets/miit-2022-core.json", import.meta.resolve("cluster-check")), "utf8"));
    const refused = readClusters(fixture("no-header.csv"), { catalog: national });
    assert.equal(refused.code, "no_header");
    const sample = national.fields.find((f) => f.kind === "decimal" && !f.years);
    assert.ok(refused.message.zh.includes(sample.label.zh) && refused.message.en.includes(sample.keys[0]), JSON.stringify(refused.message));
    assert.doesNotMatch(refused.message.zh, /revenue_wan|年营业收入/);
  });

  test("the national document's template has its own roster sheet", async () => {
    const national = JSON.parse(readFileSync(new URL("rulesets/miit-2022-core.json", import.meta.resolve("cluster-check")), "utf8"));
    const template = await writeTemplate(national, { format: "xlsx", evaluateMany });
    const headers = readTable(template, { sheetNames: ["企业名单"] }).rows[0].cells.map((c) => c.text);
    assert.deepEqual(headers, ["企业名称", "所属集群", ...national.roster.columns.map((c) => c.label.zh)]);
  });
});

describe("cluster-check --roster", () => {
  test("a cluster sheet and a roster file: the roster's figures judged, the problems on stderr", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cc-roster-"));
    try {
      const out = join(dir, "results.json");
      const clusters = join(dir, "clusters.json");
      await import("node:fs/promises").then((fs) => fs.writeFile(clusters, JSON.stringify([{ name: "甲", land_area_ha: 100 }])));
      const { code, stderr } = await cli(clusters, "--roster", fixturePath("roster-gbk.csv"), "--out", out);
      assert.equal(code, 0, stderr);
      const results = JSON.parse(readFileSync(out, "utf8"));
      assert.equal(results.length, 1);
      const leading = results[0].report.conditions.flatMap((c) => c.checks).find((c) => c.id === "leading_enterprises");
      assert.deepEqual([leading.status, leading.value], ["met", "2"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a workbook's own roster sheet is read without --roster", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cc-roster-"));
    try {
      const out = join(dir, "results.json");
      const { code, stderr } = await cli(fixturePath("roster-openpyxl.xlsx"), "--out", out);
      assert.equal(code, 0, stderr);
      assert.match(stderr, /企业名单：.*丙县纺织产业集群/);
      const results = JSON.parse(readFileSync(out, "utf8"));
      const revenue = results[0].report.conditions.flatMap((c) => c.checks).find((c) => c.id === "revenue");
      assert.equal(revenue.value, "12500.000001");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("an unreadable roster file is exit 1 with the reader's message", async () => {
    const { code, stderr } = await cli("--roster", fixturePath("picture.png"));
    assert.equal(code, 1);
    assert.match(stderr, /图片|image/i);
  });
});
