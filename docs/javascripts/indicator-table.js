/* The data page's table (edition/indicator_table.py): sort by a column, filter by text and theme, and switch
   between the table and the cards. Loaded only on a page that holds the table (hooks/events.py).

   It builds nothing: it reorders and hides the rows the build wrote, reads their text and data attributes
   (`data-sort` where a column sorts by something other than the cell's text: the value in base units for the two
   number columns, empty for a claim) and writes text with textContent.
   Without it the page shows the table and then the cards, and the controls stay hidden. */
(function () {
  "use strict";

  var table = document.querySelector("table[data-ic-table]");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true });

  function fold(text) {
    return text.normalize("NFKC").toLowerCase();
  }

  document.documentElement.classList.add("ic-table-ready"); // the headings show their sort arrows
  rows.forEach(function (row, n) {
    row._order = n;
    row._text = fold(row.textContent);
  });

  // --- sorting: a button in each column heading; aria-sort says which column and which way ---------------
  function key(row, column, numeric) {
    var cell = row.cells[column];
    var value = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    return numeric ? parseFloat(value) : value;
  }

  function sortBy(column, direction) {
    var numeric = headers[column].getAttribute("data-type") === "number";
    var sign = direction === "descending" ? -1 : 1;
    var sorted = rows.slice().sort(function (a, b) {
      var x = key(a, column, numeric), y = key(b, column, numeric);
      if (numeric && (isNaN(x) || isNaN(y))) { // a claim has no number: last, whichever the direction
        return (isNaN(x) - isNaN(y)) || a._order - b._order;
      }
      var order = numeric ? x - y : collator.compare(x, y);
      return sign * order || a._order - b._order; // equal keys keep the report's order
    });
    sorted.forEach(function (row) { body.appendChild(row); }); // moves the existing row
    headers.forEach(function (th, n) {
      if (n === column) th.setAttribute("aria-sort", direction);
      else th.removeAttribute("aria-sort");
    });
  }

  headers.forEach(function (th, column) {
    var button = th.querySelector("button");
    if (!button) return;
    button.addEventListener("click", function () {
      sortBy(column, th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending");
    });
  });

  // --- filtering: every word typed (Chinese or English) and the theme; a live count ------------------------
  var filter = document.querySelector("[data-ic-filter]");
  var theme = document.querySelector("[data-ic-theme]");
  var count = document.querySelector("[data-ic-count]");
  var none = document.querySelector("[data-ic-none]");
  var controls = filter && filter.closest(".ic-controls");

  function apply() {
    var words = fold(filter.value).split(/\s+/).filter(Boolean);
    var chosen = theme.value;
    var shown = 0;
    rows.forEach(function (row) {
      var match = (!chosen || row.getAttribute("data-theme") === chosen) &&
        words.every(function (word) { return row._text.indexOf(word) !== -1; });
      row.hidden = !match;
      if (match) shown += 1;
    });
    count.textContent = count.getAttribute("data-template")
      .replace("{shown}", String(shown)).replace("{total}", String(rows.length));
    none.hidden = shown !== 0;
  }

  if (filter && theme && count && none && controls) {
    filter.addEventListener("input", apply);
    theme.addEventListener("change", apply);
    controls.hidden = false;
    apply(); // a value the browser restored (back button) filters at once
  }

  // --- two views: table | cards ----------------------------------------------------------------------------
  var switcher = document.querySelector(".ic-views");
  var views = Array.prototype.slice.call(document.querySelectorAll("section.ic-view[data-view]"));
  if (!switcher || views.length < 2) return;
  var buttons = Array.prototype.slice.call(switcher.querySelectorAll("button[data-view]"));

  function show(name) {
    views.forEach(function (view) { view.hidden = view.getAttribute("data-view") !== name; });
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-view") === name)); });
  }

  // A link to something in the hidden view (a card, a theme's heading) shows that view.
  function showTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var view = target && target.closest("section.ic-view[data-view]");
    if (view && view.hidden) {
      show(view.getAttribute("data-view"));
      target.scrollIntoView();
    }
  }

  buttons.forEach(function (b) {
    b.addEventListener("click", function () { show(b.getAttribute("data-view")); });
  });
  switcher.hidden = false;
  document.documentElement.classList.add("ic-views-ready");
  show("table");
  showTarget();
  window.addEventListener("hashchange", showTarget);
})();
