"""Whether a role mention ("the Kazakh minister", "the envoy", "the head of state") can name
a person of the cast, from the title and the countries the story introduced them with: the
same title or one that stands for it, the same rank, their own country (not the one they are
posted to), and no word the title lacks.

Pure functions over strings; nothing here imports Django.
"""

from __future__ import annotations

import itertools
import re

from search.quotes.cast import BODY_HEADS, Person, role_nations
from search.quotes.kinds import ANY_BODY, KIND_NOUNS, of_kind
from search.quotes.lexicon import ROLE_MODIFIERS, ROLE_NOUN, ROLE_SET
from search.quotes.nations import POSTING, nation_words, own_nations

# Ranks that set one holder of a title apart from another: a deputy minister is not the
# minister.
RANKS = frozenset("deputy vice assistant first prime acting junior".split())
GENERIC_ROLES = frozenset("diplomat official envoy representative".split())
# The titles a generic role noun stands for: "the envoy" is the special representative or the
# ambassador, not the deputy prime minister beside them.
DIPLOMATS = frozenset(
    "ambassador envoy diplomat representative consul attache emissary negotiator foreign "
    "chargé minister-counsellor counsellor".split()
)
# The titles another role noun stands for: "the Chinese leader" is China's president, "the
# OSCE chief" its secretary general.
_HEADS = frozenset(
    "chief head director director-general secretary-general chairman chairwoman chair".split()
)
TITLE_SYNONYMS = {
    "leader": frozenset("leader president premier prime chancellor king queen emir".split()),
    "premier": frozenset("premier prime".split()),
    # "the security chief" is the Security Council's secretary
    "chief": _HEADS | {"president", "commander", "secretary"},
    "head": _HEADS | {"president"},
    # "the presidential aide" is the Assistant to the President
    "aide": frozenset("aide assistant adviser advisor".split()),
    **dict.fromkeys(
        ("chairman", "chairwoman", "chair", "chairperson"),
        frozenset("chairman chairwoman chair chairperson".split()),
    ),
}
# Titles of more than one word, read as one: "the head of state" is the leader.
ONE_TITLES = (
    ("secretary general", "secretary-general"),
    ("head of state", "leader"),
    ("head of government", "leader"),
    # the EU's "High Representative for Foreign Affairs" is its "foreign policy chief"
    ("high representative", "chief"),
)
GENERIC_KINDS = {
    "diplomat": DIPLOMATS,
    "envoy": frozenset("envoy ambassador representative emissary".split()),
    "representative": frozenset("representative envoy ambassador".split()),
}

OWNER = re.compile(rf"[’']s\s+(?=.*\b{ROLE_NOUN}\b)")
WORD = r"[\w’'.-]+"
POSSESSIVE = re.compile(r"[’']s$")
# A mention's word that the title says in other words: "the parliament speaker" for the
# speaker of the Grand National Assembly.
_LEGISLATURES = frozenset(
    "parliament parliamentary assembly duma rada mazhilis majlis knesset sejm seimas saeima "
    "senate congress bundestag legislature".split()
)
SAID_OTHERWISE = {
    **dict.fromkeys(("parliament", "parliamentary"), _LEGISLATURES),
    "presidential": frozenset("president presidential kremlin".split()),
}
# The portfolio words that make a "chief" a minister: "the Azerbaijani defence chief".
PORTFOLIOS = frozenset(
    "defence defense foreign finance interior economy energy health justice security".split()
)
# "the speaker" of a parliament whose title is its chairman ("Chairman of the Mazhilis").
_CHAIRS = frozenset("chairman chairwoman chair chairperson president".split())
# "the organisation's head", "the watchdog's chief": the body the person heads, whatever the
# story called it when it named them ("its secretary general", "head of the authority").
BODYS = re.compile(r"(?P<body>[\w-]+)[’']s")
BODY_WORDS = frozenset(w.lower() for w in BODY_HEADS) | KIND_NOUNS


