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
    five look-ups ``matching`` would make and find nothing with. It asks the same of the
    slugs the names would get: a name whose slug no stored speaker has gets it as its
    ``free_slug``, and creating its speaker asks no more. Every speaker saved meanwhile is
    ``noted``: its keys and slug are taken from then on."""

    CHUNK = 400  # keys per query, well under SQLite's bound on parameters

    def __init__(self) -> None:
        super().__init__()
        self.primed: set[str] = set()
        self.taken: set[str] = set()
        self.slugs: dict[str, str] = {}  # primed names by the slug they would get
        self.taken_slugs: set[str] = set()

    def prime(self, names: Iterable[str]) -> None:
        self.primed = {n for n in names if n not in self}
        self.taken = set()
        keys = sorted(set().union(*(_keys(n) for n in self.primed)))
        for part in _parts(keys, self.CHUNK):
            for model in (Speaker, SpeakerAlias):
                rows = model.objects.order_by()
                self.taken.update(rows.filter(name_key__in=part).values_list("name_key", flat=True))
                self.taken.update(
                    rows.filter(variant_key__in=part).values_list("variant_key", flat=True)
                )
        self.slugs = {n: Speaker.base_slug(n) for n in self.primed}
        self.taken_slugs = set()
        for part in _parts(sorted(set(self.slugs.values())), self.CHUNK):
            rows = Speaker.objects.order_by().filter(slug__in=part)
            self.taken_slugs.update(rows.values_list("slug", flat=True))

    def surely_new(self, name: str) -> bool:
        return name in self.primed and not _keys(name) & self.taken

    def free_slug(self, name: str) -> str:
        """The slug a new speaker of this name may take without asking; "" to ask."""
        slug = self.slugs.get(name, "")
        return "" if slug in self.taken_slugs else slug

    def note(self, speaker: Speaker, names: Iterable[str]) -> None:
        for name in (speaker.name, *names):
            self.taken |= _keys(name)
        self.taken_slugs.add(speaker.slug)

    def clear(self) -> None:
        super().clear()
        self.primed, self.taken = set(), set()
        self.slugs, self.taken_slugs = {}, set()


def _parts(values: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
