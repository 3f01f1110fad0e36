// How records reach the engine, through the built package: every own key arrives (an own
// `__proto__` included), no text is cut, keys and names with lone surrogates come back as
// given, and each value is read once, so that a getter or a Proxy that throws or changes its
// answer spoils only its own record. Each block reproduces a defect found by a hostile probe.
import { describe, test } from "node:test";
import assert from "node:assert/strict";

import { evaluate, evaluateMany } from "cluster-check";
import { allChecks, check, errorPairs, watchedCrossings } from "./reports.mjs";
const sortedPairs = (report) => errorPairs(report).sort((a, b) => (String(a) < String(b) ? -1 : 1));

/** Both ways in: evaluate and evaluateMany must agree. */
function bothWays(figures) {
  const one = evaluate(figures());
  const [many] = evaluateMany([figures()]);
  assert.deepStrictEqual(many, one, "evaluate and evaluateMany disagree");
  return one;
}

describe("an own __proto__ key is never lost", () => {
  // Each of these values makes the wrapper copy the record; the copy must keep __proto__.
  const copied = [
    ["NaN", NaN],
    ["Infinity", Infinity],
    ["a BigInt", 5n],
    ["an object", { amount: 1 }],
    ["a list with undefined", ["ip", undefined]],
  ];

  test("JSON.parse('{\"__proto__\": 5}') is an unknown field", () => {
    assert.deepStrictEqual(errorPairs(bothWays(() => JSON.parse('{"__proto__": 5}'))), [["__proto__", "unknown_field"]]);
  });

  test("beside a figure of 1e400 (Infinity), __proto__ is still an unknown field", () => {
    const report = bothWays(() => JSON.parse('{"__proto__": 5, "revenue_wan": 1e400}'));
    assert.deepStrictEqual(sortedPairs(report), [
      ["__proto__", "unknown_field"],
      ["revenue_wan", "not_a_number"],
    ]);
  });

  test("an object value under __proto__ is an unknown field, and does not become figures", () => {
    const report = bothWays(() => JSON.parse('{"__proto__": {"revenue_wan": 1}}'));
    assert.deepStrictEqual(errorPairs(report), [["__proto__", "unknown_field"]]);
    assert.equal(check(report, "revenue").status, "missing");
  });

  for (const [label, value] of copied) {
    test(`an own __proto__ made by defineProperty, Object.create(null) or a Map, beside ${label}`, () => {
      const ways = {
        defineProperty: () =>
          Object.defineProperty({ revenue_wan: value }, "__proto__", { value: 5, enumerable: true, writable: true, configurable: true }),
        "Object.create(null)": () => Object.assign(Object.create(null), JSON.parse('{"__proto__": 5}'), { revenue_wan: value }),
        Map: () => new Map([["__proto__", 5], ["revenue_wan", value]]),
      };
      for (const [way, make] of Object.entries(ways)) {
        const fields = errorPairs(bothWays(make)).map(([field]) => field);
        assert.ok(fields.includes("__proto__"), `${way}: no error names __proto__: ${JSON.stringify(fields)}`);
      }
    });
  }
});

describe("no text is cut: long texts are read whole", () => {
  test("an all-blank text of any length is not given", () => {
    for (const blanks of [" ".repeat(100_001), " ".repeat(1_000_000), "\u3000".repeat(150_000), "\t\n ".repeat(50_000)]) {
      const report = bothWays(() => ({ revenue_wan: blanks, related_smes: blanks }));
      assert.deepStrictEqual(report.errors, [], `${blanks.length} blanks`);
      assert.equal(check(report, "revenue").status, "missing");
      assert.equal(check(report, "related_smes").status, "missing");
    }
  });

  test("leading zeros, surrounding blanks and trailing fractional zeros do not make a figure fail", () => {
    const zeros = "0".repeat(100_000);
    const blanks = " ".repeat(100_000);
    const report = bothWays(() => ({
      related_smes: zeros + "7",
      revenue_wan: blanks + "226247" + blanks,
      rd_expense_wan: "2262.47" + "0".repeat(200_000),
      land_area_ha: "5." + "0".repeat(200_000),
      building_footprint_ha: zeros + "2.5" + zeros,
    }));
    assert.deepStrictEqual(report.errors, []);
    assert.equal(check(report, "related_smes").value, "7");
    assert.equal(check(report, "revenue").value, "226247");
    // 2262.47 / 226247 is exactly 1%: the long texts are still read exactly.
    assert.equal(check(report, "rd_ratio").value, "1");
    assert.equal(check(report, "rd_ratio").status, "met");
    assert.equal(check(report, "building_density").value, "50");
    assert.equal(check(report, "building_density").status, "met");
  });

  test("a huge number written as text is too_large, not not_a_number, and its message stays short", () => {
    for (const text of ["1".repeat(100_001), "9".repeat(200_000), "1".repeat(100_000), "1" + "0".repeat(300_000) + ".5"]) {
      const report = bothWays(() => ({ revenue_wan: text }));
      assert.deepStrictEqual(errorPairs(report), [["revenue_wan", "too_large"]], `${text.length} digits`);
      for (const lang of ["zh", "en"]) assert.ok(report.errors[0].message[lang].length < 300, report.errors[0].message[lang]);
    }
  });

  test("a long name comes back as given", () => {
    for (const length of [100_001, 1_000_000]) {
      const name = "某县起重装备产业集群".repeat(Math.ceil(length / 10)).slice(0, length);
      const report = bothWays(() => ({ name, revenue_wan: NaN }));
      assert.equal(report.name.length, name.length);
      assert.ok(report.name === name, "the name did not come back as given");
    }
  });
});

