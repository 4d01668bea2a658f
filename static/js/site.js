// Keyboard shortcut, arriving at a quote, the quote card, and the filters on wide screens.
// No inline scripts anywhere: the CSP forbids them. Everything here is an enhancement; the
// pages work without it.
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

  // The pieces of one quote (a quote may run over several paragraphs).
  function piecesOf(quote) {
    return Array.prototype.slice.call(document.querySelectorAll('.quote[data-quote="' + quote.dataset.quote + '"]'));
  }

  function rectsOf(quote) {
    const rects = [];
    piecesOf(quote).forEach(function (piece) {
      Array.prototype.forEach.call(piece.getClientRects(), function (r) { rects.push(r); });
    });
    return rects;
  }

  // Arriving at #quote-N: the quote a third of the way down (room above it, the paragraph's
  // speaker in view), briefly emphasised, focused for screen readers, and no card over it.
  let arriving = false;
  function showQuoteFromHash() {
    const id = window.location.hash.slice(1);
    if (!/^quote-\d+$/.test(id)) return;
    const quote = document.getElementById(id);
    if (!quote) return;
    document.querySelectorAll(".quote.is-target").forEach(function (el) { el.classList.remove("is-target"); });
    const pieces = piecesOf(quote);
    pieces.forEach(function (el) { el.classList.add("is-target"); });
    const top = quote.getBoundingClientRect().top + window.scrollY;
    window.scrollTo({ top: Math.max(0, top - window.innerHeight * 0.3), behavior: "instant" });
    arriving = true;
    quote.focus({ preventScroll: true });
    arriving = false;
    window.setTimeout(function () {
      pieces.forEach(function (el) { el.classList.remove("is-target"); });
    }, 2600);
  }
  window.addEventListener("hashchange", showQuoteFromHash);
  document.addEventListener("DOMContentLoaded", showQuoteFromHash);

  // The card that says who a quote is by. It sits below the quote's last line (or above its
  // first when there is no room below) and inside the viewport, so it never covers the quote.
  const GAP = 6;
  function card() { return document.getElementById("quote-card"); }

  function hideCard() {
    const el = card();
    if (el) el.hidden = true;
  }

  function showCard(quote) {
    const el = card();
    const body = quote.closest(".article-body");
    if (!el || !quote.dataset.attribution || (body && body.classList.contains("marks-off"))) return;
    const rects = rectsOf(quote);
    if (!rects.length) return;
    el.textContent = quote.dataset.attribution;
    el.hidden = false;
    const width = el.offsetWidth, height = el.offsetHeight;
    const viewport = document.documentElement.clientWidth;
    const first = rects[0], last = rects[rects.length - 1];
    const bottom = Math.max.apply(null, rects.map(function (r) { return r.bottom; }));
    const top = Math.min.apply(null, rects.map(function (r) { return r.top; }));
    const below = bottom + GAP + height <= window.innerHeight || top - GAP - height < 0;
    const anchor = below ? last : first;
    const left = Math.min(Math.max(8, anchor.left), viewport - width - 8);
    el.style.left = Math.max(8, left) + window.scrollX + "px";
    el.style.top = (below ? bottom + GAP : top - GAP - height) + window.scrollY + "px";
  }

  function quoteFrom(target) {
    return target && target.closest ? target.closest(".article-body .quote") : null;
  }
  document.addEventListener("mouseover", function (event) {
    const quote = quoteFrom(event.target);
    if (quote) showCard(quote);
    else hideCard();
  });
  document.addEventListener("focusin", function (event) {
    const quote = quoteFrom(event.target);
    if (quote && !arriving) showCard(quote);
    else hideCard();
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hideCard(); });
  window.addEventListener("scroll", hideCard, { passive: true });

  // A link in the results (removing a chip typed as "speaker:x") can change the query: the
  // search box, outside the swapped part, follows, unless it is what is being typed in.
  document.addEventListener("htmx:afterSwap", function (event) {
    const box = document.getElementById("q");
    const path = event.detail && event.detail.pathInfo && event.detail.pathInfo.finalRequestPath;
    if (!box || !path || document.activeElement === box || event.detail.target.id !== "results") return;
    const query = new URL(path, window.location.href).searchParams.get("q") || "";
    if (box.value !== query) box.value = query;
  });

  // Browsers that cannot show a closed <details> on a wide screen by CSS alone get it opened.
  if (window.CSS && !CSS.supports("selector(::details-content)")) {
    const wide = window.matchMedia("(min-width: 52.01rem)");
    const openOnWide = function () {
      if (wide.matches) document.querySelectorAll("details.filters").forEach(function (d) { d.open = true; });
    };
    document.addEventListener("DOMContentLoaded", openOnWide);
    document.addEventListener("htmx:afterSwap", openOnWide);
  }
})();
