// Takes the README's screenshot, docs/screenshot.png: the page (dist/www, built by
// `make www`) in Chinese on a desktop, with a realistic cluster that meets some conditions
// and misses others. Uses Debian's Chromium, like the browser tests; downloads nothing.
//
//   make www && node scripts/screenshot.mjs
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startServer } from "./serve.mjs";
import { launch } from "../tests/browser/chromium.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const OUT = `${ROOT}docs/screenshot.png`;
const VIEWPORT = { width: 1280, height: 1400 };

// A made-up county cluster: strong on revenue, but without a development plan and short on
// building density, R&D and one service function.
const CLUSTER = [
  ["text", "name", "示例县起重装备产业集群"],
  ["text", "year", "2024"],
  ["radio", "defined_area", "yes"],
  ["radio", "coordination_body", "yes"],
  ["radio", "development_plan", "no"],
  ["radio", "policy_support", "yes"],
  ["text", "leading_enterprises", "4"],
  ["text", "related_smes", "37"],
  ["unit", "land_area", "2400", "mu"],
  ["unit", "building_footprint", "1150", "mu"],
  ["unit", "fixed_investment", "17.2", "yi"],
  ["unit", "revenue", "23.5", "yi"],
  ["unit", "leading_industry_revenue", "16.1", "yi"],
  ["unit", "rd_expense", "2100", "wan"],
  ["text", "audit_required", "5"],
  ["text", "audit_completed", "5"],
  ["boxes", "service_functions", ["rd_design", "testing", "training", "consulting", "ip", "financing", "exhibition"]],
  ["radio", "provincial_platform", "yes"],
  ["radio", "startup_base", "no"],
];

if (!existsSync(`${ROOT}dist/www/index.html`)) {
  console.error("dist/www is missing: run `make www` first");
  process.exit(1);
}

const { server, url } = await startServer({ root: `${ROOT}dist/www`, port: 0 });
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('.cc[data-ready="true"]');
  for (const [kind, key, value, unit] of CLUSTER) {
    if (kind === "radio") await page.check(`#cc-f-${key}-${value}`);
    else if (kind === "boxes") for (const fn of value) await page.check(`#cc-f-${key}-${fn}`);
    else {
      if (kind === "unit") await page.selectOption(`#cc-f-${key}-unit`, unit);
      await page.fill(`#cc-f-${key}`, value);
    }
  }
  await page.evaluate(() => {
    // The form is in the <cluster-check> element's shadow root (Playwright's selectors above
    // reach into it); so is the field that has the focus.
    document.querySelector("cluster-check").shadowRoot.activeElement?.blur();
    window.scrollTo(0, 0);
  });
  const status = await page.getAttribute(".cc-verdict", "data-status");
  mkdirSync(`${ROOT}docs`, { recursive: true });
  await page.screenshot({ path: OUT });
  console.log(`docs/screenshot.png (${VIEWPORT.width}×${VIEWPORT.height}, verdict ${status})`);
} finally {
  await browser.close();
  server.close();
}
