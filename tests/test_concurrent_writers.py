"""Several processes import, edit and search at once; afterwards every article is there
exactly once and the index matches the database. Real processes on a real SQLite file and
index, as in production; nothing here uses the test database."""

import json
import signal
import time
from pathlib import Path

from search.engine.whoosh import WhooshBackend

from .sites import manage, shell, start


def story(n: int) -> dict:
    return {
        "title": f"Talks round {n}",
        "body": (
            f"VIENNA, March {n % 28 + 1} (Reuters) - Negotiators met for round {n} of the "
            f'talks on Tuesday.\n\n"We made progress on item {n}," Foreign Minister Anna '
            f"Berg told reporters. She said that a further meeting {n} would follow.\n\n"
            f"Officials said the round {n} had been constructive."
        ),
        "published": f"1987-03-{n % 28 + 1:02d}",
        "source": "Reuters",
    }


def wait_for(found, seconds: float = 120):
    """What ``found()`` returns once it is truthy, polling; falsy if it never is."""
    deadline = time.monotonic() + seconds
    while not (result := found()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return result


SEARCHER = """
import time
from search.engine import SearchRequest, get_backend
from search.query import parse
done = 0
end = time.monotonic() + {seconds}
while time.monotonic() < end:
    get_backend().search(SearchRequest(query=parse("progress")))
    done += 1
print(done)
"""

EDITOR = """
from search.models import Article, Speaker
for round in range(3):
    for article in Article.objects.order_by("pk")[:15]:
        article.title = article.title + "."
        article.save()
    for speaker in Speaker.objects.all()[:3]:
        speaker.role = "Foreign Minister " + str(round)
        speaker.save()
    for article in Article.objects.order_by("-pk")[:5]:
        article.reextract_quotes()
print("edited")
"""


def test_parallel_imports_edits_and_searches_lose_nothing(site, tmp_path):
    feeds = []
    for part in range(3):
        feed = tmp_path / f"feed{part}.jsonl"
        # The parts overlap, so the same story arrives from two processes at once.
        lines = [json.dumps(story(n)) for n in range(part * 40, part * 40 + 60)]
        feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
        feeds.append(feed)
    manage(site, "import_articles", "--jsonl", str(feeds[0]))

    workers = [start(site, "import_articles", "--jsonl", str(f)) for f in feeds[1:]]
    workers.append(start(site, "shell", "-c", EDITOR))
    workers.append(start(site, "shell", "-c", SEARCHER.format(seconds=8)))
    for worker in workers:
        out, err = worker.communicate(timeout=600)
        assert worker.returncode == 0, err[-2000:]
        assert "Traceback" not in err and "database is locked" not in err

    distinct = len({story(n)["body"] for n in range(0, 140)})
    assert shell(site, "from search.models import Article; print(Article.objects.count())") == str(
        distinct
    )
    check = manage(site, "check_index", check=False)
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_killed_rebuild_leaves_the_old_index_serving(site, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(story(n)) for n in range(300)) + "\n", encoding="utf-8")
    manage(site, "import_articles", "--jsonl", str(feed))
    search = (
        "from search.engine import SearchRequest, get_backend; from search.query import parse; "
        "print(get_backend().search(SearchRequest(query=parse('negotiators'))).articles.total)"
    )
    assert shell(site, search) == "300"

    root = Path(site["SEARCH_INDEX_DIR"])
    live = (root / "CURRENT").read_text(encoding="utf-8").strip()
    # Hold the live generation's writer lock: the rebuild writes its whole new generation and
    # then waits for this lock to swap it in, so the kill lands inside the rebuild, at its
    # most delicate moment, however fast this machine is.
    holder = WhooshBackend({"PATH": str(root)})
    writer = holder.store.writer(holder.store.open(live))
    try:
        rebuild = start(site, "rebuild_index", "--quiet")
        built = wait_for(
            lambda: [p for p in root.glob("index-*/_MAIN_1.toc") if live not in str(p)]
        )
        assert built, "the rebuild never committed its new generation"
        assert rebuild.poll() is None  # still waiting to swap
        rebuild.kill()
        assert rebuild.wait(timeout=60) == -signal.SIGKILL
    finally:
        writer.cancel()
        holder.close()
    assert (root / "CURRENT").read_text(encoding="utf-8").strip() == live  # never swapped
    assert (root / "rebuild.journal").exists()  # and never reached its clean-up
    assert shell(site, search) == "300"

    manage(site, "rebuild_index", "--quiet")
    assert shell(site, search) == "300"
    assert manage(site, "check_index", check=False).returncode == 0
