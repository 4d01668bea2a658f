"""The index follows the database: saves and deletes reach it after commit, once per
transaction, and a failed write leaves drift that ``check_index`` finds and repairs."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from search.engine import SearchRequest, SearchUnavailable, get_backend
from search.index import documents, maintenance, sync
from search.index.backlog import Backlog
from search.index.changes import Pending
from search.models import Article, Quote, Source, Speaker, SpeakerAlias
from search.query import parse

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


def story(title="Aliyev receives the ambassador", *, speaker=None, quotes=(), source="Trend"):
    """An article with quotes by ``speaker`` (created if a name is given)."""
    article = Article.objects.create(
        title=title,
        body=f"{title}. " + " ".join(quotes),
        published=dt.date(2021, 4, 7),
        dateline="BAKU",
        source=Source.objects.get_or_create(name=source)[0] if source else None,
    )
    if isinstance(speaker, str):
        speaker = Speaker.objects.filter(name=speaker).first() or Speaker.objects.create(
            name=speaker, role="Russian ambassador to Azerbaijan"
        )
    for text in quotes:
        start = article.body.index(text)
        Quote.objects.create(
            article=article,
            speaker=speaker,
            text=text,
            kind="direct",
            start=start,
            end=start + len(text),
            cue="he said",
            mention="the ambassador",
            role="ambassador",
        )
    return article


def found(text: str) -> tuple[set[int], set[int]]:
    """(article ids, quote ids) a search finds."""
    results = get_backend().search(SearchRequest(query=parse(text), per_page=100))
    return (
        {h.article_id for h in results.articles.hits},
        {h.quote_id for h in results.quotes.hits},
    )


def indexed() -> dict[str, dict[int, str]]:
    return get_backend().stored_versions()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the on-commit index writes of the block as if it had committed."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def update_calls(monkeypatch):
    """Count the backend's write calls while letting them through."""
    backend, calls = get_backend(), []
    real_update, real_delete = backend.update, backend.delete

    def update(articles, quotes):
        articles, quotes = list(articles), list(quotes)
        calls.append(("update", len(articles), len(quotes)))
        real_update(articles, quotes)

    def delete(article_ids=(), quote_ids=()):
        calls.append(("delete", len(article_ids), len(quote_ids)))
        real_delete(article_ids, quote_ids)

    monkeypatch.setattr(backend, "update", update)
    monkeypatch.setattr(backend, "delete", delete)
    return calls


# documents


def test_an_article_document_has_the_agreed_fields(committed):
    with committed():
        article = story(speaker="Mikhail Bocharnikov", quotes=["Relations are strong."])
    doc = documents.article_document(article)
    assert set(doc) == {
        "id", "version", "title", "body", "published", "dateline", "source", "speakers",
        "speaker_slugs",
    }  # fmt: skip
    assert doc["speakers"] == ["Mikhail Bocharnikov"]
    assert doc["speaker_slugs"] == ["mikhail-bocharnikov"]
    assert doc["source"] == "Trend"
    assert doc["published"] == dt.date(2021, 4, 7)


def test_a_quote_document_carries_its_speaker_and_article(committed):
    with committed():
        article = story(speaker="Mikhail Bocharnikov", quotes=["Relations are strong."])
    speaker = Speaker.objects.get()
    speaker.aliases = ["Bocharnikov"]
    speaker.save()
    doc = documents.quote_document(article.quotes.get())
    assert set(doc) == {
        "id", "version", "article_id", "text", "kind", "speaker_id", "speaker_name",
        "speaker_slug", "speaker_aliases", "speaker_kind", "attribution", "role", "cue",
        "mention", "article_title", "published", "source",
    }  # fmt: skip
    assert doc["speaker_id"] == speaker.pk
    assert doc["speaker_kind"] == "person"
    assert doc["speaker_aliases"] == ["Bocharnikov"]
    assert doc["article_title"] == article.title
    assert doc["source"] == "Trend"


