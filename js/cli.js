#!/usr/bin/env node
// `npx cluster-check clusters.xlsx --out results.xlsx`: the batch of the page, for people
// who script it. The same reader, engine and writers; the same messages. Exit status 0
// when the file was read (whatever the verdicts), 1 when it could not be, 2 for a command
// line that makes no sense.

import { realpathSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { fileURLToPath } from "node:url";
import { evaluateMany, version } from "./node.js";
import { readClusters, readRoster, applyRoster, hasRosterSheet, readTable, judge, writeResults, writeTemplate, summarize, summaryTable } from "./sheet/index.js";

const DEFAULT_RULESET = "henan-2014";

/**
 * The catalog of a ruleset (docs/catalog.md), from the package's rulesets/<id>.json; null
 * when the package has none for that id. The only place the command line finds a catalog.
 */
export async function loadCatalog(id) {
  if (!/^[a-z0-9-]+$/.test(id)) return null;
  try {
    return JSON.parse(await readFile(new URL(`./rulesets/${id}.json`, import.meta.url), "utf8"));
  } catch (error) {
    if (error.code === "ENOENT") return null;
    throw error;
  }
}

const HELP = `cluster-check — 集群创建条件自测：批量判定 / many clusters at once

用法 / Usage:
  cluster-check 表格.xlsx [--out 结果.xlsx] [--lang zh|en] [--ruleset ID]
  cluster-check 表格.xlsx --roster 企业名单.xlsx [--out 结果.xlsx]
  cluster-check --roster 企业名单.xlsx [--out 结果.xlsx]
  cluster-check --template 模板.xlsx [--lang zh|en] [--ruleset ID]

  输入 / input           .xlsx、.csv（UTF-8 或 GBK）或 .json（Figures 数组），每行一个集群
                         .xlsx, .csv (UTF-8 or GBK) or .json (an array of Figures), one cluster per row
  --out 文件 / FILE      写出结果：.xlsx（汇总、明细、数据问题、判定依据）、.csv（汇总）或 .json
                         write the results: .xlsx (summary, detail, data problems, what it was judged by),
                         .csv (the summary) or .json ([{ row, report }]); without it, a summary is printed
  --roster 文件 / FILE   企业名单（每行一家企业，.xlsx、.csv 或 .json）：按名单统计龙头企业数、营业收入等，
                         按“所属集群”与集群名称对应，替换表格中的同一数据；表格的“企业名单”工作表也会读取
                         an enterprise roster (one row per enterprise): the figures it gives (leading
                         enterprises, revenue, …) replace the sheet's, matched by 所属集群 to the cluster's
                         name; a workbook's own 企业名单 (roster) sheet is read too
  --template 文件 / FILE 写出填写模板（.xlsx 或 .csv；.xlsx 含企业名单工作表）/ write the template to fill
                         in (.xlsx or .csv; the .xlsx has a roster sheet)
  --lang zh|en           表头和说明的语言（默认中文）/ language of headers and messages (default zh)
  --ruleset ID           判定所依据的规则集（默认 ${DEFAULT_RULESET}）/ the ruleset to judge by (default ${DEFAULT_RULESET})
  --help, -h             显示本说明 / show this help
  --version              显示版本 / show the version

退出码 / Exit status: 0 已读取文件（无论判定结果）/ the file was read, whatever the verdicts;
  1 文件无法读取 / the file could not be read; 2 命令行有误 / the command line is wrong.
`;

const USAGE_ERROR = 2;

function parseArguments(argv) {
  const options = { input: null, out: null, template: null, roster: null, lang: null, ruleset: null, help: false, version: false };
  const valueOf = (flag, i) => {
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`${flag} 需要一个值 / ${flag} needs a value`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const take = () => (inline !== undefined ? inline : valueOf(flag, i++));
    if (flag === "--help" || flag === "-h") options.help = true;
    else if (flag === "--version") options.version = true;
    else if (flag === "--out" || flag === "-o") options.out = take();
    else if (flag === "--template") options.template = take();
    else if (flag === "--roster") options.roster = take();
    else if (flag === "--lang") options.lang = take();
    else if (flag === "--ruleset") options.ruleset = take();
    else if (flag.startsWith("-") && flag !== "-") throw new UsageError(`未知选项 ${flag} / unknown option ${flag}`);
    else if (options.input === null) options.input = arg;
    else throw new UsageError(`只能给一个输入文件 / only one input file, got ${options.input} and ${arg}`);
  }
  if (options.lang !== null && options.lang !== "zh" && options.lang !== "en") throw new UsageError(`--lang 只能是 zh 或 en / --lang is zh or en, got ${options.lang}`);
  return options;
}

class UsageError extends Error {}

/** The format a file name asks for: its extension, if one this command writes. */
function formatOf(file, allowed) {
  const ext = extname(file).slice(1).toLowerCase();
  if (!allowed.includes(ext)) throw new UsageError(`${file}：只能写 ${allowed.map((e) => "." + e).join("、")} / ${file}: write ${allowed.map((e) => "." + e).join(", ")}`);
  return ext;
}

/**
 * Runs the command. `io` holds stdout and stderr (each with write) and, for tests,
 * loadCatalog and now. Returns the exit status.
 */
export async function main(argv, io = {}) {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const load = io.loadCatalog ?? loadCatalog;
  const say = (stream, text) => stream.write(text.endsWith("\n") ? text : text + "\n");
  let options;
  try {
    options = parseArguments(argv);
    if (options.out) formatOf(options.out, ["xlsx", "csv", "json"]);
    if (options.template) formatOf(options.template, ["xlsx", "csv"]);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(stderr, `${error.message}\n\n${HELP}`);
    return USAGE_ERROR;
  }
  if (options.help) return say(stdout, HELP), 0;
  if (options.version) return say(stdout, version()), 0;
  if (!options.input && !options.template && !options.roster) {
    say(stderr, `请给出要读取的表格文件，或 --template / give the spreadsheet to read, or --template\n\n${HELP}`);
    return USAGE_ERROR;
  }
  const lang = options.lang ?? "zh";
  // A refusal shows both languages unless one was asked for, as the page shows its own.
  const message = (text) => (options.lang ? text[options.lang] : `${text.zh}\n${text.en}`);
  const rulesetId = options.ruleset ?? DEFAULT_RULESET;

  const open = async (file) => {
    try {
      return await readFile(file);
    } catch (error) {
      say(stderr, message({ zh: `无法打开文件 ${file}：${error.code ?? error.message}`, en: `Cannot open ${file}: ${error.code ?? error.message}` }));
      return null;
    }
  };
  const bytes = options.input ? await open(options.input) : null;
  if (options.input && !bytes) return 1;
  const rosterBytes = options.roster ? await open(options.roster) : null;
  if (options.roster && !rosterBytes) return 1;
  const catalog = await load(rulesetId);
  if (!catalog) {
    // The file's own problem, if it has one, is the more useful message.
    const table = bytes && readTable(bytes);
    if (table && !table.ok) return say(stderr, message(table.message)), 1;
    say(stderr, message({ zh: `没有规则集 ${rulesetId} 的目录（rulesets/${rulesetId}.json）。`, en: `There is no catalog for the ruleset ${rulesetId} (rulesets/${rulesetId}.json).` }));
    return 1;
  }

  if (options.template) {
    const format = formatOf(options.template, ["xlsx", "csv"]);
    // The roster's worked examples are counted by the roster engine, loaded for them alone.
    const counted = format === "xlsx" && catalog.roster?.examples?.length ? await import("./roster-node.js") : null;
    await writeFile(options.template, await writeTemplate(catalog, { format, lang, evaluateMany, figuresFromRoster: counted?.figuresFromRoster ?? null }));
    say(stderr, lang === "en" ? `Template written: ${options.template}` : `已写出模板：${options.template}`);
    if (!bytes && !rosterBytes) return 0;
  }

  let read = bytes ? readClusters(bytes, { catalog, ruleset: options.ruleset ?? undefined }) : null;
  if (read && !read.ok) return say(stderr, message(read.message)), 1;
  // The roster: the file given, or the workbook's own roster sheet when it has rows.
  let roster = null;
  if (rosterBytes || (read && hasRosterSheet(read))) {
    if (!catalog.roster) {
      say(stderr, message({ zh: `规则集 ${rulesetId} 没有可按企业名单统计的数据。`, en: `The ruleset ${rulesetId} derives no figure from an enterprise roster.` }));
      return 1;
    }
    roster = readRoster(rosterBytes ?? bytes, { catalog });
    if (!roster.ok && !rosterBytes && roster.code === "no_rows") roster = null; // the template's empty roster sheet
    else if (!roster.ok) return say(stderr, message(roster.message)), 1;
  }
  if (roster) {
    const { figuresFromRoster } = await import("./roster-node.js");
    const applied = applyRoster(read, roster, figuresFromRoster, { ruleset: rulesetId });
    read = { ...(read ?? { ok: true, kind: roster.kind, sheet: null, sheets: [], header_row: null, columns: [] }), records: applied.records, problems: [...(read?.problems ?? []), ...applied.problems] };
  }
  const rows = judge(read, evaluateMany);
  for (const problem of read.problems) say(stderr, (problem.sheet ? `${problem.sheet[lang]}：` : "") + problem.message[lang]);

  if (options.out) {
    const format = formatOf(options.out, ["xlsx", "csv", "json"]);
    const data = await writeResults(rows, { catalog, format, lang, read, judgedAt: io.now ?? new Date(), source: [options.input, options.roster].filter(Boolean).map((f) => basename(f)).join(" + "), version: version() });
    await writeFile(options.out, data);
  } else {
    for (const line of summaryTable(rows, catalog, lang)) say(stdout, line.join("\t"));
  }
  const summary = summarize(rows, catalog);
  const most = summary.most_missed;
  const missed = !most ? "—" : lang === "en" ? `${most.clause} ${most.title.en} (${most.count})` : `${most.clause}${most.title.zh}（${most.count}）`;
  say(
    stderr,
    lang === "en"
      ? `${summary.total} clusters: ${summary.met} meet all conditions, ${summary.not_met} not met, ${summary.incomplete} incomplete; missed most: ${missed}.`
      : `共 ${summary.total} 个集群：达到全部条件 ${summary.met} 个，未达到 ${summary.not_met} 个，信息不完整 ${summary.incomplete} 个；未达到最多的条件：${missed}。`,
  );
  if (options.out) say(stderr, lang === "en" ? `Results written: ${options.out}` : `已写出结果：${options.out}`);
  return 0;
}

/** Whether this module is the program being run (npx and npm's bin links are symlinks to it). */
function isMain() {
  try {
    return fileURLToPath(import.meta.url) === realpathSync(process.argv[1] ?? "");
  } catch {
    return false;
  }
}

if (isMain()) {
  process.exitCode = await main(process.argv.slice(2));
}
