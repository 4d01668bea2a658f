"""Where the index lives on disk, and how it is opened, written, swapped and repaired.

``PATH`` is a directory holding ``CURRENT`` (the name of the live generation) and one or more
``index-<timestamp>-<pid>`` generations. A rebuild writes a new generation beside the live one
and replaces ``CURRENT`` with ``os.replace``, so readers see either the old or the new index,
never half of one, and a rebuild that dies leaves the old index serving.

Segments are written with ``compound=False`` and read without mmap: opening a searcher then
costs about a millisecond instead of copying the index into memory, and a file truncated
under a reader gives an exception rather than a SIGBUS.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import pickle
import shutil
import struct
import time
from collections.abc import Iterable
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from ..base import SearchUnavailable
from .schema import make_schema

log = logging.getLogger(__name__)

CURRENT = "CURRENT"
JOURNAL = "rebuild.journal"
REBUILD_LOCK = "rebuild.lock"
OPEN_ATTEMPTS = 5  # a concurrent commit replaced the table of contents being read
FIX = "Run `python manage.py rebuild_index` to rebuild it from the database."


class IndexStore:
    def __init__(self, root: str | os.PathLike, lock_timeout: float = 10.0, retries: int = 3):
        self.root = Path(root)
        self.lock_timeout = float(lock_timeout)
        self.retries = retries
        self.schema = make_schema()

    # locating and opening

    def live_name(self) -> str:
        try:
            name = (self.root / CURRENT).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            if not self.root.exists():
                raise SearchUnavailable(
                    f"The search index at {self.root} is missing. {FIX}"
                ) from None
            raise SearchUnavailable(
                f"The search index at {self.root} is empty (no {CURRENT} file). {FIX}"
            ) from None
        except OSError as exc:
            raise SearchUnavailable(
                f"The search index at {self.root} is unreadable: {exc}. {FIX}"
            ) from exc
        if not name or "/" in name or name.startswith("."):
            raise SearchUnavailable(
                f"The search index pointer {self.root / CURRENT} is damaged. {FIX}"
            )
        return name

    def has_live(self) -> bool:
        return (self.root / CURRENT).exists()

    def create_if_absent(self) -> None:
        """First use: a missing PATH becomes an empty index. An existing but broken PATH is left
        alone so the damage is reported, not papered over."""
        if self.root.exists():
            return
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with self._rebuild_lock():
                if not (self.root / CURRENT).exists():
                    name = self._new_generation()
                    self._point_to(name)
        except OSError as exc:
            raise SearchUnavailable(
                f"Cannot create the search index at {self.root}: {exc}"
            ) from exc

    def open(self, name: str):
        """The whoosh index of generation ``name``; any failure is SearchUnavailable.

        Whoosh lists the directory for the newest table of contents and then reads it; a
        commit by another process in between deletes that file. That is a race, not damage,
        so the opening is tried again on the new listing (a few times, then it is damage)."""
        path = self.root / name
        try:
            storage = FileStorage(str(path), supports_mmap=False)
            for attempt in range(OPEN_ATTEMPTS):
                try:
                    return storage.open_index(schema=self.schema)
                except FileNotFoundError:
                    if attempt == OPEN_ATTEMPTS - 1:
                        raise
                    time.sleep(0.01 * (attempt + 1))
        except SearchUnavailable:
            raise
        except Exception as exc:  # whoosh raises many types for damaged files
            raise SearchUnavailable(
                f"The search index at {path} cannot be opened ({type(exc).__name__}: {exc}). {FIX}"
            ) from exc

    def file_sizes(self, name: str, segment_ids: Iterable[str]) -> dict[str, int]:
        """Sizes of the files of these segments of generation ``name``, by path."""
        prefixes = tuple(f"{segment_id}." for segment_id in segment_ids)
        sizes = {}
        with os.scandir(self.root / name) as entries:
            for entry in entries:
                if prefixes and entry.name.startswith(prefixes):
                    sizes[entry.path] = entry.stat().st_size
        return sizes

    @staticmethod
    def unchanged(sizes: dict[str, int]) -> bool:
        """Whether every file still has the size ``file_sizes`` found."""
        try:
            return all(os.stat(path).st_size == size for path, size in sizes.items())
        except OSError:
            return False

    # writing

    def writer(self, ix, **kwargs):
        """A writer holding the index lock, waiting ``lock_timeout`` per attempt and retrying
        with backoff, because imports and on-commit updates may queue for the one lock."""
        kwargs.setdefault("compound", False)
        delay = 0.05
        for attempt in range(self.retries):
            try:
                return ix.writer(timeout=self.lock_timeout, delay=0.05, **kwargs)
            except LockError:
                if attempt + 1 < self.retries:
                    time.sleep(delay)
                    delay *= 4
        waited = self.lock_timeout * self.retries
        raise SearchUnavailable(
            f"The search index at {self.root} stayed locked by another writer for {waited:.1f}s "
            "(an import or rebuild_index is probably running). The database change is saved; "
            "run `python manage.py check_index` afterwards to repair drift, or raise "
            "SEARCH_LOCK_TIMEOUT."
        )

    def journal(self, record: tuple) -> None:
        """While a rebuild runs, writes to the live index are also journalled so the rebuild
        can replay them into the new generation before swapping it in."""
        path = self.root / JOURNAL
        if not path.exists():
            return
        if not self._rebuild_running():  # left behind by a rebuild that was killed
            path.unlink(missing_ok=True)
            return
        data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
        with open(path, "ab") as f:
            f.write(struct.pack(">I", len(data)) + data)

    def read_journal(self) -> list[tuple]:
        path = self.root / JOURNAL
        records = []
        with contextlib.suppress(FileNotFoundError), open(path, "rb") as f:
            while header := f.read(4):
                (size,) = struct.unpack(">I", header)
                records.append(pickle.loads(f.read(size)))
        return records

    # rebuilding

    @contextlib.contextmanager
    def rebuilding(self):
        """Holds the rebuild lock and yields the name of a fresh, empty generation. The caller
        fills it; ``swap`` makes it live. On error the new generation is removed."""
        self.root.mkdir(parents=True, exist_ok=True)
        with self._rebuild_lock(blocking=False):
            (self.root / JOURNAL).write_bytes(b"")
            name = self._new_generation()
            try:
                yield name
            except BaseException:
                shutil.rmtree(self.root / name, ignore_errors=True)
                raise
            finally:
                with contextlib.suppress(FileNotFoundError):
                    (self.root / JOURNAL).unlink()

    def point_to(self, name: str) -> None:
        self._point_to(name)

    def remove_old(self, name: str) -> None:
        for old in self.root.glob("index-*"):
            if old.name != name:
                shutil.rmtree(old, ignore_errors=True)

    def _new_generation(self) -> str:
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        name = f"index-{stamp}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
        path = self.root / name
        path.mkdir()
        FileStorage(str(path), supports_mmap=False).create_index(self.schema)
        return name

    def _point_to(self, name: str) -> None:
        tmp = self.root / f".{CURRENT}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(name + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.root / CURRENT)

    def _rebuild_running(self) -> bool:
        try:
            with self._rebuild_lock(blocking=False):
                return False
        except SearchUnavailable:
            return True

    @contextlib.contextmanager
    def _rebuild_lock(self, blocking: bool = True):
        with open(self.root / REBUILD_LOCK, "a+b") as f:
            flags = fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB)
            try:
                fcntl.flock(f, flags)
            except BlockingIOError:
                raise SearchUnavailable(
                    f"Another rebuild of {self.root} is running; wait for it to finish."
                ) from None
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)
