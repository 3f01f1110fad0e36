// The template officials fill in: the header row in the document's order, with units; a
// sheet that explains every column; two worked examples judged by the engine itself. Built
// from the catalog alone, so a second ruleset gets its template without new code.

import { fractionText, parseDecimal, parseFactor } from "./decimal.js";
import { WORDS } from "./texts.js";
import { columnLetter } from "./table.js";

const pick = (text, lang) => (text ? (lang === "en" ? text.en : text.zh) : "");
const bracket = (text, lang) => (lang === "en" ? ` (${text})` : `（${text}）`);

/** The year a template's per-year columns end with, and its examples are for: last year. */
const lastYear = () => new Date().getFullYear() - 1;

/**
 * The template's columns: [{ header, key, field, kind, unit, member, year }] in the
 * document's order. A money or area column is in its first unit (the document's own); the
 * explanation sheet says which other units a header may name.
 */
export function templateColumns(catalog, { lang = "zh", year = lastYear() } = {}) {
  const columns = [];
  for (const meta of catalog.meta ?? []) columns.push({ header: pick(meta.label, lang), key: meta.key, field: meta, kind: meta.kind });
  for (const field of catalog.fields) {
    const unit = field.units.find((u) => u.keyed) ?? field.units[0] ?? null;
    const keyed = field.units.filter((u) => u.keyed);
    const key = keyed.length ? field.keys[keyed.indexOf(unit)] : field.keys[0];
    if (field.kind === "set") {
      for (const value of field.values) columns.push({ header: pick(value.label, lang), key: field.keys[0], field, kind: "member", member: value.id });
      continue;
    }
    const years = field.years ? Array.from({ length: field.years }, (_, i) => year - field.years + 1 + i) : [null];
    for (const y of years) {
      const parts = [y === null ? null : lang === "en" ? String(y) : `${y}年`, unit ? pick(unit.label, lang) : null].filter(Boolean);
      const header = pick(field.label, lang) + (parts.length ? bracket(parts.join(lang === "en" ? ", " : "，"), lang) : "");
      columns.push({ header, key: y === null ? key : key.replace("{year}", String(y)), field, kind: field.kind, unit, year: y });
    }
  }
  return columns;
}

export const ACCEPTED = {
  bool: { zh: "是 或 否（也可填 有/无、√/×、Y/N、yes/no、true/false、1/0）；不知道就留空", en: "yes or no (also 是/否, 有/无, √/×, Y/N, true/false, 1/0); leave blank if not known" },
  member: { zh: "是 或 否：是否具备此项（也可只在具备的项打 √，其余留空）", en: "yes or no: whether it is in place (or tick √ for those in place and leave the others blank)" },
  count: { zh: "不小于 0 的整数", en: "a whole number, 0 or more" },
  decimal: { zh: "数字，可带小数点和千位分隔符（如 300,000.5）；不要写单位", en: "a number, with an optional decimal point and thousands separators (300,000.5); no unit in the cell" },
  text: { zh: "文字", en: "text" },
  year: { zh: "四位年份，如 2024", en: "a four-digit year, e.g. 2024" },
};

export function unitNote(field, unit, lang) {
  if (!unit) return "";
  const others = field.units.filter((u) => u !== unit && (u.keyed || u.factor !== "1"));
  const base = pick(unit.label, lang);
  const alternatives = others.map((u) => {
    const factor = parseFactor(u.factor);
    const to = parseFactor(unit.factor);
    const ratio = fractionText({ n: factor.n * to.d, d: factor.d * to.n }) ?? `${u.factor}`;
    const howMuch = ratio === null ? "" : `1 ${pick(u.label, lang)} = ${ratio} ${base}`;
    return lang === "en"
      ? `or write (${pick(u.label, lang)}) in the header: ${howMuch}${u.keyed ? "" : ", converted exactly"}`
      : `表头也可写（${pick(u.label, lang)}）：${howMuch}${u.keyed ? "" : "，按此精确换算"}`;
  });
  return [base, ...alternatives].join(lang === "en" ? "; " : "；");
}

