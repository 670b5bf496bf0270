// Progressive enhancement only: every page works without this script.
document.addEventListener("DOMContentLoaded", function () {
  // Take keyboard and screen-reader users straight to what went wrong (as GOV.UK does).
  var summary = document.querySelector("[data-error-summary], #stale-warning");
  if (summary) {
    summary.focus();
  }
});
