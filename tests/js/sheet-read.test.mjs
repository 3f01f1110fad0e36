// Reading cluster sheets through the built package (cluster-check/sheet), on files written
// by other software (tests/fixtures/sheets/README.md): exact figures, exact problems with
// their rows and columns, refusals with one message, and bad cells that make only their
// own checks invalid.
import { describe, test } from "node:test";
import assert from "node:assert/strict";

import { evaluateMany } from "cluster-check";
import { readClusters, judge, readTable, LIMITS, normalize } from "cluster-check/sheet";
import { HENAN, YEARS, fixture, problemsOf, figuresByRow, checksOf } from "./sheet-support.mjs";

const read = (name, catalog = HENAN) => {
  const result = readClusters(fixture(name), { catalog });
  assert.ok(result.ok, `${name} was refused: ${result.message?.en}`);
  return result;
};

const ALL_SERVICES = ["rd_design", "testing", "training", "consulting", "ip", "financing", "exhibition", "logistics"];

describe(".xlsx written by openpyxl: 亿元 and 亩 headers, text numbers, an uncalculated formula", () => {
  const sheet = read("units-openpyxl.xlsx");

  test("the sheet named 集群, the header in row 1, each column's key and unit", () => {
    assert.equal(sheet.kind, "xlsx");
    assert.equal(sheet.sheet, "集群");
    assert.equal(sheet.header_row, 1);
    assert.deepEqual(
      sheet.columns.map((c) => [c.letter, c.key, c.unit, c.value, c.problem]),
      [
        ["A", "name", null, null, null],
        ["B", "year", null, null, null],
        ["C", "revenue_wan", "yi", null, null],
        ["D", "leading_industry_revenue_wan", "yi", null, null],
        ["E", "rd_expense_wan", "wan", null, null],
        ["F", "land_area_mu", "mu", null, null],
        ["G", "building_footprint_mu", "mu", null, null],
        ["H", "fixed_investment_wan", "wan", null, null],
        ["I", null, null, null, "unknown_column"],
        ["J", "coordination_body", null, null, null],
        ["K", "related_smes", "jia", null, null],
        ...ALL_SERVICES.map((id, i) => [String.fromCharCode(76 + i), "service_functions", null, id, null]),
      ],
    );
  });

  test("exact figures: 亿元 × 10000 as decimal text, 亩 by its key, text numbers as typed, blank rows skipped", () => {
    assert.deepEqual(figuresByRow(sheet), {
      2: {
        name: "甲县装备制造产业集群",
        year: "2023",
        revenue_wan: "226247",
        leading_industry_revenue_wan: "155000",
        rd_expense_wan: "2,262.47",
        land_area_mu: "1500",
        building_footprint_mu: "７５０",
        fixed_investment_wan: "150000",
        coordination_body: true,
        related_smes: "25",
        service_functions: ALL_SERVICES,
      },
      5: {
        name: "乙县食品产业集群",
        year: "2023",
        revenue_wan: "=C2*2",
        leading_industry_revenue_wan: "abc 亿元",
        rd_expense_wan: "１２，３４５．６",
        land_area_mu: "1,200.5",
        building_footprint_mu: "600",
        fixed_investment_wan: "=H2",
        coordination_body: "maybe",
        related_smes: "２０",
        service_functions: ["rd_design", "training", "ip", "exhibition"],
      },
      7: { name: "丙县纺织产业集群", year: "2024", revenue_wan: "0.1", coordination_body: false, service_functions: ["rd_design", "可能"] },
    });
  });

  test("every problem with its row, column and field", () => {
    assert.deepEqual(problemsOf(sheet), [
      [1, "I", null, "unknown_column", null],
      [5, "C", "revenue_wan", "formula_not_calculated", "=C2*2"],
      [5, "D", "leading_industry_revenue_wan", "not_a_number", "abc"],
      [5, "H", "fixed_investment_wan", "formula_not_calculated", "=H2"],
      [5, "J", "coordination_body", "unknown_value", "maybe"],
      [7, "S", "service_functions", "unknown_value", "可能"],
    ]);
    const formula = sheet.problems.find((p) => p.code === "formula_not_calculated");
    assert.match(formula.message.zh, /^第 5 行，“年营业收入（亿元）”列（C 列）：公式未计算：请在表格软件中重新计算并保存/);
    assert.match(formula.message.en, /^Row 5, column "年营业收入（亿元）" \(C\): The formula has not been calculated/);
    assert.match(formula.message.en, /revenue_wan/);
    const yesNo = sheet.problems.find((p) => p.code === "unknown_value");
    assert.match(yesNo.message.zh, /健全的组织协调机构（coordination_body）：“maybe” 不是“是\/否”/);
    assert.equal(sheet.records.find((r) => r.row === 5).problems.length, 4, "a row carries its own problems");
  });

  test("a bad cell makes only the checks that need it invalid, never missing", () => {
    const [first, second, third] = judge(sheet, evaluateMany).map((row) => checksOf(row.report));
    assert.equal(first.rd_ratio.status, "met", "2262.47 / 226247 is exactly 1%");
    assert.equal(first.building_density.status, "met", "750 亩 / 1500 亩 is exactly 50%");
    assert.equal(second.revenue.status, "invalid", "uncalculated formula");
    assert.equal(second.leading_industry_share.status, "invalid", "abc 亿元");
    assert.equal(second.investment_intensity.status, "invalid", "uncalculated formula");
    assert.equal(second.coordination_body.status, "invalid", "maybe");
    assert.equal(second.related_smes.status, "met", "２０ read as 20");
    assert.equal(second.defined_area.status, "missing", "a column not in the sheet stays missing");
    assert.equal(second.service_functions.status, "not_met", "ticks for four of eight");
    assert.equal(third.service_functions.status, "invalid", "可能 is not yes or no");
    assert.equal(third.coordination_body.status, "not_met");
  });
});

