"""Keeps the search index in step with the database.

Every save and delete of an article, quote, speaker or source (``loaddata``'s raw saves
included) records which documents it touches in a per-transaction set; one
``transaction.on_commit`` callback per transaction then writes them, reading the committed
rows again, so a rolled-back change writes nothing wrong. ``bulk()`` gathers the writes of
a whole import and sends them in batches of ``CHUNK`` documents.

A failed index write never undoes or fails the database change: it is logged with the ids,
``check_index()`` reports the drift and ``repair()`` (``check_index --repair``) or
``rebuild_index()`` fixes it.

Changes made without signals (``QuerySet.update()``, ``bulk_create()``) must call
``schedule(...)`` with the ids they touched.

Inside ``bulk()`` every change is also noted in a backlog file before its transaction
commits, and the file is emptied once the index holds it; an import that is killed leaves
its backlog behind, and the next one (``finish_interrupted``) indexes it first: documents
the killed run saved but never indexed, and those it changed, such as the quotes of a
speaker who gained an alias.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Prefetch
from django.db.models.signals import post_delete, post_save, pre_delete

from search.engine import IndexMissing, get_backend
from search.models import Article, Quote, Source, Speaker, SpeakerAlias, quotes_created

log = logging.getLogger(__name__)

# Documents per index commit, and ids per database query. Each commit writes every term it
# holds and may merge segments, so fewer, larger commits import faster (500 -> 2,000 took
# a feed import from 31 to 45 articles/s).
CHUNK = 2000
# Documents a bulk import lets wait before it writes them, in one commit of new documents:
# its checkpoint, counted in documents (articles and quotes alike). A killed import leaves
# at most about this many unindexed, and its backlog lets the next import index them.
BULK_CHUNK = 10_000
RECHECKS = 2  # reads after a write, to catch rows changed while it was in flight
INDEXED_SPEAKER_FIELDS = {"name", "slug", "kind"}  # aliases are rows of their own (SpeakerAlias)
INDEXED_SOURCE_FIELDS = {"name"}


# documents


def article_document(article: Article) -> dict:
    """What the index holds for an article. Prefetch ``quotes__speaker`` for many articles."""
    counts = Counter(q.speaker for q in article.quotes.all() if q.speaker is not None)
    speakers = sorted(counts, key=lambda s: (-counts[s], s.name))  # as Article.speakers()
    return _versioned(
        {
            "id": article.pk,
            "title": article.title,
            "body": article.body,
            "published": article.published,
            "dateline": article.dateline,
            "source": article.source.name if article.source else "",
            "speakers": [s.name for s in speakers],
            "speaker_slugs": [s.slug for s in speakers],
        }
    )


def quote_document(quote: Quote) -> dict:
    """What the index holds for a quote, with its speaker's and article's fields copied in."""
    speaker, article = quote.speaker, quote.article
    return _versioned(
        {
            "id": quote.pk,
            "article_id": quote.article_id,
            "text": quote.text,
            "kind": quote.kind,
            "speaker_id": quote.speaker_id,
            "speaker_name": speaker.name if speaker else "",
            "speaker_slug": speaker.slug if speaker else "",
            "speaker_aliases": list(speaker.aliases) if speaker else [],
            "speaker_kind": speaker.kind if speaker else "",
            "attribution": quote.attribution,
            "role": quote.role,
            "cue": quote.cue,
            "mention": quote.mention,
            "article_title": article.title,
            "published": article.published,
            "source": article.source.name if article.source else "",
        }
    )


def _versioned(doc: dict) -> dict:
    """Add ``version``: a hash of every indexed value, so any change to them changes it."""
    canonical = json.dumps(doc, sort_keys=True, default=str, ensure_ascii=False)
    version = hashlib.blake2b(canonical.encode("utf-8"), digest_size=8).hexdigest()
    return {"id": doc["id"], "version": version, **doc}


def _articles(ids: Iterable[int] | None = None) -> Iterator[Article]:
    """Articles with what their documents need, ``CHUNK`` at a time (all when ``ids`` is None)."""
    quotes = Prefetch("quotes", queryset=Quote.objects.select_related("speaker").order_by())
    articles = Article.objects.select_related("source").prefetch_related(quotes).order_by("pk")
    if ids is None:
        yield from articles.iterator(chunk_size=CHUNK)
    else:
        for chunk in _chunks(ids):
            yield from articles.filter(pk__in=chunk)


def _quotes(ids: Iterable[int] | None = None) -> Iterator[Quote]:
    quotes = (
        Quote.objects.select_related("speaker", "article__source")
        .prefetch_related("speaker__alias_set")
        .defer("article__body")
        .order_by("pk")
    )
    if ids is None:
        yield from quotes.iterator(chunk_size=CHUNK * 4)
    else:
        for chunk in _chunks(ids):
            yield from quotes.filter(pk__in=chunk)


def _chunks(ids: Iterable[int], size: int = CHUNK) -> Iterator[list[int]]:
    ids = sorted(set(ids))
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


# what a change touches


@dataclass
class Pending:
    """Ids touched by changes in one transaction (or one ``bulk()`` block)."""

    articles: set[int] = field(default_factory=set)  # the article and all its quotes
    new_articles: set[int] = field(default_factory=set)  # as articles, and never indexed yet
    article_docs: set[int] = field(default_factory=set)  # only the article's own document
    quotes: set[int] = field(default_factory=set)  # the quote and its article
    speakers: set[int] = field(default_factory=set)  # all their quotes and those articles
    sources: set[int] = field(default_factory=set)  # all their articles and those quotes
    extra: int = 0  # documents beyond one per id: the quotes of these articles and speakers
    callback: Callable | None = None
    flushed: bool = False

    KINDS = ("articles", "new_articles", "article_docs", "quotes", "speakers", "sources")

    def add(self, other: Pending) -> None:
        for name in self.KINDS:
            getattr(self, name).update(getattr(other, name))
        self.extra += other.extra

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in self.KINDS)

    def size(self) -> int:
        """About how many documents these ids stand for: the checkpoint's measure."""
        articles = self.articles | self.new_articles | self.article_docs
        return len(articles) + len(self.quotes) + self.extra

    def ids(self) -> dict[str, list[int]]:
        return {name: sorted(getattr(self, name)) for name in self.KINDS}

    def documents(self) -> tuple[set[int], set[int]]:
        """Every article and quote whose document may have changed, new ones included: for a
        backend that writes with the data, where adding and replacing are one."""
        articles, quotes, new_articles, new_quotes = self.documents_to_write()
        return articles | new_articles, quotes | new_quotes

    def documents_to_write(self) -> tuple[set[int], set[int], set[int], set[int]]:
        """(articles, quotes) whose documents may have changed, then (articles, quotes) that
        the index cannot hold yet, read from the database as it is now."""
        new_articles = set(self.new_articles)  # saved again since, still never indexed
        new_quotes = _ids(Quote, "article_id", new_articles)
        articles = self.articles | _ids(Article, "source_id", self.sources)
        direct_quotes = self.quotes | _ids(Quote, "speaker_id", self.speakers)
        quotes = direct_quotes | _ids(Quote, "article_id", articles)
        articles |= self.article_docs | _ids(Quote, "pk", direct_quotes, "article_id")
        return articles - new_articles, quotes - new_quotes, new_articles, new_quotes


