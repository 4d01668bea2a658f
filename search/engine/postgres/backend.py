"""``PostgresBackend``: the search interface of ``search.engine.base`` over PostgreSQL's full
text search, in the application's own database.

A search is a few statements over ``search_pg_document`` (see ``documents``): the words
become one ``tsquery`` matched through a GIN index, the filters plain conditions; totals and
facets are aggregates over that same result set; each page is ranked with ``ts_rank``
(term frequency, weighted by part and normalised by document length) or sorted by date.
Highlights are made in Python, escaped first and marked second, from the words PostgreSQL's
analyzers say match (``ts_headline`` does not escape HTML).

Writes go through the application's database connection, so they join the transaction of
the change that caused them (``transactional``): the index commits or rolls back with the
data and cannot drift.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Iterable

from django.db import DatabaseError, connections, transaction

from ..base import (
    ACTIVITY_SPEAKERS,
    UNDATED,
    Activity,
    ArticleHit,
    FacetValue,
    Page,
    PeriodCount,
    QuoteHit,
    SearchBackend,
    SearchRequest,
    SearchResults,
    SearchUnavailable,
    SpeakerActivity,
    Suggestion,
)
from ..highlight import MarkedText, words
from .compile import (
    NOTHING,
    Compiler,
    Criteria,
    analyse,
    criteria,
    date_condition,
    filter_texts,
    names_nothing,
    positive_terms,
    quote_conditions,
    source_condition,
    texts_of,
)
from .documents import (
    ARTICLE,
    QUOTE,
    UPSERT_SQL,
    WORDS_SQL,
    article_row,
    plain,
    published,
    quote_row,
    vocabulary_texts,
)

log = logging.getLogger(__name__)

FACET_LIMIT = 30
SUGGEST_BELOW = 3
BATCH = 500  # rows per INSERT batch
# ts_rank weights for {D (unused), C names, B body, A title}; normalisation 1 divides by
# 1 + log(document length), so a short quote is not buried under long articles. ts_rank
# (term frequency, as BM25 starts from) rather than ts_rank_cd (cover density): on the
# Reuters corpus it ranked a common word's 15,000 matches 2-4x faster, and one- and
# two-word searches, most of them, have little proximity for cover density to reward.
RANK_WEIGHTS = "{0.1, 0.6, 0.8, 1.0}"
RANK_NORMALISATION = 1
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
                    cursor.execute("SET LOCAL enable_seqscan = off")
                    cursor.execute(f"SET LOCAL work_mem = '{SEARCH_WORK_MEM}'")
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
                cursor.execute(
                    "DELETE FROM search_pg_document WHERE article_id = ANY(%s)", [article_ids]
                )
            if quote_ids:
                cursor.execute(
                    "DELETE FROM search_pg_document WHERE doctype = 'q' AND doc_id = ANY(%s)",
                    [quote_ids],
                )

        if article_ids or quote_ids:
            self._run(run)

    def rebuild(
        self, articles: Iterable[dict], quotes: Iterable[dict], *, total: int = 0, progress=None
    ) -> None:
        """Replace every document in one transaction: searches see the old documents until
        it commits, and a failed rebuild leaves them. ``progress(done, total)`` every 1,000."""

        def run(cursor):
            cursor.execute("DELETE FROM search_pg_document")
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
        return self._run(lambda cursor: _marker(cursor, terms, [text]).spans(text))

    def search(self, request: SearchRequest) -> SearchResults:
        return self._run(lambda cursor: self._search(cursor, request), index_scans=True)

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
                "SELECT stored, ts_rank(vector, q) AS r, count(*) OVER () FROM "
                "search_pg_document, CAST(%s AS tsquery) AS q WHERE vector @@ q "
                "ORDER BY r DESC LIMIT %s",
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
            where, params = _where(words_query, crit, analysed, names_nothing(root, words_query))
            cursor.execute(
                f"SELECT d.doc_id FROM search_pg_document d WHERE d.doctype = %s "
                f"AND d.doc_id > %s AND {where} ORDER BY d.doc_id",
                [QUOTE, after, *params],
            )
            return [row[0] for row in cursor.fetchall()]

        return self._run(run)

    # the search itself

    def _search(self, cursor, request: SearchRequest) -> SearchResults:
        rum = self.text_index() == "rum"
        query = request.query
        root = getattr(query, "root", None)
        crit = criteria(query, request.filters)
        analysed = analyse(cursor, texts_of(root) + filter_texts(crit))
        compiler = Compiler(cursor, analysed)
        words_query = compiler.compile(root) if root is not None else None
        where, params = _where(words_query, crit, analysed, names_nothing(root, words_query))
        filtered = {ARTICLE: crit != Criteria(), QUOTE: crit.concerns_quotes}
        totals, facets = _facets(cursor, where, params)
        activity = _activity(cursor, where, params, facets["speaker"]) if request.activity else None
        terms = positive_terms(root)
        sort = request.sort if request.sort in ("newest", "oldest") else "relevance"
        if sort == "relevance" and (words_query is None or not terms):
            sort = "newest"  # nothing to rank by (filters only, or only exclusions)
        page, per_page = max(1, int(request.page or 1)), max(1, int(request.per_page or 10))
        found = {}
        for doctype in (QUOTE, ARTICLE):
            from_rum = rum and (not filtered[doctype] or totals.get(doctype, 0) >= RUM_FROM)
            found[doctype] = _page(
                cursor, doctype, where, params, words_query, sort, page, per_page, totals, from_rum
            )
        shown = [t for rows in found.values() for stored, _ in rows for t in _texts(stored)]
        marker = _marker(cursor, terms, shown)
        quotes = Page(
            [_quote_hit(s, score, marker) for s, score in found[QUOTE]],
            totals.get(QUOTE, 0),
            page,
            per_page,
        )
        articles = Page(
            [_article_hit(s, score, marker) for s, score in found[ARTICLE]],
            totals.get(ARTICLE, 0),
            page,
            per_page,
        )
        total = quotes.total + articles.total
        suggestion = None
        if root is not None and total < SUGGEST_BELOW:
            suggestion = _suggest(cursor, query, crit, total)
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
        cursor.execute(WORDS_SQL, [[t for row in batch for t in vocabulary_texts(row)]])


def _where(
    words_query: str | None, crit: Criteria, analysed, nothing: bool = False
) -> tuple[str, list]:
    """The conditions every matching row ``d`` meets, with their parameters; none does
    when ``nothing`` (the words searched all analysed away)."""
    sql, params = [NOTHING] if nothing else [], []
    if words_query is not None:
        sql.append("d.vector @@ %s::tsquery")
        params.append(words_query)
    for part, part_params in (source_condition(crit, "d"), date_condition(crit, "d")):
        if part:
            sql.append(part)
            params.extend(part_params)
    if crit.concerns_quotes:
        # Quotes must pass the quote filters; articles must hold a quote that does. Both are
        # looked up by primary key from the (usually few) passing quotes.
        passing, passing_params = quote_conditions(crit, analysed, "x")
        sql.append(
            "(d.doctype, d.doc_id) IN (SELECT p.doctype, p.doc_id FROM (SELECT x.doc_id, "
            f"x.article_id FROM search_pg_document x WHERE {passing}) AS q, LATERAL "
            "(VALUES ('q'::char(1), q.doc_id), ('a'::char(1), q.article_id)) AS p(doctype, doc_id))"
        )
        params.extend(passing_params)
    return " AND ".join(sql) or "TRUE", params


# One pass over the result set, each row hashed once on the facets of its type (quotes: speaker,
# kind, speaker kind; articles: source, year), the sums by facet made in Python from the few
# combinations. GROUPING SETS hashed every row once per facet, six times: for "said" at 100k
# articles (77,390 matches) 575 ms against 417. (Separate aggregates over a CTE were sorted
# on the planner's guess of 0.5% of the rows, slower still.)
FACETS_SQL = f"""
SELECT d.doctype,
       CASE WHEN d.doctype = '{QUOTE}' THEN d.speaker_slug END,
       CASE WHEN d.doctype = '{QUOTE}' THEN d.kind END,
       CASE WHEN d.doctype = '{QUOTE}' THEN d.speaker_kind END,
       CASE WHEN d.doctype = '{ARTICLE}' THEN d.source END,
       CASE WHEN d.doctype = '{ARTICLE}' THEN EXTRACT(YEAR FROM d.published)::int END,
       max(d.speaker_name), count(*)
