"""The cast of a story, listed before anything is attributed: each person it introduces with
a role, before the name ("Russian ambassador to Azerbaijan Mikhail Bocharnikov") or after it
("Mikhail Bocharnikov, the Russian ambassador,"), or with an honorific ("Ms. Zakharova"), and
each body it names ("Azerbaijan's Foreign Ministry"), with what the text says of them (role,
country, gender, where they are mentioned) and the other names they go by.

It imports only the word lists and ``names``, so the extractor's results (``spans``) and the
resolver (``speakers``) can both use it without importing each other.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from search.quotes.bodies import LEGAL_ENDING, POSSESSIVE_END
from search.quotes.genders import name_gender, role_gender
from search.quotes.lexicon import (
    FAMILY_FIRST,
    GENDERED_HONORIFICS,
    HONORIFICS,
    PRONOUN_FORMS,
    ROLE_MODIFIERS,
    ROLE_SET,
    STOP_CAPS,
    TITLES,
    name_words_pattern,
)
from search.quotes.names import (
    clean_name_tokens,
    honorific_gender,
    long_title_name,
    pageant_length,
    split_role_name,
)
from search.quotes.nations import nation_words, own_nations


@dataclass
class Person:
    name: str
    kind: str = "person"
    role: str = ""
    gender: str = ""  # "m", "f" or "" (unknown), from honorifics and pronouns tied to them
    aliases: set[str] = field(default_factory=set)
    positions: list[int] = field(default_factory=list)  # where the text mentions them
    # The countries the text ties them to ("Kazakh Foreign Minister", "Russia's envoy").
    nations: set[str] = field(default_factory=set)

    @property
    def surname(self) -> str:
        return family_name(self.name) if self.kind == "person" else self.name

    def add_alias(self, mention: str) -> None:
        """Keep ``mention`` as an alias only when it names this speaker: it holds one of the
        name's words. "he", "the ambassador" or "on Monday" never become aliases."""
        words = mention.split()
        if " ".join(words) == self.name:
            return
        own = names_words(self.name)
        # "Ambassador Anna Karenina on Monday": the alias ends with the name.
        while words and words[-1].strip(".,") not in own:
            words.pop()
        mention = " ".join(words)
        if mention and mention != self.name and names_words(mention) & own:
            self.aliases.add(mention)


def names_words(text: str) -> set[str]:
    """The capitalised words of ``text`` that can be part of a name."""
    return {
        w
        for w in re.findall(r"[A-Z][\w’'-]*", text)
        if w.lower() not in ROLE_SET and w.lower() not in PRONOUN_FORMS and w not in STOP_CAPS
    }


def family_name(name: str) -> str:
    """The family name: the last word, but the first of an East Asian name written family
    name first ("Li Wenhao", "Kim Jong-hyun")."""
    words = name.split()
    if len(words) in (2, 3) and words[0] in FAMILY_FIRST:
        return words[0]
    return words[-1] if words else name


def role_nations(role: str) -> set[str]:
    """The countries a title says its holder is from: not where they are posted, nor the
    country they deal with ("Turkey's special envoy for normalisation with Armenia")."""
    return own_nations(re.split(r"\swith\s", role, maxsplit=1)[0])


def royal(role: str) -> bool:
    """Whether a title is one a person is called by with their given name alone: "Sheikh
    Mohammed", "Prince Faisal", "King Abdullah"."""
    return re.search(r"(?i)\b(?:sheikh|prince|princess|king|queen|emir|sultan)\b", role) is not None


