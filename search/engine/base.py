"""The small interface every search backend implements, and the values that cross it.

No backend import here: views and forms depend on these types only, so a PostgreSQL backend
can sit beside Whoosh later. Queries arrive parsed (``search.query``, plain Python); a backend
compiles them with a ``search.query.Visitor``. Documents come in as plain dicts built by
``search.index``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from search.query import Query

Sort = Literal["relevance", "newest", "oldest"]
UNDATED = "unknown"  # the year facet's value for articles with no known date


class SearchUnavailable(Exception):
    """The index is missing, unreadable or locked for too long. Pages show a notice;
    ``python manage.py rebuild_index`` repairs it."""


class IndexMissing(SearchUnavailable):
    """There is no index where settings say (never built, or its folder was deleted)."""


class IndexDamaged(SearchUnavailable):
    """The index is there but part of it cannot be read."""


@dataclass(frozen=True)
class Filters:
    """Filters that narrow a search; they come from the query (``speaker:``) or the sidebar."""

    speakers: tuple[str, ...] = ()  # speaker slugs (exact) from the facet sidebar
    speaker_names: tuple[str, ...] = ()  # free-text names from ``speaker:`` in the query
    sources: tuple[str, ...] = ()  # source names, case-insensitive
    roles: tuple[str, ...] = ()  # words matched in the role
    kinds: tuple[str, ...] = ()  # direct / indirect / mixed
    speaker_kinds: tuple[str, ...] = ()  # person / organisation: what the speaker is
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    years: tuple[int, ...] = ()
    undated: bool = False  # with ``years`` (or alone): also keep documents with no known date


@dataclass(frozen=True)
class SearchRequest:
    query: Query
    filters: Filters = Filters()
    sort: Sort = "relevance"
    page: int = 1
    per_page: int = 10
    # Also count the matching quotes per month and per speaker (``SearchResults.activity``),
    # in the same pass over the result set as the facets.
    activity: bool = False


@dataclass(frozen=True)
class FacetValue:
    value: str  # what goes into the filter parameter (slug, source name, year, kind)
    label: str  # what people read
    count: int


@dataclass(frozen=True)
class PeriodCount:
    start: dt.date  # the first day of a calendar month
    count: int


@dataclass(frozen=True)
class SpeakerActivity:
    """One speaker's share of a result set: who says it most, and when."""

    value: str  # slug, as in the speaker facet
    label: str
    count: int  # equals this speaker's count in the speaker facet
    first: dt.date | None  # the earliest and latest dated matching quote; None if all undated
    last: dt.date | None
    months: tuple[PeriodCount, ...] = ()  # dated matching quotes per month, oldest first


@dataclass(frozen=True)
class Activity:
    """The matching quotes over time, and the speakers with the most of them."""

    months: tuple[PeriodCount, ...]  # per month with at least one quote, oldest first
    undated: int  # quotes whose article has no known date; months + undated = quote total
    speakers: tuple[SpeakerActivity, ...]  # most quotes first, ties by name; at most
    # ``ACTIVITY_SPEAKERS``


ACTIVITY_SPEAKERS = 10


@dataclass(frozen=True)
class QuoteHit:
    quote_id: int
    score: float
    text: str
    highlighted: str  # HTML, escaped first and then marked with <mark>
    kind: str
    speaker_id: int | None
    speaker_name: str
    speaker_slug: str
    role: str
    cue: str
    mention: str
    article_id: int
    article_title: str
    published: dt.date | None
    source: str
    speaker_kind: str = ""  # person / organisation, "" when unattributed
    attribution: str = ""  # how the speaker was found (``Quote.Attribution``)


@dataclass(frozen=True)
class ArticleHit:
    article_id: int
    score: float
    title: str
    highlighted_title: str  # HTML
    snippet: str  # HTML, escaped first and then marked
    published: dt.date | None
    dateline: str
    source: str
    speakers: tuple[tuple[str, str], ...]  # (name, slug)


