"""Extraction on Celery workers (``import_articles --queue``; README "Running workers").

The importing process checks and sends stories, a few per task; any number of workers, on
any machines sharing the database and the broker, extract and save them
(``search.intake.tasks``). Each story has a ``QueuedStory`` row keyed by its content hash,
so a story sent twice, or a task delivered again after its worker died, is saved once.

The index: a backend that writes with the data (PostgreSQL) is written by each worker in
its own transaction. The Whoosh index has one writer on one machine, so workers leave what
they changed in ``UnindexedChange`` rows, in the same transaction as the change, and one
indexer process applies them (``apply_unindexed``: ``index_queue``, or the import itself
while it waits)."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from search.index import sync
from search.index.backlog import Backlog
from search.index.changes import Pending
from search.intake.feeds import Feed
from search.intake.ingest import (
    ImportReport,
    IngestResult,
    Item,
    _chunks,
    checked_entry,
    feed_entries,
    path_entries,
    report_result,
    save_items,
)
from search.models import Article, QueuedStory, UnindexedChange, content_hash
from search.quotes import extract
from search.text.decoding import ArticleRejected, decode_article_bytes

APPLY_AT_ONCE = 200  # UnindexedChange rows the indexer writes in one go


class BrokerUnavailable(Exception):
    """The broker cannot be reached; what was sent before stays queued, and an import run
    again sends the rest (and, harmlessly, those again)."""


# --- sending ------------------------------------------------------------------------------


def queue_paths(paths, *, progress=None, year: int | None = None, wait: bool = True):
    """``import_paths`` through the workers: sent, then (``wait``) waited for and indexed."""
    return _sent(path_entries(paths, year), progress, wait)


def queue_jsonl(path: str, *, progress=None, year: int | None = None, wait: bool = True):
    """``import_jsonl`` through the workers."""
    feed = Feed(path)
    report = _sent(feed_entries(feed, year), progress, wait)
    report.unused_keys |= feed.unused
    return report


def queue_bytes(
    data: bytes, *, filename: str, max_bytes: int | None = None, year: int | None = None
) -> IngestResult:
    """``ingest_bytes`` through the workers (admin uploads with DIPLOMACY_QUEUE_UPLOADS):
    the result is "queued", or why the file was not sent."""
    limit = max_bytes if max_bytes is not None else settings.ARTICLE_UPLOAD_MAX_BYTES
    try:
        text = decode_article_bytes(data, max_bytes=limit)
    except ArticleRejected as exc:
        return IngestResult("rejected", filename, message=str(exc))
    _batch, report = send([Item(filename, text, year=year)])
    if report.results:
        return report.results[0]
    return IngestResult("queued", filename, message="Sent to the extraction workers.")


def _sent(entries, progress, wait: bool) -> ImportReport:
    batch, report = send(entries, progress=progress)
    if wait:
        sync.finish_interrupted()
        wait_for(batch)
    return batch_report(batch, report)


def send(
    entries: Iterable[Item | IngestResult], *, progress=None, deliver: Callable | None = None
) -> tuple[str, ImportReport]:
    """Send the stories to the workers (``deliver``, a list of stories a task; Celery's by
    default); returns the batch's id and a report of those refused or already present
    (those are never sent). A story still queued by an earlier import is sent again,
    harmlessly: the first task to run saves it, the other finds it done."""
    if deliver is None:
        from kombu.exceptions import OperationalError

        import diplomacy.celery  # noqa: F401  (Celery only where it is used: the app first)
        from search.intake.tasks import extract_stories

        def deliver(stories: list[dict]) -> None:
            try:
                extract_stories.delay(stories)
            except OperationalError as exc:
                raise BrokerUnavailable(
                    f"Cannot reach the broker at {settings.CELERY_BROKER_URL} ({exc}). Start "
                    'it, or check DIPLOMACY_BROKER_URL (README "Running workers").'
                ) from exc

    batch = uuid.uuid4().hex
    report = ImportReport()
    for chunk in _chunks(_checked(entries, report, progress), settings.QUEUE_STORIES_PER_TASK):
        stories = _claim(chunk, batch, report, progress)
        if stories:
            deliver(stories)
    return batch, report


def _checked(entries, report: ImportReport, progress) -> Iterator[tuple[Item, str]]:
    seen: set[str] = set()
    for entry in entries:
        checked = checked_entry(entry, report, progress)
        if checked and checked[1] in seen:
            why = "The same text as a story earlier in this import."
            report_result(report, IngestResult("duplicate", entry.name, message=why), progress)
        elif checked:
            seen.add(checked[1])
            yield checked


def _claim(chunk: list[tuple[Item, str]], batch: str, report: ImportReport, progress) -> list:
    """The chunk's stories to send, each with a ``QueuedStory`` row of this batch."""
    digests = [digest for _item, digest in chunk]
    present = dict(
        Article.objects.filter(content_hash__in=digests).values_list("content_hash", "pk")
    )
    stories = []
    for item, digest in chunk:
        if digest in present:
            report_result(
                report, IngestResult("duplicate", item.name, message="Already present."), progress
            )
            continue
        QueuedStory.objects.update_or_create(
            content_hash=digest,
            defaults={"batch": batch, "name": item.name[:500], "status": QueuedStory.QUEUED,
                      "message": "", "article": None, "finished": None},
        )  # fmt: skip
        stories.append(
            {
                "hash": digest,
                "name": item.name,
                "text": item.text,
                "title": item.title,
                "published": item.published.isoformat() if item.published else None,
                "source": item.source,
                "url": item.url,
                "year": item.year,
            }
        )
    return stories


# --- on a worker --------------------------------------------------------------------------


