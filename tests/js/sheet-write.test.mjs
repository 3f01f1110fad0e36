// The template and the results, written by cluster-check/sheet: a filled template reads
// back as exactly the figures typed (filled by openpyxl, and filled here as Excel stores
// typed cells); the results hold every sheet the spec asks for.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { unzipSync, zipSync, strFromU8, strToU8 } from "fflate";

import { evaluateMany } from "cluster-check";
import { readClusters, readTable, judge, writeResults, writeTemplate, summarize, summaryTable, problemsTable, problemsList, templateColumns, tierText } from "cluster-check/sheet";
import { HENAN, YEARS, fixture, figuresByRow } from "./sheet-support.mjs";

const ALL_SERVICES = ["rd_design", "testing", "training", "consulting", "ip", "financing", "exhibition", "logistics"];
const BOM = [0xef, 0xbb, 0xbf];

/** The sheets of a workbook as rows of cell texts, by sheet name, read with the package's own reader. */
function sheetsOf(bytes) {
  const names = readTable(bytes).sheets;
  return Object.fromEntries(
    names.map((name) => {
      const table = readTable(bytes, { sheetNames: [name] });
      return [name, table.rows.map((row) => Array.from(row.cells, (cell) => cell?.text ?? null))];
    }),
  );
}

/**
 * A template filled in as Excel saves what a person typed: numbers with 17 significant
 * digits in <v>, text as inline strings. `rows` are arrays of values in the template's order.
 */
function fillAsExcel(template, rows) {
  const files = unzipSync(template);
  const path = "xl/worksheets/sheet1.xml";
  const letter = (i) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));
  const escape = (s) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;");
  const xml = rows
    .map((values, r) => {
      const cells = values.map((value, c) => {
        const ref = `${letter(c)}${r + 2}`;
        if (value === null) return "";
        if (typeof value === "number") return `<c r="${ref}"><v>${Number(value.toPrecision(17))}</v></c>`.replace(/<v>([^<]*)<\/v>/, () => `<v>${value.toPrecision(17).replace(/\.?0+$/, "")}</v>`);
        return `<c r="${ref}" t="inlineStr"><is><t>${escape(value)}</t></is></c>`;
      });
      return `<row r="${r + 2}">${cells.join("")}</row>`;
    })
    .join("");
  files[path] = strToU8(strFromU8(files[path]).replace("</sheetData>", `${xml}</sheetData>`));
  return zipSync(files);
}

