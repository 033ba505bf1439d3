/*
 * Backend Atlas: comparison tables a reader can scan.
 *
 * Enhances every `.atlas-table` that the data macros render, driven only by
 * what the macros put in the markup:
 *   - `data-key` on a column header names the column (for the address bar);
 *   - `data-facet` marks a column whose values come from a fixed set: it gets
 *     a filter with one checkbox per value and the number of rows for each;
 *   - `data-long` marks long text: hidden in the compact view, shown in a
 *     row's details and in the comparison;
 *   - `data-source` on the table names its data file: rows of every table on
 *     the page with the same source are compared together (a framework's
 *     fields and its capabilities).
 * The reader gets a text filter, facet filters, a column chooser, sortable
 * headers (aria-sort), row details, and a side-by-side comparison of 2 to 4
 * rows. Every change is announced in a live region and kept in the address
 * (`?<dataset>.<what>=...`; a second table of one dataset is `<dataset>-2`),
 * so a view can be shared and Back undoes it.
 * Without JavaScript, and in print, the table is shown complete and unchanged.
 * Served from the site itself; no dependencies.
 */
(function () {
  "use strict";

  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  var MAX_COMPARE = 4;
  var instances = [];

  function make(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (name) {
      if (name === "text") node.textContent = props[name];
      else if (name === "className") node.className = props[name];
      else node.setAttribute(name, props[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function words(node) {
    return node.textContent.replace(/\s+/g, " ").trim();
  }

  /* What a cell says, for comparing two cells: its words and its marks' words. */
  function meaning(cell) {
    var marks = Array.prototype.map.call(cell.querySelectorAll("[title]"), function (n) {
      return n.getAttribute("title");
    });
    return words(cell).replace(/\[\d+\]/g, "") + "|" + marks.join("|");
  }

  /* A copy of a cell's contents for another place: no ids, marks spelled out. */
  function copyOf(cell) {
    var holder = make("div");
    Array.prototype.forEach.call(cell.childNodes, function (child) {
      holder.appendChild(child.cloneNode(true));
    });
    Array.prototype.forEach.call(holder.querySelectorAll("[id]"), function (n) {
      n.removeAttribute("id");
    });
    Array.prototype.forEach.call(holder.querySelectorAll(".atlas-row-tools"), function (n) {
      n.remove();
    });
    Array.prototype.forEach.call(holder.querySelectorAll(".atlas-cap[title]"), function (mark) {
      var said = make("span", { className: "atlas-cap-words", "aria-hidden": "true" });
      said.textContent = " " + mark.getAttribute("title");
      mark.after(said);
    });
    return holder;
  }

  function sortKey(cell) {
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : words(cell);
  }

  function Table(container, number, key) {
    var self = this;
    var table = container.querySelector("table");
    this.container = container;
    this.table = table;
    this.tbody = table.tBodies[0];
    this.dataset = container.getAttribute("data-dataset") || "table" + number;
    this.key = key;
    this.source = container.getAttribute("data-source") || this.dataset;
    this.caption = table.caption ? words(table.caption) : "table";
    this.prefix = "atlas-t" + number;
    this.columns = Array.prototype.map.call(table.tHead.rows[0].cells, function (th, index) {
      return {
        index: index,
        th: th,
        key: th.getAttribute("data-key") || "c" + index,
        label: words(th),
        facet: th.hasAttribute("data-facet"),
        long: th.hasAttribute("data-long"),
      };
    });
    this.rows = Array.prototype.map.call(this.tbody.rows, function (tr, index) {
      var id = tr.id && tr.id.indexOf(self.dataset + "-") === 0
        ? tr.id.slice(self.dataset.length + 1) : "r" + index;
      var head = tr.querySelector('th[scope="row"]') || tr.cells[0];
      var row = { tr: tr, id: id, head: head, name: words(head), text: tr.textContent.toLowerCase(),
                  values: {}, detail: null, open: false };
      self.columns.forEach(function (column) {
        if (!column.facet) return;
        var cell = tr.cells[column.index];
        var items = cell.querySelectorAll("li");
        var values = items.length ? Array.prototype.map.call(items, words) : [words(cell)];
        row.values[column.key] = values.filter(function (v) { return v; });
      });
      return row;
    });
    this.byId = {};
    this.rows.forEach(function (row) { self.byId[row.id] = row; });
    this.state = this.defaults();
    this.build();
  }

  Table.prototype.defaults = function () {
    return {
      q: "",
      facets: {},
      cols: this.defaultColumns(),
      sort: null,
      pick: [],
      compare: false,
    };
  };

  Table.prototype.defaultColumns = function () {
    return this.columns.filter(function (c) { return c.index === 0 || !c.long; })
      .map(function (c) { return c.key; });
  };

  /* ---- building the controls ---------------------------------------- */

  Table.prototype.build = function () {
    var self = this;
    var p = this.prefix;
    this.container.setAttribute("data-enhanced", "");

    this.input = make("input", { type: "search", id: p + "-q", autocomplete: "off",
                                 "aria-label": "Filter rows of: " + this.caption });
    this.input.addEventListener("input", function () {
      self.state.q = self.input.value;
      self.apply("filter");
      self.save(false);
    });
    var filter = make("div", { className: "atlas-table-filter" }, [
      make("label", { for: p + "-q", text: "Filter rows" }), this.input,
    ]);

    var menus = make("div", { className: "atlas-table-menus" });
    this.facetBoxes = {};
    this.columns.forEach(function (column) {
      if (column.facet) menus.appendChild(self.facetMenu(column));
    });
    menus.appendChild(this.columnMenu());

    this.pickStatus = make("span", { className: "atlas-pick-status" });
    this.compareButton = make("button", { type: "button", className: "atlas-button",
                                          text: "Compare" });
    this.compareButton.addEventListener("click", function () {
      self.state.compare = true;
      self.apply("compare");
      self.save(true);
      self.panel.focus();
    });
    this.clearButton = make("button", { type: "button", className: "atlas-button",
                                        text: "Clear picks" });
    this.clearButton.addEventListener("click", function () {
      self.state.pick = [];
      self.state.compare = false;
      self.apply("pick");
      self.save(true);
      self.input.focus();
    });
    var bar = make("div", { className: "atlas-compare-bar" },
                   [this.pickStatus, this.compareButton, this.clearButton]);

    this.status = make("p", { className: "atlas-table-status", role: "status" });
    this.controls = make("div", { className: "atlas-table-controls" },
                         [filter, menus, bar, this.status]);
    this.panel = make("section", { className: "atlas-compare", id: p + "-compare",
                                   tabindex: "-1", "aria-labelledby": p + "-compare-title" });
    this.panel.hidden = true;
    this.container.insertBefore(this.panel, this.container.firstChild);
    this.container.insertBefore(this.controls, this.panel);

    this.columns.forEach(function (column) { self.sortButton(column); });
    this.rows.forEach(function (row) { self.rowTools(row); });
    this.columns.forEach(function (column) {
      if (column.index === 0) return;
      self.rows.forEach(function (row) {
        var cell = row.tr.cells[column.index];
        if (cell) cell.setAttribute("data-label", column.label);
      });
    });
    // A click outside an open menu closes it, as Escape does from inside.
    document.addEventListener("click", function (event) {
      Array.prototype.forEach.call(self.controls.querySelectorAll("details[open]"), function (d) {
        if (!d.contains(event.target)) d.open = false;
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      Array.prototype.forEach.call(self.controls.querySelectorAll("details[open]"), function (d) {
        if (!d.contains(document.activeElement)) return;
        d.open = false;
        d.querySelector("summary").focus();
      });
    });
  };

  Table.prototype.menu = function (title, body) {
    var summary = make("summary", { text: title });
    var details = make("details", { className: "atlas-menu" }, [summary, body]);
    var self = this;
    details.addEventListener("toggle", function () {
      if (!details.open) return;
      Array.prototype.forEach.call(self.controls.querySelectorAll("details[open]"), function (d) {
        if (d !== details) d.open = false;
      });
    });
    return details;
  };

  Table.prototype.facetMenu = function (column) {
    var self = this;
    var seen = {};
    this.rows.forEach(function (row) {
      row.values[column.key].forEach(function (v) { seen[v] = true; });
    });
    var values = Object.keys(seen).sort(collator.compare);
    var fieldset = make("fieldset", { className: "atlas-menu-body" },
                        [make("legend", { text: "Show rows whose " + column.label + " is" })]);
    var boxes = {};
    values.forEach(function (value, n) {
      var id = self.prefix + "-f-" + column.index + "-" + n;
      var box = make("input", { type: "checkbox", id: id, value: value });
      var count = make("span", { className: "atlas-count" });
      box.addEventListener("change", function () {
        var chosen = values.filter(function (v) { return boxes[v].box.checked; });
        if (chosen.length) self.state.facets[column.key] = chosen;
        else delete self.state.facets[column.key];
        self.apply("filter");
        self.save(true);
      });
      boxes[value] = { box: box, count: count };
      fieldset.appendChild(make("div", { className: "atlas-option" }, [
        box, make("label", { for: id }, [document.createTextNode(value + " "), count]),
      ]));
    });
    var details = this.menu(column.label, fieldset);
    this.facetBoxes[column.key] = { values: values, boxes: boxes,
                                    summary: details.querySelector("summary"), column: column };
    return details;
  };

  Table.prototype.columnMenu = function () {
    var self = this;
    var fieldset = make("fieldset", { className: "atlas-menu-body" },
                        [make("legend", { text: "Columns to show" })]);
    this.columnBoxes = {};
    this.columns.forEach(function (column) {
      var id = self.prefix + "-c-" + column.index;
      var box = make("input", { type: "checkbox", id: id });
      if (column.index === 0) box.disabled = true;
      box.addEventListener("change", function () {
        self.state.cols = self.columns.filter(function (c) {
          return c.index === 0 || self.columnBoxes[c.key].checked;
        }).map(function (c) { return c.key; });
        self.apply("columns", (box.checked ? "Shown: " : "Hidden: ") + column.label);
        self.save(true);
      });
      self.columnBoxes[column.key] = box;
      fieldset.appendChild(make("div", { className: "atlas-option" }, [
        box, make("label", { for: id, text: column.label }),
      ]));
    });
    var reset = make("button", { type: "button", className: "atlas-button", text: "Default columns" });
    reset.addEventListener("click", function () {
      self.state.cols = self.defaultColumns();
      self.apply("columns", "Default columns shown");
      self.save(true);
    });
    fieldset.appendChild(reset);
    return this.menu("Columns", fieldset);
  };

  Table.prototype.sortButton = function (column) {
    var self = this;
    var header = column.th;
    var button = make("button", { type: "button", className: "atlas-sort" });
    while (header.firstChild) button.appendChild(header.firstChild);
    header.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      self.state.sort = { key: column.key, descending: !ascending };
      self.apply("sort");
      self.save(true);
    });
  };

  Table.prototype.rowTools = function (row) {
    var self = this;
    var p = this.prefix;
    var pick = make("input", { type: "checkbox", className: "atlas-pick",
                               "aria-label": "Pick " + row.name + " to compare" });
    pick.addEventListener("change", function () {
      var picks = self.state.pick.filter(function (id) { return id !== row.id; });
      if (pick.checked) picks.push(row.id);
      self.state.pick = picks;
      self.apply("pick");
      self.save(true);
    });
    var expand = make("button", { type: "button", className: "atlas-expand",
                                  "aria-expanded": "false", "aria-controls": p + "-d-" + row.id,
                                  "aria-label": "Details of " + row.name });
    expand.addEventListener("click", function () {
      row.open = !row.open;
      self.renderDetails();
    });
    row.pick = pick;
    row.expand = expand;
    row.head.insertBefore(make("span", { className: "atlas-row-tools" }, [pick, expand]),
                          row.head.firstChild);
  };

  /* ---- showing the state -------------------------------------------- */

  Table.prototype.matches = function (row, except) {
    var state = this.state;
    var query = state.q.trim().toLowerCase();
    if (query && row.text.indexOf(query) === -1) return false;
    return Object.keys(state.facets).every(function (key) {
      if (key === except) return true;
      var have = row.values[key] || [];
      return state.facets[key].some(function (v) { return have.indexOf(v) !== -1; });
    });
  };

  Table.prototype.apply = function (what, said) {
    var self = this;
    var state = this.state;
    var shown = 0;
    this.input.value = state.q;

    // Sort first, so rows and their details move together.
    this.columns.forEach(function (c) { c.th.removeAttribute("aria-sort"); });
    var order = this.rows.slice();
    if (state.sort) {
      var column = this.columns.filter(function (c) { return c.key === state.sort.key; })[0];
      if (column) {
        column.th.setAttribute("aria-sort", state.sort.descending ? "descending" : "ascending");
        order.sort(function (a, b) {
          var result = collator.compare(sortKey(a.tr.cells[column.index]),
                                        sortKey(b.tr.cells[column.index]));
          return state.sort.descending ? -result : result;
        });
      }
    }
    // Moving a row would take the focus from a control inside it: only when the order changed.
    var now = Array.prototype.filter.call(this.tbody.rows, function (tr) {
      return !tr.classList.contains("atlas-detail");
    });
    if (order.some(function (row, n) { return now[n] !== row.tr; })) {
      order.forEach(function (row) {
        self.tbody.appendChild(row.tr);
        if (row.detail) self.tbody.appendChild(row.detail);
      });
    }

    this.rows.forEach(function (row) {
      row.tr.hidden = !self.matches(row);
      if (!row.tr.hidden) shown += 1;
    });

    // Facet counts: rows that would show with this value and every other filter.
    Object.keys(this.facetBoxes).forEach(function (key) {
      var facet = self.facetBoxes[key];
      var chosen = state.facets[key] || [];
      facet.values.forEach(function (value) {
        var n = self.rows.filter(function (row) {
          return row.values[key].indexOf(value) !== -1 && self.matches(row, key);
        }).length;
        facet.boxes[value].box.checked = chosen.indexOf(value) !== -1;
        facet.boxes[value].count.textContent = "(" + n + ")";
      });
      facet.summary.textContent = facet.column.label + (chosen.length ? " (" + chosen.length + ")" : "");
    });

    var visible = {};
    state.cols.forEach(function (key) { visible[key] = true; });
    this.columns.forEach(function (column) {
      var on = column.index === 0 || !!visible[column.key];
      self.columnBoxes[column.key].checked = on;
      column.th.classList.toggle("atlas-col-off", !on);
      self.rows.forEach(function (row) {
        var cell = row.tr.cells[column.index];
        if (cell) cell.classList.toggle("atlas-col-off", !on);
      });
    });

    var picked = state.pick.filter(function (id) { return self.byId[id]; });
    state.pick = picked;
    this.rows.forEach(function (row) {
      row.pick.checked = picked.indexOf(row.id) !== -1;
      row.pick.disabled = !row.pick.checked && picked.length >= MAX_COMPARE;
    });
    this.pickStatus.textContent = picked.length
      ? picked.length + " of " + MAX_COMPARE + " rows picked to compare"
      : "Tick 2 to " + MAX_COMPARE + " rows to compare them";
    this.compareButton.disabled = picked.length < 2;
    this.clearButton.disabled = picked.length === 0;
    if (picked.length < 2) state.compare = false;

    this.renderDetails();
    this.renderComparison();
    measureSoon();

    var message = said || "";
    if (what === "filter") {
      message = shown + " of " + this.rows.length + " rows shown";
    } else if (what === "sort" && state.sort) {
      var sorted = this.columns.filter(function (c) { return c.key === state.sort.key; })[0];
      message = "Sorted by " + sorted.label + ", " + (state.sort.descending ? "descending" : "ascending");
    } else if (what === "pick") {
      message = this.pickStatus.textContent;
    } else if (what === "compare" && state.compare) {
      message = "Comparing " + picked.map(function (id) { return self.byId[id].name; }).join(", ");
    } else if (what === "load" && shown !== this.rows.length) {
      message = shown + " of " + this.rows.length + " rows shown";
    }
    if (what !== "load" || message) this.status.textContent = message;
  };

  Table.prototype.hiddenColumns = function () {
    var visible = this.state.cols;
    return this.columns.filter(function (c) { return c.index !== 0 && visible.indexOf(c.key) === -1; });
  };

  /* Cells of ``row`` whose text is cut short on screen (clamped small type). */
  function clipped(row, columns) {
    return columns.filter(function (column) {
      var cell = row.tr.cells[column.index];
      return cell && Array.prototype.some.call(cell.querySelectorAll("small"), function (s) {
        return s.scrollWidth > s.clientWidth + 1;
      });
    });
  }

  Table.prototype.renderDetails = function () {
    var self = this;
    var off = this.hiddenColumns();
    var span = this.columns.length - off.length;
    var shown = this.columns.filter(function (c) { return c.index !== 0 && off.indexOf(c) === -1; });
    this.rows.forEach(function (row) {
      var hidden = off.concat(row.open ? clipped(row, shown) : []);
      row.expand.setAttribute("aria-expanded", row.open ? "true" : "false");
      if (!row.open) {
        if (row.detail) { row.detail.remove(); row.detail = null; }
        return;
      }
      var list = make("dl", { className: "atlas-detail-list" });
      hidden.forEach(function (column) {
        list.appendChild(make("dt", { text: column.label }));
        list.appendChild(make("dd", {}, [copyOf(row.tr.cells[column.index])]));
      });
      var said = hidden.length ? list : make("p", { text: "Every column is shown in the row." });
      var cell = make("td", { colspan: String(span) }, [said]);
      var detail = make("tr", { className: "atlas-detail", id: self.prefix + "-d-" + row.id }, [cell]);
      if (row.detail) row.detail.replaceWith(detail);
      else row.tr.after(detail);
      row.detail = detail;
      detail.hidden = row.tr.hidden;
    });
  };

  /* Every table on the page with the same source: this one first. */
  Table.prototype.related = function () {
    var self = this;
    enhanceWaiting(function (container) { return sourceOf(container) === self.source; });
    return [this].concat(instances.filter(function (t) {
      return t !== self && t.source === self.source && t.container.isConnected;
    }));
  };

  Table.prototype.renderComparison = function () {
    var self = this;
    var panel = this.panel;
    var state = this.state;
    if (!state.compare) {
      panel.hidden = true;
      panel.textContent = "";
      return;
    }
    var picked = state.pick.map(function (id) { return self.byId[id]; });
    var names = picked.map(function (row) { return row.name; });
    var title = make("p", { className: "atlas-compare-title", id: this.prefix + "-compare-title",
                            text: "Comparing " + names.join(", ") });
    var only = make("input", { type: "checkbox", id: this.prefix + "-only" });
    only.checked = !!this.onlyDifferences;
    only.addEventListener("change", function () {
      self.onlyDifferences = only.checked;
      table.classList.toggle("atlas-only-differences", only.checked);
    });
    var close = make("button", { type: "button", className: "atlas-button", text: "Close comparison" });
    close.addEventListener("click", function () {
      state.compare = false;
      self.apply("compare", "Comparison closed");
      self.save(true);
      self.compareButton.focus();
    });
    var head = make("tr", {}, [make("th", { scope: "col", text: "Field" })].concat(
      names.map(function (name) { return make("th", { scope: "col", text: name }); })));
    var body = make("tbody");
    var differences = 0;
    this.related().forEach(function (other, n) {
      var rows = picked.map(function (row) { return other.byId[row.id]; });
      if (rows.every(function (row) { return !row; })) return;
      if (n > 0) {
        body.appendChild(make("tr", { className: "atlas-compare-group" }, [
          make("th", { scope: "colgroup", colspan: String(names.length + 1), text: other.caption }),
        ]));
      }
      other.columns.forEach(function (column) {
        if (column.index === 0) return;
        var cells = rows.map(function (row) { return row ? row.tr.cells[column.index] : null; });
        var said = cells.map(function (cell) { return cell ? meaning(cell) : ""; });
        var differs = said.some(function (s) { return s !== said[0]; });
        var label = make("th", { scope: "row" }, [document.createTextNode(column.label)]);
        if (differs) {
          differences += 1;
          label.appendChild(make("span", { className: "atlas-differs-mark", text: " differs" }));
        }
        body.appendChild(make("tr", differs ? { className: "atlas-differs" } : {}, [label].concat(
          cells.map(function (cell) {
            return make("td", {}, [cell ? copyOf(cell) : document.createTextNode("not in this table")]);
          }))));
      });
    });
    var table = make("table", { className: "atlas-compare-table" }, [
      make("caption", { text: names.join(" compared with ") + ": " + differences +
                              " fields differ" }),
      make("thead", {}, [head]), body,
    ]);
    table.classList.toggle("atlas-only-differences", !!this.onlyDifferences);
    panel.textContent = "";
    panel.appendChild(make("div", { className: "atlas-compare-head" }, [
      title,
      make("span", { className: "atlas-option" }, [
        only, make("label", { for: this.prefix + "-only", text: "Only fields that differ" })]),
      close,
    ]));
    panel.appendChild(make("div", { className: "atlas-compare-scroll", tabindex: "0",
                                    role: "group", "aria-label": "Comparison table" }, [table]));
    panel.hidden = false;
  };

  /* Sticky headers need the table's box not to scroll sideways: whether it fits.
     A read of the layout; measureSoon() batches them, after every change is made. */
  Table.prototype.fits = function () {
    var wrap = this.table.closest(".md-typeset__scrollwrap") || this.table.parentElement;
    return wrap.scrollWidth <= wrap.clientWidth + 1;
  };

  /* ---- the address bar ---------------------------------------------- */

  Table.prototype.read = function (params) {
    var self = this;
    var d = this.key + ".";
    var state = this.defaults();
    state.q = params.get(d + "q") || "";
    Object.keys(this.facetBoxes).forEach(function (key) {
      var values = params.getAll(d + key).filter(function (v) {
        return self.facetBoxes[key].values.indexOf(v) !== -1;
      });
      if (values.length) state.facets[key] = values;
    });
    var cols = params.get(d + "cols");
    if (cols !== null) {
      var wanted = cols.split(",");
      state.cols = this.columns.filter(function (c) {
        return c.index === 0 || wanted.indexOf(c.key) !== -1;
      }).map(function (c) { return c.key; });
    }
    var sort = params.get(d + "sort");
    if (sort) {
      var key = sort.replace(/^-/, "");
      if (this.columns.some(function (c) { return c.key === key; })) {
        state.sort = { key: key, descending: sort.charAt(0) === "-" };
      }
    }
    state.pick = params.getAll(d + "pick").filter(function (id) { return self.byId[id]; })
      .slice(0, MAX_COMPARE);
    state.compare = params.get(d + "compare") === "1" && state.pick.length >= 2;
    this.state = state;
  };

  Table.prototype.write = function (params) {
    var d = this.key + ".";
    var state = this.state;
    Array.from(params.keys()).forEach(function (name) {
      if (name.indexOf(d) === 0) params.delete(name);
    });
    if (state.q) params.set(d + "q", state.q);
    Object.keys(state.facets).forEach(function (key) {
      state.facets[key].forEach(function (v) { params.append(d + key, v); });
    });
    if (state.cols.join(",") !== this.defaultColumns().join(",")) params.set(d + "cols", state.cols.join(","));
    if (state.sort) params.set(d + "sort", (state.sort.descending ? "-" : "") + state.sort.key);
    state.pick.forEach(function (id) { params.append(d + "pick", id); });
    if (state.compare) params.set(d + "compare", "1");
  };

  /* A new history entry for a choice (Back undoes it); typing replaces the entry. */
  Table.prototype.save = function (push) {
    var params = new URLSearchParams(location.search);
    this.write(params);
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "") + location.hash;
    if (url === location.pathname + location.search + location.hash) return;
    if (push) history.pushState({ atlasTables: true }, "", url);
    else history.replaceState(history.state, "", url);
  };

  /* ---- wiring ------------------------------------------------------- */

  /* Whether each table fits its box, measured once per frame for every table:
     all reads, then all writes, so the page is laid out once, not once per
     table (on a phone's CPU each layout of the frameworks page cost ~0.2 s). */
  var measuring = 0;
  function measureSoon() {
    if (measuring) return;
    measuring = requestAnimationFrame(function () {
      measuring = 0;
      var fits = instances.map(function (instance) { return instance.fits(); });
      instances.forEach(function (instance, n) {
        if (instance.container.hasAttribute("data-fits") !== fits[n]) {
          instance.container.toggleAttribute("data-fits", fits[n]);
        }
      });
    });
  }

  function restore(what) {
    var params = new URLSearchParams(location.search);
    // A table the address speaks of is drawn now, wherever it is on the page.
    enhanceWaiting(function (container) {
      var d = container.getAttribute("data-atlas-key") + ".";
      return Array.from(params.keys()).some(function (name) { return name.indexOf(d) === 0; });
    });
    instances.forEach(function (instance) {
      instance.read(params);
      instance.apply(what);
    });
  }

  /* At load, only the tables on the first screens (and any the address or a
     link points into) are built; the others when the reader nears them or,
     after load, one at a time in idle time, whichever comes first. A page of
     37 tables (the data reference) built every control at load: ~30 ms of
     script and a restyle of the page on this machine, 4x that on a phone's CPU.
     Each table is named (its key in the address) in page order first, so a
     name never depends on which table was built first. */
  var waiting = [];
  var nearing = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    var near = entries.filter(function (e) { return e.isIntersecting; }).map(function (e) { return e.target; });
    if (near.length) enhanceWaiting(function (container) { return near.indexOf(container) !== -1; });
  }, { rootMargin: "100% 0px" }) : null;

  function sourceOf(container) {
    return container.getAttribute("data-source") || container.getAttribute("data-dataset")
      || "table" + container.getAttribute("data-atlas-number");
  }

  function enhance(container) {
    instances.push(new Table(container, Number(container.getAttribute("data-atlas-number")),
                             container.getAttribute("data-atlas-key")));
  }

  function enhanceWaiting(which) {
    var now = waiting.filter(which);
    if (!now.length) return;
    waiting = waiting.filter(function (c) { return now.indexOf(c) === -1; });
    var params = new URLSearchParams(location.search);
    now.forEach(function (container) {
      if (nearing) nearing.unobserve(container);
      if (!container.isConnected) return;
      enhance(container);
      var instance = instances[instances.length - 1];
      instance.read(params);
      instance.apply("load");
    });
    builtAll();
  }

  /* data-atlas-tables="built" on <html> once every table is built: what the PDF
     edition (scripts/pdf.py) waits for before it lays out the book. */
  function builtAll() {
    if (!waiting.length) document.documentElement.setAttribute("data-atlas-tables", "built");
  }

  function enhanceAll() {
    instances = instances.filter(function (t) { return t.container.isConnected; });
    waiting = waiting.filter(function (c) { return c.isConnected; });
    var names = {};
    var number = instances.length;
    Array.prototype.forEach.call(document.querySelectorAll(".atlas-table"), function (container) {
      if (container.hasAttribute("data-enhanced") || waiting.indexOf(container) !== -1) return;
      var table = container.querySelector("table");
      if (!table || !table.tHead || !table.tBodies.length) return;
      // The address names a table by its dataset; a second table of it on the page gets "-2".
      var name = container.getAttribute("data-dataset") || "table";
      names[name] = (names[name] || 0) + 1;
      number += 1;
      container.setAttribute("data-atlas-number", String(number));
      container.setAttribute("data-atlas-key", names[name] > 1 ? name + "-" + names[name] : name);
      waiting.push(container);
    });
    // The first screen's tables (and the one a link points into) now; the rest on approach.
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    var reach = 2 * window.innerHeight;
    var params = new URLSearchParams(location.search);
    waiting.filter(function (container) {
      var d = container.getAttribute("data-atlas-key") + ".";
      return !nearing || container.getBoundingClientRect().top < reach
        || (target && container.contains(target))
        || Array.from(params.keys()).some(function (name) { return name.indexOf(d) === 0; });
    }).forEach(function (container) {
      waiting.splice(waiting.indexOf(container), 1);
      enhance(container);
    });
    waiting.forEach(function (container) { nearing.observe(container); });
    restore("load");
    builtAll();
    // The rest after load, one table at a time in idle time, so each is ready before it is needed.
    if (document.readyState === "complete") idle(enhanceIdle);
    else window.addEventListener("load", function () { idle(enhanceIdle); }, { once: true });
  }

  var idle = window.requestIdleCallback || function (then) { return setTimeout(then, 1); };
  function enhanceIdle() {
    var next = waiting[0];
    if (!next) return;
    enhanceWaiting(function (container) { return container === next; });
    if (waiting.length) idle(enhanceIdle);
  }

  window.addEventListener("popstate", function () { restore("history"); });
  window.addEventListener("resize", measureSoon);

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
