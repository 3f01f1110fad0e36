// The product's own words, in both languages: headings, buttons, statuses, the verdict's
// summary. Nothing here belongs to a document: field names and questions, groups, units,
// tiers, titles, explanations, citations and notes come from the ruleset's catalog (and
// the report), so that a second ruleset brings its own. The texts of a page around the
// element (its title, its language toggle) belong to that page.

export const LANGUAGES = ["zh-CN", "en"];
export const DEFAULT_LANGUAGE = "zh-CN";

const zh = {
  "form.heading": "填写集群数据",
  "form.intro": "按文件的顺序填写；结果随输入即时更新。未填写的项目显示为“未填写”，不算不符合。数字可带千位分隔符，也可用全角数字。",
  "form.loading": "正在加载文件的条件…",
  "form.failed": "未能加载文件的条件，请刷新页面重试。",
  "form.none": "以上均不具备",
  "form.yearOf": "{year}年",
  "form.unitOf": "{label}的单位",
  "form.undo": "撤销",
  "form.noneCleared": "已取消勾选的 {n} 项：{values}。",
  "form.readUnit": "已按所写的单位读取：{read}。",
  "form.readYear": "已读作 {year} 年（{typed}）。",
  "form.convertedUnit": "其他年度按所选单位填写，已把 {typed} 换算为 {read}。",
  "input.currency": "请去掉“{sign}”，只填数字：{fixed}",
  "input.spaces": "数字中间不能有空格：请写成 {plain} 或 {grouped}",
  "input.unitChoice": "“{unit}”不是这一项的单位：请只填数字，在右边选择单位（{units}）",
  "input.unitOnly": "“{unit}”不是这一项的单位：这一项按{units}填写，请只填数字",
  "input.unitNone": "请去掉“{unit}”，只填数字",
  "input.count": "“{typed}”不是整数，请填写整数，如 12",
  "input.or": "或",
  "field.ofYear": "{year}年{label}",

  "group.basic": "集群基本信息",

  "answer.yes": "是",
  "answer.no": "否",
  "answer.unset": "未填",




  "results.heading": "自测结果",
  "results.loading": "正在加载计算引擎…",
  "results.failed": "计算引擎未能加载，请刷新页面重试。",
  "results.jump": "查看结果",
  "results.failingOnly": "只看不符合的项目",
  "results.hidden": "已隐藏 {n} 项符合的检查。",
  "results.allHidden": "全部 {n} 项检查都符合，均已隐藏。",
  "todo.notMet": "不符合的项目（{n} 项）",
  "todo.missing": "尚未填写（{n} 项）",
  "todo.gap": "还差 {amount}",
  "todo.gapIn": "{field}还需增加 {amount}",
  "todo.lacks": "缺{values}",
  "plan.heading": "达标方案",
  "plan.intro": "同时满足各项数值门槛，可增加：",
  "plan.applied": "试算按方案增加了：",
  "plan.sep": "；",
  "plan.remaining": "按此方案仍未满足：{checks}",
  "plan.try": "试算",
  "plan.restore": "恢复我的数据",
  "plan.trying": "试算中：表单里是按方案增加后的数据，结果按这些数据计算。您填写的数据已保留（草稿、链接和导出仍是您的数据），点“恢复我的数据”即可原样找回。",
  "summary.warned": "（其中 {n} 项请核对数据）",
  "status.metWarning": "符合，请核对",
  "field.notMet": "不符合：{checks}",
  "check.warned": "这一项用到的数据有提示（见该项旁），请核对后再确认结果。",
  "check.citationEn": "（英文译文：{text}）",
  "errors.summary": "有 {n} 项数据需要更正",
  "errors.summaryOne": "有 1 项数据需要更正",
  "print.checks": "各项检查",
  "print.clause": "条款",
  "print.check": "检查",
  "print.result": "结果",
  "summary.total": "共 {total} 项检查",
  "summary.met": "{n} 项符合",
  "summary.not_met": "{n} 项不符合",
  "summary.missing": "{n} 项未填写",
  "summary.invalid": "{n} 项数据有误",
  "summary.sep": "：",
  "summary.join": "，",
  "summary.end": "。",
  "status.met": "符合",
  "status.not_met": "不符合",
  "status.missing": "未填写",
  "status.invalid": "数据有误",
  "check.value": "实际",
  "check.threshold": "标准",
  "check.citation": "文件原文：",
  "errors.heading": "数据问题",
  "warnings.heading": "提示",
  "notes.heading": "说明：本工具不能判断的事项和所作的解释",
  "error.prefix": "数据有误：",
  "error.converted": "（按{unit}换算为 {value} {base}后检查。）",
  "warning.prefix": "请核对（不影响计算）：",

  "print.date": "生成日期：{date}",
  "print.document": "依据：{document}",
  "print.figures": "所填数据",
  "print.notGiven": "—",
};

