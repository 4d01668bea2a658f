"""What the search page shows before anything is searched: the newest quotes, the people
quoted most and the outlets, each a way into the search. Read from the database, which is
the source of truth, so the front page works even while the index is being rebuilt."""

from __future__ import annotations

from django.db.models import Count, F

from search.models import Quote, Source, Speaker

LATEST = 6
TOP_SPEAKERS = 10
OUTLETS = 12


def latest_quotes(limit: int = LATEST) -> list[Quote]:
    """The newest quotes by publication date; quotes from undated articles come last."""
    return list(
        Quote.objects.select_related("speaker", "article", "article__source").order_by(
            F("article__published").desc(nulls_last=True), "-article_id", "start"
        )[:limit]
    )


def most_quoted(limit: int = TOP_SPEAKERS) -> list[Speaker]:
    return list(
        Speaker.objects.annotate(quote_count=Count("quotes"))
        .filter(quote_count__gt=0)
        .order_by("-quote_count", "name")[:limit]
    )


def outlets(limit: int = OUTLETS) -> list[Source]:
    return list(
        Source.objects.annotate(article_count=Count("articles"))
        .filter(article_count__gt=0)
        .order_by("-article_count", "name")[:limit]
    )


def front_page() -> dict:
    return {"latest": latest_quotes(), "top_speakers": most_quoted(), "outlets": outlets()}
