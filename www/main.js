// The page around the self-assessment UI: the header, the language toggle (remembered in
// localStorage) and <html lang>. The UI itself is in cluster-check-ui.js and knows none of this.
import { mountClusterCheck } from "./cluster-check-ui.js";
import { DEFAULT_LANGUAGE, LANGUAGES, normalizeLanguage, t } from "./i18n.js";

const STORAGE_KEY = "cluster-check.lang";

function storedLanguage() {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.includes(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE; // storage may be disabled; the default is fine
  }
}

function storeLanguage(lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered: nothing else to do
  }
}

let lang = storedLanguage();
let version = "";
// Loaded in parallel with the form's first render; the form shows "loading" until then.
const engine = import("./pkg/index.js");

const toggle = document.getElementById("lang-toggle");

function renderPage() {
  document.documentElement.lang = lang;
  document.title = t(lang, "page.title");
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(lang, el.dataset.i18n);
  toggle.textContent = t(lang, "page.toggle");
  toggle.lang = t(lang, "page.toggleLang");
  document.getElementById("engine-version").textContent = version ? t(lang, "page.version", { version }) : "";
}

renderPage();
const ui = mountClusterCheck(document.getElementById("app"), { lang, engine });

toggle.addEventListener("click", () => {
  lang = normalizeLanguage(t(lang, "page.toggleLang"));
  storeLanguage(lang);
  renderPage();
  ui.setLang(lang);
});

engine.then((module) => {
  version = module.version();
  renderPage();
}, () => {});
