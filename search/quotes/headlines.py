"""Headlines that give a body's words after its name and a colon: "Kremlin: Putin's
attendance at summit under consideration", "Azerbaijani Foreign Ministry: statement by
Armenian speaker "contradicts peace agenda"", and a person of the cast by name and title
("Georgian FM Levan Tsiklauri: Tbilisi ready to host talks"). A country or a topic before
the colon ("JAPAN: TRADE SURPLUS RISES") labels the story.

Pure functions over strings; nothing here imports Django.
"""

from __future__ import annotations

import re

from search.quotes.cast import ORGANISATION_NAME, Person
from search.quotes.reported import Reported
from search.quotes.spans import Cue

MAX_HEADLINE = 200  # characters; a longer first line is the story's first paragraph
HEADLINE_SOURCE = re.compile(r"(?P<who>[^:\n]{2,80}?):[ \t]+(?P<what>[^\n]+?)[.\s]*$")


def headline_source(text: str, people: list[Person]) -> Reported | None:
    """The words a body says in the headline, with the cue naming it, or None. The headline
    is the first line when a line break ends it; what follows the colon has three words or
    more and is not written in capitals throughout."""
    end = text.find("\n")
    if not 0 < end < MAX_HEADLINE:
        return None
    m = HEADLINE_SOURCE.match(text, 0, end)
    if not m or m["who"].isupper() or m["what"].isupper() or len(m["what"].split()) < 3:
        return None
    who = m["who"].strip()
    person = _names_a_person(who, people)
    if not person and not _names_a_body(who, people):
        return None
    start = m.start("who") + m["who"].index(who)
    cue = Cue(
        start=start,
        end=m.end("who") + 1,
        mention=who,
        mention_start=start,
        verb=":",
        hint="" if person else "organisation",
    )
    return Reported(m.start("what"), m.end("what"), cue)


def _names_a_person(who: str, people: list[Person]) -> bool:
    """Whether the words before the colon are a person of the cast by name, after their
    title ("Georgian FM Levan Tsiklauri: Tbilisi ready to host talks")."""
    return any(
        p.kind == "person" and " " in p.name and (who == p.name or who.endswith(" " + p.name))
        for p in people
    )


def _names_a_body(who: str, people: list[Person]) -> bool:
    """Whether the words before the colon are a body's whole name: one the story's cast
    holds, or a body's name by its form ("the Ministry of Energy")."""
    bare = re.sub(r"^the\s+", "", who, flags=re.I)
    if any(p.kind == "organisation" and bare in (p.name, *p.aliases) for p in people):
        return True
    found = ORGANISATION_NAME.fullmatch(bare)
    return found is not None and any(w[:1].isupper() for w in bare.split())
