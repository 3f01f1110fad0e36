// verdictsMany through the built package: every record's verdict is its report from
// evaluateMany with each check cut to { id, status } and without notes — on every case file,
// on hostile records, on records that cannot be read — so that a table of many clusters
// judged by verdicts shows what the full reports would.
import { test } from "node:test";
import assert from "node:assert/strict";

import { evaluateMany, verdictsMany } from "cluster-check";
import { allCases, jsFigures } from "./case-files.mjs";
import { hostileRecord } from "./hostile.mjs";

/** A report as verdictsMany would give it. */
function asVerdict(report) {
  const { notes, conditions, ...rest } = report;
  assert.ok(Array.isArray(notes));
  return {
    ...rest,
    conditions: conditions.map(({ checks, ...condition }) => ({ ...condition, checks: checks.map(({ id, status }) => ({ id, status })) })),
  };
}

function agree(list, label) {
  const reports = evaluateMany(list);
  const verdicts = verdictsMany(list);
  assert.equal(verdicts.length, list.length, label);
  for (let i = 0; i < list.length; i++) assert.deepStrictEqual(verdicts[i], asVerdict(reports[i]), `${label}: record ${i}`);
  return verdicts;
}

test("on every case file, the verdicts are the reports without their explanations", () => {
  const list = allCases.filter((c) => c.figures !== undefined).map((c) => jsFigures(c.figures));
  assert.ok(list.length > 50, `only ${list.length} cases`);
  const verdicts = agree(list, "case files");
  // Not trivially equal: the cases hold every status, verdict and some errors and warnings.
  const statuses = new Set(verdicts.flatMap((v) => v.conditions.flatMap((c) => c.checks.map((k) => k.status))));
  assert.deepStrictEqual([...statuses].sort(), ["invalid", "met", "missing", "not_met"]);
  assert.deepStrictEqual([...new Set(verdicts.map((v) => v.status))].sort(), ["incomplete", "met", "not_met"]);
  assert.ok(verdicts.some((v) => v.errors.length > 0) && verdicts.some((v) => v.warnings.length > 0));
  assert.ok(verdicts.some((v) => v.tier !== null));
});

test("a check of a verdict carries its id and status only; the errors keep their messages", () => {
  const [verdict] = verdictsMany([{ revenue_wan: -5, rd_expense_wan: 10 }]);
  for (const condition of verdict.conditions) for (const check of condition.checks) assert.deepStrictEqual(Object.keys(check), ["id", "status"]);
  assert.equal("notes" in verdict, false);
  assert.deepStrictEqual(verdict.errors.map((e) => [e.field, e.code]), [["revenue_wan", "negative"]]);
  assert.match(verdict.errors[0].message.zh, /不能为负数/);
});

test("hostile records, records that are not objects and records that cannot be read: the same verdicts", () => {
  const list = [];
  for (let seed = 1; seed <= 400; seed++) list.push(hostileRecord(seed));
  list.push(null, 5, "text", [1, 2], { get revenue_wan() { throw new Error("no"); } }, { "\ud800": 1, name: "A\ud800B" });
  agree(list, "hostile");
  const verdicts = verdictsMany(list.slice(-6));
  assert.deepStrictEqual(verdicts.map((v) => v.errors[0]?.code), ["wrong_type", "wrong_type", "wrong_type", "wrong_type", "unreadable", "unknown_field"]);
  assert.equal(verdicts[5].name, "A\ud800B");
});

test("labelsOnly as in evaluateMany; a list that is not an array throws a TypeError naming verdictsMany", () => {
  const list = [{ revenue_wan: -5 }];
  assert.deepStrictEqual(verdictsMany(list, { labelsOnly: true })[0].errors, evaluateMany(list, { labelsOnly: true })[0].errors);
  assert.throws(() => verdictsMany({}), (error) => error instanceof TypeError && /verdictsMany\(list\)/.test(error.message));
});

test("more records than one crossing holds (2,000): every one in order", () => {
  const list = Array.from({ length: 4500 }, (_, i) => ({ name: `集群${i}`, revenue_wan: i * 100 }));
  const verdicts = agree(list, "4,500 records");
  assert.equal(verdicts[4499].name, "集群4499");
});

test("a condition's verdict is one frozen object for every record with the same statuses, and its own for others", () => {
  const [a, b, c] = verdictsMany([
    { name: "A", revenue_wan: 250000 },
    { name: "B", revenue_wan: 300000 },
    { name: "C", revenue_wan: 150000 },
  ]);
  const competitiveness = (v) => v.conditions.find((condition) => condition.checks.some((check) => check.id === "revenue"));
  assert.equal(competitiveness(a), competitiveness(b));
  assert.notEqual(competitiveness(a), competitiveness(c));
  assert.equal(competitiveness(c).checks.find((check) => check.id === "revenue").status, "not_met");
  for (const condition of a.conditions) {
    assert.ok(Object.isFrozen(condition) && Object.isFrozen(condition.checks) && condition.checks.every(Object.isFrozen));
  }
  // A module is strict: writing to a frozen object throws.
  assert.throws(() => {
    competitiveness(a).checks[0].status = "met";
  }, TypeError);
  // The verdicts themselves are each their own.
  assert.notEqual(a, b);
  assert.notEqual(a.conditions, b.conditions);
  assert.deepStrictEqual([a.name, b.name, c.name], ["A", "B", "C"]);
});