def _ids(model, column: str, values: set[int], select: str = "pk") -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(values):
        rows = model.objects.filter(**{f"{column}__in": chunk}).values_list(select, flat=True)
        found.update(i for i in rows if i is not None)
    return found


class _State(threading.local):
    def __init__(self) -> None:
        self.pending: dict[str, Pending] = {}  # by database alias
        self.bulk_depth = 0
        self.bulk: Pending | None = None
        self.bulk_checkpoint: Callable | None = None
        self.backlog: Backlog | None = None
        self.bulk_wrote = False  # a checkpoint wrote to the index in this bulk() block
        self.write_seconds = 0.0
        self.deleting: list[Pending] = []  # see ``after_delete`` in ``schedule``
        self.gathering: Pending | None = None  # see ``gathered``


_state = _State()


def write_seconds() -> float:
    """Seconds this thread has spent writing the index, for an import's time breakdown."""
    return _state.write_seconds


def schedule(
    *,
    articles: Iterable[int] = (),
    new_articles: Iterable[int] = (),
    article_docs: Iterable[int] = (),
    quotes: Iterable[int] = (),
    speakers: Iterable[int] = (),
    sources: Iterable[int] = (),
    article_quotes: int = 0,
    using: str = "default",
    after_delete: bool = False,
) -> None:
    """Index these after the current transaction commits (now, outside one). Signals call
    this; so must code that changes rows without them (``update()``, ``bulk_create()``).
    ``new_articles`` were created in this transaction, so their documents (and their
    quotes') are added, not replaced; ``article_quotes`` says how many quotes the articles
    hold, whose documents are written with them.

    A backend that stores its documents in the same database (``transactional``, e.g.
    PostgreSQL) is written right away instead, inside the change's own transaction: the
    index then commits or rolls back with the data and cannot drift, and a failed write
    fails the change. ``after_delete`` (from pre_delete handlers) waits for the rows to be
    gone: ``_deleted`` writes it."""
    change = Pending(
        set(articles),
        set(new_articles),
        set(article_docs),
        set(quotes),
        set(speakers),
        set(sources),
    )
    if not change:
        return
    change.extra = article_quotes
    if _writes_with_data():
        if after_delete:
            _state.deleting.append(change)
        elif _state.gathering is not None:
            _state.gathering.add(change)
        else:
            with transaction.atomic(using=using):
                reindex(*change.documents())
        return
    if _state.bulk_depth:
        if change.speakers:  # every quote of theirs is rewritten
            change.extra += Quote.objects.filter(speaker_id__in=change.speakers).count()
        if _state.backlog is not None:
            _state.backlog.note(change)  # before the commit: a kill after it loses nothing
        _state.bulk.add(change)
        if _state.bulk.size() >= BULK_CHUNK and not _registered(using, _state.bulk_checkpoint):
            _state.bulk_checkpoint = partial(_checkpoint, _state.bulk)
            transaction.on_commit(_state.bulk_checkpoint, using=using)
        return
    pending = _state.pending.get(using)
    if pending is not None and not pending.flushed and _registered(using, pending.callback):
        pending.add(change)
        return
    _state.pending[using] = change
    change.callback = partial(_flush, change)
    transaction.on_commit(change.callback, using=using)


