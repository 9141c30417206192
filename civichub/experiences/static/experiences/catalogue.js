// Catalogue of experiences (list and map): small helpers around the HTMX filters.
// The page works without this file; with it, addresses stay short and focus stays put.
(function () {
  "use strict";
  if (window.civichubCatalogue) {
    return;
  }
  window.civichubCatalogue = true;

  // Leave empty fields out of the request, so that the pushed address lists only the
  // filters in use.
  document.addEventListener("htmx:configRequest", function (event) {
    if (!event.detail.elt.closest("#catalogue-filters")) {
      return;
    }
    const data = event.detail.formData;
    const empty = [];
    data.forEach(function (value, name) {
      if (value === "" && data.getAll(name).every(function (v) { return v === ""; })) {
        empty.push(name);
      }
    });
    empty.forEach(function (name) {
      data.delete(name);
    });
  });

  // A new region makes the chosen province and comune meaningless: clear them before
  // the change is sent (capture phase, so before HTMX sees the event).
  document.addEventListener(
    "change",
    function (event) {
      const clears = event.target.dataset && event.target.dataset.clears;
      if (!clears || !event.target.closest("#catalogue-filters")) {
        return;
      }
      clears.split(" ").forEach(function (id) {
        const select = document.getElementById(id);
        if (select) {
          select.value = "";
        }
      });
    },
    true
  );

  // Enter in a text field fires "change" and then "submit": let only the submit ask for
  // the results, or the first request is sent and at once aborted.
  const TYPED = "#catalogue-filters input[type=search], #catalogue-filters input[type=number]";
  let entering = null;
  document.addEventListener(
    "keydown",
    function (event) {
      if (event.key === "Enter" && event.target.matches && event.target.matches(TYPED)) {
        entering = event.target;
      }
    },
    true
  );
  document.addEventListener(
    "keyup",
    function () {
      entering = null;
    },
    true
  );
  document.addEventListener(
    "change",
    function (event) {
      if (event.target === entering) {
        event.stopPropagation();
      }
    },
    true
  );

  // The filters are replaced with their new counts: keep the focus on the same control.
  // (The form that asked is detached by then, so listen for the new content loading.)
  let focusedId = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    const active = document.activeElement;
    const inFilters = event.detail.elt.closest("#catalogue-filters, #catalogue-results");
    focusedId = inFilters && active && active.id && active.closest("#catalogue-filters") ? active.id : null;
  });
  document.addEventListener("htmx:load", function (event) {
    const control = focusedId && event.detail.elt.querySelector("#" + CSS.escape(focusedId));
    if (control) {
      focusedId = null;
      control.focus({ preventScroll: true });
    }
  });
})();
