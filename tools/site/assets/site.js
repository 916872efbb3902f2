/* Enhancements only: every page reads fully without this file.
   A theme toggle (remembered where the browser allows) and copy buttons for citations. */
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

  window.addEventListener("load", function () { window.setTimeout(showQuoteInPane, 0); });
  window.addEventListener("hashchange", showQuoteInPane);

  document.addEventListener("DOMContentLoaded", function () {
    var slot = document.getElementById("theme-slot");
    if (slot) { themeToggle(slot); }
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), copyButton);
  });
})();
