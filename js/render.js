// Builds the report of the interface from the engine's compact evaluation (a flat array,
// see `compact` in src/render.rs) and its catalog of texts, which crosses the boundary once.
// src/render.rs builds the same report natively; the tests compare the two for every case,
// so this file and that one cannot drift apart.

const STATUS = ["met", "not_met", "missing", "invalid"];
const VERDICT = ["met", "not_met", "incomplete"];
const RANK = [0, 3, 1, 2]; // precedence: not_met > invalid > missing > met
const EMPTY = { zh: "", en: "" };
const NONE = Object.freeze([]);

/** "226247.5" → "226,247.5", as `grouped` in src/number.rs. */
export function grouped(plain) {
  const start = plain.charCodeAt(0) === 45 ? 1 : 0; // "-"
  let end = plain.indexOf(".");
  if (end < 0) end = plain.length;
  if (end - start <= 3) return plain;
  let head = start + ((end - start) % 3 || 3);
  let out = plain.slice(0, head);
  for (; head < end; head += 3) out += "," + plain.slice(head, head + 3);
  return out + plain.slice(end);
}

/** The placeholders every explanation template may use, in the order `fill` takes them. */
const VARS = ["value", "threshold", "gap", "gap_unit", "missing", "fields"];

/**
 * Splits "a {value} b" into literal parts and placeholder numbers (indexes into VARS), once
 * per template; an unknown placeholder stays as written, as in Rust.
 */
function compile(template) {
  const parts = [];
  const pattern = /\{([a-z_]+)\}/g;
  let last = 0;
  let literal = "";
  for (let match; (match = pattern.exec(template)); ) {
    const index = VARS.indexOf(match[1]);
    literal += template.slice(last, match.index);
    last = match.index + match[0].length;
    if (index < 0) {
      literal += match[0];
    } else {
      parts.push(literal, index);
      literal = "";
    }
  }
  parts.push(literal + template.slice(last));
  return parts;
}

function compileText(text) {
  return text ? { zh: compile(text.zh), en: compile(text.en) } : null;
}

/**
 * Fills compiled parts with the values in `vars` (indexed as VARS). Joined rather than
 * concatenated: one flat string takes less memory than a tree of concatenations, which
 * matters when a batch keeps 100,000 reports alive (see BENCHMARKS.md).
 */
function fill(parts, vars) {
  const n = parts.length;
  if (n === 1) return parts[0];
  const out = new Array(n);
  for (let i = 0; i < n; i += 2) out[i] = parts[i];
  for (let i = 1; i < n; i += 2) out[i] = vars[parts[i]];
  return out.join("");
}

/** Texts that are the same in every report are shared, frozen objects: made once. */
const frozen = (t) => Object.freeze({ zh: t.zh, en: t.en });

function prepare(ruleset) {
  const info = ruleset.info;
  return {
    info: Object.freeze({ id: info.id, document: info.document, issued: info.issued, title: frozen(info.title) }),
    fields: ruleset.fields,
    notes: ruleset.notes.map(frozen),
    missing: compileText(ruleset.missing),
    invalid: compileText(ruleset.invalid),
    conditions: ruleset.conditions.map((condition) => ({
      ...condition,
      title: frozen(condition.title),
      checks: condition.checks.map((check) => ({
        ...check,
        title: frozen(check.title),
        thresholdShown: check.threshold === null ? "" : grouped(check.threshold),
        // Explanations with no figure in them (yes/no checks, missing, invalid) are the same
        // in every report that needs them: made once, shared.
        shared: new Map(),
        met: compileText(check.met),
        not_met: compileText(check.not_met),
        nothing_due: compileText(check.nothing_due),
      })),
    })),
  };
}

