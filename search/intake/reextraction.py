"""Run today's quote extractor over stored articles: after the rules improve, the stored
quotes catch up. Human corrections are kept (``Quote.corrected``), each article is
re-extracted in its own transaction, and the index follows in bulk. An article records the
rules that found its quotes, so a run that was killed is simply run again: it carries on with
the articles still on older rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from search.index import sync
from search.intake.speaker_changes import SpeakerChanges
from search.models import Article, Speaker
from search.quotes import EXTRACTOR_VERSION

BATCH = 200


@dataclass
class ReextractReport:
    articles: int = 0
    quotes: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)
    changes: SpeakerChanges = field(default_factory=SpeakerChanges)
    orphaned: int = 0  # speakers with quotes before the run and none after it


def select_articles(
    *, ids: Iterable[int] = (), since: dt.date | None = None, all_articles: bool = False
):
    """The articles a run covers: those named, those stored since a day, or all of them;
    unless named, only those whose quotes older rules found."""
    articles = Article.objects.order_by("pk")
    ids = list(ids)
    if ids:
        return articles.filter(pk__in=ids)
    if since is not None:
        articles = articles.filter(created__date__gte=since)
    elif not all_articles:
        raise ValueError("Name the articles, a day (since), or all of them.")
    return articles.exclude(extractor_version=EXTRACTOR_VERSION)


def reextract_articles(
    articles, *, progress: Callable[[int, int], None] | None = None
) -> ReextractReport:
    report = ReextractReport()
    pks = list(articles.values_list("pk", flat=True))
    with sync.bulk():
        for offset in range(0, len(pks), BATCH):
            for article in Article.objects.filter(pk__in=pks[offset : offset + BATCH]):
                try:
                    report.quotes += article.reextract_quotes(report.changes)
                except Exception as exc:  # one bad article must not stop the run
                    report.failed.append((article.pk, f"{type(exc).__name__}: {exc}"))
                    continue
                report.articles += 1
                if progress:
                    progress(report.articles + len(report.failed), len(pks))
    report.orphaned = _orphaned(report.changes.old_speakers)
    return report


def _orphaned(speaker_ids: set[int]) -> int:
    """Of the speakers the run's articles had, those left without any quote anywhere."""
    ids = sorted(speaker_ids)
    kept = 0
    for offset in range(0, len(ids), 500):
        chunk = ids[offset : offset + 500]
        kept += Speaker.objects.filter(pk__in=chunk, quotes__isnull=False).distinct().count()
    return len(ids) - kept
