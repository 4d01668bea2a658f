"""A bulk import's index checkpoints, written in a thread beside it: while one is written
(mostly waiting on Whoosh's writer processes) the import goes on saving chunks and feeding
the extraction workers, instead of leaving their cores idle. One checkpoint at a time, in
the order they came; the import waits for the last before it writes the rest."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.db import connections

from search.index.backlog import Backlog
from search.index.changes import Pending

log = logging.getLogger(__name__)


class Beside:
    def __init__(self, write: Callable[[Pending], bool]) -> None:
        self._write = write
        self._thread: threading.Thread | None = None
        self.seconds = 0.0  # spent writing in the thread
        self.unfinished: list[Backlog] = []  # parts whose write failed: left for the next run

    def start(self, pending: Pending, part: Backlog | None) -> float:
        """Write ``pending`` in the thread, then clear ``part`` (its backlog) once indexed.
        Returns the seconds spent waiting for the checkpoint before it."""
        waited = self.wait()
        self._thread = threading.Thread(
            target=self._run, args=(pending, part), name="index-checkpoint", daemon=True
        )
        self._thread.start()
        return waited

    def wait(self) -> float:
        """Wait for the checkpoint being written; returns the seconds waited."""
        started = time.perf_counter()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        return time.perf_counter() - started

    def _run(self, pending: Pending, part: Backlog | None) -> None:
        started = time.perf_counter()
        try:
            written = self._write(pending)  # never raises; a failure is logged
        finally:
            connections.close_all()  # this thread's own connections
            self.seconds += time.perf_counter() - started
        if part is None:
            return
        if not written:
            self.unfinished.append(part)
            return
        try:
            part.clear()
            part.remove()
        except OSError:
            log.exception("Removing an indexed part of the import backlog failed")