# The head nouns of a body that speaks: "the ministry said", "the embassy added".
BODY_HEADS = (
    "Ministry Embassy Office Department Council Commission Agency Government Committee Party "
    "Kremlin Pentagon Secretariat Cabinet Parliament Delegation Mission Service Administration "
    "Presidency Bureau Directorate Consulate Command Army Navy Court Bank Fund Union "
    "Organisation Organization Alliance Movement Authority Agency Coalition Front "
    "Association Assembly Federation Institute Chamber Foundation Centre Center MFA Duma Rada "
    "Majlis Mazhilis Kenesh Knesset Headquarters"
).split()
_HEAD = "|".join(BODY_HEADS)
# The bodies whose head noun is their whole name: "the Kremlin", "the Knesset".
NAMED_BY_HEAD = frozenset("kremlin pentagon duma rada majlis mazhilis kenesh knesset".split())
_CAP = r"(?:U\.N\.|U\.S\.|E\.U\.|(?!(?:The|A|An|In|On|At|But|And)\s)[A-Z][\w’'-]*)"
# A capitalised word that can go on a body's name after "of", "to" or "and": not a date
# ("the council on April 24", "the ministry on Monday").
_NAME_CAP = (
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
    rf"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|"
    rf"Thursday|Friday|Saturday|Sunday)\b){_CAP}"
)
# After "and", a country's possessive starts another body: "Georgia's Ministry of Economy and
# Azerbaijan's Ministry of Energy".
_NOT_OWNER = r"(?![A-Z][\w.-]*[’']s\s)"
# The regions a body's name may end with: "the Organization for Security and Co-operation in
# Europe", "the Conference on Interaction and Confidence-Building Measures in Asia".
_REGIONS = r"Europe|Asia|Africa|the\s+Americas|Latin\s+America|the\s+Middle\s+East|the\s+Pacific"
ORGANISATION_NAME = re.compile(
    # "Azerbaijan's Foreign Ministry", "the Russian Embassy in Prague", "Russia's foreign
    # ministry", "the U.N. Office for the Coordination of Humanitarian Affairs", "Kremlin",
    # "the Ministry of Trade and Integration", "the Russian mission to the OSCE".
    rf"(?P<name>(?:{_CAP}[’']s\s+)?(?:(?:{_CAP}|foreign|defence|defense|interior|press|"
    r"transitional|military|national|federal|presidential)\s+){0,4}"
    rf"(?i:{_HEAD}|Chiefs\s+of\s+Staff|General\s+Staff)(?:\s+(?:of|for|in|on|to)\s+(?:the\s+)?{_NAME_CAP}"
    rf"(?:\s+(?:of|for|the)?\s*{_NAME_CAP}|\s+and\s+{_NOT_OWNER}{_NAME_CAP}){{0,4}}"
    rf"(?:\s+in\s+(?:{_REGIONS}))?)?)(?![\w-])"
)


PRESS_SERVICE_END = re.compile(r"\s+(?i:press\s+(?:service|office))$")


def _capitals(name: str) -> list[str]:
    return [w for w in name.split() if w[:1].isupper()] or [""]


def described_only(name: str) -> bool:
    """Whether ``name`` only describes a body by its country and kind, in lower case ("the
    Azerbaijani ministry", "Georgian defence ministry"), as a story refers to a body it names
    in full elsewhere."""
    words = re.sub(r"^(?i:the)\s+", "", name).split()
    capitals = [w for w in words if w[:1].isupper()]
    return (
        len(words) > 1
        and words[-1].islower()
        and bool(capitals)
        and all(nation_words(w) and not w.endswith(("'s", "’s")) for w in capitals)
    )


# Where a mission is seated, after the country it is of: "the Embassy of Japan in Baku".
SEATED_IN = re.compile(rf" in (?:the )?{_NAME_CAP}(?: {_NAME_CAP})?(?![\w-])")
SEATED_HEADS = frozenset({"embassy", "consulate", "mission", "delegation"})


def _named_in_full(described: Person, bodies) -> bool:
    """Whether another body of the story has the head noun and the country of a body it only
    described ("Azerbaijan's Ministry of Energy" for "the Azerbaijani ministry")."""
    head, nations = head_noun(described.name), nation_words(described.name)
    return any(
        other is not described
        and head_noun(other.name) == head
        and not described_only(other.name)
        and (not nation_words(other.name) or nations & nation_words(other.name))
        for other in bodies
    )


