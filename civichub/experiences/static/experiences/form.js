// Contribution form: a live character counter on fields with data-char-counter (the
// summary). The visible count updates at every key; screen readers hear it only when
// few characters are left, so that typing is not interrupted.
(function () {
  "use strict";

  const THRESHOLDS = [50, 20, 10, 0];

  function format(template, count) {
    return (template || "%(count)s").replace("%(count)s", String(Math.abs(count)));
  }

  function setUp(field) {
    const max = parseInt(field.dataset.charCounter, 10);
    if (!max || field.dataset.counterReady) {
      return;
    }
    field.dataset.counterReady = "1";
    const visible = document.createElement("p");
    visible.className = "form-text experience-counter";
    visible.setAttribute("aria-hidden", "true");
    const spoken = document.createElement("p");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", spoken);
    field.insertAdjacentElement("afterend", visible);
    let lastBand = null;

    function update() {
      // The server counts line breaks as one space, as the summary is one paragraph.
      const length = field.value.replace(/\s+/g, " ").trim().length;
      const left = max - length;
      const text = format(left < 0 ? field.dataset.counterOver : field.dataset.counterLeft, left);
      visible.textContent = text;
      visible.classList.toggle("experience-counter--over", left < 0);
      const band = THRESHOLDS.find(function (limit) {
        return left <= limit;
      });
      if (band !== undefined && band !== lastBand) {
        spoken.textContent = text;
      }
      lastBand = band === undefined ? null : band;
    }

    field.addEventListener("input", update);
    update();
  }

  function init(scope) {
    scope.querySelectorAll("textarea[data-char-counter]").forEach(setUp);
  }

  init(document);
  document.addEventListener("htmx:load", function (event) {
    init(event.target);
  });
})();