FROM search_pg_document d WHERE {{where}}
GROUP BY 1, 2, 3, 4, 5, 6
"""


def _facets(cursor, where: str, params: list) -> tuple[dict, dict[str, list[FacetValue]]]:
    """Totals by type and facet counts, aggregated over the whole result set at once."""
    cursor.execute(FACETS_SQL.format(where=where), params)
    totals: dict[str, int] = {}
    speakers, kinds, sources, years, speaker_kinds = {}, {}, {}, {}, {}
    names: dict[str, str] = {}
    undated = 0
    for doctype, slug, kind, speaker_kind, source, year, name, count in cursor.fetchall():
        totals[doctype] = totals.get(doctype, 0) + count
        if doctype == QUOTE:
            for counts, value in ((speakers, slug), (kinds, kind), (speaker_kinds, speaker_kind)):
                if value:
                    counts[value] = counts.get(value, 0) + count
            if slug and name and name > names.get(slug, ""):
                names[slug] = name
        elif doctype == ARTICLE:
            if source:
                sources[source] = sources.get(source, 0) + count
            if year is None:
                undated += count
            else:
                years[int(year)] = years.get(int(year), 0) + count

    def top(counts, limit, labels=None):
        items = [(v, (labels or {}).get(v) or v, n) for v, n in counts.items()]
        ordered = sorted(items, key=lambda v: (-v[2], v[0].casefold()))
        return [FacetValue(v, label, n) for v, label, n in ordered[:limit]]

    return totals, {
        "speaker": top(speakers, FACET_LIMIT, names),
        "source": top(sources, FACET_LIMIT),
        "year": [FacetValue(str(y), str(y), n) for y, n in sorted(years.items(), reverse=True)]
        + ([FacetValue(UNDATED, "Date unknown", undated)] if undated else []),
        "kind": top(kinds, None),
        "speaker_kind": top(speaker_kinds, None),
    }


# Matching quotes per speaker and month, in one aggregate over the result set (never a query
# per speaker); the undated fall in the NULL month.
ACTIVITY_SQL = """
SELECT d.speaker_slug, date_trunc('month', d.published)::date, min(d.published),
       max(d.published), count(*)
