// Shared by the spreadsheet tests: the test catalogs and the fixture files.
import { readFileSync } from "node:fs";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const FIXTURES = new URL("../fixtures/", import.meta.url);

/** A catalog of tests/fixtures/catalog/ (a small per-year document of the tests' own). */
export const catalogOf = (id) => JSON.parse(readFileSync(new URL(`catalog/${id}.json`, FIXTURES), "utf8"));
/** The catalog of henan-2014 as the installed package ships it (generated from the ruleset file). */
export const HENAN = JSON.parse(readFileSync(new URL("rulesets/henan-2014.json", import.meta.resolve("cluster-check")), "utf8"));
export const YEARS = catalogOf("test-years");

/** The bytes of tests/fixtures/sheets/<name>. */
export const fixture = (name) => readFileSync(new URL(`sheets/${name}`, FIXTURES));

/** The path of tests/fixtures/sheets/<name>. */
export const fixturePath = (name) => new URL(`sheets/${name}`, FIXTURES).pathname;

/** [row, letter, field, code, value] of each problem, to compare exactly and readably. */
export const problemsOf = (read) => read.problems.map((p) => [p.row, p.letter, p.field, p.code, p.value]);

/** { row: figures } of each record. */
export const figuresByRow = (read) => Object.fromEntries(read.records.map((r) => [r.row, r.figures]));

/** Every check of a report, by id. */
export const checksOf = (report) => Object.fromEntries(report.conditions.flatMap((c) => c.checks).map((c) => [c.id, c]));

const run = promisify(execFile);
/** The installed package's bin, as npx runs it. */
export const BIN = fileURLToPath(new URL("../.bin/cluster-check", new URL("./", import.meta.resolve("cluster-check"))));

/** Runs the installed bin; resolves to { code, stdout, stderr } whatever the exit status. */
export async function cli(...args) {
  try {
    const { stdout, stderr } = await run(BIN, args, { encoding: "utf8", timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (typeof error.code !== "number") throw error;
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}
