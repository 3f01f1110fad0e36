// Keeps the package's TypeScript declarations (index.d.ts, as installed) and its real output
// from drifting apart. tests/types/usage.ts shows that the declarations type-check a
// program; this shows that they describe what the engine actually returns and accepts.
// The declarations are read as text with a small parser that understands exactly the
// forms the file uses: string-literal unions and interfaces of `[readonly] name?: A | B[] | null`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { evaluate, evaluateMany, rulesets } from "cluster-check";
import { allCases as cases, jsFigures } from "./case-files.mjs";

const declarationsText = readFileSync(new URL("index.d.ts", import.meta.resolve("cluster-check")), "utf8");
const code = declarationsText.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");

/** Every `export type X = "a" | "b" …;` made only of string literals: name → Set. */
const unions = new Map();
for (const [, name, body] of code.matchAll(/export type (\w+)\s*=([^;]*);/g)) {
  const literals = [...body.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
  if (literals.length > 0 && body.replace(/"[^"]*"|\|/g, "").trim() === "") unions.set(name, new Set(literals));
}
/** Every `export interface X { … }`: name → Map(member → { optional, type }). */
const interfaces = new Map();
/** Type parameters of generic interfaces: name → [[parameter, default]]. */
const parameters = new Map();
for (const match of code.matchAll(/export interface (\w+)(?:<([^>]*)>)?\s*\{/g)) {
  const name = match[1];
  if (match[2]) {
    parameters.set(
      name,
      match[2].split(",").map((p) => {
        const [, param, fallback] = /^\s*(\w+)(?:\s+extends\s+[^=]+)?(?:\s*=\s*(.+))?$/.exec(p);
        return [param, fallback?.trim()];
      }),
    );
  }
  // The body runs to the matching brace: a member's type may hold braces, as in (string & {}).
  let depth = 1;
  let end = match.index + match[0].length;
  for (; depth > 0 && end < code.length; end++) depth += code[end] === "{" ? 1 : code[end] === "}" ? -1 : 0;
  const body = code.slice(match.index + match[0].length, end - 1);
  const members = new Map();
  for (const [, member, optional, type] of body.matchAll(/^\s*(?:readonly\s+)?(\w+)(\??):\s*([^;]+);/gm)) {
    // `| undefined` on an optional member only matters under exactOptionalPropertyTypes.
    members.set(member, { optional: optional === "?", type: type.replace(/\s*\|\s*undefined\b/g, "").trim() });
  }
  interfaces.set(name, members);
}

const union = (name) => {
  assert.ok(unions.has(name), `index.d.ts declares no string union ${name}`);
  return unions.get(name);
};
const members = (name) => {
  assert.ok(interfaces.has(name), `index.d.ts declares no interface ${name}`);
  return interfaces.get(name);
};

/**
 * Whether `value` conforms to a declared type text. Returns a list of problems, each with
 * the path to the value, so that a mismatch says where it is.
 */
function conform(value, type, path, seenKeys) {
  const alternatives = type.split("|").map((t) => t.trim());
  const problems = [];
  for (const alternative of alternatives) {
    const attempt = [];
    conformOne(value, alternative, path, seenKeys, attempt);
    if (attempt.length === 0) return [];
    problems.push(...attempt);
  }
  return alternatives.length === 1 ? problems : [`${path}: ${JSON.stringify(value)} is none of ${type}`];
}

function conformOne(value, type, path, seenKeys, problems) {
  if (type.endsWith("[]")) {
    if (!Array.isArray(value)) return problems.push(`${path}: not an array`);
    value.forEach((item, i) => problems.push(...conform(item, type.slice(0, -2), `${path}[${i}]`, seenKeys)));
    return;
  }
  switch (type) {
    case "string":
    case "(string & {})":
      if (typeof value !== "string") problems.push(`${path}: not a string`);
      return;
    case "number":
      if (typeof value !== "number") problems.push(`${path}: not a number`);
      return;
    case "boolean":
      if (typeof value !== "boolean") problems.push(`${path}: not a boolean`);
      return;
    case "null":
      if (value !== null) problems.push(`${path}: not null`);
      return;
  }
  if (unions.has(type)) {
    if (!unions.get(type).has(value)) problems.push(`${path}: ${JSON.stringify(value)} is not in ${type}`);
    return;
  }
  if (type.startsWith("keyof ")) {
    const of = type.slice("keyof ".length);
    if (!interfaces.get(of)?.has(value)) problems.push(`${path}: ${JSON.stringify(value)} is not a key of ${of}`);
    return;
  }
  const generic = /^(\w+)<(.+)>$/.exec(type);
  const base = generic ? generic[1] : type;
  if (interfaces.has(base)) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return problems.push(`${path}: not an object`);
    // Type arguments, or the parameters' defaults, stand for the parameters in member types.
    const args = generic ? generic[2].split(",").map((a) => a.trim()) : [];
    const bindings = new Map((parameters.get(base) ?? []).map(([param, fallback], i) => [param, args[i] ?? fallback]));
    const declared = new Map(
      [...interfaces.get(base)].map(([key, member]) => [key, { ...member, type: bindings.get(member.type) ?? member.type }]),
    );
    type = base;
    const keys = seenKeys.get(type) ?? new Set();
    seenKeys.set(type, keys);
    for (const key of Object.keys(value)) {
      keys.add(key);
      if (!declared.has(key)) problems.push(`${path}.${key}: not declared in ${type}`);
      else problems.push(...conform(value[key], declared.get(key).type, `${path}.${key}`, seenKeys));
    }
    for (const [key, { optional }] of declared) {
      if (!optional && !Object.hasOwn(value, key)) problems.push(`${path}: ${type}.${key} is declared but absent`);
    }
    return;
  }
  problems.push(`${path}: the test does not know the declared type ${type}`);
}

const caseFigures = cases.map((c) => jsFigures(c.figures));
const reports = [...evaluateMany(caseFigures), ...evaluateMany([5, null, "x", [1], true])];
const allChecks = reports.flatMap((report) => report.conditions.flatMap((condition) => condition.checks));

test("the declarations parse into the unions and interfaces the package exports", () => {
  for (const name of ["ServiceFunction", "ConditionId", "CheckId", "CheckStatus", "ReportStatus", "Tier", "ErrorCode"]) {
    union(name);
  }
  for (const name of ["Figures", "Localized", "RulesetInfo", "Check", "Condition", "Issue", "Report"]) {
    assert.ok(members(name).size > 0, name);
  }
  assert.ok(reports.length >= 200);
  for (const fn of [
    /export function evaluate\(figures: Figures\): Report;/,
    /export function evaluateMany\([^)]*\): Report\[\];/,
    /export function rulesets\(\): RulesetInfo\[\];/,
    /export function version\(\): string;/,
  ]) {
    assert.match(code, fn);
  }
});

test("every real report conforms to the declared Report, and every declared member occurs", () => {
  const seenKeys = new Map();
  const problems = reports.flatMap((report, i) => conform(report, "Report", `report ${i}`, seenKeys));
  assert.deepStrictEqual(problems.slice(0, 20), []);
  // Declared members that no report ever has would be promises the package does not keep.
  for (const name of ["Report", "RulesetInfo", "Localized", "Condition", "Check", "Issue"]) {
    const missing = [...members(name).keys()].filter((key) => !seenKeys.get(name)?.has(key));
    assert.deepStrictEqual(missing, [], `${name} members never seen in a real report`);
  }
  for (const ruleset of rulesets()) {
    assert.deepStrictEqual(conform(ruleset, "RulesetInfo", "rulesets()", new Map()), []);
  }
});

test("the id unions are exactly the ids the engine uses", () => {
  assert.deepStrictEqual([...union("ConditionId")], reports[0].conditions.map((c) => c.id));
  assert.deepStrictEqual(
    [...union("CheckId")],
    reports[0].conditions.flatMap((c) => c.checks.map((check) => check.id)),
  );
});

test("the status and tier unions are exactly the values the cases produce", () => {
  const sorted = (values) => [...new Set(values)].sort();
  assert.deepStrictEqual(sorted(allChecks.map((c) => c.status)), sorted(union("CheckStatus")));
  const conditionStatuses = reports.flatMap((r) => r.conditions.map((c) => c.status));
  assert.deepStrictEqual(sorted(conditionStatuses), sorted(union("CheckStatus")));
  assert.deepStrictEqual(sorted(reports.map((r) => r.status)), sorted(union("ReportStatus")));
  assert.deepStrictEqual(sorted(reports.map((r) => r.tier).filter((t) => t !== null)), sorted(union("Tier")));
});

test("error codes: every real code is declared, and every declared code is expected by some case", () => {
  const declared = union("ErrorCode");
  const real = new Set(reports.flatMap((r) => r.errors.map((e) => e.code)));
  for (const code of real) assert.ok(declared.has(code), `the engine returns ${code}, not declared in ErrorCode`);
  const expected = new Set(cases.flatMap((c) => (c.expect.errors ?? []).map((e) => e.code)));
  // Given by the JavaScript wrapper alone, for records no case file can hold (a getter that
  // throws): tests/js/wire.test.mjs expects it.
  const wrapperOnly = new Set(["unreadable"]);
  for (const code of declared) {
    assert.ok(expected.has(code) || wrapperOnly.has(code), `ErrorCode ${code} occurs in no case's expected errors`);
  }
  for (const code of wrapperOnly) assert.ok(declared.has(code), `ErrorCode does not declare ${code}`);
  const thrower = Object.defineProperty({}, "revenue_wan", { get: () => { throw new Error("x"); }, enumerable: true });
  assert.deepStrictEqual(evaluate(thrower).errors.map((e) => e.code), ["unreadable"]);
});

test("warning codes: every real code is declared, and every declared code is expected by some case", () => {
  const declared = union("WarningCode");
  const real = new Set(reports.flatMap((r) => r.warnings.map((w) => w.code)));
  assert.ok(real.size > 0, "no case produces a warning");
  for (const code of real) assert.ok(declared.has(code), `the engine warns ${code}, not declared in WarningCode`);
  const expected = new Set(cases.flatMap((c) => (c.expect.warnings ?? []).map((w) => w.code)));
  for (const code of declared) assert.ok(expected.has(code), `WarningCode ${code} occurs in no case's expected warnings`);
});

test("ServiceFunction lists exactly the functions the engine counts", () => {
  const all = [...union("ServiceFunction")];
  const report = evaluate({ service_functions: all });
  const check = report.conditions.flatMap((c) => c.checks).find((c) => c.id === "service_functions");
  assert.deepStrictEqual(report.errors, []);
  assert.deepStrictEqual([check.status, check.value, check.threshold], ["met", String(all.length), String(all.length)]);
  const other = evaluate({ service_functions: ["catering"] });
  assert.deepStrictEqual(other.errors.map((e) => [e.field, e.code]), [["service_functions", "unknown_value"]]);
});

test("every declared Figures field is accepted, and every field the cases accept is declared", () => {
  const declared = members("Figures");
  for (const [field, { optional, type }] of declared) {
    assert.ok(optional, `Figures.${field} should be optional`);
    assert.match(type, /\| null$/, `Figures.${field} should accept null`);
    const report = evaluate({ [field]: null });
    assert.deepStrictEqual(report.errors, [], `Figures.${field} is declared but the engine rejects it`);
  }
  const unknown = new Set(
    cases.flatMap((c) => (c.expect.errors ?? []).filter((e) => e.code === "unknown_field").map((e) => e.field)),
  );
  for (const field of new Set(cases.flatMap((c) => Object.keys(c.figures)))) {
    if (!unknown.has(field)) assert.ok(declared.has(field), `the cases use ${field}, not declared in Figures`);
  }
  assert.deepStrictEqual(
    evaluate({ revenu_wan: 1 }).errors.map((e) => [e.field, e.code]),
    [["revenu_wan", "unknown_field"]],
  );
});

test("the declared figure types are the forms the engine accepts", () => {
  const declared = members("Figures");
  const forms = {
    "boolean | null": [true, false],
    "string | null": ["text"],
    "Count | null": [2, "2"],
    "Decimal | null": [1.5, "1,500.5"],
    "ServiceFunction[] | null": [["ip"]],
  };
  for (const [field, { type }] of declared) {
    assert.ok(Object.hasOwn(forms, type), `Figures.${field}: the test does not know the declared type ${type}`);
    for (const value of forms[type]) {
      // The ruleset field only takes a known id; the test checks the type, not the id.
      const figure = field === "ruleset" ? "henan-2014" : value;
      assert.deepStrictEqual(evaluate({ [field]: figure }).errors, [], `Figures.${field} = ${JSON.stringify(figure)}`);
    }
  }
});
