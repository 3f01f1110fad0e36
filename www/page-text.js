// The texts of the page around the <cluster-check> element: its title, the document it is
// based on, the privacy line, the language toggle and the footer. The element has its own
// texts (in the package); these are only the page's.

export const LANGUAGES = ["zh-CN", "en"];
export const DEFAULT_LANGUAGE = "zh-CN";

const TEXT = {
  "zh-CN": {
    "page.title": "中小企业特色产业集群创建条件自测",
    "page.document": "依据《河南省工业和信息化厅关于创建中小企业特色产业集群的指导意见》（豫工信企业〔2014〕196号）三、创建产业集群具备的条件。",
    "page.privacy": "所有计算都在您的浏览器中完成，所填数据不会发送到任何地方。",
    "page.toggle": "English",
    "page.toggleLang": "en",
    "page.footer": "自测结果仅供参考，不是主管部门的认定。",
    "page.version": "计算引擎 {version}",
  },
  en: {
    "page.title": "SME industrial cluster: creation conditions self-assessment",
    "page.document": "Based on section 三 (the creation conditions) of the Henan Department of Industry and Information Technology guidance on creating SME characteristic industrial clusters, 豫工信企业〔2014〕196号.",
    "page.privacy": "Everything is calculated in your browser; the figures you enter are not sent anywhere.",
    "page.toggle": "中文",
    "page.toggleLang": "zh-CN",
    "page.footer": "A self-assessment for reference only, not an official decision.",
    "page.version": "Engine {version}",
  },
};

/** The page's text of `key` in `lang` ("zh-CN" or "en"), with {name} filled from `vars`. */
export function pageText(lang, key, vars = {}) {
  const text = (TEXT[lang] ?? TEXT[DEFAULT_LANGUAGE])[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}
