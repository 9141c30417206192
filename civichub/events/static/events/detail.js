// Event page: the small map of the place (includes/place.html). Leaflet over the hub's
// own boundaries (the comuni of the province), a marker on the event's point; tiles only
// when the hub configures a tile server. Configured by data-* attributes (strict CSP).
(function () {
  "use strict";

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      if (!response.ok) {
        throw new Error(url + ": " + response.status);
      }
      return response.json();
    });
  }

  function escapeHTML(text) {
    const span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function init(el) {
    const L = window.L;
    const latitude = parseFloat(el.dataset.latitude);
    const longitude = parseFloat(el.dataset.longitude);
    if (!L || el.dataset.mapReady || isNaN(latitude) || isNaN(longitude)) {
      return;
    }
    el.dataset.mapReady = "true";
    const fallback = el.querySelector("[data-map-fallback]");
    if (fallback) {
      fallback.remove();
    }
    const point = [latitude, longitude];
    const map = L.map(el, { zoomControl: false, scrollWheelZoom: false }).setView(point, 13);
    L.control.zoom({ zoomInTitle: el.dataset.zoomIn, zoomOutTitle: el.dataset.zoomOut }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    map.attributionControl.addAttribution(escapeHTML(el.dataset.credit || ""));
    if (el.dataset.tileUrl) {
      // The tile attribution is set by the hub's operators and may contain links.
      L.tileLayer(el.dataset.tileUrl, { attribution: el.dataset.tileAttribution || "" }).addTo(map);
    }
    const marker = L.circleMarker(point, { className: "territory-map__marker", radius: 8 });
    marker.bindTooltip(el.dataset.name || "", { permanent: false });
    getJSON(el.dataset.geojsonUrl)
      .then(function (geojson) {
        L.geoJSON(geojson, {
          style: function () {
            return { className: "territory-map__shape territory-map__area" };
          },
          onEachFeature: function (feature, shape) {
            shape.bindTooltip(escapeHTML(feature.properties.name || ""), { sticky: true });
          },
        }).addTo(map);
        marker.addTo(map);
        map.setView(point, 13);
      })
      .catch(function (error) {
        console.error(error);
        marker.addTo(map);
        const message = document.createElement("p");
        message.className = "territory-map__error";
        message.setAttribute("role", "status");
        message.textContent = el.dataset.error;
        el.after(message);
      });
  }

  document.querySelectorAll("[data-event-map]").forEach(init);
})();
