"""What the speaker page says about a person, read from their quotes: the roles they were
quoted in and when, the outlets that quote them, who is quoted beside them, and how many
quotes each year. Unknown dates stay unknown: they are counted apart, never given a year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Min
from django.db.models.functions import ExtractYear

from search.models import Quote, Speaker


@dataclass(frozen=True)
class RoleSeen:
    role: str
    first: dt.date | None  # first and last dated article quoting them in this role
    last: dt.date | None
    quotes: int


@dataclass(frozen=True)
class YearBar:
    year: int
    count: int
    x: int  # SVG geometry, in the chart's own units
    y: int
    height: int
    label_x: int


@dataclass(frozen=True)
class YearChart:
    bars: list[YearBar]
    undated: int
    width: int
    height: int
    baseline: int
    description: str  # every number in words, for screen readers

    @property
    def total(self) -> int:
        return sum(bar.count for bar in self.bars) + self.undated


def roles_seen(speaker: Speaker) -> list[RoleSeen]:
    rows = (
        speaker.quotes.exclude(role="")
        .values("role")
        .annotate(first=Min("article__published"), last=Max("article__published"), n=Count("id"))
        .order_by("-last", "role")
    )
    roles = [RoleSeen(r["role"], r["first"], r["last"], r["n"]) for r in rows]
    if speaker.role and speaker.role.casefold() not in {r.role.casefold() for r in roles}:
        roles.insert(0, RoleSeen(speaker.role, None, None, 0))
    return roles


def outlets(speaker: Speaker, limit: int = 10) -> list[dict]:
    """Outlets by how many of this person's quotes they carry."""
    return list(
        speaker.quotes.filter(article__source__isnull=False)
        .values("article__source__name")
        .annotate(n=Count("id"))
        .order_by("-n", "article__source__name")[:limit]
    )


def quoted_alongside(speaker: Speaker, limit: int = 8) -> list[Speaker]:
    """People quoted in the same articles, by how many articles they share."""
    articles = Quote.objects.filter(speaker=speaker).values("article_id")
    return list(
        Speaker.objects.filter(quotes__article_id__in=articles)
        .exclude(pk=speaker.pk)
        .annotate(shared=Count("quotes__article", distinct=True))
        .order_by("-shared", "name")[:limit]
    )


BAR, GAP, CHART_HEIGHT, TOP, BOTTOM = 36, 14, 160, 22, 26


def year_chart(speaker: Speaker) -> YearChart | None:
    per_year = {
        row["year"]: row["n"]
        for row in speaker.quotes.filter(article__published__isnull=False)
        .annotate(year=ExtractYear("article__published"))
        .values("year")
        .annotate(n=Count("id"))
        .order_by("year")
    }
    undated = speaker.quotes.filter(article__published__isnull=True).count()
    if not per_year and not undated:
        return None
    # Every year from the first to the last, so a gap shows as a gap.
    years = list(range(min(per_year), max(per_year) + 1)) if per_year else []
    peak = max(per_year.values(), default=1)
    plot = CHART_HEIGHT - TOP - BOTTOM
    baseline = CHART_HEIGHT - BOTTOM
    bars = []
    for i, year in enumerate(years):
        count = per_year.get(year, 0)
        height = round(plot * count / peak) if count else 0
        x = GAP + i * (BAR + GAP)
        bars.append(YearBar(year, count, x, baseline - height, height, x + BAR // 2))
    words = [f"{bar.year}: {bar.count}" for bar in bars]
    if undated:
        words.append(f"date unknown: {undated}")
    return YearChart(
        bars=bars,
        undated=undated,
        width=max(GAP + len(bars) * (BAR + GAP), 120),
        height=CHART_HEIGHT,
        baseline=baseline,
        description="Quotes per year. " + "; ".join(words) + ".",
    )
