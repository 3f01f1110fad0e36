// The JavaScript API at the boundary of the built package (installed from its tarball):
// what throws and what does not, how numbers cross into the engine, the report's shape,
// batches larger than one crossing, and recovery when the WebAssembly instance traps.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { evaluate, evaluateMany, rulesets, version } from "cluster-check";

import { allChecks, check, errorPairs, packageFile, watchedCrossings } from "./reports.mjs";

const entry = import.meta.resolve("cluster-check");

/** A cluster that meets every condition, in a mix of number and text figures. */
const ELIGIBLE = Object.freeze({
  name: "某县起重装备产业集群",
  year: 2023,
  defined_area: true,
  coordination_body: true,
  development_plan: true,
  policy_support: true,
  leading_enterprises: 9,
  related_smes: "268",
  land_area_ha: "812.5",
  building_footprint_ha: 431.6,
  fixed_investment_wan: "926,400",
  revenue_wan: "1,856,300",
  leading_industry_revenue_wan: 1402000,
  rd_expense_wan: "23,870.5",
  audit_required: 14,
  audit_completed: "14",
  service_functions: ["rd_design", "testing", "training", "consulting", "ip", "financing", "exhibition", "logistics"],
  provincial_platform: true,
  startup_base: false,
});

describe("only a non-object throws", () => {
  for (const [label, value, named] of [
    ["null", null, "got null"],
    ["undefined", undefined, "got undefined"],
    ["the number 5", 5, "5"],
    ['the string "x"', "x", '"x"'],
    ["true", true, "true"],
    ["an empty array", [], "array"],
    ["an array of figures", [{}], "array"],
  ]) {
    test(`evaluate(${label}) throws a TypeError naming what it got`, () => {
      assert.throws(
        () => evaluate(value),
        (error) => {
          assert.ok(error instanceof TypeError, `a ${error?.constructor?.name}, not a TypeError`);
          assert.match(error.message, /evaluate\(figures\)/);
          assert.ok(error.message.includes(named), `the message does not name ${named}: ${error.message}`);
          return true;
        },
      );
    });
  }

  for (const [label, value, named] of [
    ["an object", { revenue_wan: 1 }, "object"],
    ["a string", "abc", '"abc"'],
    ["null", null, "null"],
    ["undefined", undefined, "undefined"],
    ["a number", 5, "5"],
  ]) {
    test(`evaluateMany(${label}) throws a TypeError naming what it got`, () => {
      assert.throws(
        () => evaluateMany(value),
        (error) => {
          assert.ok(error instanceof TypeError, `a ${error?.constructor?.name}, not a TypeError`);
          assert.match(error.message, /evaluateMany\(list\)/);
          assert.ok(error.message.includes(named), `the message does not name ${named}: ${error.message}`);
          return true;
        },
      );
    });
  }

  test("evaluate does not throw for bad figures: they come back as errors", () => {
    const report = evaluate({ revenue_wan: "lots", related_smes: -3, no_such_field: 1, land_area_ha: 1, land_area_mu: 15 });
    assert.deepStrictEqual(
      errorPairs(report).sort(),
      [
        ["land_area_mu", "both_units"],
        ["no_such_field", "unknown_field"],
        ["related_smes", "negative"],
        ["revenue_wan", "not_a_number"],
      ],
    );
    assert.equal(report.status, "incomplete");
  });

  const assertWrongTypeReport = (report, label) => {
    assert.deepStrictEqual(errorPairs(report), [[null, "wrong_type"]], `${label}: errors`);
    for (const lang of ["zh", "en"]) {
      assert.ok(report.errors[0].message[lang].length > 0, `${label}: no ${lang} message`);
    }
    assert.deepStrictEqual(
      [...new Set(allChecks(report).map((c) => c.status))],
      ["invalid"],
      `${label}: every check invalid`,
    );
    assert.deepStrictEqual(
      [...new Set(report.conditions.map((c) => c.status))],
      ["invalid"],
      `${label}: every condition invalid`,
    );
    assert.equal(report.status, "incomplete", `${label}: status`);
    assert.equal(report.eligible, false, `${label}: eligible`);
  };

  test("evaluateMany gives a non-object element its own wrong_type report and evaluates the rest", () => {
    const good1 = { revenue_wan: 226247, rd_expense_wan: 2262.47 };
    const good2 = ELIGIBLE;
    const bad = [5, null, "x", [1], true];
    const list = [bad[0], good1, bad[1], bad[2], good2, bad[3], bad[4], {}];
    const reports = evaluateMany(list);
    assert.equal(reports.length, list.length);
    for (const [i, value] of list.entries()) {
      if (bad.includes(value)) assertWrongTypeReport(reports[i], `element ${i} (${JSON.stringify(value)})`);
    }
    assert.deepStrictEqual(reports[1], evaluate(good1));
    assert.deepStrictEqual(reports[4], evaluate(good2));
    assert.equal(reports[4].status, "met");
    assert.deepStrictEqual(reports[7], evaluate({}));
    assert.deepStrictEqual(reports[7].errors, []);
  });

  // evaluate(fn) throws ("not an object"), so in a batch a function or a symbol is a
  // non-object element too: it must not pass as an empty set of figures.
  for (const [label, value] of [
    ["a function", () => ({ revenue_wan: 1 })],
    ["a symbol", Symbol("figures")],
    ["undefined", undefined],
  ]) {
    test(`evaluateMany gives ${label} element a wrong_type report, not an empty one`, () => {
      const reports = evaluateMany([{ related_smes: 20 }, value]);
      assert.equal(reports.length, 2);
      assert.equal(check(reports[0], "related_smes").status, "met");
      assertWrongTypeReport(reports[1], `${label} element`);
    });
  }

  test("the message for undefined says it once", () => {
    assert.throws(() => evaluate(undefined), (error) => !/undefined undefined/.test(error.message) && /got undefined\./.test(error.message));
  });

  test("a Map of figures is read like an object", () => {
    const figures = { revenue_wan: "226247", rd_expense_wan: "2262.47" };
    const fromMap = evaluate(new Map(Object.entries(figures)));
    assert.deepStrictEqual(fromMap, evaluate(figures));
    assert.equal(check(fromMap, "rd_ratio").status, "met");
    assert.deepStrictEqual(evaluateMany([new Map([["related_smes", 20]])])[0], evaluate({ related_smes: 20 }));
  });

  test("evaluateMany([]) is []", () => {
    assert.deepStrictEqual(evaluateMany([]), []);
  });

  test("figures are read from their own keys: toJSON, getters and odd values do not change them", () => {
    const plain = { revenue_wan: "226247", rd_expense_wan: 2262.47, service_functions: ["ip"] };
    const withToJson = { ...plain, toJSON: () => ({ revenue_wan: 1 }) };
    // A function-valued key is not a figure: it is reported (as an unknown field), not lost.
    assert.deepStrictEqual(errorPairs(evaluate(withToJson)), [["toJSON", "unknown_field"]]);
    assert.equal(check(evaluate(withToJson), "rd_ratio").status, "met");
    const inherited = Object.assign(Object.create({ toJSON: () => ({}) }), plain);
    assert.deepStrictEqual(evaluate(inherited), evaluate(plain));
    const getter = Object.defineProperty({ rd_expense_wan: 2262.47 }, "revenue_wan", { get: () => "226247", enumerable: true });
    assert.equal(check(evaluate(getter), "rd_ratio").status, "met");
    const listToJson = Object.assign(["ip", "testing"], { toJSON: () => ["rd_design"] });
    assert.equal(check(evaluate({ service_functions: listToJson }), "service_functions").value, "2");
    // Values JSON cannot carry as they are still arrive as what they are.
    const odd = evaluateMany([
      { revenue_wan: NaN },
      { revenue_wan: 226247n, rd_expense_wan: "2262.47" },
      { service_functions: ["ip", undefined, 5] },
      { revenue_wan: "9".repeat(200_000) },
    ]);
    assert.deepStrictEqual(errorPairs(odd[0]), [["revenue_wan", "not_a_number"]]);
    assert.equal(check(odd[1], "rd_ratio").status, "met");
    assert.deepStrictEqual(errorPairs(odd[2]), [["service_functions", "wrong_type"]]);
    // Read whole, not cut: 200,000 nines are a number, far too large.
    assert.deepStrictEqual(errorPairs(odd[3]), [["revenue_wan", "too_large"]]);
  });
});

