// Map component (territories/components/map.html): Leaflet over the hub's own
// GeoJSON, configured by data-* attributes; colours areas by quantile when given
// counts or a value property. No inline styles: colours are CSS classes.
(function () {
  "use strict";
  if (window.civichubTerritoryMap) {
    return; // the component template includes this script once per map
  }
  window.civichubTerritoryMap = true;
  // Each map on a page includes leaflet.js again, which replaces window.L: keep the
  // instance loaded before this script, so that maps and layers come from the same one.
  const L = window.L;

  const CLASSES = 5;
  const ITALY = { center: [42.1, 12.6], zoom: 5 };
  const NUMBER = new Intl.NumberFormat(document.documentElement.lang || "it");

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

  // Upper bounds of up to CLASSES quantile classes, without duplicates.
  function quantileBreaks(values) {
    const sorted = values.slice().sort(function (a, b) {
      return a - b;
    });
    const breaks = [];
    for (let i = 1; i <= CLASSES; i += 1) {
      const value = sorted[Math.min(sorted.length - 1, Math.ceil((i * sorted.length) / CLASSES) - 1)];
      if (!breaks.length || value > breaks[breaks.length - 1]) {
        breaks.push(value);
      }
    }
    return breaks;
  }

  function classOf(value, breaks) {
    if (value === null) {
      return "territory-map__class-none";
    }
    const index = breaks.findIndex(function (limit) {
      return value <= limit;
    });
    return "territory-map__class-" + (index === -1 ? breaks.length - 1 : index);
  }

  function legend(map, el, breaks, min, withMissing) {
    const control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      const box = L.DomUtil.create("div", "territory-map__legend");
      const title = L.DomUtil.create("p", "territory-map__legend-title", box);
      title.textContent = el.dataset.legendTitle;
      const list = L.DomUtil.create("ul", "territory-map__legend-list", box);
      let lower = min;
      breaks.forEach(function (upper, index) {
        const item = L.DomUtil.create("li", "", list);
        L.DomUtil.create("span", "territory-map__swatch territory-map__class-" + index, item);
        item.append(lower === upper ? NUMBER.format(upper) : NUMBER.format(lower) + "–" + NUMBER.format(upper));
        lower = upper;
      });
      if (withMissing) {
        const none = L.DomUtil.create("li", "", list);
        L.DomUtil.create("span", "territory-map__swatch territory-map__class-none", none);
        none.append(el.dataset.noValue);
      }
      return box;
    };
    control.addTo(map);
  }

  function draw(el, map, geojson, counts) {
    const property = el.dataset.valueProperty;
    const choropleth = Boolean(counts || property);
    // A number, or null when the feature has no value (a missing count is zero).
    const valueOf = function (feature) {
      const raw = counts ? counts[feature.id] || 0 : feature.properties[property];
      return raw === null || raw === undefined || raw === "" || isNaN(Number(raw)) ? null : Number(raw);
    };
    const all = choropleth ? geojson.features.map(valueOf) : [];
    const values = all.filter(function (value) {
      return value !== null;
    });
    const breaks = values.length ? quantileBreaks(values) : [];
    const layer = L.geoJSON(geojson, {
      style: function (feature) {
        const className = choropleth ? classOf(valueOf(feature), breaks) : "territory-map__area";
        return { className: "territory-map__shape " + className };
      },
      onEachFeature: function (feature, shape) {
        let text = escapeHTML(feature.properties.name || "");
        if (choropleth) {
          const value = valueOf(feature);
          text += ": " + (value === null ? escapeHTML(el.dataset.noValue) : NUMBER.format(value));
        }
        shape.bindTooltip(text, { sticky: true });
      },
    }).addTo(map);
    if (layer.getLayers().length) {
      map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    }
    if (breaks.length) {
      legend(map, el, breaks, Math.min.apply(null, values), values.length < all.length);
    }
  }

  function drawMarkers(map, geojson) {
    L.geoJSON(geojson, {
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, { className: "territory-map__marker", radius: 6 });
      },
      onEachFeature: function (feature, marker) {
        const name = feature.properties.name || "";
        let content = document.createTextNode(name);
        if (feature.properties.url) {
          content = document.createElement("a");
          content.href = feature.properties.url;
          content.textContent = name;
        }
        marker.bindPopup(content);
      },
    }).addTo(map);
  }

  function init(el) {
    if (el.dataset.mapReady || !L) {
      return;
    }
    el.dataset.mapReady = "true";
    const fallback = el.querySelector("[data-map-fallback]");
    if (fallback) {
      fallback.remove();
    }
    const map = L.map(el, { zoomControl: false, scrollWheelZoom: false }).setView(ITALY.center, ITALY.zoom);
    L.control.zoom({ zoomInTitle: el.dataset.zoomIn, zoomOutTitle: el.dataset.zoomOut }).addTo(map);
    map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    map.attributionControl.addAttribution(escapeHTML(el.dataset.credit));
    if (el.dataset.tileUrl) {
      // The tile attribution is set by the hub's operators and may contain links.
      L.tileLayer(el.dataset.tileUrl, { attribution: el.dataset.tileAttribution || "" }).addTo(map);
    }
    Promise.all([
      getJSON(el.dataset.geojsonUrl),
      el.dataset.countsUrl ? getJSON(el.dataset.countsUrl) : null,
      el.dataset.markersUrl ? getJSON(el.dataset.markersUrl) : null,
    ])
      .then(function (data) {
        draw(el, map, data[0], data[1]);
        if (data[2]) {
          drawMarkers(map, data[2]);
        }
      })
      .catch(function (error) {
        console.error(error);
        const message = document.createElement("p");
        message.className = "territory-map__error";
        message.setAttribute("role", "status");
        message.textContent = el.dataset.error;
        el.after(message);
      });
  }

  function initAll(scope) {
    scope.querySelectorAll("[data-territory-map]").forEach(init);
  }

  document.addEventListener("htmx:load", function (event) {
    initAll(event.detail.elt.parentElement || document);
  });
  initAll(document);
})();
