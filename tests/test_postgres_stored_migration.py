"""Migration 0009 moves the PostgreSQL search documents' stored fields (what a hit shows) into
a table of their own: documents indexed before it still show their text, whether RUM or GIN
ranks them, and migrating back puts the fields where they were. Needs PostgreSQL, like
``test_postgres_backend.py``; elsewhere the migration does nothing (every SQLite run migrates
through it)."""

from __future__ import annotations

import importlib
import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from search.engine import SearchRequest
from search.engine.postgres import PostgresBackend
from search.query import parse

from . import test_postgres_backend

pytestmark = [
    pytest.mark.skipif(
        not test_postgres_backend.ON_POSTGRES, reason="needs DATABASE_URL=postgres://… (.ci/run)"
    ),
    pytest.mark.django_db(transaction=True),
]
BEFORE = [("search", "0008_rum_index_per_type")]
AFTER = [("search", "0009_postgres_stored_apart")]
per_type = importlib.import_module("search.migrations.0008_rum_index_per_type")

# a document as the backend wrote it before migration 0009, its stored fields in its own row
OLD_ROW = """
INSERT INTO search_pg_document
    (doctype, doc_id, article_id, version, published, source, stored, vector, role_vector)
VALUES ('a', 7, 7, '1', '1987-03-02', 'Reuters', %s::jsonb,
        setweight(to_tsvector('english', 'Grain talks resume'), 'A')
        || setweight(to_tsvector('english', 'Ministers met on the wheat harvest.'), 'B'),
        ''::tsvector)
"""
STORED = {
    "id": 7,
    "title": "Grain talks resume",
    "body": "Ministers met on the wheat harvest.",
    "published": "1987-03-02",
    "dateline": "LONDON",
    "source": "Reuters",
    "speakers": [],
}


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _execute(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def _rum_installed() -> bool:
    return bool(_execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'"))


@pytest.fixture(params=["rum", "gin"])
def indexed_before_it(request):
    """One article indexed as before migration 0009, ranked by RUM or by GIN alone."""
    if request.param == "rum" and not _rum_installed():
        pytest.skip("the rum extension is not installed here (CI installs it)")
    _migrate(BEFORE)
    if request.param == "gin":
        _execute(per_type.GIN)
    _execute(OLD_ROW, [json.dumps(STORED)])
    yield request.param
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    PostgresBackend({}).rebuild([], [])  # the search tables are not flushed between tests
    if request.param == "gin" and _rum_installed():
        _execute(per_type.RUM)


def test_an_article_indexed_before_it_shows_its_title_and_snippet_after_it(indexed_before_it):
    _migrate(AFTER)
    backend = PostgresBackend({})
    assert backend.text_index() == indexed_before_it
    results = backend.search(SearchRequest(query=parse("wheat")))
    [hit] = results.articles.hits
    assert (hit.article_id, hit.title, hit.dateline) == (7, "Grain talks resume", "LONDON")
    assert "<mark>wheat</mark>" in hit.snippet
    assert {v.value: v.count for v in results.facets["source"]} == {"Reuters": 1}


def test_migrating_back_puts_the_stored_fields_in_the_documents_again(indexed_before_it):
    _migrate(AFTER)
    _migrate(BEFORE)
    [(stored,)] = _execute("SELECT stored FROM search_pg_document WHERE doc_id = 7")
    assert (json.loads(stored) if isinstance(stored, str) else stored) == STORED
    assert _execute("SELECT to_regclass('search_pg_stored')") == [(None,)]
