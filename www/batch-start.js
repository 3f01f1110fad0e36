// How the batch view (batch.js) gets its worker and its stylesheet on a served page: the
// module worker batch-worker.js and batch.css, both beside this module. The single-file
// build (scripts/build-single.mjs) puts another module in this one's place: a worker made
// from the bundled worker's text (a blob: URL, allowed by that file's `worker-src blob:`),
// and no stylesheet to load (batch.css is inside the file's one <style>).

/** A new worker for one job. */
export function startWorker() {
  return new Worker(new URL("./batch-worker.js", import.meta.url), { type: "module", name: "cluster-check-batch" });
}

/** Adds batch.css to the page once; resolves when it has loaded (or failed: the view still works). */
let styles = null;
export function loadStyles() {
  styles ??= new Promise((resolve) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("./batch.css", import.meta.url).href;
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
    document.head.append(link);
  });
  return styles;
}
