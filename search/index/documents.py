"""What the index holds for each article and quote, and the rows it is built from, read
from the database ``CHUNK`` at a time. The one place that turns models into documents."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch

from search.models import Article, Quote

# Documents per index commit, and ids per database query. Each commit writes every term it
# holds and may merge segments, so fewer, larger commits import faster (500 -> 2,000 took
# a feed import from 31 to 45 articles/s).
CHUNK = 2000


def article_document(article: Article) -> dict:
    """What the index holds for an article. Prefetch ``quotes__speaker`` for many articles."""
    counts = Counter(q.speaker for q in article.quotes.all() if q.speaker is not None)
    speakers = sorted(counts, key=lambda s: (-counts[s], s.name))  # as Article.speakers()
    return _versioned(
        {
            "id": article.pk,
            "title": article.title,
            "body": article.body,
            "published": article.published,
            "dateline": article.dateline,
            "source": article.source.name if article.source else "",
            "speakers": [s.name for s in speakers],
            "speaker_slugs": [s.slug for s in speakers],
        }
    )


def quote_document(quote: Quote) -> dict:
    """What the index holds for a quote, with its speaker's and article's fields copied in."""
    speaker, article = quote.speaker, quote.article
    return _versioned(
        {
            "id": quote.pk,
            "article_id": quote.article_id,
            "text": quote.text,
            "kind": quote.kind,
            "speaker_id": quote.speaker_id,
            "speaker_name": speaker.name if speaker else "",
            "speaker_slug": speaker.slug if speaker else "",
            "speaker_aliases": list(speaker.aliases) if speaker else [],
            "speaker_kind": speaker.kind if speaker else "",
            "attribution": quote.attribution,
            "role": quote.role,
            "cue": quote.cue,
            "mention": quote.mention,
            "article_title": article.title,
            "published": article.published,
            "source": article.source.name if article.source else "",
        }
    )


def _versioned(doc: dict) -> dict:
    """Add ``version``: a hash of every indexed value, so any change to them changes it."""
    canonical = json.dumps(doc, sort_keys=True, default=str, ensure_ascii=False)
    version = hashlib.blake2b(canonical.encode("utf-8"), digest_size=8).hexdigest()
    return {"id": doc["id"], "version": version, **doc}


def article_rows(ids: Iterable[int] | None = None) -> Iterator[Article]:
    """Articles with what their documents need, ``CHUNK`` at a time (all when ``ids`` is None)."""
    quotes = Prefetch("quotes", queryset=Quote.objects.select_related("speaker").order_by())
    articles = Article.objects.select_related("source").prefetch_related(quotes).order_by("pk")
    if ids is None:
        yield from articles.iterator(chunk_size=CHUNK)
    else:
        for chunk in chunks(ids):
            yield from articles.filter(pk__in=chunk)


def quote_rows(ids: Iterable[int] | None = None) -> Iterator[Quote]:
    quotes = (
        Quote.objects.select_related("speaker", "article__source")
        .prefetch_related("speaker__alias_set")
        .defer("article__body")
        .order_by("pk")
    )
    if ids is None:
        yield from quotes.iterator(chunk_size=CHUNK * 4)
    else:
        for chunk in chunks(ids):
            yield from quotes.filter(pk__in=chunk)


def chunks(ids: Iterable[int], size: int = CHUNK) -> Iterator[list[int]]:
    ids = sorted(set(ids))
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def ids_where(model, column: str, values: set[int], select: str = "pk") -> set[int]:
    found: set[int] = set()
    for chunk in chunks(values):
        rows = model.objects.filter(**{f"{column}__in": chunk}).values_list(select, flat=True)
        found.update(i for i in rows if i is not None)
    return found
