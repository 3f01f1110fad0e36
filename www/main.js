// The page around the <cluster-check> element: the header, the language toggle (remembered
// in localStorage), <html lang> and the engine's version in the footer. The form and the
// results are the element's, from the npm package beside the page (./pkg/, see
// scripts/build-www.mjs): the same element any other site embeds.
import { DEFAULT_LANGUAGE, LANGUAGES, pageText } from "./page-text.js";

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

const toggle = document.getElementById("lang-toggle");
const app = document.getElementById("app");

function renderPage() {
  document.documentElement.lang = lang;
  document.title = pageText(lang, "page.title");
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = pageText(lang, el.dataset.i18n);
  toggle.textContent = pageText(lang, "page.toggle");
  toggle.lang = pageText(lang, "page.toggleLang");
  document.getElementById("engine-version").textContent = version ? pageText(lang, "page.version", { version }) : "";
  app.lang = lang;
}

// The language is set before the element is defined, so that it renders once, in it.
renderPage();
import("./pkg/element.js").catch((error) => console.error(error));

toggle.addEventListener("click", () => {
  lang = pageText(lang, "page.toggleLang");
  storeLanguage(lang);
  renderPage();
});

// The element loads the engine when it connects; this import shares that module.
import("./pkg/index.js").then(
  (engine) => {
    version = engine.version();
    renderPage();
  },
  () => {},
);