def organisations(text: str, quoted: list[tuple[int, int]]) -> list[Person]:
    """The bodies the story names ("Azerbaijan's Foreign Ministry", "the Kremlin"), with where
    it names them, so that a later "the ministry said" finds the one it refers back to. A
    phrase counts only when it is capitalised somewhere: "the ministry" alone names none."""
    found: dict[str, Person] = {}
    for m in ORGANISATION_NAME.finditer(text):
        name = m["name"]
        seat = SEATED_IN.match(text, m.end())
        if seat and " in " not in name and head_noun(name) in SEATED_HEADS:
            name += seat.group()  # "the Embassy of the United States in Kazakhstan"
        words = name.split()
        if not any(w[:1].isupper() for w in words) or words[0] in STOP_CAPS:
            if words[0] not in STOP_CAPS:
                continue
            name = " ".join(words[1:])
            if not name or not any(w[:1].isupper() for w in name.split()):
                continue
        if any(s <= m.start() < e for s, e in quoted):
            continue
        # "the Kremlin press service": the body it serves, when that is a body's name.
        served = PRESS_SERVICE_END.sub("", name)
        if served != name and not re.search(rf"\b(?i:{_HEAD})\b", served):
            continue
        name = served
        if " " not in name and name.lower() not in NAMED_BY_HEAD:
            if name[0].islower() or name in BODY_HEADS:
                continue  # "Ministry spokesperson Leyla Mammadova": no body named
        name = POSSESSIVE_END.sub("", name)  # "the Ministry of Finance's"
        key = name.lower()
        person = found.get(key) or found.setdefault(key, Person(name=name, kind="organisation"))
        person.positions.append(m.start("name"))
        short = ACRONYM_AFTER.match(text, m.end())
        if short:
            person.aliases.add(short["short"])  # "the European Central Bank (ECB)"
    for key, body in list(found.items()):
        if described_only(body.name) and _named_in_full(body, found.values()):
            del found[key]  # "the Azerbaijani ministry" for Azerbaijan's Ministry of Energy
        elif all(w.lower().endswith("-based") for w in _capitals(body.name)):
            del found[key]  # "the Vienna-based agency": where a body is, not its name
    for key in [k for k in found if k in NAMED_BY_HEAD]:
        # "The Duma said" after "The State Duma passed the bill": the State Duma
        longer = next((p for k, p in found.items() if k.endswith(" " + key)), None)
        if longer is not None:
            longer.positions.extend(found.pop(key).positions)
    for m in NEWS_AGENCY.finditer(text):
        group = next((g for g in ("before", "after") if news_agency_named(m[g] or "")), "")
        if not group or any(s <= m.start() < e for s, e in quoted):
            continue
        name = m[group]
        key = name.lower()
        person = found.get(key) or found.setdefault(key, Person(name=name, kind="organisation"))
        person.role = AGENCY_ROLE  # a later "the state news agency" is this one
        person.positions.append(m.start(group))
    for name, noun, at in _described_bodies(text, quoted):
        body = found.setdefault(name.lower(), Person(name=name, kind="organisation"))
        body.role = body.role or noun  # a later "the company", "the watchdog" is this one
        body.positions.append(at)
    return sorted(found.values(), key=lambda p: p.positions[0])


def _described_bodies(text: str, quoted: list[tuple[int, int]]):
    """Each body named beside the noun that describes it ("state gas company Turkmengaz",
    "Tengizchevroil, the operator of the Tengiz field,"): its name, the noun, where."""
    for m in (*DESCRIBED_FIRM.finditer(text), *APPOSED_FIRM.finditer(text)):
        name = m["name"]
        if not news_agency_named(name) or any(s <= m.start() < e for s, e in quoted):
            continue
        if name.split()[0].lower() in DATE_WORDS or nation_words(name):
            continue
        if {w.lower() for w in (m.groupdict().get("words") or "").split()} & (
            ROLE_SET | {"of", "for", "at", "to"}
        ):
            continue  # "Ivan Petrov, the head of the group,": somebody in it
        yield name, m["noun"].lower(), m.start("name")


