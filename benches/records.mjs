// Seeded, realistic cluster figures for the benchmarks: each check passes for about half of
// the records, figures come as numbers and as typed text, land in 公顷 or 亩.

/** mulberry32: a small seeded PRNG, so every run measures the same records. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FUNCTIONS = ["rd_design", "testing", "training", "consulting", "ip", "financing", "exhibition", "logistics"];

/** Money with two decimals, as a number or as text. */
function money(rand, value) {
  const cents = Math.round(value * 100);
  const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
  return rand() < 0.5 ? Number(text) : text;
}

export function makeRecords(count, seed = 2014) {
  const rand = random(seed);
  const records = [];
  for (let i = 0; i < count; i++) {
    const revenue = 100000 + rand() * 200000; // around the 200000 万元 line
    const landHa = 20 + rand() * 400;
    const inMu = rand() < 0.3;
    const required = Math.floor(rand() * 12);
    records.push({
      name: `集群 ${i}`,
      defined_area: rand() < 0.9,
      coordination_body: rand() < 0.8,
      development_plan: rand() < 0.8,
      policy_support: rand() < 0.8,
      leading_enterprises: Math.floor(rand() * 4), // ≥ 2 about half the time
      related_smes: Math.floor(10 + rand() * 20), // ≥ 20 about half the time
      ...(inMu ? { land_area_mu: money(rand, landHa * 15) } : { land_area_ha: money(rand, landHa) }),
      building_footprint_ha: money(rand, landHa * (0.3 + rand() * 0.4)), // 50% line
      fixed_investment_wan: money(rand, landHa * (500 + rand() * 1000)), // 1000/ha line
      revenue_wan: money(rand, revenue),
      leading_industry_revenue_wan: money(rand, revenue * (0.45 + rand() * 0.4)), // 65% line
      rd_expense_wan: money(rand, revenue * (0.005 + rand() * 0.01)), // 1% line
      audit_required: required,
      audit_completed: rand() < 0.5 ? required : Math.floor(rand() * (required + 1)),
      service_functions: FUNCTIONS.filter(() => rand() < 0.92),
      provincial_platform: rand() < 0.35,
      startup_base: rand() < 0.35,
    });
  }
  return records;
}
