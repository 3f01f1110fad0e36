// Shared by the tests of the page (page, keep-share, re-review, single-file): the
// page served from dist/www, Chromium, and the form filled and read as a user would. The
// form lives in a <cluster-check> element's open shadow root: Playwright's CSS selectors
// pierce it, so "#review-year-1 #cc-f-revenue" is the revenue input of the second year.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startServer } from "../../scripts/serve.mjs";
import { launch, watchedPage } from "./chromium.mjs";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const WWW = `${ROOT}dist/www`;
export const SINGLE_FILE = `${ROOT}dist/cluster-check.html`;
export const SCREENSHOTS = `${ROOT}test-output/screenshots`;
export const AXE_SOURCE = readFileSync(`${ROOT}node_modules/axe-core/axe.min.js`, "utf8");
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 360, height: 780 };
export const PHONE_LARGE = { width: 390, height: 844 };
export const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;

export const ALL_FUNCTIONS = ["rd_design", "testing", "training", "consulting", "ip", "financing", "exhibition", "logistics"];
export const BOOLS = ["defined_area", "coordination_body", "development_plan", "policy_support", "provincial_platform", "startup_base"];

/** Meets every condition; money in 亿元 where people would type it so, land in 公顷. */
export const MEETS_ALL = {
  name: "郑州市某装备制造产业集群",
  year: "2014",
  defined_area: "yes",
  coordination_body: "yes",
  development_plan: "yes",
  policy_support: "yes",
  leading_enterprises: "5",
  related_smes: "48",
  land_area: ["320", "ha"],
  building_footprint: ["176.5", "ha"],
  fixed_investment: ["41.8", "yi"],
  revenue: ["68.5", "yi"],
  leading_industry_revenue: ["512,000", "wan"],
  rd_expense: ["9600", "wan"],
  audit_required: "6",
  audit_completed: "6",
  service_functions: ALL_FUNCTIONS,
  provincial_platform: "yes",
  startup_base: "no",
};

/** Misses several checks (eight of the fourteen); land in 亩 and revenue in 亿元. */
export const MISSES_SEVERAL = {
  name: "某县特色食品产业集群",
  year: "2024",
  defined_area: "yes",
  coordination_body: "yes",
  development_plan: "no",
  policy_support: "yes",
  leading_enterprises: "1",
  related_smes: "26",
  land_area: ["1800", "mu"],
  building_footprint: ["810", "mu"],
  fixed_investment: ["95000", "wan"],
  revenue: ["18.6", "yi"],
  leading_industry_revenue: ["131000", "wan"],
  rd_expense: ["1580", "wan"],
  audit_required: "4",
  audit_completed: "3",
  service_functions: ["rd_design", "testing", "training", "consulting", "ip", "financing"],
  provincial_platform: "no",
  startup_base: "yes",
};

/**
 * The page server and the browser, for one test file: started before its tests, closed
 * after. `requests` lists every URL the server was asked for (what a server would log).
 */
export function usePage({ before, after }) {
  const state = { server: null, url: null, origin: null, browser: null, requests: [] };
  before(async () => {
    assert.ok(existsSync(`${WWW}/index.html`), "dist/www is missing: run `make www` first");
    mkdirSync(SCREENSHOTS, { recursive: true });
    ({ server: state.server, url: state.url } = await startServer({ root: WWW, port: 0 }));
    state.server.on("request", (request) => state.requests.push(request.url));
    state.origin = new URL(state.url).origin;
    state.browser = await launch();
  });
  after(async () => {
    await state.browser?.close();
    await new Promise((done) => (state.server ? state.server.close(done) : done()));
  });
  return state;
}

/**
 * Opens the page (or `path` under it, e.g. a share link) in a fresh context, and waits for
 * the engine. `close()` asserts that nothing left the origin, no CSP violation and no error happened.
 */
export function openPage(state, { path = "", ...options } = {}) {
  return openWatched(state.browser, state.url + path, { origin: state.origin, ...options });
}

/**
 * Opens `url` in a fresh context watched by chromium.mjs (requests off `origin`, CSP
 * violations, errors), with `lang`, `mode` and `storage` stored first (presetStorage) and
 * `prepare(context, page, seen)` awaited before it loads; then waits for the element at `ready`
 * to have its engine (none: null). `close()` closes the context and asserts that nothing
 * left the origin, no CSP violation and no error happened.
 */
export async function openWatched(browser, url, { origin, viewport = DESKTOP, locale, lang, mode, storage = {}, ready = "#app", clipboard = false, prepare } = {}) {
  const { context, page, seen } = await watchedPage(browser, { origin, viewport, locale });
  if (clipboard) await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  // What this device had stored before the page is first opened (not again on a reload).
  await presetStorage(context, { ...storage, lang, mode });
  await prepare?.(context, page, seen);
  await page.goto(url);
  if (ready) await waitReady(page, ready);
  return {
    context,
    page,
    seen,
    async close() {
      await context.close();
      assert.deepEqual(seen.offOrigin, [], "requests left the page's origin");
      assert.deepEqual(seen.cspViolations, [], "Content-Security-Policy violations");
      assert.deepEqual(seen.errors, [], "errors in the page");
    },
  };
}

