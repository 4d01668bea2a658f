"""What the index holds for each article and quote, read from the database ``CHUNK`` at a
time. The one place that turns models and rows into documents."""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from search.models import Article, Quote, SpeakerAlias

# Documents per index commit, and ids per database query. Each commit writes every term it
# holds and may merge segments, so fewer, larger commits import faster (500 -> 2,000 took
# a feed import from 31 to 45 articles/s).
CHUNK = 2000


def article_document(article: Article) -> dict:
    """What the index holds for an article. Prefetch ``quotes__speaker`` for many articles
    (``article_documents`` reads many faster)."""
    counts = Counter(
        (q.speaker.name, q.speaker.slug) for q in article.quotes.all() if q.speaker is not None
    )
    source = article.source.name if article.source else ""
    row = (article.pk, article.title, article.body, article.published, article.dateline, source)
    return _article_document(row, counts)


def quote_document(quote: Quote) -> dict:
    """What the index holds for a quote, with its speaker's and article's fields copied in."""
    speaker, article = quote.speaker, quote.article
    row = (
        quote.pk,
        quote.article_id,
        quote.text,
        quote.kind,
        quote.speaker_id,
        speaker.name if speaker else "",
        speaker.slug if speaker else "",
        speaker.kind if speaker else "",
        quote.attribution,
        quote.role,
        quote.cue,
        quote.mention,
        article.title,
        article.published,
        article.source.name if article.source else "",
    )
    return _quote_document(row, list(speaker.aliases) if speaker else [])


# What ``article_documents`` and ``quote_documents`` read of each row, in the order the
# two builders below take them.
ARTICLE_COLUMNS = ("pk", "title", "body", "published", "dateline", "source__name")
QUOTE_COLUMNS = (
    "pk", "article_id", "text", "kind", "speaker_id", "speaker__name", "speaker__slug",
    "speaker__kind", "attribution", "role", "cue", "mention", "article__title",
    "article__published", "article__source__name",
)  # fmt: skip


def _article_document(row: tuple, speakers: Counter) -> dict:
    """``row`` as ``ARTICLE_COLUMNS``; ``speakers`` counts its quotes by (name, slug)."""
    pk, title, body, published, dateline, source = row
    ordered = sorted(speakers, key=lambda s: (-speakers[s], s[0]))  # as Article.speakers()
    return _versioned(
        {
            "id": pk,
            "title": title,
            "body": body,
            "published": published,
            "dateline": dateline,
            "source": source or "",
            "speakers": [name for name, _slug in ordered],
            "speaker_slugs": [slug for _name, slug in ordered],
        }
    )


def _quote_document(row: tuple, aliases: list[str]) -> dict:
    """``row`` as ``QUOTE_COLUMNS``; ``aliases``, its speaker's, sorted."""
    (pk, article_id, text, kind, speaker_id, name, slug, speaker_kind, attribution, role, cue,
     mention, title, published, source) = row  # fmt: skip
    return _versioned(
        {
            "id": pk,
            "article_id": article_id,
            "text": text,
            "kind": kind,
            "speaker_id": speaker_id,
            "speaker_name": name or "",
            "speaker_slug": slug or "",
            "speaker_aliases": aliases,
            "speaker_kind": speaker_kind or "",
            "attribution": attribution,
            "role": role,
            "cue": cue,
            "mention": mention,
            "article_title": title,
            "published": published,
            "source": source or "",
        }
    )


def _versioned(doc: dict) -> dict:
    """Add ``version``: a hash of every indexed value, so any change to them changes it."""
    canonical = json.dumps(doc, sort_keys=True, default=str, ensure_ascii=False)
    version = hashlib.blake2b(canonical.encode("utf-8"), digest_size=8).hexdigest()
    return {"id": doc["id"], "version": version, **doc}


def article_documents(ids: Iterable[int] | None = None) -> Iterator[dict]:
    """The documents of these articles (all when ``ids`` is None), in id order, read
    ``CHUNK`` at a time as plain values: building model instances for them took most of an
    import's index writes outside Whoosh. The same documents as ``article_document``."""
    for chunk in _pages(Article, ids):
        speakers: dict[int, Counter] = defaultdict(Counter)
        quotes = Quote.objects.filter(article_id__in=chunk, speaker__isnull=False).order_by()
        for article_id, *speaker in quotes.values_list(
            "article_id", "speaker__name", "speaker__slug"
        ):
            speakers[article_id][tuple(speaker)] += 1
        rows = Article.objects.filter(pk__in=chunk).order_by("pk")
        for row in rows.values_list(*ARTICLE_COLUMNS):
            yield _article_document(row, speakers.get(row[0], Counter()))


def quote_documents(ids: Iterable[int] | None = None) -> Iterator[dict]:
    """The documents of these quotes (all when ``ids`` is None), as ``article_documents``."""
    for chunk in _pages(Quote, ids):
        rows = list(Quote.objects.filter(pk__in=chunk).order_by("pk").values_list(*QUOTE_COLUMNS))
        aliases: dict[int, list[str]] = defaultdict(list)
        for part in chunks({row[4] for row in rows if row[4] is not None}):
            names = SpeakerAlias.objects.filter(speaker_id__in=part).order_by()
            for speaker_id, name in names.values_list("speaker_id", "name"):
                aliases[speaker_id].append(name)
        for row in rows:
            yield _quote_document(row, sorted(aliases.get(row[4], ())))


def _pages(model, ids: Iterable[int] | None) -> Iterator[list[int]]:
    """These ids ``CHUNK`` at a time, or every row's, read a page at a time."""
    if ids is not None:
        yield from chunks(ids)
        return
    rows = model.objects.order_by("pk").values_list("pk", flat=True)
    page = list(rows[:CHUNK])
    while page:
        yield page
        page = list(rows.filter(pk__gt=page[-1])[:CHUNK])


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