@contextlib.contextmanager
def gathered():
    """Use inside a transaction that makes many changes (an article, its speakers and its
    quotes): a transactional backend then gets this block's index writes once, at its end,
    still inside the transaction, instead of once per save. Other backends write after the
    commit anyway; for them this does nothing."""
    if _state.gathering is not None or not _writes_with_data():
        yield
        return
    _state.gathering = pending = Pending()
    try:
        yield
    finally:
        _state.gathering = None
    if pending:
        reindex(*pending.documents())


def _writes_with_data() -> bool:
    try:
        return bool(getattr(get_backend(), "transactional", False))
    except Exception:  # a misconfigured backend is reported when it is written to
        return False


def _registered(using: str, callback: Callable | None) -> bool:
    """Whether ``callback`` still waits for the commit; a rollback discards it."""
    return any(entry[1] is callback for entry in connections[using].run_on_commit)


def _flush(pending: Pending) -> None:
    pending.flushed = True
    write(pending)


def _checkpoint(pending: Pending) -> None:
    """Write a ``bulk()`` block's changes so far, once a transaction has committed them, so
    a killed import leaves at most a chunk unindexed. Runs after the commit and takes the
    whole set then; a rollback discards this callback and leaves the ids for the next one."""
    if _state.bulk is pending:
        _state.bulk = Pending()
        _state.bulk_wrote = True
        backlog = _state.backlog
        if write(pending) and backlog is not None and not _state.bulk:
            backlog.clear()  # everything noted so far is committed and indexed


