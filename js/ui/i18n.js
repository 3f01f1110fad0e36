// Every string the form and the results show, in both languages. Texts about the rules
// themselves (titles, explanations, citations, notes, error messages) are not here: they
// come with each report from the engine, which holds them beside the rules. The texts of
// a page around the element (its title, its language toggle) belong to that page.

export const LANGUAGES = ["zh-CN", "en"];
export const DEFAULT_LANGUAGE = "zh-CN";

const zh = {
  "form.heading": "填写集群数据",
  "form.intro": "按文件三（一）至（六）的顺序填写；结果随输入即时更新。未填写的项目显示为“未填写”，不算不符合。数字可带千位分隔符，也可用全角数字。",
  "form.unitOf": "{label}的单位",

  "group.basic": "集群基本信息",
  "group.management": "建设管理规范",
  "group.agglomeration": "集聚效应明显",
  "group.competitiveness": "产业竞争力强",
  "group.innovation": "创新能力强",
  "group.green": "节能减排达标",
  "group.public_service": "公共服务体系完善",

  "answer.yes": "是",
  "answer.no": "否",
  "answer.unset": "未填",

  "field.name": "集群名称",
  "hint.name": "只用于报告抬头，如：某某县某某特色产业集群。",
  "field.year": "数据年度",
  "hint.year": "所填数据所属的年份，如 2024。",
  "field.defined_area": "是否具有一定的地理范围，关联企业在其中大量集聚？",
  "hint.defined_area": "集群在一定空间范围内，形成关联企业大量集聚。",
  "field.coordination_body": "是否有健全的组织协调机构？",
  "field.development_plan": "是否有产业发展规划？",
  "field.policy_support": "是否有政策扶持措施？",
  "field.leading_enterprises": "龙头企业数",
  "hint.leading_enterprises": "主营业务收入超过5000万元的企业数；恰好5000万元的不计入。",
  "field.related_smes": "相关联的中小企业数",
  "hint.related_smes": "与集群产业有协作配套关系的中小企业。",
  "field.land_area": "工业用地面积",
  "hint.land_area": "集群工业用地的总面积；1公顷 = 15亩。",
  "field.building_footprint": "建筑物基底面积之和",
  "hint.building_footprint": "上述用地上各建筑物基底面积的合计（不是建筑面积，不含构筑物和堆场）。",
  "field.fixed_investment": "固定资产投资",
  "hint.fixed_investment": "上述用地上的固定资产投资总额。",
  "field.revenue": "年营业收入",
  "hint.revenue": "集群内全部企业的年营业收入合计。",
  "field.leading_industry_revenue": "主导产业营业收入",
  "hint.leading_industry_revenue": "其中属于主导产业的营业收入。",
  "field.rd_expense": "研发投入",
  "hint.rd_expense": "集群内企业同一年度的研发投入合计。",
  "field.audit_required": "应实施强制清洁生产审核的规模以上企业数",
  "hint.audit_required": "依法须实施强制性清洁生产审核的规模以上企业；没有则填 0。",
  "field.audit_completed": "其中已实施审核的企业数",
  "hint.audit_completed": "上述企业中已实施强制清洁生产审核的家数。",
  "field.service_functions": "集群已具备的公共服务功能",
  "hint.service_functions": "勾选已具备的功能；文件要求初步具备以下八项。",
  "field.service_functions.none": "以上功能均不具备",
  "field.provincial_platform": "是否拥有省级以上中小企业公共服务平台？",
  "hint.provincial_platform": "省级以上包括国家级。",
  "field.startup_base": "是否拥有小企业创业基地？",

  "service.rd_design": "研发设计",
  "service.testing": "检验检测",
  "service.training": "业务培训",
  "service.consulting": "信息咨询",
  "service.ip": "知识产权保护",
  "service.financing": "融资担保",
  "service.exhibition": "产品展销",
  "service.logistics": "物流服务",

  "unit.wan": "万元",
  "unit.yi": "亿元",
  "unit.ha": "公顷",
  "unit.mu": "亩",
  "unit.jia": "家",
  "unit.year": "年",
  "unit.percent": "%",
  "unit.wan_per_ha": "万元/公顷",
  "unit.xiang": "项",

  "results.heading": "自测结果",
  "results.loading": "正在加载计算引擎…",
  "results.failed": "计算引擎未能加载，请刷新页面重试。",
  "results.jump": "查看结果",
  "verdict.met": "符合创建条件",
  "verdict.not_met": "不符合创建条件",
  "verdict.incomplete": "信息不完整",
  "summary.total": "共 {total} 项检查",
  "summary.met": "{n} 项符合",
  "summary.not_met": "{n} 项不符合",
  "summary.missing": "{n} 项未填写",
  "summary.invalid": "{n} 项数据有误",
  "summary.sep": "：",
  "summary.join": "，",
  "summary.end": "。",
  "tier.label": "营业收入档次（二（二））：",
  "tier.over_100yi": "超100亿元",
  "tier.over_50yi": "超50亿元",
  "tier.over_20yi": "超20亿元",
  "tier.none": "未超过20亿元（不在文件所列档次内）",
  "tier.unknown": "需先填写有效的年营业收入",
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
  "error.converted": "（按亿元换算为 {value} 万元后检查。）",
  "warning.prefix": "请核对（不影响计算）：",

  "print.title": "产业集群创建条件自测报告",
  "print.date": "生成日期：{date}",
  "print.document": "依据：豫工信企业〔2014〕196号",
  "print.disclaimer": "本报告是依据所填数据的自测结果，不是主管部门的认定。",
  "print.figures": "所填数据",
  "print.notGiven": "—",
  "print.field": "项目",
  "print.entered": "所填内容",
};

