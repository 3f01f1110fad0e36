// A tiny app that uses the npm package the way a bundled site would: a bare import, no
// init call, no path to the .wasm (Vite emits it as an asset and rewrites its URL).
import { evaluate } from "cluster-check";

const SERVICE_FUNCTIONS = ["rd_design", "testing", "training", "consulting", "ip", "financing", "exhibition", "logistics"];

/** A cluster that meets every condition (R&D is exactly 1% of revenue). */
const complete = {
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
  service_functions: SERVICE_FUNCTIONS,
  provincial_platform: true,
  startup_base: false,
};

/** The same cluster with one unusable figure: half an enterprise. */
const withError = { ...complete, name: "示例集群（有误）", related_smes: "45.5" };

function render(id, figures) {
  const report = evaluate(figures);
  const section = document.createElement("section");
  section.id = id;
  section.dataset.status = report.status;
  section.dataset.eligible = String(report.eligible);
  section.dataset.tier = report.tier ?? "";

  const title = document.createElement("h2");
  title.textContent = figures.name;
  const verdict = document.createElement("p");
  verdict.className = "verdict";
  verdict.textContent = `${report.eligible ? "符合创建条件" : "尚不符合"} · status ${report.status} · tier ${report.tier ?? "—"}`;
  const conditions = document.createElement("ul");
  for (const condition of report.conditions) {
    const item = document.createElement("li");
    item.dataset.condition = condition.id;
    item.dataset.status = condition.status;
    item.textContent = `${condition.clause} ${condition.title.zh}: ${condition.status}`;
    conditions.append(item);
  }
  section.append(title, verdict, conditions);
  for (const error of report.errors) {
    const line = document.createElement("p");
    line.className = "error";
    line.dataset.field = error.field ?? "";
    line.dataset.code = error.code;
    line.textContent = `${error.field}: ${error.message.zh}`;
    section.append(line);
  }
  return section;
}

const app = document.getElementById("app");
app.replaceChildren(render("complete", complete), render("with-error", withError));
app.dataset.ready = "true";
