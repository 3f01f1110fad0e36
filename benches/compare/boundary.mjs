// Records that sit on a threshold, with the verdict the spec (henan-2014.md) gives them,
// written by hand: each check exactly at its threshold, just below, just above, the
// floating-point traps, land and footprint in 亩 and mixed units, and the revenue tiers.
//
// Every record starts from BASE, where all fourteen checks are met, and changes only the
// figures of the check it tests (adjusting the others so that they stay met). `expect` lists
// the status of each check the change touches; every other check stays "met". `status` is the
// report's status (all records are complete, so "met" or "not_met"); `tier` the revenue tier.
//
// The expectations are hand-written. `exactVerdict` below recomputes them with exact integer
// arithmetic (BigInt millionths, cross-multiplication) only to catch a typo in this file; the
// benchmark stops if the two disagree.

const FUNCTIONS = ["rd_design", "testing", "training", "consulting", "ip", "financing", "exhibition", "logistics"];

export const BASE = {
  defined_area: true,
  coordination_body: true,
  development_plan: true,
  policy_support: true,
  leading_enterprises: 3,
  related_smes: 25,
  land_area_ha: 100,
  building_footprint_ha: 60, // 60 %
  fixed_investment_wan: 150000, // 1500 万元/公顷
  revenue_wan: 300000,
  leading_industry_revenue_wan: 240000, // 80 %
  rd_expense_wan: 6000, // 2 %
  audit_required: 4,
  audit_completed: 4,
  service_functions: FUNCTIONS,
  provincial_platform: true,
  startup_base: false,
};

/** Land given in 亩 instead of 公顷: the _ha key is removed. */
const mu = (figures) => {
  const out = { ...figures };
  if ("land_area_mu" in out) delete out.land_area_ha;
  if ("building_footprint_mu" in out) delete out.building_footprint_ha;
  return out;
};

const c = (id, change, expect, status, tier = "over_20yi") => ({ id, figures: mu({ ...BASE, ...change }), expect, status, tier });