FROM search_pg_document d WHERE d.doctype = %s AND {where}
GROUP BY d.speaker_slug, date_trunc('month', d.published)
"""


def _activity(cursor, where: str, params: list, speakers: list[FacetValue]) -> Activity:
    """The timeline and the top speakers (the speaker facet's first, with its counts)."""
    cursor.execute(ACTIVITY_SQL.format(where=where), [QUOTE, *params])
    months: dict = {}
    undated = 0
    per_speaker: dict[str, list] = {}
    for slug, month, first, last, count in cursor.fetchall():
        if month is None:
            undated += count
        else:
            months[month] = months.get(month, 0) + count
        per_speaker.setdefault(slug or "", []).append((month, first, last, count))
    rows = []
    for facet in speakers[:ACTIVITY_SPEAKERS]:
        dated = [r for r in per_speaker.get(facet.value, ()) if r[0] is not None]
        rows.append(
            SpeakerActivity(
                value=facet.value,
                label=facet.label,
                count=facet.count,
                first=min((r[1] for r in dated), default=None),
                last=max((r[2] for r in dated), default=None),
                months=tuple(PeriodCount(r[0], r[3]) for r in sorted(dated, key=lambda r: r[0])),
            )
        )
    return Activity(
        months=tuple(PeriodCount(m, n) for m, n in sorted(months.items())),
        undated=undated,
        speakers=tuple(rows),
    )


def _page(cursor, doctype, where, params, words_query, sort, page, per_page, totals, rum=False):
    """[(stored fields, score)] of one page of one type, ranked (from the type's RUM index
    if ``rum``) or sorted by date."""
    offset = (page - 1) * per_page
    order_params: list = []
    if offset >= totals.get(doctype, 0):
        return []
    if sort == "relevance" and rum:
        # RUM's distance orders from the index, so only the page's rows are read; a second
        # sort key (an id for ties) would make PostgreSQL read and sort every match instead
        score = "COALESCE(1.0 / NULLIF(d.vector <=> %s::tsquery, 0), 0)"
        order = "d.vector <=> %s::tsquery"
        select_params = [words_query]
        order_params = [words_query]
    elif sort == "relevance":
        score = f"ts_rank('{RANK_WEIGHTS}', d.vector, %s::tsquery, {RANK_NORMALISATION})"
        order = "score DESC, d.doc_id"
        select_params = [words_query]
    else:
        score, select_params = "0.0", []
        order = (
            "d.published DESC NULLS LAST, d.doc_id DESC"
            if sort == "newest"
            else "d.published ASC NULLS LAST, d.doc_id ASC"
        )
    cursor.execute(
        f"SELECT d.stored, {score} AS score FROM search_pg_document d "
        f"WHERE d.doctype = %s AND {where} ORDER BY {order} LIMIT %s OFFSET %s",
        [*select_params, doctype, *params, *order_params, per_page, offset],
    )
    return [(_json(stored), float(score)) for stored, score in cursor.fetchall()]


def _json(value) -> dict:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _texts(stored: dict) -> list[str]:
    return [stored.get(k) or "" for k in ("title", "body", "text")]


# suggestions


CORRECTIONS_SQL = """
SELECT word, levenshtein(word, %(w)s) AS distance
FROM search_pg_word
WHERE word %% %(w)s AND left(word, 1) = left(%(w)s, 1) AND word <> %(w)s
  AND levenshtein(word, %(w)s) <= 2
ORDER BY distance, similarity(word, %(w)s) DESC, word
LIMIT 8
"""


def _suggest(cursor, query, crit: Criteria, found: int) -> Suggestion | None:
    """A spelling correction of the query's words, offered only if it finds more."""
    mapping: dict[str, str] = {}
    root = query.root
    analysed = analyse(cursor, [t for t, _ in positive_terms(root)])
    compiler = Compiler(cursor, analysed)
    for text, is_prefix in positive_terms(root):
        word = text.lower()
        if is_prefix or not word.isalpha() or len(word) < 3 or text in mapping:
            continue
        if _matches_any(cursor, compiler._phrase(text)):
            continue
        correction = _correction(cursor, word)
        if correction:
            mapping[text] = correction
    if not mapping:
        return None
    corrected = _replace_words(root, mapping)
    analysed = analyse(cursor, texts_of(corrected) + filter_texts(crit))
    words_query = Compiler(cursor, analysed).compile(corrected)
    where, params = _where(words_query, crit, analysed)
    cursor.execute(f"SELECT count(*) FROM search_pg_document d WHERE {where}", params)
    count = cursor.fetchone()[0]
    if count <= found:
        return None
    replace = getattr(query, "replace_words", None)
    text = replace(mapping) if callable(replace) else str(getattr(query, "raw", ""))
    return Suggestion(text=text, count=count)


def _matches_any(cursor, words_query: str | None) -> bool:
    if words_query is None:
        return True  # nothing to correct (stop words only)
    cursor.execute(
        "SELECT EXISTS (SELECT 1 FROM search_pg_document WHERE vector @@ %s::tsquery)",
        [words_query],
    )
    return cursor.fetchone()[0]


def _correction(cursor, word: str) -> str | None:
    """The indexed word nearest to ``word`` (at most two edits, same first letter), the one
    in most documents among equally near ones."""
    cursor.execute(CORRECTIONS_SQL, {"w": word})
    candidates = cursor.fetchall()
    if not candidates:
        return None
    nearest = sorted(w for w, distance in candidates if distance == candidates[0][1])
    if len(nearest) == 1:
        return nearest[0]
    analysed = analyse(cursor, nearest)
    compiler = Compiler(cursor, analysed)
    counts = {}
    for option in nearest:
        words_query = compiler._phrase(option)
        if words_query is None:
            continue
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM search_pg_document "
            "WHERE vector @@ %s::tsquery LIMIT 10000) AS s",
            [words_query],
        )
        counts[option] = cursor.fetchone()[0]
    return max(sorted(counts), key=counts.__getitem__) if counts else None


