"""What a search shows beside its hits, counted from the per-document table: facet counts,
the activity timeline and its top speakers, and the date test of the filters; and the hits
themselves, made from stored fields only."""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter
from collections.abc import Collection, Iterable

from ..base import (
    ACTIVITY_SPEAKERS,
    UNDATED,
    Activity,
    ArticleHit,
    FacetValue,
    PeriodCount,
    QuoteHit,
    SpeakerActivity,
)
from .highlight import Highlighter
from .table import DocTable

FACET_LIMIT = 30


def facets(
    table: DocTable, found, with_activity: bool = False
) -> tuple[dict[str, list[FacetValue]], Activity | None]:
    """Facet counts and, if asked, the activity, from the same result set: the panel's
    speakers are the speaker facet's counts, never a query per speaker."""
    speakers = count(table.slugs, found.quotes)
    timeline = activity(table, found.quotes, speakers) if with_activity else None
    kinds = count(table.kinds, found.quotes)
    speaker_kinds = count(table.speaker_kinds, found.quotes)
    sources = count(table.sources, found.articles)
    years: Counter = Counter()
    undated = 0
    for ordinal, n in Counter(map(table.dates.__getitem__, found.articles)).items():
        if ordinal:
            years[year(ordinal)] += n
        else:
            undated += n
    names = table.speaker_names()
    return {
        "speaker": [
            FacetValue(slug, names.get(slug) or slug, n) for slug, n in top(speakers, FACET_LIMIT)
        ],
        "source": [FacetValue(s, s, n) for s, n in top(sources, FACET_LIMIT)],
        "year": [FacetValue(str(y), str(y), n) for y, n in sorted(years.items(), reverse=True)]
        + ([FacetValue(UNDATED, "Date unknown", undated)] if undated else []),
        "kind": [FacetValue(k, k, n) for k, n in top(kinds, None)],
        "speaker_kind": [FacetValue(k, k, n) for k, n in top(speaker_kinds, None)],
    }, timeline


def date_ok(ordinal: int, bounds, years: set[int], undated: bool = False) -> bool:
    """A date range never keeps an unknown date; a year filter keeps one only when the
    "date unknown" bucket is chosen too."""
    if not ordinal:
        return undated and not bounds
    if bounds and not bounds[0] <= ordinal <= bounds[1]:
        return False
    if years or undated:
        return year(ordinal) in years
    return True


_YEAR_CACHE: dict[int, int] = {}


def year(ordinal: int) -> int:
    year = _YEAR_CACHE.get(ordinal)
    if year is None:
        year = _YEAR_CACHE[ordinal] = dt.date.fromordinal(ordinal).year
    return year


_MONTH_CACHE: dict[int, dt.date] = {}


def month(ordinal: int) -> dt.date:
    month = _MONTH_CACHE.get(ordinal)
    if month is None:
        month = _MONTH_CACHE[ordinal] = dt.date.fromordinal(ordinal).replace(day=1)
    return month


def _permonth(ordinals: Iterable[tuple[int, int]]) -> tuple[PeriodCount, ...]:
    months: Counter = Counter()
    for ordinal, n in ordinals:
        if ordinal:
            months[month(ordinal)] += n
    return tuple(PeriodCount(start, n) for start, n in sorted(months.items()))


def activity(table: DocTable, quotes: Collection[int], speakers: Counter) -> Activity:
    """The timeline and the top speakers' dates. Quotes are counted per date in one pass;
    only the top speakers' quotes are then paired with their dates (pairing every quote
    made tuples for all of them, four times the cost of a facet count)."""
    dates, slugs = table.dates, table.slugs
    per_date = Counter(map(dates.__getitem__, quotes))
    undated = per_date.pop(0, 0)
    leaders = top(speakers, ACTIVITY_SPEAKERS)
    wanted = {slug for slug, _n in leaders}
    mine = [d for d in quotes if slugs[d] in wanted]
    pairs = Counter(zip(map(slugs.__getitem__, mine), map(dates.__getitem__, mine), strict=True))
    per_speaker: dict[str, list[tuple[int, int]]] = {slug: [] for slug in wanted}
    for (slug, ordinal), n in pairs.items():
        per_speaker[slug].append((ordinal, n))
    names = table.speaker_names()
    rows = []
    for slug, n in leaders:
        dated = [ordinal for ordinal, _n in per_speaker[slug] if ordinal]
        rows.append(
            SpeakerActivity(
                value=slug,
                label=names.get(slug) or slug,
                count=n,
                first=dt.date.fromordinal(min(dated)) if dated else None,
                last=dt.date.fromordinal(max(dated)) if dated else None,
                months=_permonth(per_speaker[slug]),
            )
        )
    return Activity(months=_permonth(per_date.items()), undated=undated, speakers=tuple(rows))


def count(values: list, docs: list[int]) -> Counter:
    """How often each value occurs among ``docs``; empty values (unknown) are left out."""
    counts = Counter(map(values.__getitem__, docs))
    counts.pop("", None)
    counts.pop(0, None)
    return counts


def top(counter: Counter, limit: int | None) -> list:
    """The ``limit`` values counted most, ties in case-folded order. Only values that can be
    among them are sorted by that key (a common word's quotes have thousands of speakers)."""
    items = counter.items()
    if limit is not None and len(counter) > limit:
        least = heapq.nlargest(limit, counter.values())[-1]
        items = [kv for kv in items if kv[1] >= least]
    return sorted(items, key=lambda kv: (-kv[1], str(kv[0]).casefold()))[:limit]


# hits, from stored fields only


def quote_hit(stored: dict, score: float, hl: Highlighter) -> QuoteHit:
    doc = dict(stored)
    quote_id = doc.pop("id")
    return QuoteHit(quote_id=quote_id, score=float(score), highlighted=hl.whole(doc["text"]), **doc)


def article_hit(doc: dict, score: float, hl: Highlighter) -> ArticleHit:
    title = doc.get("title") or ""
    return ArticleHit(
        article_id=doc["id"],
        score=float(score),
        title=title,
        highlighted_title=hl.whole(title, limit=300),
        snippet=hl.fragment(doc.get("body") or ""),
        published=doc.get("published"),
        dateline=doc.get("dateline") or "",
        source=doc.get("source") or "",
        speakers=tuple(tuple(pair) for pair in doc.get("speakers") or ()),
    )
