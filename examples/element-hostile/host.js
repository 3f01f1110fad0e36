// Loads the element from the package's browser files copied into ./cluster-check/, and shows
// its verdict in the host's own paragraph (which the hostile stylesheet still styles).
import "./cluster-check/element.js";

const verdict = document.getElementById("host-verdict");
document.querySelector("cluster-check").addEventListener("cluster-check-change", (event) => {
  verdict.textContent = `Verdict: ${event.detail.status}`;
  verdict.dataset.status = event.detail.status;
});
