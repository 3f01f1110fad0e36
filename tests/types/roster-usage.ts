// cluster-check/roster as a typed caller uses it (checked by `tsc -p tests/types`, never run).
import { evaluate, figuresFromRoster, type RosterCluster, type RosterResult, type RosterRowOf, type RosterRulesetId } from "cluster-check/roster";

const rows: RosterRowOf<"henan-2014">[] = [
  { enterprise: "甲公司", cluster: "某集群", main_business_revenue_wan: "6200", operating_revenue_wan: 6300, employees: 300, leading_industry: true },
  { enterprise: "乙公司", sme: false, audit_required: true, audit_completed: null },
];
const result: RosterResult<"henan-2014"> = figuresFromRoster(rows, { figures: { name: "某集群", land_area_mu: 1000 } });
for (const cluster of result.clusters) {
  const leading: number | string | undefined = cluster.derived.leading_enterprises;
  const first = cluster.traces[0];
  if (first) {
    const rowsCounted: number[] = first.rows;
    const field: "leading_enterprises" | "related_smes" | "revenue_wan" | "leading_industry_revenue_wan" | "rd_expense_wan" | "audit_required" | "audit_completed" = first.field;
    void rowsCounted, field;
  }
  const code: string = cluster.errors[0]?.code ?? "";
  void leading, code;
  void evaluate(cluster.figures).status;
}
const national: RosterCluster<"miit-2022-core"> | undefined = figuresFromRoster([{ enterprise: "甲", champion: true }], { ruleset: "miit-2022-core" }).clusters[0];
void national?.derived.top_enterprises;
const id: RosterRulesetId = "miit-2022-core";
void id;

// @ts-expect-error a roster column the ruleset does not have
figuresFromRoster([{ enterprise: "甲", champion: true }]);
// @ts-expect-error a figure the roster does not count
void result.clusters[0]?.derived.land_area_mu;
// @ts-expect-error a ruleset without that id
figuresFromRoster([], { ruleset: "henan-2015" });
