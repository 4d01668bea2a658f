"""The work of an extraction worker and of the indexer, called in this process (the real
workers and broker are in ``test_queue_workers.py``): a story saved once however often its
task is delivered, failures kept with their reason, and an index that matches afterwards."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search.index import maintenance
from search.intake import queue
from search.intake.ingest import Item
from search.models import Article, QueuedStory, UnindexedChange

pytestmark = pytest.mark.django_db


def story(n: int) -> str:
    return (
        f"VIENNA, March {n + 1}, 2024 (Reuters) - Negotiators met for round {n}.\n\n"
        f'"We made progress on item {n}," Foreign Minister Anna Berg told reporters.'
    )


@pytest.fixture
def sent(settings):
    """Stories sent as ``import_articles --queue`` sends them, two a task, kept here."""
    settings.QUEUE_STORIES_PER_TASK = 2
    tasks: list[list[dict]] = []
    stories = (Item(f"story {n}", story(n)) for n in range(5))
    batch, report = queue.send(stories, deliver=tasks.append)
    return batch, report, tasks


def test_a_task_saves_its_stories_once_however_often_it_is_delivered(sent):
    batch, _report, tasks = sent
    for stories in tasks:
        queue.save_stories(stories)
    for stories in tasks:  # delivered again, after a worker died before acknowledging
        assert queue.save_stories(stories) == 0
    assert Article.objects.count() == 5
    report = queue.batch_report(batch, queue.ImportReport())
    assert report.summary() == "5 imported, 0 already present, 0 failed"
    assert all(a.published is not None for a in Article.objects.all())


def test_an_article_an_earlier_delivery_saved_before_dying_is_marked_done(sent):
    _batch, _report, tasks = sent
    first = tasks[0][0]
    queue.save_stories([first])
    QueuedStory.objects.filter(content_hash=first["hash"]).update(status=QueuedStory.QUEUED)
    queue.save_stories(tasks[0])
    row = QueuedStory.objects.get(content_hash=first["hash"])
    assert row.status == QueuedStory.DONE and row.article is not None
    assert Article.objects.filter(content_hash=first["hash"]).count() == 1


def test_the_indexer_applies_what_the_workers_saved(sent):
    _batch, _report, tasks = sent
    maintenance.rebuild_index()
    for stories in tasks:
        queue.save_stories(stories)
    if UnindexedChange.objects.exists():  # Whoosh: left for the indexer
        assert not maintenance.check_index().clean
    while queue.apply_unindexed():
        pass
    drift = maintenance.check_index()
    assert drift.clean, drift
    assert drift.counts["article"] == 5
    assert not UnindexedChange.objects.exists()


def test_a_story_the_extractor_fails_on_is_failed_with_its_reason(sent, monkeypatch):
    _batch, _report, tasks = sent

    def broken(text):
        raise ValueError("no parse")

    monkeypatch.setattr(queue, "extract", broken)
    queue.save_stories(tasks[0])
    out = io.StringIO()
    call_command("import_status", stdout=out)
    assert f"failed: {len(tasks[0])}" in out.getvalue()
    assert "failed: story 0: Quote extraction failed: ValueError: no parse" in out.getvalue()


def test_a_story_already_present_is_never_sent():
    Article.objects.create(title="Round 0", body=story(0))
    tasks: list = []
    _batch, report = queue.send([Item("again", story(0)), Item("empty", " ")], deliver=tasks.append)
    assert {(r.status, r.message) for r in report.results} == {
        ("duplicate", "Already present."),
        ("rejected", "The article has no text."),
    }
    assert tasks == []
    assert not QueuedStory.objects.exists()


def test_import_status_shows_what_is_queued(sent):
    out = io.StringIO()
    call_command("import_status", stdout=out)
    assert out.getvalue().startswith("queued: 5, done: 0, already present: 0, failed: 0\n")


def test_queueing_without_a_broker_names_the_setting(settings, tmp_path):
    settings.CELERY_BROKER_URL = ""
    with pytest.raises(CommandError, match="DIPLOMACY_BROKER_URL"):
        call_command("import_articles", "--queue", str(tmp_path))


def test_an_unreachable_broker_is_a_clear_error_naming_the_setting(site, tmp_path):
    from .sites import manage

    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"body": "Ministers met."}\n', encoding="utf-8")
    closed = {**site, "DIPLOMACY_BROKER_URL": "redis://127.0.0.1:9/0"}  # the discard port
    run = manage(closed, "import_articles", "--queue", "--jsonl", str(feed), check=False)
    assert run.returncode == 1
    assert "Cannot reach the broker at redis://127.0.0.1:9/0" in run.stderr
    assert "DIPLOMACY_BROKER_URL" in run.stderr and "Traceback" not in run.stderr