describe("numbers cross exactly", () => {
  test("0.1 is one tenth", () => {
    const revenue = check(evaluate({ revenue_wan: 0.1 }), "revenue");
    assert.equal(revenue.value, "0.1");
    assert.equal(revenue.status, "not_met");
    assert.equal(revenue.gap, "199999.9");
  });

  test("2262.47 / 226247 is exactly 1%, where floating point says less", () => {
    assert.ok(2262.47 / 226247 < 0.01, "the float trap this guards against");
    const report = evaluate({ revenue_wan: 226247, rd_expense_wan: 2262.47 });
    const rd = check(report, "rd_ratio");
    assert.equal(rd.status, "met");
    assert.equal(rd.value, "1");
    assert.equal(rd.gap, null);
    assert.deepStrictEqual(report.errors, []);
  });

  test("the JS number 0.1 + 0.2 (0.30000000000000004) is too_precise", () => {
    const report = evaluate({ revenue_wan: 0.1 + 0.2 });
    assert.deepStrictEqual(errorPairs(report), [["revenue_wan", "too_precise"]]);
    assert.equal(check(report, "revenue").status, "invalid");
    assert.ok(report.errors[0].message.en.includes("0.30000000000000004"), report.errors[0].message.en);
  });

  for (const [label, value] of [
    ["NaN", NaN],
    ["Infinity", Infinity],
    ["-Infinity", -Infinity],
  ]) {
    test(`${label} is not_a_number`, () => {
      const report = evaluate({ revenue_wan: value, related_smes: value });
      assert.deepStrictEqual(errorPairs(report).sort(), [
        ["related_smes", "not_a_number"],
        ["revenue_wan", "not_a_number"],
      ]);
      assert.equal(check(report, "revenue").status, "invalid");
      assert.equal(check(report, "related_smes").status, "invalid");
    });
  }

  test("-0 is 0, not negative", () => {
    const smes = evaluate({ related_smes: -0 });
    assert.deepStrictEqual(smes.errors, []);
    assert.equal(check(smes, "related_smes").value, "0");
    assert.equal(check(smes, "related_smes").gap, "20");
    const revenue = evaluate({ revenue_wan: -0 });
    assert.deepStrictEqual(errorPairs(revenue), [["revenue_wan", "zero_revenue"]]);
    assert.equal(check(revenue, "revenue").value, "0");
  });

  for (const [label, value] of [
    ["2**53", 2 ** 53],
    ["1e21", 1e21],
    ["1e12 + 1", 1e12 + 1],
  ]) {
    test(`${label} is too_large`, () => {
      const report = evaluate({ revenue_wan: value });
      assert.deepStrictEqual(errorPairs(report), [["revenue_wan", "too_large"]]);
      assert.equal(check(report, "revenue").status, "invalid");
    });
  }

  test("1e12 (the bound) is accepted", () => {
    const report = evaluate({ revenue_wan: 1e12 });
    assert.deepStrictEqual(report.errors, []);
    assert.equal(check(report, "revenue").value, "1000000000000");
    assert.equal(report.tier, "over_100yi");
  });

  test("a BigInt is read as its integer", () => {
    const report = evaluate({ revenue_wan: 5n, leading_enterprises: 3n });
    assert.deepStrictEqual(report.errors, []);
    assert.equal(check(report, "revenue").value, "5");
    assert.equal(check(report, "leading_enterprises").value, "3");
    assert.equal(check(report, "leading_enterprises").status, "met");
  });

  test("a huge BigInt is too_large", () => {
    const report = evaluate({ revenue_wan: 10n ** 30n });
    assert.deepStrictEqual(errorPairs(report), [["revenue_wan", "too_large"]]);
  });

  test("a count of 2.5 is not_whole; 2.0 is 2", () => {
    const report = evaluate({ leading_enterprises: 2.5 });
    assert.deepStrictEqual(errorPairs(report), [["leading_enterprises", "not_whole"]]);
    assert.equal(check(report, "leading_enterprises").status, "invalid");
    const whole = evaluate({ leading_enterprises: "2.0" });
    assert.deepStrictEqual(whole.errors, []);
    assert.equal(check(whole, "leading_enterprises").status, "met");
  });

  test("undefined is the same as not given", () => {
    const report = evaluate({ name: "x", revenue_wan: undefined, startup_base: undefined });
    assert.deepStrictEqual(report, evaluate({ name: "x" }));
    assert.equal(check(report, "revenue").status, "missing");
    assert.deepStrictEqual(report.errors, []);
  });

  for (const [label, value] of [
    ["a nested object", { amount: 5 }],
    ["a function", () => 5],
    ["an array", [5]],
  ]) {
    test(`${label} as a figure is wrong_type`, () => {
      const report = evaluate({ revenue_wan: value, related_smes: 25 });
      assert.deepStrictEqual(errorPairs(report), [["revenue_wan", "wrong_type"]]);
      assert.equal(check(report, "revenue").status, "invalid");
      assert.equal(check(report, "related_smes").status, "met");
    });
  }

  test("text with full-width digits, ． and ， is read as ASCII", () => {
    const report = evaluate({ revenue_wan: "２２６，２４７", rd_expense_wan: "２２６２．４７", related_smes: "２０" });
    assert.deepStrictEqual(report.errors, []);
    assert.equal(check(report, "revenue").value, "226247");
    assert.equal(check(report, "rd_ratio").value, "1");
    assert.equal(check(report, "rd_ratio").status, "met");
    assert.equal(check(report, "related_smes").value, "20");
  });

  test("decimals come back as strings, never numbers", () => {
    const reports = [
      evaluate(ELIGIBLE),
      evaluate({ revenue_wan: 180000.5, rd_expense_wan: 1000, land_area_mu: 100, building_footprint_mu: 40, fixed_investment_wan: 5000 }),
    ];
    let seen = 0;
    for (const report of reports) {
      for (const c of allChecks(report)) {
        for (const key of ["value", "threshold", "gap"]) {
          if (c[key] === null) continue;
          seen++;
          assert.equal(typeof c[key], "string", `${c.id}.${key} is ${typeof c[key]}: ${c[key]}`);
          assert.match(c[key], /^\d+(\.\d+)?$/, `${c.id}.${key}`);
        }
      }
    }
    assert.ok(seen >= 25, `only ${seen} decimals seen`);
    // 5000 万元 on 100 亩 (6.666… 公顷) is 750 万元/公顷; 1666.666… 万元 more is needed,
    // rounded up to the sixth place so that adding it really meets the threshold.
    const intensity = check(reports[1], "investment_intensity");
    assert.deepStrictEqual([intensity.value, intensity.gap, intensity.gap_field], ["750", "1666.666667", "fixed_investment_wan"]);
    // 1000 / 180000.5 = 0.555554…%: shown cut to four places.
    assert.equal(check(reports[1], "rd_ratio").value, "0.5555");
  });
});