test(".xlsx written by xlsxwriter: cached formula values, an error value, a title row, the sheet named clusters", () => {
  const sheet = read("cached-xlsxwriter.xlsx");
  assert.equal(sheet.sheet, "clusters");
  assert.deepEqual(sheet.sheets, ["说明", "clusters"]);
  assert.equal(sheet.header_row, 2, "the title row above the header is not the header");
  assert.deepEqual(figuresByRow(sheet), {
    3: {
      name: "A",
      year: "2023",
      revenue_wan: "226247",
      rd_expense_wan: "2262.47",
      leading_industry_revenue_wan: "147060.55",
      land_area_ha: "#DIV/0!",
      building_footprint_ha: "12.5",
      service_functions: ALL_SERVICES,
    },
    4: {
      name: "B",
      year: "2023",
      revenue_wan: "300000",
      rd_expense_wan: "2000",
      leading_industry_revenue_wan: "100000",
      land_area_ha: "100",
      building_footprint_ha: "40",
      service_functions: ["rd_design", "testing", "logistics", "无人机"],
    },
  });
  assert.deepEqual(problemsOf(sheet), [
    [3, "F", "land_area_ha", "formula_error", "#DIV/0!"],
    [4, "H", "service_functions", "unknown_value", "无人机"],
  ]);
  const [a, b] = judge(sheet, evaluateMany).map((row) => checksOf(row.report));
  assert.equal(a.rd_ratio.status, "met");
  assert.equal(a.building_density.status, "invalid");
  assert.equal(a.investment_intensity.status, "invalid");
  assert.equal(a.leading_industry_share.status, "met", "147060.55 / 226247 is exactly 65%");
  assert.equal(b.service_functions.status, "invalid");
});

