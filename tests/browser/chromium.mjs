// Launches Debian's Chromium through playwright-core (no browser download), and watches a
// page for what the tests forbid: requests that leave the page's origin, CSP violations,
// uncaught errors.
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  });
}

/**
 * Opens a page that records off-origin requests, CSP violations, console errors and
 * uncaught exceptions. `origin` is the only origin requests may go to.
 */
export async function watchedPage(browser, { origin, viewport = { width: 1280, height: 900 }, locale = "zh-CN" } = {}) {
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  const seen = { offOrigin: [], cspViolations: [], errors: [] };
  page.on("request", (request) => {
    const url = request.url();
    if (origin && !url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:")) {
      seen.offOrigin.push(url);
    }
  });
  page.on("console", (message) => {
    const text = message.text();
    if (/Content.Security.Policy|Refused to/i.test(text)) seen.cspViolations.push(text);
    else if (message.type() === "error") seen.errors.push(text);
  });
  page.on("pageerror", (error) => seen.errors.push(String(error)));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Content-Security-Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return { context, page, seen };
}
