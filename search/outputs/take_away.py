"""Where a page's data can be taken away: its Atom feed (``<link rel="alternate">`` in every
page's head) and, on the search page, the downloads of the whole result set. A context
processor, so the pages' own views stay as they are."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings

from search.outputs.feeds import FEED_PARAMS, query_string


def context(request) -> dict:
    match = getattr(request, "resolver_match", None)
    name = match.url_name if match else ""
    if name == "search":
        params = query_string(request.GET)
        sort = [("sort", s) for s in request.GET.getlist("sort")[:1] if s]
        pairs = [(k, v) for k in FEED_PARAMS for v in request.GET.getlist(k) if v] + sort
        download = f"?{urlencode(pairs)}" if pairs else ""
        return {
            "feed_links": [("Atom feed of this search", f"/feeds/search/{params}")],
            "downloads": {
                "csv": f"/exports/quotes.csv{download}",
                "jsonl": f"/exports/quotes.jsonl{download}",
                "cap": settings.EXPORT_MAX_ROWS,
            },
        }
    if name in ("speaker", "speaker-feed"):
        slug = match.kwargs.get("slug", "")
        return {"feed_links": [("Atom feed of this speaker’s quotes", f"/feeds/speakers/{slug}/")]}
    return {}
