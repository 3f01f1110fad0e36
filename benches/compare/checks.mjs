// The fourteen check ids of henan-2014, in the order of the spec, and a helper that reads the
// same { status, checks, tier } shape out of a cluster-check report.
export const CHECK_IDS = [
  "defined_area",
  "coordination_body",
  "development_plan",
  "policy_support",
  "leading_enterprises",
  "related_smes",
  "building_density",
  "investment_intensity",
  "revenue",
  "leading_industry_share",
  "rd_ratio",
  "audit_rate",
  "service_functions",
  "platform_or_base",
];

/** A cluster-check report as { status, checks: { id: "met" | "not_met" | … }, tier }. */
export function fromReport(report) {
  const checks = {};
  for (const condition of report.conditions) for (const check of condition.checks) checks[check.id] = check.status;
  return { status: report.status, checks, tier: report.tier };
}