@dataclass
class Page:
    hits: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


@dataclass
class Suggestion:
    text: str  # the corrected query string
    count: int  # how many results it would give (never 0)


@dataclass
class SearchResults:
    quotes: Page
    articles: Page
    # speaker, source, year, kind, speaker_kind
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: Suggestion | None = None
    terms: tuple[str, ...] = ()  # the words that were searched, for highlighting elsewhere
    activity: Activity | None = None  # only when the request asked for it


class SearchBackend:
    """What a backend must do. Writes take plain document dicts (see ``search.index``)."""

    def __init__(self, params: dict) -> None:
        self.params = params

    # writes
    def update(self, articles: Iterable[dict], quotes: Iterable[dict]) -> None:
        raise NotImplementedError

    def add(self, articles: Iterable[dict], quotes: Iterable[dict]) -> None:
        """Like ``update``, for documents the index cannot hold yet (rows created since the
        last write): a backend may skip looking for an old copy. The default replaces."""
        self.update(articles, quotes)

    def delete(self, article_ids: Iterable[int] = (), quote_ids: Iterable[int] = ()) -> None:
        raise NotImplementedError

    def compact(self) -> None:
        """After a bulk import: tidy what many writes left (merge segments). Optional."""

    def rebuild(
        self, articles: Iterable[dict], quotes: Iterable[dict], *, total: int = 0, progress=None
    ) -> None:
        """Replace the whole index; ``progress(done, total)`` is called now and then."""
        raise NotImplementedError

    # reads
    def search(self, request: SearchRequest) -> SearchResults:
        raise NotImplementedError

    def ranked_quote_ids(self, request: SearchRequest, limit: int) -> tuple[list[int], int]:
        """The ids of the first ``limit`` matching quotes in the request's order (its page
        and per_page ignored), and how many match: for a download, which needs every row
        but no highlight, facet or article. This default pages through ``search``."""
        found: dict[int, None] = {}  # in order, without repeats
        page, total = 1, 0
        while len(found) < limit:
            batch = dataclasses.replace(request, page=page, per_page=min(limit, 500))
            quotes = self.search(batch).quotes
            total = quotes.total
            found.update(dict.fromkeys(h.quote_id for h in quotes.hits))
            if not quotes.has_next:
                break
            page += 1
        return list(found)[:limit], total

    def quotes_after(self, request: SearchRequest, after: int) -> list[int]:
        """The ids, ascending, of every quote matching ``request`` whose id is above
        ``after``: what arrived since an alert last looked. No ranking, page, facets or
        highlights, so a thousand saved searches cost a thousand matches, not searches."""
        raise NotImplementedError

    def stored_versions(self) -> dict[str, dict[int, str]]:
        """``{"article": {id: version}, "quote": {id: version}}`` for drift checks."""
        raise NotImplementedError

    def status(self) -> dict:
        raise NotImplementedError

    def verify(self) -> dict[str, int]:
        """Read the whole index, not just open it; returns counts of what was read. Raises
        ``IndexMissing`` or ``IndexDamaged``. This default reads every document's version."""
        versions = self.stored_versions()
        return {"documents": sum(len(v) for v in versions.values())}

    def close(self) -> None:
        """Release open files; ``reset_backends()`` calls it. Optional."""

    def match_spans(self, text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
        """Character spans of ``text`` that match the searched ``terms`` the way this backend
        matches them, for highlighting a whole article. This default folds case and accepts
        simple inflections; backends with analyzers should use them."""
        wanted = [t.casefold() for t in terms if t and t.strip()]
        if not wanted:
            return []
        spans = []
        for m in _WORD.finditer(text):
            word = m.group().casefold()
            if any(word == t or (word.startswith(t) and len(word) - len(t) <= 3) for t in wanted):
                spans.append(m.span())
        return spans


_WORD = re.compile(r"\w+(?:['’]\w+)*")