# "Tengizchevroil, the operator of the Tengiz field,", "Maersk, the Danish shipping group,":
# a firm described after its name.
APPOSED_FIRM = re.compile(
    r"(?<![\w’'-])(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?),\s+(?:the|a|an)\s+"
    r"(?P<words>(?:[A-Za-z][\w-]*\s+){0,3})(?P<noun>company|firm|giant|operator|producer|group|"
    r"concern)"
    r"(?=\s*,|\s+(?:of|in|for|that|which|behind)\b)"
)
# The nouns a story describes a firm with before its name: "Turkmenistan's state gas company
# Turkmengaz", "Russian gas giant Gazprom", "state oil company SOCAR".
FIRM_NOUNS = frozenset("company firm giant corporation operator producer monopoly concern".split())
# ... or a public body so: "Russia's consumer watchdog Rospotrebnadzor", "space agency Roscosmos".
DESCRIBED_NOUNS = FIRM_NOUNS | frozenset("watchdog regulator agency service bureau".split())
DESCRIBED_FIRM = re.compile(
    r"(?<![\w’'-])(?:[a-z][\w-]*\s+){1,3}(?P<noun>"
    + "|".join(sorted(DESCRIBED_NOUNS))
    + r")\s+(?P<name>(?!(?:The|A|An)\b)[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)(?![\w’'-])"
)
DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december".split()
)
AGENCY_ROLE = "news agency"
# The words a story describes a news agency with, which are no part of its name.
AGENCY_WORDS = frozenset(
    "state official state-run state-owned semi-official government government-run national "
    "public private independent news wire".split()
)
_AGENCY_NAME = r"(?!(?:The|A|An)\b)[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?"
# "North Korea's official KCNA news agency", "the official Xinhua news agency", "Iran's state
# news agency IRNA": the agency speaks by its own name, not by the phrase that describes it.
NEWS_AGENCY = re.compile(
    rf"(?<![\w’'-])(?:(?P<before>{_AGENCY_NAME})\s+)?(?i:news\s+agency)(?![\w’'-])"
    rf"(?:,?\s+(?P<after>{_AGENCY_NAME})(?![\w’'-]))?"
)


def news_agency_named(name: str) -> bool:
    """Whether ``name`` as found is an agency's own name, not a word of its description."""
    words = name.split()
    return (
        bool(words)
        and not nation_words(name)
        and words[0] not in STOP_CAPS
        and not any(w.lower() in ROLE_SET for w in words)
    )


def head_noun(name: str) -> str:
    """The body's kind, lower-case: "ministry" for "Azerbaijan's Foreign Ministry", "embassy"
    for "the Russian Embassy in Prague"."""
    words = re.split(r"\s+(?:of|for|in|on|to)\s+", name, maxsplit=1)[0].split()
    if len(words) > 1 and LEGAL_ENDING.fullmatch(words[-1]):
        words.pop()  # "fund" for the Mexico Fund Inc
    return words[-1].lower() if words else ""


ACRONYM_AFTER = re.compile(r"\s*\((?P<short>[A-Z][A-Za-z]{1,9})\)")


def acronym(name: str) -> str:
    """The initials of a body's name, as it is called for short: "IMF" for the International
    Monetary Fund, "OCHA" for the Office for the Coordination of Humanitarian Affairs."""
    words = re.sub(r"^the\s+", "", name, flags=re.I).split()
    return "".join(
        w[0]
        for w in words
        if w[:1].isupper() and not w.endswith(("'s", "’s")) and "." not in w  # "U.N."
    )


