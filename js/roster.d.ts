// Types of `cluster-check/roster`: figures counted from an enterprise roster. The row and
// figure types are the ruleset's, generated into index.d.ts from the ruleset files.
import type { DefaultRulesetId, FiguresOf, Localized, RulesetId, RulesetMap, WarningCode } from "./index.js";

export { evaluate, evaluateMany, rulesets, version } from "./index.js";

/** The rulesets whose figures can be counted from a roster. */
export type RosterRulesetId = { [R in RulesetId]: [RulesetMap[R]["roster"]] extends [never] ? never : R }[RulesetId];

/** One row of the roster of ruleset `R`: one enterprise. */
export type RosterRowOf<R extends RosterRulesetId> = RulesetMap[R]["roster"];

/** An error, a warning or a note about the roster: which row (spreadsheet numbering), which cell. */
export interface RosterIssue<Code extends string = string> {
  /** The row it is about, or null for the whole cluster. */
  row: number | null;
  /** The cell's key (a column of the row, or a figure's key), or null. */
  field: string | null;
  code: Code;
  message: Localized;
}

/** Where a derived figure came from. */
export interface RosterTrace<R extends RosterRulesetId = RosterRulesetId> {
  /** The figure's input key (one of the ruleset's roster figures). */
  field: RulesetMap[R]["rosterFigure"];
  /** The count (a number) or the sum (exact decimal text); null when it could not be derived. */
  value: number | string | null;
  /** Rows counted, or summed. */
  rows: number[];
  /** Rows exactly on a strict bound of the count (a ">" threshold met with equality), not counted. */
  outside: number[];
  /** Per column, the rows that lack a cell the figure needs (then it is not derived). */
  lacking: { column: string; rows: number[] }[];
  /** Rows whose cells it needs have errors (then it is not derived). */
  invalid: number[];
  /** What was counted, and what was not and why, in both languages. */
  messages: Localized[];
}

/** One cluster of the roster: the rows with the same 所属集群. */
export interface RosterCluster<R extends RosterRulesetId = RosterRulesetId> {
  /** Its 所属集群, or null when the roster names none. */
  cluster: string | null;
  /** The index of the figures it was matched to (by `name`), or null. */
  matched: number | null;
  /** How many enterprises (rows) it has. */
  enterprises: number;
  /** The figures derived, by key: counts as numbers, sums as exact decimal text. */
  derived: Partial<Record<RulesetMap[R]["rosterFigure"], number | string>>;
  /** The figures to judge: the matched figures with the derived ones in place of theirs, or the derived ones with the cluster's name. */
  figures: FiguresOf<R>;
  /** One per figure the roster can give, in the ruleset's order. */
  traces: RosterTrace<R>[];
  errors: RosterIssue<RulesetMap[R]["rosterError"]>[];
  warnings: RosterIssue<WarningCode | "status_override" | "roster_differs" | "unmatched_cluster">[];
  /** Standards applied to blank cells, the ruleset's readings, typed figures that agree. */
  notes: Localized[];
}

/** What a roster gives. */
export interface RosterResult<R extends RosterRulesetId = RosterRulesetId> {
  ruleset: R;
  clusters: RosterCluster<R>[];
  /** Rows that are not objects (or could not be read); a ruleset with no roster. */
  errors: RosterIssue<"not_an_object" | "unreadable" | "no_roster" | "unknown_ruleset">[];
}

/**
 * Counts the figures of an enterprise roster, exactly, as the ruleset's roster data says;
 * with `figures`, each cluster of the roster is matched to the figures of the same `name`
 * (or, for a roster that names no cluster, to the only figures given) and its derived
 * figures replace the typed ones.
 * @throws {TypeError} when `rows` is not an array.
 */
export function figuresFromRoster<R extends RosterRulesetId = DefaultRulesetId & RosterRulesetId>(
  rows: ReadonlyArray<RosterRowOf<R>>,
  options?: { ruleset?: R; figures?: FiguresOf<R> | ReadonlyArray<FiguresOf<R>> | null },
): RosterResult<R>;
