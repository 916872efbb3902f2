/* Enhancements only: every page reads fully without this file.
   A theme toggle (remembered where the browser allows), copy buttons for citations, search and
   filters over the finder's rows (all of which the HTML already holds), and sortable columns. */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "iraq-election-seats-theme";

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(value) {
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* storage refused: the choice lasts this page */ }
  }
  function current() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) { return chosen; }
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  var saved = stored();
  if (saved === "light" || saved === "dark") { root.setAttribute("data-theme", saved); }

  function themeToggle(slot) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "theme-toggle";
    function label() {
      button.textContent = current() === "dark" ? "Light theme" : "Dark theme";
    }
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      store(next);
      label();
    });
    label();
    slot.appendChild(button);
  }

  function copyButton(block) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = "Copy";
    button.addEventListener("click", function () {
      var text = block.textContent;
      function done(word) {
        button.textContent = word;
        window.setTimeout(function () { button.textContent = "Copy"; }, 1500);
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done("Copied"); }, function () { done("Select and copy"); });
      } else {
        var range = document.createRange();
        range.selectNodeContents(block);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        done("Selected: press Ctrl+C");
      }
    });
    block.parentNode.insertBefore(button, block.nextSibling);
  }

  /* Side by side, the report scrolls in its own pane: show the claim from its top and the quote in the pane. */
  function showQuoteInPane() {
    var mark = document.getElementById("quote");
    var pane = mark && mark.closest(".report");
    if (!pane || window.location.hash !== "#quote" || window.getComputedStyle(pane).overflowY !== "auto") { return; }
    window.scrollTo(0, 0);
    pane.scrollTop = Math.max(0, mark.offsetTop - pane.clientHeight / 3);
  }

  /* Search and filters: a row stays when every chosen facet lists the value and every word typed
     is in its text or its other names. */
  function finder(form) {
    var table = document.getElementById(form.getAttribute("data-for"));
    if (!table) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) {
      return (row.textContent + " " + (row.getAttribute("data-names") || "")).toLowerCase();
    });
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var output = form.querySelector("output");
    function apply() {
      var words = form.elements.q.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var keep = selects.every(function (select) {
          return !select.value || (row.getAttribute("data-" + select.name) || "").split(" ").indexOf(select.value) >= 0;
        }) && words.every(function (word) { return texts[i].indexOf(word) >= 0; });
        row.hidden = !keep;
        if (keep) { shown += 1; }
      });
      output.textContent = shown + " of " + rows.length + " shown";
    }
    var asked = new URLSearchParams(window.location.search);  /* the index's search box, or a browse link */
    asked.forEach(function (value, name) {
      if (form.elements[name]) { form.elements[name].value = value; }
    });
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  /* Sorting: each column header becomes a button; numbers sort as numbers, the rest as text. */
  function key(cell) {
    var raw = cell ? (cell.getAttribute("data-sort") !== null ? cell.getAttribute("data-sort") : cell.textContent) : "";
    raw = raw.trim();
    var number = raw.replace(/,/g, "");
    return raw !== "" && !isNaN(number) ? { n: parseFloat(number) } : { s: raw.toLowerCase() };
  }
  function compare(a, b) {
    if ("n" in a && "n" in b) { return a.n - b.n; }
    if ("n" in a) { return -1; }
    if ("n" in b) { return 1; }
    return a.s < b.s ? -1 : a.s > b.s ? 1 : 0;
  }
  function sortable(table) {
    var head = table.tHead;
    if (!head) { return; }
    var index = columnIndex(head);
    Array.prototype.forEach.call(head.querySelectorAll("th"), function (th) {
      if (th.colSpan > 1) { return; }  /* a group's heading, not a column's */
      var column = index.get(th);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var down = th.getAttribute("aria-sort") === "ascending";
        Array.prototype.forEach.call(head.querySelectorAll("th[aria-sort]"), function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", down ? "descending" : "ascending");
        var body = table.tBodies[0];
        var fixed = Array.prototype.filter.call(body.rows, function (row) { return row.hasAttribute("data-sort-fixed"); });
        var moving = Array.prototype.filter.call(body.rows, function (row) { return !row.hasAttribute("data-sort-fixed"); });
        moving.sort(function (a, b) {
          var order = compare(key(a.cells[column]), key(b.cells[column]));
          return down ? -order : order;
        });
        fixed.concat(moving).forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  /* The column each header cell of the last header row stands over, allowing for cells that span rows or columns. */
  function columnIndex(head) {
    var map = new Map(), taken = [];
    Array.prototype.forEach.call(head.rows, function (row, r) {
      var c = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        while (taken[r] && taken[r][c]) { c += 1; }
        for (var dr = 0; dr < cell.rowSpan; dr += 1) {
          for (var dc = 0; dc < cell.colSpan; dc += 1) {
            taken[r + dr] = taken[r + dr] || [];
            taken[r + dr][c + dc] = true;
          }
        }
        map.set(cell, c);
        c += cell.colSpan;
      });
    });
    return map;
  }

  window.addEventListener("load", function () { window.setTimeout(showQuoteInPane, 0); });
  window.addEventListener("hashchange", showQuoteInPane);

  document.addEventListener("DOMContentLoaded", function () {
    var slot = document.getElementById("theme-slot");
    if (slot) { themeToggle(slot); }
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), copyButton);
    Array.prototype.forEach.call(document.querySelectorAll("form.finder"), finder);
    Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), sortable);
  });
})();
