// The host page's script: it loads the element from the package's browser files, copied
// beside the page into ./cluster-check/ (any folder works: the element finds its .wasm
// relative to its own URL), and shows the verdict in the page's own status line.
import "./cluster-check/element.js";

const verdict = document.getElementById("host-verdict");
const words = { met: "符合创建条件", not_met: "不符合创建条件", incomplete: "信息不完整" };

document.querySelector("cluster-check").addEventListener("cluster-check-change", (event) => {
  const report = event.detail;
  verdict.textContent = `自测结论：${words[report.status]}`;
  verdict.dataset.status = report.status;
});