def _bulk_end(pending: Pending, backlog: Backlog | None, wrote: bool) -> None:
    if (not pending or write(pending)) and backlog is not None:
        backlog.remove()
    elif backlog is not None:
        backlog.release()  # left for the next import, or check_index --repair
    if not (pending or wrote):
        return
    started = time.perf_counter()
    try:
        get_backend().compact()
    except Exception:
        log.exception("Compacting the search index after an import failed; it still works")
    finally:
        _state.write_seconds += time.perf_counter() - started


@contextlib.contextmanager
def bulk(using: str = "default"):
    """Gather index writes for imports and send them ``BULK_CHUNK`` documents at a time, as each
    chunk's transactions commit and at the end of the block: one writer per article would be
    slow and fill the index with segments. What waits is noted in a backlog (see above)."""
    if _state.bulk_depth == 0:
        _state.bulk = Pending()
        _state.backlog = Backlog.open()
    _state.bulk_depth += 1
    try:
        yield
    finally:
        _state.bulk_depth -= 1
        if _state.bulk_depth == 0:
            pending, _state.bulk = _state.bulk, None
            backlog, _state.backlog = _state.backlog, None
            wrote, _state.bulk_wrote = _state.bulk_wrote, False
            transaction.on_commit(partial(_bulk_end, pending, backlog, wrote), using=using)


# the backlog of a bulk() block


