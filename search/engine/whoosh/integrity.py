"""Is the index on disk whole? Reading it, not just opening it, is the only way to know.

Opening a Whoosh index reads its table of contents and little else: a postings file truncated
to nothing, filled with random bytes or cut in half, or a stored-fields column halved, still
opens, and the damage shows only when a search reads that part. So ``verify`` reads every
segment's files: the term list of every field, the postings of a sample of terms spread over
it (checked against the term list's own counts), the stored fields and the values column of
every document, and the field lengths.

``Damage`` remembers that an index failed, keyed on its files' names, sizes and times, so a
broken index costs every later request one ``scandir`` instead of a failed search, until the
index changes (a rebuild, a repair, a restored file).
"""

from __future__ import annotations

import math
import os
import threading
from pathlib import Path

from whoosh.fields import SpellField

from ..base import IndexDamaged, IndexMissing, SearchUnavailable
from .store import CURRENT, FIX, IndexStore

SAMPLE_TERMS = 64  # postings read per field and segment, spread over its terms


def verify(store: IndexStore) -> dict[str, int]:
    """Read the live generation through; returns what was read. Raises ``IndexMissing`` when
    there is no index and ``IndexDamaged`` naming the first part that cannot be read."""
    name = live_name(store)
    try:
        ix = store.open(name)
    except SearchUnavailable as exc:  # the table of contents itself is damaged
        raise IndexDamaged(str(exc)) from exc
    read = {"segments": 0, "documents": 0, "terms": 0, "postings": 0}
    try:
        reader = ix.reader()
    except Exception as exc:
        raise _damaged(store, name, "its segments cannot be opened", exc) from exc
    try:
        for leaf, _offset in reader.leaf_readers():
            segment = _segment_id(leaf)
            try:
                _check_files(store, name, segment)
                _check_documents(leaf, read)
                _check_terms(leaf, read)
            except IndexDamaged:
                raise
            except Exception as exc:
                raise _damaged(store, name, f"segment {segment} cannot be read", exc) from exc
            read["segments"] += 1
    finally:
        try:
            reader.close()
        except Exception:  # closing what failed to read must not hide why it failed
            pass
    return read


def live_name(store: IndexStore) -> str:
    """The live generation's name; a missing index folder, pointer or generation is
    ``IndexMissing`` rather than a new empty index."""
    root = store.root
    if not root.is_dir():
        raise IndexMissing(f"The search index at {root} is missing. {FIX}")
    if not (root / CURRENT).exists():
        raise IndexMissing(f"The search index at {root} is missing (no {CURRENT} file). {FIX}")
    name = store.live_name()
    if not (root / name).is_dir():
        raise IndexMissing(
            f"The search index at {root} is missing: {CURRENT} names {name}, which is gone. {FIX}"
        )
    return name


def _segment_id(leaf) -> str:
    segment = getattr(leaf, "segment", lambda: None)()
    return segment.segment_id() if segment is not None else "?"


def _check_files(store: IndexStore, name: str, segment: str) -> None:
    """Every file the segment's codec would open exists (a deleted term file otherwise shows
    only as a failing search)."""
    present = store.file_sizes(name, [segment])
    wanted = [".trm", ".pst"]
    for suffix in wanted:
        if not any(path.endswith(f"{segment}{suffix}") for path in present):
            raise IndexDamaged(
                f"The search index at {store.root} is unreadable: segment {segment} has no "
                f"{suffix} file. {FIX}"
            )


def _check_documents(leaf, read: dict) -> None:
    """The stored fields, the values column and the field lengths of every document."""
    count = leaf.doc_count_all()
    for docnum in range(count):
        if not isinstance(leaf.stored_fields(docnum), dict):
            raise ValueError(f"document {docnum} has no stored fields")
    schema = leaf.schema
    for fieldname in schema.names():
        if leaf.has_column(fieldname):
            values = list(leaf.column_reader(fieldname, translate=False))
            if len(values) != count:
                raise ValueError(f"column {fieldname} has {len(values)} of {count} values")
    for fieldname in schema.scorable_names():
        for docnum in range(count):
            leaf.doc_field_length(docnum, fieldname)
    read["documents"] += count


def _check_terms(leaf, read: dict) -> None:
    """Every field's term list read through, and the postings of a sample of its terms read
    and checked against what the term list says about them."""
    count = leaf.doc_count_all()
    deleted = count - leaf.doc_count()
    for fieldname in leaf.indexed_field_names():
        terms = list(leaf.lexicon(fieldname))
        read["terms"] += len(terms)
        if isinstance(leaf.schema[fieldname], SpellField):
            continue  # a spelling word list: its postings name no documents
        step = max(1, len(terms) // SAMPLE_TERMS)
        sample = terms[::step]
        if terms and sample[-1] != terms[-1]:
            sample.append(terms[-1])  # the end of the postings, where a cut file fails
        for term in sample:
            info = leaf.term_info(fieldname, term)
            ids = _postings(leaf, fieldname, term, count)
            frequency = info.doc_frequency()
            if not frequency - deleted <= len(ids) <= frequency:
                raise ValueError(
                    f"{fieldname}:{term!r} lists {len(ids)} documents, its entry {frequency}"
                )
            read["postings"] += 1


def _postings(leaf, fieldname: str, term, count: int) -> list[int]:
    ids = []
    matcher = leaf.postings(fieldname, term)
    while matcher.is_active():
        docnum, weight = matcher.id(), matcher.weight()
        if not 0 <= docnum < count or (ids and docnum <= ids[-1]):
            raise ValueError(f"{fieldname}:{term!r} lists document {docnum} out of order")
        if not math.isfinite(weight) or weight <= 0:
            raise ValueError(f"{fieldname}:{term!r} has weight {weight}")
        ids.append(docnum)
        matcher.next()
    return ids


def _damaged(store: IndexStore, name: str, what: str, exc: Exception) -> IndexDamaged:
    return IndexDamaged(
        f"The search index at {store.root / name} is unreadable: {what} "
        f"({type(exc).__name__}: {exc}). {FIX}"
    )


class Damage:
    """The last failure to read the index, and the state of its files then. While the files
    are as they were, ``check`` raises that failure again at once."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._lock = threading.Lock()
        self._known: tuple[tuple, SearchUnavailable] | None = None

    def fingerprint(self) -> tuple:
        """Names, sizes and change times of the index's pointer and live generation: any
        commit, rebuild or restored file changes it. Costs two ``scandir`` calls."""
        entries = []
        try:
            name = (self.root / CURRENT).read_text(encoding="utf-8").strip()
        except OSError:
            name = ""
        for folder in (self.root, self.root / name) if name else (self.root,):
            try:
                with os.scandir(folder) as found:
                    for entry in found:
                        stat = entry.stat(follow_symlinks=False)
                        entries.append((folder.name, entry.name, stat.st_size, stat.st_mtime_ns))
            except OSError:
                entries.append((folder.name, None, 0, 0))
        return (name, tuple(sorted(entries, key=repr)))

    def check(self) -> None:
        with self._lock:
            known = self._known
        if known is None:
            return
        state, error = known
        if self.fingerprint() == state:
            raise type(error)(str(error))  # a fresh one: re-raising would grow its traceback
        with self._lock:
            if self._known is known:
                self._known = None

    def remember(self, before: tuple, error: SearchUnavailable) -> None:
        """Keep ``error`` if the files are as they were at the first failure (one caused by a
        writer replacing files meanwhile is not damage, and is tried again next time)."""
        if self.fingerprint() == before:
            with self._lock:
                self._known = (before, error)

    def forget(self) -> None:
        with self._lock:
            self._known = None
