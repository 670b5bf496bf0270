// Progressive enhancement only: every page works without this script.
document.addEventListener("DOMContentLoaded", function () {
  // Take keyboard and screen-reader users straight to what went wrong (as GOV.UK does).
  var summary = document.querySelector("[data-error-summary], #stale-warning");
  if (summary) {
    summary.focus();
  }

  // A table's region (templates: <div class="table-region" role="region" aria-label tabindex="0">) is a
  // named tab stop only while its table is wider than it, so that keyboard users can scroll it with the
  // arrow keys and nobody tabs through regions that do not scroll. Without this script every region
  // stays a tab stop.
  var regions = document.querySelectorAll(".table-region");
  function fit(region) {
    if (region.dataset.label === undefined) {
      region.dataset.label = region.getAttribute("aria-label") || "";
    }
    if (region.scrollWidth > region.clientWidth + 1) {
      region.setAttribute("tabindex", "0");
      region.setAttribute("role", "region");
      region.setAttribute("aria-label", region.dataset.label);
    } else if (document.activeElement !== region) {
      region.removeAttribute("tabindex");
      region.removeAttribute("role");
      region.removeAttribute("aria-label");
    }
  }
  if (window.ResizeObserver) {
    var observer = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) {
        fit(entry.target.closest(".table-region"));
      });
    });
    regions.forEach(function (region) {
      observer.observe(region);
      if (region.firstElementChild) {
        observer.observe(region.firstElementChild);
      }
    });
  }

  // A form marked data-unsaved-guard remembers that it has been changed; a form marked
  // data-needs-saved="<its id>" (rendering the Section 55 letter) is held back while it has, because the
  // PDF is made from what is saved. The server renders only the saved letter either way.
  document.querySelectorAll("[data-unsaved-guard]").forEach(function (guarded) {
    var changed = function () { guarded.dataset.changed = "true"; };
    guarded.addEventListener("input", changed);
    guarded.addEventListener("change", changed);
  });
  document.querySelectorAll("[data-needs-saved]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var guarded = document.getElementById(form.dataset.needsSaved);
      var warning = document.getElementById("unsaved-warning");
      if (guarded && guarded.dataset.changed === "true" && warning) {
        event.preventDefault();
        warning.hidden = false;
        warning.setAttribute("tabindex", "-1");
        warning.focus();
      }
    });
  });

  // Filters fold away on a phone so that the list comes first (they stay open when they have errors,
  // and everywhere without this script).
  if (window.matchMedia && window.matchMedia("(max-width: 760px)").matches) {
    document.querySelectorAll("details[data-fold-on-phone]:not([data-keep-open])").forEach(function (panel) {
      panel.removeAttribute("open");
    });
  }
});
