"""``PostgresBackend``: the search interface of ``search.engine.base`` over PostgreSQL's full
text search, in the application's own database.

A search is a few statements over ``search_pg_document`` (see ``documents``): the words
become one ``tsquery`` matched through a GIN or RUM index, the filters plain conditions
(``compile``); totals and facets are aggregates over that same result set, and each page is
ranked or sorted by date (``results``). Highlights are made in Python, escaped first and
marked second, from the words PostgreSQL's analyzers say match (``hits``; ``ts_headline``
does not escape HTML). A search that finds almost nothing offers a correction
(``suggestions``).

Writes go through the application's database connection, so they join the transaction of
the change that caused them (``transactional``): the index commits or rolls back with the
data and cannot drift.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import DatabaseError, connections, transaction

from ..base import (
    Page,
    SearchBackend,
    SearchRequest,
    SearchResults,
    SearchUnavailable,
)
from . import hits, results, suggestions
from .compile import (
    Compiler,
    Criteria,
    analyse,
    conditions,
    criteria,
    filter_texts,
    names_nothing,
    positive_terms,
    texts_of,
)
from .documents import (
    ARTICLE,
    DELETE_SQL,
    QUOTE,
    STORED_UPSERT_SQL,
    UPSERT_SQL,
    WORDS_SQL,
    article_row,
    quote_row,
    vocabulary_texts,
)

log = logging.getLogger(__name__)

BATCH = 500  # rows per INSERT batch
FIX = "Run `python manage.py migrate` to create the search tables, then `rebuild_index`."
# Which access method indexes the documents' vectors: "rum" (migration 0006, where the rum
# extension is installed) ranks from the index; "gin" ranks from the stored vectors.
TEXT_INDEX_SQL = """
SELECT am.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_am am ON am.oid = c.relam
WHERE i.indrelid = 'search_pg_document'::regclass AND am.amname IN ('rum', 'gin')
ORDER BY am.amname = 'rum' DESC LIMIT 1
"""
# Matches of one type from which a filtered page is ranked by walking the RUM index of its
# type (migration 0008) in distance order; below it, ranking the few matches with ts_rank is
# quicker (the walk passes over the filters' rejects: every article holding "said", to find
# the few of one speaker). A page of the words alone rejects nothing, so it is always ranked
# from RUM; so is a page of quotes filtered by date or source only, as the walk passes at most
# the type's own matches, and ts_rank would read every quote (the planner, misjudging how
# few quotes hold a word common in articles, reads them all through the speakers' index).
RUM_FROM = 1000
SEARCH_WORK_MEM = "64MB"
RUM_HINT = (
    "Install the RUM extension (Debian: apt-get install postgresql-15-rum, for your "
    "PostgreSQL version), then run `python manage.py migrate search 0006` and "
    "`python manage.py migrate search` as a user allowed to CREATE EXTENSION rum."
)


class PostgresBackend(SearchBackend):
    transactional = True  # writes join the caller's transaction (see search.index.sync)

    def __init__(self, params: dict) -> None:
        super().__init__(params)
        self.alias = params.get("DATABASE", "default")
        self._text_index: str | None = None

    def text_index(self) -> str | None:
        """ "rum" or "gin": the index the words are searched and ranked with (None: none,
        the tables are missing). Looked up once per backend."""
        if self._text_index is None:

            def run(cursor):
                cursor.execute("SELECT to_regclass('search_pg_document')")
                if cursor.fetchone()[0] is None:
                    return None
                cursor.execute(TEXT_INDEX_SQL)
                row = cursor.fetchone()
                return row[0] if row else None

            self._text_index = self._run(run)
        return self._text_index

    # plumbing

    def _connection(self):
        connection = connections[self.alias]
        if connection.vendor != "postgresql":
            raise SearchUnavailable(
                "The PostgreSQL search backend needs a PostgreSQL database: set DATABASE_URL "
                "to postgres://… or SEARCH_BACKEND=whoosh."
            )
        return connection

    def _run(self, fn, index_scans: bool = False):
        """``fn(cursor)`` in a transaction (a savepoint inside the caller's), so a failure
        leaves the caller's transaction usable; database errors become SearchUnavailable.

        ``index_scans``: the planner does not count the cost of reading a large tsvector back
        for ``@@``, so for a common word it prefers reading every row to the exact GIN
        answer (75 ms against 17 for "said" on the Reuters corpus); in a transaction of our
        own, searches are told not to, and given the memory to rank a common word's matches
        from RUM without spilling them to disk (77,000 for "said" at 100k articles: 116 ms
        with 4 MB, 86 ms with 64 MB)."""
        connection = self._connection()
        try:
            outermost = not connection.in_atomic_block
            with transaction.atomic(using=self.alias), connection.cursor() as cursor:
                if index_scans and outermost:
                    cursor.execute(  # one round trip
                        f"SET LOCAL enable_seqscan = off; SET LOCAL work_mem = '{SEARCH_WORK_MEM}'"
                    )
                return fn(cursor)
        except DatabaseError as exc:
            log.exception("PostgreSQL search failed")
            raise SearchUnavailable(
                f"PostgreSQL search failed ({type(exc).__name__}: {exc}). {FIX}"
            ) from exc

    # writes

    def update(self, articles: Iterable[dict], quotes: Iterable[dict]) -> None:
        rows = [article_row(d) for d in articles] + [quote_row(d) for d in quotes]
        if rows:
            self._run(lambda cursor: _insert(cursor, rows))

    def delete(self, article_ids: Iterable[int] = (), quote_ids: Iterable[int] = ()) -> None:
        article_ids, quote_ids = [int(i) for i in article_ids], [int(i) for i in quote_ids]

        def run(cursor):
            if article_ids:  # an article goes with its quotes
                gone = "DELETE FROM search_pg_document WHERE article_id = ANY(%s)"
                cursor.execute(DELETE_SQL.format(gone=gone), [article_ids])
            if quote_ids:
                gone = "DELETE FROM search_pg_document WHERE doctype = 'q' AND doc_id = ANY(%s)"
                cursor.execute(DELETE_SQL.format(gone=gone), [quote_ids])

        if article_ids or quote_ids:
            self._run(run)

    def rebuild(
        self, articles: Iterable[dict], quotes: Iterable[dict], *, total: int = 0, progress=None
    ) -> None:
        """Replace every document in one transaction: searches see the old documents until
        it commits, and a failed rebuild leaves them. ``progress(done, total)`` every 1,000."""

        def run(cursor):
            cursor.execute("DELETE FROM search_pg_document")
            cursor.execute("DELETE FROM search_pg_stored")
            cursor.execute("DELETE FROM search_pg_word")
            done, batch = 0, []
            for row in _rows(articles, quotes):
                batch.append(row)
                if len(batch) == BATCH:
                    _insert(cursor, batch)
                    done, batch = done + len(batch), []
                    if progress and done % 1000 == 0:
                        progress(done, total)
            _insert(cursor, batch)
            if progress:
                progress(done + len(batch), total)

        self._run(run)

    # reads

    def stored_versions(self) -> dict[str, dict[int, str]]:
        def run(cursor):
            out: dict[str, dict[int, str]] = {"article": {}, "quote": {}}
            cursor.execute("SELECT doctype, doc_id, version FROM search_pg_document")
            for doctype, doc_id, version in cursor.fetchall():
                out["quote" if doctype == QUOTE else "article"][doc_id] = version
            return out

        return self._run(run)

    def status(self) -> dict:
        def run(cursor):
            cursor.execute("SELECT doctype, count(*) FROM search_pg_document GROUP BY doctype")
            counts = dict(cursor.fetchall())
            return {"article": counts.get(ARTICLE, 0), "quote": counts.get(QUOTE, 0)}

        where = f"PostgreSQL database {self.alias!r}"
        try:
            documents = self._run(run)
            where = f"postgresql:{self._connection().settings_dict.get('NAME')}"
        except SearchUnavailable as exc:
            return {
                "ok": False,
                "message": str(exc),
                "documents": {"article": 0, "quote": 0},
                "path": where,
            }
        return {
            "ok": True,
            "message": (
                f"{documents['article']} articles and {documents['quote']} quotes indexed, "
                "written in the same transactions as the data."
            ),
            "documents": documents,
            "path": where,
            "transactional": True,
        }

    def match_spans(self, text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
        """Spans of ``text`` that PostgreSQL's analyzers match to ``terms``."""
        terms = [(t, False) for t in terms if t and t.strip()]
        if not terms or not text:
            return []
        return self._run(lambda cursor: hits.marker(cursor, terms, [text]).spans(text))

    def search(self, request: SearchRequest) -> SearchResults:
        own = not self._connection().in_atomic_block  # a transaction of our own to tune
        return self._run(lambda cursor: self._search(cursor, request, own), index_scans=True)

    def bare_search(self, request: SearchRequest, limit: int = 10) -> int:
        """For ``bench/bench_search.py``: the words alone through the GIN index, ranked, with
        a total and stored fields; no filters, facets, highlights or suggestions."""

        def run(cursor):
            root = getattr(request.query, "root", None)
            analysed = analyse(cursor, texts_of(root))
            words_query = Compiler(cursor, analysed).compile(root) if root is not None else None
            if names_nothing(root, words_query):
                return 0
            if words_query is None:
                cursor.execute("SELECT count(*) FROM search_pg_document")
                return cursor.fetchone()[0]
            cursor.execute(
                "SELECT s.stored, p.r, p.n FROM (SELECT doctype, doc_id, ts_rank(vector, q) AS r, "
                "count(*) OVER () AS n FROM search_pg_document, CAST(%s AS tsquery) AS q "
                "WHERE vector @@ q ORDER BY r DESC LIMIT %s) AS p "
                "JOIN search_pg_stored s USING (doctype, doc_id) ORDER BY p.r DESC",
                [words_query, limit],
            )
            rows = cursor.fetchall()
            return rows[0][2] if rows else 0

        return self._run(run)

    def quotes_after(self, request: SearchRequest, after: int) -> list[int]:
        def run(cursor):
            query = request.query
            root = getattr(query, "root", None)
            crit = criteria(query, request.filters)
            analysed = analyse(cursor, texts_of(root) + filter_texts(crit))
            words_query = Compiler(cursor, analysed).compile(root) if root is not None else None
            where, params = conditions(
                words_query, crit, analysed, names_nothing(root, words_query)
            )
            cursor.execute(
                f"SELECT d.doc_id FROM search_pg_document d WHERE d.doctype = %s "
                f"AND d.doc_id > %s AND {where} ORDER BY d.doc_id",
                [QUOTE, after, *params],
            )
            return [row[0] for row in cursor.fetchall()]

        return self._run(run)

    # the search itself

    def _search(self, cursor, request: SearchRequest, own: bool = False) -> SearchResults:
        rum = self.text_index() == "rum"
        query = request.query
        root = getattr(query, "root", None)
        crit = criteria(query, request.filters)
        analysed = analyse(cursor, texts_of(root) + filter_texts(crit))
        compiler = Compiler(cursor, analysed)
        words_query = compiler.compile(root) if root is not None else None
        where, params = conditions(words_query, crit, analysed, names_nothing(root, words_query))
        filtered = {ARTICLE: crit != Criteria(), QUOTE: crit.concerns_quotes}
        # Facets and the timeline count every match through a bitmap from the RUM index of
        # each type (results.FACETS_BY_TYPE_SQL). The planner judges how many quotes hold a
        # word from the whole column, articles included ("said": 27,000 guessed, 515 there),
        # and would walk every quote through the speakers' index instead (37 ms against 1.7):
        # while they are counted, index scans (bitmap scans are not those) are off. So are
        # parallel workers: starting them cost more than they saved, one type's rows at a time
        # (at 100k articles, medians: "tariffs" 31 ms against 12, "said" 135 against 128).
        by_type = rum and words_query is not None
        if by_type and own:
            cursor.execute(  # one round trip
                "SET LOCAL enable_indexscan = off; SET LOCAL max_parallel_workers_per_gather = 0"
            )
        totals, facets = results.facets(cursor, where, params, by_type)
        activity = (
            results.activity(cursor, where, params, facets["speaker"]) if request.activity else None
        )
        if by_type and own:
            cursor.execute(
                "SET LOCAL enable_indexscan = on; "
                "SET LOCAL max_parallel_workers_per_gather TO DEFAULT"
            )
        terms = positive_terms(root)
        sort = request.sort if request.sort in ("newest", "oldest") else "relevance"
        if sort == "relevance" and (words_query is None or not terms):
            sort = "newest"  # nothing to rank by (filters only, or only exclusions)
        page, per_page = max(1, int(request.page or 1)), max(1, int(request.per_page or 10))
        keys = {}
        for doctype in (QUOTE, ARTICLE):
            from_rum = rum and (not filtered[doctype] or totals.get(doctype, 0) >= RUM_FROM)
            keys[doctype] = results.ranked_page(
                cursor, doctype, where, params, words_query, sort, page, per_page, totals, from_rum
            )
        found = results.with_stored(cursor, keys)
        shown = [
            t for rows in found.values() for stored, _ in rows for t in results.shown_texts(stored)
        ]
        marker = hits.marker(cursor, terms, shown)
        quotes = Page(
            [hits.quote_hit(s, score, marker) for s, score in found[QUOTE]],
            totals.get(QUOTE, 0),
            page,
            per_page,
        )
        articles = Page(
            [hits.article_hit(s, score, marker) for s, score in found[ARTICLE]],
            totals.get(ARTICLE, 0),
            page,
            per_page,
        )
        total = quotes.total + articles.total
        suggestion = None
        if root is not None and total < suggestions.SUGGEST_BELOW:
            suggestion = suggestions.suggest(cursor, query, crit, total)
        terms_fn = getattr(query, "terms", None)
        return SearchResults(
            quotes=quotes,
            articles=articles,
            facets=facets,
            suggestion=suggestion,
            terms=tuple(terms_fn()) if callable(terms_fn) else tuple(t for t, _ in terms),
            activity=activity,
        )


# statements


def _rows(articles: Iterable[dict], quotes: Iterable[dict]):
    for doc in articles:
        yield article_row(doc)
    for doc in quotes:
        yield quote_row(doc)


def _insert(cursor, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        cursor.executemany(UPSERT_SQL, batch)
        cursor.executemany(STORED_UPSERT_SQL, batch)
        cursor.execute(WORDS_SQL, [[t for row in batch for t in vocabulary_texts(row)]])
