// Builds the report of the interface from the engine's compact decisions and the catalog of
// the ruleset (both described in docs/catalog.md). It expands templates and copies the
// catalog's texts; it decides nothing — statuses, the verdict, which explanation and with
// what, digit grouping and the order of errors all come from the engine.

const STATUS = ["met", "not_met", "missing", "invalid"];
const VERDICT = ["met", "not_met", "incomplete"];
/** The most checks a condition may have for its verdicts to be shared: at most 4^7 sets of statuses to keep. */
const SHARED_CHECKS = 6;

/** Texts that are the same in every report are shared, frozen objects: made once. */
const frozen = (t) => Object.freeze({ zh: t.zh, en: t.en });

/**
 * Splits "a {0} b" into literal parts and place numbers, once per template: an odd index
 * of the result is a place. A brace that is not a place stays as written.
 */
function compile(template) {
  const parts = [];
  const pattern = /\{(\d+)\}/g;
  let last = 0;
  for (let match; (match = pattern.exec(template)); ) {
    parts.push(template.slice(last, match.index), Number(match[1]));
    last = match.index + match[0].length;
  }
  parts.push(template.slice(last));
  return parts;
}

/** A catalog made ready to expand: texts frozen once, templates split once. */
export function prepare(catalog) {
  const texts = catalog.texts;
  return {
    id: catalog.id,
    info: Object.freeze({ id: catalog.id, document: catalog.document, issued: catalog.issued, title: frozen(catalog.title) }),
    notes: Object.freeze(catalog.notes.map(frozen)),
    texts: { zh: texts.map((t) => t.zh), en: texts.map((t) => t.en) },
    templates: { zh: catalog.templates.map((t) => compile(t.zh)), en: catalog.templates.map((t) => compile(t.en)) },
    arity: catalog.templates.map((t) => t.n),
    keys: catalog.keys,
    // Per input key stem, the name of the unit it is given in (null without keyed units), for plans.
    keyUnits: new Map(catalog.fields.flatMap((f) => {
      const keyed = f.units.filter((u) => u.keyed);
      return f.keys.map((key, i) => [key.replace(/_\{year\}$/, ""), keyed[i]?.label.zh ?? null]);
    })),
    checkIds: catalog.conditions.flatMap((c) => c.checks.map((k) => k.id)),
    planNotes: (catalog.plan_notes ?? []).map(frozen),
    // The input keys a message may name: the fields' (per-year keys by their stem) and the meta figures'.
    keySet: new Set([...catalog.keys, ...catalog.meta.map((m) => m.key), "ruleset"]),
    general: catalog.general,
    join: catalog.join,
    conditions: catalog.conditions.map((condition) => ({
      id: condition.id,
      clause: condition.clause,
      title: frozen(condition.title),
      checks: condition.checks.map((check) => ({
        id: check.id,
        title: frozen(check.title),
        citation: check.citation,
        threshold: check.threshold,
        unit: check.unit === null ? null : check.unit.zh,
        // Its templates by the engine's choice: met, not met, nothing due, guidance.
        explain: check.explain,
        // Explanations with no figure in them are the same in every report that needs
        // them: made once, shared.
        shared: new Map(),
      })),
      // Its verdicts (see `verdict`) by the statuses they hold: made once, frozen, shared.
      verdicts: new Map(),
    })),
  };
}

/** The check being built: what its value (-1) and gap (-2) arguments refer to. */
let ownValue = "";
let ownGap = "";

/** One argument as text in `lang` (see docs/catalog.md). */
function argText(r, arg, lang) {
  switch (typeof arg) {
    case "string":
      return arg;
    case "number":
      if (arg < 0) return arg === -1 ? ownValue : ownGap;
      return r.texts[lang][arg] ?? "";
    default:
      if (Array.isArray(arg)) {
        let out = "";
        const separator = r.join[lang];
        for (let i = 0; i < arg.length; i++) out += (i > 0 ? separator : "") + argText(r, arg[i], lang);
        return out;
      }
      return arg === null ? "" : expand(r, arg.t, arg.a, 0, lang);
  }
}

