// Seeded hostile figures for the fuzz test (tests/js/fuzz.test.mjs, bounded, in `make test`)
// and the long campaign (benches/fuzz.mjs): the records, what must hold of their reports, and
// an exact oracle for the numeric checks. Every record is made by a function of its seed, so
// that it can be made again, fresh, for each way into the package (a getter that answers
// differently on its second read answers the same way in evaluate and in evaluateMany).
import assert from "node:assert/strict";

/** mulberry32: small, fast, and the same on every machine. */
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    /** 0 … n − 1. */
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    /** A BigInt in 0 … n − 1 (n up to about 2^100). */
    big: (n) => {
      let v = 0n;
      for (let i = 0; i < 4; i++) v = (v << 32n) | BigInt((next() * 4294967296) >>> 0);
      return v % n;
    },
  };
  return r;
}

/** The keys of the interface (henan-2014): anything else is an unknown field. */
export const KNOWN_KEYS = [
  "ruleset", "name", "year", "defined_area", "coordination_body", "development_plan", "policy_support",
  "leading_enterprises", "related_smes", "land_area_ha", "land_area_mu", "building_footprint_ha",
  "building_footprint_mu", "fixed_investment_wan", "revenue_wan", "leading_industry_revenue_wan",
  "rd_expense_wan", "audit_required", "audit_completed", "service_functions", "provincial_platform", "startup_base",
];
const KNOWN = new Set(KNOWN_KEYS);
/** The keys that hold a number. */
const NUMERIC = new Set(KNOWN_KEYS.filter((key) => /_(wan|ha|mu)$|^(year|leading_enterprises|related_smes|audit_required|audit_completed)$/.test(key)));

const SERVICES = ["rd_design", "testing", "training", "consulting", "ip", "financing", "exhibition", "logistics"];
const STATUSES = new Set(["met", "not_met", "missing", "invalid"]);
const RANK = { met: 0, missing: 1, invalid: 2, not_met: 3 };
export const ERROR_CODES = new Set([
  "negative", "not_a_number", "not_whole", "too_large", "too_precise", "unknown_field", "both_units",
  "inconsistent", "zero_land", "zero_revenue", "unknown_ruleset", "unknown_value", "wrong_type", "unreadable",
]);

const UNKNOWN_KEYS = [
  "__proto__", "constructor", "toJSON", "hasOwnProperty", "valueOf", "toString", "", " ", "0", "42",
  "revenue_wan ", "Revenue_wan", "revenue", "land_area", "营业收入", "\ud800", "\udbff", "a\udc00b", "\ud800\ud800",
  "\ufffd", "\\ud800", "x".repeat(1000), "name\u0000", "__defineGetter__",
];

