"""The PostgreSQL backend: the shared contract, plus what only it promises (writes in the
data's own transaction, PostgreSQL's analyzers). It needs a PostgreSQL database: the
PostgreSQL run of ``.ci/run`` (``scripts/with-postgres``) provides one; elsewhere these tests
are skipped, unless DIPLOMACY_REQUIRE_POSTGRES=true makes that an error."""

from __future__ import annotations

import io
import os
import threading

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from search.engine import SearchRequest, SearchUnavailable
from search.engine.postgres import PostgresBackend
from search.intake.ingest import ingest_text
from search.models import Article, Source, Speaker
from search.query import parse

from .backend_contract import BackendContract, article, quote
from .test_indexing import found, story

ON_POSTGRES = connection.vendor == "postgresql"
if not ON_POSTGRES and os.environ.get("DIPLOMACY_REQUIRE_POSTGRES", "").lower() == "true":
    raise RuntimeError("DIPLOMACY_REQUIRE_POSTGRES is set but DATABASE_URL is not PostgreSQL")

pytestmark = [
    pytest.mark.skipif(not ON_POSTGRES, reason="needs DATABASE_URL=postgres://… (.ci/run)"),
    pytest.mark.django_db,
]


class TestPostgresContract(BackendContract):
    def make_backend(self, path):
        return PostgresBackend({})


# writes in the data's own transaction


@pytest.fixture
def postgres_search(settings):
    """The PostgreSQL backend as the site's search backend."""
    from search import engine

    settings.SEARCH_BACKENDS = {"default": {"BACKEND": "search.engine.postgres.PostgresBackend"}}
    engine.reset_backends()
    yield engine.get_backend()
    engine.reset_backends()


def check(*args) -> str:
    out = io.StringIO()
    call_command("check_index", *args, stdout=out)
    return out.getvalue()


def test_a_saved_article_is_searchable_before_its_transaction_commits(postgres_search):
    with transaction.atomic():
        article = story("Aliyev receives the ambassador", speaker="Mikhail Bocharnikov",
                        quotes=["Relations are strong."])  # fmt: skip
        assert found("strong") == ({article.pk}, {article.quotes.get().pk})
        assert found("speaker:bocharnikov") == ({article.pk}, {article.quotes.get().pk})


def test_a_rolled_back_change_leaves_nothing_in_the_index(postgres_search):
    with pytest.raises(RuntimeError), transaction.atomic():
        story("Rolled back story", speaker="Toivo Klaar", quotes=["Restraint now."])
        raise RuntimeError("the import failed")
    assert found("restraint") == (set(), set())
    assert postgres_search.stored_versions() == {"article": {}, "quote": {}}


def test_a_failed_index_write_undoes_the_change(postgres_search, monkeypatch):
    def broken(articles, quotes):
        raise SearchUnavailable("the index is broken")

    monkeypatch.setattr(postgres_search, "update", broken)
    with pytest.raises(SearchUnavailable):
        ingest_text("BAKU, April 6 (Trend) - Talks continued.", title="Talks")
    assert Article.objects.count() == 0


def test_deleting_an_article_removes_it_and_its_quotes(postgres_search):
    article = story(speaker="Mikhail Bocharnikov", quotes=["Relations are strong."])
    article.delete()
    assert found("strong") == (set(), set())
    assert postgres_search.stored_versions() == {"article": {}, "quote": {}}


def test_renaming_or_deleting_a_speaker_rewrites_their_quotes(postgres_search):
    article = story(speaker="Mikhail Bocharnikov", quotes=["Relations are strong."])
    quote = article.quotes.get()
    speaker = Speaker.objects.get()
    speaker.aliases = ["Bocharnikoff"]
    speaker.save()
    assert found("speaker:bocharnikoff") == ({article.pk}, {quote.pk})
    speaker.name = "Mikhail Y. Bocharnikov"
    speaker.save()
    hit = postgres_search.search(SearchRequest(query=parse("strong"))).quotes.hits[0]
    assert hit.speaker_name == "Mikhail Y. Bocharnikov"
    speaker.delete()
    assert found("speaker:bocharnikov") == (set(), set())
    assert found("strong")[1] == {quote.pk}


def test_check_index_finds_no_drift_and_says_why(postgres_search):
    story(speaker="Mikhail Bocharnikov", quotes=["Relations are strong.", "Trade grows."])
    Source.objects.get().delete()
    out = check()
    assert "matches the database: 1 article, 2 quotes" in out
    assert "same transactions as the data, so it cannot drift" in out


def test_rebuild_index_replaces_every_document(postgres_search):
    story(speaker="Mikhail Bocharnikov", quotes=["Relations are strong."])
    postgres_search.update([article(99, "Stray", "An orphan.", published=None, source="X")], [])
    out = io.StringIO()
    call_command("rebuild_index", stdout=out)
    assert "Indexed 1 article and 1 quote" in out.getvalue()
    assert postgres_search.status()["documents"] == {"article": 1, "quote": 1}
    assert found("orphan") == (set(), set())


def test_the_search_page_searches_with_postgres(client, postgres_search, gold_articles):
    response = client.get("/", {"q": "speaker:bocharnikov roadmaps"})
    results = response.context["results"]
    assert results.quotes.total == 1
    assert "<mark>roadmaps</mark>" in response.content.decode()


# PostgreSQL's analyzers


