"""A result set's quotes over time as bars: by month when the dates span three years or less,
by year when they span more. Pure Python; the page draws the bars as SVG and links each to
the search narrowed to its period."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

Unit = Literal["month", "year"]
MONTHS_UP_TO = 36  # a span of more months is drawn by year
BAR_STEP = 10  # SVG units per bar; bars are 8 wide with a gap of 2
HEIGHT = 100  # SVG units of the tallest bar


class Counted(Protocol):
    start: dt.date  # the first day of a month
    count: int


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    unit: Unit

    @property
    def key(self) -> str:
        """ "2019-03" or "2019", for element ids."""
        return self.start.strftime("%Y-%m") if self.unit == "month" else str(self.start.year)

    @property
    def label(self) -> str:
        return self.start.strftime("%b %Y") if self.unit == "month" else str(self.start.year)

    @property
    def long_label(self) -> str:
        return self.start.strftime("%B %Y") if self.unit == "month" else str(self.start.year)


@dataclass(frozen=True)
class Bar:
    period: Period
    count: int
    x: int  # SVG geometry in a box BAR_STEP * len(bars) wide and HEIGHT high
    y: int
    height: int


@dataclass(frozen=True)
class Timeline:
    unit: Unit | None  # None when nothing is dated
    bars: tuple[Bar, ...]
    undated: int
    peak: int

    @property
    def filled(self) -> tuple[Bar, ...]:
        """The bars with quotes: the only ones drawn in a small timeline."""
        return tuple(bar for bar in self.bars if bar.count)

    @property
    def dated(self) -> int:
        return sum(bar.count for bar in self.bars)

    @property
    def width(self) -> int:
        return BAR_STEP * len(self.bars)

    @property
    def height(self) -> int:
        return HEIGHT


def periods(first: dt.date, last: dt.date) -> list[Period]:
    """Every month (or year) from ``first``'s to ``last``'s, empty ones included, so the
    bars are a true time axis."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months <= MONTHS_UP_TO:
        out, year, month = [], first.year, first.month
        for _ in range(months):
            end_day = calendar.monthrange(year, month)[1]
            out.append(Period(dt.date(year, month, 1), dt.date(year, month, end_day), "month"))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out
    return [
        Period(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
        for y in range(first.year, last.year + 1)
    ]


def frame(months: Sequence[Counted]) -> list[Period]:
    """The periods that cover these monthly counts (none when there are none)."""
    dated = [m.start for m in months if m.count]
    return periods(min(dated), max(dated)) if dated else []


def layout(months: Iterable[Counted], undated: int = 0, over: list[Period] | None = None):
    """Bars for monthly counts, over the periods ``over`` (by default, their own range);
    counts outside those periods are left out."""
    months = list(months)
    over = frame(months) if over is None else over
    counts = [0] * len(over)
    if over:
        index = {
            (p.start.year, p.start.month if p.unit == "month" else 1): i for i, p in enumerate(over)
        }
        by_year = over[0].unit == "year"
        for m in months:
            i = index.get((m.start.year, 1 if by_year else m.start.month))
            if i is not None:
                counts[i] += m.count
    peak = max(counts, default=0)
    bars = []
    for i, (period, count) in enumerate(zip(over, counts, strict=True)):
        height = round(HEIGHT * count / peak) if peak else 0
        if count and height < 2:
            height = 2  # a single quote among thousands is still visible
        bars.append(Bar(period, count, x=i * BAR_STEP + 1, y=HEIGHT - height, height=height))
    return Timeline(over[0].unit if over else None, tuple(bars), undated, peak)