describe("lone surrogates: keys and names come back as given", () => {
  test('two keys "\\ud800" and "\\udbff" are two unknown fields, each named as given', () => {
    const report = bothWays(() => ({ "\ud800": 1, "\udbff": 2 }));
    assert.deepStrictEqual(sortedPairs(report), [
      ["\ud800", "unknown_field"],
      ["\udbff", "unknown_field"],
    ]);
    for (const error of report.errors) {
      for (const lang of ["zh", "en"]) assert.ok(error.message[lang].length > 0);
    }
  });

  test("a name with a lone surrogate comes back as given", () => {
    assert.ok(bothWays(() => ({ name: "A\ud800B" })).name === "A\ud800B");
    assert.ok(bothWays(() => ({ name: "\udfff", revenue_wan: Infinity })).name === "\udfff");
  });

  test("keys that differ only where JSON would replace a lone surrogate stay apart", () => {
    const keys = ["\ud800", "\\ud800", "\ufffd", "x\udc00", "x\ud800\udc00", "\ud800\ud800"];
    const report = bothWays(() => Object.fromEntries(keys.map((key, i) => [key, i])));
    assert.deepStrictEqual(
      report.errors.map((e) => e.field).sort(),
      [...keys].sort(),
    );
    assert.ok(report.errors.every((e) => e.code === "unknown_field"));
  });

  test("a lone surrogate in a figure's text is that figure's error, nothing else", () => {
    const report = bothWays(() => ({ revenue_wan: "5\ud800", service_functions: ["ip", "\udc00"] }));
    assert.deepStrictEqual(sortedPairs(report), [
      ["revenue_wan", "not_a_number"],
      ["service_functions", "unknown_value"],
    ]);
  });
});