describe("rulesets and version", () => {
  test("rulesets() lists henan-2014 (the default) and miit-2022-core", () => {
    const list = rulesets();
    assert.deepStrictEqual(list.map((r) => [r.id, r.default]), [["henan-2014", true], ["miit-2022-core", false]]);
    for (const r of list) assert.deepStrictEqual(Object.keys(r), ["id", "document", "issued", "title", "short", "default"]);
    const [ruleset, national] = list;
    assert.equal(national.document, "工信部企业〔2022〕119号");
    assert.equal(national.issued, "2022-09-13");
    assert.deepStrictEqual(evaluate({ ruleset: "miit-2022-core" }).ruleset, { id: national.id, document: national.document, issued: national.issued, title: national.title });
    assert.equal(ruleset.id, "henan-2014");
    assert.equal(ruleset.document, "豫工信企业〔2014〕196号");
    assert.equal(ruleset.issued, "2014-03-22");
    assert.deepStrictEqual(Object.keys(ruleset.title), ["zh", "en"]);
    assert.equal(ruleset.title.zh, "河南省工业和信息化厅关于创建中小企业特色产业集群的指导意见");
    assert.equal(typeof ruleset.title.en, "string");
    assert.ok(ruleset.title.en.length > 10);
    const { id, document, issued, title } = ruleset;
    assert.deepStrictEqual(evaluate({}).ruleset, { id, document, issued, title });
  });

  test("version() is the installed package's version", () => {
    const manifest = JSON.parse(readFileSync(packageFile("package.json"), "utf8"));
    assert.equal(manifest.name, "cluster-check");
    assert.equal(version(), manifest.version);
    assert.match(version(), /^\d+\.\d+\.\d+/);
  });
});

