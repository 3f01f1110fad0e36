// The six conditions of 豫工信企业〔2014〕196号 in json-rules-engine (npm), written the way its
// README and docs recommend: one Engine, built once, with one rule per check (the rule's name
// is the check id, its event says which check passed) and three rules for the revenue tier;
// the record's figures are the runtime facts of `engine.run(facts)`; derived values (land in
// 公顷 whatever unit it was given in, the ratios) are dynamic facts that read other facts from
// the almanac, computed once per run and cached by the almanac.
//
// Its operators compare JavaScript numbers (floats); figures given as text are compared after
// JavaScript's own coercion ("200000.00" >= 200000), and the dynamic facts use Number().
import { Engine } from "json-rules-engine";
import { CHECK_IDS } from "./checks.mjs";

const FUNCTIONS = ["rd_design", "testing", "training", "consulting", "ip", "financing", "exhibition", "logistics"];

/** Reads a figure given as a number or as text; undefined when not given. */
async function figure(almanac, id) {
  const value = await almanac.factValue(id);
  return value === undefined || value === null || value === "" ? undefined : Number(value);
}

/** A figure in 公顷, given in 公顷 or in 亩 (1 公顷 = 15 亩). */
async function hectares(almanac, key) {
  const ha = await figure(almanac, `${key}_ha`);
  return ha !== undefined ? ha : (await figure(almanac, `${key}_mu`)) / 15;
}

const check = (id, conditions) => ({ name: id, conditions, event: { type: "check", params: { id } } });
const tier = (id, amount, priority) => ({
  name: `tier:${id}`,
  priority,
  conditions: { all: [{ fact: "revenue_wan", operator: "greaterThan", value: amount }] },
  event: { type: "tier", params: { tier: id } },
});

export const RULES = [
  // 三（一）建设管理规范
  check("defined_area", { all: [{ fact: "defined_area", operator: "equal", value: true }] }),
  check("coordination_body", { all: [{ fact: "coordination_body", operator: "equal", value: true }] }),
  check("development_plan", { all: [{ fact: "development_plan", operator: "equal", value: true }] }),
  check("policy_support", { all: [{ fact: "policy_support", operator: "equal", value: true }] }),
  // 三（二）集聚效应明显
  check("leading_enterprises", { all: [{ fact: "leading_enterprises", operator: "greaterThanInclusive", value: 2 }] }),
  check("related_smes", { all: [{ fact: "related_smes", operator: "greaterThanInclusive", value: 20 }] }),
  check("building_density", { all: [{ fact: "building_density", operator: "greaterThanInclusive", value: 0.5 }] }),
  check("investment_intensity", { all: [{ fact: "investment_intensity", operator: "greaterThanInclusive", value: 1000 }] }),
  // 三（三）产业竞争力强
  check("revenue", { all: [{ fact: "revenue_wan", operator: "greaterThanInclusive", value: 200000 }] }),
  check("leading_industry_share", {
    all: [{ fact: "leading_industry_share", operator: "greaterThanInclusive", value: 0.65 }],
  }),
  // 三（四）创新能力强
  check("rd_ratio", { all: [{ fact: "rd_ratio", operator: "greaterThanInclusive", value: 0.01 }] }),
  // 三（五）节能减排达标: every audit due was carried out (nothing due counts as met)
  check("audit_rate", {
    any: [
      { fact: "audit_required", operator: "equal", value: 0 },
      { fact: "audit_completed", operator: "greaterThanInclusive", value: { fact: "audit_required" } },
    ],
  }),
  // 三（六）公共服务体系完善
  check("service_functions", { all: [{ fact: "service_functions", operator: "everyValue:contains", value: FUNCTIONS }] }),
  check("platform_or_base", {
    any: [
      { fact: "provincial_platform", operator: "equal", value: true },
      { fact: "startup_base", operator: "equal", value: true },
    ],
  }),
  // 二、工作目标: revenue tiers, strictly over (超)
  tier("over_100yi", 1000000, 3),
  tier("over_50yi", 500000, 2),
  tier("over_20yi", 200000, 1),
];

/** Builds the engine once: rules, and the dynamic facts for units and ratios. */
export function createEngine() {
  const engine = new Engine(RULES, { allowUndefinedFacts: true });
  engine.addFact("land_area", (params, almanac) => hectares(almanac, "land_area"));
  engine.addFact("building_footprint", (params, almanac) => hectares(almanac, "building_footprint"));
  engine.addFact("building_density", async (params, almanac) => {
    return (await almanac.factValue("building_footprint")) / (await almanac.factValue("land_area"));
  });
  engine.addFact("investment_intensity", async (params, almanac) => {
    return (await figure(almanac, "fixed_investment_wan")) / (await almanac.factValue("land_area"));
  });
  engine.addFact("leading_industry_share", async (params, almanac) => {
    return (await figure(almanac, "leading_industry_revenue_wan")) / (await figure(almanac, "revenue_wan"));
  });
  engine.addFact("rd_ratio", async (params, almanac) => {
    return (await figure(almanac, "rd_expense_wan")) / (await figure(almanac, "revenue_wan"));
  });
  return engine;
}

const TIER_ORDER = ["over_100yi", "over_50yi", "over_20yi"];

/** The engine's results as { status, checks, tier }. */
export function verdictOf({ results, failureResults }) {
  const checks = {};
  const tiers = new Set();
  for (const result of results) {
    if (result.event.type === "check") checks[result.name] = true;
    else tiers.add(result.event.params.tier);
  }
  for (const result of failureResults) if (result.event.type === "check") checks[result.name] = false;
  let met = true;
  for (const id of CHECK_IDS) met &&= checks[id] === true;
  return { status: met ? "met" : "not_met", checks, tier: TIER_ORDER.find((id) => tiers.has(id)) ?? null };
}

/** Evaluates one record with an engine from createEngine(). */
export async function jreEvaluate(engine, record) {
  return verdictOf(await engine.run(record));
}
