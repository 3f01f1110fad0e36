// The same six conditions as a plain JavaScript function with floating-point arithmetic and
// no explanations: the speed reference. It gets exact boundaries wrong (2262.47 ÷ 226247
// is 0.009999999999999998 in floating point, below 1%).

const num = (v) => (v === undefined || v === null || v === "" ? undefined : Number(v));
const ALL = 8;

export function referenceEvaluate(f) {
  const land = f.land_area_ha !== undefined ? num(f.land_area_ha) : num(f.land_area_mu) / 15;
  const footprint = f.building_footprint_ha !== undefined ? num(f.building_footprint_ha) : num(f.building_footprint_mu) / 15;
  const revenue = num(f.revenue_wan);
  const required = num(f.audit_required);
  const checks = {
    defined_area: f.defined_area === true,
    coordination_body: f.coordination_body === true,
    development_plan: f.development_plan === true,
    policy_support: f.policy_support === true,
    leading_enterprises: num(f.leading_enterprises) >= 2,
    related_smes: num(f.related_smes) >= 20,
    building_density: footprint / land >= 0.5,
    investment_intensity: num(f.fixed_investment_wan) / land >= 1000,
    revenue: revenue >= 200000,
    leading_industry_share: num(f.leading_industry_revenue_wan) / revenue >= 0.65,
    rd_ratio: num(f.rd_expense_wan) / revenue >= 0.01,
    audit_rate: required === 0 || num(f.audit_completed) / required >= 1,
    service_functions: new Set(f.service_functions ?? []).size === ALL,
    platform_or_base: f.provincial_platform === true || f.startup_base === true,
  };
  const met = Object.values(checks).every(Boolean);
  return { status: met ? "met" : "not_met", checks };
}