def test_names_match_without_accents_and_words_with_them(backend):
    backend.update(
        [article(1, "Çavuşoğlu visits Baku", "Mevlüt Çavuşoğlu met the président.",
                 published=None, source="Trend", speakers=[("Mevlüt Çavuşoğlu", "mc")])],
        [],
    )  # fmt: skip
    assert self_ids(backend, "cavusoglu") == {1}
    assert self_ids(backend, "president") == {1}
    hit = backend.search(SearchRequest(query=parse("cavusoglu"))).articles.hits[0]
    assert "<mark>Çavuşoğlu</mark>" in hit.highlighted_title


def test_markup_looking_words_are_still_words(backend):
    backend.update([article(1, "T", "They avoid <provocations> & threats.", published=None,
                            source="Trend")], [])  # fmt: skip
    assert self_ids(backend, "provocation") == {1}
    assert self_ids(backend, "threat") == {1}


def test_a_prefix_finds_words_whose_stem_is_shorter_than_the_prefix(backend):
    backend.update([article(1, "T", "The negotiations resumed.", published=None,
                            source="Trend")], [])  # fmt: skip
    assert self_ids(backend, "negotiat*") == {1}
    hit = backend.search(SearchRequest(query=parse("negotiat*"))).articles.hits[0]
    assert "<mark>negotiations</mark>" in hit.snippet


def test_a_prefix_finds_stop_words_and_marks_them(backend):
    backend.update([article(1, "T", "Relevant and timely.", published=None,
                            source="Trend")], [])  # fmt: skip
    assert self_ids(backend, "an*") == {1}
    hit = backend.search(SearchRequest(query=parse("an*"))).articles.hits[0]
    assert "<mark>and</mark>" in hit.snippet


def test_the_stop_words_kept_for_prefixes_match_no_word_searched(backend):
    backend.update([article(1, "T", "The other side and its own plan.", published=None,
                            source="Trend")], [])  # fmt: skip
    assert self_ids(backend, "others") == set()  # stemmed 'other', like the stop word
    assert self_ids(backend, "owned") == set()  # stemmed 'own'
    assert self_ids(backend, "ot*") == {1}


def test_a_query_of_stop_words_alone_finds_nothing(backend):
    backend.update([article(1, "T", "The other side.", published=None,
                            source="Trend")], [])  # fmt: skip
    assert self_ids(backend, "the") == set()
    assert self_ids(backend, "the side") == {1}
    assert self_ids(backend, "-the") == {1}


def test_a_phrase_does_not_run_from_the_title_into_the_body(backend):
    backend.update([article(1, "Talks on red", "Tape was cut.", published=None,
                            source="Trend")], [])  # fmt: skip
    assert self_ids(backend, '"red tape"') == set()


@pytest.fixture
def backend():
    return PostgresBackend({})


def self_ids(backend, text: str) -> set[int]:
    results = backend.search(SearchRequest(query=parse(text), per_page=50))
    return {h.article_id for h in results.articles.hits}


def test_an_imported_article_is_written_to_the_index_once(postgres_search, monkeypatch):
    writes = []
    real_update = postgres_search.update

    def counted(articles, quotes):
        articles, quotes = list(articles), list(quotes)
        writes.append((len(articles), len(quotes)))
        real_update(articles, quotes)

    monkeypatch.setattr(postgres_search, "update", counted)
    result = ingest_text(
        "MOSCOW, April 7 (Reuters) - Russian ambassador Mikhail Bocharnikov said on Tuesday: "
        '"Our relations are strong." Bocharnikov added that trade would grow.',
        title="Relations are strong",
    )
    quotes = result.article.quotes.count()
    assert quotes >= 1
    assert writes == [(1, quotes)]
    assert found("strong")[0] == {result.article.pk}


def test_stop_words_in_a_query_do_not_empty_the_results(backend):
    backend.update([article(1, "Lavrov on the Minsk Group", "The format remains relevant.",
                            published=None, source="Reuters")], [])  # fmt: skip
    assert self_ids(backend, "the minsk group") == {1}
    assert self_ids(backend, '"the minsk group"') == {1}


# concurrent writers


@pytest.mark.django_db(transaction=True)
def test_two_writers_creating_the_same_new_speaker_make_one(monkeypatch):
    """Both look the name up before either commits; the second insert waits on the unique
    key, fails when the first commits, and finds the first one's speaker instead."""
    barrier = threading.Barrier(2, timeout=20)
    waited = threading.local()
    real_named = Speaker.named.__func__

    def named_then_meet(cls, name):
        speaker = real_named(cls, name)
        if speaker is None and not getattr(waited, "done", False):
            waited.done = True
            barrier.wait()  # neither has created it yet
        return speaker

    monkeypatch.setattr(Speaker, "named", classmethod(named_then_meet))
    found, errors = [], []

    def create():
        try:
            with transaction.atomic():
                found.append(Speaker.for_name("Jeyhun Bayramov", role="Foreign Minister").pk)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=create) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert len(found) == 2 and len(set(found)) == 1
    assert Speaker.objects.count() == 1


def test_deleted_documents_leave_no_stored_fields_behind(backend):
    grain = article(1, "Grain talks", "Ministers met.", published=None, source="X")
    oil = article(2, "Oil", "Prices rose.", published=None, source="X")
    said = [quote(10 + n, art, "It is plentiful.", speaker="Ann Lee", slug="ann-lee",
                  role="minister") for n, art in enumerate((grain, oil))]  # fmt: skip
    backend.update([grain, oil], said)
    backend.delete(article_ids=[1])  # and its quote, 10
    backend.delete(quote_ids=[11])
    with connection.cursor() as cursor:
        cursor.execute("SELECT doctype, doc_id FROM search_pg_stored ORDER BY 1, 2")
        assert cursor.fetchall() == [("a", 2)]