test(".xlsx saved by LibreOffice Calc: formulas it calculated (numbers, TRUE(), #DIV/0!), 亿元 and 亩, a number format", () => {
  const sheet = read("libreoffice.xlsx");
  assert.equal(sheet.sheet, "集群");
  assert.equal(sheet.header_row, 1);
  assert.deepEqual(figuresByRow(sheet), {
    2: {
      name: "甲县装备制造产业集群",
      year: "2024",
      revenue_wan: "226247", // =20+2.6247 亿元
      rd_expense_wan: "2262.47", // =C2*100, as Calc keeps it
      leading_industry_revenue_wan: "147060.55",
      land_area_mu: "1500",
      building_footprint_mu: "750", // =F2/2
      fixed_investment_wan: "150000", // 15 亿元
      leading_enterprises: "3",
      related_smes: "30", // =2*15
      coordination_body: true, // TRUE(), a formula with a boolean value
      development_plan: true,
      service_functions: ALL_SERVICES,
    },
    3: {
      name: "乙县食品产业集群",
      year: "2023",
      revenue_wan: "185000", // 18.5 亿元 shown as 18.50
      rd_expense_wan: "#DIV/0!",
      leading_industry_revenue_wan: "129500",
      land_area_mu: "900",
      building_footprint_mu: "450",
      fixed_investment_wan: "6000",
      leading_enterprises: "1",
      related_smes: "12",
      coordination_body: false,
      development_plan: false,
      service_functions: ["rd_design", "testing"],
    },
  });
  assert.deepEqual(problemsOf(sheet), [[3, "D", "rd_expense_wan", "formula_error", "#DIV/0!"]]);
  const [a, b] = judge(sheet, evaluateMany).map((row) => checksOf(row.report));
  assert.equal(a.rd_ratio.status, "met", "2262.47 / 226247 is exactly 1%");
  assert.equal(a.leading_industry_share.status, "met", "147060.55 / 226247 is exactly 65%");
  assert.equal(a.building_density.status, "met", "750 亩 of 1500");
  assert.equal(b.rd_ratio.status, "invalid", "the error value makes only the checks that need it invalid");
  assert.equal(b.revenue.status, "not_met");
  assert.equal(b.leading_industry_share.status, "met");
});

test(".csv saved by LibreOffice Calc: cells as shown (129,500.00, 18.50, TRUE), an error value read as one", () => {
  const sheet = read("libreoffice.csv");
  assert.equal(sheet.kind, "csv");
  const rows = figuresByRow(sheet);
  assert.deepEqual(rows[2], figuresByRow(read("libreoffice.xlsx"))[2], "the first cluster as the .xlsx it was saved from");
  assert.equal(rows[3].leading_industry_revenue_wan, "129,500.00", "a text number with separators, read by the engine");
  assert.equal(rows[3].revenue_wan, "185000");
  assert.deepEqual(problemsOf(sheet), [[3, "D", "rd_expense_wan", "formula_error", "#DIV/0!"]]);
  const [, b] = judge(sheet, evaluateMany).map((row) => checksOf(row.report));
  assert.equal(b.rd_ratio.status, "invalid");
  assert.equal(b.leading_industry_share.status, "met", "129,500.00 / 185000 is 70%");
});

test("in a CSV, the error values of Excel, WPS and LibreOffice are errors; a text that only looks like one is text", () => {
  const csv = "集群名称,年营业收入（万元）,研发投入（万元）,主导产业营业收入（万元）,龙头企业数（主营业务收入超5000万元）（家）\n甲, #N/A ,Err:502,#VALUE!,#NAME?\n乙,#N/A?,Err:5020,#value!,#DIV/0\n";
  const sheet = readClusters(new TextEncoder().encode(csv), { catalog: HENAN });
  assert.ok(sheet.ok);
  assert.deepEqual(problemsOf(sheet), [
    [2, "B", "revenue_wan", "formula_error", "#N/A"],
    [2, "C", "rd_expense_wan", "formula_error", "Err:502"],
    [2, "D", "leading_industry_revenue_wan", "formula_error", "#VALUE!"],
    [2, "E", "leading_enterprises", "formula_error", "#NAME?"],
  ]);
  // Not error values: passed on as typed, and refused by the engine as no number.
  const [, other] = judge(sheet, evaluateMany);
  assert.deepEqual(other.report.errors.map((e) => [e.field, e.code]), [
    ["leading_enterprises", "not_a_number"],
    ["revenue_wan", "not_a_number"],
    ["leading_industry_revenue_wan", "not_a_number"],
    ["rd_expense_wan", "not_a_number"],
  ]);
});

test("numbers as Excel stores them (17 digits) are read as the cell shows them", () => {
  assert.deepEqual(figuresByRow(read("excel-digits.xlsx")), {
    2: { revenue_wan: "226247", rd_expense_wan: "2262.47", land_area_ha: "0.3", building_footprint_ha: "0.15" },
  });
});

