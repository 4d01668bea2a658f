"""Speakers: the people and organisations a text quotes, and who each mention refers to.

People are introduced with a role, before the name ("Russian ambassador to Azerbaijan Mikhail
Bocharnikov") or after it ("Mikhail Bocharnikov, the Russian ambassador,"). Every later mention
("he", "the diplomat", "Bocharnikov") resolves to the nearest compatible one; a pronoun with no
compatible person stays unresolved rather than wrong. Pronouns, role nouns and time phrases
never become names or aliases.
"""

from __future__ import annotations

import bisect
import re

from search.quotes.cast import Person, names_words
from search.quotes.lexicon import (
    GENDERED_HONORIFICS,
    HONORIFICS,
    MONTHS,
    NAME_PARTICLES,
    NAME_TOKEN,
    ORG_HEAD,
    PRONOUN_FORMS,
    PRONOUNS,
    ROLE_MODIFIERS,
    ROLE_NOUN,
    ROLE_SET,
    STOP_CAPS,
    TITLES,
    UNNAMED_HEADS,
    UNNAMED_OPENERS,
    WEEKDAYS,
    names_outlet,
)
from search.quotes.spans import NAMED, ORGANISATION, PRONOUN, ROLE, SURNAME, Cue

INTRO_ROLE_NAME = re.compile(
    rf"(?P<role>(?:(?:[A-Z][\w.’'-]*|[a-z][\w-]*)\s+){{0,6}}?(?i:{ROLE_NOUN})"
    rf"(?:\s+(?:of|to|for|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)??)?)\s+"
    rf"(?P<name>(?:{HONORIFICS}\s+)?{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{0,3}})"
)
WORD = re.compile(r"[A-Za-z][\w-]*")
ROLE_PREFIX = re.compile(r"(?<![\w.’'-])(?:(?:[A-Z][\w.’'-]*|[a-z][\w-]*)\s+){0,6}\Z")
ROLE_TAIL = re.compile(
    r"[\w-]+(?:\s+(?:of|to|for|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)??)?\s+"
    rf"(?P<name>(?:{HONORIFICS}\s+)?{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{0,3}})"
)
NAME_BEFORE = re.compile(rf"(?<![\w’'-])(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,3}})\Z")
APPOSITIVE = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?(?P<before>[^,.;\n]{0,60})\Z")
ROLE_END = re.compile(r"[^,.;\n]{0,50}?(?=[,.;])")


def _role_words(text: str):
    """Each role noun ("ambassador", "Minister") in ``text``; a set lookup per word is far
    cheaper than one large case-insensitive alternation at every character."""
    for m in WORD.finditer(text):
        if m.group().lower() in ROLE_SET:
            yield m


