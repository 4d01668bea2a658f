"""Extraction on real Celery workers with a real Redis (started here on a free loopback
port, never a system service): an import through two workers, and a worker SIGKILLed in
the middle of an import, after which another finishes it with nothing lost or saved twice
and an index equal to the database. A throwaway site (SQLite and Whoosh), as in
``test_killed_import.py``; CI installs Debian's redis-server."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .sites import ROOT, manage, shell

STORIES = 24


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def broker(tmp_path):
    server = shutil.which("redis-server")
    if server is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install redis-server (.ci/run does)")
        pytest.skip("needs redis-server (apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
         "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def queued_site(site, broker) -> dict:
    return {
        **site,
        "DIPLOMACY_BROKER_URL": broker,
        "DIPLOMACY_QUEUE_STORIES_PER_TASK": "2",
        "DIPLOMACY_QUEUE_VISIBILITY_TIMEOUT": "2",  # a dead worker's task moves on soon
    }


class Worker:
    """``celery worker`` with one extraction process, in a process group of its own."""

    def __init__(self, env: dict, name: str, log: Path) -> None:
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "diplomacy", "worker", "-c", "1", "-n",
             f"{name}@%h", "-l", "info", "--without-gossip", "--without-mingle"],
            cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def tasks(self) -> tuple[int, int]:
        """(received, succeeded) so far, from its log."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return len(re.findall(r"\] received", text)), len(re.findall(r"\] succeeded", text))

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def workers(queued_site, tmp_path):
    started: list[Worker] = []

    def start(name: str) -> Worker:
        started.append(Worker(queued_site, name, tmp_path / f"{name}.log"))
        return started[-1]

    yield start
    for worker in started:
        worker.stop()


def story(n: int) -> dict:
    return {
        "id": f"wire-{n}",
        "date": f"2024-03-{n % 28 + 1:02d}T10:00:00+01:00",
        "text": (
            f"VIENNA (Reuters) - Negotiators met for round {n} of the talks.\n\n"
            f'"We made progress on item {n}," Foreign Minister Anna Berg told reporters.'
        ),
    }


def feed(tmp_path: Path) -> Path:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(story(n)) for n in range(STORIES)) + "\n")
    return path


def stored_bodies(env: dict) -> list[str]:
    code = (
        "import json; from search.models import Article; "
        "print(json.dumps(list(Article.objects.values_list('body', flat=True))))"
    )
    return json.loads(shell(env, code))


def assert_all_once_and_indexed(env: dict) -> None:
    assert sorted(stored_bodies(env)) == sorted(story(n)["text"] for n in range(STORIES))
    check = manage(env, "check_index", check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    status = manage(env, "import_status").stdout
    assert f"queued: 0, done: {STORIES}, already present: 0, failed: 0" in status


def test_an_import_through_two_workers_stores_and_indexes_every_story(
    queued_site, workers, tmp_path
):
    workers("one"), workers("two")
    run = manage(queued_site, "import_articles", "--queue", "--jsonl", str(feed(tmp_path)))
    assert run.stdout.strip() == (
        f"{STORIES} imported, 0 already present, 0 failed; not read from the feed: id"
    )
    assert_all_once_and_indexed(queued_site)
    dated = (
        "from search.models import Article; print(Article.objects.filter(published=None).count())"
    )
    assert shell(queued_site, dated) == "0"


def test_a_worker_killed_mid_import_loses_nothing_and_saves_nothing_twice(
    queued_site, workers, tmp_path
):
    doomed = workers("doomed")
    sent = manage(queued_site, "import_articles", "--queue", "--no-wait", "--jsonl",
                  str(feed(tmp_path)))  # fmt: skip
    assert f"{STORIES} queued for the workers" in sent.stdout
    deadline = time.monotonic() + 120
    while True:  # kill it while it holds a task it has not finished, after a few it has
        received, succeeded = doomed.tasks()
        if succeeded >= 2 and received > succeeded:
            break
        assert time.monotonic() < deadline, doomed.log.read_text()
        time.sleep(0.05)
    doomed.kill()
    left = int(shell(queued_site, "from search.models import QueuedStory as Q; "
                     "print(Q.objects.filter(status='queued').count())"))  # fmt: skip
    assert 0 < left < STORIES

    workers("heir")
    finished = manage(queued_site, "index_queue", "--until-done", "--timeout", "120", check=False)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert_all_once_and_indexed(queued_site)
