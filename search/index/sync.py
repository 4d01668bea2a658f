"""Keeps the search index in step with the database.

Every save and delete of an article, quote, speaker or source (``loaddata``'s raw saves
included) records which documents it touches in a per-transaction set; one
``transaction.on_commit`` callback per transaction then writes them, reading the committed
rows again, so a rolled-back change writes nothing wrong. ``bulk()`` gathers the writes of
a whole import and sends them in batches of ``CHUNK`` documents.

A failed index write never undoes or fails the database change: it is logged with the ids,
``check_index()`` reports the drift and ``repair()`` (``check_index --repair``) or
``rebuild_index()`` fixes it (``search.index.maintenance``).

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
import logging
import threading
import time
from collections.abc import Callable, Iterable
from functools import partial

from django.db import connections, transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from search.engine import IndexMissing, get_backend
from search.index import documents
from search.index.backlog import Backlog
from search.index.beside import Beside
from search.index.changes import Pending
from search.index.documents import article_documents, ids_where, quote_documents
from search.models import Article, Quote, Source, Speaker, SpeakerAlias, quotes_created

log = logging.getLogger(__name__)

# Documents a bulk import lets wait before it writes them, in one commit of new documents:
# its checkpoint, counted in documents (articles and quotes alike). A killed import leaves
# at most about this many unindexed, and its backlog lets the next import index them.
BULK_CHUNK = 10_000
RECHECKS = 2  # reads after a write, to catch rows changed while it was in flight
INDEXED_SPEAKER_FIELDS = {"name", "slug", "kind"}  # aliases are rows of their own (SpeakerAlias)
INDEXED_SOURCE_FIELDS = {"name"}


class _State(threading.local):
    def __init__(self) -> None:
        self.pending: dict[str, Pending] = {}  # by database alias
        self.bulk_depth = 0
        self.bulk: Pending | None = None
        self.bulk_checkpoint: Callable | None = None
        self.backlog: Backlog | None = None
        self.bulk_wrote = False  # a checkpoint wrote to the index in this bulk() block
        self.beside: Beside | None = None  # writes this bulk() block's checkpoints
        self.beside_seconds = 0.0  # of checkpoints written beside an import (not waited for)
        self.write_seconds = 0.0
        self.compact_seconds = 0.0  # of ``write_seconds``: merging segments after an import
        self.deleting: list[Pending] = []  # see ``after_delete`` in ``schedule``
        self.gathering: Pending | None = None  # see ``gathered``
        self.recording: Pending | None = None  # see ``recorded``


_state = _State()


def write_seconds() -> float:
    """Seconds this thread has spent writing the index, for an import's time breakdown."""
    return _state.write_seconds


def beside_seconds() -> float:
    """Seconds bulk imports' checkpoints took in their own thread, beside the import (the
    import's waits for them are in ``write_seconds``)."""
    return _state.beside_seconds


def compact_seconds() -> float:
    """Of ``write_seconds``, those spent compacting the index after imports."""
    return _state.compact_seconds


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
    if _state.recording is not None:
        _state.recording.add(change)
        return
    if _state.bulk_depth:
        counted = change.speakers - _state.bulk.speakers  # once each per bulk() block
        if counted:  # every quote of theirs is rewritten
            change.extra += Quote.objects.filter(speaker_id__in=counted).count()
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


@contextlib.contextmanager
def recorded():
    """Collect this block's index writes instead of making them, for a process that must not
    write the index itself (an extraction worker: Whoosh has one writer, on one machine).
    Yields a ``Pending`` the caller stores for the indexer (``search.intake.queue``) in the
    same transaction. A backend that writes with the data (PostgreSQL) writes as usual, and
    the ``Pending`` stays empty."""
    if _state.recording is not None or _writes_with_data():
        yield Pending()
        return
    _state.recording = pending = Pending()
    try:
        yield pending
    finally:
        _state.recording = None


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
        if _may_write_beside():
            part = backlog.rotate() if backlog is not None else None
            if backlog is None or part is not None:  # what comes next goes in a new file
                _waited(_state.beside.start(pending, part))
                return
        _waited(_state.beside.wait() if _state.beside else 0.0)
        if write(pending) and backlog is not None and not _state.bulk:
            backlog.clear()  # everything noted so far is committed and indexed


