/*
 * SPDX-License-Identifier: EUPL-1.2
 *
 * Draws the network of a case or signal with Cytoscape.js from the JSON in #network-data. The table
 * below the graph holds the same links and is the accessible equivalent; without JavaScript only the
 * table is shown. Hits outside one's access are drawn as dashed grey nodes without content.
 */
(function () {
  "use strict";

  var COLOURS = {
    context: "#1d3b5a",
    subject: "#1c5a92",
    hit: "#5f6d7b",
    same: "#1d3b5a",
    possible: "#8a5a00",
    named_in: "#86919c",
  };

  function start() {
    var container = document.getElementById("network-graph");
    var data = document.getElementById("network-data");
    if (!container || !data || typeof window.cytoscape !== "function") {
      return;
    }
    var elements = JSON.parse(data.textContent);
    container.hidden = false;
    window.cytoscape({
      container: container,
      elements: elements.nodes.concat(elements.edges),
      wheelSensitivity: 0.2,
      layout: { name: "cose", animate: false, padding: 24, nodeRepulsion: 9000, idealEdgeLength: 110 },
      style: [
        {
          selector: "node",
          style: {
            label: "data(label)",
            "font-size": 11,
            color: "#1a2430",
            "text-wrap": "wrap",
            "text-max-width": 150,
            "text-valign": "bottom",
            "text-margin-y": 4,
            "background-color": COLOURS.subject,
            width: 22,
            height: 22,
          },
        },
        { selector: 'node[kind = "context"]', style: { shape: "round-rectangle", "background-color": COLOURS.context, width: 34, height: 24 } },
        { selector: 'node[kind = "hit"]', style: { shape: "diamond", "background-color": "#ffffff", "border-width": 2, "border-style": "dashed", "border-color": COLOURS.hit } },
        { selector: "edge", style: { width: 2, "curve-style": "bezier", "line-color": COLOURS.named_in, label: "data(label)", "font-size": 9, color: "#4a5868" } },
        { selector: 'edge[relation = "same"]', style: { width: 4, "line-color": COLOURS.same } },
        { selector: 'edge[relation = "possible"]', style: { "line-style": "dashed", "line-color": COLOURS.possible } },
        { selector: 'edge[relation = "hit"]', style: { "line-style": "dotted", "line-color": COLOURS.hit } },
        { selector: 'edge[relation = "named_in"]', style: { label: "" } },
      ],
    });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
