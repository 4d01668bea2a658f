"""Which body a common noun refers back to when it is not the body's own head noun: "the
alliance" is NATO, "the bloc" the European Union, "the watchdog" the Competition Authority
or the IAEA, "the fund" the IMF, "the body" any body. A story calls a body by its kind; the
kind is read from the body's head noun or, for a body known by its initials, from what that
body is.

Pure data and small functions; nothing here imports Django.
"""

from __future__ import annotations

import re

from search.quotes.cast import Person, acronym, head_noun
from search.quotes.nations import nation_words

# The head nouns each kind noun stands for ("the watchdog" may be an authority or an agency),
# beyond the kind noun itself.
# The head nouns of a country's parliament or of one of its chambers.
_PARLIAMENTS = set(
    """
parliament assembly rada duma majlis mazhilis kenesh knesset bundestag sejm senate congress
seimas saeima riigikogu khural hural sobranie skupstina legislature chamber
""".split()
)
KIND_HEADS = {
    "alliance": frozenset({"alliance", "treaty"}),
    "bloc": frozenset({"union", "bloc", "community", "council", "organisation", "organization"}),
    "watchdog": frozenset(
        "authority agency commission office inspectorate regulator board chamber".split()
    ),
    "regulator": frozenset("authority agency commission office regulator board bank".split()),
    "lender": frozenset({"bank", "fund"}),
    "fund": frozenset({"fund"}),
    "bank": frozenset({"bank"}),
    "agency": frozenset({"agency"}),
    "organisation": frozenset({"organisation", "organization"}),
    "union": frozenset({"union"}),
    "executive": frozenset({"commission"}),  # "the EU executive"
    # "the diplomatic mission" for the Russian Embassy in Baku
    "mission": frozenset({"embassy", "consulate", "delegation", "mission"}),
    # "the government" for the Cabinet of Ministers of Kyrgyzstan
    "government": frozenset({"cabinet", "government"}),
    "cabinet": frozenset({"cabinet", "government"}),
    # "the military", "the army" for the Israel Defense Forces
    "military": frozenset({"forces", "army", "military"}),
    "army": frozenset({"forces", "army"}),
    # "the parliament", "the legislature", "the chamber" for the Verkhovna Rada, the Duma
    "parliament": frozenset(_PARLIAMENTS),
    "legislature": frozenset(_PARLIAMENTS),
    "chamber": frozenset(_PARLIAMENTS - {"parliament", "congress"}),
}
KIND_HEADS["organization"] = KIND_HEADS["organisation"]
# Bodies a story names by initials (news agencies are "news": "the official news agency" is
# IRNA) or by a name without its kind, and the kinds they are.
_KNOWN = """
NATO: alliance organisation
North Atlantic Treaty Organization: alliance organisation
CSTO: alliance bloc organisation
EU: bloc union
European Union: bloc union
ASEAN: bloc association
EAEU: bloc union
EEU: bloc union
CIS: bloc
GCC: bloc council
BRICS: bloc group
SCO: bloc organisation
OTS: bloc organisation
Mercosur: bloc
OPEC: organisation group cartel
AU: bloc union
IAEA: agency watchdog
OPCW: organisation watchdog
IMF: fund lender
World Bank: bank lender
ADB: bank lender
EBRD: bank lender
AIIB: bank lender
EIB: bank lender
IsDB: bank lender
ECB: bank
OSCE: organisation
UN: organisation
U.N.: organisation
United Nations: organisation
WHO: organisation agency
WTO: organisation
ILO: organisation agency
FAO: organisation agency
UNHCR: agency
UNICEF: agency
UNDP: agency
UNESCO: agency organisation
UNFPA: agency
IOM: agency organisation
UNRWA: agency
WFP: agency
Bundesbank: bank
European Commission: executive commission
IRNA: agency news
ISNA: agency news
Tasnim: agency news
Fars: agency news
Mehr: agency news
KCNA: agency news
Yonhap: agency news
SANA: agency news
WAFA: agency news
Kazinform: agency news
"""
KNOWN_KINDS = {
    name.strip(): frozenset(kinds.split())
    for name, kinds in (line.split(":") for line in _KNOWN.strip().splitlines())
}
# Words that only describe a body when they come before its kind noun ("the U.N. nuclear
# watchdog", "the Western alliance", "the multilateral lender"), not words of its name.
DESCRIBING = frozenset(
    """
u.n. un nuclear atomic military western atlantic defence defense security trade economic
financial global international regional multilateral lending development competition
antitrust anti-corruption rights energy diplomatic eu e.u.
""".split()
)
# The kind nouns that may refer to any body at all: the nearest one.
ANY_BODY = frozenset({"body"})
KIND_NOUNS = frozenset(KIND_HEADS) | ANY_BODY | {"cartel"}


def of_kind(noun: str, name: str, aliases: set[str] = frozenset()) -> bool:
    """Whether a body called ``name`` (or one of ``aliases``) can be "the ``noun``": its head
    noun is one the kind stands for ("the watchdog" for the Competition Authority), or it is a
    body known to be of that kind ("the alliance" for NATO)."""
    if noun in ANY_BODY:
        return True
    if head_noun(name) in KIND_HEADS.get(noun, ()):
        return True
    bare = re.sub(r"^(?:the\s+|.+?['’]s\s+)", "", name, flags=re.I)
    # "the U.N. health agency" for the World Health Organization, the WHO
    names = {name, bare, acronym(bare), *aliases}
    return any(noun in KNOWN_KINDS.get(n, ()) for n in names)


def describing(words: set[str], name: set[str]) -> bool:
    """Whether the words before a kind noun are the body's name's or only describe it
    ("nuclear", "U.N."): "the U.N. health agency" for the World Health Organization."""
    return words <= DESCRIBING | name


def _key(name: str) -> tuple[str, ...]:
    words = re.sub(r"^the\s+", "", name, flags=re.I).lower().split()
    return tuple(w for w in words if not nation_words(w))


def merge_same_bodies(people: list[Person]) -> None:
    """One body for a name written with and without its country: "State Department" in
    "State Department spokesman Tom Reed" is the U.S. State Department the story named
    first, so that a later "the State Department's spokesman" is that body. Bodies of two
    countries ("Russia's Foreign Ministry", "Ukraine's Foreign Ministry") stay apart, and a
    name without a country joins neither of them."""
    groups: dict[tuple[str, ...], list[Person]] = {}
    for p in people:
        if p.kind == "organisation" and p.positions and _key(p.name):
            groups.setdefault(_key(p.name), []).append(p)
    for same in groups.values():
        countries = {frozenset(nation_words(p.name)) for p in same} - {frozenset()}
        if len(same) < 2 or len(countries) > 1:
            continue
        same.sort(key=lambda p: min(p.positions))
        kept = same[0]
        for other in same[1:]:
            kept.positions.extend(other.positions)
            kept.aliases |= {other.name, *other.aliases}
            people.remove(other)
