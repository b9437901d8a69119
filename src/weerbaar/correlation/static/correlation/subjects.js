/*
 * SPDX-License-Identifier: EUPL-1.2
 *
 * Subject rows: show only the fields of the chosen kind. Without JavaScript all groups stay visible,
 * each under its own heading, and the server ignores the fields of other kinds.
 */
(function () {
  "use strict";

  function update(row) {
    var select = row.querySelector("[data-subject-kind]");
    var kind = select ? select.value : "";
    row.querySelectorAll("[data-kind]").forEach(function (group) {
      group.hidden = group.dataset.kind !== kind;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-subject]").forEach(function (row) {
      var select = row.querySelector("[data-subject-kind]");
      if (!select) {
        return;
      }
      select.addEventListener("change", function () {
        update(row);
      });
      update(row);
    });
  });
})();