test("one list column of service functions: labels, ids, English names, 无", () => {
  const sheet = read("list-column.xlsx");
  assert.deepEqual(figuresByRow(sheet), {
    2: { name: "甲", service_functions: ALL_SERVICES, provincial_platform: false, startup_base: true },
    3: { name: "乙", service_functions: ["rd_design", "testing", "logistics"], provincial_platform: true, startup_base: false },
    4: { name: "丙", service_functions: [], provincial_platform: false },
  });
  assert.deepEqual(problemsOf(sheet), []);
});

describe("CSV", () => {
  test("GBK, as Chinese Excel and WPS save it; the blank row skipped, row numbers kept", () => {
    const sheet = read("gbk.csv");
    assert.equal(sheet.kind, "csv");
    assert.deepEqual(figuresByRow(sheet), {
      2: { name: "郑州某产业集群", revenue_wan: "226247", rd_expense_wan: "2262.47", leading_enterprises: "3", defined_area: true },
      4: { name: "洛阳某产业集群", revenue_wan: "300,000", rd_expense_wan: "２０００", leading_enterprises: "1", defined_area: false },
    });
  });

  test("semicolons, UTF-8 with BOM, a quoted separator", () => {
    assert.deepEqual(figuresByRow(read("semicolon.csv")), {
      2: { name: "A; Ltd", revenue_wan: "1,856,300", land_area_mu: "150", startup_base: true },
      3: { name: "B", revenue_wan: "150000.5", startup_base: false },
    });
  });

  test("tabs, a quoted line break and quote; row numbers count records", () => {
    assert.deepEqual(figuresByRow(read("tab.csv")), {
      2: { name: '第一行\n"第二行"', revenue_wan: "200000", service_functions: ["rd_design", "testing"] },
      3: { name: "乙", revenue_wan: "1", service_functions: ["logistics"] },
    });
  });

  test("an unclosed quote is a problem naming its row", () => {
    const sheet = readClusters(new TextEncoder().encode('name,revenue_wan\nA,1\n"B,2\nC,3\n'), { catalog: HENAN });
    assert.deepEqual(problemsOf(sheet), [[3, null, null, "unclosed_quote", null]]);
  });
});

test("per-year fields: a year before the label, in the brackets, in the key; none is a problem", () => {
  const sheet = read("per-year.csv", YEARS);
  assert.deepEqual(figuresByRow(sheet), { 2: { name: "甲", output_wan_2022: "405000", output_wan_2023: "410000", output_wan_2024: "420000.25" } });
  assert.deepEqual(problemsOf(sheet), [[1, "E", "output_wan_YYYY", "no_year", null]]);
});

test("JSON: an array of Figures taken as it is; a single object is one cluster", () => {
  const json = (value) => readClusters(new TextEncoder().encode(JSON.stringify(value)), { catalog: HENAN, ruleset: "henan-2014" });
  const many = json([{ revenue_wan: 1 }, 5]);
  assert.equal(many.kind, "json");
  assert.deepEqual(many.records.map((r) => [r.row, r.figures]), [[1, { revenue_wan: 1, ruleset: "henan-2014" }], [2, 5]]);
  assert.deepEqual(json({ name: "x" }).records.map((r) => r.figures), [{ name: "x", ruleset: "henan-2014" }]);
  assert.equal(readClusters(new TextEncoder().encode("[{"), { catalog: HENAN }).code, "json_invalid");
});