function clauses(field, catalog, lang) {
  const out = [];
  for (const condition of catalog.conditions) {
    for (const check of condition.checks) {
      if (!check.fields.includes(field.key)) continue;
      out.push(lang === "en" ? `${condition.clause} ${check.title.en}: ${check.citation_en || check.citation}` : `${condition.clause}${check.title.zh}：${check.citation}`);
    }
  }
  return out.join(lang === "en" ? "; " : "；");
}

/** The explanation sheet: one row per column. */
export function explanationTable(catalog, columns, lang) {
  const en = lang === "en";
  const header = en ? ["Column", "Key", "Meaning", "Unit", "Accepted values", "Clause it feeds"] : ["列标题", "字段键", "含义", "单位", "可填写的内容", "对应条款"];
  const rows = columns.map((column) => {
    const field = column.field;
    const meaning = column.kind === "member" ? `${pick(field.question, lang)} — ${pick(field.values.find((v) => v.id === column.member).label, lang)}` : pick(field.question, lang) + (field.hint ? ` ${pick(field.hint, lang)}` : "");
    const key = column.kind === "member" ? `${column.key}: ${column.member}` : column.key;
    const accepted = ACCEPTED[column.kind] ?? ACCEPTED.text;
    return [column.header, key, meaning, column.unit ? unitNote(field, column.unit, lang) : "", pick(accepted, lang), field.checks ? clauses(field, catalog, lang) : ""];
  });
  const notes = en
    ? [
        "One row per cluster, below the header row. Headers may be the labels above (Chinese or English) or the keys; spaces, brackets and case do not matter.",
        "A column of public service functions may also be a single column listing them, separated by 、 ， , ; or spaces.",
        "A formula is read by the value it last calculated: recalculate and save before choosing the file.",
        `Figures are judged by ${catalog.document}, exactly: "at least" (以上, 不少于) includes the amount itself, "over" (超) does not.`,
      ]
    : [
        "表头下每行填写一个集群。表头可用上面的中文或英文名称，也可用字段键；空格、括号全角半角、大小写都不影响识别。",
        "公共服务功能也可只用一列，列出具备的功能，用 、 ， , ; 或空格分隔。",
        "公式按其最近一次计算的结果读取：选择文件前请在表格软件中重新计算并保存。",
        `按 ${catalog.document} 精确判定：“以上”“不少于”包括本数，“超”不包括本数。`,
      ];
  return [header, ...rows, [], ...notes.map((note) => [note])];
}

/** a + b for decimal text. */
function add(a, b) {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  return fractionText({ n: x.n * y.d + y.n * x.d, d: x.d * y.d });
}

/** Decimal text rounded up to a whole number. */
function ceilText(text) {
  const { n, d } = parseDecimal(text);
  const whole = n / d + (n % d > 0n ? 1n : 0n);
  return whole.toString();
}

const allMet = (report) => report.status === "met";

/**
 * Two examples found by the engine itself, so that they hold for any ruleset: the first
 * starts from yes, every value and ones, and takes each gap the engine names until every
 * check is met, then is rounded up to whole numbers if that still meets every check; the
 * second falls short of a few checks and leaves one figure blank.
 */
