// The bounded fuzz of `make test`: hostile records and records for the exact oracle, from a
// fixed seed (FUZZ_SEED overrides it), through the built package. A few seconds; the long
// campaign over the same generators is `make fuzz` (benches/fuzz.mjs). A failure names the
// seed of its record: `hostileRecord(seed)` or `oracleRecord(seed)` in ./hostile.mjs makes
// it again.
import { test } from "node:test";
import assert from "node:assert/strict";

import * as api from "cluster-check";
import { fuzz } from "./hostile.mjs";

const SEED = Number(process.env.FUZZ_SEED ?? 2014);
const show = (stats) => stats.failures.map((f) => `${f.what} (seed ${f.seed}): ${f.message}`).join("\n\n");

test(`2,000 hostile records (seed ${SEED}): no throw, each its own report, every key and name as given`, () => {
  const stats = fuzz(api, { seed: SEED, hostile: 2000 });
  assert.equal(stats.failed, 0, show(stats));
  assert.equal(stats.hostile, 2000);
  // Every kind of record is made: the generator did not lose a branch.
  for (const kind of [
    "not an object", "plain object", "null prototype", "Map", "class instance", "throwing getter", "throwing Proxy trap",
    "throwing get trap", "revoked Proxy", "two-faced getter", "re-entrant getter", "throwing list entry", "Proxy",
  ]) {
    assert.ok((stats.kinds[kind] ?? 0) >= 10, `only ${stats.kinds[kind] ?? 0} records of kind ${kind}`);
  }
});

test(`2,000 records for the exact oracle (seed ${SEED}): statuses, values, gaps and tiers as exact arithmetic says`, () => {
  const stats = fuzz(api, { seed: SEED, oracle: 2000 });
  assert.equal(stats.failed, 0, show(stats));
  assert.equal(stats.verdicts, 2000 * 8);
  // Many of them sit exactly on their threshold, where floating point goes wrong.
  assert.ok(stats.onThreshold >= 1000, `only ${stats.onThreshold} verdicts exactly on a threshold`);
});