def test_an_unattributed_quote_has_empty_speaker_fields(committed):
    with committed():
        article = story(quotes=["Nobody knows who said this."])
    doc = documents.quote_document(article.quotes.get())
    assert (doc["speaker_id"], doc["speaker_name"], doc["speaker_slug"]) == (None, "", "")


def test_the_version_changes_with_denormalised_fields(committed):
    with committed():
        article = story(speaker="Mikhail Bocharnikov", quotes=["Relations are strong."])
    quote = article.quotes.get()
    before = documents.quote_document(quote)["version"]
    Source.objects.filter(name="Trend").update(name="Trend News Agency")
    assert documents.quote_document(Quote.objects.get(pk=quote.pk))["version"] != before


def test_documents_read_in_bulk_are_those_of_their_models(committed):
    with committed():
        article = story(speaker="Mikhail Bocharnikov", quotes=["Relations are strong.", "Yes."])
        unattributed = story(quotes=["Nobody knows who said this."])
    speaker = Speaker.objects.get()
    speaker.aliases = ["Bocharnikov", "M. Bocharnikov"]
    speaker.save()
    articles = [Article.objects.get(pk=a.pk) for a in (article, unattributed)]
    quotes = list(Quote.objects.order_by("pk"))
    assert list(documents.article_documents()) == [documents.article_document(a) for a in articles]
    assert list(documents.quote_documents()) == [documents.quote_document(q) for q in quotes]
    assert list(documents.quote_documents([quotes[-1].pk])) == [
        documents.quote_document(quotes[-1])
    ]


# saves and deletes reach the index after commit


def test_a_saved_article_is_found_after_commit(committed):
    with committed():
        article = story("Pipeline talks in Baku")
    assert found("pipeline") == ({article.pk}, set())


def test_nothing_is_written_before_the_commit(django_capture_on_commit_callbacks):
    maintenance.rebuild_index()  # an empty index, so that searching it is not an error
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        story("Pipeline talks in Baku")
    assert len(callbacks) == 1
    assert found("pipeline") == (set(), set())


def test_an_edited_article_is_found_by_its_new_words(committed):
    with committed():
        article = story("Pipeline talks in Baku")
    with committed():
        article.title = article.body = "Railway talks in Baku"
        article.save()
    assert found("railway") == ({article.pk}, set())
    assert found("pipeline") == (set(), set())


def test_a_deleted_article_leaves_the_index_with_its_quotes(committed):
    with committed():
        article = story(speaker="Mikhail Bocharnikov", quotes=["Relations are strong."])
    with committed():
        article.delete()
    assert indexed() == {"article": {}, "quote": {}}


def test_a_saved_quote_is_found_and_lists_its_speaker_on_the_article(committed):
    with committed():
        article = story(speaker="Mikhail Bocharnikov", quotes=["Relations are strong."])
    quote = article.quotes.get()
    assert found("strong") == ({article.pk}, {quote.pk})
    hit = get_backend().search(SearchRequest(query=parse("strong"))).articles.hits[0]
    assert hit.speakers == (("Mikhail Bocharnikov", "mikhail-bocharnikov"),)


def test_a_deleted_quote_leaves_the_index(committed):
    with committed():
        article = story(speaker="Mikhail Bocharnikov", quotes=["Relations are strong."])
    quote = article.quotes.get()
    with committed():
        quote.delete()
    assert found("strong") == ({article.pk}, set())
    assert quote.pk not in indexed()["quote"]


def test_renaming_a_speaker_updates_their_quotes(committed):
    with committed():
        article = story(speaker="Mikhail Bocharnikov", quotes=["Relations are strong."])
    quote = article.quotes.get()
    with committed():
        speaker = Speaker.objects.get()
        speaker.name = "Mikhail N. Botcharnikov"
        speaker.save()
    assert found("speaker:botcharnikov") == ({article.pk}, {quote.pk})
    assert indexed()["quote"][quote.pk] == documents.quote_document(quote)["version"]


