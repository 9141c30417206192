// Comune picker: the ARIA 1.2 combobox pattern over suggestions fetched by HTMX.
// The markup comes from territories/widgets/municipality_autocomplete.html; without
// this script the text input is submitted and the server resolves the name.
(function () {
  "use strict";
  if (window.civichubMunicipalityPicker) {
    return; // the widget template includes this script once per picker
  }
  window.civichubMunicipalityPicker = true;

  function parts(root) {
    return {
      input: root.querySelector("[data-picker-input]"),
      value: root.querySelector("[data-picker-value]"),
      status: root.querySelector("[data-picker-status]"),
      listbox: root.querySelector("[role=listbox]"),
    };
  }

  function options(root) {
    return Array.from(root.querySelectorAll("[role=option]"));
  }

  function open(root, expanded) {
    const p = parts(root);
    p.listbox.hidden = !expanded;
    p.input.setAttribute("aria-expanded", expanded ? "true" : "false");
    if (!expanded) {
      activate(root, null);
    }
  }

  function activate(root, option) {
    const p = parts(root);
    options(root).forEach(function (item) {
      const active = item === option;
      item.classList.toggle("is-active", active);
      item.setAttribute("aria-selected", active ? "true" : "false");
    });
    if (option) {
      p.input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      p.input.removeAttribute("aria-activedescendant");
    }
  }

  function choose(root, option) {
    const p = parts(root);
    p.input.value = option.dataset.label;
    p.value.value = option.dataset.value;
    open(root, false);
    p.status.textContent = option.dataset.label;
    p.input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function move(root, step) {
    const items = options(root);
    if (!items.length) {
      return;
    }
    if (parts(root).listbox.hidden) {
      open(root, true);
    }
    const current = items.findIndex(function (item) {
      return item.classList.contains("is-active");
    });
    let next = current + step;
    if (current === -1) {
      next = step > 0 ? 0 : items.length - 1;
    }
    activate(root, items[(next + items.length) % items.length]);
  }

  function onKeydown(event) {
    const root = event.target.closest("[data-municipality-picker]");
    const expanded = !parts(root).listbox.hidden;
    const active = root.querySelector("[role=option].is-active");
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      move(root, event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter" && expanded && active) {
      event.preventDefault(); // choose, do not submit the form
      choose(root, active);
    } else if (event.key === "Escape") {
      if (expanded) {
        event.preventDefault();
        open(root, false);
      } else if (event.target.value) {
        event.preventDefault();
        event.target.value = "";
        parts(root).value.value = "";
      }
    }
  }

  function init(root) {
    if (root.dataset.pickerReady) {
      return;
    }
    root.dataset.pickerReady = "true";
    const p = parts(root);
    p.input.addEventListener("keydown", onKeydown);
    p.input.addEventListener("input", function () {
      // Typing invalidates the previous choice until a suggestion is picked.
      p.value.value = "";
    });
    p.input.addEventListener("blur", function () {
      open(root, false);
    });
    root.addEventListener("mousedown", function (event) {
      // Keep the focus in the input while clicking a suggestion.
      if (event.target.closest("[role=option]")) {
        event.preventDefault();
      }
    });
    root.addEventListener("click", function (event) {
      const option = event.target.closest("[role=option]");
      if (option) {
        choose(root, option);
      }
    });
  }

  document.addEventListener("htmx:configRequest", function (event) {
    const input = event.detail.elt;
    if (!input.matches || !input.matches("[data-picker-input]")) {
      return;
    }
    // The endpoint takes ?q=; the input's own name is the form field's.
    delete event.detail.parameters[input.name];
    event.detail.parameters.q = input.value;
    event.detail.parameters.listbox = input.dataset.listbox;
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    const root = event.detail.target.closest("[data-municipality-picker]");
    if (!root) {
      return;
    }
    const p = parts(root);
    const found = options(root).length > 0;
    open(root, found && document.activeElement === p.input);
    p.status.textContent = p.listbox.dataset.status || "";
  });

  function initAll(scope) {
    scope.querySelectorAll("[data-municipality-picker]").forEach(init);
  }

  document.addEventListener("htmx:load", function (event) {
    initAll(event.detail.elt.parentElement || document);
  });
  initAll(document);
})();
