"""The extractor's results, and the spans it works with on the way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.quotes.speakers import Person


@dataclass(frozen=True)
class ExtractedSpeaker:
    name: str
    kind: str  # "person" | "organisation"
    role: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class ExtractedQuote:
    text: str
    start: int
    end: int
    kind: str  # "direct" | "indirect" | "mixed"
    speaker: str | None
    role: str
    cue: str
    cue_start: int | None
    cue_end: int | None
    mention: str


@dataclass(frozen=True)
class Extraction:
    quotes: tuple[ExtractedQuote, ...]
    speakers: tuple[ExtractedSpeaker, ...]


@dataclass
class Cue:
    """The words that attribute a quote: a reporting verb and who it says spoke."""

    start: int
    end: int
    mention: str  # how the text names the speaker: "he", "the ambassador", "Bocharnikov"
    mention_start: int
    verb: str
    person: Person | None = None
    # What the parse says the mention names when its head is a common noun: "organisation",
    # "role" or "unnamed"; "" leaves it to the mention's words.
    hint: str = ""
    # Where the reporting verb starts, when it is known; -1 when not.
    verb_start: int = -1


@dataclass
class Span:
    start: int
    end: int
    kind: str
    cue: Cue | None = None
