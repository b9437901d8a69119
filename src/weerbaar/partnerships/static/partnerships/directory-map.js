/*
 * SPDX-License-Identifier: EUPL-1.2
 *
 * Who is active where in a partnership: its area and each directory entry's point on a Leaflet map. A
 * progressive enhancement of the table below it (the table is the content). The base layers come from
 * basemap.js (PDOK, or the municipal boundaries offline). No inline script: everything arrives through
 * data attributes (strict CSP). Contact details never reach the map: its data has organisations only.
 */
(function () {
  "use strict";

  var AREA_STYLE = { color: "#1f4e79", weight: 2, fillColor: "#1f4e79", fillOpacity: 0.08, interactive: false };

  function start() {
    var element = document.getElementById("directory-map");
    if (!element || typeof window.L === "undefined") {
      return;
    }
    var L = window.L;
    var data = element.dataset;
    element.textContent = "";

    var map = L.map(element, { zoomSnap: 0.5 }).setView([51.6, 5.35], 10);
    window.WeerbaarBasemap.attach(map, {
      tilesUrl: data.tilesUrl,
      attribution: data.tilesAttribution,
      boundariesUrl: data.boundariesUrl,
      note: document.querySelector("[data-map-note]"),
      noteText: data.textOffline,
    });

    function popup(properties) {
      var box = document.createElement("div");
      var link = document.createElement("a");
      link.href = "#" + properties.anchor;
      link.textContent = properties.organisation;
      box.appendChild(link);
      box.appendChild(document.createElement("br"));
      var kind = document.createElement("span");
      kind.textContent = properties.type + (properties.expertise ? " · " + properties.expertise : "");
      box.appendChild(kind);
      return box;
    }

    fetch(data.geojsonUrl, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (geojson) {
        var area = null;
        var points = L.featureGroup().addTo(map);
        (geojson.features || []).forEach(function (feature) {
          if (feature.properties.kind === "area") {
            area = L.geoJSON(feature, { style: AREA_STYLE }).addTo(map);
            return;
          }
          var c = feature.geometry.coordinates;
          L.circleMarker([c[1], c[0]], {
            radius: 7,
            color: "#ffffff",
            weight: 2,
            fillColor: "#b00020",
            fillOpacity: 0.9,
          })
            .bindPopup(popup(feature.properties))
            .addTo(points);
        });
        var bounds = area ? area.getBounds() : points.getLayers().length ? points.getBounds() : null;
        if (bounds) {
          map.fitBounds(bounds, { padding: [20, 20], maxZoom: 13 });
        }
      })
      .catch(function () {
        /* The table below holds the same information. */
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