def _replace_words(node, mapping: dict[str, str]):
    kind = type(node).__name__
    if kind == "Word":
        return dataclasses.replace(node, text=mapping.get(node.text, node.text))
    if kind == "Phrase":
        return dataclasses.replace(node, words=tuple(mapping.get(w, w) for w in node.words))
    if kind == "Not":
        return dataclasses.replace(node, child=_replace_words(node.child, mapping))
    return dataclasses.replace(
        node, children=tuple(_replace_words(c, mapping) for c in node.children)
    )


# highlights


FORMS_SQL = """
SELECT w,
       tsvector_to_array(to_tsvector('english', unaccent(w))),
       tsvector_to_array(to_tsvector('simple', unaccent(w)))
FROM unnest(%s::text[]) WITH ORDINALITY AS u(w, n)
ORDER BY n
"""
FORMS_CACHE = 100_000


class _Forms:
    """Each word as PostgreSQL indexes it (English stems, folded name form), asked once per
    process for the words of a whole page at a time: pages meet the same words again."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._forms: OrderedDict[str, tuple[frozenset[str], frozenset[str]]] = OrderedDict()

    def of(self, cursor, needed: set[str]) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
        with self._lock:
            known = {w: self._forms[w] for w in needed if w in self._forms}
        missing = sorted(needed - known.keys())
        if missing:
            cursor.execute(FORMS_SQL, [[plain(w) for w in missing]])
            rows = cursor.fetchall()
            fresh = {
                w: (frozenset(e or ()), frozenset(s or ()))
                for w, (_, e, s) in zip(missing, rows, strict=True)
            }
            known.update(fresh)
            with self._lock:
                self._forms.update(fresh)
                while len(self._forms) > FORMS_CACHE:
                    self._forms.popitem(last=False)
        return known


_forms = _Forms()


def _marker(cursor, terms: list[tuple[str, bool]], texts: list[str]) -> MarkedText:
    """What to mark in ``texts``: the words whose stems or folded forms are those of the
    searched ``terms``, or that start with a searched prefix."""
    if not terms:
        return MarkedText(())
    exact = {t for t, is_prefix in terms if not is_prefix}
    prefixed = {t for t, is_prefix in terms if is_prefix}
    seen = set().union(*(words(t) for t in texts)) if texts else set()
    forms = _forms.of(cursor, seen | exact | prefixed)
    wanted: set[str] = set()
    for t in exact:
        english, simple = forms.get(t, ((), ()))
        wanted.update(english, simple)
    prefixes = {p for t in prefixed for p in forms.get(t, ((), ()))[1]}
    hits = set()
    for word in seen:
        english, simple = forms.get(word, ((), ()))
        if not wanted.isdisjoint(english) or not wanted.isdisjoint(simple):
            hits.add(word)
        elif prefixes and any(s.startswith(p) for s in simple for p in prefixes):
            hits.add(word)
    return MarkedText(hits)


# hits


def _quote_hit(stored: dict, score: float, marker: MarkedText) -> QuoteHit:
    return QuoteHit(
        quote_id=int(stored["id"]),
        score=score,
        text=stored.get("text") or "",
        highlighted=marker.whole(stored.get("text") or ""),
        kind=stored.get("kind") or "",
        speaker_id=stored.get("speaker_id"),
        speaker_name=stored.get("speaker_name") or "",
        speaker_slug=stored.get("speaker_slug") or "",
        role=stored.get("role") or "",
        cue=stored.get("cue") or "",
        mention=stored.get("mention") or "",
        article_id=int(stored["article_id"]),
        article_title=stored.get("article_title") or "",
        published=published(stored),
        source=stored.get("source") or "",
        speaker_kind=stored.get("speaker_kind") or "",
        attribution=stored.get("attribution") or "",
    )


def _article_hit(stored: dict, score: float, marker: MarkedText) -> ArticleHit:
    title = stored.get("title") or ""
    return ArticleHit(
        article_id=int(stored["id"]),
        score=score,
        title=title,
        highlighted_title=marker.whole(title, limit=300),
        snippet=marker.fragment(stored.get("body") or ""),
        published=published(stored),
        dateline=stored.get("dateline") or "",
        source=stored.get("source") or "",
        speakers=tuple(tuple(pair) for pair in stored.get("speakers") or ()),
    )
