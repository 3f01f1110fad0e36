// The joint plan's declarations, used as a caller would (`tsc -p tests/types`, never run):
// `plan` is there only when asked for, its members are typed, and a check id of the
// ruleset is what `remaining` holds.
import { evaluate, evaluateMany } from "cluster-check";
import type { CheckId, Henan2014CheckId, Plan, PlanAddition, Report } from "cluster-check";

const report = evaluate({ revenue_wan: 185630, rd_expense_wan: 1900 }, { plan: true });
// Optional: a report without the option has none, so it must be looked at before use.
const plan: Plan<"henan-2014"> | undefined = report.plan;
if (plan !== undefined) {
  const first: PlanAddition | undefined = plan.additions[0];
  const line: string = first === undefined ? "" : `${first.field} +${first.add} ${first.unit ?? ""} (${first.from} → ${first.to})`;
  const met: boolean = plan.met_after;
  const left: Henan2014CheckId[] = plan.remaining;
  const note: string = plan.note.zh + plan.note.en;
  void [line, met, left, note];
  // @ts-expect-error: `add` is exact decimal text, not a number.
  const wrong: number = plan.additions[0]?.add ?? 0;
  void wrong;
  // @ts-expect-error: `remaining` holds check ids of the ruleset, not any text.
  plan.remaining.push("revenue_typo");
}
// @ts-expect-error: `plan` may be absent.
const sure: Plan = report.plan;
void sure;

const many: Report[] = evaluateMany([{ revenue_wan: 1 }], { plan: true });
const ids: CheckId[] = many.flatMap((r) => r.plan?.remaining ?? []);
void ids;
// @ts-expect-error: the option is a boolean.
evaluate({}, { plan: "yes" });
