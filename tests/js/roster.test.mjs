// Figures counted from an enterprise roster, through the built package
// (`cluster-check/roster`): the case files of tests/roster/ (the same ones tests/roster.rs
// holds the native engine to), the messages expanded from the catalog in both languages,
// the counted figures judged by the same package, and the boundary (what throws, what
// crosses, what the single-cluster entry does without the roster engine).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";

import { evaluate, figuresFromRoster, rulesets } from "cluster-check/roster";
import * as single from "cluster-check";

const dir = new URL("../roster/", import.meta.url);
const cases = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .flatMap((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")));
const catalogs = Object.fromEntries(
  rulesets().map((r) => [r.id, JSON.parse(readFileSync(new URL(`../../node_modules/cluster-check/rulesets/${r.id}.json`, import.meta.url), "utf8"))]),
);

const issues = (list) => list.map((i) => JSON.stringify({ row: i.row, field: i.field, code: i.code })).sort();

/** Every message of a cluster in one language, each checked to be a finished text. */
function texts(cluster, lang) {
  const all = [
    ...cluster.traces.flatMap((t) => t.messages),
    ...cluster.errors.map((i) => i.message),
    ...cluster.warnings.map((i) => i.message),
    ...cluster.notes,
  ];
  for (const m of all) {
    assert.equal(typeof m[lang], "string", `a message without ${lang}: ${JSON.stringify(m)}`);
    assert.ok(m[lang].length > 0 && !m[lang].includes("{"), `unfinished message: ${m[lang]}`);
  }
  return all.map((m) => m[lang]).join("\n");
}

function checkCluster(name, got, want) {
  for (const key of ["cluster", "matched", "enterprises", "derived"]) {
    if (key in want) assert.deepEqual(got[key], want[key], `${name}: ${key}`);
  }
  for (const [k, v] of Object.entries(want.figures ?? {})) assert.deepEqual(got.figures[k], v, `${name}: figures.${k}`);
  for (const k of want.absent ?? []) assert.ok(!(k in got.figures), `${name}: figures.${k} should be absent`);
  for (const [field, members] of Object.entries(want.traces ?? {})) {
    const trace = got.traces.find((t) => t.field === field);
    assert.ok(trace, `${name}: no trace of ${field}`);
    for (const [k, v] of Object.entries(members)) assert.deepEqual(trace[k], v, `${name}: traces.${field}.${k}`);
    assert.ok(trace.messages.length > 0, `${name}: the trace of ${field} explains nothing`);
  }
  for (const list of ["errors", "warnings"]) {
    if (list in want) assert.deepEqual(issues(got[list]), issues(want[list]), `${name}: ${list}`);
  }
  if ("notes" in want) assert.equal(got.notes.length, want.notes, `${name}: notes`);
  for (const lang of ["zh", "en"]) {
    const all = texts(got, lang);
    for (const part of want.contains?.[lang] ?? []) assert.ok(all.includes(part), `${name}: no ${lang} message holds ${part}:\n${all}`);
  }
}

describe("roster case files through the package", () => {
  assert.ok(cases.length >= 10);
  for (const c of cases) {
    test(c.name, () => {
      const got = figuresFromRoster(c.rows, { ruleset: c.ruleset ?? "henan-2014", figures: c.figures ?? null });
      assert.deepEqual(issues(got.errors), issues(c.expect.errors), "errors");
      for (const e of got.errors) {
        assert.ok(e.message.zh && e.message.en && !e.message.zh.includes("{"), `error without a message: ${JSON.stringify(e)}`);
      }
      assert.equal(got.clusters.length, c.expect.clusters.length, "clusters");
      got.clusters.forEach((cluster, i) => checkCluster(c.name, cluster, c.expect.clusters[i]));
      // What the roster gives is figures the same package judges: a derived figure never
      // comes back as an error of its own, and one the roster could not give is missing.
      for (const cluster of got.clusters) {
        const report = evaluate(cluster.figures);
        assert.equal(report.ruleset.id, got.ruleset);
        const derivedKeys = Object.keys(cluster.derived);
        assert.deepEqual(report.errors.filter((e) => derivedKeys.includes(e.field)), [], `${c.name}: derived figures refused`);
        const catalog = catalogs[got.ruleset];
        for (const key of c.expect.missing ?? []) {
          const field = catalog.fields.find((f) => f.keys.includes(key));
          assert.ok(field, `no field has the key ${key}`);
          const checks = catalog.conditions.flatMap((cond) => cond.checks).filter((ch) => ch.fields.includes(field.key)).map((ch) => ch.id);
          assert.ok(checks.length > 0);
          for (const id of checks) {
            const status = report.conditions.flatMap((cond) => cond.checks).find((ch) => ch.id === id).status;
            assert.equal(status, "missing", `${c.name}: ${id} reads ${key}, which the roster could not give`);
          }
        }
      }
    });
  }
});

describe("the boundary of figuresFromRoster", () => {
  test("rows must be an array; a bad ruleset option throws, an unknown id is an error in the result", () => {
    assert.throws(() => figuresFromRoster({ enterprise: "甲" }), TypeError);
    assert.throws(() => figuresFromRoster([], { ruleset: 5 }), TypeError);
    const out = figuresFromRoster([], { ruleset: "nope" });
    assert.deepEqual(out.clusters, []);
    assert.equal(out.errors[0].code, "unknown_ruleset");
    assert.match(out.errors[0].message.zh, /nope/);
  });

  test("an empty roster gives no cluster and no error", () => {
    assert.deepEqual(figuresFromRoster([]), { ruleset: "henan-2014", clusters: [], errors: [] });
  });

  test("what JavaScript cannot send as JSON is an error on its row, not a throw", () => {
    const rows = [
      { enterprise: "甲", operating_revenue_wan: Symbol("10") },
      { enterprise: "乙", operating_revenue_wan: Number.NaN },
      { enterprise: "丙", operating_revenue_wan: 5 },
    ];
    const out = figuresFromRoster(rows);
    const all = [...out.errors, ...out.clusters.flatMap((c) => c.errors)];
    assert.ok(all.some((e) => e.row === 1), JSON.stringify(all));
    assert.ok(all.some((e) => e.row === 2 && e.field === "operating_revenue_wan" && e.code === "not_a_number"), JSON.stringify(all));
    assert.equal(out.clusters[0].traces.find((t) => t.field === "revenue_wan").value, null);
  });

  test("rows are read once, and the caller's rows are left as they were", () => {
    let reads = 0;
    const row = {
      enterprise: "甲",
      get operating_revenue_wan() {
        reads += 1;
        return "12.5";
      },
    };
    const rows = [row, Object.freeze({ enterprise: "乙", operating_revenue_wan: 1 })];
    const out = figuresFromRoster(rows);
    assert.equal(reads, 1);
    assert.equal(out.clusters[0].derived.revenue_wan, "13.5");
    assert.equal(rows.length, 2);
  });

  test("a row's own number (a spreadsheet's) is the one its messages give", () => {
    const out = figuresFromRoster([
      { row: 7, enterprise: "甲", main_business_revenue_wan: "5000" },
      { row: 9, enterprise: "甲", main_business_revenue_wan: "6000" },
    ]);
    const [cluster] = out.clusters;
    assert.deepEqual(issues(cluster.errors), issues([{ row: 9, field: "enterprise", code: "duplicate_enterprise" }]));
    assert.match(cluster.errors[0].message.zh, /第 9 行.*第 7 行/);
  });

  test("the single-cluster entry does not carry the roster engine, and says where it is", () => {
    assert.equal(typeof single.figuresFromRoster, "undefined");
    assert.deepEqual(
      single.evaluate({ revenue_wan: 1 }).conditions.map((c) => c.status),
      evaluate({ revenue_wan: 1 }).conditions.map((c) => c.status),
    );
  });

  test("100 enterprises in 3 clusters: sums and counts agree with counting them here", () => {
    const rows = [];
    let revenue = 0n; // in millionths of 万元
    const leading = { A: 0, B: 0, C: 0 };
    for (let i = 0; i < 100; i++) {
      const cluster = "ABC"[i % 3];
      const micro = BigInt(i * 1234567 + 1);
      const mbr = 4990 + i / 5;
      if (cluster === "B") revenue += micro;
      if (mbr > 5000) leading[cluster] += 1;
      rows.push({
        enterprise: `企业${i}`,
        cluster,
        operating_revenue_wan: `${micro / 1000000n}.${String(micro % 1000000n).padStart(6, "0")}`,
        main_business_revenue_wan: mbr,
      });
    }
    const out = figuresFromRoster(rows);
    const b = out.clusters.find((c) => c.cluster === "B");
    const whole = revenue / 1000000n;
    const frac = String(revenue % 1000000n).padStart(6, "0").replace(/0+$/, "");
    assert.equal(b.derived.revenue_wan, frac ? `${whole}.${frac}` : `${whole}`);
    for (const c of out.clusters) assert.equal(c.derived.leading_enterprises, leading[c.cluster], c.cluster);
    assert.deepEqual(out.clusters.map((c) => c.enterprises).sort(), [33, 33, 34]);
  });
});