const toFullWidth = (text) => text.replace(/[0-9.,-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const group = (digits) => digits.replace(/\B(?=(\d{3})+$)/g, ",");
const BLANKS = [" ", "\t", "\n", "\u3000", "\u00a0", "\r\n"];

/** Blank text: mostly short, sometimes longer than any limit a wrapper might set. */
function blanks(r, long = 0.02) {
  const n = r.chance(long) ? 100_000 + r.int(150_000) : r.int(4);
  const unit = r.pick(BLANKS);
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

/**
 * A decimal text for the plain decimal `plain` ("1234.5"), written in any of the forms the
 * interface accepts: thousands separators, full width, blanks around, leading zeros,
 * trailing fractional zeros (some of them long).
 */
export function writeDecimal(r, plain) {
  let [int, frac] = plain.split(".");
  if (r.chance(0.15)) int = "0".repeat(r.chance(0.03) ? 100_000 + r.int(10) : 1 + r.int(5)) + int;
  else if (r.chance(0.3)) int = group(int);
  if (r.chance(0.15)) frac = (frac ?? "") + "0".repeat(r.chance(0.03) ? 200_000 : 1 + r.int(4));
  let text = frac === undefined ? int : `${int}.${frac}`;
  if (text.length < 100 && r.chance(0.15)) text = toFullWidth(text);
  if (r.chance(0.2)) text = blanks(r, 0.01) + text + blanks(r, 0.01);
  return text;
}

/** `micros` millionths as plain decimal text. */
export function microsText(micros) {
  const negative = micros < 0n;
  const m = negative ? -micros : micros;
  const int = m / 1_000_000n;
  const frac = (m % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return (negative ? "-" : "") + int.toString() + (frac ? `.${frac}` : "");
}

/** A decimal as a caller might give it: a number when it is one exactly, else text. */
function giveDecimal(r, micros) {
  const plain = microsText(micros);
  const whole = micros % 1_000_000n === 0n;
  const n = Number(plain);
  if (r.chance(0.45) && Number.isSafeInteger(Math.trunc(n)) && String(n) === plain) return n;
  if (whole && r.chance(0.1)) return BigInt(plain);
  if (whole && r.chance(0.1)) return `${plain}.0`;
  return writeDecimal(r, plain);
}

/** Any value at all, for a known or an unknown key. */
function anyValue(r, depth = 0) {
  switch (r.int(16)) {
    case 0:
      return r.pick([0, -0, 1, -1, 0.1, 0.1 + 0.2, 2 ** 53, 1e21, 1e-7, 1e12, 1e12 + 1, 5e-324, Number.MAX_VALUE, 226247, 2262.47]);
    case 1:
      return r.pick([NaN, Infinity, -Infinity]);
    case 2:
      return r.pick([0n, 5n, -3n, 10n ** 12n, 10n ** 30n]);
    case 3:
      return giveDecimal(r, r.big(10n ** 18n));
    case 4:
      return blanks(r, 0.05);
    case 5:
      return r.pick(["abc", "1e5", "+5", ".5", "5.", "1,2,3", "--5", "5%", "NaN", "Infinity", "-", "１２３", "-7", "0x10", "1_000"]);
    case 6:
      return r.pick(["5\ud800", "\udc00", "A\ud800B", "\ud83d\ude00", "中文", "\u0000", '"', "\\"]);
    case 7:
      return r.chance(0.05) ? "1".repeat(100_000 + r.int(5)) : "9".repeat(1 + r.int(40));
    case 8:
      return r.chance(0.5);
    case 9:
      return null;
    case 10:
      return undefined;
    case 11: {
      const list = Array.from({ length: r.int(10) }, () => (r.chance(0.8) ? r.pick(SERVICES) : depth < 2 ? anyValue(r, depth + 1) : "x"));
      if (r.chance(0.1)) list.length += 3; // holes
      return list;
    }
    case 12:
      return r.pick([{}, { amount: 5 }, new Date(0), new Map([["a", 1]]), [[1]], JSON.parse("[".repeat(40) + "]".repeat(40))]);
    case 13:
      return r.pick([() => 5, Symbol("s"), class {}]);
    case 14:
      return r.pick(["henan-2014", "henan-2099", "HENAN-2014", ""]);
    default:
      return giveDecimal(r, BigInt(r.int(1_000_000)) * 1_000_000n);
  }
}

/** A name: typed, with lone surrogates, empty, or longer than any limit a wrapper might set. */
const aName = (r) => (r.chance(0.05) ? "某县起重装备产业集群".repeat(10_001) : r.pick(["某县起重装备产业集群", "A\ud800B", "\udfff", "", " ", "x\u0000y"]));

const own = (object, key, value) => Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });

/**
 * One hostile record from its seed: `{ record, given, unreadable }`. `given` is the map of
 * keys the record holds (with a defined value) to their values, or null when the record is
 * not an object; `unreadable` is the field an `unreadable` error must name (null for the
 * whole record), or undefined when the record can be read.
 */
export function hostileRecord(seed) {
  const r = random(seed);
  // Not an object at all (evaluateMany only).
  if (r.int(100) < 6) {
    return { record: r.pick([5, "x", null, undefined, true, 5n, () => 1, Symbol("s"), [1, 2], []]), given: null, nonObject: true, kind: "not an object" };
  }
  const entries = [];
  const count = r.chance(0.1) ? 25 + r.int(40) : r.int(12);
  for (let i = 0; i < count; i++) {
    const key = r.chance(0.7) ? r.pick(KNOWN_KEYS) : r.pick(UNKNOWN_KEYS);
    entries.push([key, key === "name" && r.chance(0.6) ? aName(r) : anyValue(r)]);
  }
  const given = new Map();
  for (const [key, value] of entries) {
    if (value === undefined) given.delete(key);
    else given.set(key, value);
  }
  // Object.keys lists integer-like keys first: the order does not matter to what is checked.
  const shape = r.int(100);
  let record;
  let kind = "plain object";
  if (shape < 45) {
    record = {};
    for (const [key, value] of entries) {
      if (key === "__proto__") own(record, key, value);
      else record[key] = value;
    }
  } else if (shape < 60) {
    kind = "null prototype";
    record = Object.create(null);
    for (const [key, value] of entries) record[key] = value;
  } else if (shape < 70) {
    kind = "Map";
    record = new Map(entries);
    // A Map keeps an undefined value as given; the wrapper leaves it out, as for an object.
  } else if (shape < 78) {
    // A class instance: its own fields count, its prototype's getters do not.
    class Figures {
      get revenue_wan() {
        return 1;
      }
    }
    kind = "class instance";
    record = new Figures();
    for (const [key, value] of entries) own(record, key, value);
    if (r.chance(0.5)) Object.freeze(record);
  } else {
    return hostileShape(r, entries, given);
  }
  return { record, given, unreadable: undefined, kind };
}

/** Records that fight back: throwing getters and traps, answers that change, re-entry. */
function hostileShape(r, entries, given) {
  const boom = () => {
    throw r.pick([new Error("boom"), new TypeError("trap"), "a string", Symbol("odd"), null, { toString: () => { throw new Error("again"); } }]);
  };
  const base = {};
  for (const [key, value] of entries) own(base, key, value);
  if (given.size === 0) given.set("revenue_wan", 1);
  for (const [key, value] of given) own(base, key, value);
  const key = r.pick([...given.keys()]);
  switch (r.int(8)) {
    case 0: // a getter that throws
      Object.defineProperty(base, key, { get: boom, enumerable: true, configurable: true });
      given.set(key, null);
      return { record: base, given, unreadable: key, kind: "throwing getter" };
    case 1: // a Proxy whose ownKeys, getOwnPropertyDescriptor or getPrototypeOf trap throws
      return { record: new Proxy(base, { [r.pick(["ownKeys", "getOwnPropertyDescriptor", "getPrototypeOf"])]: boom }), given, unreadable: null, kind: "throwing Proxy trap" };
    case 2: // a Proxy whose get trap throws on one key
      return { record: new Proxy(base, { get: (t, k, receiver) => (k === key ? boom() : Reflect.get(t, k, receiver)) }), given, unreadable: key, kind: "throwing get trap" };
    case 3: {
      const { proxy, revoke } = Proxy.revocable(base, {});
      revoke();
      return { record: proxy, given, unreadable: null, kind: "revoked Proxy" };
    }
    case 4: {
      // a getter that answers a figure first, then a deep list (what JSON.stringify would read)
      let reads = 0;
      const first = given.get(key) ?? "5";
      const deep = JSON.parse("[".repeat(40) + "]".repeat(40));
      Object.defineProperty(base, key, { get: () => (reads++ === 0 ? first : deep), enumerable: true, configurable: true });
      given.set(key, first);
      return { record: base, given, unreadable: undefined, kind: "two-faced getter" };
    }
    case 5: {
      // a getter that evaluates other figures while it is read
      const first = given.get(key) ?? 7;
      Object.defineProperty(base, key, {
        get: () => {
          reentry?.({ revenue_wan: 1, [key]: "1" });
          return first;
        },
        enumerable: true,
        configurable: true,
      });
      given.set(key, first);
      return { record: base, given, unreadable: undefined, kind: "re-entrant getter" };
    }
    case 6: {
      // a list whose entry getter throws
      const list = ["ip", "testing"];
      Object.defineProperty(list, 1, { get: boom, enumerable: true });
      own(base, "service_functions", list);
      given.set("service_functions", list);
      return { record: base, given, unreadable: "service_functions", kind: "throwing list entry" };
    }
    default: {
      // a Proxy that counts reads and answers the same
      return { record: new Proxy(base, {}), given, unreadable: undefined, kind: "Proxy" };
    }
  }
}

let reentry = null;
/** The evaluate a re-entrant getter calls (set by the runner). */
export function setReentry(fn) {
  reentry = fn;
}

/** What holds of every report, whatever the figures. */
export function checkShape(report, label) {
  assert.deepStrictEqual(
    Object.keys(report),
    ["ruleset", "name", "year", "status", "eligible", "tier", "conditions", "errors", "warnings", "notes"],
    label,
  );
  let worst = "met";
  let incomplete = false;
  for (const condition of report.conditions) {
    let conditionWorst = "met";
    for (const check of condition.checks) {
      assert.ok(STATUSES.has(check.status), `${label}: ${check.id} ${check.status}`);
      if (RANK[check.status] > RANK[conditionWorst]) conditionWorst = check.status;
      for (const key of ["value", "threshold", "gap"]) {
        if (check[key] !== null) assert.match(check[key], /^\d+(\.\d+)?$/, `${label}: ${check.id}.${key}`);
      }
      if (check.status === "met") assert.equal(check.gap, null, `${label}: ${check.id} met with a gap`);
      assert.ok(check.explanation.zh.length > 0 && check.explanation.en.length > 0, `${label}: ${check.id} explanation`);
    }
    assert.equal(condition.status, conditionWorst, `${label}: condition ${condition.id}`);
    if (conditionWorst === "not_met") worst = "not_met";
    if (conditionWorst === "invalid" || conditionWorst === "missing") incomplete = true;
  }
  assert.equal(report.status, worst === "not_met" ? "not_met" : incomplete ? "incomplete" : "met", `${label}: status`);
  assert.equal(report.eligible, report.status === "met", `${label}: eligible`);
  for (const error of report.errors) {
    assert.ok(ERROR_CODES.has(error.code), `${label}: error code ${error.code}`);
    assert.ok(error.field === null || typeof error.field === "string", `${label}: error field`);
    assert.ok(error.message.zh.length > 0 && error.message.en.length > 0, `${label}: error message`);
    assert.ok(error.message.en.length < 2000, `${label}: a message of ${error.message.en.length} characters`);
  }
  for (const warning of report.warnings) assert.equal(warning.code, "implausible", `${label}: warning`);
}

/** What holds of the report of one hostile record, from what the record holds. */
export function checkHostile(report, made, label) {
  checkShape(report, label);
  const { given, unreadable } = made;
  if (unreadable !== undefined) {
    assert.deepStrictEqual(report.errors.map((e) => [e.field, e.code]), [[unreadable, "unreadable"]], `${label}: unreadable`);
    return;
  }
  if (given === null) {
    assert.deepStrictEqual(report.errors.map((e) => [e.field, e.code]), [[null, "wrong_type"]], `${label}: not an object`);
    return;
  }
  const unknown = new Map();
  for (const error of report.errors) {
    assert.ok(error.field !== null && given.has(error.field), `${label}: error on ${JSON.stringify(error.field)}, a key not given`);
    assert.notEqual(error.code, "unreadable", label);
    if (error.code === "unknown_field") unknown.set(error.field, (unknown.get(error.field) ?? 0) + 1);
  }
  for (const key of given.keys()) {
    if (KNOWN.has(key)) assert.ok(!unknown.has(key), `${label}: known ${key} called unknown`);
    else assert.equal(unknown.get(key), 1, `${label}: unknown key ${JSON.stringify(key)} has ${unknown.get(key) ?? 0} unknown_field errors`);
  }
  for (const [key, value] of given) {
    if (NUMERIC.has(key) && typeof value === "string" && /^[ \t\n\r\u3000\u00a0]*$/.test(value)) {
      assert.ok(!report.errors.some((e) => e.field === key), `${label}: ${value.length} blanks in ${key} are not "not given"`);
    }
  }
  const name = given.get("name");
  if (typeof name === "string") assert.ok(report.name === name, `${label}: the name did not come back as given`);
}

// ---------------------------------------------------------------------------------------
// The exact oracle: the numeric checks recomputed with BigInt rationals from the figures.

const M = 1_000_000n;
const ceilDiv = (a, b) => (a <= 0n ? -(-a / b) : (a + b - 1n) / b);
/** Millionths, or 10^-4 units (a value cut to 4 places), as plain text. */
const cut4 = (v) => {
  const frac = (v % 10_000n).toString().padStart(4, "0").replace(/0+$/, "");
  return (v / 10_000n).toString() + (frac ? `.${frac}` : "");
};

/** A figure in millionths, chosen to sit on, just beside, or far from what it is compared with. */
function near(r, exact, den = 1n) {
  // exact / den is where the threshold is; in millionths, maybe not whole.
  const at = exact / den;
  switch (r.int(5)) {
    case 0:
    case 1:
      return exact % den === 0n ? at : ceilDiv(exact, den);
    case 2:
      return at + 1n;
    case 3:
      return at > 0n ? at - 1n : 0n;
    default:
      return r.big(at * 2n + 10n * M);
  }
}

/**
 * Figures for the oracle, and what the numeric checks must say of them: `{ figures,
 * expect: { check id → { status, value?, gap?, gap_field? } }, tier, onThreshold }`.
 */
export function oracleRecord(seed) {
  const r = random(seed);
  const figures = {};
  const expect = {};
  let onThreshold = 0;
  const give = (key, micros) => {
    figures[key] = giveDecimal(r, micros);
  };

  // Revenue and what is measured against it.
  const revenue = r.chance(0.2)
    ? r.pick([200_000n, 500_000n, 1_000_000n]) * M + BigInt(r.int(3) - 1)
    : r.chance(0.05)
      ? 0n
      : (1n + r.big(2_000_000n * M)) * (r.chance(0.5) ? 20n : 1n);
  give("revenue_wan", revenue);
  const revenueMet = revenue >= 200_000n * M;
  expect.revenue = { status: revenueMet ? "met" : "not_met", value: microsText(revenue), gap: revenueMet ? null : microsText(200_000n * M - revenue) };
  if (revenue === 200_000n * M) onThreshold++;
  const tier = revenue > 1_000_000n * M ? "over_100yi" : revenue > 500_000n * M ? "over_50yi" : revenue > 200_000n * M ? "over_20yi" : null;

  const lead = r.chance(0.1) ? revenue + 1n + r.big(M) : near(r, 13n * revenue, 20n);
  give("leading_industry_revenue_wan", lead);
  const rd = near(r, revenue, 100n);
  give("rd_expense_wan", rd);
  if (revenue === 0n) {
    expect.leading_industry_share = { status: "invalid" };
    expect.rd_ratio = { status: "invalid" };
  } else {
    if (lead > revenue) {
      expect.leading_industry_share = { status: "invalid" };
    } else {
      const met = 100n * lead >= 65n * revenue;
      if (100n * lead === 65n * revenue) onThreshold++;
      expect.leading_industry_share = {
        status: met ? "met" : "not_met",
        value: cut4((lead * M) / revenue),
        // x more leading revenue, which raises the total too: (lead + x) / (revenue + x) ≥ 65%.
        gap: met ? null : microsText(ceilDiv(65n * revenue - 100n * lead, 35n)),
      };
    }
    const met = 100n * rd >= revenue;
    if (100n * rd === revenue) onThreshold++;
    expect.rd_ratio = { status: met ? "met" : "not_met", value: cut4((rd * M) / revenue), gap: met ? null : microsText(ceilDiv(revenue, 100n) - rd) };
  }

  // Land, footprint and investment, each in 公顷 or 亩 (15 亩 = 1 公顷).
  const landMu = r.chance(0.5);
  const footprintMu = r.chance(0.5);
  const landDiv = landMu ? 15n : 1n;
  const footprintDiv = footprintMu ? 15n : 1n;
  const land = (1n + r.big(20_000n * M)) * (r.chance(0.5) ? 30n : 1n);
  give(landMu ? "land_area_mu" : "land_area_ha", land);
  // In the footprint's unit, half the land is land · footprintDiv / (2 · landDiv).
  const footprint = r.chance(0.1) ? (land * footprintDiv) / landDiv + 1n + r.big(M) : near(r, land * footprintDiv, 2n * landDiv);
  const footprintKey = footprintMu ? "building_footprint_mu" : "building_footprint_ha";
  give(footprintKey, footprint);
  if (footprint * landDiv > land * footprintDiv) {
    expect.building_density = { status: "invalid" };
  } else {
    const met = 2n * footprint * landDiv >= land * footprintDiv;
    if (2n * footprint * landDiv === land * footprintDiv) onThreshold++;
    expect.building_density = {
      status: met ? "met" : "not_met",
      value: cut4((footprint * landDiv * M) / (land * footprintDiv)),
      gap: met ? null : microsText(ceilDiv(land * footprintDiv, 2n * landDiv) - footprint),
      gap_field: met ? null : footprintKey,
    };
  }
  // 1000 万元 per 公顷: investment · landDiv ≥ 1000 · land.
  const investment = near(r, 1000n * land, landDiv);
  give("fixed_investment_wan", investment);
  {
    const met = investment * landDiv >= 1000n * land;
    if (investment * landDiv === 1000n * land) onThreshold++;
    expect.investment_intensity = {
      status: met ? "met" : "not_met",
      value: cut4((investment * landDiv * 10_000n) / land),
      gap: met ? null : microsText(ceilDiv(1000n * land, landDiv) - investment),
    };
  }

  // Counts.
  const leading = BigInt(r.int(5));
  give("leading_enterprises", leading * M);
  expect.leading_enterprises = { status: leading >= 2n ? "met" : "not_met", value: leading.toString(), gap: leading >= 2n ? null : (2n - leading).toString() };
  const smes = BigInt(r.chance(0.5) ? 18 + r.int(5) : r.int(200));
  give("related_smes", smes * M);
  expect.related_smes = { status: smes >= 20n ? "met" : "not_met", value: smes.toString(), gap: smes >= 20n ? null : (20n - smes).toString() };
  const required = BigInt(r.int(30));
  const completed = r.chance(0.4) ? required : r.chance(0.1) ? required + 1n : BigInt(r.int(Number(required) + 1));
  give("audit_required", required * M);
  give("audit_completed", completed * M);
  if (completed > required) {
    expect.audit_rate = { status: "invalid" };
  } else if (required === 0n) {
    expect.audit_rate = { status: "met", value: null, gap: null };
  } else {
    const met = completed >= required;
    if (met) onThreshold++;
    expect.audit_rate = { status: met ? "met" : "not_met", value: cut4((completed * M) / required), gap: met ? null : (required - completed).toString() };
  }
  return { figures, expect, tier, onThreshold, verdicts: Object.keys(expect).length };
}

/** Compares a report with the oracle's expectations. */
export function checkOracle(report, made, label) {
  checkShape(report, label);
  assert.equal(report.tier, made.tier, `${label}: tier`);
  const checks = new Map(report.conditions.flatMap((c) => c.checks).map((c) => [c.id, c]));
  for (const [id, want] of Object.entries(made.expect)) {
    const got = checks.get(id);
    assert.equal(got.status, want.status, `${label}: ${id} status (value ${got.value})`);
    for (const key of ["value", "gap", "gap_field"]) {
      if (key in want) assert.equal(got[key], want[key], `${label}: ${id} ${key}`);
    }
  }
}

// ---------------------------------------------------------------------------------------
// The runner shared by the fuzz test and the campaign.

/**
 * Runs `hostile` hostile records and `oracle` oracle records, from `seed`, in batches of
 * `batch`, through `api` (evaluate and evaluateMany). Returns what it saw, and the failures
 * (at most `maxFailures` of them kept, each with the seed that makes its record again).
 */
export function fuzz(api, { seed = 1, hostile = 0, oracle = 0, batch = 64, maxFailures = 20, onProgress } = {}) {
  const { evaluate, evaluateMany } = api;
  const stats = { hostile: 0, oracle: 0, evaluations: 0, kinds: {}, verdicts: 0, onThreshold: 0, failures: [], failed: 0 };
  const fail = (what, recordSeed, error) => {
    stats.failed++;
    let message;
    try {
      message = String(error?.message ?? error);
    } catch {
      message = "(a value that cannot be shown)";
    }
    if (stats.failures.length < maxFailures) stats.failures.push({ what, seed: recordSeed, message: message.slice(0, 2000) });
  };
  /** Evaluates `list` in one evaluateMany and hands each report with its record to `check`. */
  const many = (list, mades, what, check) => {
    let reports;
    try {
      reports = evaluateMany(list);
      stats.evaluations += list.length;
      assert.equal(reports.length, list.length, "one report per record");
    } catch (error) {
      for (const { recordSeed } of mades) fail(`${what}: evaluateMany threw or lost reports (its batch)`, recordSeed, error);
      return;
    }
    mades.forEach(({ made, recordSeed }, i) => {
      try {
        check(reports[i], made, i);
      } catch (error) {
        fail(made.kind ?? what, recordSeed, error);
      }
    });
  };
  setReentry((figures) => evaluate(figures));
  const seeds = (base, i) => (Math.imul(base, 2654435761) + i * 40503 + 1) >>> 0;
  for (let start = 0; start < hostile; start += batch) {
    const n = Math.min(batch, hostile - start);
    const mades = [];
    const singles = [];
    for (let i = 0; i < n; i++) {
      const recordSeed = seeds(seed, start + i);
      const made = hostileRecord(recordSeed);
      mades.push({ made, recordSeed });
      stats.kinds[made.kind] = (stats.kinds[made.kind] ?? 0) + 1;
      singles.push(undefined);
      if (made.nonObject) continue;
      try {
        // A record of its own, made again: what a getter does on its first read it does again.
        singles[i] = evaluate(hostileRecord(recordSeed).record);
        stats.evaluations++;
      } catch (error) {
        fail(`${made.kind}: evaluate threw`, recordSeed, error);
      }
    }
    many(mades.map(({ made }) => made.record), mades, "hostile", (report, made, i) => {
      checkHostile(report, made, made.kind);
      if (singles[i] !== undefined) assert.deepStrictEqual(report, singles[i], "evaluate and evaluateMany disagree");
    });
    stats.hostile += n;
    onProgress?.(stats);
  }
  for (let start = 0; start < oracle; start += batch) {
    const n = Math.min(batch, oracle - start);
    const mades = [];
    for (let i = 0; i < n; i++) {
      const recordSeed = seeds(seed ^ 0x5bd1e995, start + i);
      mades.push({ made: oracleRecord(recordSeed), recordSeed });
    }
    many(mades.map(({ made }) => made.figures), mades, "oracle", (report, made, i) => {
      checkOracle(report, made, "oracle");
      // One in eight also through evaluate, which must agree.
      if ((start + i) % 8 === 0) {
        assert.deepStrictEqual(evaluate(made.figures), report, "evaluate and evaluateMany disagree");
        stats.evaluations++;
      }
      stats.verdicts += made.verdicts;
      stats.onThreshold += made.onThreshold;
    });
    stats.oracle += n;
    onProgress?.(stats);
  }
  setReentry(null);
  return stats;
}