class Backlog:
    """A file of the ids a ``bulk()`` block changed and has not indexed yet, one JSON line per
    change, written before the change commits. Its process holds a POSIX lock on it while
    alive, so another process can tell a backlog left by a killed import from a running
    one. (A POSIX lock, unlike ``flock``, belongs to the process alone: the extraction
    workers it forks do not keep it held after it is killed.)

    Written with ``flush`` but not ``fsync``: it outlives a killed process, not a power
    cut (``check_index --repair`` mends that)."""

    def __init__(self, path: Path, file) -> None:
        self.path, self.file = path, file

    @staticmethod
    def folder() -> Path:
        path = get_backend().params.get("PATH")
        return Path(f"{path}.backlog") if path else Path(settings.DATA_DIR) / "index.backlog"

    @classmethod
    def open(cls) -> Backlog | None:
        try:
            folder = cls.folder()
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{os.getpid()}-{time.time_ns()}.jsonl"
            file = open(path, "a+", encoding="utf-8")  # noqa: SIM115
            fcntl.lockf(file, fcntl.LOCK_EX)
            _OPEN_BACKLOGS.add(path)
            return cls(path, file)
        except OSError:
            log.exception("Cannot keep an import backlog; a killed import needs check_index")
            return None

    def note(self, change: Pending) -> None:
        self.file.write(json.dumps(change.ids()) + "\n")
        self.file.flush()

    def clear(self) -> None:
        self.file.truncate(0)
        self.file.flush()

    def release(self) -> None:
        _OPEN_BACKLOGS.discard(self.path)
        self.file.close()

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)
        self.release()

    @classmethod
    def left_behind(cls) -> Iterator[tuple[Path, Pending]]:
        """The backlogs of imports that died, each locked while the caller handles it."""
        folder = cls.folder()
        for path in sorted(folder.glob("*.jsonl")) if folder.is_dir() else ():
            if path in _OPEN_BACKLOGS:
                continue  # this process's own import, still running
            with open(path, "r+", encoding="utf-8") as file:
                try:
                    fcntl.lockf(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    continue  # its import is still running
                pending = Pending()
                for line in file:
                    with contextlib.suppress(ValueError):
                        ids = json.loads(line)
                        for name in Pending.KINDS:
                            # all of them may be indexed already: replace, never add
                            target = "articles" if name == "new_articles" else name
                            getattr(pending, target).update(ids.get(name, ()))
                yield path, pending


_OPEN_BACKLOGS: set[Path] = set()  # held by this process's bulk() blocks


def finish_interrupted() -> int:
    """Index what killed imports left in their backlogs; returns how many backlogs were
    finished. Never raises: what fails stays for the next import or ``check_index``."""
    finished = 0
    try:
        for path, pending in Backlog.left_behind():
            if not pending or write(pending):
                path.unlink(missing_ok=True)
                finished += 1
                log.info("indexed what an interrupted import left unindexed (%s)", path.name)
    except Exception:
        log.exception("Finishing an interrupted import's index writes failed")
    return finished


# writing


def write(pending: Pending) -> bool:
    """Bring the documents ``pending`` touches in line with the database. Never raises: a
    failure is logged with the ids and left for ``check_index`` to find."""
    articles: set[int] = set()
    quotes: set[int] = set()
    started = time.perf_counter()
    try:
        articles, quotes, new_articles, new_quotes = pending.documents_to_write()
        reindex(articles, quotes, new_articles=new_articles, new_quotes=new_quotes)
        articles |= new_articles
        quotes |= new_quotes
        return True
    except Exception:
        log.exception(
            "Search index update failed; the database change stands. Out of step until "
            "`python manage.py check_index --repair`: articles %s; quotes %s; speakers %s; "
            "sources %s",
            _some(articles or pending.articles | pending.article_docs),
            _some(quotes or pending.quotes),
            _some(pending.speakers),
            _some(pending.sources),
        )
        return False
    finally:
        _state.write_seconds += time.perf_counter() - started


def reindex(
    article_ids: Iterable[int] = (),
    quote_ids: Iterable[int] = (),
    *,
    new_articles: Iterable[int] = (),
    new_quotes: Iterable[int] = (),
) -> tuple[int, int]:
    """Write the current documents of these ids, and delete those no longer in the database,
    in commits of ``CHUNK`` documents. ``new_articles`` and ``new_quotes`` cannot be in the
    index yet (created since it was last written), so they are added, which is much cheaper
    than replacing. Raises what the backend raises. Returns (documents written, documents
    deleted).

    Another process may commit a newer row and index it between our read and our write, and
    our older copy would then win; so the rows are read again afterwards and whatever changed
    meanwhile is sent again."""
    new = {"article": set(new_articles), "quote": set(new_quotes)}
    ids = {"article": set(article_ids) | new["article"], "quote": set(quote_ids) | new["quote"]}
    backend = get_backend()
    sent = _send_current(backend, ids, {}, new)
    known = dict(sent)
    for _ in range(RECHECKS):
        changed = _send_current(backend, ids, known)
        if not changed:
            break
        known.update(changed)
    deleted = sum(1 for version in sent.values() if version is None)
    return len(sent) - deleted, deleted


def _send_current(
    backend, ids: dict[str, set[int]], known: dict, new: dict[str, set[int]] | None = None
) -> dict:
    """Send the documents of ``ids`` whose version differs from ``known`` (keyed by
    (type, id); None for deleted) and delete the vanished ones; returns what was sent.
    Those in ``new`` are added rather than replaced."""
    new = new or {"article": set(), "quote": set()}
    sent: dict[tuple[str, int], str | None] = {}
    seen: set[tuple[str, int]] = set()
    batch: dict[str, list[dict]] = {"article": [], "quote": []}
    added: dict[str, list[dict]] = {"article": [], "quote": []}

    def flush() -> None:
        if batch["article"] or batch["quote"]:
            backend.update(batch["article"], batch["quote"])
            batch["article"], batch["quote"] = [], []
        if added["article"] or added["quote"]:
            backend.add(added["article"], added["quote"])
            added["article"], added["quote"] = [], []

    for kind, rows, build in (
        ("article", _articles(ids["article"]), article_document),
        ("quote", _quotes(ids["quote"]), quote_document),
    ):
        for row in rows:
            doc = build(row)
            seen.add((kind, doc["id"]))
            if known.get((kind, doc["id"]), "") == doc["version"]:
                continue
            sent[(kind, doc["id"])] = doc["version"]
            (added if doc["id"] in new[kind] else batch)[kind].append(doc)
            # replacing looks each document up in every segment: smaller commits
            if len(batch["article"]) + len(batch["quote"]) >= CHUNK:
                flush()
            elif len(added["article"]) + len(added["quote"]) >= BULK_CHUNK:
                flush()
    flush()
    gone = {
        kind: sorted(
            i for i in ids[kind] if (kind, i) not in seen and known.get((kind, i), "") is not None
        )
        for kind in ids
    }
    if gone["article"] or gone["quote"]:
        backend.delete(article_ids=gone["article"], quote_ids=gone["quote"])
        sent.update({(kind, i): None for kind in gone for i in gone[kind]})
    return sent


def index_missing(article_ids: Iterable[int]) -> int:
    """Index those of these articles, and of their quotes, that the index does not hold. An
    import finds the articles a killed run saved already present; their index chunk may
    never have been written, and this finishes it. Never raises, like ``write``; returns the
    documents written. (Documents the index holds in an older version are left to
    ``check_index``, which compares every one.)"""
    ids = set(article_ids)
    if not ids:
        return 0
    try:
        try:
            stored = get_backend().stored_versions()
        except IndexMissing:  # a first import killed before its first write: nothing indexed
            stored = {"article": {}, "quote": {}}
        articles = ids - stored["article"].keys()
        quotes = _ids(Quote, "article_id", ids) - stored["quote"].keys()
        if not (articles or quotes):
            return 0
        written, _deleted = reindex(articles, quotes)
        log.info("indexed %d documents an earlier import had saved but not indexed", written)
        return written
    except Exception:
        log.exception(
            "Indexing articles found already saved failed; the database stands. "
            "`python manage.py check_index --repair` mends it: articles %s",
            _some(ids),
        )
        return 0


def _some(ids: Iterable[int], limit: int = 50) -> str:
    ids = sorted(ids)
    shown = ", ".join(str(i) for i in ids[:limit])
    return f"{shown} and {len(ids) - limit} more" if len(ids) > limit else shown or "none"


# signals


def _article_saved(sender, instance: Article, **kwargs) -> None:
    schedule(articles=[instance.pk], using=kwargs.get("using") or "default")


def _article_deleting(sender, instance: Article, **kwargs) -> None:
    quotes = list(instance.quotes.values_list("pk", flat=True)) if instance.pk else []
    schedule(
        articles=[instance.pk],
        quotes=quotes,
        using=kwargs.get("using") or "default",
        after_delete=True,
    )


def _quote_changed(sender, instance: Quote, **kwargs) -> None:
    schedule(
        quotes=[instance.pk],
        article_docs=[instance.article_id] if instance.article_id else [],
        using=kwargs.get("using") or "default",
    )


def _speaker_saved(sender, instance: Speaker, update_fields=None, **kwargs) -> None:
    if update_fields is not None and not INDEXED_SPEAKER_FIELDS & set(update_fields):
        return  # e.g. only the role, which quotes carry themselves
    schedule(speakers=[instance.pk], using=kwargs.get("using") or "default")


def _speaker_deleting(sender, instance: Speaker, **kwargs) -> None:
    # After the delete its quotes have no speaker left to find them by.
    quotes = list(instance.quotes.values_list("pk", flat=True)) if instance.pk else []
    schedule(quotes=quotes, using=kwargs.get("using") or "default", after_delete=True)


def _alias_changed(sender, instance: SpeakerAlias, **kwargs) -> None:
    schedule(speakers=[instance.speaker_id], using=kwargs.get("using") or "default")


def _source_saved(sender, instance: Source, update_fields=None, **kwargs) -> None:
    if update_fields is not None and not INDEXED_SOURCE_FIELDS & set(update_fields):
        return
    schedule(sources=[instance.pk], using=kwargs.get("using") or "default")


def _quotes_created(sender, article_ids, quotes: int, **kwargs) -> None:
    schedule(articles=article_ids, article_quotes=quotes)


def _source_deleting(sender, instance: Source, **kwargs) -> None:
    articles = list(instance.articles.values_list("pk", flat=True)) if instance.pk else []
    schedule(articles=articles, using=kwargs.get("using") or "default", after_delete=True)


def _deleted(sender, instance, **kwargs) -> None:
    """The writes pre_delete handlers held back for a transactional backend, now that the
    rows are gone (still inside the delete's transaction)."""
    if _state.deleting:
        change, changes = Pending(), _state.deleting
        _state.deleting = []
        for each in changes:
            change.add(each)
        with transaction.atomic(using=kwargs.get("using") or "default"):
            reindex(*change.documents())


def connect_signals() -> None:
    for signal, handler, model in (
        (post_save, _article_saved, Article),
        (pre_delete, _article_deleting, Article),
        (post_save, _quote_changed, Quote),
        (post_delete, _quote_changed, Quote),
        (post_save, _speaker_saved, Speaker),
        (pre_delete, _speaker_deleting, Speaker),
        (post_save, _alias_changed, SpeakerAlias),
        (post_delete, _alias_changed, SpeakerAlias),
        (post_save, _source_saved, Source),
        (pre_delete, _source_deleting, Source),
        (post_delete, _deleted, Article),
        (post_delete, _deleted, Speaker),
        (post_delete, _deleted, Source),
    ):
        signal.connect(handler, sender=model, dispatch_uid=f"search.indexing.{handler.__name__}")
    quotes_created.connect(_quotes_created, dispatch_uid="search.indexing._quotes_created")


# checking and rebuilding


@dataclass
class Drift:
    """How the index differs from the database, by document type ("article", "quote")."""

    missing: dict[str, list[int]]  # in the database, not in the index
    stale: dict[str, list[int]]  # indexed with an older version
    orphans: dict[str, list[int]]  # in the index, no longer in the database
    counts: dict[str, int]  # documents the database holds

    @property
    def clean(self) -> bool:
        return not any(
            ids for kind in (self.missing, self.stale, self.orphans) for ids in kind.values()
        )


def expected_versions() -> dict[str, dict[int, str]]:
    """The version every document should have, from the database."""
    return {
        "article": {a.pk: article_document(a)["version"] for a in _articles()},
        "quote": {q.pk: quote_document(q)["version"] for q in _quotes()},
    }


def check_index() -> Drift:
    """Compare the index with the database. Raises ``SearchUnavailable`` if it can't be read."""
    stored = get_backend().stored_versions()
    expected = expected_versions()
    drift = Drift({}, {}, {}, {})
    for kind, versions in expected.items():
        indexed = stored.get(kind, {})
        drift.missing[kind] = sorted(set(versions) - set(indexed))
        drift.stale[kind] = sorted(
            i for i, v in versions.items() if i in indexed and indexed[i] != v
        )
        drift.orphans[kind] = sorted(set(indexed) - set(versions))
        drift.counts[kind] = len(versions)
    return drift


def repair(drift: Drift) -> int:
    """Re-index the missing and stale documents and delete the orphans; returns how many
    documents were touched. Raises what the backend raises."""
    ids = {
        kind: set(drift.missing.get(kind, ()))
        | set(drift.stale.get(kind, ()))
        | set(drift.orphans.get(kind, ()))
        for kind in ("article", "quote")
    }
    written, deleted = reindex(ids["article"], ids["quote"])
    return written + deleted


def rebuild_index(progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Build the whole index again from the database and swap it in; searches keep using the
    old one meanwhile. Returns the documents indexed by type."""
    counts = {"article": Article.objects.count(), "quote": Quote.objects.count()}
    written = Counter()

    def documents(rows, build, kind):
        for row in rows:
            written[kind] += 1
            yield build(row)

    get_backend().rebuild(
        documents(_articles(), article_document, "article"),
        documents(_quotes(), quote_document, "quote"),
        total=sum(counts.values()),
        progress=progress,
    )
    return {"article": written["article"], "quote": written["quote"]}