def introductions(text: str, quoted: list[tuple[int, int]]) -> list[Person]:
    """People introduced with their role, before the name ("Russian ambassador to Azerbaijan
    Mikhail Bocharnikov") or after it ("Mikhail Bocharnikov, the Russian ambassador,"). Only
    the few characters around each role noun are looked at."""
    people: dict[str, Person] = {}
    seen: set[int] = set()

    starts = [s for s, _ in quoted]  # in text order, and quotes do not overlap

    def outside(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i < 0 or pos >= quoted[i][1]

    for role_word in _role_words(text):
        for role_start, role, name_start, name in _intros_at(text, role_word):
            if name_start in seen or not outside(role_start):
                continue
            seen.add(name_start)
            gender = honorific_gender(name)
            name, role = split_role_name(role, name)
            if not name:
                continue
            person = people.get(name)
            if person is None:
                person = people[name] = Person(name=name, role=role)
            elif role and not person.role:
                person.role = role
            person.gender = person.gender or gender
            person.positions.append(name_start)
    return sorted(people.values(), key=lambda p: p.positions[0])


def _intros_at(text: str, role_word: re.Match):
    at = role_word.start()
    lo = _word_start(text, max(0, at - 90), at)
    prefix = ROLE_PREFIX.search(text, lo, at)
    tail = ROLE_TAIL.match(text, at)
    if tail:
        role_start = prefix.start() if prefix else at
        yield role_start, text[role_start : tail.start("name")], tail.start("name"), tail["name"]
    appositive = APPOSITIVE.search(text, max(0, at - 70), at)
    if appositive:
        comma = appositive.start()
        before = NAME_BEFORE.search(text, max(0, comma - 60), comma)
        end = ROLE_END.match(text, at)
        if before and end:
            role = text[appositive.start("before") : end.end()]
            yield before.start(), role, before.start("name"), before["name"]


def _word_start(text: str, lo: int, limit: int) -> int:
    """``lo`` moved forward to the start of a word, so a window never opens mid-word."""
    if lo == 0 or text[lo - 1].isspace():
        return lo
    space = text.find(" ", lo, limit)
    return space + 1 if space != -1 else limit


def honorific_gender(name: str) -> str:
    """ "m" or "f" when ``name`` opens with a gendered honorific ("Mr.", "Ms"), else ""."""
    first = name.split()[0].rstrip(".").lower() if name.split() else ""
    return GENDERED_HONORIFICS.get(first, "")


def split_role_name(role: str, name: str) -> tuple[str, str]:
    """(name, role) from a role phrase and the capitalised words after it, or ("", "") when
    the words are no person's name."""
    role = " ".join(role.split())
    name = re.sub(rf"^{HONORIFICS}\s+", "", " ".join(name.split()))
    tokens = name.split()
    # Capitalised role words swallowed into the name ("Foreign Minister Olga Petrova"):
    # the name starts after the last of them.
    last_role = max(
        (i for i, t in enumerate(tokens[:-1]) if t.lower().strip(".,") in ROLE_SET), default=-1
    )
    if last_role >= 0:
        role = f"{role} {' '.join(tokens[: last_role + 1])}"
        tokens = tokens[last_role + 1 :]
    role = role_words_only(role)
    tokens = clean_name_tokens(tokens)
    if not tokens or names_outlet(" ".join(tokens)) or names_outlet(f"{role} {name}"):
        return "", ""
    if ORG_HEAD.search(tokens[-1]):
        return "", ""  # "head of Egypt's State Information Service": a body, not a person
    if any(names_outlet(t) for t in tokens):
        return "", ""
    # Drop a leading determiner from the role.
    role = re.sub(r"^(?:the|a|an|former|then)\s+", "", role, flags=re.I).strip()
    return " ".join(tokens), role


def clean_name_tokens(tokens: list[str], titled: bool = False) -> list[str]:
    """A name's words, without what is not part of a name: a trailing time phrase ("on
    Monday"), a pronoun, a stray full stop, a role word. Empty when nothing is left. A name
    after an honorific ("Mr. King") may be a word that is otherwise a role."""
    tokens = [t.rstrip(".,") if not re.fullmatch(r"[A-Z]\.", t) else t for t in tokens]
    out: list[str] = []
    for i, t in enumerate(tokens):
        low = t.lower()
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if low in WEEKDAYS or t.isdigit() or (low in MONTHS and following[:1].isdigit()):
            break  # a time phrase follows the name ("Theresa May" is a name, "May 3" a date)
        if not t[:1].isupper() and low not in NAME_PARTICLES:
            break  # "Anna Karenina on Monday": the name stops at the first plain word
        out.append(t)
    while out and (out[-1] in STOP_CAPS or out[-1].lower() in NAME_PARTICLES):
        out.pop()
    if not out or out[0] in STOP_CAPS:
        return []
    if any(t.lower() in PRONOUN_FORMS for t in out):
        return []
    if not titled and all(t.lower() in ROLE_SET for t in out):
        return []
    return out


def role_words_only(role: str) -> str:
    """The role without the words before it that are not part of a title: "said Treasury
    Secretary" is "Treasury Secretary"; "Russian ambassador to Azerbaijan" and "EU foreign
    policy chief" stay whole."""
    words = role.split()
    first_noun = next((i for i, w in enumerate(words) if w.lower() in ROLE_SET), None)
    if first_noun is None:
        return role
    start = first_noun
    while start > 0:
        word = words[start - 1]
        if word[:1].isupper() or word.lower() in ROLE_MODIFIERS:
            start -= 1
        else:
            break
    return " ".join(words[start:])


class Resolver:
    """Resolves each mention, in reading order, to a person or organisation (or to none)."""

    def __init__(self, people: list[Person]) -> None:
        self.people = people
        self.last_speaker: Person | None = None

    def resolve(self, cue: Cue) -> Person | None:
        mention = cue.mention
        low = mention.lower()
        person: Person | None
        if cue.hint == "unnamed":
            person = None
        elif cue.hint == "organisation":
            person = self._organisation(mention)
        elif cue.hint == "role":
            # "an Iranian Foreign Ministry spokesman" introduces somebody new; "the
            # spokesman" refers back.
            indefinite = low.startswith(("a ", "an ", "another "))
            person = None if indefinite else self._role(low, cue.mention_start)
        elif low in PRONOUNS:
            person = self._pronoun(low, cue.mention_start)
        elif low.startswith(("the ", "this ")) and re.search(rf"\b{ROLE_NOUN}\b", low):
            person = self._role(low, cue.mention_start)
        elif self._unnamed(low):
            person = None
        elif (
            low.startswith("the ")
            or ORG_HEAD.search(mention)
            and not re.search(rf"\b{ROLE_NOUN}\b", low)
        ):
            person = self._organisation(mention)
        else:
            person = self._named(mention)
        if person is not None:
            cue.how = self._how(person, mention, low)
            person.add_alias(mention)
            person.positions.append(cue.mention_start)
            if low in ("he", "she") and not person.gender:
                person.gender = PRONOUNS[low]
            self.last_speaker = person
        return person

    @staticmethod
    def _how(person: Person, mention: str, low: str) -> str:
        """How the mention led to ``person``: one of the ATTRIBUTIONS."""
        if person.kind == "organisation":
            return ORGANISATION
        if low in PRONOUNS:
            return PRONOUN
        if person.name in mention:
            return NAMED
        return SURNAME if names_words(mention) & names_words(person.name) else ROLE

    def _before(self, pos: int) -> list[tuple[int, Person]]:
        """People by how recently they were mentioned before ``pos``, nearest first."""
        ranked = []
        for p in self.people:
            earlier = [x for x in p.positions if x < pos]
            if earlier and p.kind == "person":
                ranked.append((max(earlier), p))
        return sorted(ranked, key=lambda item: -item[0])

    def _pronoun(self, low: str, pos: int) -> Person | None:
        """ "he" or "she": the person mentioned nearest before it whose gender fits (as the
        text states it, or unknown); a person of the other gender is never chosen, and with
        no candidate left the mention stays unresolved."""
        gender = PRONOUNS[low]
        if gender not in ("m", "f"):
            return None
        for _, person in self._before(pos):
            if person.gender in ("", gender):
                return person
        return None

    def _role(self, low: str, pos: int) -> Person | None:
        nouns = re.findall(rf"\b{ROLE_NOUN}\b", low)
        noun = nouns[-1] if nouns else ""
        candidates = self._before(pos)
        if noun in {"diplomat", "official", "envoy"}:
            # Generic nouns fit anyone in such a job; prefer the last speaker.
            fits = [p for _, p in candidates if p.role]
        else:
            fits = [p for _, p in candidates if noun and noun in p.role.lower()]
        if self.last_speaker in fits:
            return self.last_speaker
        return fits[0] if fits else None

    @staticmethod
    def _unnamed(low: str) -> bool:
        words = low.split()
        return bool(words) and (
            words[0] in UNNAMED_OPENERS
            or (words[-1] in UNNAMED_HEADS and not any(w[0].isupper() for w in words))
        )

    def _known(self, name: str) -> Person | None:
        """The person a name refers to: the same name, surname or alias; else, for one word,
        the only person with that word in their name ("Kim" for Kim Ji-hye, whose family
        name comes first; "Wanida" for Wanida Charoen, called by her given name)."""
        people = [p for p in self.people if p.kind == "person"]
        last = name.split()[-1]
        for p in people:
            if p.name == name or p.surname == last or name in p.aliases:
                return p
        if " " not in name:
            holders = [p for p in people if name in _name_parts(p.name)]
            if len(holders) == 1:
                return holders[0]
        return None

    def _organisation(self, mention: str) -> Person | None:
        name = re.sub(r"^the\s+", "", mention, flags=re.I).strip()
        if not name or not name[0].isupper() or names_outlet(name):
            return None
        for p in self.people:
            if p.kind == "organisation" and p.name.lower() == name.lower():
                return p
        org = Person(name=name, kind="organisation")
        self.people.append(org)
        return org

    def _named(self, mention: str) -> Person | None:
        mention, title = _title_off(mention)
        role, name = title, mention
        gender = honorific_gender(mention)
        m = INTRO_ROLE_NAME.fullmatch(mention)
        if m:
            gender = honorific_gender(m.group("name"))
            name, role = split_role_name(m.group("role"), m.group("name"))
            role = role or title
        else:
            bare = re.sub(rf"^{HONORIFICS}\s+", "", mention)
            name, described = _trailing_name(bare.split(), titled=bare != mention)
            role = role or role_words_only(described) if _has_role(described) else role
        if not name or not name[0].isupper() or names_outlet(name):
            return None
        person = self._known(name)
        if person is not None:
            if role and not person.role:
                person.role = role
            person.gender = person.gender or gender
            return person
        person = Person(name=name, role=role, gender=gender)
        self.people.append(person)
        return person


def _name_parts(name: str) -> set[str]:
    """The words of a name and the parts of its hyphenated words ("al-Khalifi" gives
    "Khalifi")."""
    parts = set()
    for word in name.split():
        parts.add(word)
        parts.update(p for p in word.split("-") if p[:1].isupper())
    return parts


def _trailing_name(words: list[str], titled: bool = False) -> tuple[str, str]:
    """(name, what comes before it) from a mention: the name is its last run of capitalised
    words ("longtime Democratic pollster Pat Caddell" is Pat Caddell); a mention that opens
    with a name is that name, cleaned ("Anna Karenina on Monday")."""
    if words and words[0][:1].isupper() and words[0] not in STOP_CAPS:
        return " ".join(clean_name_tokens(words, titled)), ""
    start = len(words)
    while start > 0 and (
        words[start - 1][:1].isupper() or words[start - 1].lower() in NAME_PARTICLES
    ):
        start -= 1
    name = clean_name_tokens(words[start:], titled)
    return " ".join(name), " ".join(words[:start])


def _has_role(words: str) -> bool:
    return any(w.lower() in ROLE_SET for w in words.split())


def _title_off(mention: str) -> tuple[str, str]:
    """("Tim Kaine", "Senator") from "Sen. Tim Kaine": an abbreviated title before a name is
    the person's role, not part of the name."""
    words = mention.split()
    if len(words) > 1 and words[0].rstrip(".").lower() in TITLES:
        return " ".join(words[1:]), TITLES[words[0].rstrip(".").lower()]
    return mention, ""


def honorific_people(text: str, quoted: list[tuple[int, int]]) -> list[Person]:
    """People the text names with a gendered honorific ("Ms. Zakharova met Mr. Blinken"), so
    that a later "she" can find the one it fits even if she has not spoken yet."""
    people: dict[str, Person] = {}
    starts = [s for s, _ in quoted]
    for m in HONORIFIC_NAME.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < quoted[i][1]:
            continue
        tokens = clean_name_tokens(m.group("name").split())
        if not tokens:
            continue
        name = " ".join(tokens)
        person = people.setdefault(name, Person(name=name))
        person.gender = person.gender or GENDERED_HONORIFICS[m.group("title").lower()]
        person.positions.append(m.start("name"))
    return list(people.values())


HONORIFIC_NAME = re.compile(
    r"\b(?P<title>Mr|Mrs|Ms|Miss|Sir|Lady|Madame|Mme|Dame)\.?\s+"
    rf"(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{0,2}})"
)
