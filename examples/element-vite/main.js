// A Vite app embedding the element: a bare import registers <cluster-check>; Vite bundles
// its modules and emits the engine's .wasm as an asset (found through
// new URL(…, import.meta.url) inside the package), so there is nothing to copy or configure.
import "cluster-check/element";

const element = document.querySelector("cluster-check");
const summary = document.getElementById("summary");

element.addEventListener("cluster-check-change", (event) => {
  const { status, tier } = event.detail;
  summary.textContent = `status: ${status} · tier: ${tier ?? "—"}`;
  summary.dataset.status = status;
});

/** A cluster that meets every condition (R&D exactly 1% of revenue). */
const EXAMPLE = {
  name: "示例集群",
  year: 2024,
  defined_area: true,
  coordination_body: true,
  development_plan: true,
  policy_support: true,
  leading_enterprises: 3,
  related_smes: 45,
  land_area_ha: "120",
  building_footprint_ha: "66",
  fixed_investment_wan: "150000",
  revenue_wan: "226247",
  leading_industry_revenue_wan: "160000",
  rd_expense_wan: "2262.47",
  audit_required: 4,
  audit_completed: 4,
  service_functions: ["rd_design", "testing", "training", "consulting", "ip", "financing", "exhibition", "logistics"],
  provincial_platform: true,
  startup_base: false,
};

document.getElementById("example").addEventListener("click", () => {
  element.figures = EXAMPLE;
});
