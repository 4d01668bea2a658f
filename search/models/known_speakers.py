"""An import's cache of the speakers it has met, and of the names it may create without
asking the database whether anyone stored goes by them."""

from __future__ import annotations

from collections.abc import Iterable

from search.text.speaker_matching import variant_key

from .names import normalise_name
from .speakers import Speaker, SpeakerAlias


def _keys(name: str) -> set[str]:
    """What ``Speaker.matching`` compares a name by: its key and its variant key."""
    return {normalise_name(name), variant_key(name)[:200]}


class KnownSpeakers(dict):
    """Speakers by the name the extractor gave, over one import (``Speaker.for_extracted``).

    ``prime(names)``, inside a chunk's transaction, asks the database in four queries
    which of the names' keys any stored speaker or alias has; a name none of whose keys
    is taken is ``surely_new`` until the chunk's end, so creating its speaker skips the
    five look-ups ``matching`` would make and find nothing with. Every speaker saved
    meanwhile is ``noted``: its keys are taken from then on."""

    CHUNK = 400  # keys per query, well under SQLite's bound on parameters

    def __init__(self) -> None:
        super().__init__()
        self.primed: set[str] = set()
        self.taken: set[str] = set()

    def prime(self, names: Iterable[str]) -> None:
        self.primed = {n for n in names if n not in self}
        self.taken = set()
        keys = sorted(set().union(*(_keys(n) for n in self.primed)))
        for start in range(0, len(keys), self.CHUNK):
            part = keys[start : start + self.CHUNK]
            for model in (Speaker, SpeakerAlias):
                rows = model.objects.order_by()
                self.taken.update(rows.filter(name_key__in=part).values_list("name_key", flat=True))
                self.taken.update(
                    rows.filter(variant_key__in=part).values_list("variant_key", flat=True)
                )

    def surely_new(self, name: str) -> bool:
        return name in self.primed and not _keys(name) & self.taken

    def note(self, speaker: Speaker, names: Iterable[str]) -> None:
        for name in (speaker.name, *names):
            self.taken |= _keys(name)

    def clear(self) -> None:
        super().clear()
        self.primed, self.taken = set(), set()