def test_a_role_only_update_of_a_speaker_writes_nothing(committed, update_calls):
    with committed():
        story(speaker="Mikhail Bocharnikov", quotes=["Relations are strong."])
    update_calls.clear()
    with committed():
        Speaker.for_name("Mikhail Bocharnikov", role="Former ambassador")
    assert update_calls == []


def test_deleting_a_speaker_leaves_their_quotes_unattributed(committed):
    with committed():
        article = story(speaker="Mikhail Bocharnikov", quotes=["Relations are strong."])
    with committed():
        Speaker.objects.get().delete()
    assert found("speaker:bocharnikov") == (set(), set())
    assert found("strong")[1] == {article.quotes.get().pk}


def test_merging_speakers_moves_the_quotes_in_the_index(committed):
    with committed():
        article = story(speaker="M. Bocharnikov", quotes=["Relations are strong."])
        kept = Speaker.objects.create(name="Mikhail Bocharnikov")
    with committed():
        Speaker.objects.get(name="M. Bocharnikov").merge_into(kept)
    quote = article.quotes.get()
    assert found('speaker:"Mikhail Bocharnikov"')[1] == {quote.pk}
    assert indexed()["quote"][quote.pk] == documents.quote_document(quote)["version"]


def test_renaming_a_source_updates_its_articles_and_quotes(committed):
    with committed():
        article = story(speaker="Mikhail Bocharnikov", quotes=["Relations are strong."])
    with committed():
        source = Source.objects.get()
        source.name = "Vestnik Kavkaza"
        source.save()
    assert found("source:vestnik") == ({article.pk}, {article.quotes.get().pk})


def test_a_loaddata_raw_save_reaches_the_index(committed, tmp_path):
    fixture = tmp_path / "one.json"
    fixture.write_text(
        json.dumps(
            [
                {"model": "search.source", "pk": 7, "fields": {"name": "Trend", "url": ""}},
                {
                    "model": "search.article",
                    "pk": 70,
                    "fields": {
                        "title": "Caspian summit",
                        "body": "Leaders met at the Caspian summit.",
                        "published": "2019-08-12",
                        "dateline": "",
                        "source": 7,
                        "url": "",
                        "content_hash": "x" * 64,
                        "created": "2019-08-12T00:00:00Z",
                        "updated": "2019-08-12T00:00:00Z",
                    },
                },
            ]
        )
    )
    with committed():
        call_command("loaddata", str(fixture), verbosity=0)
    assert found("caspian") == ({70}, set())


# one write per transaction, batches in bulk


