"""Quote extraction on every core, for bulk imports. Pure Python.

Workers are started once and kept for the whole import, because the extractor may load a
language model the first time it runs in a process; work goes to them in chunks of
articles, so each round trip carries enough text to be worth it. A small job never starts
a pool: it runs here.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor

from search.quotes import Extraction, extract

CHUNK = 64  # articles per piece of work sent to a worker (and per transaction on import)
AHEAD = 3  # pieces in flight per worker, so that no worker waits for the importer
# An import lets more run ahead: while it writes an index checkpoint (seconds of work in
# this process) the workers go on extracting instead of leaving their cores idle.
IMPORT_AHEAD = 8


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extract_all(texts: list[str]) -> tuple[list[Extraction], float]:
    """The extractions of ``texts``, and the seconds they took in the worker."""
    started = time.perf_counter()
    return [extract(text) for text in texts], time.perf_counter() - started


def _follow_parent(parent: int) -> None:
    """Run in each worker: exit when the importing process is gone. A worker of a killed
    import would otherwise wait for work for ever (it holds the queue's pipe open itself)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="follow-parent").start()


class ExtractionPool:
    """``submit(texts)`` returns a future of ``extract_all(texts)``. The first chunk
    is extracted in this process; the pool starts with the second, so a handful of articles
    costs no process start."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers if workers is not None else cores()
        self._pool: ProcessPoolExecutor | None = None
        self._submitted = 0

    def submit(self, texts: list[str]) -> Future:
        self._submitted += 1
        if self.workers > 1 and self._submitted > 1 and self._pool is None:
            # fork shares what this process has loaded; elsewhere the default start method
            context = (
                multiprocessing.get_context("fork")
                if "fork" in multiprocessing.get_all_start_methods()
                else None
            )
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_follow_parent,
                initargs=(os.getpid(),),
            )
        if self._pool is None:
            done: Future = Future()
            try:
                done.set_result(extract_all(texts))
            except Exception as exc:
                done.set_exception(exc)
            return done
        return self._pool.submit(extract_all, texts)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
