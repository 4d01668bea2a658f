"""Checking the index against the database, repairing the difference and rebuilding it
whole: what ``check_index`` and ``rebuild_index`` run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from search.engine import get_backend
from search.index.documents import article_documents, quote_documents
from search.index.sync import reindex
from search.models import Article, Quote


@dataclass
class Drift:
    """How the index differs from the database, by document type ("article", "quote")."""

    missing: dict[str, list[int]]  # in the database, not in the index
    stale: dict[str, list[int]]  # indexed with an older version
    orphans: dict[str, list[int]]  # in the index, no longer in the database
    counts: dict[str, int]  # documents the database holds

    @property
    def clean(self) -> bool:
        return not any(
            ids for kind in (self.missing, self.stale, self.orphans) for ids in kind.values()
        )


def expected_versions() -> dict[str, dict[int, str]]:
    """The version every document should have, from the database."""
    return {
        "article": {doc["id"]: doc["version"] for doc in article_documents()},
        "quote": {doc["id"]: doc["version"] for doc in quote_documents()},
    }


def check_index() -> Drift:
    """Compare the index with the database. Raises ``SearchUnavailable`` if it can't be read."""
    stored = get_backend().stored_versions()
    expected = expected_versions()
    drift = Drift({}, {}, {}, {})
    for kind, versions in expected.items():
        indexed = stored.get(kind, {})
        drift.missing[kind] = sorted(set(versions) - set(indexed))
        drift.stale[kind] = sorted(
            i for i, v in versions.items() if i in indexed and indexed[i] != v
        )
        drift.orphans[kind] = sorted(set(indexed) - set(versions))
        drift.counts[kind] = len(versions)
    return drift


def repair(drift: Drift) -> int:
    """Re-index the missing and stale documents and delete the orphans; returns how many
    documents were touched. Raises what the backend raises."""
    ids = {
        kind: set(drift.missing.get(kind, ()))
        | set(drift.stale.get(kind, ()))
        | set(drift.orphans.get(kind, ()))
        for kind in ("article", "quote")
    }
    written, deleted = reindex(ids["article"], ids["quote"])
    return written + deleted


def rebuild_index(progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Build the whole index again from the database and swap it in; searches keep using the
    old one meanwhile. Returns the documents indexed by type."""
    counts = {"article": Article.objects.count(), "quote": Quote.objects.count()}
    written = Counter()

    def documents(docs, kind):
        for doc in docs:
            written[kind] += 1
            yield doc

    get_backend().rebuild(
        documents(article_documents(), "article"),
        documents(quote_documents(), "quote"),
        total=sum(counts.values()),
        progress=progress,
    )
    return {"article": written["article"], "quote": written["quote"]}