export const CASES = [
  // 三（一）: yes/no
  c("defined_area false", { defined_area: false }, { defined_area: "not_met" }, "not_met"),
  c("platform no, startup base yes", { provincial_platform: false, startup_base: true }, { platform_or_base: "met" }, "met"),
  c("platform no, startup base no", { provincial_platform: false, startup_base: false }, { platform_or_base: "not_met" }, "not_met"),

  // 三（二）: counts (不少于2家, 不低于20家)
  c("leading_enterprises = 2", { leading_enterprises: 2 }, { leading_enterprises: "met" }, "met"),
  c("leading_enterprises = 1", { leading_enterprises: 1 }, { leading_enterprises: "not_met" }, "not_met"),
  c("related_smes = 20", { related_smes: 20 }, { related_smes: "met" }, "met"),
  c("related_smes = 19", { related_smes: 19 }, { related_smes: "not_met" }, "not_met"),
  c("related_smes = 21", { related_smes: 21 }, { related_smes: "met" }, "met"),

  // 三（二）: building density ≥ 50 %
  c("density 50 / 100 ha = 50%", { building_footprint_ha: 50 }, { building_density: "met" }, "met"),
  c("density 49.999999 / 100 ha", { building_footprint_ha: 49.999999 }, { building_density: "not_met" }, "not_met"),
  c("density 50.000001 / 100 ha", { building_footprint_ha: 50.000001 }, { building_density: "met" }, "met"),
  c("density 50 ha on 1500 亩 = 50%", { land_area_mu: 1500, building_footprint_ha: 50 }, { building_density: "met" }, "met"),
  c("density 49.999999 ha on 1500 亩", { land_area_mu: 1500, building_footprint_ha: 49.999999 }, { building_density: "not_met" }, "not_met"),
  c("density 750 亩 on 100 ha = 50%", { building_footprint_mu: 750 }, { building_density: "met" }, "met"),
  // 500 亩 ÷ 1000 亩 is exactly 50 %; 500/15 and 1000/15 do not terminate in decimal.
  c("density 500 亩 on 1000 亩 = 50%", { land_area_mu: 1000, building_footprint_mu: 500, fixed_investment_wan: 100000 }, { building_density: "met" }, "met"),
  c("density 0.5 亩 on 1 亩 = 50%", { land_area_mu: 1, building_footprint_mu: 0.5, fixed_investment_wan: 100 }, { building_density: "met" }, "met"),
  c("density 499.999999 亩 on 1000 亩", { land_area_mu: 1000, building_footprint_mu: 499.999999, fixed_investment_wan: 100000 }, { building_density: "not_met" }, "not_met"),

  // 三（二）: investment intensity ≥ 1000 万元/公顷
  c("intensity 100000 on 100 ha = 1000", { fixed_investment_wan: 100000 }, { investment_intensity: "met" }, "met"),
  c("intensity 99999.999999 on 100 ha", { fixed_investment_wan: 99999.999999 }, { investment_intensity: "not_met" }, "not_met"),
  c("intensity 100000.000001 on 100 ha", { fixed_investment_wan: 100000.000001 }, { investment_intensity: "met" }, "met"),
  // 1.05 亩 = 0.07 公顷; 70 ÷ 0.07 = 1000 exactly (floats: 999.9999999999999).
  c("intensity 70 on 1.05 亩 = 1000", { land_area_mu: 1.05, building_footprint_mu: 0.63, fixed_investment_wan: 70 }, { investment_intensity: "met" }, "met"),
  c("intensity 69.999999 on 1.05 亩", { land_area_mu: 1.05, building_footprint_mu: 0.63, fixed_investment_wan: 69.999999 }, { investment_intensity: "not_met" }, "not_met"),
  // 100.2 亩 = 6.68 公顷; 6680 ÷ 6.68 = 1000 exactly.
  c("intensity 6680 on 100.2 亩 = 1000", { land_area_mu: 100.2, building_footprint_mu: 60, fixed_investment_wan: 6680 }, { investment_intensity: "met" }, "met"),
  // 1 亩 = 1/15 公顷: 66.666667 × 15 = 1000.000005 ≥ 1000; 66.666666 × 15 = 999.99999.
  c("intensity 66.666667 on 1 亩", { land_area_mu: 1, building_footprint_mu: 0.6, fixed_investment_wan: 66.666667 }, { investment_intensity: "met" }, "met"),
  c("intensity 66.666666 on 1 亩", { land_area_mu: 1, building_footprint_mu: 0.6, fixed_investment_wan: 66.666666 }, { investment_intensity: "not_met" }, "not_met"),

  // 三（三）: revenue 20亿元以上 (≥ 200000), tiers 超 (>)
  c("revenue = 200000", { revenue_wan: 200000, leading_industry_revenue_wan: 160000, rd_expense_wan: 4000 }, { revenue: "met" }, "met", null),
  c("revenue = 199999.999999", { revenue_wan: 199999.999999, leading_industry_revenue_wan: 160000, rd_expense_wan: 4000 }, { revenue: "not_met" }, "not_met", null),
  c("revenue = 200000.000001", { revenue_wan: 200000.000001, leading_industry_revenue_wan: 160000, rd_expense_wan: 4000 }, { revenue: "met" }, "met", "over_20yi"),
  c("revenue = \"200000.00\" (text)", { revenue_wan: "200000.00", leading_industry_revenue_wan: "160000", rd_expense_wan: "4000" }, { revenue: "met" }, "met", null),
  c("revenue = 500000", { revenue_wan: 500000, leading_industry_revenue_wan: 400000, rd_expense_wan: 10000 }, {}, "met", "over_20yi"),
  c("revenue = 500000.000001", { revenue_wan: 500000.000001, leading_industry_revenue_wan: 400000, rd_expense_wan: 10000 }, {}, "met", "over_50yi"),
  c("revenue = 1000000", { revenue_wan: 1000000, leading_industry_revenue_wan: 800000, rd_expense_wan: 20000 }, {}, "met", "over_50yi"),
  c("revenue = 1000000.000001", { revenue_wan: 1000000.000001, leading_industry_revenue_wan: 800000, rd_expense_wan: 20000 }, {}, "met", "over_100yi"),

  // 三（三）: leading-industry share ≥ 65 %
  c("share 195000 / 300000 = 65%", { leading_industry_revenue_wan: 195000 }, { leading_industry_share: "met" }, "met"),
  c("share 194999.999999 / 300000", { leading_industry_revenue_wan: 194999.999999 }, { leading_industry_share: "not_met" }, "not_met"),
  c("share 195000.000001 / 300000", { leading_industry_revenue_wan: 195000.000001 }, { leading_industry_share: "met" }, "met"),
  // 1.95 ÷ 3 = 0.65 exactly (revenue 3 万元 fails the revenue check; the share is still met).
  c("share 1.95 / 3 = 65%", { revenue_wan: 3, leading_industry_revenue_wan: 1.95, rd_expense_wan: 0.06 }, { revenue: "not_met", leading_industry_share: "met" }, "not_met", null),
  // 201652 × 0.65 = 131073.8 exactly (floats: 0.6499999999999999).
  c("share 131073.80 / 201652 = 65%", { revenue_wan: 201652, leading_industry_revenue_wan: 131073.8, rd_expense_wan: 4033.04 }, { leading_industry_share: "met" }, "met"),
  c("share 131073.79 / 201652", { revenue_wan: 201652, leading_industry_revenue_wan: 131073.79, rd_expense_wan: 4033.04 }, { leading_industry_share: "not_met" }, "not_met"),

  // 三（四）: R&D ≥ 1 % of revenue
  c("rd 3000 / 300000 = 1%", { rd_expense_wan: 3000 }, { rd_ratio: "met" }, "met"),
  c("rd 2999.999999 / 300000", { rd_expense_wan: 2999.999999 }, { rd_ratio: "not_met" }, "not_met"),
  c("rd 3000.000001 / 300000", { rd_expense_wan: 3000.000001 }, { rd_ratio: "met" }, "met"),
  // 2262.47 ÷ 226247 = 0.01 exactly (floats: 0.009999999999999998).
  c("rd 2262.47 / 226247 = 1%", { revenue_wan: 226247, leading_industry_revenue_wan: 180000, rd_expense_wan: 2262.47 }, { rd_ratio: "met" }, "met"),
  c("rd \"2262.47\" / \"226247\" = 1% (text)", { revenue_wan: "226247", leading_industry_revenue_wan: "180000", rd_expense_wan: "2262.47" }, { rd_ratio: "met" }, "met"),
  c("rd 2262.469999 / 226247", { revenue_wan: 226247, leading_industry_revenue_wan: 180000, rd_expense_wan: 2262.469999 }, { rd_ratio: "not_met" }, "not_met"),
  c("rd 2048.16 / 204816 = 1%", { revenue_wan: 204816, leading_industry_revenue_wan: 160000, rd_expense_wan: 2048.16 }, { rd_ratio: "met" }, "met"),

  // 三（五）: audits carried out = 100 % of those due
  c("audit 3 of 4", { audit_completed: 3 }, { audit_rate: "not_met" }, "not_met"),
  c("audit 10 of 11", { audit_required: 11, audit_completed: 10 }, { audit_rate: "not_met" }, "not_met"),
  c("audit 11 of 11", { audit_required: 11, audit_completed: 11 }, { audit_rate: "met" }, "met"),
  c("audit 0 of 0 (nothing due)", { audit_required: 0, audit_completed: 0 }, { audit_rate: "met" }, "met"),

  // 三（六）: all eight service functions
  c("7 of 8 service functions", { service_functions: FUNCTIONS.slice(0, 7) }, { service_functions: "not_met" }, "not_met"),
  c("8 service functions, other order", { service_functions: [...FUNCTIONS].reverse() }, { service_functions: "met" }, "met"),
];