/**
 * A template filled in `lang`, its arguments `args[start]`, `args[start + 1]`, … (read in
 * place from the compact record, not copied out). Joined rather than concatenated: one flat
 * string takes less memory than a tree of concatenations, which matters when a batch keeps
 * 100,000 reports alive (see BENCHMARKS.md).
 */
function expand(r, template, args, start, lang) {
  const parts = r.templates[lang][template];
  if (parts === undefined) return "";
  const n = parts.length;
  if (n === 1) return parts[0];
  const out = new Array(n);
  for (let i = 0; i < n; i += 2) out[i] = parts[i];
  for (let i = 1; i < n; i += 2) {
    const arg = args[start + parts[i]];
    out[i] = arg === undefined ? `{${parts[i]}}` : argText(r, arg, lang);
  }
  return out.join("");
}

/** The same message in both languages, frozen. */
function message(r, template, args, start) {
  return Object.freeze({ zh: expand(r, template, args, start, "zh"), en: expand(r, template, args, start, "en") });
}

/** Whether an argument is an input key of the ruleset (a field's key, a per-year key `<key>_<year>`, a meta key). */
function isKey(r, arg) {
  if (typeof arg !== "string") return false;
  if (r.keySet.has(arg)) return true;
  const perYear = /^(.+)_[0-9]{4}$/.exec(arg);
  return perYear !== null && r.keySet.has(perYear[1]);
}

const OPENS = ["（", " (", "("];
const CLOSES = ["）", ")"];
const endsWithAny = (text, ends) => ends.find((end) => text.endsWith(end)) ?? null;
const startsWithAny = (text, starts) => starts.find((start) => text.startsWith(start)) ?? null;

/**
 * A message as a page shows it, naming each figure by its label alone: a key written in
 * brackets after the label ("<label>（<key>）", "in <unit> (<key>)") is left out with its
 * brackets, and one written before the label in brackets ("<key> (<label>)") gives way to
 * the label. Which argument is a key is known from the
 * catalog, and where it sits from the template's own text: no message is named here. A key
 * in any other place (a sentence about the key itself) stays.
 */
function expandLabelsOnly(r, template, args, start, lang) {
  const parts = r.templates[lang][template];
  if (parts === undefined) return "";
  const out = parts.slice();
  for (let i = 1; i < parts.length; i += 2) {
    const arg = args[start + parts[i]];
    out[i] = arg === undefined ? `{${parts[i]}}` : argText(r, arg, lang);
  }
  for (let i = 1; i < parts.length; i += 2) {
    if (!isKey(r, args[start + parts[i]])) continue;
    const open = endsWithAny(out[i - 1], OPENS);
    const close = open === null ? null : startsWithAny(out[i + 1] ?? "", CLOSES);
    if (open !== null && close !== null) {
      // "label（key）": the key and its brackets go.
      out[i - 1] = out[i - 1].slice(0, -open.length);
      out[i] = "";
      out[i + 1] = out[i + 1].slice(close.length);
      // "<label>（<key>）10 <unit>" reads "<label> 10 <unit>", as the messages write a figure elsewhere.
      if (/^[0-9]/.test(out[i + 1]) || (out[i + 1] === "" && /^[0-9]/.test(out[i + 2] ?? ""))) out[i + 1] = ` ${out[i + 1]}`;
      continue;
    }
    const after = out[i + 1] ?? "";
    const labelAt = i + 2;
    const afterLabel = out[labelAt + 1] ?? "";
    if (labelAt < parts.length && startsWithAny(after, [" (", "（"]) !== null && after.length === startsWithAny(after, [" (", "（"]).length) {
      const closeLabel = startsWithAny(afterLabel, CLOSES);
      if (closeLabel !== null) {
        // "key (label)": the label alone, without the brackets.
        out[i] = "";
        out[i + 1] = "";
        out[labelAt + 1] = afterLabel.slice(closeLabel.length);
      }
    }
  }
  return out.join("");
}

