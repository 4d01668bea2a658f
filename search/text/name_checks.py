"""Whether a speaker's stored name looks like a name: no possessive glued on ("James
Baker's"), no conjunction or verb ("U.S And Japan", "Said David Gluskin"), no role word
("U.K. Economist"), no place, no trailing lower-case word. Pure: the audit
(``search.intake.speaker_audit``) counts by it, and a re-extraction renames a speaker whose
older name fails it (``Speaker.for_extracted``)."""

from __future__ import annotations

import re

from search.quotes import ROLE_SET
from search.quotes.nations import is_place
from search.text.speaker_matching import PLACES

PERSON, ORGANISATION = "person", "organisation"  # Speaker.Kind's values
JUNK_WORDS = frozenset("and besides or but with plus also nor than said says told".split())
# Capitalised, these are names too ("Omer Said", "Initials Plus"); only at the start of a
# name are they the verb or conjunction glued to it ("Said David Gluskin").
NAME_TOO = frozenset("said plus".split())
# Role words that are common surnames ("Scott King", "Andrew Bishop").
SURNAMES_TOO = frozenset("king bishop judge dean marshal major sheriff prince mayor".split())
POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
ARABIC_PARTICLE = re.compile(r"(?:al|el|ad|as|ash|at|az|ar|an)-[A-Z]")


def name_problems(name: str, kind: str = PERSON) -> list[str]:
    """Why a speaker's name looks wrong, or nothing when it looks like a name. A body's name
    may hold "and", a role word or a place ("Organisation for Economic Cooperation and
    Development", "Labor department", "Japan"); only a possessive is wrong in it."""
    words = name.split()
    if not words:
        return ["empty"]
    problems = []
    if POSSESSIVE.search(name) and not _own_possessive(words, kind):
        problems.append("possessive")
    if kind == ORGANISATION:
        return problems
    folded = [w.casefold().strip(".,;:") for w in words]
    if any(
        f in JUNK_WORDS and (i == 0 or w[:1].islower() or f not in NAME_TOO)
        for i, (w, f) in enumerate(zip(words, folded, strict=True))
    ):
        problems.append("conjunction")
    roles = ROLE_SET & set(folded)
    if roles and not _surname_only(words, folded, roles):
        problems.append("role word")
    if len(words) > 1 and words[-1][:1].islower() and not ARABIC_PARTICLE.match(words[-1]):
        problems.append("ends in a lower-case word")  # "al-Sabah" is part of a name
    joined = " ".join(folded)
    if joined.rstrip(".") in PLACES or joined in PLACES or is_place(name):
        problems.append("place")
    return problems


def _own_possessive(words: list[str], kind: str) -> bool:
    """Whether a body's one-word name is a possessive of its own ("Moody's", "Lloyd's"),
    not a place's glued to the next words ("Sweden's")."""
    if kind != ORGANISATION or len(words) != 1:
        return False
    return not is_place(POSSESSIVE.sub("", words[0]))


def _surname_only(words: list[str], folded: list[str], roles: set[str]) -> bool:
    """Whether the only role word is a surname after a given name: "Scott King", not "U.K.
    Chancellor" or "Analyst Tim Harris"."""
    return (
        roles == {folded[-1]}
        and folded[-1] in SURNAMES_TOO
        and len(words) > 1
        and words[0][:1].isupper()
        and not any("." in w for w in words[:-1])
    )
