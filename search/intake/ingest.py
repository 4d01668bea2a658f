"""The one way articles come in: admin upload, ``import_articles`` and the sample fixture all
come through here. An article is read (``search.text.article_text``: date, dateline, outlet,
title), its quotes are extracted, and article, speakers and quotes are saved in one
transaction; the index follows on commit (``search.index.sync``).

Bulk imports (``import_paths``, ``import_jsonl``) extract on every core
(``search.intake.parallel``) while this process saves earlier batches, a batch of articles per
transaction, and index in large batches of new documents."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import io
import logging
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction

from search.index import sync
from search.intake.feeds import Feed
from search.intake.parallel import CHUNK, IMPORT_AHEAD, ExtractionPool
from search.models import Article, Quote, Source, Speaker, content_hash
from search.models.known_speakers import KnownSpeakers
from search.quotes import Extraction, extract
from search.text.article_text import parse
from search.text.decoding import ArticleRejected, decode_article_bytes, is_gzip, normalise_newlines

log = logging.getLogger(__name__)


@dataclass
class IngestResult:
    status: str  # "imported" | "duplicate" | "rejected" | "queued" (sent to the workers)
    name: str = ""
    article: Article | None = None
    message: str = ""


@dataclass
class ImportReport:
    results: list[IngestResult] = field(default_factory=list)
    # seconds by stage; "extract" is summed over the workers (CPU time on every core)
    timings: dict[str, float] = field(default_factory=dict)
    unused_keys: set[str] = field(default_factory=set)  # feed keys the import never read

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[IngestResult]:
        return [r for r in self.results if r.status == "rejected"]

    def summary(self) -> str:
        counts = (
            f"{self.count('imported')} imported, {self.count('duplicate')} already present, "
            f"{self.count('rejected')} failed"
        )
        if self.count("queued"):
            counts = f"{self.count('queued')} queued for the workers, {counts}"
        if self.unused_keys:
            counts += f"; not read from the feed: {', '.join(sorted(self.unused_keys))}"
        return counts

    def merge(self, other: ImportReport) -> None:
        self.results += other.results
        self.unused_keys |= other.unused_keys
        for stage, seconds in other.timings.items():
            self.add_time(stage, seconds)

    def add_time(self, stage: str, seconds: float) -> None:
        self.timings[stage] = self.timings.get(stage, 0.0) + seconds


@dataclass
class Item:
    """One article to import, with what its feed record or upload form says about it."""

    name: str
    text: str
    title: str = ""
    published: dt.date | None = None
    source: str = ""
    url: str = ""
    year: int | None = None  # for a dateline with a month and day only


# --- saving ------------------------------------------------------------------------------


def _refusal(text: str) -> str:
    """Why ``text`` cannot be an article, or "" when it can."""
    if not text.strip():
        return "The article has no text."
    if "\x00" in text:
        return "The article contains NUL bytes."
    return ""


def ingest_text(
    text: str,
    *,
    title: str | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    url: str = "",
    filename: str = "",
    year: int | None = None,
) -> IngestResult:
    """Save one article. ``published`` (a feed's date) wins over the text; ``year`` dates a
    dateline that gives only a month and day."""
    name = filename or (title or "")[:60] or "article"
    text = normalise_newlines(text)
    refusal = _refusal(text)
    if refusal:
        return IngestResult("rejected", name, message=refusal)
    existing = Article.objects.filter(content_hash=content_hash(text)).first()
    if existing:
        return IngestResult("duplicate", name, existing, "Already present.")
    item = Item(name, text, title or "", published, source or "", url, year)
    extraction = extract(text)  # pure and possibly slow: outside the transaction
    try:
        with transaction.atomic(), sync.gathered():
            article = _new_article(item, {})
            article.save()
            count = article.save_extraction(extraction)
    except IntegrityError:
        existing = Article.objects.filter(content_hash=content_hash(text)).first()
        if existing is None:
            raise
        return IngestResult("duplicate", name, existing, "Already present.")
    return IngestResult("imported", name, article, f"{count} quotes found.")


def _new_article(item: Item, sources: dict[str, Source]) -> Article:
    """An unsaved article for ``item``: what the feed or form says wins over the text."""
    parsed = parse(item.text, year=item.year)
    source_name = (item.source or parsed.source or "").strip()
    if source_name and source_name.casefold() not in sources:
        sources[source_name.casefold()] = Source.for_name(source_name)
    return Article(
        title=item.title.strip()[:300] or parsed.title,
        body=item.text,
        published=item.published if item.published is not None else parsed.published,
        dateline=parsed.dateline,
        source=sources[source_name.casefold()] if source_name else None,
        url=item.url[:500],
        content_hash=content_hash(item.text),
    )


def ingest_bytes(
    data: bytes, *, filename: str, max_bytes: int | None = None, year: int | None = None
) -> IngestResult:
    limit = max_bytes if max_bytes is not None else settings.ARTICLE_UPLOAD_MAX_BYTES
    try:
        text = decode_article_bytes(data, max_bytes=limit)
    except ArticleRejected as exc:
        return IngestResult("rejected", filename, message=str(exc))
    return ingest_text(text, filename=filename, year=year)


# --- bulk imports ------------------------------------------------------------------------


def iter_paths(paths: Iterable[str]) -> Iterator[tuple[str, bytes | None, str]]:
    """(name, bytes, error) for each file named or found (recursively, *.txt) in a folder;
    ``-`` reads standard input."""
    for raw in paths:
        if raw == "-":
            yield "<stdin>", sys.stdin.buffer.read(), ""
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not files:
                yield str(path), None, "No .txt files in this folder."
            for file in files:
                yield from _read(file)
        else:
            yield from _read(path)


def _read(path: Path) -> Iterator[tuple[str, bytes | None, str]]:
    try:
        yield str(path), path.read_bytes(), ""
    except OSError as exc:
        yield str(path), None, f"Cannot read it: {exc.strerror or exc}."


def path_entries(paths: Iterable[str], year: int | None = None) -> Iterator[Item | IngestResult]:
    """The articles in these files and folders, or why one cannot be read."""
    limit = settings.ARTICLE_UPLOAD_MAX_BYTES
    for name, data, error in iter_paths(paths):
        if data is None:
            yield IngestResult("rejected", name, message=error)
            continue
        try:
            yield Item(name, decode_article_bytes(data, max_bytes=limit), year=year)
        except ArticleRejected as exc:
            yield IngestResult("rejected", name, message=str(exc))


def import_paths(
    paths: Iterable[str], *, progress=None, year: int | None = None, workers: int | None = None
) -> ImportReport:
    return import_items(path_entries(paths, year), progress=progress, workers=workers)


def feed_entries(feed: Feed, year: int | None = None) -> Iterator[Item | IngestResult]:
    """The articles of a JSON Lines feed (``search.intake.feeds`` says which keys are read;
    gzip is recognised by its magic bytes), or why a line is bad. A line's ``year`` (else
    ``year`` here) dates a dateline with only a month and day. A feed with no text under
    any key we read is refused whole (``FeedRefused``)."""
    with _open_feed(feed.name) as lines:
        for name, record in feed.records(lines):
            if isinstance(record, str):
                yield IngestResult("rejected", name, message=record)
                continue
            yield Item(
                name,
                record.text,
                title=record.title,
                published=record.published,
                source=record.source,
                url=record.url,
                year=record.year or year,
            )


def import_jsonl(
    path: str, *, progress=None, year: int | None = None, workers: int | None = None
) -> ImportReport:
    """Import a JSON Lines feed (see ``feed_entries``). A bad line is reported; the others
    go in. The report names the keys no line was read under."""
    feed = Feed(path)
    report = import_items(feed_entries(feed, year), progress=progress, workers=workers)
    report.unused_keys |= feed.unused
    return report


def import_items(
    entries: Iterable[Item | IngestResult], *, progress=None, workers: int | None = None
) -> ImportReport:
    """Import many articles: extraction runs ahead in worker processes while this one
    saves finished chunks, a chunk per transaction, and indexes in large batches.

    It first finishes what a killed earlier run left: documents it changed in the database
    but never indexed (``sync.finish_interrupted``). Entries that are already
    ``IngestResult`` (a file that could not be read) are reported as they are."""
    report = ImportReport()
    started = time.perf_counter()
    index_before, compact_before = sync.write_seconds(), sync.compact_seconds()
    beside_before = sync.beside_seconds()
    sync.finish_interrupted()
    with sync.bulk(), ExtractionPool(workers) as pool:
        in_flight: deque = deque()
        caches: dict[str, dict] = {"sources": {}, "speakers": KnownSpeakers()}
        seen: dict[str, IngestResult] = {}
        depth = max(2, IMPORT_AHEAD * pool.workers)
        for chunk in _chunks(entries, CHUNK):
            began = time.perf_counter()
            fresh = _triage(chunk, seen, report, progress)
            report.add_time("read and check", time.perf_counter() - began)
            if fresh:
                in_flight.append((fresh, pool.submit([item.text for item, _h in fresh])))
            while len(in_flight) > depth:
                _finish(*in_flight.popleft(), report, progress, caches)
        while in_flight:
            _finish(*in_flight.popleft(), report, progress, caches)
    _index_already_present(report)
    compacted = sync.compact_seconds() - compact_before
    report.add_time("index", sync.write_seconds() - index_before - compacted)
    report.add_time("compact index", compacted)
    report.add_time("index beside the import", sync.beside_seconds() - beside_before)
    report.add_time("total", time.perf_counter() - started)
    return report


def _chunks(entries: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for entry in entries:
        chunk.append(entry)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def checked_entry(entry: Item | IngestResult, report: ImportReport, progress):
    """``(entry, its content hash)``, or None when it is refused (and reported so)."""
    if isinstance(entry, IngestResult):
        report_result(report, entry, progress)
        return None
    entry.text = normalise_newlines(entry.text)
    refusal = _refusal(entry.text)
    if refusal:
        report_result(report, IngestResult("rejected", entry.name, message=refusal), progress)
        return None
    return entry, content_hash(entry.text)


def _triage(chunk: list, seen: dict[str, IngestResult], report: ImportReport, progress):
    """Report the entries that are refused or already present; return the others with
    their content hash."""
    fresh = [checked for entry in chunk if (checked := checked_entry(entry, report, progress))]
    present = {
        a.content_hash: a
        for a in Article.objects.defer("body").filter(content_hash__in=[h for _i, h in fresh])
    }
    kept = []
    for item, digest in fresh:
        earlier = seen.get(digest)
        if digest in present or earlier is not None:
            article = present.get(digest) or earlier.article
            result = IngestResult("duplicate", item.name, article, "Already present.")
            if earlier is not None and article is None:
                result.message = f"The same text as {earlier.name}."
            report_result(report, result, progress)
            continue
        seen[digest] = IngestResult("imported", item.name)
        kept.append((item, digest))
    return kept


def _finish(
    fresh: list[tuple[Item, str]], future, report: ImportReport, progress, caches: dict
) -> None:
    """Wait for a chunk's extractions and save the chunk in one transaction."""
    began = time.perf_counter()
    extractions, seconds = future.result()
    report.add_time("waiting for extraction", time.perf_counter() - began)
    report.add_time("extract", seconds)
    began = time.perf_counter()
    index_before = sync.write_seconds()
    results = save_items([item for item, _digest in fresh], extractions, caches)
    indexed = sync.write_seconds() - index_before  # a checkpoint ran on commit
    report.add_time("database", time.perf_counter() - began - indexed)
    for result in results:
        report_result(report, result, progress)


