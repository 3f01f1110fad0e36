// The shared case files (tests/cases/*.json), read for the Node tests. JSON cannot write the
// JavaScript numbers NaN, Infinity and -Infinity, so in a case's figures {"$number": "NaN"}
// stands for them; the helpers below turn a case's figures into what a caller passes.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";

const casesDir = new URL("../cases/", import.meta.url);

/** [{ file, cases }] in file order. */
export const caseFiles = readdirSync(casesDir)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((file) => ({ file, cases: JSON.parse(readFileSync(new URL(file, casesDir), "utf8")) }));

/** Every case of every file, in order. */
export const allCases = caseFiles.flatMap(({ cases }) => cases);

/** Maps each figure of `figures` (an object) with `special` for a {"$number": text} value. */
function mapFigures(figures, special) {
  assert.ok(figures !== null && typeof figures === "object" && !Array.isArray(figures), "figures must be an object");
  const figure = (value) => {
    if (Array.isArray(value)) return value.map(figure);
    if (value !== null && typeof value === "object" && typeof value.$number === "string") {
      assert.ok(
        ["NaN", "Infinity", "-Infinity"].includes(value.$number),
        `unknown $number ${JSON.stringify(value.$number)} in a case file`,
      );
      return special(value.$number);
    }
    return value;
  };
  return Object.fromEntries(Object.entries(figures).map(([key, value]) => [key, figure(value)]));
}

/** A case's figures as a JavaScript caller passes them: {"$number": "NaN"} is NaN. */
export const jsFigures = (figures) => mapFigures(figures, Number);

/** The same figures with {"$number": "NaN"} as the text "NaN": what the package hands the engine for NaN. */
export const textFigures = (figures) => mapFigures(figures, String);
