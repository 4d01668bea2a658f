"""The Reuters corpus as the benchmarks read it, and as the feed files ``import_articles
--jsonl`` takes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl.gz"


def read_stories(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def write_feed(path: Path, stories: list[dict], edition: str = "") -> None:
    """One feed object per story; ``edition`` is appended to every body (a new edition of a
    story already imported is imported again, not found already present)."""
    with path.open("w", encoding="utf-8") as feed:
        for s in stories:
            item = {
                "title": s["title"].title(),
                "body": s["body"] + edition,
                "published": s["date"],
                "source": s["source"],
            }
            feed.write(json.dumps(item) + "\n")
