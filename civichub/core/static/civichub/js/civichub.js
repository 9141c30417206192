// Civic Hub front-end glue: CSRF for HTMX requests. Kept tiny on purpose; pages
// work without JavaScript and HTMX only makes them quicker.
(function () {
  "use strict";

  function cookie(name) {
    const match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : null;
  }

  document.addEventListener("htmx:configRequest", function (event) {
    const token = cookie("csrftoken");
    if (token && event.detail.verb !== "get") {
      event.detail.headers["X-CSRFToken"] = token;
    }
  });
})();
