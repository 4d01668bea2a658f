"""The search log: every search counted (one insert), so editors see what readers look for
and what finds nothing. No reader, no address: only the words, the filters and the count."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.http import QueryDict
from django.utils import timezone

from search.following.models import SearchLog, canonical_query

WEEKS_SHOWN = 8
PER_WEEK = 10


def record(sender=None, *, params: QueryDict, total: int, **kwargs) -> None:
    """Count one search (the first page of it: turning pages is not searching again)."""
    if not settings.SEARCH_LOG or params.get("page", "1") not in ("", "1"):
        return
    query = " ".join(params.get("q", "").split())[:2000]
    others = params.copy()
    others.pop("q", None)
    SearchLog.objects.create(query=query, filters=canonical_query(others)[:2000], results=total)


def prune(now: dt.datetime | None = None) -> int:
    """Delete entries older than the retention; returns how many went."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.SEARCH_LOG_RETENTION_DAYS)
    deleted, _ = SearchLog.objects.filter(searched__lt=cutoff).delete()
    return deleted


def by_week(*, found_nothing: bool, now: dt.datetime | None = None) -> list[dict]:
    """The most frequent searches of each recent week, newest week first: all of them, or
    only those that found nothing. One grouped query."""
    since = (now or timezone.now()) - dt.timedelta(weeks=WEEKS_SHOWN)
    entries = SearchLog.objects.filter(searched__gte=since)
    if found_nothing:
        entries = entries.filter(results=0)
    rows = (
        entries.annotate(week=TruncWeek("searched"))
        .values("week", "query", "filters")
        .annotate(times=Count("id"))
        .order_by("-week", "-times", "query", "filters")
    )
    weeks: dict[dt.date, list[dict]] = defaultdict(list)
    for row in rows:
        week = row["week"].date() if isinstance(row["week"], dt.datetime) else row["week"]
        if len(weeks[week]) < PER_WEEK:
            weeks[week].append(row)
    return [{"week": week, "searches": searches} for week, searches in weeks.items()]
