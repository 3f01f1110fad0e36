// Header cells matched to fields. A header names a field by its input key or by its
// label in either language (the catalog's zh or en label), written by a person:
// spaces, full-width or half-width brackets and case do not matter; a unit in brackets
// picks the input key or a conversion; a year picks the key of a per-year figure.
//
// Generic over "targets", so that a cluster sheet (figures.js, from a ruleset catalog) and
// an enterprise roster (its own columns) share the same matching:
//   { id, kind, field: { key, label }, names: string[], units: Unit[], years,
//     keyFor(unit, year) → input key, values?: [{ id, names }] (a set), member?: value id }
// A unit here is { id, label, names, factor: {n, d}, keyed, key? }.

/** A header or label as compared: NFKC (full-width → half-width), lower case, one kind of bracket, no blanks. */
export function normalize(text) {
  return String(text ?? "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[【〔［[{｛]/g, "(")
    .replace(/[】〕］\]}｝]/g, ")")
    .replace(/\s+/g, "");
}

/** English labels start with an article ("a coordination body") that a header leaves out. */
export function nameVariants(label) {
  const variants = new Set([normalize(label)]);
  const bare = String(label ?? "").replace(/^\s*(a|an|the)\s+/i, "");
  variants.add(normalize(bare));
  variants.delete("");
  return [...variants];
}

const YEAR_TOKEN = /^((?:19|20)\d{2})(?:年度|年)?$/;
const YEAR_PREFIX = /^((?:19|20)\d{2})(?:年度|年)?/;
const SEPARATORS = /[(),，、;；/:：_\-—·]+/;

/** Everything a header is looked up in, built once per set of targets. */
export function headerIndex(targets) {
  const exact = new Map(); // normalized input key → { target, unit }
  const perYear = []; // { pattern, target, unit }
  const names = []; // [normalized name, target], longest first
  const units = new Map(); // normalized unit name → [target's unit, …] of any target
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  for (const target of targets) {
    const defaultUnit = target.units.find((u) => u.keyed) ?? target.units[0] ?? null;
    const addKey = (key, unit) => {
      if (!key) return;
      if (key.includes("{year}")) {
        perYear.push({ pattern: new RegExp(`^${escape(normalize(key)).replace("\\{year\\}", "((?:19|20)\\d{2})")}$`), target, unit });
      } else if (!exact.has(normalize(key))) exact.set(normalize(key), { target, unit });
    };
    for (const unit of target.units) if (unit.keyed) addKey(unit.key, unit);
    addKey(target.keyFor(defaultUnit, "{year}"), defaultUnit);
    if (target.years) addKey(`${target.field.key}_{year}`, defaultUnit);
    addKey(target.field.key, defaultUnit);
    for (const name of target.names) for (const variant of nameVariants(name)) names.push([variant, target]);
    for (const unit of target.units) {
      for (const name of unit.names) {
        for (const variant of nameVariants(name)) {
          if (!units.has(variant)) units.set(variant, []);
          units.get(variant).push(unit);
        }
      }
    }
  }
  names.sort((a, b) => b[0].length - a[0].length);
  return { targets, exact, perYear, names, units };
}

/**
 * What a header cell names: { target, unit, year, member } — or { problem: { code, … } }
 * for a header that names a field wrongly (a unit it does not have, a per-year figure
 * without its year), or null for a header that names nothing.
 */
export function matchHeader(header, index) {
  const h = normalize(header);
  if (h === "") return null;
  const direct = index.exact.get(h);
  if (direct) return finish(direct.target, direct.unit, null, null);
  for (const { pattern, target, unit } of index.perYear) {
    const match = pattern.exec(h);
    if (match) return finish(target, unit, Number(match[1]), null);
  }
  // "2024年<label>": the year before the label (a per-year field's, or a one-year field's).
  const prefixYear = YEAR_PREFIX.exec(h);
  if (prefixYear) {
    const year = Number(prefixYear[1]);
    for (const body of new Set([h.slice(prefixYear[0].length), h.slice(4)])) {
      const found = body && matchLabel(body, index, year);
      if (found && !found.problem) return found;
    }
  }
  return matchLabel(h, index, null);
}

function matchLabel(h, index, yearFromPrefix) {
  let problem = null;
  for (const [name, target] of index.names) {
    if (!h.startsWith(name)) continue;
    const rest = h.slice(name.length);
    if (target.values) {
      const member = memberOf(target, rest.replace(/^[(:：\-—·/_]+|\)+$/g, ""));
      if (member) return finish(target, null, yearFromPrefix, member);
    }
    const parsed = parseRemainder(rest, target, index);
    if (parsed.problem) {
      problem ??= { problem: { ...parsed.problem, target } };
      continue;
    }
    if (parsed.ok) return finish(target, parsed.unit, parsed.year ?? yearFromPrefix, null);
  }
  if (problem) return problem;
  // A set's value on its own (its label or its id) heads a yes/no column of that value.
  for (const target of index.targets) {
    if (!target.values) continue;
    const member = memberOf(target, h);
    if (member) return finish(target, null, yearFromPrefix, member);
  }
  return null;
}

function memberOf(target, text) {
  if (!text) return null;
  return target.values.find((value) => value.names.some((name) => nameVariants(name).includes(text)))?.id ?? null;
}

/**
 * After a label: nothing, or a unit and a year, in brackets or after separators. Anything
 * else ("<label>合计") means the header is not this label at all.
 */
function parseRemainder(rest, target, index) {
  const tokens = rest.split(SEPARATORS).filter(Boolean);
  let unit = null;
  let year = null;
  for (const token of tokens) {
    const y = YEAR_TOKEN.exec(token);
    if (y) {
      year = Number(y[1]);
      continue;
    }
    const candidates = index.units.get(token);
    if (!candidates) return { ok: false };
    const own = target.units.find((u) => candidates.includes(u));
    if (!own) return { problem: { code: "wrong_unit", unit: token } };
    unit = own;
  }
  return { ok: true, unit: unit ?? target.units.find((u) => u.keyed) ?? target.units[0] ?? null, year };
}

function finish(target, unit, year, member) {
  if (target.years && year === null) return { problem: { code: "no_year", target } };
  return { target, unit: member ? null : unit, year: target.years ? year : null, member };
}

function distance(a, b) {
  if (a === b) return 0;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}

/** The target whose key or label is nearest to a header that names nothing (for "did you mean"). */
export function nearestTarget(header, index) {
  const h = normalize(header).replace(/\(.*$/, "") || normalize(header);
  let best = null;
  let bestScore = Infinity;
  const consider = (name, target) => {
    const score = distance(h, name) / Math.max(name.length, h.length, 1);
    if (score < bestScore) (bestScore = score), (best = target);
  };
  for (const [name, target] of index.names) consider(name, target);
  for (const [key, { target }] of index.exact) consider(key, target);
  // Beyond this, the "nearest" field shares little with the header and would mislead.
  return bestScore <= 0.6 ? best : null;
}