describe("labelsOnly: messages for a page name figures by their labels", () => {
  /** Every error and warning of a report, as [field, code, zh, en]. */
  const said = (report) => [...report.errors, ...report.warnings].map((e) => [e.field, e.code, e.message.zh, e.message.en]);

  test("a key after its label goes with its brackets; a key before its label gives way to it", () => {
    const figures = { revenue_wan: -5, building_footprint_ha: 50, land_area_ha: 10, rd_expense_wan: 2e9 };
    const keyed = said(evaluate(figures));
    const labelled = said(evaluate(figures, { labelsOnly: true }));
    assert.equal(labelled.length, keyed.length);
    const negative = labelled.find(([, code]) => code === "negative");
    assert.deepStrictEqual(negative, ["revenue_wan", "negative", "年营业收入不能为负数，填写的是 -5。", "annual operating revenue must not be negative; got -5."]);
    assert.ok(keyed.find(([, code]) => code === "negative")[2].includes("（revenue_wan）"));
    const inconsistent = labelled.find(([, code]) => code === "inconsistent");
    assert.equal(inconsistent[2], "建筑物基底面积之和为 50 公顷，大于工业用地面积 10 公顷，两者矛盾，请核对。");
    assert.equal(inconsistent[3], "total building footprint is 50 ha, more than industrial land area 10 ha: the figures contradict each other.");
    // Nothing else changes: the field, the code, and every message of a report without keys in it.
    for (let i = 0; i < keyed.length; i++) {
      assert.deepStrictEqual(labelled[i].slice(0, 2), keyed[i].slice(0, 2));
      for (const text of labelled[i].slice(2)) assert.doesNotMatch(text, /revenue_wan|land_area_ha|building_footprint_ha|rd_expense_wan/);
    }
  });

  test("a per-year key and a meta key are keys too; a key the ruleset does not have stays", () => {
    const national = said(evaluate({ ruleset: "miit-2022-core", year: 2024, output_wan_2024: -1 }, { labelsOnly: true }));
    assert.deepStrictEqual(national[0].slice(2), ["2024年集群产值不能为负数，填写的是 -1。", "cluster output (2024) must not be negative; got -1."]);
    const year = said(evaluate({ year: "x" }, { labelsOnly: true }));
    assert.match(year[0][2], /^年份不是有效的数字/);
    const unknown = said(evaluate({ revenu_wan: 1 }, { labelsOnly: true }));
    assert.match(unknown[0][2], /revenu_wan/);
    assert.deepStrictEqual(unknown, said(evaluate({ revenu_wan: 1 })));
  });

  test("a value that happens to be a key is not taken for one", () => {
    const [[, code, zh, en]] = said(evaluate({ revenue_wan: "revenue_wan" }, { labelsOnly: true }));
    assert.equal(code, "not_a_number");
    assert.match(zh, /^年营业收入不是有效的数字："revenue_wan"。/);
    assert.match(en, /^annual operating revenue is not a number: "revenue_wan"\./);
  });

  test("evaluateMany takes the option too; anything but an options object is no option", () => {
    const [report] = evaluateMany([{ revenue_wan: -5 }], { labelsOnly: true });
    assert.equal(report.errors[0].message.zh, "年营业收入不能为负数，填写的是 -5。");
    const keyed = evaluate({ revenue_wan: -5 }).errors[0].message.zh;
    // list.map(evaluate) passes the index as the second argument.
    for (const given of [null, 0, 1, "labels", [true], { labelsOnly: "yes" }]) assert.equal(evaluate({ revenue_wan: -5 }, given).errors[0].message.zh, keyed);
    assert.equal([{ revenue_wan: -5 }].map(evaluate)[0].errors[0].message.zh, keyed);
  });
});