const en = {
  "form.heading": "The cluster's figures",
  "form.intro": "In the order of the document, 3(1) to 3(6); results update as you type. A figure left empty shows as “not given”, never as not met. Money in wan yuan (10,000 yuan) or yi yuan (100 million yuan); land in hectares or mu (15 mu = 1 ha). Thousands separators are fine.",
  "form.unitOf": "Unit of {label}",

  "group.basic": "About the cluster",
  "group.management": "Well-regulated construction and management",
  "group.agglomeration": "Clear agglomeration effect",
  "group.competitiveness": "Strong industrial competitiveness",
  "group.innovation": "Strong innovation capacity",
  "group.green": "Energy saving and emission reduction up to standard",
  "group.public_service": "A complete public service system",

  "answer.yes": "Yes",
  "answer.no": "No",
  "answer.unset": "Not answered",

  "field.name": "Cluster name",
  "hint.name": "Only for the report heading.",
  "field.year": "Year of the figures",
  "hint.year": "The year the figures are for, e.g. 2024.",
  "field.defined_area": "Does the cluster have a defined geographic area with related enterprises concentrated in it?",
  "hint.defined_area": "Related enterprises gathered in large numbers within a certain area.",
  "field.coordination_body": "Is there a proper coordination body?",
  "field.development_plan": "Is there an industry development plan?",
  "field.policy_support": "Are there policy support measures?",
  "field.leading_enterprises": "Leading enterprises",
  "hint.leading_enterprises": "Enterprises with main business revenue over 50 million yuan (5,000 wan); exactly 5,000 wan does not count.",
  "field.related_smes": "Related small and medium enterprises",
  "hint.related_smes": "SMEs that supply or cooperate with the cluster's industry.",
  "field.land_area": "Industrial land area",
  "hint.land_area": "Total industrial land of the cluster; 1 hectare = 15 mu.",
  "field.building_footprint": "Total building footprint",
  "hint.building_footprint": "Sum of the footprints of the buildings on that land (not floor area; structures and yards excluded).",
  "field.fixed_investment": "Fixed-asset investment",
  "hint.fixed_investment": "Total fixed-asset investment on that land.",
  "field.revenue": "Annual operating revenue",
  "hint.revenue": "All enterprises of the cluster together, for one year.",
  "field.leading_industry_revenue": "Leading-industry revenue",
  "hint.leading_industry_revenue": "The part of that revenue earned by the leading industry.",
  "field.rd_expense": "R&D spending",
  "hint.rd_expense": "Total R&D spending of the cluster's enterprises in the same year.",
  "field.audit_required": "Above-scale enterprises subject to a mandatory cleaner-production audit",
  "hint.audit_required": "Enterprises legally required to carry out the audit; enter 0 if none.",
  "field.audit_completed": "Of those, enterprises that carried it out",
  "hint.audit_completed": "How many of them have carried out their audit.",
  "field.service_functions": "Public service functions in place",
  "hint.service_functions": "Tick the functions in place; the document asks for all eight.",
  "field.service_functions.none": "None of these",
  "field.provincial_platform": "Is there a provincial-or-higher SME public service platform?",
  "hint.provincial_platform": "National level counts too.",
  "field.startup_base": "Is there a small-enterprise startup base?",

  "service.rd_design": "R&D and design",
  "service.testing": "Testing and inspection",
  "service.training": "Business training",
  "service.consulting": "Information and consulting",
  "service.ip": "Intellectual property protection",
  "service.financing": "Financing guarantees",
  "service.exhibition": "Product exhibition and sales",
  "service.logistics": "Logistics services",

  "unit.wan": "wan yuan",
  "unit.yi": "yi yuan",
  "unit.ha": "ha",
  "unit.mu": "mu",
  "unit.jia": "",
  "unit.year": "",
  "unit.percent": "%",
  "unit.wan_per_ha": "wan yuan/ha",
  "unit.xiang": "",

  "results.heading": "Result",
  "results.loading": "Loading the calculation engine…",
  "results.failed": "The calculation engine could not be loaded. Please reload the page.",
  "results.jump": "See the result",
  "verdict.met": "Meets the conditions",
  "verdict.not_met": "Does not meet the conditions",
  "verdict.incomplete": "Incomplete",
  "summary.total": "{total} checks",
  "summary.met": "{n} met",
  "summary.not_met": "{n} not met",
  "summary.missing": "{n} not given",
  "summary.invalid": "{n} with invalid figures",
  "summary.sep": ": ",
  "summary.join": ", ",
  "summary.end": ".",
  "tier.label": "Revenue tier (2(2)):",
  "tier.over_100yi": "Over 10 billion yuan (100 yi)",
  "tier.over_50yi": "Over 5 billion yuan (50 yi)",
  "tier.over_20yi": "Over 2 billion yuan (20 yi)",
  "tier.none": "Not over 2 billion yuan (below the document's tiers)",
  "tier.unknown": "Needs a valid annual revenue",
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
  "error.converted": " (Checked after converting from yi yuan to {value} wan yuan.)",
  "warning.prefix": "Please check (the figure is still used): ",

  "print.title": "Cluster creation conditions: self-assessment report",
  "print.date": "Date: {date}",
  "print.document": "Document: 豫工信企业〔2014〕196号",
  "print.disclaimer": "This report is a self-assessment from the figures entered, not an official decision.",
  "print.figures": "Figures entered",
  "print.notGiven": "—",
  "print.field": "Item",
  "print.entered": "Entered",
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

/** The catalogue key of a unit as the engine writes it in reports. */
export const REPORT_UNITS = {
  "万元": "unit.wan",
  "亿元": "unit.yi",
  "公顷": "unit.ha",
  "亩": "unit.mu",
  "家": "unit.jia",
  "项": "unit.xiang",
  "%": "unit.percent",
  "万元/公顷": "unit.wan_per_ha",
};

/** A report unit in `lang`; a unit this page does not know is shown as the engine wrote it. */
export function unitText(lang, unit) {
  if (!unit) return "";
  const key = REPORT_UNITS[unit];
  return key ? t(lang, key) : unit;
}

const CHINESE_NUMERALS = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/**
 * A clause as the reader of `lang` numbers it: "三（二）" stays so in Chinese and reads
 * "3(2)" in English (the Chinese stays beside it, being how the document is cited).
 */
export function clauseText(lang, clause) {
  if (normalizeLanguage(lang) !== "en") return clause;
  const numbers = [...clause].map((c) => CHINESE_NUMERALS[c]).filter(Boolean);
  return numbers.length === 2 ? `${numbers[0]}(${numbers[1]})` : clause;
}
