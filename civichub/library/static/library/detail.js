// Library resource pages: copy buttons (citation, link, feed address) and the
// click-to-load video player. Buttons start hidden (without JavaScript they could do
// nothing) and are revealed here; the link to the video works without JavaScript.
(function () {
  "use strict";

  function copyText(button) {
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
    navigator.clipboard.writeText(button.dataset.copyText).then(
      function () {
        say(button.dataset.copied);
      },
      function () {
        say(button.dataset.copyFailed);
      },
    );
  }

  // The provider's player (and its cookies or tracking) arrives only after this click.
  function loadPlayer(button) {
    const container = button.closest("[data-embed]");
    const url = new URL(button.dataset.embedSrc);
    if (
      url.protocol !== "https:" ||
      (url.host !== "www.youtube-nocookie.com" && url.host !== "player.vimeo.com")
    ) {
      return;
    }
    const frame = document.createElement("iframe");
    frame.src = url.href;
    frame.title = button.dataset.embedTitle;
    frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    container.replaceChildren(frame);
    frame.focus();
  }

  function init(scope) {
    scope.querySelectorAll("[data-copy-text]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        copyText(button);
      });
    });
    scope.querySelectorAll("[data-embed-src]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        loadPlayer(button);
      });
    });
  }

  init(document);
})();
