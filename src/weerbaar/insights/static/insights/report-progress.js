// SPDX-License-Identifier: EUPL-1.2
// The progress of a report being made: asks the server every two seconds and moves the <progress> bar and
// its text (a status region, so a screen reader hears each step). When the report is ready or failed, the
// page is loaded again to show the versions or the error. Without JavaScript the page refreshes itself
// (<noscript> meta refresh) and offers a "Vernieuw" link.
const section = document.querySelector("[data-progress-url]");
if (section && section.dataset.finished === "false") {
  const label = section.querySelector("#report-progress-label");
  const refresh = section.querySelector("[data-testid=report-refresh]");
  if (refresh) refresh.hidden = true;
  const poll = async () => {
    try {
      const response = await fetch(section.dataset.progressUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) throw new Error(String(response.status));
      const progress = await response.json();
      let bar = section.querySelector("progress");
      if (bar && progress.stepsTotal) {
        bar.max = progress.stepsTotal;
        bar.value = progress.stepsDone;
        bar.textContent = `${progress.stepsDone} / ${progress.stepsTotal}`;
      }
      if (label && label.textContent !== progress.label) label.textContent = progress.label;
      if (progress.finished) {
        window.location.reload();
        return;
      }
    } catch {
      if (refresh) refresh.hidden = false; // the server did not answer: leave it to the reader
      return;
    }
    window.setTimeout(poll, 2000);
  };
  window.setTimeout(poll, 1000);
}
