"""What a re-extraction changed about who said what, tallied as it goes: an editor judging a
new extractor needs to know how many quotes moved between speakers, not only how many there
are. Old and new quotes are matched by article and exact span; the tally keeps one set of
speaker ids per speaker, never the quotes, so a run over the whole corpus stays cheap."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

# (start, end, speaker id or None) for one quote the extractor (not an editor) stored.
Row = tuple[int, int, int | None]


@dataclass
class SpeakerChanges:
    changed: int = 0  # same span, another speaker
    gained: int = 0  # same span, a speaker where there was none
    lost: int = 0  # same span, no speaker where there was one
    added: int = 0  # a span the old rules did not find
    removed: int = 0  # a span the new rules no longer find
    old_speakers: set[int] = field(default_factory=set)
    _now_under: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    _was_under: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))

    def record(self, old: Iterable[Row], new: Iterable[Row]) -> None:
        """Compare one article's quotes before and after."""
        before = {(start, end): speaker for start, end, speaker in old}
        after = {(start, end): speaker for start, end, speaker in new}
        self.old_speakers.update(s for s in before.values() if s is not None)
        self.added += len(after.keys() - before.keys())
        self.removed += len(before.keys() - after.keys())
        for span in before.keys() & after.keys():
            was, now = before[span], after[span]
            if was is None and now is not None:
                self.gained += 1
            elif was is not None and now is None:
                self.lost += 1
            elif was != now:
                self.changed += 1
            if was is not None and now is not None:
                self._now_under[was].add(now)
                self._was_under[now].add(was)

    @property
    def merged(self) -> int:
        """New speakers holding matched quotes of two or more old speakers."""
        return sum(1 for olds in self._was_under.values() if len(olds) > 1)

    @property
    def split(self) -> int:
        """Old speakers whose matched quotes now sit under two or more speakers."""
        return sum(1 for news in self._now_under.values() if len(news) > 1)