describe("refused, each with one message in both languages", () => {
  for (const [name, code, zh, en] of [
    ["encrypted.xlsx", "encrypted", /设有打开密码/, /protected by a password/],
    ["legacy.xls", "xls", /另存为 \.xlsx/, /save it as \.xlsx/],
    ["libreoffice.ods", "ods", /OpenDocument 表格.*LibreOffice 中打开，另存为 \.xlsx/, /OpenDocument spreadsheet.*LibreOffice, save it as \.xlsx/],
    ["picture.png", "image", /图片/, /picture/],
    ["not-a-workbook.xlsx", "zip", /压缩包/, /zip archive/],
    ["web-page.xls", "html", /网页/, /web page/],
    ["empty.xlsx", "empty", /空的/, /empty/],
    ["no-header.csv", "no_header", /找不到表头行/, /No header row/],
  ]) {
    test(`${name}: ${code}`, () => {
      const result = readClusters(fixture(name), { catalog: HENAN });
      assert.equal(result.ok, false);
      assert.equal(result.code, code);
      assert.match(result.message.zh, zh);
      assert.match(result.message.en, en);
    });
  }

  test("by content, not by name: a zip named .csv is still a zip, a PNG named .xlsx a picture", () => {
    assert.equal(readTable(fixture("picture.png")).code, "image");
    assert.equal(readTable(fixture("not-a-workbook.xlsx")).code, "zip");
  });

  test(`over the size limit (${LIMITS.bytes} bytes)`, () => {
    const big = new Uint8Array(LIMITS.bytes + 1).fill(0x31);
    const result = readClusters(big, { catalog: HENAN });
    assert.equal(result.code, "too_large");
    assert.match(result.message.zh, /20 MB/);
  });

  test("a header and no data", () => {
    const result = readClusters(new TextEncoder().encode("name,revenue_wan\n\n"), { catalog: HENAN });
    assert.equal(result.code, "no_rows");
    assert.match(result.message.en, /row 1/);
  });

  test("bytes that are not bytes are a TypeError for the programmer, not a refusal", () => {
    assert.throws(() => readClusters("name\nA", { catalog: HENAN }), TypeError);
    assert.throws(() => readClusters(new Uint8Array(1)), TypeError);
  });
});

describe("headers", () => {
  const headers = (line) => readClusters(new TextEncoder().encode(`${line}\n${line.split(",").map(() => "1").join(",")}\n`), { catalog: HENAN });

  test("spaces, full-width and half-width brackets, case and English labels do not matter", () => {
    const sheet = headers("REVENUE_WAN, 年营业收入 (亿元) ,Land_Area_MU,industrial land area [ha],coordination body,【研发投入】");
    assert.deepEqual(sheet.columns.map((c) => [c.key, c.unit, c.problem]), [
      ["revenue_wan", "wan", null],
      ["revenue_wan", "yi", "duplicate_column"],
      ["land_area_mu", "mu", null],
      ["land_area_ha", "ha", "duplicate_column"],
      ["coordination_body", null, null],
      [null, null, "unknown_column"],
    ]);
    assert.deepEqual(sheet.records[0].figures, {
      revenue_wan: "[REVENUE_WAN / 年营业收入 (亿元)]",
      land_area_mu: "[Land_Area_MU / industrial land area [ha]]",
      coordination_body: true,
    });
    assert.deepEqual(sheet.records[0].problems.map((p) => [p.letter, p.code]), [["A", "duplicate_value"], ["C", "duplicate_value"]]);
  });

  test("a unit the field does not have; the nearest field for an unknown column", () => {
    const sheet = headers("年营业收入（公顷）,年营收");
    assert.deepEqual(sheet.columns.map((c) => c.problem), ["wrong_unit", "unknown_column"]);
    assert.match(sheet.problems[0].message.zh, /公顷 不是 年营业收入（revenue_wan） 的单位（可用：万元、亿元）/);
    assert.match(sheet.problems[1].message.zh, /最接近的字段是 年营业收入（revenue_wan）/);
    assert.match(sheet.problems[1].message.en, /the nearest field is revenue_wan \(annual operating revenue\)/);
  });

  test("亿元 converts exactly, never through a float", () => {
    const sheet = readClusters(new TextEncoder().encode("年营业收入（亿元）\n22.6247\n1.13\n0.000001\n\"1,234.5678\"\n-3\n１．５\n"), { catalog: HENAN });
    assert.deepEqual(sheet.records.map((r) => r.figures.revenue_wan), ["226247", "11300", "0.01", "12345678", "-30000", "15000"]);
    assert.equal(1.13 * 10000, 11299.999999999998, "what a float would have said");
  });

  test("normalize folds width, brackets, case and blanks", () => {
    assert.equal(normalize(" 年营业收入 （亿元） "), "年营业收入(亿元)");
    assert.equal(normalize("Ｒｅｖｅｎｕｅ_ＷＡＮ"), "revenue_wan");
  });
});