WORD = re.compile(r"[A-Za-z][\w-]*")
ROLE_PREFIX = re.compile(r"(?<![\w.’'-])(?:(?:[A-Z][\w.’'-]*|[a-z][\w-]*)\s+){0,6}\Z")
# White space within a paragraph: a role and the name after it are never a blank line apart.
_GAP = r"(?:[ \t]+\n?[ \t]*|\n[ \t]*)"
ROLE_TAIL = re.compile(
    rf"[\w-]+\.?(?:{_GAP}(?:of|to|for|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)??)?{_GAP}"
    rf"(?P<name>(?:{HONORIFICS}\s+)?{name_words_pattern(0, 3)})"
)
ROLE_COMMA_NAME = re.compile(
    r"(?P<role>[\w-]+(?:\s+(?:of|to|for|at|on)\s+[^,.;:\n\"“”]{1,60}?)?),\s+"
    rf"(?P<name>{name_words_pattern(1, 3)})\s*(?:,|\.(?=\s|$))"
)
# A title held at a body of many words, the name after it: "Secretary General of the
# Organization of Turkic States Kubanychbek Omurov" (split by ``long_title_name``).
_TITLE_CAP = r"[A-Z][\w’'.-]*"
LONG_TITLE = re.compile(
    rf"[\w-]+(?:[ \t]+(?:Extraordinary|and|Plenipotentiary))*[ \t]+(?:of|for)\s+(?:the\s+)?"
    rf"{_TITLE_CAP}(?:[ \t]+(?:(?:of|for|and|on|to|in|at)[ \t]+)?(?:the[ \t]+)?{_TITLE_CAP}){{2,9}}"
)
# A person introduced by what they head: "Mikhail Bocharov, who heads the Russian delegation".
HEAD_VERBS = {"heads": "head", "leads": "head", "chairs": "chair"}
HEADS_A_BODY = re.compile(
    rf"(?<![\w’'-])(?P<name>{name_words_pattern(1, 3)}),\s+who\s+(?P<verb>heads|leads|chairs)\s+"
    r"(?P<body>(?:the\s+|[A-Z][\w’'-]*[’']s\s+)[^,.;\n]{3,60}?)(?=[,.;])"
)
CAPITALS_RUN = re.compile(rf"{_TITLE_CAP}(?:[ \t]+{_TITLE_CAP})*")
NAME_BEFORE = re.compile(rf"(?<![\w’'-])(?P<name>{name_words_pattern(1, 3)})\Z")
APPOSITIVE = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?(?P<before>[^,.;\n]{0,60})\Z")
# A reporting verb, which no title holds: "..., the Azerbaijani leader said trade should grow".
SAYS = re.compile(r"\b(?:said|says|told|tells|added|adds|noted|stressed|warned|stated|urged)\b")
ROLE_END = re.compile(r"[^,.;\n]{0,80}?(?=[,.;])")


def _role_words(text: str):
    """Each role noun ("ambassador", "Minister") in ``text``; a set lookup per word is far
    cheaper than one large case-insensitive alternation at every character."""
    for m in WORD.finditer(text):
        word = m.group().lower()
        if word in ROLE_SET or ("-" in word and ROLE_SET.intersection(word.split("-"))):
            yield m  # "Chairperson-in-Office Matteo Ferrante"
        elif word in TITLES and text[m.end() : m.end() + 2] == ". " and m.group()[0].isupper():
            yield m  # "Former Pennsylvania Gov. Ed Rendell"