const en = {
  "form.heading": "The cluster's figures",
  "form.intro": "In the order of the document; results update as you type. A figure left empty shows as “not given”, never as not met. Each figure is in the unit beside it (wan yuan = 10,000 yuan; yi yuan = 100 million yuan). Thousands separators are fine.",
  "form.loading": "Loading the document's conditions…",
  "form.failed": "The document's conditions could not be loaded. Please reload the page.",
  "form.none": "None of these",
  "form.yearOf": "{year}",
  "form.unitOf": "Unit of {label}",
  "form.undo": "Undo",
  "form.noneCleared": "Unticked {n}: {values}.",
  "form.readUnit": "Read with the unit written: {read}.",
  "form.readYear": "Read as {year} ({typed}).",
  "form.convertedUnit": "The other years are in the unit chosen: {typed} is converted to {read}.",
  "input.currency": "remove “{sign}” and type the number alone: {fixed}",
  "input.spaces": "no spaces inside a number: type {plain} or {grouped}",
  "input.unitChoice": "“{unit}” is not a unit of this figure: type the number alone and choose the unit beside it ({units})",
  "input.unitOnly": "“{unit}” is not the unit of this figure: it is in {units}; type the number alone",
  "input.unitNone": "remove “{unit}” and type the number alone",
  "input.count": "“{typed}” is not a number: type a whole number, e.g. 12",
  "input.or": " or ",
  "field.ofYear": "{label} ({year})",

  "group.basic": "About the cluster",

  "answer.yes": "Yes",
  "answer.no": "No",
  "answer.unset": "Not answered",




  "results.heading": "Result",
  "results.loading": "Loading the calculation engine…",
  "results.failed": "The calculation engine could not be loaded. Please reload the page.",
  "results.jump": "See the result",
  "results.failingOnly": "Show only checks not met",
  "results.hidden": "{n} met checks are hidden.",
  "results.allHidden": "All {n} checks are met, and hidden.",
  "todo.notMet": "Not met ({n})",
  "todo.missing": "Not given yet ({n})",
  "todo.gap": "{amount} more",
  "todo.gapIn": "{amount} more in “{field}”",
  "todo.lacks": "missing {values}",
  "plan.heading": "A plan to meet the thresholds",
  "plan.intro": "To meet every numeric threshold at once, add:",
  "plan.applied": "The what-if added:",
  "plan.sep": "; ",
  "plan.remaining": "Still not met with it: {checks}",
  "plan.try": "Try it",
  "plan.restore": "Restore my figures",
  "plan.trying": "What-if: the form shows the figures with the plan's additions, and the results are for them. Your own figures are kept (the draft, links and exports still hold yours); “Restore my figures” brings them back exactly.",
  "summary.warned": " (check the figures of {n})",
  "status.metWarning": "Met — check",
  "field.notMet": "Not met: {checks}",
  "check.warned": "A figure this check uses carries a warning (beside its field): check it before relying on this result.",
  "check.citationEn": " (in English: {text})",
  "errors.summary": "{n} figures need correcting",
  "errors.summaryOne": "1 figure needs correcting",
  "print.checks": "Every check",
  "print.clause": "Clause",
  "print.check": "Check",
  "print.result": "Result",
  "summary.total": "{total} checks",
  "summary.met": "{n} met",
  "summary.not_met": "{n} not met",
  "summary.missing": "{n} not given",
  "summary.invalid": "{n} with invalid figures",
  "summary.sep": ": ",
  "summary.join": ", ",
  "summary.end": ".",
  "status.met": "Met",
  "status.not_met": "Not met",
  "status.missing": "Not given",
  "status.invalid": "Invalid figure",
  "check.value": "Value",
  "check.threshold": "Required",
  "check.citation": "Document text:",
  "errors.heading": "Problems with the figures",
  "warnings.heading": "Warnings",
  "notes.heading": "Notes: what the tool cannot judge, and how it reads the text",
  "error.prefix": "Invalid: ",
  "error.converted": " (Checked after converting from {unit} to {value} {base}.)",
  "warning.prefix": "Please check (the figure is still used): ",

  "print.date": "Date: {date}",
  "print.document": "Document: {document}",
  "print.figures": "Figures entered",
  "print.notGiven": "—",
};

/** Both languages, for the tests that check they have the same keys. */
export const CATALOGUE = { "zh-CN": zh, en };

/** The supported language closest to `lang` ("en-GB" → "en"), or the default. */
export function normalizeLanguage(lang) {
  if (typeof lang !== "string") return DEFAULT_LANGUAGE;
  if (LANGUAGES.includes(lang)) return lang;
  return lang.toLowerCase().startsWith("en") ? "en" : DEFAULT_LANGUAGE;
}

/**
 * The text of `key` in `lang`, with {name} placeholders filled from `vars`. A missing key
 * is a bug: it shows as the key itself, which the tests would catch.
 */
export function t(lang, key, vars = {}) {
  const text = CATALOGUE[normalizeLanguage(lang)][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

/** Picks the text in `lang` from a report's `{ zh, en }`. */
export function pick(localized, lang) {
  if (!localized) return "";
  return normalizeLanguage(lang) === "en" ? localized.en : localized.zh;
}

const CHINESE_NUMERALS = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/**
 * A clause as the reader of `lang` numbers it: "三（二）" stays so in Chinese and reads
 * "3(2)" in English, "二" reads "2"; a clause that is not numbered so stays as written.
 */
export function clauseText(lang, clause) {
  if (normalizeLanguage(lang) !== "en" || !clause) return clause ?? "";
  const match = /^([一二三四五六七八九十])(?:（([一二三四五六七八九十])）)?$/.exec(clause);
  if (!match) return clause;
  return match[2] ? `${CHINESE_NUMERALS[match[1]]}(${CHINESE_NUMERALS[match[2]]})` : String(CHINESE_NUMERALS[match[1]]);
}