def save_items(
    items: list[Item], extractions: list[Extraction], caches: dict
) -> list[IngestResult]:
    """Save extracted items in one transaction, or one at a time when another writer saved
    one of them meanwhile (that one is then reported already present). ``caches`` holds
    the ``sources`` and ``speakers`` an import has already looked up."""
    try:
        return _save_chunk(items, extractions, caches["sources"], caches["speakers"])
    except IntegrityError:
        caches["sources"].clear()
        caches["speakers"].clear()
        return [_save_one(i, e) for i, e in zip(items, extractions, strict=True)]


def _save_chunk(
    items: list[Item],
    extractions: list[Extraction],
    sources: dict[str, Source],
    known: dict[str, Speaker],
) -> list[IngestResult]:
    """Save a chunk in one transaction; ``sources`` and ``known`` (speakers by name) are
    the import's caches. A row they hold that someone deleted meanwhile fails the chunk
    with an IntegrityError, and the chunk is saved again one article at a time."""
    with transaction.atomic(), sync.gathered():
        articles = [_new_article(item, sources) for item in items]
        Article.objects.bulk_create(articles)
        if isinstance(known, KnownSpeakers):
            known.prime(s.name for e in extractions for s in e.speakers)
        quotes: list[Quote] = []
        counts = []
        for article, extraction in zip(articles, extractions, strict=True):
            rows = article.quotes_from(extraction, known, new=True)
            quotes += rows
            counts.append(len(rows))
        Quote.objects.bulk_create(quotes, batch_size=500)
        sync.schedule(new_articles=[a.pk for a in articles], article_quotes=len(quotes))
    return [
        IngestResult("imported", item.name, article, f"{count} quotes found.")
        for item, article, count in zip(items, articles, counts, strict=True)
    ]


def _save_one(item: Item, extraction: Extraction) -> IngestResult:
    try:
        with transaction.atomic(), sync.gathered():
            article = _new_article(item, {})
            article.save()
            count = article.save_extraction(extraction)
    except IntegrityError:
        existing = Article.objects.filter(content_hash=content_hash(item.text)).first()
        if existing is None:
            raise
        return IngestResult("duplicate", item.name, existing, "Already present.")
    return IngestResult("imported", item.name, article, f"{count} quotes found.")


def report_result(report: ImportReport, result: IngestResult, progress) -> None:
    report.results.append(result)
    if progress:
        progress(result)


def _index_already_present(report: ImportReport) -> None:
    """A rerun of a killed import finds its saved articles already present: index any of
    them the killed run had not indexed yet, so the rerun completes the job."""
    sync.index_missing(
        r.article.pk for r in report.results if r.status == "duplicate" and r.article
    )


@contextlib.contextmanager
def _open_feed(path: str):
    raw = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    try:
        head = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
        stream = gzip.GzipFile(fileobj=raw) if is_gzip(head) else raw
        yield io.TextIOWrapper(stream, encoding="utf-8", errors="replace")
    finally:
        if raw is not sys.stdin.buffer:
            raw.close()