def test_fifty_saves_in_one_transaction_flush_once(
    django_capture_on_commit_callbacks, update_calls
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            for n in range(50):
                story(f"Article number {n}")
    assert len(callbacks) == 1
    assert update_calls == [("update", 50, 0)]
    assert len(indexed()["article"]) == 50


def test_bulk_defers_writes_and_sends_them_in_chunks(committed, update_calls, monkeypatch):
    monkeypatch.setattr(documents, "CHUNK", 4)
    monkeypatch.setattr(sync, "BULK_CHUNK", 4)
    with committed():
        with sync.bulk():
            for n in range(5):
                story(f"Imported {n}", speaker="Mikhail Bocharnikov", quotes=[f"Point {n}."])
            assert update_calls == []
    assert [call[1] + call[2] for call in update_calls] == [4, 4, 2]
    assert len(indexed()["quote"]) == 5


@pytest.mark.django_db(transaction=True)
def test_bulk_writes_each_chunk_once_its_transactions_commit(update_calls, monkeypatch):
    monkeypatch.setattr(documents, "CHUNK", 4)
    monkeypatch.setattr(sync, "BULK_CHUNK", 4)
    with sync.bulk():
        for n in range(5):
            with transaction.atomic():
                story(f"Imported {n}", speaker="Mikhail Bocharnikov", quotes=[f"Point {n}."])
            if n == 1:
                sync.settle()  # on a file database the checkpoint is written in a thread
                assert len(found("imported")[0]) == 2  # a killed import loses at most a chunk
    assert [call[1] + call[2] for call in update_calls] == [4, 4, 2]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_article_in_bulk_does_not_lose_the_others(monkeypatch):
    monkeypatch.setattr(documents, "CHUNK", 4)
    monkeypatch.setattr(sync, "BULK_CHUNK", 4)
    with sync.bulk():
        first = story("Imported first", speaker="Mikhail Bocharnikov", quotes=["Point one."])
        with pytest.raises(RuntimeError), transaction.atomic():
            story("Imported second", speaker="Mikhail Bocharnikov", quotes=["Point two."])
            raise RuntimeError("a bad file")
        with transaction.atomic():
            third = story("Imported third", speaker="Mikhail Bocharnikov", quotes=["Point 3."])
        sync.settle()
        assert found("imported")[0] == {first.pk, third.pk}
    assert maintenance.check_index().clean


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_writes_nothing_and_the_next_one_does():
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            story("Pipeline talks in Baku")
            raise RuntimeError("abandon")
    article = story("Railway talks in Baku")
    assert found("pipeline") == (set(), set())
    assert found("railway") == ({article.pk}, set())


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_each_save_is_indexed_at_once():
    article = story("Pipeline talks in Baku")
    assert found("pipeline") == ({article.pk}, set())


def test_a_change_committed_while_a_write_is_in_flight_still_reaches_the_index(
    committed, monkeypatch
):
    with committed():
        article = story("Pipeline talks in Baku")
    backend, real_update = get_backend(), get_backend().update

    def update_then_another_process_commits(articles, quotes):
        real_update(articles, quotes)
        monkeypatch.setattr(backend, "update", real_update)
        Article.objects.filter(pk=article.pk).update(title="Railway talks in Baku")

    monkeypatch.setattr(backend, "update", update_then_another_process_commits)
    with committed():
        article.title = "Road talks in Baku"
        article.save()
    assert found("railway") == ({article.pk}, set())
    assert maintenance.check_index().clean


# failures


def test_a_failed_write_keeps_the_row_logs_the_ids_and_is_repaired(committed, monkeypatch, caplog):
    def unavailable(*args, **kwargs):
        raise SearchUnavailable("The search index is locked.")

    maintenance.rebuild_index()  # built before, empty
    monkeypatch.setattr(get_backend(), "update", unavailable)
    with caplog.at_level(logging.ERROR, logger="search.index.sync"), committed():
        article = story("Pipeline talks in Baku")
    assert Article.objects.filter(pk=article.pk).exists()
    assert f"articles {article.pk};" in caplog.text
    assert "check_index --repair" in caplog.text

    monkeypatch.undo()
    drift = maintenance.check_index()
    assert drift.missing == {"article": [article.pk], "quote": []}
    assert not drift.clean
    maintenance.repair(drift)
    assert maintenance.check_index().clean
    assert found("pipeline") == ({article.pk}, set())


def test_check_index_tells_missing_stale_and_orphan_documents_apart(committed):
    with committed():
        kept = story("Kept story", speaker="Mikhail Bocharnikov", quotes=["Kept words."])
        edited = story("Edited story", source="Reuters")
        gone = story("Gone story", source="AFP")
    Article.objects.filter(pk=edited.pk).update(title="Edited quietly")  # no signal
    Article.objects.filter(pk=gone.pk).delete()  # signals, but never committed here
    new = Article.objects.create(title="Never indexed", body="Quiet.")
    drift = maintenance.check_index()
    assert drift.missing == {"article": [new.pk], "quote": []}
    assert drift.stale == {"article": [edited.pk], "quote": []}
    assert drift.orphans == {"article": [gone.pk], "quote": []}
    assert drift.counts == {"article": 3, "quote": 1}
    assert kept.pk not in drift.stale["article"]


def test_schedule_indexes_rows_changed_without_signals(committed):
    with committed():
        article = story("Pipeline talks in Baku")
    with committed():
        Article.objects.filter(pk=article.pk).update(title="Railway talks in Baku")
        sync.schedule(articles=[article.pk])
    assert found("railway") == ({article.pk}, set())


def test_rebuild_index_indexes_everything_and_reports_progress(committed):
    Article.objects.create(title="Silent one", body="Saved with no commit callbacks.")
    story("Second story", speaker="Mikhail Bocharnikov", quotes=["Some words."])
    seen = []
    counts = maintenance.rebuild_index(progress=lambda done, total: seen.append((done, total)))
    assert counts == {"article": 2, "quote": 1}
    assert seen[-1] == (3, 3)
    assert maintenance.check_index().clean


# bulk imports: new documents added, checkpoints counted in documents, backlogs


def test_new_articles_are_added_and_changed_documents_replaced(committed, monkeypatch):
    backend, calls = get_backend(), []
    for name in ("add", "update"):
        real = getattr(backend, name)

        def spy(articles, quotes, real=real, name=name):
            articles, quotes = list(articles), list(quotes)
            calls.append((name, len(articles), len(quotes)))
            real(articles, quotes)

        monkeypatch.setattr(backend, name, spy)
    with committed():
        earlier = story("Earlier talks", speaker="Mikhail Bocharnikov", quotes=["Point one."])
    calls.clear()
    with committed(), sync.bulk():
        article = Article.objects.create(title="Later talks", body="Later talks. Point two.")
        speaker = Speaker.objects.get(name="Mikhail Bocharnikov")
        Quote.objects.bulk_create(
            [
                Quote(
                    article=article,
                    speaker=speaker,
                    text="Point two.",
                    kind="direct",
                    start=13,
                    end=23,
                )
            ]
        )
        sync.schedule(new_articles=[article.pk], article_quotes=1)
        speaker.aliases = ["Bocharnikov"]
        speaker.save(update_fields=["updated"])  # a new alias row: the earlier quote is stale
    assert sorted(calls) == [("add", 1, 1), ("update", 1, 1)]
    assert found("bocharnikov")[1] == {earlier.quotes.get().pk, article.quotes.get().pk}
    assert maintenance.check_index().clean


@pytest.mark.django_db(transaction=True)
def test_the_checkpoint_counts_an_articles_quotes_as_documents(monkeypatch):
    from search.intake.ingest import ingest_text

    seed = (DATA / "000_a759422f1114f416.txt").read_text(encoding="utf-8")
    monkeypatch.setattr(documents, "CHUNK", 20)
    monkeypatch.setattr(sync, "BULK_CHUNK", 20)
    with sync.bulk():
        article = ingest_text(seed).article  # one article, 22 quotes
        # written at its commit, not when the import ends: a kill now loses nothing
        sync.settle()
        assert found("Bocharnikov")[0] == {article.pk}
    assert maintenance.check_index().clean


@pytest.mark.django_db(transaction=True)
def test_a_killed_imports_backlog_is_indexed_and_a_running_ones_left_alone():
    article = story("Pipeline talks", speaker="Mikhail Bocharnikov", quotes=["Point one."])
    speaker = Speaker.objects.get()
    backlog = Backlog.open()
    backlog.note(Pending(speakers={speaker.pk}))
    SpeakerAlias.objects.bulk_create(  # no signal
        [SpeakerAlias(speaker=speaker, name="Bocharnikov", name_key="bocharnikov")]
    )
    assert maintenance.check_index().stale["quote"] == [article.quotes.get().pk]

    assert sync.finish_interrupted() == 0  # locked: its import may still be running
    backlog.release()  # as when its process dies
    assert sync.finish_interrupted() == 1
    assert maintenance.check_index().clean
    assert list(Backlog.folder().glob("*.jsonl")) == []


@pytest.mark.django_db(transaction=True)
def test_a_finished_bulk_block_leaves_no_backlog():
    with sync.bulk():
        story("Pipeline talks", speaker="Mikhail Bocharnikov", quotes=["Point one."])
    assert list(Backlog.folder().glob("*.jsonl")) == []
    assert maintenance.check_index().clean