/** Returns `render(compact) → report` for the catalog of an engine instance. */
export function createRenderer(catalog) {
  const rulesets = new Map(catalog.rulesets.map((r) => [r.info.id, prepare(r)]));
  const unusable = compileText(catalog.record_unusable);
  const rulesetLabel = catalog.ruleset_label;

  const join = (labels, lang) => labels.map((l) => l[lang]).join(lang === "zh" ? "、" : ", ");
  // Scratch arrays for fill(), one per language (render is synchronous and not re-entrant).
  const zh = ["", "", "", "", "", ""];
  const en = ["", "", "", "", "", ""];

  function explanation(r, spec, status, why, value, gap, gapField, gapUnit, indexes) {
    const key = value === null && gap === null ? `${status} ${why} ${indexes}` : null;
    if (key !== null) {
      const known = spec.shared.get(key);
      if (known !== undefined) return known;
    }
    let template;
    let labels = null;
    let into = 5; // labels fill {fields}, or {missing} for a set
    switch (why) {
      case 0:
        template = status === 0 ? spec.met : spec.not_met;
        if (spec.set_field !== null) {
          const values = r.fields[spec.set_field].values;
          labels = indexes.map((i) => values[i]);
          into = 4;
        }
        break;
      case 1:
        template = spec.nothing_due ?? spec.met;
        break;
      case 2:
        template = r.missing;
        labels = indexes.map((i) => r.fields[i].label);
        break;
      case 3:
        template = r.invalid;
        labels = indexes.map((i) => r.fields[i].label);
        break;
      case 4:
        template = r.invalid;
        labels = [rulesetLabel];
        break;
      default:
        template = unusable;
    }
    const unit = gapField === null ? EMPTY : (r.fields[gapField].units[gapUnit] ?? EMPTY);
    zh[0] = en[0] = value === null ? "" : grouped(value);
    zh[1] = en[1] = spec.thresholdShown;
    zh[2] = en[2] = gap === null ? "" : grouped(gap);
    zh[3] = unit.zh;
    en[3] = unit.en;
    zh[4] = en[4] = zh[5] = en[5] = "";
    if (labels) {
      zh[into] = join(labels, "zh");
      en[into] = join(labels, "en");
    }
    const made = Object.freeze({ zh: fill(template.zh, zh), en: fill(template.en, en) });
    if (key !== null) spec.shared.set(key, made);
    return made;
  }

  /** Reads `count` issues (field, code, zh, en) from `flat` at `at`. */
  function issues(flat, at, count) {
    const list = [];
    for (let n = 0; n < count; n++, at += 4) {
      list.push({ field: flat[at], code: flat[at + 1], message: Object.freeze({ zh: flat[at + 2], en: flat[at + 3] }) });
    }
    return list;
  }

  return function render(flat) {
    const r = rulesets.get(flat[0]);
    let at = 5;
    const conditions = new Array(r.conditions.length);
    for (let c = 0; c < conditions.length; c++) {
      const condition = r.conditions[c];
      const specs = condition.checks;
      const checks = new Array(specs.length);
      let worst = 0;
      for (let k = 0; k < checks.length; k++) {
        const spec = specs[k];
        // status + 4·why + 32·(has value) + 64·(has gap) + 128·n, then what it says is there.
        const code = flat[at++];
        const status = code & 3;
        const why = (code >> 2) & 7;
        const value = code & 32 ? flat[at++] : null;
        let gap = null;
        let gapField = null;
        let gapUnit = null;
        if (code & 64) {
          gap = flat[at];
          gapField = flat[at + 1];
          gapUnit = flat[at + 2];
          at += 3;
        }
        const count = code >> 7;
        const indexes = count === 0 ? NONE : flat.slice(at, at + count);
        at += count;
        if (RANK[status] > RANK[worst]) worst = status;
        checks[k] = {
          id: spec.id,
          title: spec.title,
          status: STATUS[status],
          value,
          threshold: spec.threshold,
          unit: spec.unit,
          gap,
          gap_field: gapField === null ? null : r.fields[gapField].keys[gapUnit],
          citation: spec.citation,
          explanation: explanation(r, spec, status, why, value, gap, gapField, gapUnit, indexes),
        };
      }
      conditions[c] = { id: condition.id, clause: condition.clause, title: condition.title, status: STATUS[worst], checks };
    }
    const errorCount = flat[at];
    const errors = issues(flat, at + 1, errorCount);
    at += 1 + 4 * errorCount;
    const warningCount = flat[at];
    const warnings = issues(flat, at + 1, warningCount);
    at += 1 + 4 * warningCount;
    const notes = flat[at] === null ? r.notes.slice() : [...r.notes, Object.freeze({ zh: flat[at], en: flat[at + 1] })];
    const verdict = flat[1];
    return {
      ruleset: r.info,
      name: flat[3],
      year: flat[4],
      status: VERDICT[verdict],
      eligible: verdict === 0,
      tier: flat[2],
      conditions,
      errors,
      warnings,
      notes,
    };
  };
}
