/*
 * SPDX-License-Identifier: EUPL-1.2
 *
 * Optional map picker for the reporting forms. Without JavaScript the reporter gives an address or
 * the municipality; with it, a click (or the "centre" button, for keyboard users) fills the hidden
 * latitude/longitude fields and selects "Point on the map". The base layers come from basemap.js (PDOK's
 * background map, or the municipal boundaries with their names when PDOK cannot be reached).
 *
 * The search box asks PDOK's Locatieserver straight from the browser, and only when the user presses
 * Search; the field has no name, so the term is never part of the report sent to this application. When
 * the Locatieserver is not configured or not reachable, it searches the municipality names of the boundaries.
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
    var map = L.map(canvas, { keyboard: true, maxBounds: NL_BOUNDS, minZoom: 6 });
    map.attributionControl.setPrefix(false);
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

    var basemap = window.WeerbaarBasemap.attach(map, {
      tilesUrl: container.dataset.tilesUrl,
      attribution: container.dataset.tilesAttribution,
      boundariesUrl: container.dataset.geojsonUrl,
      note: container.querySelector("[data-map-note]"),
      noteText: container.dataset.textOffline,
    });
    basemap.areas.then(function () {
      if (marker !== null) {
        marker.bringToFront();
      }
    });

    var searchBox = container.querySelector("[data-map-search-box]");
    if (searchBox) {
      initSearch(searchBox, map, basemap.areas, form, choose);
    }
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, key) {
      return key in values ? String(values[key]) : match;
    });
  }

  // Case and accents do not matter: "sudwest" finds "Súdwest-Fryslân".
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // The Locatieserver gives its centre as WKT: "POINT(5.08 51.56)".
  function parsePoint(wkt) {
    var match = /POINT\(([-\d.]+) ([-\d.]+)\)/.exec(wkt || "");
    return match ? window.L.latLng(parseFloat(match[2]), parseFloat(match[1])) : null;
  }

  function initSearch(box, map, areas, form, choose) {
    var input = box.querySelector("[data-map-search-input]");
    var status = box.querySelector("[data-map-search-status]");
    var list = box.querySelector("[data-map-search-results]");
    var select = form.querySelector("[data-municipality-select]");
    var remoteUrl = box.dataset.searchUrl;
    var remoteDown = false;
    var texts = box.dataset;

    function show(results, intro) {
      list.replaceChildren();
      results.forEach(function (result) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "utrecht-button utrecht-button--subtle";
        button.textContent = result.label;
        button.addEventListener("click", function () {
          result.go();
          list.replaceChildren();
          status.textContent = format(texts.textMoved, { name: result.label });
        });
        item.appendChild(button);
        list.appendChild(item);
      });
      var message = results.length ? format(texts.textFound, { count: results.length }) : texts.textNone;
      status.textContent = intro ? intro + " " + message : message;
    }

    function selectMunicipality(name) {
      if (!select) {
        return;
      }
      Array.prototype.forEach.call(select.options, function (option) {
        if (option.textContent.trim() === name) {
          select.value = option.value;
        }
      });
    }

    function searchLocally(term, intro) {
      var wanted = fold(term);
      areas.then(function (found) {
        var matches = found
          .filter(function (area) {
            return fold(area.name).indexOf(wanted) !== -1;
          })
          .sort(function (a, b) {
            // Names that start with the term first: "Tilburg" before "Oisterwijk-Tilburg".
            return fold(a.name).indexOf(wanted) - fold(b.name).indexOf(wanted) || a.name.localeCompare(b.name);
          })
          .slice(0, 5);
        show(
          matches.map(function (area) {
            return {
              label: area.name,
              go: function () {
                map.fitBounds(area.bounds);
                selectMunicipality(area.name);
              },
            };
          }),
          intro
        );
      });
    }

    function searchRemotely(term) {
      var url = remoteUrl + "?q=" + encodeURIComponent(term) + "&rows=5";
      return fetch(url, { credentials: "omit", referrerPolicy: "no-referrer" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          var docs = (data.response && data.response.docs) || [];
          var results = [];
          docs.forEach(function (doc) {
            var point = parsePoint(doc.centroide_ll);
            if (point !== null) {
              results.push({
                label: doc.weergavenaam,
                go: function () {
                  map.setView(point, doc.type === "adres" ? 17 : 13);
                  choose(point);
                },
              });
            }
          });
          show(results, "");
        });
    }

    function run() {
      var term = input.value.trim();
      if (term.length < 2) {
        list.replaceChildren();
        status.textContent = texts.textShort;
        return;
      }
      if (remoteUrl && !remoteDown) {
        searchRemotely(term).catch(function () {
          remoteDown = true;
          searchLocally(term, texts.textLocal);
        });
      } else {
        searchLocally(term, remoteUrl ? texts.textLocal : "");
      }
    }

    box.querySelector("[data-map-search]").addEventListener("click", run);
    input.addEventListener("keydown", function (event) {
      // Enter would submit the whole report: here it means "search".
      if (event.key === "Enter") {
        event.preventDefault();
        run();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-location-picker]").forEach(init);
  });
})();