HEAD_OF = re.compile(r"(?:the |its )?(?:head|chief|chairman|chairwoman|director) of ")
# "the head of the foreign ministry", "the head of Azerbaijani diplomacy": its minister.
HEAD_OF_MINISTRY = re.compile(r"\bhead of (?:the )?((?:[\w’'.-]+ )*?)(?:(ministry)|diplomacy)\b")


def one_title(words: str) -> str:
    """A title of several words as the one word the resolver compares."""
    for many, one in ONE_TITLES:
        words = words.replace(many, one)
    return HEAD_OF_MINISTRY.sub(
        lambda m: m[1] + ("minister" if m[2] else "foreign minister"), words
    )


# Capitals a dateline opens with, for the country of the officials a story names without one.
CAPITALS = {
    "baku": "Azerbaijan",
    "tbilisi": "Georgia",
    "yerevan": "Armenia",
    "astana": "Kazakhstan",
    "almaty": "Kazakhstan",
    "bishkek": "Kyrgyzstan",
    "tashkent": "Uzbekistan",
    "dushanbe": "Tajikistan",
    "ashgabat": "Turkmenistan",
    "minsk": "Belarus",
    "chisinau": "Moldova",
    "tehran": "Iran",
    "tokyo": "Japan",
    "berlin": "Germany",
    "paris": "France",
    "london": "Britain",
    "rome": "Italy",
    "madrid": "Spain",
    "warsaw": "Poland",
    "vilnius": "Lithuania",
    "riga": "Latvia",
    "tallinn": "Estonia",
    "helsinki": "Finland",
    "budapest": "Hungary",
    "prague": "Czech Republic",
    "vienna": "Austria",
    "bucharest": "Romania",
    "sofia": "Bulgaria",
    "belgrade": "Serbia",
    "athens": "Greece",
    "cairo": "Egypt",
    "riyadh": "Saudi Arabia",
    "doha": "Qatar",
    "islamabad": "Pakistan",
    "new delhi": "India",
    "kabul": "Afghanistan",
    "baghdad": "Iraq",
    "amman": "Jordan",
}
DATELINE_PLACE = re.compile(r"(?m)^[ \t]*(?P<city>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+)?),[ \t]+")


def host_country(text: str) -> str:
    """The country of the story's dateline ("TBILISI, April 2 (Trend) -"), in its first
    lines, or ""."""
    m = DATELINE_PLACE.search(text, 0, 400)
    if m is None:
        return ""
    city = m["city"].lower()
    return CAPITALS.get(city) or next(iter(nation_words(city)), "")


def nations_agree(mention: str, person: Person) -> bool:
    """Whether the countries of a role mention fit the person: "the Turkish diplomat" is from
    Turkey, which Georgia's ambassador to Turkey is not; "the ambassador to Turkey" is."""
    own = own_nations(mention)
    posted = nation_words(mention) - own
    theirs = person.nations | role_nations(person.role)
    if own and not own & theirs:
        return False
    return not posted or bool(posted & (theirs | nation_words(person.role)))