describe("each value is read once; a record that cannot be read spoils only itself", () => {
  const boom = () => {
    throw new Error("boom");
  };
  const assertUnreadable = (report, field, label) => {
    assert.deepStrictEqual(errorPairs(report), [[field, "unreadable"]], label);
    const [error] = report.errors;
    assert.match(error.message.en, /could not be read/, label);
    assert.match(error.message.zh, /无法读取/, label);
    assert.ok(Object.isFrozen(error.message), label);
    assert.deepStrictEqual([...new Set(allChecks(report).map((c) => c.status))], ["invalid"], label);
    for (const c of allChecks(report)) {
      assert.match(c.explanation.en, /could not be read/, `${label}: ${c.id}`);
      assert.ok(Object.isFrozen(c.explanation), label);
    }
    assert.equal(report.status, "incomplete", label);
    assert.equal(report.eligible, false, label);
  };

  const hostile = [
    ["a getter that throws", () => Object.defineProperty({ related_smes: 20 }, "revenue_wan", { get: boom, enumerable: true }), "revenue_wan"],
    ["a Proxy whose ownKeys trap throws", () => new Proxy({ related_smes: 20 }, { ownKeys: boom }), null],
    ["a Proxy whose get trap throws", () => new Proxy({ related_smes: 20, revenue_wan: 1 }, { get: boom }), "related_smes"],
    ["a Proxy whose getPrototypeOf trap throws", () => new Proxy({ related_smes: 20 }, { getPrototypeOf: boom }), null],
    ["a revoked Proxy", () => {
      const { proxy, revoke } = Proxy.revocable({ related_smes: 20 }, {});
      revoke();
      return proxy;
    }, null],
    ["a list whose entry getter throws", () => ({ service_functions: Object.defineProperty(["ip"], 1, { get: boom, enumerable: true }) }), "service_functions"],
    ["a getter that throws something that is not an Error", () => Object.defineProperty({}, "name", { get: () => { throw Symbol("odd"); }, enumerable: true }), "name"],
  ];

  for (const [label, make, field] of hostile) {
    test(`${label}: evaluate gives a report with an unreadable error, and does not throw`, () => {
      assertUnreadable(evaluate(make()), field, label);
    });

    test(`${label}: in evaluateMany it gets its own report and the others are checked`, () => {
      const good = [{ revenue_wan: 226247, rd_expense_wan: 2262.47 }, { related_smes: 20 }];
      const reports = evaluateMany([good[0], make(), good[1]]);
      assert.equal(reports.length, 3);
      assert.deepStrictEqual(reports[0], evaluate(good[0]));
      assertUnreadable(reports[1], field, label);
      assert.deepStrictEqual(reports[2], evaluate(good[1]));
    });
  }

  test("a batch element whose getter throws gets its own report", () => {
    const list = [{ related_smes: 20 }, null, { related_smes: 3 }];
    Object.defineProperty(list, 1, { get: boom });
    const reports = evaluateMany(list);
    assert.equal(reports.length, 3);
    assert.equal(check(reports[0], "related_smes").status, "met");
    assertUnreadable(reports[1], null, "element getter");
    assert.equal(check(reports[2], "related_smes").status, "not_met");
  });

  test("a two-faced getter cannot make the engine see invalid JSON: the value read once is the value judged", () => {
    const twoFaced = () => {
      let reads = 0;
      const deep = JSON.parse("[".repeat(40) + "]".repeat(40));
      return Object.defineProperty({}, "revenue_wan", { get: () => (reads++ === 0 ? "5" : deep), enumerable: true });
    };
    const reports = evaluateMany([{ revenue_wan: 1 }, twoFaced(), { revenue_wan: 2 }]);
    assert.equal(check(reports[0], "revenue").value, "1");
    assert.deepStrictEqual(reports[1].errors, []);
    assert.equal(check(reports[1], "revenue").value, "5");
    assert.equal(check(reports[2], "revenue").value, "2");
    assert.equal(check(evaluate(twoFaced()), "revenue").value, "5");
  });

  test("every value is read exactly once, in evaluate and in evaluateMany", () => {
    const reads = new Map();
    const target = { revenue_wan: 226247, rd_expense_wan: NaN, service_functions: ["ip", "testing"], name: "x", odd: 1n };
    const counted = () =>
      new Proxy(target, {
        get(t, key, receiver) {
          reads.set(key, (reads.get(key) ?? 0) + 1);
          return Reflect.get(t, key, receiver);
        },
      });
    evaluate(counted());
    evaluateMany([counted(), counted()]);
    for (const key of Object.keys(target)) assert.equal(reads.get(key), 3, `${key} read ${reads.get(key)} times for 3 records`);
    const listReads = [];
    const list = new Proxy(["ip", "testing"], {
      get(t, key, receiver) {
        listReads.push(String(key));
        return Reflect.get(t, key, receiver);
      },
    });
    evaluate({ service_functions: list });
    assert.deepStrictEqual(listReads.filter((k) => /^\d+$/.test(k)), ["0", "1"], "each entry once");
  });

  test("an unreadable record's message stays short, and its field is the key as given", () => {
    const key = "k".repeat(1000) + "\ud800";
    const report = evaluate(Object.defineProperty({}, key, { get: () => { throw new Error("x".repeat(10_000)); }, enumerable: true }));
    assert.deepStrictEqual(errorPairs(report), [[key, "unreadable"]]);
    for (const lang of ["zh", "en"]) assert.ok(report.errors[0].message[lang].length < 300, report.errors[0].message[lang]);
  });

  test("a Proxy list's length is read as JSON reads it", () => {
    const list = (length) => new Proxy(["ip", "testing", "training"], { get: (t, k, r) => (k === "length" ? length : Reflect.get(t, k, r)) });
    assert.equal(check(evaluate({ service_functions: list("2") }), "service_functions").value, "2");
    assert.equal(check(evaluate({ service_functions: list(2.7) }), "service_functions").value, "2");
    assert.equal(check(evaluate({ service_functions: list(NaN) }), "service_functions").value, "0");
  });

  test("a list too long for JSON to write is refused at once, without filling it in", () => {
    const sparse = [];
    sparse.length = 2 ** 30;
    const started = performance.now();
    const reports = evaluateMany([{ related_smes: 20 }, { service_functions: sparse }]);
    assert.ok(performance.now() - started < 2000, "took too long");
    assert.equal(check(reports[0], "related_smes").status, "met");
    assert.deepStrictEqual(errorPairs(reports[1]), [["service_functions", "unreadable"]]);
    assert.match(reports[1].errors[0].message.en, /too large/);
  });

  test("a batch of long records crosses in several parts, each of bounded size", async () => {
    const { api, texts } = await watchedCrossings();
    const name = "n".repeat(1_000_000);
    const reports = api.evaluateMany(Array.from({ length: 20 }, (_, i) => ({ name, related_smes: i })));
    assert.equal(reports.length, 20);
    assert.equal(check(reports[19], "related_smes").value, "19");
    assert.ok(reports.every((r) => r.name === name));
    const sizes = texts.map((text) => text.length);
    assert.ok(sizes.length >= 4, `${sizes.length} crossings`);
    assert.ok(Math.max(...sizes) < 6_000_000, `a crossing of ${Math.max(...sizes)} characters`);
  });
});
