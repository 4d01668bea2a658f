"""``WhooshBackend``: the search interface of ``search.engine.base`` over one Whoosh index.

A search runs in three steps. (1) The words select matching docnums, unscored, straight from
the postings (``evaluate``). (2) Sources, dates, years, speakers and kinds are checked on
per-document values (``table``); names and roles go through the index; quote-only filters
also restrict articles to those holding such a quote. (3) Only the requested page is ranked
(BM25F over the survivors) or picked by date. Facets count the whole set from step 2.
"""

from __future__ import annotations

import dataclasses
import heapq
import logging
import os
import threading
from collections.abc import Collection, Iterable
from itertools import islice

from search.query import positive_terms

from ..base import (
    IndexDamaged,
    Page,
    SearchBackend,
    SearchRequest,
    SearchResults,
    SearchUnavailable,
)
from . import results, spelling, writing
from .compile import Criteria, allowed_sources, compile_node, criteria, quote_filter
from .evaluate import Evaluator, SearcherCache, approximate_bytes
from .highlight import Highlighter
from .integrity import Damage, live_name, verify
from .store import FIX, IndexStore
from .table import DocTable, date_order

log = logging.getLogger(__name__)

MULTIPROCESS_FROM = 5000  # documents; below this a second process costs more than it saves
DATE_WALK = 4  # a date-sorted page walks the date order when 1 in DATE_WALK documents match
# Postings a bulk write sorts in memory before spilling to temporary files, which pickles
# each posting out and back (a fifth of a single writer's time on 3,000 stories at 128).
BULK_LIMITMB = 256
MAX_SEGMENTS = 8  # left by ``compact`` after a bulk import; every search opens them all


@dataclasses.dataclass
class Matches:
    quotes: Collection[int]
    articles: Collection[int]