def role_agrees(mention: str, person: Person, introduced: str = "") -> bool:
    """Whether a role mention ("the Kazakh minister", "the Bank official") can name
    ``person``, from the role and countries the story introduced them with; ``introduced``,
    the words set beside their name there, may vouch for the mention's other words ("the IMF
    official" for "the International Monetary Fund's mission chief")."""
    mention = re.sub(r"\bfm\b", "foreign minister", mention.lower())  # "deputy FM"
    mention = one_title(re.sub(r"\bpm\b", "prime minister", mention))  # "Armenian PM"
    words = re.findall(WORD, mention)
    role = one_title(person.role.lower())
    role_words = set(re.findall(WORD, role))
    # "Prime Minister's adviser": the title and its rank are the adviser's
    title = set(re.findall(WORD, OWNER.split(role)[-1]))
    nouns = [w for w in words if w in ROLE_SET]
    noun = nouns[-1] if nouns else ""
    if not person.role and not person.nations:
        return False
    alike = TITLE_SYNONYMS.get(noun, frozenset({noun}))
    if noun == "speaker" and title & _LEGISLATURES:
        alike = alike | _CHAIRS
    if noun == "chief" and PORTFOLIOS & set(words):
        alike = alike | {"minister"}
    if noun not in GENERIC_ROLES and not alike & title:
        return False
    ranks = (RANKS - {"prime"} if noun in TITLE_SYNONYMS else RANKS) - alike
    if noun not in GENERIC_ROLES and ranks & set(words) != ranks & title:
        return False
    if not nations_agree(mention, person):
        return False
    if noun == "official":
        # "the IAEA official" is an official of the IAEA, not Iran's ambassador to it
        role_words = set(re.findall(WORD, POSTING.split(role)[0]))
    own = role_words | {w.lower() for w in person.name.split()}
    # the words the story introduced them with, which their role may have lost: "the IMF
    # official" for "IMF mission chief Elena Moretti"
    introductions = [a for a in person.aliases if a.endswith(person.name)] + [introduced]
    # not where they are posted: Iran's ambassador to the IAEA is no IAEA official
    introductions = [POSTING.split(a, maxsplit=1)[0] for a in introductions]
    own |= {w for a in introductions for w in re.findall(WORD, a.lower())}
    # the second word of a country of two ("Saudi Arabia's top diplomat") says no more
    pairs = itertools.pairwise(words)
    of_a_nation = {w for prev, w in pairs if nation_words(f"{prev} {w}")}
    qualifiers = {
        w
        for w in words
        if w not in ("the", "this", "that", noun)
        and w not in ROLE_SET
        and not nation_words(w)
        and w not in of_a_nation
        and w not in ROLE_MODIFIERS - RANKS
        and not AGE.fullmatch(w)
    }
    if noun in GENERIC_ROLES:
        qualifiers |= {w for w in words if w in ROLE_MODIFIERS - RANKS}
    own |= {initials(introduced), *(POSSESSIVE.sub("", w) for w in own)}
    qualifiers = {w for w in qualifiers if not SAID_OTHERWISE.get(w, frozenset()) & own}
    qualifiers = {w for w in qualifiers if not _their_bodys(w, person.role)}
    return qualifiers <= own | SAY_NOTHING


# Words a role mention may add that say nothing of which title: "the country's top
# diplomat", "the veteran diplomat", "the 39-year-old minister".
SAY_NOTHING = frozenset(
    "top senior former then country's nation's veteran longtime long-time seasoned".split()
)
AGE = re.compile(r"\d+-year-old")
CAPITALISED_RUN = re.compile(r"(?:[A-Z][a-z]+(?:[’']s)?\s+){1,5}[A-Z][a-z]+")


def initials(text: str) -> str:
    """The initials of the first body's name of several words in ``text``, lower-case: "imf"
    for "The International Monetary Fund's mission chief"."""
    for m in CAPITALISED_RUN.finditer(text):
        words = [POSSESSIVE.sub("", w) for w in m.group().split() if w != "The"]
        if len(words) > 1:
            return "".join(w[0] for w in words).lower()
    return ""


def _their_bodys(word: str, role: str) -> bool:
    """Whether ``word`` is the possessive of the body a title names ("the watchdog's" for the
    head of the authority, "the organisation's" for its or the OSCE's secretary general), not
    of a body of another kind (the head of a delegation is not "the organisation's head")."""
    m = BODYS.fullmatch(word)
    body = m["body"] if m else ""
    if body not in BODY_WORDS - ANY_BODY:
        return False
    words = re.findall(WORD, role)
    return any(w.lower() in (body, "its") or of_kind(body, w) for w in words)
