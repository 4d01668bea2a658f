"""What the search page shows of a result set's activity: the timeline, each bar a link that
narrows the search to its period, and the speakers who say it most, each with the search
scoped to them and a small timeline on the same axis."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict

from search.engine import SearchResults, SpeakerActivity
from search.pages import facets, timeline


@dataclass(frozen=True)
class BarLink:
    bar: timeline.Bar
    url: str  # "" for an empty period: nothing to narrow to


@dataclass(frozen=True)
class SpeakerRow:
    speaker: SpeakerActivity
    speaker_url: str  # the speaker's own page
    search_url: str  # this search, scoped to the speaker
    spark: timeline.Timeline
    share: int  # percent of the result set's quotes


def context(params: QueryDict, results: SearchResults) -> dict:
    activity = results.activity
    if activity is None:
        return {}
    line = timeline.layout(activity.months, activity.undated)
    over = [bar.period for bar in line.bars]
    total = results.quotes.total
    bars = [
        BarLink(
            bar,
            facets.replace(
                params,
                **{
                    "from": bar.period.start.isoformat(),
                    "to": bar.period.end.isoformat(),
                    "page": None,
                },
            )
            if bar.count
            else "",
        )
        for bar in line.bars
    ]
    rows = [
        SpeakerRow(
            speaker=row,
            speaker_url=f"/speakers/{row.value}/",
            search_url=facets.replace(params, speaker=row.value, page=None),
            spark=timeline.layout(row.months, over=over),
            share=round(100 * row.count / total) if total else 0,
        )
        for row in activity.speakers
    ]
    return {"timeline": line, "timeline_bars": bars, "who_says": rows}
