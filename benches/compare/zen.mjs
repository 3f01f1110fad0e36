// The six conditions of 豫工信企业〔2014〕196号 in GoRules' ZEN expression language, evaluated by
// @gorules/zen-engine-wasm (the Rust ZEN engine compiled to WebAssembly).
//
// zen-engine-wasm evaluates expressions only (its README: "Currently, it supports only
// expressions"); it has no JDM decision graph. So the rules are written the way a JDM
// "expression" node holds them: one ZEN expression per output key, here one per check and one
// for the revenue tier. The package's documented path is a `Variable` built from the record
// (the context, deserialized once into the engine) and `evaluateExpression` on it. The
// expressions are joined into one object expression, `{ defined_area: …, …, tier: … }`, so a
// record costs one Variable and one evaluation; `evaluatePerCheck` evaluates them one by one
// (15 calls per record), for comparison.
//
// ZEN computes with rust_decimal (28 significant digits), not binary floats, so
// 2262.47 / 226247 >= 0.01 is true. Figures given as text are read with number(); land and
// footprint given in 亩 are converted to 公顷 by dividing by 15.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { initSync, Variable } from "@gorules/zen-engine-wasm";
import { CHECK_IDS } from "./checks.mjs";

const require = createRequire(import.meta.url);
const zenDir = require.resolve("@gorules/zen-engine-wasm").replace(/index\.js$/, "");
initSync({ module: readFileSync(`${zenDir}dist/zen_engine_wasm_bg.wasm`) });

const land = "(land_area_ha != null ? number(land_area_ha) : number(land_area_mu) / 15)";
const footprint = "(building_footprint_ha != null ? number(building_footprint_ha) : number(building_footprint_mu) / 15)";
const revenue = "number(revenue_wan)";

/** One expression per check (and the tier), as the keys of a JDM expression node. */
export const EXPRESSIONS = {
  // 三（一）建设管理规范
  defined_area: "defined_area == true",
  coordination_body: "coordination_body == true",
  development_plan: "development_plan == true",
  policy_support: "policy_support == true",
  // 三（二）集聚效应明显
  leading_enterprises: "number(leading_enterprises) >= 2",
  related_smes: "number(related_smes) >= 20",
  building_density: `${footprint} / ${land} >= 0.5`,
  investment_intensity: `number(fixed_investment_wan) / ${land} >= 1000`,
  // 三（三）产业竞争力强
  revenue: `${revenue} >= 200000`,
  leading_industry_share: `number(leading_industry_revenue_wan) / ${revenue} >= 0.65`,
  // 三（四）创新能力强
  rd_ratio: `number(rd_expense_wan) / ${revenue} >= 0.01`,
  // 三（五）节能减排达标: nothing due when no enterprise is subject to an audit
  audit_rate: "number(audit_required) == 0 or number(audit_completed) / number(audit_required) >= 1",
  // 三（六）公共服务体系完善
  service_functions:
    "all(['rd_design', 'testing', 'training', 'consulting', 'ip', 'financing', 'exhibition', 'logistics'], # in service_functions)",
  platform_or_base: "provincial_platform == true or startup_base == true",
  // 二、工作目标: the highest tier strictly over its amount (超)
  tier: `${revenue} > 1000000 ? 'over_100yi' : ${revenue} > 500000 ? 'over_50yi' : ${revenue} > 200000 ? 'over_20yi' : null`,
};

/** The whole expression node as one ZEN object expression. */
export const OBJECT_EXPRESSION = `{ ${Object.entries(EXPRESSIONS)
  .map(([key, expression]) => `${key}: ${expression}`)
  .join(", ")} }`;

function verdict(out) {
  const checks = {};
  let met = true;
  for (const id of CHECK_IDS) {
    checks[id] = out[id] === true;
    met &&= checks[id];
  }
  return { status: met ? "met" : "not_met", checks, tier: out.tier ?? null };
}

/** One record: one Variable, one evaluation of the object expression. */
export function zenEvaluate(record) {
  const context = new Variable(record);
  try {
    return verdict(context.evaluateExpression(OBJECT_EXPRESSION));
  } finally {
    context.free();
  }
}

/** One record: one Variable, one evaluation per check. */
export function zenEvaluatePerCheck(record) {
  const context = new Variable(record);
  try {
    const out = {};
    for (const [key, expression] of Object.entries(EXPRESSIONS)) out[key] = context.evaluateExpression(expression);
    return verdict(out);
  } finally {
    context.free();
  }
}

/** The cost of the context alone: one Variable built from the record and freed, no expression. */
export function zenContextOnly(record) {
  new Variable(record).free();
  return null;
}
