/*
 * SPDX-License-Identifier: EUPL-1.2
 *
 * Optional map picker for the reporting forms. Without JavaScript the reporter gives an address or
 * the municipality; with it, a click (or the "centre" button, for keyboard users) fills the hidden
 * latitude/longitude fields and selects "Point on the map". The base layer is the municipal boundaries
 * served by this application, so the map works offline and sends nothing to a tile server.
 */
(function () {
  "use strict";

  var NL_BOUNDS = [[50.7, 3.3], [53.6, 7.3]];

  function round5(value) {
    return Math.round(value * 100000) / 100000;
  }

  function init(container) {
    if (typeof window.L === "undefined") {
      return;
    }
    var form = container.closest("form");
    var lat = form.querySelector("[data-map=latitude]");
    var lon = form.querySelector("[data-map=longitude]");
    var canvas = container.querySelector("[data-map-canvas]");
    var status = container.querySelector("[data-map-status]");
    var pointRadio = form.querySelector("input[name=location_kind][value=punt]");
    var L = window.L;

    container.hidden = false;
    var map = L.map(canvas, { attributionControl: false, keyboard: true, maxBounds: NL_BOUNDS, minZoom: 6 });
    map.fitBounds(NL_BOUNDS);
    var marker = null;

    function inNetherlands(latlng) {
      return latlng.lat >= 50.7 && latlng.lat <= 53.6 && latlng.lng >= 3.3 && latlng.lng <= 7.3;
    }

    function show(latlng) {
      if (marker === null) {
        marker = L.circleMarker(latlng, { radius: 9, weight: 3, color: "#b3261e", fillOpacity: 0.6 }).addTo(map);
      } else {
        marker.setLatLng(latlng);
      }
      status.textContent = status.dataset.textChosen
        .replace("%(lat)s", round5(latlng.lat).toFixed(5))
        .replace("%(lon)s", round5(latlng.lng).toFixed(5));
    }

    function choose(latlng) {
      if (!inNetherlands(latlng)) {
        return;
      }
      lat.value = round5(latlng.lat).toFixed(5);
      lon.value = round5(latlng.lng).toFixed(5);
      if (pointRadio) {
        pointRadio.checked = true;
      }
      show(latlng);
    }

    if (lat.value && lon.value) {
      var start = L.latLng(parseFloat(lat.value), parseFloat(lon.value));
      show(start);
      map.setView(start, 12);
    }

    map.on("click", function (event) {
      choose(event.latlng);
    });
    container.querySelector("[data-map-centre]").addEventListener("click", function () {
      choose(map.getCenter());
    });
    container.querySelector("[data-map-clear]").addEventListener("click", function () {
      lat.value = "";
      lon.value = "";
      if (marker !== null) {
        map.removeLayer(marker);
        marker = null;
      }
      status.textContent = status.dataset.textNone;
    });

    fetch(container.dataset.geojsonUrl, { credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data) {
          L.geoJSON(data, {
            interactive: false,
            style: { color: "#4a4a4a", weight: 1, fillColor: "#e8efe4", fillOpacity: 0.6 },
          }).addTo(map);
          if (marker !== null) {
            marker.bringToFront();
          }
        }
      })
      .catch(function () {
        /* The boundaries are a convenience; the picker works without them. */
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-location-picker]").forEach(init);
  });
})();
