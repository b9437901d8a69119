/*
 * SPDX-License-Identifier: EUPL-1.2
 *
 * Draws the network of a case or signal with Cytoscape.js from the JSON in #network-data: one node per
 * person or thing (its mentions in the details), contexts as squares, hits outside one's access as dashed
 * diamonds without content. The legend and filters beside the graph are shown only with JavaScript; the
 * filters hide nodes, lines and table rows alike. Without JavaScript only the table is shown, complete.
 */
(function () {
  "use strict";

  // Shapes and colours per node kind; the legend in network.css draws the same (keep the two in step).
  var NODE_STYLES = {
    context: { shape: "round-rectangle", colour: "#1d3b5a", width: 34, height: 24 },
    persoon: { shape: "ellipse", colour: "#1c5a92" },
    bedrijf: { shape: "hexagon", colour: "#6a3d9a" },
    adres: { shape: "triangle", colour: "#2b6b34" },
    voertuig: { shape: "pentagon", colour: "#8a4b08" },
    telefoon: { shape: "octagon", colour: "#00695c" },
    email: { shape: "vee", colour: "#a3264b" },
    iban: { shape: "star", colour: "#4e5d1a" },
  };
  var LINE = { named_in: "#8a96a3", certain: "#1d3b5a", likely: "#1c5a92", possible: "#8a5a00", hit: "#5f6d7b" };

  function styles() {
    var list = [
      {
        selector: "node",
        style: {
          label: "data(label)",
          "font-size": 12,
          color: "#1a2430",
          "text-wrap": "ellipsis",
          "text-max-width": 130,
          "text-valign": "bottom",
          "text-halign": "center",
          "text-margin-y": 5,
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.9,
          "text-background-padding": 2,
          "text-background-shape": "round-rectangle",
          "background-color": NODE_STYLES.persoon.colour,
          width: 24,
          height: 24,
        },
      },
      { selector: 'node[kind = "context"]', style: { "font-weight": "bold" } },
      {
        selector: 'node[kind = "hit"]',
        style: { shape: "diamond", "background-color": "#ffffff", "border-width": 2, "border-style": "dashed", "border-color": LINE.hit },
      },
      { selector: "edge", style: { width: 1.5, "curve-style": "bezier", "line-color": LINE.named_in } },
      { selector: 'edge[strength = "certain"]', style: { width: 5, "line-color": LINE.certain } },
      { selector: 'edge[strength = "likely"]', style: { width: 3, "line-color": LINE.likely } },
      { selector: 'edge[strength = "possible"]', style: { width: 2.5, "line-style": "dashed", "line-color": LINE.possible } },
      { selector: 'edge[relation = "hit"]', style: { width: 2, "line-style": "dotted", "line-color": LINE.hit } },
      { selector: ":selected", style: { "overlay-color": "#1c5a92", "overlay-opacity": 0.25, "overlay-padding": 6 } },
      { selector: ".filtered", style: { display: "none" } },
    ];
    Object.keys(NODE_STYLES).forEach(function (kind) {
      var s = NODE_STYLES[kind];
      var selector = kind === "context" ? 'node[kind = "context"]' : 'node[kind = "subject"][group = "' + kind + '"]';
      var style = { shape: s.shape, "background-color": s.colour };
      if (s.width) {
        style.width = s.width;
        style.height = s.height;
      }
      list.push({ selector: selector, style: style });
    });
    return list;
  }

  function overlaps(cy) {
    var boxes = cy.nodes(":visible").map(function (n) {
      return n.boundingBox({ includeLabels: true });
    });
    var count = 0;
    for (var i = 0; i < boxes.length; i += 1) {
      for (var j = i + 1; j < boxes.length; j += 1) {
        var a = boxes[i];
        var b = boxes[j];
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) {
          count += 1;
        }
      }
    }
    return count;
  }

  function layOut(cy) {
    cy.layout({
      name: "cose",
      animate: false,
      padding: 24,
      nodeDimensionsIncludeLabels: true,
      nodeRepulsion: function () {
        return 60000;
      },
      idealEdgeLength: function () {
        return 90;
      },
      nodeOverlap: 40,
      componentSpacing: 80,
      numIter: 2500,
    }).run();
    if (overlaps(cy) > 0) {
      // The force layout is not guaranteed free of overlaps; rings by kind are (contexts inside, hits outside).
      cy.layout({
        name: "concentric",
        animate: false,
        padding: 24,
        avoidOverlap: true,
        nodeDimensionsIncludeLabels: true,
        minNodeSpacing: 16,
        concentric: function (node) {
          return { context: 3, subject: 2, hit: 1 }[node.data("kind")] || 0;
        },
        levelWidth: function () {
          return 1;
        },
      }).run();
    }
  }

  function element(tag, text) {
    var el = document.createElement(tag);
    if (text) {
      el.textContent = text;
    }
    return el;
  }

  function showDetails(panel, target) {
    panel.replaceChildren();
    var data = target.data();
    if (target.isNode()) {
      panel.appendChild(element("h3", data.label)).className = "utrecht-heading-4";
      if (data.mentions && data.mentions.length) {
        panel.appendChild(element("p", panel.dataset.mentions)).className = "utrecht-paragraph";
        var list = panel.appendChild(element("ul"));
        list.className = "utrecht-unordered-list";
        data.mentions.forEach(function (m) {
          list.appendChild(element("li", m.label + " — " + m.context)).className = "utrecht-unordered-list__item";
        });
      }
    } else {
      var ends = target.source().data("label") + " — " + target.target().data("label");
      panel.appendChild(element("h3", ends)).className = "utrecht-heading-4";
      var text = data.relationLabel + (data.strengthText ? ": " + data.strengthText : "");
      panel.appendChild(element("p", text)).className = "utrecht-paragraph";
      if (data.explanation && data.explanation.length) {
        var why = panel.appendChild(element("ul"));
        why.className = "utrecht-unordered-list";
        data.explanation.forEach(function (c) {
          why.appendChild(element("li", c.label + ": " + c.bits + " bits")).className = "utrecht-unordered-list__item";
        });
      }
    }
    panel.hidden = false;
  }

  function unchecked(form, name) {
    var off = {};
    form.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
      if (!box.checked) {
        off[box.value] = true;
      }
    });
    return off;
  }

  function applyFilters(cy, form, status) {
    var kinds = unchecked(form, "kind");
    var strengths = unchecked(form, "strength");
    cy.batch(function () {
      cy.nodes().forEach(function (n) {
        var kind = n.data("kind") === "hit" ? "hit" : n.data("kind") === "subject" ? n.data("group") : "";
        n.toggleClass("filtered", Boolean(kinds[kind]));
      });
      cy.edges().forEach(function (e) {
        e.toggleClass("filtered", Boolean(strengths[e.data("strength")]));
      });
    });
    var rows = document.querySelectorAll("[data-testid=network-table] tbody tr[data-relation]");
    var shown = 0;
    rows.forEach(function (row) {
      var hidden = Boolean(strengths[row.dataset.strength]) || (row.dataset.relation === "hit" && kinds.hit);
      (row.dataset.kinds || "").split(" ").forEach(function (kind) {
        hidden = hidden || Boolean(kinds[kind]);
      });
      row.hidden = hidden;
      shown += hidden ? 0 : 1;
    });
    status.textContent = status.dataset.template.replace("{shown}", shown).replace("{total}", rows.length);
  }

  function start() {
    var container = document.getElementById("network-graph");
    var data = document.getElementById("network-data");
    if (!container || !data || typeof window.cytoscape !== "function") {
      return;
    }
    var elements = JSON.parse(data.textContent);
    container.hidden = false;
    var controls = document.getElementById("network-controls");
    controls.hidden = false;
    var cy = window.cytoscape({
      container: container,
      elements: elements.nodes.concat(elements.edges),
      wheelSensitivity: 0.2,
      style: styles(),
    });
    layOut(cy);
    cy.fit(undefined, 24);
    if (cy.zoom() < 0.6 || cy.zoom() > 1.4) {
      // Labels stay readable: a small network is not blown up, a big one is not shrunk to dots (pan to see it).
      cy.zoom({ level: Math.min(1.4, Math.max(0.6, cy.zoom())), position: { x: cy.width() / 2, y: cy.height() / 2 } });
      cy.center();
    }
    window.weerbaarNetwork = cy; // read by the browser test (label overlap)
    var panel = document.getElementById("network-details");
    cy.on("tap", "node, edge", function (event) {
      showDetails(panel, event.target);
    });
    var form = controls.querySelector("form");
    var status = document.getElementById("network-filter-status");
    form.addEventListener("change", function () {
      applyFilters(cy, form, status);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
