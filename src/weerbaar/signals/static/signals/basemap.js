/*
 * SPDX-License-Identifier: EUPL-1.2
 *
 * The base layers every signals map shares. PDOK's background map comes straight from PDOK when the page
 * names a tile URL; when its first tiles do not load (no internet, a blocked host) the map falls back to the
 * municipal boundaries served by this application, with the municipality names as labels from a zoom level
 * on, and a polite note above the map says which map the user sees. Everything the page wants to say
 * arrives through data attributes (strict CSP: no inline script).
 */
window.WeerbaarBasemap = (function () {
  "use strict";

  // Below this zoom the 340-odd names overlap into noise.
  var LABEL_MIN_ZOOM = 10;
  // A tile server that neither answers nor refuses would leave a blank map for ever.
  var TILE_TIMEOUT_MS = 8000;
  var OFFLINE_STYLE = { color: "#4a4a4a", weight: 1, fillColor: "#e8efe4", fillOpacity: 0.6 };
  var OVERLAY_STYLE = { color: "#1f4e79", weight: 1, fillOpacity: 0 };

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json" } }).then(
      function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      }
    );
  }

  // The centroid of the largest outer ring: a municipality with islands is labelled on its mainland.
  function labelPoint(geometry) {
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    var best = null;
    var bestArea = 0;
    polygons.forEach(function (polygon) {
      var ring = polygon[0];
      var area = 0;
      var cx = 0;
      var cy = 0;
      for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        var cross = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
        area += cross;
        cx += (ring[j][0] + ring[i][0]) * cross;
        cy += (ring[j][1] + ring[i][1]) * cross;
      }
      if (Math.abs(area) > bestArea) {
        bestArea = Math.abs(area);
        best = [cy / (3 * area), cx / (3 * area)];
      }
    });
    return best;
  }

  /*
   * options: tilesUrl, attribution, boundariesUrl, note (element or null), noteText.
   * Returns { areas: Promise<[{name, code, bounds}]>, isOffline: function }.
   */
  function attach(map, options) {
    var L = window.L;
    var offline = !options.tilesUrl;
    var tiles = null;
    // The areas share the overlay pane with the markers (drawn first, so below them); a separate pane for
    // them left Leaflet's renderer drawing nothing visible. The names get a pane of their own above the
    // areas' fill, placed below the centre where a signal without a point is drawn. Leaflet's stylesheet
    // comes after ours, so the pane's order is set here rather than in app.css.
    var labelPane = map.createPane("weerbaarLabels");
    labelPane.style.zIndex = "450";
    labelPane.setAttribute("aria-hidden", "true");
    var labels = L.layerGroup();
    var boundaries = L.geoJSON(null, {
      interactive: false,
      style: function () {
        return offline ? OFFLINE_STYLE : OVERLAY_STYLE;
      },
    }).addTo(map);

    function updateLabels() {
      var show = offline && map.getZoom() >= LABEL_MIN_ZOOM;
      if (show && !map.hasLayer(labels)) {
        labels.addTo(map);
      } else if (!show && map.hasLayer(labels)) {
        map.removeLayer(labels);
      }
    }

    function goOffline() {
      if (offline) {
        return;
      }
      offline = true;
      map.removeLayer(tiles);
      boundaries.setStyle(OFFLINE_STYLE);
      if (options.note) {
        options.note.hidden = false;
        // Filled after it is shown, so screen readers announce the change of an existing live region.
        window.setTimeout(function () {
          options.note.textContent = options.noteText;
        }, 50);
      }
      updateLabels();
    }

    if (options.tilesUrl) {
      var loaded = false;
      tiles = L.tileLayer(options.tilesUrl, { maxZoom: 19, attribution: options.attribution || "" });
      tiles.on("tileload", function () {
        loaded = true;
      });
      tiles.on("tileerror", function () {
        if (!loaded) {
          goOffline();
        }
      });
      tiles.addTo(map);
      tiles.bringToBack();
      window.setTimeout(function () {
        if (!loaded) {
          goOffline();
        }
      }, TILE_TIMEOUT_MS);
    }

    map.on("zoomend", updateLabels);

    var areas = fetchJson(options.boundariesUrl)
      .then(function (geojson) {
        boundaries.addData(geojson);
        boundaries.bringToBack();
        var found = [];
        boundaries.eachLayer(function (layer) {
          var properties = layer.feature.properties;
          var point = labelPoint(layer.feature.geometry);
          if (point !== null) {
            L.tooltip({
              permanent: true,
              direction: "center",
              // Below the centre, where a signal without a point is drawn.
              offset: [0, 16],
              className: "weerbaar-map-label",
              interactive: false,
              pane: "weerbaarLabels",
            })
              .setLatLng(point)
              .setContent(properties.naam)
              .addTo(labels);
          }
          found.push({ name: properties.naam, code: properties.code, bounds: layer.getBounds() });
        });
        updateLabels();
        return found;
      })
      .catch(function () {
        /* The boundaries are a convenience: markers and forms work without them. */
        return [];
      });

    return {
      areas: areas,
      isOffline: function () {
        return offline;
      },
    };
  }

  return { attach: attach };
})();
