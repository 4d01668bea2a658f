"""Which index the PostgreSQL backend ranks with: RUM where the extension is installed
(migration 0006), else GIN, and the system check that names it; the backend contract
passes on GIN as it does on RUM (``test_postgres_backend.py``). Needs PostgreSQL, like
``test_postgres_backend.py``; CI installs RUM (``.ci/run``)."""

from __future__ import annotations

import importlib
import os

import pytest
from django.db import connection

from search.engine import SearchRequest
from search.engine.postgres import PostgresBackend
from search.engine.postgres import backend as postgres_backend
from search.engine.postgres.checks import text_index
from search.query import parse

from . import test_postgres_backend
from .backend_contract import BackendContract, article, quote

ON_POSTGRES = test_postgres_backend.ON_POSTGRES
postgres_search = test_postgres_backend.postgres_search  # the backend as the site's, a fixture

pytestmark = [
    pytest.mark.skipif(not ON_POSTGRES, reason="needs DATABASE_URL=postgres://… (.ci/run)"),
    pytest.mark.django_db,
]
to_gin = importlib.import_module("search.migrations.0008_rum_index_per_type").GIN


def rum_installed() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        return cursor.fetchone() is not None


def on_gin() -> None:
    """The documents' index as it stands where RUM is not installed (undone with the test)."""
    with connection.cursor() as cursor:
        cursor.execute(to_gin)


@pytest.fixture
def ranked_from_rum(monkeypatch):
    """Every relevance page ranked by walking the RUM index, however few the matches."""
    monkeypatch.setattr(postgres_backend, "RUM_FROM", 0)


class TestPostgresContractOnGin(BackendContract):
    def make_backend(self, path):
        on_gin()
        return PostgresBackend({})


@pytest.mark.usefixtures("ranked_from_rum")
class TestPostgresContractRankedFromRum(BackendContract):
    def make_backend(self, path):
        return PostgresBackend({})


def test_the_words_are_ranked_from_a_rum_index_where_it_is_installed(postgres_search):
    if os.environ.get("CI") and not rum_installed():
        pytest.fail("CI must install postgresql-15-rum (.ci/run does)")
    expected = "rum" if rum_installed() else "gin"
    assert postgres_search.text_index() == expected
    messages = text_index(databases=["default"])
    assert [m.id for m in messages] == ["search.I002" if expected == "rum" else "search.W002"]


def test_without_rum_the_check_warns_and_says_how_to_install_it(postgres_search):
    on_gin()
    [warning] = text_index(databases=["default"])
    assert warning.id == "search.W002" and "GIN" in warning.msg
    assert "apt-get install postgresql-15-rum" in warning.hint
    assert "migrate search 0006" in warning.hint


def test_a_title_match_ranks_above_a_body_match_on_either_index(postgres_search, ranked_from_rum):
    docs = [
        article(1, "Grain talks", "Ministers met.", published=None, source="X"),
        article(2, "Ministers met", "They spoke of grain.", published=None, source="X"),
    ]
    for switch in (lambda: None, on_gin):
        switch()
        backend = PostgresBackend({})
        backend.rebuild(docs, [])
        hits = backend.search(SearchRequest(query=parse("grain"))).articles.hits
        assert [h.article_id for h in hits] == [1, 2]


def test_each_type_of_document_is_ranked_from_a_rum_index_of_its_own(postgres_search):
    if not rum_installed():
        pytest.skip("the rum extension is not installed here (CI installs it)")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'search_pg_document' "
            "AND indexdef LIKE '%%USING rum%%' ORDER BY indexname"
        )
        names = [row[0] for row in cursor.fetchall()]
    assert names == ["search_pg_document_rum_article", "search_pg_document_rum_quote"]


def test_a_word_common_in_articles_and_rare_in_quotes_pages_both_from_rum(postgres_search):
    """Without filters a page is ranked from RUM however few its matches: the quote among
    many articles is found, and the title match still ranks first."""
    docs = [article(1, "Grain talks", "Ministers met.", published=None, source="X")] + [
        article(n, f"Report {n}", "They spoke of grain.", published=None, source="X")
        for n in range(2, 6)
    ]
    quotes = [quote(10, docs[1], "Grain is plentiful.", speaker="Ann Lee", slug="ann-lee",
                    role="minister"), quote(11, docs[2], "Nothing else.", speaker="Ann Lee",
                    slug="ann-lee", role="minister")]  # fmt: skip
    postgres_search.rebuild(docs, quotes)
    results = postgres_search.search(SearchRequest(query=parse("grain")))
    assert [h.quote_id for h in results.quotes.hits] == [10]
    assert results.articles.total == 5 and results.articles.hits[0].article_id == 1


@pytest.mark.django_db(transaction=True)
def test_a_search_in_a_transaction_of_its_own_counts_each_type_from_its_own_index():
    """Outside the caller's transaction the facets are counted with index scans off (the
    bitmaps of each type's RUM index); the counts are those of the pass over both types."""
    backend = PostgresBackend({})
    docs = [article(n, f"Report {n}", "They spoke of grain.", published=None, source="X")
            for n in range(1, 4)]  # fmt: skip
    quotes = [quote(10, docs[0], "Grain is plentiful.", speaker="Ann Lee", slug="ann-lee",
                    role="minister")]  # fmt: skip
    backend.rebuild(docs, quotes)
    try:
        assert not connection.in_atomic_block
        results = backend.search(SearchRequest(query=parse("grain"), activity=True))
        assert (results.quotes.total, results.articles.total) == (1, 3)
        assert [(v.value, v.count) for v in results.facets["speaker"]] == [("ann-lee", 1)]
        assert [(v.value, v.count) for v in results.facets["source"]] == [("X", 3)]
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_indexscan")
            assert cursor.fetchone() == ("on",)
    finally:
        backend.rebuild([], [])  # the search tables are not flushed between tests
