// What the browser tests of the installed package share (package, element and
// readme-element .test.mjs): its files, Vite builds of apps that import it, a static server
// per site, Chromium pages that record what they load, and the checks every load must pass.
// Each test file runs in a process of its own; call useBrowser() once, at its top level.
import { after, before } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, createLogger } from "vite";
import { startServer } from "../../scripts/serve.mjs";
import { browserFiles } from "../../scripts/package-files.mjs";
import { launch, watchedPage } from "./chromium.mjs";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const OUT = join(ROOT, "test-output");
export const SCREENSHOTS = join(OUT, "screenshots");
/** The package as installed from its tarball. */
export const PACKAGE = join(ROOT, "node_modules", "cluster-check");
export const EXAMPLES = join(ROOT, "examples");
export const DESKTOP = { width: 1280, height: 900 };
const LOAD_TIMEOUT = 15_000;

let browser;
const servers = [];

/** Registers hooks: Chromium launched before the file's tests; it and every serveFolder() server closed after them. */
export function useBrowser() {
  before(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await Promise.all(servers.splice(0).map(({ server }) => new Promise((done) => server.close(done))));
  });
}

/** The installed package's package.json. */
export async function packageManifest() {
  return JSON.parse(await readFile(join(PACKAGE, "package.json"), "utf8"));
}

/** Copies the installed package's browser files (`files`, or all of its "files" a page can load: modules but the Node entry, and the .wasm) into `dest`, keeping their folders. */
export async function copyPackageBrowserFiles(dest, files) {
  files ??= browserFiles(PACKAGE);
  for (const file of files) {
    await mkdir(dirname(join(dest, file)), { recursive: true });
    await cp(join(PACKAGE, file), join(dest, file));
  }
}

/** Builds the Vite app at `root` into `outDir` (options: `label` for messages, the rest inline config); asserts Vite logged no warning or error; returns the emitted file names. */
export async function buildVite(root, outDir, { label = "the example", build: buildOptions = {}, ...inline } = {}) {
  const logged = [];
  const logger = createLogger("warn");
  for (const level of ["warn", "warnOnce", "error"]) {
    const write = logger[level].bind(logger);
    logger[level] = (message, options) => {
      logged.push(`${level}: ${message}`);
      write(message, options);
    };
  }
  const output = await build({
    root,
    configFile: join(root, "vite.config.js"),
    logLevel: "warn",
    customLogger: logger,
    ...inline,
    build: { outDir, emptyOutDir: true, ...buildOptions },
  });
  assert.deepEqual(logged, [], `Vite warned or failed while building ${label}`);
  return (Array.isArray(output) ? output : [output]).flatMap((bundle) => bundle.output.map((item) => item.fileName));
}

/** Asserts a Vite build emitted the package's engine as one .wasm, byte for byte, and no script took its Node entry; returns the .wasm's name. */
export async function assertViteOutput(outDir, emitted) {
  const wasm = emitted.filter((name) => name.endsWith(".wasm"));
  assert.equal(wasm.length, 1, `one .wasm asset expected in the build output, got ${JSON.stringify(emitted)}`);
  assert.deepEqual(
    await readFile(join(outDir, wasm[0])),
    await readFile(join(PACKAGE, "cluster_check_bg.wasm")),
    "the emitted .wasm is the package's engine, byte for byte",
  );
  for (const script of emitted.filter((name) => name.endsWith(".js"))) {
    const code = await readFile(join(outDir, script), "utf8");
    assert.doesNotMatch(code, /node:fs|readFileSync/, `${script} took the package's Node entry instead of the browser one`);
  }
  return wasm[0];
}

/** Serves `root` under the sub-path `prefix` until the file's tests end; returns its URL. */
export async function serveFolder(root, prefix) {
  const served = await startServer({ root, port: 0, prefix });
  servers.push(served);
  return served.url;
}

/**
 * Opens `url` in a fresh watched context (chromium.mjs) that also records every request,
 * response, console warning and console.log; waits until `ready` (a selector that must be
 * attached, or a function true in the page), failing at once on an uncaught error, then
 * `settle` ms more. Returns { context, page, seen, requests, responses, warnings, printed }.
 */