def inside_quotes(quoted: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` falls inside one of the direct quotes' spans ``quoted`` (in text order;
    quotes do not overlap): a name a speaker says is no mention of somebody the story names."""
    i = bisect.bisect_right(quoted, (pos, 1 << 62)) - 1
    return i >= 0 and pos < quoted[i][1]


def introductions(text: str, quoted: list[tuple[int, int]]) -> list[Person]:
    """People introduced with their role, before the name ("Russian ambassador to Azerbaijan
    Mikhail Bocharnikov") or after it ("Mikhail Bocharnikov, the Russian ambassador,"). Only
    the few characters around each role noun are looked at."""
    people: dict[str, Person] = {}
    seen: set[int] = set()

    headline = title_case_headline(text)
    name_ends: list[int] = []
    for role_word in _role_words(text):
        for role_start, role, name_start, name in _intros_at(text, role_word):
            if name_start in seen or inside_quotes(quoted, role_start) or name_start < headline:
                continue
            seen.add(name_start)
            role = _after_names(text, role_start, role, name_ends)
            gender = honorific_gender(name)
            name, role = split_role_name(role, name)
            if not name:
                continue
            name_ends.append(name_start + len(name))
            person = people.get(name)
            if person is None:
                person = people[name] = Person(name=name, role=role)
            elif role and not person.role:
                person.role = role
            person.gender = person.gender or gender or role_gender(role) or name_gender(name)
            person.nations |= role_nations(role)
            person.positions.append(name_start)
    for m in HEADS_A_BODY.finditer(text):
        # "Mikhail Bocharov, who heads the Russian delegation at the talks, said"
        name, at = m["name"], m.start("name")
        if inside_quotes(quoted, at) or split_role_name("head", name)[0] != name:
            continue
        role = f"{HEAD_VERBS[m['verb']]} of {m['body']}"
        person = people.setdefault(name, Person(name=name, role=role))
        person.role = person.role or role
        person.gender = person.gender or name_gender(name)
        person.nations |= role_nations(role)
        if at not in person.positions:
            person.positions.append(at)
    cast = _merge_cut_names(sorted(people.values(), key=lambda p: p.positions[0]))
    for i, person in enumerate(cast):
        if person.role.lower().endswith("counterpart"):
            # "Foreign Minister A met his Russian counterpart B": B is a foreign minister too,
            # from where "Russian" says
            person.role = _counterpart_role(text, cast[:i], person.positions[0])
    return cast


# The lower-case words a title may start with; any other ("met", "with", "his") ends what
# came before it.
TITLE_OPENERS = frozenset("the a an former then".split()) | ROLE_MODIFIERS | ROLE_SET


def _after_names(text: str, role_start: int, role: str, name_ends: list[int]) -> str:
    """A title written before a name, without the person named before it in the same run of
    words: "Chinese President" in "Russian President Vladimir Sokolov met Chinese President Li
    Ming", not all the words from "Russian"."""
    if not text.startswith(role, role_start):
        return role
    cut = max((e for e in name_ends if role_start < e < role_start + len(role)), default=0)
    if not cut:
        return role
    words = text[cut : role_start + len(role)].split()
    while words and words[0][:1].islower() and words[0].lower() not in TITLE_OPENERS:
        words.pop(0)
    return " ".join(words)


def _merge_cut_names(cast: list[Person]) -> list[Person]:
    """Without a name cut short by the role words it was read after ("Deputy Prime Minister
    Andrei Viktorovich" beside "Andrei Viktorovich Semyonov"): the longer name keeps both
    places."""
    kept = []
    for person in cast:
        longer = next(
            (
                other
                for other in cast
                if other is not person
                and other.name.startswith(person.name + " ")
                and any(0 < b - a <= 40 for a in person.positions for b in other.positions)
            ),
            None,
        )
        if longer is None and " " not in person.name and person.name[:1].isupper():
            # "Sheikh Mohammed", "Prince Faisal": the given name of the one person of the
            # cast whose whole name starts with it
            holders = [o for o in cast if o.name.split()[0] == person.name and o is not person]
            holders = [
                o for o in holders if not any(h.name.startswith(o.name + " ") for h in holders)
            ]
            longer = holders[0] if len(holders) == 1 and royal(person.role) else None
        if longer is None:
            kept.append(person)
        else:
            longer.positions = sorted(set(longer.positions) | set(person.positions))
    return kept


def _counterpart_role(text: str, before: list[Person], pos: int) -> str:
    """The title of the person whose counterpart is introduced at ``pos``: the one named last
    before it, in the same sentence or the one before ("Turkish Foreign Minister A said ...
    His Greek counterpart, B, said"), without the words that say their country."""
    host = [
        (max(x for x in p.positions if x < pos), p)
        for p in before
        if any(x < pos and len(re.findall(r"[.!?]\s", text[x:pos])) <= 1 for x in p.positions)
    ]
    if not host:
        return ""
    _, person = max(host, key=lambda item: item[0])
    words = person.role.split()
    pairs = [" ".join(words[i : i + 2]) for i in range(len(words))]
    national = {
        i
        for i, w in enumerate(words)
        if nation_words(w) or nation_words(pairs[i]) or i and nation_words(pairs[i - 1])
    }
    words = [w for i, w in enumerate(words) if i not in national]
    return " ".join(words) if ROLE_SET & {w.lower() for w in words} else ""


def title_case_headline(text: str) -> int:
    """Where a first line written in title case ends ("Black Lawmakers Rip Donald Trump As
    A Fraud"), else 0: its capitals say nothing about where a name starts."""
    line = text[: text.find("\n")] if "\n" in text else ""
    words = re.findall(r"[A-Za-z][\w’'-]*", line)
    if re.search(r"\s[-–—―]+\s|--|\((?:Reuters|AFP|AP|UPI|TASS)\)", line):
        return 0  # a dateline: the story itself starts on this line
    if len(words) >= 4 and not any(w[0].islower() and len(w) > 3 for w in words):
        return len(line)  # title case capitalises every word but short ones
    return 0


def _intros_at(text: str, role_word: re.Match):
    at = role_word.start()
    lo = _word_start(text, max(0, at - 90), at)
    prefix = ROLE_PREFIX.search(text, lo, at)
    tail = ROLE_TAIL.match(text, at)
    named_after = ROLE_COMMA_NAME.match(text, at)
    if tail and named_after and " " not in tail["name"]:
        tail = None  # "envoy to the United Nations, Omar al-Tayeb,": no "Nations" named
    if tail:
        role_start = prefix.start() if prefix else at
        name = re.split(r"\n\s*\n", tail["name"])[0]  # a headline's last words end there
        yield role_start, text[role_start : tail.start("name")], tail.start("name"), name
    if named_after:  # "Moldova's Deputy Prime Minister for Reintegration, Cristina Popescu,"
        role_start = prefix.start() if prefix else at
        name_at = named_after.start("name")
        yield role_start, text[role_start : named_after.end("role")], name_at, named_after["name"]
    long = LONG_TITLE.match(text, at)
    # the first run of capitals in it that ends with a name: "... Development and Transport
    # Rashad Nabiyev in Ankara"
    for run in CAPITALS_RUN.finditer(text, long.start(), long.end()) if long else ():
        words = run.group().split()
        start = long_title_name(words)
        if start >= 0 and run.start() > at:
            name = " ".join(words[start:])
            name_at = run.end() - len(name)
            role_start = prefix.start() if prefix else at
            yield role_start, text[role_start:name_at].rstrip(), name_at, name
            break
    appositive = APPOSITIVE.search(text, max(0, at - 70), at)
    if appositive:
        comma = appositive.start()
        before = NAME_BEFORE.search(text, max(0, comma - 60), comma)
        end = ROLE_END.match(text, at)
        if end and SAYS.search(end.group()):
            end = None  # "..., the Azerbaijani leader said trade should grow": no appositive
        if before and end:
            role = text[appositive.start("before") : end.end()]
            yield before.start(), role, before.start("name"), before["name"]


def _word_start(text: str, lo: int, limit: int) -> int:
    """``lo`` moved forward to the start of a word, so a window never opens mid-word."""
    if lo == 0 or text[lo - 1].isspace():
        return lo
    space = text.find(" ", lo, limit)
    return space + 1 if space != -1 else limit


def honorific_people(text: str, quoted: list[tuple[int, int]]) -> list[Person]:
    """People the text names with a gendered honorific ("Ms. Zakharova met Mr. Blinken"), so
    that a later "she" can find the one it fits even if she has not spoken yet."""
    people: dict[str, Person] = {}
    for m in HONORIFIC_NAME.finditer(text):
        if inside_quotes(quoted, m.start()):
            continue
        words = m.group("name").split()
        if m.group("title") == "Miss":
            words = words[pageant_length(words) :]  # "Miss Universe Daniela Ortega"
        tokens = clean_name_tokens(words)
        if not tokens:
            continue
        name = " ".join(tokens)
        person = people.setdefault(name, Person(name=name))
        person.gender = person.gender or GENDERED_HONORIFICS[m.group("title").lower()]
        person.positions.append(m.start("name"))
    return list(people.values())


HONORIFIC_NAME = re.compile(
    r"\b(?P<title>Mr|Mrs|Ms|Miss|Sir|Lady|Madame|Mme|Dame)\.?\s+"
    rf"(?P<name>{name_words_pattern(0, 2)})"
)
