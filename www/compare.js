// The two-year re-review (复核), as data: which checks changed status between the reports
// of two years, and what the later year's report means for the title.
//
// 五、保障措施（六）: 每两年组织一次省级产业集群复核工作 … against the same creation
// conditions; clusters that no longer meet them 予以摘牌 (lose the title). So the verdict
// comes from the later (re-review) year alone: its report met → keeps the title; not met →
// loses it; incomplete (a figure missing or unusable) → cannot be judged yet. The earlier
// year only explains what changed. Nothing here touches the page: it runs in Node as well.

/**
 * @typedef {{ id: string, status: string, value: string | null, unit: string | null, title?: { zh: string, en: string } }} Check
 * @typedef {{ id: string, clause: string, title: { zh: string, en: string }, checks: Check[] }} Condition
 * @typedef {{ status: "met" | "not_met" | "incomplete", conditions: Condition[] }} Report
 */

/** The verdict of a re-review from the later year's report (null: not evaluated yet). */
export function reReviewVerdict(later) {
  if (!later) return "waiting";
  if (later.status === "met") return "keep";
  if (later.status === "not_met") return "lose";
  return "undetermined";
}

/**
 * Every check whose status differs between the two reports, in the document's order, each
 * { id, clause, conditionId, conditionTitle, title, from, to, fromValue, toValue, unit };
 * and the verdict. Either report may be null (not evaluated yet): then there are no changes.
 * @param {Report | null} earlier
 * @param {Report | null} later
 */
export function compareReports(earlier, later) {
  const changes = [];
  if (earlier && later) {
    const before = new Map();
    for (const condition of earlier.conditions) for (const check of condition.checks) before.set(check.id, check);
    for (const condition of later.conditions) {
      for (const check of condition.checks) {
        const old = before.get(check.id);
        if (!old || old.status === check.status) continue;
        changes.push({
          id: check.id,
          clause: condition.clause,
          conditionId: condition.id,
          conditionTitle: condition.title,
          title: check.title ?? null,
          from: old.status,
          to: check.status,
          fromValue: old.value,
          toValue: check.value,
          unit: check.unit ?? old.unit ?? null,
        });
      }
    }
  }
  return { changes, verdict: reReviewVerdict(later) };
}

/** A figures object's year as written ("2016"), or "" when it has none. */
export function yearOf(figures) {
  const year = figures?.year;
  if (typeof year === "number" && Number.isFinite(year)) return String(year);
  return typeof year === "string" ? year.trim() : "";
}
