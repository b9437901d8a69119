/*
 * SPDX-License-Identifier: EUPL-1.2
 *
 * Signals on a Leaflet map: a progressive enhancement of the table beside it (the table is the content).
 * The base layers (PDOK's background map, or the municipal boundaries with their names when PDOK cannot be
 * reached) come from basemap.js. No inline script: the page passes everything through data attributes
 * (strict CSP). The legend is HTML beside the map, in the template, in the colours used here.
 */
(function () {
  "use strict";

  function start() {
    var element = document.getElementById("signals-map");
    if (!element || typeof window.L === "undefined") {
      return;
    }
    var L = window.L;
    var data = element.dataset;
    element.classList.add("signals-map--active");
    var fallback = element.querySelector(".signals-map__fallback");
    if (fallback) {
      fallback.remove();
    }

    var map = L.map(element, { zoomSnap: 0.5, preferCanvas: false }).setView([51.56, 5.08], 10);
    window.WeerbaarBasemap.attach(map, {
      tilesUrl: data.tilesUrl,
      attribution: data.tilesAttribution,
      boundariesUrl: data.boundariesUrl,
      note: document.querySelector("[data-map-note]"),
      noteText: data.textOffline,
    });

    var points = L.featureGroup().addTo(map);

    function text(value) {
      var span = document.createElement("span");
      span.textContent = value;
      return span;
    }

    function popup(properties) {
      var box = document.createElement("div");
      var link = document.createElement("a");
      link.href = properties.url;
      link.textContent = (data.labelOpen || "Open") + " " + properties.number;
      box.appendChild(link);
      box.appendChild(document.createElement("br"));
      box.appendChild(text(properties.phenomenon + " · " + properties.status));
      box.appendChild(document.createElement("br"));
      box.appendChild(text(properties.municipality + " · " + properties.received));
      if (properties.approximate) {
        box.appendChild(document.createElement("br"));
        box.appendChild(text("(" + (data.labelApproximate || "approximate") + ")"));
      }
      return box;
    }

    function json(url) {
      return fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json" } }).then(
        function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        }
      );
    }

    json(data.geojsonUrl)
      .then(function (geojson) {
        (geojson.features || []).forEach(function (feature) {
          var c = feature.geometry.coordinates;
          var marker = L.circleMarker([c[1], c[0]], {
            radius: 7,
            color: "#ffffff",
            weight: 2,
            fillColor: feature.properties.approximate ? "#8a5a00" : "#b00020",
            fillOpacity: 0.9,
          });
          marker.bindPopup(popup(feature.properties));
          marker.addTo(points);
        });
        if (points.getLayers().length > 0) {
          map.fitBounds(points.getBounds(), { padding: [30, 30], maxZoom: 14 });
        }
      })
      .catch(function () {
        element.setAttribute("aria-busy", "false");
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
