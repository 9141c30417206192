/* Mention autocomplete for discussion text boxes (textarea[data-mentions="<url>"]).
 *
 * Typing "@" and at least two letters asks the area's members page fragment
 * (…/menzioni/?q=) and shows it as a listbox under the box: arrow keys move through the
 * names (aria-activedescendant), Enter or Tab inserts "@Nome Cognome", Escape closes.
 * Without JavaScript people type "@" and the person's public id. */
(function () {
  "use strict";
  var TRIGGER = /(^|\s)@([^\s@<>]{2,}(?: [^\s@<>]*)?)$/;

  function setup(box) {
    var url = box.getAttribute("data-mentions");
    if (!url) return;
    var list = document.createElement("div");
    list.className = "mention-popup";
    list.id = box.id + "-menzioni";
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    box.parentNode.insertBefore(list, box.nextSibling);
    box.parentNode.insertBefore(status, list.nextSibling);
    box.setAttribute("aria-controls", list.id);
    box.setAttribute("aria-autocomplete", "list");
    var match = null;
    var active = -1;
    var timer = null;
    var controller = null;

    function options() {
      return Array.prototype.slice.call(list.querySelectorAll('[role="option"]:not([aria-disabled="true"])'));
    }
    function close() {
      list.hidden = true;
      list.innerHTML = "";
      active = -1;
      box.removeAttribute("aria-activedescendant");
    }
    function highlight(index) {
      var items = options();
      if (!items.length) return;
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === active ? "true" : "false");
        item.classList.toggle("active", i === active);
      });
      box.setAttribute("aria-activedescendant", items[active].id);
    }
    function choose(item) {
      if (!item || !match) return;
      var caret = box.selectionStart;
      var before = box.value.slice(0, caret - match.length);
      var text = item.getAttribute("data-insert") + " ";
      box.value = before + text + box.value.slice(caret);
      var position = before.length + text.length;
      box.setSelectionRange(position, position);
      close();
      box.focus();
    }
    function query(text) {
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(text), {
        headers: { "HX-Request": "true" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        return response.ok ? response.text() : "";
      }).then(function (html) {
        if (!html) return close();
        list.innerHTML = html;
        list.hidden = false;
        var count = options().length;
        status.textContent = count ? count + " " + (count === 1 ? "persona" : "persone") : "Nessuna persona trovata";
        options().forEach(function (item) {
          item.addEventListener("mousedown", function (event) {
            event.preventDefault();
            choose(item);
          });
        });
        if (count) highlight(0);
      }).catch(function () {});
    }
    box.addEventListener("input", function () {
      var found = TRIGGER.exec(box.value.slice(0, box.selectionStart));
      if (!found) {
        match = null;
        return close();
      }
      match = "@" + found[2];
      clearTimeout(timer);
      timer = setTimeout(function () { query(found[2]); }, 200);
    });
    box.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
        event.preventDefault();
        choose(options()[active]);
      } else if (event.key === "Escape") { event.preventDefault(); close(); }
    });
    box.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.querySelectorAll("textarea[data-mentions]").forEach(setup);
})();
