// Small helpers for reading reports in the Node tests, and the package's own files.
import assert from "node:assert/strict";

/**
 * A file of the installed package, at the URL its entry point uses: importing the glue from
 * here gives the very module instance that node.js initialised (the exports map does not
 * expose these files by name, on purpose).
 */
export const packageFile = (name) => new URL(name, import.meta.resolve("cluster-check"));

/** Every check of a report, in order. */
export const allChecks = (report) => report.conditions.flatMap((condition) => condition.checks);

/** The check `id` of a report; fails the test if there is none. */
export function check(report, id) {
  const found = allChecks(report).find((c) => c.id === id);
  assert.ok(found, `no check ${id} in the report`);
  return found;
}

/** A report's errors as [field, code] pairs. */
export const errorPairs = (report) => report.errors.map((e) => [e.field, e.code]);

/** An API over the package's own glue that records the JSON text of every crossing into the engine. */
export async function watchedCrossings() {
  const { createApi } = await import(packageFile("api.js"));
  const glue = await import(packageFile("cluster_check.js"));
  const { default: catalogs } = await import(packageFile("rulesets/all.js"));
  const texts = [];
  const api = createApi(
    {
      ...glue,
      evaluateManyCompact(text, form) {
        texts.push(text);
        return glue.evaluateManyCompact(text, form);
      },
    },
    catalogs,
  );
  return { api, texts };
}
