"""A quote's own page: the quote, who said it in which role, the paragraph around it, the
article, the same statement elsewhere, and a plain-text citation with a stable address."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils import dateformat
from django.views.decorators.http import require_GET

from search.models import Quote


def citation(quote: Quote, url: str) -> str:
    """Plain text to paste into a paper or an email: speaker, role, quote, article, outlet,
    date (or "date unknown", never a made-up one) and the quote page's address."""
    who = quote.speaker.name if quote.speaker else (quote.mention or "Unattributed")
    role = quote.role or (quote.speaker.role if quote.speaker else "")
    article = quote.article
    published = (
        dateformat.format(article.published, "j F Y") if article.published else "date unknown"
    )
    parts = [f"“{article.title}”"]
    if article.source:
        parts.append(article.source.name)
    parts.append(published)
    said = "said" if quote.kind == Quote.Kind.DIRECT else "said (reported speech)"
    speaker = f"{who} ({role})" if role else who
    return f"{speaker} {said}: “{quote.text}”. {', '.join(parts)}. {url}"


def surrounding(body: str, start: int, end: int) -> tuple[str, str, str]:
    """The paragraph (lines) holding the quote, as text before, the quote, and after."""
    first = body.rfind("\n", 0, start) + 1
    last = body.find("\n", end)
    last = len(body) if last < 0 else last
    return body[first:start], body[start:end], body[end:last]


@require_GET
def quote(request, pk: int):
    quote = get_object_or_404(
        Quote.objects.select_related("article", "article__source", "speaker"), pk=pk
    )
    url = request.build_absolute_uri(quote.permalink())
    same = list(quote.same_statement())
    dated = [q.article.published for q in same if q.article.published]
    if quote.article.published:
        dated.append(quote.article.published)
    return render(
        request,
        "search/quote.html",
        {
            "quote": quote,
            "role": quote.role,
            "latest_role": quote.speaker.role if quote.speaker and not quote.role else "",
            "paragraph": surrounding(quote.article.body, quote.start, quote.end),
            "citation": citation(quote, url),
            "permalink": url,
            "same": same,
            "first_said": min(dated) if dated else None,
        },
    )