describe("the report's shape", () => {
  const CONDITIONS = [
    ["management", "三（一）", "建设管理规范", ["defined_area", "coordination_body", "development_plan", "policy_support"]],
    ["agglomeration", "三（二）", "集聚效应明显", ["leading_enterprises", "related_smes", "building_density", "investment_intensity"]],
    ["competitiveness", "三（三）", "产业竞争力强", ["revenue", "leading_industry_share"]],
    ["innovation", "三（四）", "创新能力强", ["rd_ratio"]],
    ["green", "三（五）", "节能减排达标", ["audit_rate"]],
    ["public_service", "三（六）", "公共服务体系完善", ["service_functions", "platform_or_base"]],
  ];
  // The document's key phrases (henan-2014.md), quoted verbatim in each check's citation.
  const CITATIONS = {
    defined_area: "具有一定的地理范围",
    coordination_body: "健全的组织协调机构",
    development_plan: "产业发展规划",
    policy_support: "政策扶持措施",
    leading_enterprises: "主营业务收入超5000万元的龙头企业不少于2家",
    related_smes: "拥有相关联的中小企业不低于20家",
    building_density: "工业用地建筑密度不低于50%",
    investment_intensity: "单位土地平均投资强度1000万元/平方公顷以上",
    revenue: "年营业收入20亿元以上",
    leading_industry_share: "主导产业营业收入占全部营业收入的比重不低于65%",
    rd_ratio: "研发投入占营业收入的比重不低于1%",
    audit_rate: "强制清洁生产审核实施率达到100%",
    service_functions: "研发设计、检验检测、业务培训、信息咨询、知识产权保护、融资担保、产品展销、物流服务",
    platform_or_base: "拥有省级以上中小企业公共服务平台或小企业创业基地",
  };

  for (const [label, figures] of [
    ["empty figures", {}],
    ["an eligible cluster", ELIGIBLE],
    ["bad figures", { revenue_wan: -1, ruleset: "henan-2014", unknown: true }],
  ]) {
    test(`keys, conditions and checks in the contract's order (${label})`, () => {
      const report = evaluate(figures);
      // The spec's keys in its order, plus name and year echoed from the figures.
      assert.deepStrictEqual(Object.keys(report), [
        "ruleset", "name", "year", "status", "eligible", "tier", "conditions", "errors", "warnings", "notes",
      ]);
      assert.deepStrictEqual(
        report.conditions.map((c) => c.id),
        CONDITIONS.map(([id]) => id),
      );
      for (const [i, [id, clause, titleZh, checkIds]] of CONDITIONS.entries()) {
        const condition = report.conditions[i];
        assert.deepStrictEqual(Object.keys(condition), ["id", "clause", "title", "status", "checks"], id);
        assert.equal(condition.clause, clause, id);
        assert.equal(condition.title.zh, titleZh, id);
        assert.ok(condition.title.en.length > 0, id);
        assert.deepStrictEqual(condition.checks.map((c) => c.id), checkIds, id);
        for (const c of condition.checks) {
          assert.deepStrictEqual(
            Object.keys(c),
            ["id", "title", "status", "value", "threshold", "unit", "gap", "gap_field", "citation", "explanation"],
            c.id,
          );
          assert.equal(c.citation, CITATIONS[c.id], c.id);
          assert.ok(c.title.zh.length > 0 && c.title.en.length > 0, c.id);
          assert.ok(c.explanation.zh.length > 0 && c.explanation.en.length > 0, c.id);
        }
      }
      for (const issue of [...report.errors, ...report.warnings]) {
        assert.deepStrictEqual(Object.keys(issue), ["field", "code", "message"]);
      }
      assert.ok(Array.isArray(report.warnings));
    });
  }

  test("name and year are echoed; the eligible cluster is met and over_100yi", () => {
    const report = evaluate(ELIGIBLE);
    assert.equal(report.name, ELIGIBLE.name);
    assert.equal(report.year, 2023);
    assert.equal(report.status, "met");
    assert.equal(report.eligible, true);
    assert.equal(report.tier, "over_100yi");
    assert.deepStrictEqual(report.errors, []);
  });

  test("notes are given in zh and en, and say that 所在地政府高度重视 is not judged", () => {
    const { notes } = evaluate({});
    assert.ok(notes.length > 0);
    for (const note of notes) {
      assert.deepStrictEqual(Object.keys(note), ["zh", "en"]);
      assert.ok(note.zh.length > 0 && note.en.length > 0, JSON.stringify(note));
    }
    const judgement = notes.find((note) => note.zh.includes("所在地政府高度重视"));
    assert.ok(judgement, "no note mentions 所在地政府高度重视");
    assert.ok(judgement.en.includes("judgement"), judgement.en);
  });
});

