// How the roster part (roster-panel.js) gets its worker and its stylesheet on a served page:
// the module worker roster-worker.js and roster.css, both beside this module. The
// single-file build (scripts/build-single.mjs) puts another module in this one's place: a
// worker made from the bundled worker's text (a blob: URL, allowed by that file's
// `worker-src blob:`), handed the roster engine's bytes, and no stylesheet to load
// (roster.css is inside the file's one <style>).

/** A new worker, its engine loading at once. */
export function startWorker() {
  const worker = new Worker(new URL("./roster-worker.js", import.meta.url), { type: "module", name: "cluster-check-roster" });
  worker.postMessage({ type: "warm" });
  return worker;
}

/** Adds roster.css to the page once; resolves when it has loaded (or failed: the part still works). */
let styles = null;
export function loadStyles() {
  styles ??= new Promise((resolve) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("./roster.css", import.meta.url).href;
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
    document.head.append(link);
  });
  return styles;
}