def save_stories(stories: list[dict]) -> int:
    """Extract and save the stories of one task that are still queued; returns how many
    it saved. Run again with the same stories, it does nothing: a story whose article an
    earlier delivery saved (and died before marking) is marked done now."""
    waiting = set(
        QueuedStory.objects.filter(
            content_hash__in=[s["hash"] for s in stories], status=QueuedStory.QUEUED
        ).values_list("content_hash", flat=True)
    )
    todo = [s for s in stories if s["hash"] in waiting]
    if not todo:
        return 0
    present = dict(
        Article.objects.filter(content_hash__in=[s["hash"] for s in todo]).values_list(
            "content_hash", "pk"
        )
    )
    items, extractions, failed = [], [], {}
    for story in todo:
        if story["hash"] in present:
            continue
        published = story.get("published")
        item = Item(
            story["name"],
            story["text"],
            title=story.get("title") or "",
            published=dt.date.fromisoformat(published) if published else None,
            source=story.get("source") or "",
            url=story.get("url") or "",
            year=story.get("year"),
        )
        try:
            extractions.append(extract(item.text))
            items.append(item)
        except Exception as exc:  # one story the extractor cannot read fails alone
            failed[story["hash"]] = f"Quote extraction failed: {type(exc).__name__}: {exc}"
    now = timezone.now()
    with transaction.atomic(), sync.recorded() as change:
        results = save_items(items, extractions, {"sources": {}, "speakers": {}}) if items else []
        for item, result in zip(items, results, strict=True):
            status = QueuedStory.DONE if result.status == "imported" else QueuedStory.DUPLICATE
            _finish(content_hash(item.text), status, result.message, result.article.pk, now)
        for digest, pk in present.items():
            _finish(digest, QueuedStory.DONE, "Saved by an earlier delivery of its task.", pk, now)
        for digest, why in failed.items():
            _finish(digest, QueuedStory.FAILED, why, None, now)
        if change:
            UnindexedChange.objects.create(ids=change.ids())
    return len(items)


def _finish(digest: str, status: str, message: str, article_id: int | None, now) -> None:
    """Say what became of a story, unless another delivery of its task already has (its
    save then made ours find the article already present)."""
    QueuedStory.objects.filter(content_hash=digest, status=QueuedStory.QUEUED).update(
        status=status, message=message, article_id=article_id, finished=now
    )


def fail_stories(stories: list[dict], reason: str) -> None:
    """Mark a task's stories failed when its retries are spent."""
    QueuedStory.objects.filter(
        content_hash__in=[s["hash"] for s in stories], status=QueuedStory.QUEUED
    ).update(status=QueuedStory.FAILED, message=reason[:2000], finished=timezone.now())


# --- the indexer --------------------------------------------------------------------------


@contextlib.contextmanager
def _the_indexer():
    """Held while applying: two indexers would both add the same new documents."""
    folder = Backlog.folder()
    folder.mkdir(parents=True, exist_ok=True)
    with open(Path(folder) / "indexer.lock", "a+") as lock:
        fcntl.lockf(lock, fcntl.LOCK_EX)
        yield


def apply_unindexed(limit: int = APPLY_AT_ONCE) -> int:
    """Write to the index what workers saved and left for it; returns the changes applied.
    A change an earlier indexer may have half written (it died) is replaced, not added."""
    if not UnindexedChange.objects.exists():
        return 0
    with _the_indexer():
        rows = list(UnindexedChange.objects.order_by("pk")[:limit])
        if not rows:
            return 0
        UnindexedChange.objects.filter(pk__in=[r.pk for r in rows]).update(
            attempts=F("attempts") + 1
        )
        pending = Pending()
        for row in rows:
            for name in Pending.KINDS:
                tried = row.attempts > 0 and name == "new_articles"
                getattr(pending, "articles" if tried else name).update(row.ids.get(name, ()))
        if not sync.write(pending):
            return 0  # logged; the rows stay for the next try
        UnindexedChange.objects.filter(pk__in=[r.pk for r in rows]).delete()
        return len(rows)


def wait_for(batch: str, *, poll: float = 0.5, timeout: float | None = None, index: bool = True):
    """Wait until no story of ``batch`` (every batch, for "") is queued, applying the
    workers' saves to the index meanwhile when ``index``; returns whether it got there."""
    deadline = None if timeout is None else time.monotonic() + timeout
    stories = QueuedStory.objects.filter(batch=batch) if batch else QueuedStory.objects.all()
    while True:
        if index:
            while apply_unindexed():
                pass
        if not stories.filter(status=QueuedStory.QUEUED).exists():
            if index:
                apply_unindexed()
            return True
        if deadline is not None and time.monotonic() > deadline:
            return False
        time.sleep(poll)


def batch_report(batch: str, report: ImportReport) -> ImportReport:
    """``report`` (what was never sent) and what became of the batch's stories."""
    status = {
        QueuedStory.DONE: "imported",
        QueuedStory.DUPLICATE: "duplicate",
        QueuedStory.FAILED: "rejected",
        QueuedStory.QUEUED: "queued",
    }
    for row in QueuedStory.objects.filter(batch=batch).order_by("pk"):
        report.results.append(IngestResult(status[row.status], row.name, message=row.message))
    return report


def status(failures: int = 20) -> dict:
    """What is queued, done and failed (with the latest failures' reasons), and how many
    saved changes wait for the indexer."""
    counts = dict.fromkeys((s for s, _label in QueuedStory.STATUSES), 0)
    for row in QueuedStory.objects.values("status").order_by().annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    failed = QueuedStory.objects.filter(status=QueuedStory.FAILED).order_by("-finished", "-pk")
    return {
        "counts": counts,
        "failures": [(r.name, r.message) for r in failed[:failures]],
        "unindexed": UnindexedChange.objects.count(),
    }