describe("texts in a report are frozen; repeated ones are shared", () => {
  const texts = (report) => [
    report.ruleset.title,
    ...report.conditions.map((c) => c.title),
    ...allChecks(report).flatMap((c) => [c.title, c.explanation]),
    ...[...report.errors, ...report.warnings].map((i) => i.message),
    ...report.notes,
  ];

  test("every { zh, en } text is frozen, in evaluate and in evaluateMany", () => {
    const figures = [{}, ELIGIBLE, { revenue_wan: -1, unknown: 1, land_area_ha: "1e400" }, { revenue_wan: 200000 }, 5];
    for (const report of [...figures.filter((f) => typeof f === "object").map(evaluate), ...evaluateMany(figures)]) {
      for (const text of texts(report)) {
        assert.ok(Object.isFrozen(text), JSON.stringify(text));
        assert.deepStrictEqual(Object.keys(text), ["zh", "en"]);
      }
      assert.throws(() => {
        allChecks(report)[0].explanation.zh = "changed"; // modules are strict: this throws
      }, TypeError);
    }
  });

  test("explanations without figures are one shared object; those with figures are each the report's own", () => {
    const [a, b] = evaluateMany([ELIGIBLE, { ...ELIGIBLE, rd_expense_wan: "18563" }]);
    assert.equal(check(a, "defined_area").explanation, check(b, "defined_area").explanation);
    assert.equal(check(a, "defined_area").explanation, check(evaluate(ELIGIBLE), "defined_area").explanation);
    assert.notEqual(check(a, "rd_ratio").explanation.en, check(b, "rd_ratio").explanation.en);
    assert.match(check(b, "rd_ratio").explanation.en, /1%/);
  });
});

