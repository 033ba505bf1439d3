/*
 * Backend Atlas: sortable, filterable comparison tables.
 *
 * Enhances every `.atlas-table` rendered by the data macros: each column
 * header becomes a button that sorts the rows (announced through aria-sort),
 * and a search box above the table hides rows that do not match. Without
 * JavaScript, and in print, the table is shown complete and unchanged.
 * Served from the site itself; no dependencies.
 */
(function () {
  "use strict";

  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  var counter = 0;

  function sortKey(cell) {
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  function enhance(container) {
    if (container.hasAttribute("data-enhanced")) return;
    var table = container.querySelector("table");
    if (!table || !table.tHead || !table.tBodies.length) return;
    container.setAttribute("data-enhanced", "");
    var tbody = table.tBodies[0];
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var rows = Array.prototype.slice.call(tbody.rows);
    var caption = table.caption ? table.caption.textContent.trim() : "table";

    counter += 1;
    var inputId = "atlas-filter-" + counter;
    var filter = document.createElement("div");
    filter.className = "atlas-table-filter";
    var label = document.createElement("label");
    label.htmlFor = inputId;
    label.textContent = "Filter rows";
    var input = document.createElement("input");
    input.type = "search";
    input.id = inputId;
    input.autocomplete = "off";
    input.setAttribute("aria-label", "Filter rows of: " + caption);
    var status = document.createElement("span");
    status.className = "atlas-table-status";
    status.setAttribute("role", "status");
    filter.appendChild(label);
    filter.appendChild(input);
    filter.appendChild(status);
    container.insertBefore(filter, container.firstChild);

    input.addEventListener("input", function () {
      var query = input.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var match = !query || row.textContent.toLowerCase().indexOf(query) !== -1;
        row.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = query ? shown + " of " + rows.length + " rows shown" : "";
    });

    headers.forEach(function (header, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "atlas-sort";
      while (header.firstChild) button.appendChild(header.firstChild);
      header.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var order = collator.compare(sortKey(a.cells[index]), sortKey(b.cells[index]));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { tbody.appendChild(row); });
      });
    });
  }

  function enhanceAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".atlas-table"), enhance);
  }

  // Material's instant navigation swaps pages without a reload: document$
  // emits on every page; without it, run once when the page is ready.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhanceAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