/** A key for messages whose `n` arguments at `start` are texts only (no figure): those can be shared. */
function sharedKey(template, args, start, n) {
  if (n === 0) return template;
  let key = String(template);
  for (let i = start; i < start + n; i++) {
    const arg = args[i];
    if (typeof arg === "number" && arg >= 0) key += "," + arg;
    else if (Array.isArray(arg) && arg.every((item) => typeof item === "number")) key += ",[" + arg.join(" ") + "]";
    else return null;
  }
  return key;
}

/**
 * Returns `render(compact) → report` over catalogs. A catalog can be added later with
 * `render.add(catalog)`; rendering a record of a ruleset whose catalog is not there throws.
 */
export function createRenderer(catalogs = []) {
  const rulesets = new Map();
  const add = (catalog) => {
    if (!rulesets.has(catalog.id)) rulesets.set(catalog.id, prepare(catalog));
  };
  catalogs.forEach(add);

  /** How many arguments the message at `at` has (the catalog says, per template). */
  const arity = (r, flat, at) => r.arity[flat[at]] ?? 0;

  /** Reads `count` findings (field, code, message) at `at` into `list`. */
  function findings(r, flat, at, list, labelsOnly) {
    const count = flat[at++];
    for (let i = 0; i < count; i++) {
      const field = flat[at];
      const code = flat[at + 1];
      const template = flat[at + 2];
      const said = labelsOnly
        ? Object.freeze({ zh: expandLabelsOnly(r, template, flat, at + 3, "zh"), en: expandLabelsOnly(r, template, flat, at + 3, "en") })
        : message(r, template, flat, at + 3);
      list.push({ field, code, message: said });
      at += 3 + arity(r, flat, at + 2);
    }
    return at;
  }

  /** The prepared catalog of a record's ruleset; throws when it is not loaded. */
  function rulesetOf(flat) {
    const r = rulesets.get(flat[0]);
    if (r === undefined) {
      throw new Error(`cluster-check: the catalog of ruleset ${JSON.stringify(flat[0])} is not loaded`);
    }
    return r;
  }

  /** What a report and a verdict share: the record's ruleset, name, year, verdict and tier, around the parts given. */
  function shell(r, flat, conditions, errors, warnings) {
    const verdict = flat[1];
    return { ruleset: r.info, name: flat[3], year: flat[4], status: VERDICT[verdict], eligible: verdict === 0, tier: flat[2], conditions, errors, warnings };
  }

  /**
   * The report of one compact record. With `labelsOnly`, the errors' and warnings' messages
   * name each figure by its label alone, without its input key (for a page; a report to keep
   * names both). With `plan`, the record ends with its joint plan, which the report carries as `plan`.
   */
  function render(flat, { labelsOnly = false, plan = false } = {}) {
    const r = rulesetOf(flat);
    const count = r.conditions.length;
    let at = 5 + count;
    const conditions = new Array(count);
    for (let c = 0; c < count; c++) {
      const condition = r.conditions[c];
      const specs = condition.checks;
      const checks = new Array(specs.length);
      for (let k = 0; k < specs.length; k++) {
        const spec = specs[k];
        // status + 4·(has value) + 8·(has gap) + 16·(its template), then what it says is there,
        // then the template's arguments.
        const code = flat[at++];
        const choice = code >> 4;
        const template = choice < 4 ? spec.explain[choice] : r.general[choice - 4];
        const value = code & 4 ? flat[at++] : null;
        let gap = null;
        let gapField = null;
        if (code & 8) {
          gap = flat[at];
          const key = flat[at + 1];
          gapField = typeof key === "number" ? r.keys[key] : key;
          at += 2;
        }
        const n = r.arity[template] ?? 0;
        const start = at;
        at = start + n;
        ownValue = value ?? "";
        ownGap = gap ?? "";
        let explanation;
        const key = sharedKey(template, flat, start, n);
        if (key === null) {
          explanation = message(r, template, flat, start);
        } else {
          explanation = spec.shared.get(key);
          if (explanation === undefined) spec.shared.set(key, (explanation = message(r, template, flat, start)));
        }
        checks[k] = {
          id: spec.id,
          title: spec.title,
          status: STATUS[code & 3],
          value,
          threshold: spec.threshold,
          unit: spec.unit,
          gap,
          gap_field: gapField,
          citation: spec.citation,
          explanation,
        };
      }
      conditions[c] = { id: condition.id, clause: condition.clause, title: condition.title, status: STATUS[flat[5 + c]], checks };
    }
    const errors = [];
    const warnings = [];
    at = findings(r, flat, at, errors, labelsOnly);
    at = findings(r, flat, at, warnings, labelsOnly);
    let notes = r.notes;
    const extra = flat[at++];
    if (extra > 0) {
      notes = notes.slice();
      for (let i = 0; i < extra; i++) {
        const template = flat[at];
        notes.push(message(r, template, flat, at + 1));
        at += 1 + arity(r, flat, at);
      }
    } else {
      notes = notes.slice();
    }
    const report = shell(r, flat, conditions, errors, warnings);
    report.notes = notes;
    if (plan) report.plan = readPlan(r, flat, at);
    return report;
  }

  /** The joint plan after the record's notes: `[(field, add, from, to) × n], [check × r]` (docs/catalog.md). */
  function readPlan(r, flat, at) {
    const list = flat[at];
    const additions = [];
    for (let i = 0; i < list.length; i += 4) {
      const field = typeof list[i] === "number" ? r.keys[list[i]] : list[i];
      additions.push({ field, unit: r.keyUnits.get(field.replace(/_[0-9]{4}$/, "")) ?? null, add: list[i + 1], from: list[i + 2], to: list[i + 3] });
    }
    const remaining = flat[at + 1].map((i) => r.checkIds[i]);
    return { additions, met_after: remaining.length === 0, remaining, note: r.planNotes[remaining.length === 0 ? 0 : 1] };
  }

  /**
   * The verdict of one record in the engine's verdicts form (`evaluateManyCompact(list, 2)`, as the
   * compact form with each check by its status code alone): the report without what
   * explains it — each check only `{ id, status }`, no notes — for a table of many
   * clusters. The errors and warnings are the report's, messages and all. The conditions
   * are frozen, and shared between verdicts with the same statuses.
   */
  function verdict(flat, { labelsOnly = false } = {}) {
    const r = rulesetOf(flat);
    const count = r.conditions.length;
    let at = 5 + count;
    // Each check by its status alone (the engine's verdicts form). A condition's verdict is
    // the same for every record with the same statuses: one frozen object for all of them,
    // which saves a table of 100,000 clusters two million objects.
    const conditions = new Array(count);
    for (let c = 0; c < count; c++) {
      const spec = r.conditions[c];
      const n = spec.checks.length;
      let key = flat[5 + c];
      for (let k = 0; k < n; k++) key = key * 4 + flat[at + k];
      // A condition of more checks has too many sets of statuses to keep them all: its
      // verdicts are made anew.
      let made = n <= SHARED_CHECKS ? spec.verdicts.get(key) : undefined;
      if (made === undefined) {
        const checks = spec.checks.map((check, k) => Object.freeze({ id: check.id, status: STATUS[flat[at + k]] }));
        made = Object.freeze({ id: spec.id, clause: spec.clause, title: spec.title, status: STATUS[flat[5 + c]], checks: Object.freeze(checks) });
        if (n <= SHARED_CHECKS) spec.verdicts.set(key, made);
      }
      conditions[c] = made;
      at += n;
    }
    const errors = [];
    const warnings = [];
    findings(r, flat, findings(r, flat, at, errors, labelsOnly), warnings, labelsOnly);
    return shell(r, flat, conditions, errors, warnings);
  }

  render.verdict = verdict;
  render.add = add;
  render.has = (id) => rulesets.has(id);
  /** A message of ruleset `id` in the compact form (`{ t, a }`), in both languages. */
  render.message = (id, compact) => {
    const r = rulesets.get(id);
    if (r === undefined) throw new Error(`cluster-check: the catalog of ruleset ${JSON.stringify(id)} is not loaded`);
    return message(r, compact.t, compact.a, 0);
  };
  return render;
}
