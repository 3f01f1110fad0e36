// The least any implementation pays to hand back reports like cluster-check's, in plain
// JavaScript: a copy of finished reports into new objects of the same shape, with a new
// flat string of the same length for every text that is not shared, and the same texts
// shared as in the package (a frozen text is reused, as js/render.js reuses it). Nothing is
// evaluated: what remains is object and string construction, and the garbage collector
// moving whatever is kept. Used by benches/throughput.mjs.

/** A new flat string equal to `text` (joined from two halves, as render.js joins parts). */
const fresh = (text) => (text.length < 2 ? text : [text.slice(0, text.length >> 1), text.slice(text.length >> 1)].join(""));

/** A text as render.js would give it: shared when frozen and reused, else new. */

function copyCheck(c) {
  return {
    id: c.id,
    title: c.title,
    status: c.status,
    value: c.value === null ? null : fresh(c.value),
    threshold: c.threshold,
    unit: c.unit,
    gap: c.gap === null ? null : fresh(c.gap),
    gap_field: c.gap_field,
    citation: c.citation,
    explanation: c.value === null && c.gap === null ? c.explanation : Object.freeze({ zh: fresh(c.explanation.zh), en: fresh(c.explanation.en) }),
  };
}

const copyIssue = (i) => ({ field: i.field, code: i.code, message: Object.freeze({ zh: fresh(i.message.zh), en: fresh(i.message.en) }) });

/** A new report equal to `r` (deepStrictEqual), sharing what the package shares. */
export function copyReport(r) {
  return {
    ruleset: r.ruleset,
    name: r.name,
    year: r.year,
    status: r.status,
    eligible: r.eligible,
    tier: r.tier,
    conditions: r.conditions.map((c) => ({ id: c.id, clause: c.clause, title: c.title, status: c.status, checks: c.checks.map(copyCheck) })),
    errors: r.errors.map(copyIssue),
    warnings: r.warnings.map(copyIssue),
    notes: r.notes.slice(),
  };
}