describe("evaluateMany over more than one crossing", () => {
  test("4500 records come back one report each, in order", () => {
    const list = Array.from({ length: 4500 }, (_, i) => ({ revenue_wan: `${i}.5`, year: 2000 + (i % 20) }));
    const reports = evaluateMany(list);
    assert.equal(reports.length, list.length);
    for (const i of [0, 1, 1999, 2000, 2001, 3999, 4000, 4499]) {
      assert.equal(check(reports[i], "revenue").value, `${i}.5`, `record ${i}`);
      assert.equal(reports[i].year, 2000 + (i % 20), `record ${i}`);
    }
    assert.deepStrictEqual(reports[2000], evaluate(list[2000]));
  });

  test("the wrapper crosses once per 2000 records", async () => {
    const { api, texts } = await watchedCrossings();
    const reports = api.evaluateMany(Array.from({ length: 4500 }, (_, i) => ({ related_smes: i })));
    assert.deepStrictEqual(texts.map((text) => JSON.parse(text).length), [2000, 2000, 500]);
    assert.equal(check(reports[4321], "related_smes").value, "4321");
  });
});

describe("recovery when the WebAssembly instance traps", () => {
  test("the built glue exports __wbg_reset_state", async () => {
    const source = readFileSync(packageFile("cluster_check.js"), "utf8");
    assert.match(source, /export function __wbg_reset_state\b/);
    const glue = await import(packageFile("cluster_check.js"));
    assert.equal(typeof glue.__wbg_reset_state, "function");
  });

  /** Runs fn with console.warn recorded, and restores it. */
  async function withWarnings(fn) {
    const original = console.warn;
    const warnings = [];
    console.warn = (...args) => warnings.push(args.join(" "));
    try {
      await fn();
    } finally {
      console.warn = original;
    }
    return warnings;
  }

  const FIGURES = { revenue_wan: 226247, rd_expense_wan: 2262.47 };

  test("one trap: the instance is reset, the call retried, a warning given", async () => {
    const { createApi } = await import(packageFile("api.js"));
    const glue = await import(packageFile("cluster_check.js"));
    const { default: catalogs } = await import(packageFile("rulesets/all.js"));
    let calls = 0;
    let resets = 0;
    const api = createApi({
      ...glue,
      evaluateManyCompact(text, form) {
        calls++;
        if (calls === 1) throw new WebAssembly.RuntimeError("unreachable");
        return glue.evaluateManyCompact(text, form);
      },
      __wbg_reset_state() {
        resets++;
      },
    }, catalogs);
    let report;
    const warnings = await withWarnings(() => {
      report = api.evaluate(FIGURES);
    });
    assert.equal(calls, 2);
    assert.equal(resets, 1);
    assert.deepStrictEqual(report, evaluate(FIGURES));
    assert.equal(check(report, "rd_ratio").status, "met");
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /unreachable/);
    assert.match(warnings[0], /restarted/);
  });

  test("a trap every time: an Error saying the engine stopped twice, and the instance reset", async () => {
    const { createApi } = await import(packageFile("api.js"));
    const glue = await import(packageFile("cluster_check.js"));
    const { default: catalogs } = await import(packageFile("rulesets/all.js"));
    let resets = 0;
    const api = createApi({
      ...glue,
      evaluateManyCompact() {
        throw new WebAssembly.RuntimeError("unreachable");
      },
      __wbg_reset_state() {
        resets++;
      },
    }, catalogs);
    await withWarnings(() => {
      assert.throws(
        () => api.evaluate(FIGURES),
        (error) => {
          assert.ok(error instanceof Error);
          assert.ok(!(error instanceof WebAssembly.RuntimeError), "the raw trap escaped");
          assert.match(error.message, /stopped twice/);
          assert.ok(error.cause instanceof WebAssembly.RuntimeError);
          return true;
        },
      );
    });
    assert.ok(resets >= 1, "the instance was never reset");
  });

  test("an error that is not a trap is not retried", async () => {
    const { createApi } = await import(packageFile("api.js"));
    const glue = await import(packageFile("cluster_check.js"));
    const { default: catalogs } = await import(packageFile("rulesets/all.js"));
    let calls = 0;
    let resets = 0;
    const api = createApi({
      ...glue,
      evaluateManyCompact() {
        calls++;
        throw new RangeError("not a trap");
      },
      __wbg_reset_state() {
        resets++;
      },
    }, catalogs);
    assert.throws(() => api.evaluate(FIGURES), RangeError);
    assert.equal(calls, 1);
    assert.equal(resets, 0);
  });

  test("the package keeps working after its real instance is reset", async () => {
    assert.match(entry, /\/node\.js$/, "Node should load the package's Node entry");
    const before = evaluate(ELIGIBLE);
    const glue = await import(packageFile("cluster_check.js"));
    // Only the instance node.js initialised can answer (another copy of the glue would
    // have no WebAssembly instance and throw), so this is the module the package uses.
    assert.equal(glue.version(), version());
    glue.__wbg_reset_state();
    assert.deepStrictEqual(evaluate(ELIGIBLE), before);
    assert.deepStrictEqual(evaluateMany([FIGURES, ELIGIBLE]), [evaluate(FIGURES), before]);
    glue.__wbg_reset_state();
    assert.equal(version(), glue.version());
  });
});