class WhooshBackend(SearchBackend):
    def __init__(self, params: dict) -> None:
        super().__init__(params)
        if not params.get("PATH"):
            raise SearchUnavailable("SEARCH_BACKENDS needs a PATH for the Whoosh index.")
        self.store = IndexStore(params["PATH"], float(params.get("LOCK_TIMEOUT", 10.0)))
        self.procs = int(params.get("PROCS", min(2, os.cpu_count() or 1)))
        self._lock = threading.RLock()  # one searcher per process, used by one thread at a time
        self._write_lock = threading.Lock()
        self._ix = None
        self._ix_name: str | None = None
        self._searcher = None
        self._table: DocTable | None = None
        self._cache = SearcherCache()  # what searches read and work out from ``_searcher``
        self._files: dict[str, int] = {}  # sizes of its segments' files when it opened
        self._segments: dict = {}
        self._opened = False  # once opened, a vanished index is an error, not a fresh start
        self._damage = Damage(self.store.root)  # a failed index, until its files change

    def close(self) -> None:
        with self._lock:
            self._forget()

    def clear_cache(self) -> None:
        """Drop what searches have cached from the current searcher (benchmarks time
        uncached searches with it)."""
        with self._lock:
            self._cache = SearcherCache()

    # reading

    def _forget(self) -> None:
        if self._searcher is not None:
            try:
                self._searcher.close()
            except Exception:  # closing a damaged index must not hide the first error
                log.debug("closing the searcher failed", exc_info=True)
        self._ix, self._searcher, self._table, self._ix_name = None, None, None, None
        self._cache = SearcherCache()
        self._files = {}
        self._segments.clear()

    def _current(self) -> tuple:
        """The searcher (refreshed) and its document table; call with ``_lock`` held."""
        name = live_name(self.store)  # reads never create an index: a missing one is reported
        if name != self._ix_name or self._searcher is None:
            self._forget()
            self._ix = self.store.open(name)
            self._searcher, self._ix_name = self._ix.searcher(), name
            self._files = self._segment_files(name)
        elif not self._searcher.up_to_date():
            # Not ``Searcher.refresh()``: in Whoosh-Reloaded 2.7.5 it reuses segment readers
            # with stale deletions, keeps merged-away segments, and fails on an empty index.
            # With compound=False a new searcher costs about a millisecond; the per-segment
            # values in ``DocTable`` are still reused.
            self._searcher.close()
            self._searcher = self._ix.searcher()
            self._cache = SearcherCache()
            self._files = self._segment_files(name)
        elif not self.store.unchanged(self._files):
            # Cached postings would go on answering from files truncated or deleted under
            # the searcher; ``_reading`` retries once on a fresh one (a merge is harmless).
            raise SearchUnavailable(f"The search index at {self.store.root} changed under it.")
        self._opened = True
        if self._table is None or self._table.searcher is not self._searcher:
            self._table = DocTable(self._searcher, self._segments)
        return self._searcher, self._table

    def _segment_files(self, name: str) -> dict[str, int]:
        leaves = self._searcher.reader().leaf_readers()
        segments = [getattr(leaf, "segment", lambda: None)() for leaf, _offset in leaves]
        return self.store.file_sizes(name, (s.segment_id() for s in segments if s is not None))

    def _reading(self, fn):
        """Run ``fn(searcher, table)``. A failure is retried once on a freshly opened index
        (a writer in another process may have merged away files this searcher had not opened
        yet); a second failure is SearchUnavailable, never another exception."""
        with self._lock:
            self._damage.check()  # a known failure, while the files stay as they were
            before = None
            for attempt in (1, 2):
                try:
                    return fn(*self._current())
                except SearchUnavailable as exc:
                    self._forget()
                    before = before or self._damage.fingerprint()
                    if attempt == 2:
                        self._damage.remember(before, exc)
                        raise
                except Exception as exc:
                    self._forget()
                    before = before or self._damage.fingerprint()
                    if attempt == 2:
                        log.exception("search index at %s failed", self.store.root)
                        error = IndexDamaged(
                            f"The search index at {self.store.root} could not be read "
                            f"({type(exc).__name__}: {exc}). {FIX}"
                        )
                        self._damage.remember(before, error)
                        raise error from exc

    def verify(self) -> dict[str, int]:
        """Read every segment's files through (see ``integrity``); afterwards searches try
        the index afresh."""
        with self._lock:
            self._forget()
            self._damage.forget()
            return verify(self.store)

    def search(self, request: SearchRequest) -> SearchResults:
        return self._reading(lambda s, t: self._search(s, t, request))

    def quotes_after(self, request: SearchRequest, after: int) -> list[int]:
        def read(searcher, table):
            root = request.query.root
            words = compile_node(root, searcher.reader()) if root is not None else None
            ev = Evaluator(searcher, table, self._cache)
            found = self._matches(ev, words, criteria(request.query, request.filters))
            ids = table.ids
            return sorted(ids[d] for d in found.quotes if ids[d] > after)

        return self._reading(read)

    def match_spans(self, text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
        """Spans of ``text`` the index's own analyzers would match ("cutting" for "cut")."""
        terms = [t for t in terms if t and t.strip()]
        return Highlighter([(t, False) for t in terms]).spans(text) if terms else []

    def stored_versions(self) -> dict[str, dict[int, str]]:
        def read(searcher, table):
            out: dict[str, dict[int, str]] = {"article": {}, "quote": {}}
            for d in table.live():
                out["quote" if table.is_quote[d] else "article"][table.ids[d]] = table.versions[d]
            return out

        return self._reading(read)

    def status(self) -> dict:
        try:

            def read(searcher, table):
                live = table.live()
                quotes = sum(1 for d in live if table.is_quote[d])
                return {"article": len(live) - quotes, "quote": quotes}, len(
                    list(searcher.reader().leaf_readers())
                )

            documents, segments = self._reading(read)
        except SearchUnavailable as exc:
            return {
                "ok": False,
                "message": str(exc),
                "documents": {"article": 0, "quote": 0},
                "path": str(self.store.root),
            }
        return {
            "ok": True,
            "message": f"{documents['article']} articles and {documents['quote']} quotes indexed.",
            "documents": documents,
            "path": str(self.store.root),
            "generation": self._ix_name,
            "segments": segments,
        }

    # the search itself

    def ranked_quote_ids(self, request: SearchRequest, limit: int) -> tuple[list[int], int]:
        """One ranking of the matches, no highlights, facets or articles (an export's)."""

        def read(searcher, table):
            ev, words, _, found, _, _, sort = self._matched(searcher, table, request)
            ranked = self._page(ev, words, found.quotes, sort, 1, limit)
            return [table.ids[d] for d, _ in ranked], len(found.quotes)

        return self._reading(read)

    def _search(self, searcher, table: DocTable, request: SearchRequest) -> SearchResults:
        query, root = request.query, request.query.root
        ev, words, crit, found, facets, activity, sort = self._matched(searcher, table, request)
        terms = positive_terms(root)
        page, per_page = max(1, int(request.page or 1)), max(1, int(request.per_page or 10))
        highlighter = Highlighter(terms)

        def stored(docnum: int) -> dict:  # read-only: shared through the cache
            return self._cache.remembered(
                ("stored", docnum), lambda: searcher.stored_fields(docnum)["doc"]
            )

        def hits(docs, make_hit) -> Page:
            ranked = self._page(ev, words, docs, sort, page, per_page)
            made = [make_hit(stored(d), score, highlighter) for d, score in ranked]
            return Page(made, len(docs), page, per_page)

        quotes = hits(found.quotes, results.quote_hit)
        articles = hits(found.articles, results.article_hit)
        total = quotes.total + articles.total
        suggestion = None
        if root is not None and total < spelling.SUGGEST_BELOW:
            suggestion = spelling.suggest(ev, query, crit, total, self._matches)
        return SearchResults(
            quotes=quotes,
            articles=articles,
            facets=facets,
            suggestion=suggestion,
            terms=query.terms(),
            activity=activity,
        )

    def _matched(self, searcher, table: DocTable, request: SearchRequest) -> tuple:
        """What a page of results and a download's ids both start from: the compiled words,
        the matches (with their facets) and the order to rank them in."""
        query = request.query
        root = query.root
        crit = criteria(query, request.filters)
        words = None
        if root is not None:  # parsed queries are frozen: the same words compile the same

            def compiled():
                return compile_node(root, searcher.reader())

            words = self._cache.remembered(("compiled", root), compiled, lambda q: 1000)
        ev = Evaluator(searcher, table, self._cache)

        with_activity = bool(request.activity)

        def matched() -> tuple[Matches, tuple]:
            found = self._matches(ev, words, crit)
            found = Matches(frozenset(found.quotes), frozenset(found.articles))
            return found, results.facets(table, found, with_activity)

        # What matches and its facet counts depend only on the words and filters, so the
        # searcher's cache keeps them (as Solr's query result cache and Elasticsearch's
        # request cache do); ranking, pages and highlights are still made per request.
        found, (facets, activity) = self._cache.remembered(
            ("matches", repr(words), crit, with_activity),
            matched,
            lambda v: approximate_bytes((v[0].quotes, v[0].articles, v[1])),
        )
        sort = request.sort if request.sort in ("newest", "oldest") else "relevance"
        if sort == "relevance" and (words is None or not positive_terms(root)):
            sort = "newest"  # nothing to rank by (filters only, or only exclusions)
        return ev, words, crit, found, facets, activity, sort

    def _matches(self, ev: Evaluator, words, crit: Criteria) -> Matches:
        """Matching quotes and articles, filters applied."""
        table = ev.table
        docs = table.live() if words is None else ev.docs(words)
        if crit.sources:
            sources, allowed = table.sources, allowed_sources(crit, table.distinct_sources())
            docs = [d for d in docs if sources[d] in allowed]
        bounds, years = crit.date_bounds, set(crit.years)
        if bounds or years or crit.undated:
            dates, undated = table.dates, crit.undated
            docs = [d for d in docs if results.date_ok(dates[d], bounds, years, undated)]
        is_quote = table.is_quote
        quotes = [d for d in docs if is_quote[d]]
        articles = [d for d in docs if not is_quote[d]]
        if crit.concerns_quotes:
            passing, with_quote = self._quotes_passing(ev, crit)
            quotes = [d for d in quotes if d in passing]
            article_ids = table.article_ids
            articles = [d for d in articles if article_ids[d] in with_quote]
        return Matches(quotes, articles)

    def _quotes_passing(self, ev: Evaluator, crit: Criteria) -> tuple[frozenset, frozenset]:
        """All quotes, whatever their words, that pass the quote filters (speaker, role,
        kind), and the ids of the articles holding one (other articles are left out). The
        same filters over the same searcher give the same sets, so they are cached."""

        def compute():
            table = ev.table
            by_index = quote_filter(crit)
            pool = ev.docs(by_index) if by_index is not None else table.quote_docs()
            is_quote, slugs, kinds = table.is_quote, table.slugs, table.kinds
            speaker_kinds, wanted_speaker_kinds = table.speaker_kinds, set(crit.speaker_kinds)
            wanted_slugs = set(crit.speaker_slugs)
            kind_groups = [{k.strip().lower() for k in group} for group in crit.kinds]
            passing = frozenset(
                d
                for d in pool
                if is_quote[d]
                and (not wanted_slugs or slugs[d] in wanted_slugs)
                and all(kinds[d] in group for group in kind_groups)
                and (not wanted_speaker_kinds or speaker_kinds[d] in wanted_speaker_kinds)
            )
            article_ids = table.article_ids
            return passing, frozenset(article_ids[d] for d in passing)

        key = (
            "passing",
            crit.speaker_slugs,
            crit.speaker_names,
            crit.roles,
            crit.kinds,
            crit.speaker_kinds,
        )
        return ev.cache.remembered(key, compute)

    def _page(self, ev: Evaluator, words, docs: list[int], sort: str, page: int, per_page: int):
        """[(docnum, score)] for one page; only this page is ranked or date-sorted."""
        start, end = (page - 1) * per_page, page * per_page
        if start >= len(docs):
            return []
        if sort == "relevance":
            return ev.top(words, docs, end)[start:end]
        table, newest = ev.table, sort == "newest"
        if len(docs) * DATE_WALK < len(table.ids):
            key = date_order(table.dates, table.ids, newest)
            return [(d, 0.0) for d in heapq.nsmallest(end, docs, key=key)[start:end]]
        # Most documents match (no words, an exclusion): the first in date order will do.
        wanted = docs if isinstance(docs, set | frozenset) else set(docs)
        picked = islice((d for d in table.by_date(newest) if d in wanted), end)
        return [(d, 0.0) for d in list(picked)[start:end]]

    # writing

    def update(self, articles: Iterable[dict], quotes: Iterable[dict]) -> None:
        articles, quotes = list(articles), list(quotes)
        if articles or quotes:
            self._write(("update", articles, quotes))

    def add(self, articles: Iterable[dict], quotes: Iterable[dict]) -> None:
        """``add_document``: no search for an older copy in every segment, which made
        ``update_document`` three quarters of a feed import's time."""
        articles, quotes = list(articles), list(quotes)
        if articles or quotes:
            self._write(("add", articles, quotes))

    def delete(self, article_ids: Iterable[int] = (), quote_ids: Iterable[int] = ()) -> None:
        article_ids, quote_ids = [int(i) for i in article_ids], [int(i) for i in quote_ids]
        if article_ids or quote_ids:
            self._write(("delete", article_ids, quote_ids))

    def _write(self, record: tuple) -> None:
        """One writer and one commit for the whole batch. The writer is opened on the live
        generation and, if a rebuild swapped generations while we waited for the lock,
        reopened on the new one."""
        with self._write_lock:
            if not self._opened:
                self.store.create_if_absent()
            for _attempt in range(3):
                name = self.store.live_name()
                ix = self.store.open(name)
                bulk = _is_bulk(record)
                writer = self.store.writer(ix, **(self._bulk_options() if bulk else {}))
                if self.store.live_name() != name:
                    writer.cancel()
                    continue
                try:
                    writing.apply(writer, record)
                    # a rebuild replays this into an index that may hold the documents
                    self.store.journal(("update", *record[1:]) if record[0] == "add" else record)
                except BaseException:
                    writer.cancel()
                    raise
                writer.commit(merge=not bulk)  # a bulk import merges once, in ``compact``
                self._opened = True
                return
            raise SearchUnavailable(f"The search index at {self.store.root} kept changing. {FIX}")

    def _bulk_options(self) -> dict:
        """Writer options for a bulk import's batch of new documents: analysed by ``procs``
        processes into segments of their own, as ``rebuild`` does, with room to sort its
        postings in memory. Its commit merges nothing; ``compact`` merges once at the end."""
        options = {"limitmb": BULK_LIMITMB}
        if self.procs > 1:
            options.update(procs=self.procs, multisegment=True)
        return options

    def compact(self) -> None:
        """Merge the smallest segments until at most ``MAX_SEGMENTS`` remain. Whoosh's own
        policy on each commit keeps the count logarithmic; a bulk import's many commits
        still leave a dozen or more, which every search then opens."""
        with self._write_lock:
            if not self.store.has_live():
                return
            writer = self.store.writer(self.store.open(self.store.live_name()))
            try:
                writer.commit(mergetype=writing.merge_down_to(MAX_SEGMENTS))
            except BaseException:
                writer.cancel()
                raise

    def rebuild(
        self, articles: Iterable[dict], quotes: Iterable[dict], *, total: int = 0, progress=None
    ) -> None:
        """Build a new generation beside the live one and swap it in. ``progress(done, total)``
        is called every 1,000 documents. With ``total`` of 5,000 or more the build uses two
        writer processes (``procs=2, multisegment=True``: 1.9x faster here than one)."""
        with self.store.rebuilding() as name:
            ix = self.store.open(name)
            procs = self.procs if total >= MULTIPROCESS_FROM else 1
            extra = {"procs": procs, "multisegment": True} if procs > 1 else {}
            writer = ix.writer(compound=False, limitmb=BULK_LIMITMB, **extra)
            done = 0
            try:
                for fields in writing.all_fields(articles, quotes):
                    writer.add_document(**fields)
                    done += 1
                    if progress and done % 1000 == 0:
                        progress(done, total)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            self._swap_in(name)
            if progress:
                progress(done, total)
            self._opened = True

    def _swap_in(self, name: str) -> None:
        """Replay writes that reached the old generation during the build, then swap, all
        while holding the old generation's lock so no write falls between the two."""
        old_writer = self._lock_live_generation()
        try:
            records = self.store.read_journal()
            if records:
                writer = self.store.writer(self.store.open(name))
                for record in records:
                    writing.apply(writer, record)
                writer.commit()
            self.store.point_to(name)
        finally:
            if old_writer is not None:
                try:
                    old_writer.cancel()
                except Exception:
                    log.debug("releasing the old index lock failed", exc_info=True)
        self.store.remove_old(name)

    def _lock_live_generation(self):
        """A writer holding the live generation's lock, or None when there is nothing sound
        to lock: a rebuild must be able to replace a missing or damaged index, and one
        that waited in vain for the lock still swaps (a write that lands in the old
        generation after that shows up in ``check_index``)."""
        if not self.store.has_live():
            return None  # a first build
        try:
            return self.store.writer(self.store.open(self.store.live_name()))
        except SearchUnavailable as exc:
            log.warning("rebuild swaps in without the old index's lock: %s", exc)
            return None


def _is_bulk(record: tuple) -> bool:
    """A large batch of new documents: a bulk import's checkpoint."""
    op, articles, quotes = record
    return op == "add" and len(articles) + len(quotes) >= MULTIPROCESS_FROM
