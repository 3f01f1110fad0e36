// Keeps the package's TypeScript declarations (index.d.ts, generated from the ruleset files)
// and its real output from drifting apart, with the TypeScript compiler itself:
//
// - the unions it declares (ruleset, check and condition ids, units, tiers, error codes,
//   figure keys, set values) are exactly those of each ruleset's catalog;
// - every report the case files produce is assignable to `Report`, and every case's figures
//   that the engine takes without a type error are assignable to `Figures`; an unknown key
//   is not.
//
// tests/types/usage.ts shows that the declarations type-check a caller's program.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

import { evaluateMany } from "cluster-check";
import { allCases as cases, jsFigures } from "./case-files.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIR = join(ROOT, "test-output", "declarations");
const packageRoot = new URL("./", import.meta.resolve("cluster-check"));
const catalogs = readdirSync(new URL("rulesets/", packageRoot))
  .filter((name) => name.endsWith(".json"))
  .map((name) => JSON.parse(readFileSync(new URL(`rulesets/${name}`, packageRoot), "utf8")));
const pascal = (id) => id.split(/[-_]/).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join("");

const OPTIONS = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noEmit: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  types: [],
};

/** Compiles `source` (a module next to the project, so that "cluster-check" resolves); returns the program and the file. */
function compile(name, source) {
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, name);
  writeFileSync(file, source);
  const program = ts.createProgram([file], OPTIONS);
  return { program, file: program.getSourceFile(file) };
}

const diagnosticsOf = (program, file) =>
  ts.getPreEmitDiagnostics(program, file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));

/** Every member of the union a type alias of `file` names, as printed by the checker. */
function unionOf(program, file, alias) {
  const checker = program.getTypeChecker();
  const declaration = file.statements.find((s) => ts.isTypeAliasDeclaration(s) && s.name.text === alias);
  assert.ok(declaration, `no alias ${alias}`);
  const type = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(declaration.name));
  const members = type.isUnion() ? type.types : [type];
  return members
    .filter((t) => !(t.flags & ts.TypeFlags.Never))
    .map((t) => (t.isStringLiteral() ? t.value : checker.typeToString(t)))
    .sort();
}

test("the declared unions are exactly each ruleset's ids, units, tiers, codes, keys and values", () => {
  const lines = ['import type * as C from "cluster-check";', "export type RulesetIds = C.RulesetId;"];
  for (const c of catalogs) {
    const name = pascal(c.id);
    lines.push(
      `export type ${name}_Checks = C.${name}CheckId;`,
      `export type ${name}_Conditions = C.${name}ConditionId;`,
      `export type ${name}_Units = C.${name}Unit;`,
      `export type ${name}_Tiers = C.${name}Tier;`,
      `export type ${name}_Errors = C.${name}ErrorCode;`,
      `export type ${name}_Keys = keyof C.FiguresOf<${JSON.stringify(c.id)}>;`,
    );
    for (const f of c.fields.filter((f) => f.kind === "set")) lines.push(`export type ${name}_${f.key} = C.${name}${pascal(f.key)};`);
  }
  const { program, file } = compile("unions.ts", lines.join("\n") + "\n");
  assert.deepEqual(diagnosticsOf(program, file), []);
  assert.deepEqual(unionOf(program, file, "RulesetIds"), catalogs.map((c) => c.id).sort());
  for (const c of catalogs) {
    const name = pascal(c.id);
    const checks = c.conditions.flatMap((condition) => condition.checks);
    assert.deepEqual(unionOf(program, file, `${name}_Checks`), checks.map((k) => k.id).sort(), `${c.id}: check ids`);
    assert.deepEqual(unionOf(program, file, `${name}_Conditions`), c.conditions.map((k) => k.id).sort(), `${c.id}: condition ids`);
    const units = [...new Set(checks.filter((k) => k.unit).map((k) => k.unit.zh))].sort();
    assert.deepEqual(unionOf(program, file, `${name}_Units`), units, `${c.id}: units`);
    assert.deepEqual(unionOf(program, file, `${name}_Tiers`), (c.tiers?.list ?? []).map((b) => b.id).sort(), `${c.id}: tiers`);
    assert.deepEqual(unionOf(program, file, `${name}_Errors`), [...c.errors].sort(), `${c.id}: error codes`);
    // Per-year keys are patterns: `output_wan_${number}`.
    const keys = ["ruleset", ...c.meta.map((m) => m.key), ...c.fields.flatMap((f) => f.keys.map((k) => k.replace("{year}", "${number}")))];
    const declared = unionOf(program, file, `${name}_Keys`).map((k) => k.replace(/^`|`$/g, "")).sort();
    assert.deepEqual(declared, keys.sort(), `${c.id}: figure keys`);
    for (const f of c.fields.filter((f) => f.kind === "set")) {
      assert.deepEqual(unionOf(program, file, `${name}_${f.key}`), f.values.map((v) => v.id).sort(), `${c.id}: values of ${f.key}`);
    }
  }
});

test("every real report is a Report; figures the engine reads are Figures, and an unknown key is not", () => {
  const reports = evaluateMany(cases.map((c) => jsFigures(c.figures)));
  const unique = [...new Set(reports.map((r) => JSON.stringify(r)))];
  // Figures that JSON can write, with no error the type system is there to prevent.
  const typeErrors = new Set(["unknown_field", "wrong_type", "unknown_value", "unknown_ruleset"]);
  const accepted = cases
    .filter((c, i) => !reports[i].errors.some((e) => typeErrors.has(e.code)))
    .map((c) => JSON.stringify(c.figures))
    .filter((text) => !text.includes("$number"));
  assert.ok(unique.length > 100 && accepted.length > 100, "enough real output to check");
  const source = [
    'import type { Figures, Report } from "cluster-check";',
    // One declaration each: much faster to check than one array of them all.
    ...unique.map((r, i) => `export const report${i}: Report = ${r};`),
    ...accepted.map((f, i) => `export const figures${i}: Figures = ${f};`),
  ].join("\n");
  const { program, file } = compile("real-output.ts", source);
  assert.deepEqual(diagnosticsOf(program, file), []);

  // The same program with one unknown key must not compile: the check can fail.
  const broken = compile("unknown-key.ts", 'import type { Figures } from "cluster-check";\nexport const f: Figures = { revenue_wan: 1, revenu_wan: 2 };\n');
  assert.ok(diagnosticsOf(broken.program, broken.file).some((m) => m.includes("revenu_wan")));
});
