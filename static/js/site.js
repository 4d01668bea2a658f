// Keyboard shortcut and scroll-to-quote. No inline scripts anywhere: the CSP forbids them.
(function () {
  "use strict";

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    const box = document.getElementById("q") || document.querySelector("input[type=search]");
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });

  function showQuoteFromHash() {
    const id = window.location.hash.slice(1);
    if (!/^quote-\d+$/.test(id)) return;
    const quote = document.getElementById(id);
    if (!quote) return;
    document.querySelectorAll(".quote.is-target").forEach(function (el) { el.classList.remove("is-target"); });
    document.querySelectorAll('[data-quote="' + id.slice(6) + '"]').forEach(function (el) { el.classList.add("is-target"); });
    quote.scrollIntoView({ block: "center" });
    quote.focus({ preventScroll: true });
  }
  window.addEventListener("hashchange", showQuoteFromHash);
  document.addEventListener("DOMContentLoaded", showQuoteFromHash);
})();