export async function openPage(url, { ready, viewport = DESKTOP, settle = 0 }) {
  const { context, page, seen } = await watchedPage(browser, { origin: new URL(url).origin, viewport });
  const requests = [];
  const responses = [];
  const warnings = [];
  const printed = [];
  page.on("request", (request) => requests.push(request.url()));
  page.on("response", (response) =>
    responses.push({ url: response.url(), status: response.status(), type: response.headers()["content-type"] ?? "" }),
  );
  page.on("console", (message) => {
    if (message.type() === "warning") warnings.push(message.text());
    else if (message.type() === "log") printed.push(message.text());
  });
  await page.goto(url, { waitUntil: "load" });
  try {
    // An uncaught error (e.g. the module's top-level await rejecting) ends the wait at once.
    await Promise.race([
      typeof ready === "string"
        ? page.waitForSelector(ready, { state: "attached", timeout: LOAD_TIMEOUT })
        : page.waitForFunction(ready, null, { timeout: LOAD_TIMEOUT }),
      page.waitForEvent("pageerror", { timeout: LOAD_TIMEOUT + 1000 }).then((error) => {
        throw error;
      }),
    ]);
  } catch (error) {
    await page.waitForTimeout(200); // let the console catch up, for the message below
    const body = await page.locator("body").innerText().catch(() => "");
    await context.close();
    throw new Error(
      `${url}: ${typeof ready === "string" ? ready : `(${ready})`} did not come true (${String(error?.message ?? error).split("\n")[0]}).\n` +
        `errors: ${JSON.stringify(seen.errors)}\nCSP: ${JSON.stringify(seen.cspViolations)}\nwarnings: ${JSON.stringify(warnings)}\n` +
        `page: ${body.slice(0, 2000)}`,
      { cause: error },
    );
  }
  if (settle > 0) await page.waitForTimeout(settle);
  return { context, page, seen, requests, responses, warnings, printed };
}

/** Asserts exactly one .wasm was fetched, from `expected`, with status 200, as application/wasm. */
export function assertWasmFetched(responses, expected) {
  const wasm = responses.filter(({ url }) => new URL(url).pathname.endsWith(".wasm"));
  assert.equal(wasm.length, 1, `one .wasm request expected, got ${JSON.stringify(wasm)}`);
  assert.equal(wasm[0].url, expected, "the .wasm URL");
  assert.equal(wasm[0].status, 200, "the .wasm status");
  assert.equal(wasm[0].type.split(";")[0].trim(), "application/wasm", "the .wasm content-type");
}

/** Asserts a clean load: same origin and under `base` only, no CSP violation, no page or console error, no warning about the WebAssembly load. */
export function assertCleanLoad({ seen, requests, warnings }, base) {
  assert.deepEqual(seen.offOrigin, [], "requests left the page's origin");
  assert.deepEqual(seen.cspViolations, [], "Content-Security-Policy violations");
  assert.deepEqual(seen.errors, [], "page errors or console errors");
  assert.deepEqual(
    requests.filter((url) => !url.startsWith(base)),
    [],
    `requests outside ${base}: everything must be found relative to the page and the module`,
  );
  assert.deepEqual(
    warnings.filter((text) => /wasm|WebAssembly|cluster-check/i.test(text)),
    [],
    "console warnings about the WebAssembly load (e.g. the instantiateStreaming fallback, an engine restart)",
  );
}

/**
 * Opens `url` (openPage, with `options`), runs `check(loaded)`, then asserts the one .wasm
 * fetch from `options.wasm` (when given) and a clean load under `url`; always closes the context.
 */
export async function visitPage(url, options, check) {
  const loaded = await openPage(url, options);
  try {
    await check(loaded);
    if (options.wasm !== undefined) assertWasmFetched(loaded.responses, options.wasm);
    assertCleanLoad(loaded, url);
  } finally {
    await loaded.context.close();
  }
}
