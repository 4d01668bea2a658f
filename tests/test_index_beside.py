"""Checkpoints written in a thread beside a bulk import: one at a time, in order, and a
part of the backlog is cleared only once the index holds it."""

import threading
import time

from search.index.backlog import Backlog
from search.index.beside import Beside
from search.index.changes import Pending


def noted(*article_ids: int) -> tuple[Backlog, Backlog]:
    """A backlog that noted these articles, rotated: (the one going on, the part held)."""
    backlog = Backlog.open()
    backlog.note(Pending(articles=set(article_ids)))
    return backlog, backlog.rotate()


def left_behind() -> dict:
    return {path.name: pending.articles for path, pending in Backlog.left_behind()}


def test_an_indexed_checkpoint_clears_its_part_of_the_backlog_and_no_more():
    backlog, part = noted(1)
    backlog.note(Pending(articles={2}))  # after the checkpoint began: not indexed by it
    beside = Beside(lambda pending: True)
    beside.start(Pending(articles={1}), part)
    beside.wait()
    assert not part.path.exists()
    backlog.release()  # as when the import is killed now
    assert left_behind() == {backlog.path.name: {2}}


def test_a_failed_checkpoint_leaves_its_part_for_the_next_import():
    backlog, part = noted(1)
    beside = Beside(lambda pending: False)
    beside.start(Pending(articles={1}), part)
    beside.wait()
    assert beside.unfinished == [part]
    backlog.remove()
    part.release()  # what the end of the bulk block does with it
    assert left_behind() == {part.path.name: {1}}


def test_checkpoints_are_written_one_at_a_time_in_the_order_they_came():
    written, running = [], threading.Lock()

    def write(pending: Pending) -> bool:
        assert running.acquire(blocking=False), "two checkpoints written at once"
        time.sleep(0.05)
        written.extend(sorted(pending.articles))
        running.release()
        return True

    beside = Beside(write)
    for article_id in (1, 2, 3):
        beside.start(Pending(articles={article_id}), None)
    beside.wait()
    assert written == [1, 2, 3]
