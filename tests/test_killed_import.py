"""An import killed with SIGKILL, at any point, and run again finishes everything: every
article stored exactly once and an index equal to the database, stale documents included
(the quotes of a speaker whose aliases the killed run changed). Real processes on a real
SQLite file and index; nothing here uses the test database."""

import json
import signal
from pathlib import Path

import pytest

from .sites import manage, shell

NICKNAMES = ["Annie", "Anja", "Ania", "Anka", "Annette", "Anni", "Anushka", "Anne"]

# Runs the import in a child that SIGKILLs itself at one point, chosen by ``hook``, after
# printing where; the index chunks are small so the index is written several times on the way.
KILLER = """
import os, signal
from django.core.management import call_command
from search import models
from search.intake import ingest
from search.index import backlog, documents, sync
from search.engine.whoosh import writing

documents.CHUNK = sync.BULK_CHUNK = 150
calls = {{"n": 0}}

def die(where):
    print("KILLED " + where, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

def on_call(n, where, owner, name):
    original = getattr(owner, name)
    def wrapper(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == n:
            die(where)
        return original(*args, **kwargs)
    setattr(owner, name, wrapper)

def during_index_write(n, kind, where):
    original = writing.apply
    def wrapper(writer, record):
        op, articles, quotes = record
        if op == kind:
            calls["n"] += 1
        if calls["n"] >= n and op == kind and quotes:
            original(writer, (op, articles[: len(articles) // 2], quotes[: len(quotes) // 2]))
            die(where)
        original(writer, record)
    writing.apply = wrapper

def settled_before_each_chunk():
    # The checkpoint before is then written before the next chunk commits, so it cannot
    # read that chunk's alias changes and index them early: the kill leaves them stale.
    original = ingest._save_chunk
    def wrapper(*args, **kwargs):
        sync.settle()
        return original(*args, **kwargs)
    ingest._save_chunk = wrapper

{hook}
call_command("import_articles", "--jsonl", {feed!r}, verbosity=0)
"""

KILL_POINTS = {
    "between two chunks": 'on_call(4, "between two chunks", ingest, "_finish")',
    "inside a transaction": 'on_call(200, "inside a transaction", models.Article, "quotes_from")',
    "before an index write": (
        'settled_before_each_chunk(); on_call(2, "before an index write", sync, "reindex")'
    ),
    "while new documents are written": (
        'during_index_write(2, "add", "while new documents are written")'
    ),
    "while changed documents are written": (
        'during_index_write(2, "update", "while changed documents are written")'
    ),
    "before its backlog is cleared": (
        'on_call(1, "before its backlog is cleared", backlog.Backlog, "clear")'
    ),
}
# Where the killed run has committed alias changes it never indexed.
LEAVES_STALE = {"before an index write", "while changed documents are written"}


def earlier(n: int) -> dict:
    return {
        "title": f"Talks round {n}",
        "body": (
            f"VIENNA, March {n % 28 + 1} (Reuters) - Negotiators met for round {n} of the "
            f'talks on Tuesday.\n\n"We made progress on item {n}," Foreign Minister Anna '
            f"Berg told reporters.\n\nOfficials said the round {n} had been constructive."
        ),
        "published": f"2024-03-{n % 28 + 1:02d}",
        "source": "Reuters",
    }


def later(n: int) -> dict:
    nickname = NICKNAMES[n * len(NICKNAMES) // 600]  # a new alias every 75 stories
    return {
        "body": (
            f"GENEVA, April {n % 30 + 1} (Reuters) - The talks went on for day {n}.\n\n"
            f'"Talks go on in round {n}," said Anna Berg, known as {nickname} Berg. '
            f'"Item {n} is next," {nickname} Berg said.'
        ),
        "year": 2024,
    }


def write_feed(path: Path, stories: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(s) for s in stories) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_rerun_after_a_killed_import_finishes_everything(site, tmp_path, point):
    first = write_feed(tmp_path / "first.jsonl", [earlier(n) for n in range(40)])
    feed = write_feed(tmp_path / "feed.jsonl", [later(n) for n in range(600)])
    manage(site, "import_articles", "--jsonl", str(first))

    code = KILLER.format(hook=KILL_POINTS[point], feed=str(feed))
    killed = manage(site, "shell", "-c", code, check=False)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert f"KILLED {point}" in killed.stdout  # it died where this test meant it to
    count = "from search.models import Article; print(Article.objects.count())"
    assert 40 < int(shell(site, count)) < 640
    if point in LEAVES_STALE:
        check = manage(site, "check_index", check=False)
        assert check.returncode == 1
        assert "Stale in the index: none" not in check.stdout

    rerun = manage(site, "import_articles", "--jsonl", str(feed), check=False)
    assert rerun.returncode == 0, rerun.stderr
    check = manage(site, "check_index", check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    stored = shell(
        site,
        "import json; from search.models import Article; "
        "print(json.dumps(list(Article.objects.values_list('body', flat=True))))",
    )
    bodies = json.loads(stored)
    expected = [earlier(n)["body"] for n in range(40)] + [later(n)["body"] for n in range(600)]
    assert sorted(bodies) == sorted(expected)  # every article exactly once
