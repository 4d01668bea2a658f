"""Headlines that give a source's words after its name and a colon: "Kremlin: Putin's
attendance at summit under consideration", "Azerbaijani Foreign Ministry: statement by
Armenian speaker "contradicts peace agenda"", "Georgian FM Levan Tsiklauri: Tbilisi ready to
host talks"; before a dash ("... - deputy FM") or "says" ("'No ceasefire,' says Sudan
envoy", "Georgia ready to host talks, deputy FM says"). The source is a body, a person of
the cast or a title alone, resolved later against the story. A country or a topic before
the colon ("JAPAN: TRADE SURPLUS RISES") labels the story.

Pure functions over strings; nothing here imports Django.
"""

from __future__ import annotations

import re

from search.quotes.cast import ORGANISATION_NAME, Person
from search.quotes.names import full_name_in, only_a_role
from search.quotes.reported import Reported
from search.quotes.spans import Cue

MAX_HEADLINE = 200  # characters; a longer first line is the story's first paragraph
HEADLINE_SOURCE = re.compile(r"(?P<who>[^:\n]{2,80}?):[ \t]+(?P<what>[^\n]+?)[.\s]*$")
# "Russia, China to hold naval drills - deputy FM", the TASS way: the source after a dash.
HEADLINE_DASH = re.compile(r"(?P<what>[^\n]+?)[ \t]+[-–—][ \t]+(?P<who>[^-–—\n]{2,60}?)[.\s]*$")
# "'No ceasefire without guarantees,' says Sudan envoy": the words, then who says them.
HEADLINE_SAYS = re.compile(
    r"(?P<open>[\"“‘'])?(?P<what>[^\n]+?),?(?(open)[\"”’'],?)[ \t]+says[ \t]+"
    r"(?P<who>[^\n,]{2,60}?)[.\s]*$"
)

# "Georgia ready to host talks, deputy FM says": the words, then who says them, the Trend way.
HEADLINE_THEN_SAYS = re.compile(
    r"(?P<what>[^\n]+?),[ \t]+(?P<who>[^\n,]{2,60}?)[ \t]+(?:says|said)[.\s]*$"
)

# "Uzbek envoy says Tashkent ready to double scholarships": headline words without a verb,
# which the parse finds no clause in.
HEADLINE_WHO_SAYS = re.compile(r"(?P<who>[^\n,:]{2,60}?)[ \t]+says[ \t]+(?P<what>[^\n]+?)[.\s]*$")


def headline_source(text: str, people: list[Person]) -> Reported | None:
    """The words a body or a person says in the headline, with the cue naming them, or None.
    The headline is the first line when a line break ends it; what is said has three words or
    more and is not written in capitals throughout."""
    end = text.find("\n")
    if not 0 < end < MAX_HEADLINE:
        return None
    patterns = (HEADLINE_SOURCE, HEADLINE_SAYS, HEADLINE_WHO_SAYS, HEADLINE_THEN_SAYS)
    for pattern in (*patterns, HEADLINE_DASH):
        m = pattern.match(text, 0, end)
        if not m or m["who"].isupper() or m["what"].isupper() or len(m["what"].split()) < 3:
            continue
        who = m["who"].strip()
        person = _names_a_person(who, people, text)
        if person or _names_a_body(who, people):
            return _said(m, who, hint="" if person else "organisation")
    return None


def _said(m: re.Match, who: str, hint: str) -> Reported:
    start = m.start("who") + m["who"].index(who)
    cue = Cue(
        start=start,
        end=start + len(who) + (1 if m.re is HEADLINE_SOURCE else 0),
        mention=who,
        mention_start=start,
        verb=":" if m.re is HEADLINE_SOURCE else "says",
        hint=hint,
    )
    return Reported(m.start("what"), m.end("what"), cue)


def _names_a_person(who: str, people: list[Person], text: str = "") -> bool:
    """Whether the words that give the source are a person of the cast by name or surname,
    after their title or not ("Georgian FM Levan Tsiklauri: Tbilisi ready to host talks",
    "Rakhimov: ..."), a surname the story gives whole ("..., Lavrenko says"), or a title
    alone ("Uzbek envoy: ...", "... - deputy FM") for the one the story introduces with it."""
    if only_a_role(who):
        return True
    if re.fullmatch(r"[A-Z][\w’'-]+", who) and full_name_in(text[len(who) :], who):
        return True  # "..., Lavrenko says" over a story that names Sergei Lavrenko
    return any(
        p.kind == "person"
        and " " in p.name
        and (who in (p.name, p.surname) or who.endswith(" " + p.name))
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