// ------------------------------------------------------------------ typo guard

const SCALE = 1_000_000n;

/** A figure (number or text without separators) as BigInt millionths. */
function exact(value) {
  const text = String(value);
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(text);
  if (!match) throw new Error(`boundary.mjs: not a plain decimal: ${text}`);
  return BigInt(match[1]) * SCALE + BigInt((match[2] ?? "").padEnd(6, "0"));
}

/** Area in 亩 millionths (公顷 × 15), whichever unit it was given in. */
const areaMu = (f, key) => (f[`${key}_ha`] !== undefined ? exact(f[`${key}_ha`]) * 15n : exact(f[`${key}_mu`]));

/** The spec's verdict by exact integer arithmetic: { status, checks, tier }. */
export function exactVerdict(f) {
  const land = areaMu(f, "land_area");
  const footprint = areaMu(f, "building_footprint");
  const revenue = exact(f.revenue_wan);
  const checks = {
    defined_area: f.defined_area === true,
    coordination_body: f.coordination_body === true,
    development_plan: f.development_plan === true,
    policy_support: f.policy_support === true,
    leading_enterprises: exact(f.leading_enterprises) >= 2n * SCALE,
    related_smes: exact(f.related_smes) >= 20n * SCALE,
    building_density: footprint * 2n >= land, // footprint ÷ land ≥ 1/2
    investment_intensity: exact(f.fixed_investment_wan) * 15n >= 1000n * land, // 万元 ÷ (亩 ÷ 15) ≥ 1000
    revenue: revenue >= 200000n * SCALE,
    leading_industry_share: exact(f.leading_industry_revenue_wan) * 100n >= 65n * revenue,
    rd_ratio: exact(f.rd_expense_wan) * 100n >= revenue,
    audit_rate: exact(f.audit_required) === 0n || exact(f.audit_completed) >= exact(f.audit_required),
    service_functions: FUNCTIONS.every((fn) => f.service_functions.includes(fn)),
    platform_or_base: f.provincial_platform === true || f.startup_base === true,
  };
  const status = Object.values(checks).every(Boolean) ? "met" : "not_met";
  const tier =
    revenue > 1000000n * SCALE ? "over_100yi" : revenue > 500000n * SCALE ? "over_50yi" : revenue > 200000n * SCALE ? "over_20yi" : null;
  return { status, checks, tier };
}

/** The hand-written expectation of a case, for every check. */
export function expected(kase) {
  const checks = {};
  for (const id of Object.keys(exactVerdict(BASE).checks)) checks[id] = kase.expect[id] ?? "met";
  return { status: kase.status, checks, tier: kase.tier };
}

/** Throws if a hand-written expectation disagrees with exact arithmetic (a typo in CASES). */
export function checkExpectations() {
  for (const kase of CASES) {
    const want = expected(kase);
    const got = exactVerdict(kase.figures);
    const gotChecks = Object.fromEntries(Object.entries(got.checks).map(([id, met]) => [id, met ? "met" : "not_met"]));
    if (JSON.stringify({ ...got, checks: gotChecks }) !== JSON.stringify(want)) {
      throw new Error(`boundary.mjs: expectation of "${kase.id}" disagrees with exact arithmetic: ${JSON.stringify({ want, got })}`);
    }
  }
}
