// Check-in list: after HTMX swaps a row (the «Registra presenza» button was pressed),
// keep the keyboard focus on that row and update the count of people present. Without
// JavaScript the form posts and the page reloads at the same search.
(function () {
  "use strict";

  document.addEventListener("htmx:load", function (event) {
    const row = event.detail.elt;
    if (!(row instanceof HTMLElement) || !row.matches("[data-check-in] tr[id^='iscrizione-']")) {
      return;
    }
    const focusable = row.querySelector("[tabindex='-1'], button");
    if (focusable) {
      focusable.focus();
    }
    const counter = document.getElementById("presenti");
    if (counter && row.classList.contains("event-check-in__row--present")) {
      counter.textContent = String((parseInt(counter.textContent, 10) || 0) + 1);
    }
  });
})();
