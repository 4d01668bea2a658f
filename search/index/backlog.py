"""The backlog of a ``bulk()`` block: the ids it changed and has not indexed yet, kept in
a file so that an import that is killed leaves them for the next one."""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

from search.engine import get_backend
from search.index.changes import Pending

log = logging.getLogger(__name__)


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

    def rotate(self) -> Backlog | None:
        """Go on in a new file, and return what this one held as a backlog of its own, to
        be cleared once a checkpoint written beside the import has indexed it; None (and
        this file kept) when no new file can be opened."""
        fresh = Backlog.open()
        if fresh is None:
            return None
        held = Backlog(self.path, self.file)
        self.path, self.file = fresh.path, fresh.file
        return held

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