/**
 * What this device had stored before the page is first opened (not again on a reload):
 * `lang` and `mode` are the page's language and mode, any other key is put in localStorage as is.
 */
export async function presetStorage(context, { lang, mode, ...stored } = {}) {
  if (lang) stored["cluster-check.lang"] = lang;
  if (mode) stored["cluster-check.mode"] = mode;
  if (Object.keys(stored).length === 0) return;
  await context.addInitScript((stored) => {
    if (sessionStorage.getItem("storage-set")) return;
    for (const [key, value] of Object.entries(stored)) localStorage.setItem(key, value);
    sessionStorage.setItem("storage-set", "1");
  }, stored);
}

/** Waits until the element at `host` (a selector of the <cluster-check>) has its engine. */
export function waitReady(page, host = "#app") {
  return page.waitForSelector(`${host} .cc[data-ready="true"]`);
}

/** Fills a form as a user would: typing text, choosing units, clicking radios and boxes. */
export async function fill(page, entries, host = "#app") {
  const at = (selector) => `${host} ${selector}`;
  for (const [key, value] of Object.entries(entries)) {
    if (BOOLS.includes(key)) {
      await page.check(at(`#cc-f-${key}-${value || "unset"}`));
    } else if (key === "service_functions") {
      if (value === "none") await page.check(at("#cc-f-service_functions-none"));
      else for (const fn of ALL_FUNCTIONS) await page.setChecked(at(`#cc-f-service_functions-${fn}`), value.includes(fn));
    } else if (Array.isArray(value)) {
      await page.selectOption(at(`#cc-f-${key}-unit`), value[1]);
      await page.fill(at(`#cc-f-${key}`), value[0]);
    } else {
      await page.fill(at(`#cc-f-${key}`), value);
    }
  }
  // Leave the last field, as a user moving on would (a pending error is shown then).
  await page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    el?.blur();
  });
}

/** The figures an element stands for (its `figures` property). */
export function figuresOf(page, host = "#app") {
  return page.evaluate((host) => document.querySelector(host).figures, host);
}

/** What a form shows: every input's value, every select's value, every ticked box and radio. */
export function formOf(page, host = "#app") {
  return page.evaluate((host) => {
    const root = document.querySelector(host).shadowRoot;
    const out = {};
    for (const el of root.querySelectorAll("input, select")) {
      out[el.id] = el.type === "radio" || el.type === "checkbox" ? el.checked : el.value;
    }
    return out;
  }, host);
}

/** The verdict and each check's status of an element. */
export function resultsOf(page, host = "#app") {
  return page.evaluate((host) => {
    const root = document.querySelector(host).shadowRoot;
    const checks = {};
    for (const li of root.querySelectorAll(".cc-check")) checks[li.dataset.check] = li.dataset.status;
    return { status: root.querySelector(".cc-verdict").dataset.status, verdict: root.querySelector(".cc-verdict-text").textContent, checks };
  }, host);
}

/** The message above the form: which box, its text, its list items (with the field each names). */
export function messageOf(page) {
  return page.evaluate(() => {
    const box = ["page-status", "page-alert"].map((id) => document.getElementById(id)).find((el) => el.childElementCount > 0);
    if (!box) return null;
    return {
      kind: box.id === "page-alert" ? "alert" : "status",
      role: box.getAttribute("role"),
      text: box.querySelector(".page-message-text")?.textContent ?? "",
      items: [...box.querySelectorAll("li")].map((li) => ({ field: li.dataset.field ?? null, text: li.textContent })),
      undo: Boolean(box.querySelector("#undo")),
      link: box.querySelector("#share-link")?.value ?? null,
    };
  });
}

export async function runAxe(page, label) {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  });
  assert.deepEqual(violations, [], `axe-core (${label}): ${JSON.stringify(violations, null, 2)}`);
}

/** A whole-page screenshot, with sticky parts where they sit in the flow. */
export async function fullPageScreenshot(page, path) {
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.min(height, 16000) });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0); // no hover left from the last click
  await page.screenshot({ path, fullPage: true });
  await page.setViewportSize(viewport);
}

/**
 * Screenshots of the top of the page, where the note and the messages are, in both languages
 * at desktop and phone size (`${name}-zh-desktop.png`, … `${name}-en-phone.png`): the
 * language is switched with the page's toggle, and the page is left as it was.
 */
export async function topScreenshots(page, name) {
  const viewport = page.viewportSize();
  await page.mouse.move(0, 0);
  for (let i = 0; i < 2; i++) {
    const lang = (await page.getAttribute("html", "lang")) === "en" ? "en" : "zh";
    for (const [size, shown] of [["desktop", DESKTOP], ["phone", PHONE_LARGE]]) {
      await page.setViewportSize(shown);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${SCREENSHOTS}/${name}-${lang}-${size}.png` });
    }
    await page.click("#lang-toggle");
  }
  await page.setViewportSize(viewport);
}

/** Chooses a file for the next file chooser that `click` opens. */
export async function chooseFile(page, click, { name, content }) {
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), click()]);
  await chooser.setFiles({ name, mimeType: "application/json", buffer: Buffer.from(content) });
}

/** Clicks something that downloads a file; resolves to { name, text }. */
export async function downloadOf(page, click) {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, "utf8") };
}