def _may_write_beside() -> bool:
    """A thread of its own reads the committed rows on a connection of its own: not inside
    an outer transaction (a test's), whose rows it could not see, nor on an in-memory
    database, which another connection shares only with table locks."""
    connection = connections["default"]
    in_memory = getattr(connection, "is_in_memory_db", lambda: False)()
    return _state.beside is not None and not connection.in_atomic_block and not in_memory


def settle() -> None:
    """Wait for the checkpoint a ``bulk()`` block is writing beside it, if any: what the
    block's committed transactions saved so far is then searchable. For a caller that reads
    the index in the middle of an import."""
    if _state.beside is not None:
        _waited(_state.beside.wait())


def _waited(seconds: float) -> None:
    _state.write_seconds += seconds


def _bulk_end(
    pending: Pending, backlog: Backlog | None, wrote: bool, beside: Beside | None = None
) -> None:
    if beside is not None:
        _waited(beside.wait())
        _state.beside_seconds += beside.seconds
        for part in beside.unfinished:
            part.release()  # left for the next import, or check_index --repair
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
        _state.compact_seconds += time.perf_counter() - started


@contextlib.contextmanager
def bulk(using: str = "default"):
    """Gather index writes for imports and send them ``BULK_CHUNK`` documents at a time, as each
    chunk's transactions commit and at the end of the block: one writer per article would be
    slow and fill the index with segments. What waits is noted in a backlog (see above)."""
    if _state.bulk_depth == 0:
        _state.bulk = Pending()
        _state.backlog = Backlog.open()
        _state.beside = Beside(write)
    _state.bulk_depth += 1
    try:
        yield
    finally:
        _state.bulk_depth -= 1
        if _state.bulk_depth == 0:
            pending, _state.bulk = _state.bulk, None
            backlog, _state.backlog = _state.backlog, None
            wrote, _state.bulk_wrote = _state.bulk_wrote, False
            beside, _state.beside = _state.beside, None
            transaction.on_commit(partial(_bulk_end, pending, backlog, wrote, beside), using=using)


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

    for kind, docs in (
        ("article", article_documents(ids["article"])),
        ("quote", quote_documents(ids["quote"])),
    ):
        for doc in docs:
            seen.add((kind, doc["id"]))
            if known.get((kind, doc["id"]), "") == doc["version"]:
                continue
            sent[(kind, doc["id"])] = doc["version"]
            (added if doc["id"] in new[kind] else batch)[kind].append(doc)
            # replacing looks each document up in every segment: smaller commits
            if len(batch["article"]) + len(batch["quote"]) >= documents.CHUNK:
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
        quotes = ids_where(Quote, "article_id", ids) - stored["quote"].keys()
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
    if kwargs.get("created"):
        return  # no quote is theirs yet; the quotes given to them are indexed as they come
    schedule(speakers=[instance.pk], using=kwargs.get("using") or "default")


def _speaker_deleting(sender, instance: Speaker, **kwargs) -> None:
    # After the delete its quotes have no speaker left to find them by.
    quotes = list(instance.quotes.values_list("pk", flat=True)) if instance.pk else []
    schedule(quotes=quotes, using=kwargs.get("using") or "default", after_delete=True)


def _alias_changed(sender, instance: SpeakerAlias, **kwargs) -> None:
    speaker = SpeakerAlias.speaker.field
    if speaker.is_cached(instance) and instance.speaker.just_created:
        return  # the aliases of a speaker being inserted: they have no quotes yet
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
        signal.connect(handler, sender=model, dispatch_uid=f"search.index.sync.{handler.__name__}")
    quotes_created.connect(_quotes_created, dispatch_uid="search.index.sync._quotes_created")
