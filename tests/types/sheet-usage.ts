// cluster-check/sheet as a typed caller uses it (checked by `tsc -p tests/types`, never run).
import { evaluateMany, verdictsMany, type Verdict } from "cluster-check";
import { readClusters, judge, writeResults, writeTemplate, summarize, type Catalog, type JudgedRow, type Summary } from "cluster-check/sheet";

declare const catalog: Catalog;
declare const bytes: Uint8Array;

const read = readClusters(bytes, { catalog });
if (read.ok) {
  const rows: JudgedRow[] = judge(read, evaluateMany);
  const first = rows[0];
  if (first) {
    const row: number = first.row;
    const status: string = first.report.status;
    void row, status;
  }
  const summary: Summary = summarize(rows, catalog);
  const missed: string | undefined = summary.most_missed?.title.zh;
  void missed;
  const file: Promise<Uint8Array> = writeResults(rows, { catalog, read, format: "xlsx", lang: "en" });
  void file;
  // @ts-expect-error the formats are xlsx, csv and json
  void writeResults(rows, { catalog, format: "pdf" });
} else {
  const message: string = read.message.zh;
  void message;
}
void writeTemplate(catalog, { format: "csv" });
// A table judged by verdicts: summary and problems take them, the full results file does not.
if (read.ok) {
  const verdictRows: JudgedRow<Verdict>[] = judge(read, verdictsMany);
  const counted: Summary = summarize(verdictRows, catalog);
  void counted;
  // @ts-expect-error the results file's detail sheet needs the full reports
  void writeResults(verdictRows, { catalog });
}
// @ts-expect-error readClusters needs the catalog
readClusters(bytes, {});

// The roster: read, counted by cluster-check/roster, put in place of the cluster sheet's figures.
import { figuresFromRoster } from "cluster-check/roster";
import { readRoster, applyRoster, hasRosterSheet } from "cluster-check/sheet";
const rosterRead = readRoster(bytes, { catalog });
if (rosterRead.ok && read.ok && hasRosterSheet(read)) {
  const applied = applyRoster(read, rosterRead, figuresFromRoster, { ruleset: "henan-2014" });
  const traced: number | undefined = applied.records[0]?.roster?.traces[0]?.rows[0];
  const sheetWord: string | undefined = applied.problems[0]?.sheet?.zh;
  void traced, sheetWord;
}
// @ts-expect-error the roster is counted by figuresFromRoster, not evaluateMany
void (rosterRead.ok && applyRoster(null, rosterRead, evaluateMany));
