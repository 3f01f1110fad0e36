// The plain JavaScript reference (benches/reference.mjs: floats, no explanations), with the
// revenue tier added the same way (floats, 超 as >), so that it answers the same questions as
// the other engines.
import { referenceEvaluate } from "../reference.mjs";

export function plainEvaluate(record) {
  const { status, checks } = referenceEvaluate(record);
  const revenue = Number(record.revenue_wan);
  const tier = revenue > 1000000 ? "over_100yi" : revenue > 500000 ? "over_50yi" : revenue > 200000 ? "over_20yi" : null;
  return { status, checks, tier };
}
