"""The cast of a story: each person or organisation it introduces, with what the text says of
them (role, gender, where they are mentioned) and the other names they go by.

Only the lexicon is imported here, so the extractor's results (``spans``) and the resolver
(``speakers``) can both use it without importing each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from search.quotes.lexicon import FAMILY_FIRST, MALE_NAMES_IN_A, PRONOUN_FORMS, ROLE_SET, STOP_CAPS


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


def name_gender(name: str) -> str:
    """ "f" or "m" when a name says it: a Slavic or Baltic surname's ending ("Sokolova",
    "Kowalska", "Vaitkutė" against "Lavrov", "Kowalski"), or a given name ending in "a" (a
    woman's, but for a listed few men's names). "" when it does not say."""
    words = [w.strip(".,") for w in name.split()]
    if len(words) < 2:
        return ""
    last, first = words[-1].lower(), words[0].lower()
    if re.search(r"(?:ova|eva|yova|ina|aya|skaya|ska|cka|ová|ytė|aitė|ienė|utė)$", last):
        return "f"
    if re.search(r"(?:ov|ev|yov|sky|ski|skiy|vich)$", last):
        return "m"
    if words[0] in FAMILY_FIRST:
        return ""
    if first.endswith("a") and first not in MALE_NAMES_IN_A and len(first) > 2:
        return "f"
    return ""


# The head nouns of a body that speaks: "the ministry said", "the embassy added".
BODY_HEADS = (
    "Ministry Embassy Office Department Council Commission Agency Government Committee Party "
    "Kremlin Pentagon Secretariat Cabinet Parliament Delegation Mission Service Administration "
    "Presidency Bureau Directorate Consulate Command Army Navy Court Bank Fund Union "
    "Organisation Organization Alliance Movement Authority Agency Coalition Front"
).split()
_HEAD = "|".join(BODY_HEADS)
_CAP = r"(?:U\.N\.|U\.S\.|E\.U\.|(?!(?:The|A|An|In|On|At|But|And)\s)[A-Z][\w’'-]*)"
ORGANISATION_NAME = re.compile(
    # "Azerbaijan's Foreign Ministry", "the Russian Embassy in Prague", "Russia's foreign
    # ministry", "the U.N. Office for the Coordination of Humanitarian Affairs", "Kremlin".
    rf"(?P<name>(?:{_CAP}[’']s\s+)?(?:(?:{_CAP}|foreign|defence|defense|interior|press|"
    r"transitional|military|national|federal|presidential)\s+){0,4}"
    rf"(?i:{_HEAD})(?:\s+(?:of|for|in|on)\s+(?:the\s+)?{_CAP}(?:\s+(?:of|for|and|the)?\s*{_CAP})"
    r"{0,4})?)(?![\w-])"
)


def organisations(text: str, quoted: list[tuple[int, int]]) -> list[Person]:
    """The bodies the story names ("Azerbaijan's Foreign Ministry", "the Kremlin"), with where
    it names them, so that a later "the ministry said" finds the one it refers back to. A
    phrase counts only when it is capitalised somewhere: "the ministry" alone names none."""
    found: dict[str, Person] = {}
    for m in ORGANISATION_NAME.finditer(text):
        name = m["name"]
        words = name.split()
        if not any(w[:1].isupper() for w in words) or words[0] in STOP_CAPS:
            if words[0] not in STOP_CAPS:
                continue
            name = " ".join(words[1:])
            if not name or not any(w[:1].isupper() for w in name.split()):
                continue
        if any(s <= m.start() < e for s, e in quoted):
            continue
        if " " not in name and name.lower() not in ("kremlin", "pentagon") and name[0].islower():
            continue
        key = name.lower()
        person = found.get(key) or found.setdefault(key, Person(name=name, kind="organisation"))
        person.positions.append(m.start("name"))
        short = ACRONYM_AFTER.match(text, m.end())
        if short:
            person.aliases.add(short["short"])  # "the European Central Bank (ECB)"
    return sorted(found.values(), key=lambda p: p.positions[0])


def head_noun(name: str) -> str:
    """The body's kind, lower-case: "ministry" for "Azerbaijan's Foreign Ministry", "embassy"
    for "the Russian Embassy in Prague"."""
    words = re.split(r"\s+(?:of|for|in|on)\s+", name, maxsplit=1)[0].split()
    return words[-1].lower() if words else ""


ACRONYM_AFTER = re.compile(r"\s*\((?P<short>[A-Z][A-Za-z]{1,9})\)")


def acronym(name: str) -> str:
    """The initials of a body's name, as it is called for short: "IMF" for the International
    Monetary Fund, "OCHA" for the Office for the Coordination of Humanitarian Affairs."""
    words = re.sub(r"^the\s+", "", name, flags=re.I).split()
    return "".join(w[0] for w in words if w[:1].isupper() and not w.endswith(("'s", "’s")))
