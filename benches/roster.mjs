// Figures counted from an enterprise roster: 100,000 enterprises in 200 clusters through
// figuresFromRoster of the built package (cluster-check/roster), in Node; and the same
// roster as an .xlsx read by readRoster. Prints Markdown for BENCHMARKS.md.
//
//   make bench-roster
import { performance } from "node:perf_hooks";
import { readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";

import { evaluateMany } from "cluster-check";
import { figuresFromRoster } from "cluster-check/roster";
import { readRoster } from "cluster-check/sheet";

const ROWS = Number(process.env.ROSTER_ROWS ?? 100_000);
const CLUSTERS = 200;
const catalog = JSON.parse(readFileSync(new URL("rulesets/henan-2014.json", import.meta.resolve("cluster-check")), "utf8"));

// A deterministic roster: every cell given (the slow path: every figure is derived and traced).
let seed = 2014;
const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const rows = [];
for (let i = 0; i < ROWS; i++) {
  rows.push({
    enterprise: `企业${i}`,
    cluster: `集群${i % CLUSTERS}`,
    main_business_revenue_wan: (next() * 12000).toFixed(6),
    operating_revenue_wan: (next() * 60000).toFixed(2),
    leading_industry: next() < 0.7,
    rd_expense_wan: (next() * 300).toFixed(1),
    employees: Math.floor(next() * 2000),
    audit_required: next() < 0.2,
    audit_completed: false,
  });
}

function time(label, runs, f) {
  f(); // warm
  const times = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { label, median: times[Math.floor(runs / 2)], best: times[0] };
}

const results = [];
let out;
results.push(time(`figuresFromRoster, ${ROWS.toLocaleString("en")} rows in ${CLUSTERS} clusters`, 5, () => (out = figuresFromRoster(rows))));
const figures = out.clusters.map((c) => ({ name: c.cluster, land_area_ha: 100 }));
results.push(time(`the same, merged with ${CLUSTERS} typed clusters`, 5, () => figuresFromRoster(rows, { figures })));
const counted = out.clusters.reduce((n, c) => n + Object.keys(c.derived).length, 0);
let reports;
results.push(
  time(`the same, merged, then every cluster judged (evaluateMany of the ${CLUSTERS} clusters' figures)`, 5, () => {
    reports = evaluateMany(figuresFromRoster(rows, { figures }).clusters.map((c) => c.figures));
  }),
);
const judged = reports.filter((r) => r.status !== "incomplete").length;

// Memory: the heap after a full collection, before and after 20 more counts of the roster
// (the results dropped each time). Flat means the second is not larger by the roster's size.
const heap = () => (globalThis.gc?.(), process.memoryUsage().heapUsed);
const heapBefore = heap();
for (let i = 0; i < 20; i++) figuresFromRoster(rows, { figures });
const heapAfter = heap();

// The same roster as a workbook, written once by the package's own writer.
const { writeWorkbook } = await import(new URL("sheet/xlsx-write.js", import.meta.resolve("cluster-check")));
const columns = ["企业名称", "所属集群", "主营业务收入（万元）", "营业收入（万元）", "属于主导产业", "研发投入（万元）", "从业人员（人）", "应实施强制性清洁生产审核", "已实施清洁生产审核"];
const keys = ["enterprise", "cluster", "main_business_revenue_wan", "operating_revenue_wan", "leading_industry", "rd_expense_wan", "employees", "audit_required", "audit_completed"];
const table = [columns, ...rows.map((r) => keys.map((k) => (typeof r[k] === "boolean" ? (r[k] ? "是" : "否") : r[k])))];
const xlsx = await writeWorkbook([{ name: "企业名单", rows: table, header: true }]);
results.push(time(`readRoster of that roster as .xlsx (${(xlsx.length / 1e6).toFixed(1)} MB)`, 3, () => readRoster(xlsx, { catalog })));

const wasm = new URL("cluster_check_roster_bg.wasm", import.meta.resolve("cluster-check/roster"));
console.log(`| what (Node ${process.version}) | median | best |`);
console.log("|---|---:|---:|");
for (const r of results) console.log(`| ${r.label} | ${r.median.toFixed(0)} ms | ${r.best.toFixed(0)} ms |`);
console.log(`\nHeap after a full collection: ${(heapBefore / 1e6).toFixed(1)} MB before and ${(heapAfter / 1e6).toFixed(1)} MB after 20 more counts (the rows themselves are part of both).`);
console.log(`${reports.length} clusters judged, ${judged} with a verdict of met or not met.`);
console.log(`\n${counted} figures derived; the roster engine: ${statSync(wasm).size.toLocaleString("en")} B, ${gzipSync(readFileSync(wasm), { level: 9 }).length.toLocaleString("en")} B gzipped.`);
