"""The extractor's results, and the spans it works with on the way."""

from __future__ import annotations

from dataclasses import dataclass

from search.quotes.cast import Person

# How a quote's speaker was found, stored per quote and counted in the extractor's output:
# the cue names them in full ("Foreign Minister Jeyhun Bayramov said"), by surname
# ("Bayramov said"), by a role noun ("the minister said"), by a pronoun ("he said"); an
# organisation speaks ("the ministry said", "the Kremlin said"); or a quote with no cue of its
# own carries on the previous quote's speaker. "" when nobody was found.
NAMED, SURNAME, ROLE, PRONOUN, ORGANISATION, CARRIED = (
    "named",
    "surname",
    "role",
    "pronoun",
    "organisation",
    "carried",
)
ATTRIBUTIONS = (NAMED, SURNAME, ROLE, PRONOUN, ORGANISATION, CARRIED)


@dataclass(frozen=True)
class ExtractedSpeaker:
    name: str
    kind: str  # "person" | "organisation"
    role: str
    aliases: tuple[str, ...]
    # The name an article calls them by alone: the last word, but an East Asian family name
    # written first ("Li" for Li Wenhao); "" for an organisation.
    surname: str = ""


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
    attribution: str = ""  # one of ATTRIBUTIONS, or "" when the quote has no speaker


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
    # How ``person`` was found (one of ATTRIBUTIONS), set by the resolver.
    how: str = ""


@dataclass
class Span:
    start: int
    end: int
    kind: str
    cue: Cue | None = None
    carried: bool = False  # the cue is the previous quote's: this one has none of its own
    title: bool = False  # the name of a show, a book or a law in quotation marks: no quote
