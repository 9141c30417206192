// Experience page: "Stampa" and "Copia il collegamento". Both buttons start hidden
// (without JavaScript they could do nothing) and are revealed here.
(function () {
  "use strict";

  function copyLink(button) {
    const status = button.parentElement.querySelector("[data-copy-status]");
    const say = function (text) {
      if (status) {
        status.textContent = text;
      }
    };
    if (!navigator.clipboard) {
      say(button.dataset.copyFailed);
      return;
    }
    navigator.clipboard.writeText(button.dataset.copyLink).then(
      function () {
        say(button.dataset.copied);
      },
      function () {
        say(button.dataset.copyFailed);
      },
    );
  }

  function init(scope) {
    scope.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
    scope.querySelectorAll("[data-copy-link]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        copyLink(button);
      });
    });
  }

  init(document);
})();