export function exampleFigures(catalog, columns, evaluateMany, { lang = "zh", year = lastYear() } = {}) {
  let first = {};
  for (const column of columns) {
    if (column.kind === "bool") first[column.key] = true;
    else if (column.kind === "member") first[column.key] = column.field.values.map((v) => v.id);
    else if (column.kind === "count" || column.kind === "decimal") first[column.key] = "1";
  }
  const partners = (stem) => catalog.conditions.flatMap((c) => c.checks).filter((c) => c.fields.includes(stem)).flatMap((c) => c.fields).filter((f) => f !== stem);
  const added = {};
  for (let round = 0; round < 12; round++) {
    const [report] = evaluateMany([first]);
    let changed = false;
    for (const check of report.conditions.flatMap((c) => c.checks)) {
      if (check.status === "not_met" && check.gap && check.gap_field && first[check.gap_field] !== undefined) {
        first[check.gap_field] = add(first[check.gap_field], check.gap);
        added[check.gap_field] = check.gap;
        changed = true;
      }
    }
    // A part that grew past its whole (leading-industry revenue over revenue): the gap of a
    // share is "more of the part, which raises the whole by as much" (interface.md), so the
    // whole takes the same amount.
    for (const error of report.errors) {
      const column = error.code === "inconsistent" && columns.find((c) => c.key === error.field);
      if (!column) continue;
      const position = column.field.keys.indexOf(column.key);
      for (const stem of partners(column.field.key)) {
        const partner = columns.find((c) => c.field.key === stem && (c.field.keys.indexOf(c.key) === position || c.field.keys.length === 1));
        if (partner && first[partner.key] !== undefined) {
          first[partner.key] = added[error.field] ? add(first[partner.key], added[error.field]) : first[error.field];
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  const rounded = Object.fromEntries(Object.entries(first).map(([key, value]) => [key, typeof value === "string" ? ceilText(value) : value]));
  if (allMet(evaluateMany([rounded])[0])) first = rounded;
  const second = structuredClone(first);
  const bool = columns.find((c) => c.kind === "bool");
  if (bool) second[bool.key] = false;
  const set = columns.find((c) => c.kind === "member");
  if (set) second[set.key] = second[set.key].slice(0, -1);
  const count = columns.find((c) => c.kind === "count" && second[c.key] !== "0");
  if (count) second[count.key] = add(second[count.key], "-1");
  const lastDecimal = columns.filter((c) => c.kind === "decimal").at(-1);
  if (lastDecimal) delete second[lastDecimal.key];
  const en = lang === "en";
  first.name = en ? "Example 1: meets every condition" : "示例一：达到全部条件";
  second.name = en ? "Example 2: falls short, one figure blank" : "示例二：有几项未达到，一项未填";
  first.year = second.year = year;
  return [first, second];
}

/** A Figures value as the cell a person would type: 是/否, numbers as decimal text. */
function cellValue(column, figures, lang) {
  const value = figures[column.key];
  if (value === undefined) return null;
  if (column.kind === "member") return pick(value.includes(column.member) ? WORDS.yes : WORDS.no, lang);
  if (typeof value === "boolean") return pick(value ? WORDS.yes : WORDS.no, lang);
  return value;
}

/** The examples sheet: the header, the two rows, and how the engine judged each. */
export function examplesTable(catalog, columns, evaluateMany, options) {
  const lang = options.lang ?? "zh";
  const examples = exampleFigures(catalog, columns, evaluateMany, options);
  const reports = evaluateMany(examples);
  const rows = [columns.map((c) => c.header), ...examples.map((figures) => columns.map((c) => cellValue(c, figures, lang))), []];
  reports.forEach((report, i) => {
    rows.push([`${examples[i].name} → ${pick(WORDS.verdict[report.status], lang)}`]);
    for (const condition of report.conditions) {
      for (const check of condition.checks) {
        if (check.status !== "met") rows.push([`  ${condition.clause} ${pick(check.title, lang)}`, pick(WORDS.status[check.status], lang), pick(check.explanation, lang)]);
      }
    }
  });
  return { rows, examples };
}

/** The yes/no drop-downs of the first sheet: one list per yes/no column, for `rows` rows below the header. */
export function yesNoValidations(columns, lang, rows = 1000) {
  const list = [pick(WORDS.yes, lang), pick(WORDS.no, lang)];
  const error = lang === "en"
    ? { title: "yes or no", text: "Choose yes or no (是/否, 有/无, √/×, Y/N, 1/0 are also read)." }
    : { title: "是或否", text: "请选择 是 或 否（也可填 有/无、√/×、Y/N、1/0）。" };
  return columns.flatMap((column, i) =>
    column.kind === "bool" || column.kind === "member"
      ? [{ sqref: `${columnLetter(i)}2:${columnLetter(i)}${rows + 1}`, list, prompt: { title: column.header.slice(0, 32), text: pick(column.field.question, lang) }, error }]
      : [],
  );
}