describe("the template", async () => {
  const zh = await writeTemplate(HENAN, { lang: "zh", evaluateMany, year: 2023 });
  const en = await writeTemplate(HENAN, { lang: "en", evaluateMany, year: 2023 });

  test("the sheet to fill, its explanation and the examples; headers in the document's order with units", () => {
    const sheets = sheetsOf(zh);
    assert.deepEqual(Object.keys(sheets), ["集群", "填写说明", "示例", "企业名单", "名单填写说明"]);
    assert.deepEqual(sheets["集群"], [[
      "集群名称", "数据年度", "具有一定的地理范围、关联企业集聚", "健全的组织协调机构", "产业发展规划", "政策扶持措施",
      "龙头企业数（主营业务收入超5000万元）（家）", "相关联的中小企业数（家）", "工业用地面积（公顷）", "建筑物基底面积之和（公顷）",
      "固定资产投资（万元）", "年营业收入（万元）", "主导产业营业收入（万元）", "研发投入（万元）",
      "应实施强制清洁生产审核的规模以上企业数（家）", "其中已实施审核的企业数（家）",
      "研发设计", "检验检测", "业务培训", "信息咨询", "知识产权保护", "融资担保", "产品展销", "物流服务",
      "省级以上中小企业公共服务平台", "小企业创业基地",
    ]]);
    const explained = sheets["填写说明"];
    assert.deepEqual(explained[0], ["列标题", "字段键", "含义", "单位", "可填写的内容", "对应条款"]);
    const revenue = explained.find((row) => row[0] === "年营业收入（万元）");
    assert.equal(revenue[1], "revenue_wan");
    assert.match(revenue[3], /万元；表头也可写（亿元）：1 亿元 = 10000 万元，按此精确换算/);
    assert.match(revenue[5], /三（三）年营业收入：年营业收入20亿元以上/);
    const land = explained.find((row) => row[0] === "工业用地面积（公顷）");
    assert.match(land[3], /表头也可写（亩）：1 亩 = /);
    assert.match(land[5], /三（二）建筑密度：工业用地建筑密度不低于50%/);
    assert.equal(explained.length, 1 + 26 + 1 + 4 - 1, "a row per column, then notes");
  });

  test("yes/no columns carry a 是/否 drop-down", () => {
    const xml = strFromU8(unzipSync(zh)["xl/worksheets/sheet1.xml"]);
    const lists = [...xml.matchAll(/<dataValidation [^>]*sqref="([A-Z]+)2:[A-Z]+1001"><formula1>([^<]*)<\/formula1>/g)].map((m) => [m[1], m[2]]);
    const yesNo = ["C", "D", "E", "F", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z"];
    assert.deepEqual(lists.map(([col, formula]) => [col, formula.replaceAll("&quot;", '"')]), yesNo.map((col) => [col, '"是,否"']));
    assert.ok(xml.indexOf("<dataValidations") > xml.indexOf("</sheetData>"), "after the data, where the schema puts it");
    assert.match(strFromU8(unzipSync(en)["xl/worksheets/sheet1.xml"]), /<formula1>(&quot;|")yes,no(&quot;|")<\/formula1>/);
  });

  test("the worked examples are judged by the engine: the first meets every condition, the second does not", () => {
    const examples = sheetsOf(zh)["示例"];
    assert.match(examples[1][0], /^示例一/);
    assert.ok(examples.some((row) => /^示例一.*→ 达到全部条件$/.test(row[0] ?? "")), "example 1 meets all");
    assert.ok(examples.some((row) => /^示例二.*→ 未达到$/.test(row[0] ?? "")), "example 2 does not");
    const read = readClusters(fillAsExcel(zh, examples.slice(1, 3).map((row) => row.map((v) => v))), { catalog: HENAN });
    const [first, second] = judge(read, evaluateMany);
    assert.equal(first.report.status, "met");
    assert.equal(second.report.status, "not_met");
  });

  test("filled by openpyxl (template-filled.xlsx), it reads back as exactly the figures typed", () => {
    assert.deepEqual(figuresByRow(readClusters(fixture("template-filled.xlsx"), { catalog: HENAN })), {
      2: {
        name: "某县起重装备产业集群", year: "2023", defined_area: true, coordination_body: true, development_plan: true, policy_support: false,
        leading_enterprises: "9", related_smes: "268", land_area_ha: "812.5", building_footprint_ha: "431.6", fixed_investment_wan: "926400",
        revenue_wan: "1856300", leading_industry_revenue_wan: "1402000", rd_expense_wan: "23870.5", audit_required: "14", audit_completed: "14",
        provincial_platform: true, startup_base: false, service_functions: ALL_SERVICES,
      },
      3: {
        name: "某县食品产业集群", year: "2023", defined_area: false, coordination_body: true, policy_support: true,
        leading_enterprises: "1", related_smes: "19", land_area_ha: "1,000", building_footprint_ha: "400", fixed_investment_wan: "1000000.5",
        revenue_wan: "２００，０００", leading_industry_revenue_wan: "130000", rd_expense_wan: "2000", audit_required: "0", audit_completed: "0",
        provincial_platform: false, startup_base: false, service_functions: ALL_SERVICES.filter((id) => id !== "logistics"),
      },
    });
  });

  for (const [lang, template] of [["zh", zh], ["en", en]]) {
    test(`filled as Excel stores typed cells (${lang}), it reads back as exactly the figures typed`, () => {
      const columns = templateColumns(HENAN, { lang });
      const yes = lang === "en" ? "yes" : "是";
      const no = lang === "en" ? "no" : "否";
      const typed = columns.map((c) => {
        if (c.kind === "text") return "甲";
        if (c.kind === "year") return 2023;
        if (c.kind === "bool" || c.kind === "member") return c.member === "ip" ? no : yes;
        if (c.kind === "count") return 7;
        return { land_area_ha: 812.5, building_footprint_ha: 431.6, rd_expense_wan: 2262.47, revenue_wan: 226247 }[c.key] ?? 0.1;
      });
      const [record] = readClusters(fillAsExcel(template, [typed]), { catalog: HENAN }).records;
      const expected = {};
      columns.forEach((c, i) => {
        const value = typed[i];
        if (c.kind === "member") (expected[c.key] ??= []), value === yes && expected[c.key].push(c.member);
        else if (c.kind === "bool") expected[c.key] = value === yes;
        else expected[c.key] = String(value);
      });
      assert.deepEqual(record.figures, expected);
      assert.equal(record.figures.rd_expense_wan, "2262.47", "stored as 2262.4699999999998, read as typed");
    });
  }

  test("per-year fields get a column per year, named so that they read back", async () => {
    const header = readTable(await writeTemplate(YEARS, { format: "csv", year: 2024 })).rows[0].cells.map((c) => c.text);
    assert.deepEqual(header, ["集群名称", "数据年度", "产值（2022年，万元）", "产值（2023年，万元）", "产值（2024年，万元）", "近三年未发生较大及以上事故"]);
    const read = readClusters(new TextEncoder().encode(`${header.join(",")}\n甲,2024,1,2,3,是\n`), { catalog: YEARS });
    assert.deepEqual(read.records[0].figures, { name: "甲", year: "2024", output_wan_2022: "1", output_wan_2023: "2", output_wan_2024: "3", no_major_incidents: true });
  });

  test("the .csv template: UTF-8 with BOM, the header row", async () => {
    const csv = await writeTemplate(HENAN, { format: "csv", lang: "en" });
    assert.deepEqual([...csv.slice(0, 3)], BOM);
    assert.match(new TextDecoder().decode(csv.slice(3)), /^cluster name,year of the figures,a defined geographic area/);
  });
});

describe("the results", async () => {
  const read = readClusters(fixture("units-openpyxl.xlsx"), { catalog: HENAN });
  const rows = judge(read, evaluateMany);
  const judgedAt = new Date(2026, 0, 15);

  test("the .xlsx: summary, detail, data problems, and what they were judged by", async () => {
    const sheets = sheetsOf(await writeResults(rows, { catalog: HENAN, read, judgedAt, source: "units-openpyxl.xlsx", version: "9.9.9" }));
    assert.deepEqual(Object.keys(sheets), ["汇总", "明细", "数据问题", "判定依据"]);
    const summary = sheets["汇总"];
    assert.deepEqual(summary[0], ["行号", "集群名称", "数据年度", "判定", "营业收入档次（二（二））", "三（一） 建设管理规范", "三（二） 集聚效应明显", "三（三） 产业竞争力强", "三（四） 创新能力强", "三（五） 节能减排达标", "三（六） 公共服务体系完善", "达到的检查项", "数据问题"]);
    assert.deepEqual(summary.slice(1).map((row) => [row[0], row[1], row[3], row[4], row[7], row[11]]), [
      ["2", "甲县装备制造产业集群", "信息不完整", "超20亿元", "达到", "8/14"],
      ["5", "乙县食品产业集群", "未达到", "需先填写有效的年营业收入", "数据有误", rows[1].report.conditions.flatMap((c) => c.checks).filter((c) => c.status === "met").length + "/14"],
      ["7", "丙县纺织产业集群", "未达到", "未超过20亿元（不在文件所列档次内）", "未达到", rows[2].report.conditions.flatMap((c) => c.checks).filter((c) => c.status === "met").length + "/14"],
    ]);
    const detail = sheets["明细"];
    assert.equal(detail.length, 1 + 3 * 14, "one row per cluster and check");
    const rd = detail.find((row) => row[0] === "2" && row[4] === "研发投入比重");
    assert.deepEqual(rd.slice(5, 11), ["达到", "1", "1", "%", null, null]);
    assert.equal(rd[12], "研发投入占营业收入的比重不低于1%");
    const problems = sheets["数据问题"];
    assert.deepEqual(problems[0], ["行号", "列", "字段", "代码", "说明"]);
    assert.deepEqual(problems.slice(1, 7).map((row) => [row[0], row[1], row[3]]), [
      ["1", "备注 (I)", "unknown_column"],
      ["5", "年营业收入（亿元） (C)", "formula_not_calculated"],
      ["5", "主导产业营业收入（亿元） (D)", "not_a_number"],
      ["5", "固定资产投资（万元） (H)", "formula_not_calculated"],
      ["5", "健全的组织协调机构 (J)", "unknown_value"],
      ["5", "健全的组织协调机构 (J)", "wrong_type"],
    ]);
    assert.ok(problems.some((row) => row[3] === "not_a_number" && row[1] === "年营业收入（亿元） (C)" && /revenue_wan/.test(row[4])), "the engine's error, at the column it came from");
    const about = Object.fromEntries(sheets["判定依据"].map(([k, v]) => [k, v]));
    assert.equal(about["规则集"], "henan-2014");
    assert.equal(about["文件"], "豫工信企业〔2014〕196号");
    assert.equal(about["判定日期"], "2026-01-15");
    assert.equal(about["数据文件"], "units-openpyxl.xlsx");
    assert.equal(about["cluster-check 版本"], "9.9.9");
  });

  test("the .csv summary: UTF-8 with BOM, one row per cluster", async () => {
    const csv = await writeResults(rows, { catalog: HENAN, format: "csv", lang: "en" });
    assert.deepEqual([...csv.slice(0, 3)], BOM);
    const lines = new TextDecoder().decode(csv.slice(3)).split("\r\n");
    assert.equal(lines[0], "Row,Cluster,Year,Verdict,Revenue tier (2(2)),三（一） Well-regulated construction and management,三（二） Clear agglomeration effect,三（三） Strong industrial competitiveness,三（四） Strong innovation capacity,三（五） Energy saving and emission reduction up to standard,三（六） A complete public service system,Checks met,Data problems");
    assert.match(lines[1], /^2,甲县装备制造产业集群,2023,incomplete,Over 2 billion yuan \(20 yi\),/);
    assert.equal(lines.length, 5, "header, three clusters, and the final line end");
  });

  test("JSON: [{ row, report }]", async () => {
    const json = JSON.parse(new TextDecoder().decode(await writeResults(rows, { catalog: HENAN, format: "json" })));
    assert.deepEqual(json.map((item) => item.row), [2, 5, 7]);
    assert.deepEqual(json[0].report, JSON.parse(JSON.stringify(rows[0].report)));
  });

  test("the summary the page shows: how many meet all, per tier, the condition missed most", () => {
    const summary = summarize(rows, HENAN);
    assert.deepEqual([summary.total, summary.met, summary.not_met, summary.incomplete], [3, 0, 2, 1]);
    assert.deepEqual(summary.tiers.map((t) => [t.id, t.count]), [["over_100yi", 0], ["over_50yi", 0], ["over_20yi", 1]]);
    assert.equal(summary.no_tier, 2);
    const counts = Object.fromEntries(summary.conditions.map((c) => [c.id, c.not_met]));
    const most = Math.max(...Object.values(counts));
    assert.equal(summary.most_missed.count, most);
    assert.equal(summary.most_missed.id, HENAN.conditions.find((c) => counts[c.id] === most).id);
  });

  test("a format that is not one", async () => {
    await assert.rejects(writeResults(rows, { catalog: HENAN, format: "pdf" }), TypeError);
  });

  test("problemsList: the problems sheet's rows in both languages at once", () => {
    const list = problemsList(rows, HENAN, read.problems, read.columns);
    assert.ok(list.length >= 5);
    for (const lang of ["zh", "en"]) {
      assert.deepEqual(list.map((p) => [p.row ?? "", p.column, p.field[lang], p.code, p.message[lang]]), problemsTable(rows, HENAN, lang, read.problems, read.columns).slice(1));
    }
    assert.ok(list.some((p) => p.row === 1 && p.column.startsWith("备注")), "the unknown column, on the header row");
    assert.ok(list.some((p) => p.field.zh.endsWith("（revenue_wan）") && p.field.en !== p.field.zh), "the field named in each language");
  });

  test("tierText: the tier as the summary sheet shows it, in both languages", () => {
    const column = (lang) => {
      const [header, ...body] = summaryTable(rows, HENAN, lang);
      const at = header.indexOf(HENAN.tiers.label[lang]);
      return body.map((line) => line[at]);
    };
    for (const lang of ["zh", "en"]) assert.deepEqual(rows.map((row) => tierText(row.report, HENAN, lang)), column(lang));
    assert.equal(tierText(rows[0].report, HENAN, "en"), HENAN.tiers.list.find((t) => t.id === rows[0].report.tier).title.en);
    assert.equal(tierText(rows[0].report, { ...HENAN, tiers: null }, "zh"), "");
  });
});

test("onRows: a progress count every thousand rows of a worksheet, and the rows kept at the end", async () => {
  const figures = Array.from({ length: 2100 }, (_, i) => ({ name: `集群${i}`, year: 2023, revenue_wan: 1000 + i }));
  const read = readClusters(new TextEncoder().encode(JSON.stringify(figures)), { catalog: HENAN });
  const csv = await writeResults(judge(read, evaluateMany), { catalog: HENAN, format: "csv" });
  // The summary sheet of a results workbook (its first) is a worksheet of 2,101 rows.
  const workbook = await writeResults(judge(read, evaluateMany), { catalog: HENAN, read });
  for (const [bytes, expected] of [[workbook, [1000, 2000, 2101]], [csv, [2101]]]) {
    const seen = [];
    const table = readTable(bytes, { onRows: (n) => seen.push(n) });
    assert.equal(table.rows.length, 2101);
    assert.deepEqual(seen, expected);
  }
  const seen = [];
  assert.equal(readClusters(fixture("units-openpyxl.xlsx"), { catalog: HENAN, onRows: (n) => seen.push(n) }).records.length, 3);
  assert.deepEqual(seen, [4], "the header and three clusters, blank rows left out");
});
