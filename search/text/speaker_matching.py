"""When two names in different stories are one speaker. Pure Python, no Django.

"Sergey Lavrov" and "Sergei Lavrov" are one romanisation apart; "Lavrov, Russia's foreign
minister" is the same man by surname and role. Precision before recall: a spelling variant
or a bare surname joins an existing speaker only when the roles do not disagree, and never
when two speakers would fit (``Speaker.for_extracted`` applies these rules).

The romanisation rules are a short explicit list rather than a library: the variants of
Russian and Arabic names in English newswires are few and well known, and a general
transliteration library (unidecode and the like) turns non-Latin scripts into Latin but
does not fold one Latin spelling into another.
"""

from __future__ import annotations

import re
import unicodedata

from search.quotes import ROLE_SET

# Applied in order to each lower-cased word. Word-final endings first ("Dmitriy", "Dmitrii",
# "Dmitry" -> "dmitri"; "Smirnoff" -> "smirnov"), then the pairs inside words.
_FINAL = (("iy", "i"), ("ii", "i"), ("yi", "i"), ("y", "i"), ("off", "ov"), ("eff", "ev"))
_INNER = (
    ("tch", "ch"),  # Tchaikovsky / Chaikovsky
    ("kh", "h"),  # Khaled / Haled
    ("ou", "u"),  # Youssef / Yussef
    ("yu", "iu"),  # Yuri / Iuri
    ("ya", "ia"),  # Yakovlev / Iakovlev
    ("ye", "e"),  # Yevgeny / Evgeny
    ("ey", "ei"),  # Sergey / Sergei
    ("iy", "i"),
    ("ii", "i"),
)

# Role words too general to show two roles are one ("deputy", "head of ...").
_GENERAL_ROLE_WORDS = frozenset(
    "chief deputy executive head official officials source sources".split()
)
_SPOKESMAN = frozenset({"spokesman", "spokeswoman", "spokesperson"})
# Nationality words by country, so "Russian" and "Russia's" agree and "Russian" and
# "Chinese" conflict.
_NATIONS = {
    "afghan": "afghanistan", "afghanistan": "afghanistan", "america": "us", "american": "us",
    "u.s.": "us", "us": "us", "azerbaijan": "azerbaijan", "azerbaijani": "azerbaijan",
    "armenia": "armenia", "armenian": "armenia", "britain": "uk", "british": "uk",
    "uk": "uk", "china": "china", "chinese": "china", "egypt": "egypt", "egyptian": "egypt",
    "france": "france", "french": "france", "georgia": "georgia", "georgian": "georgia",
    "germany": "germany", "german": "germany", "india": "india", "indian": "india",
    "iran": "iran", "iranian": "iran", "iraq": "iraq", "iraqi": "iraq", "israel": "israel",
    "israeli": "israel", "italy": "italy", "italian": "italy", "japan": "japan",
    "japanese": "japan", "jordan": "jordan", "jordanian": "jordan",
    "kazakhstan": "kazakhstan", "kazakh": "kazakhstan", "korea": "korea",
    "korean": "korea", "lebanon": "lebanon", "lebanese": "lebanon", "pakistan": "pakistan",
    "pakistani": "pakistan", "palestinian": "palestine", "russia": "russia",
    "russian": "russia", "saudi": "saudi", "syria": "syria", "syrian": "syria",
    "turkey": "turkey", "turkish": "turkey", "ukraine": "ukraine", "ukrainian": "ukraine",
    "soviet": "russia",
}  # fmt: skip
# Portfolios: a foreign minister and a defence minister share "minister" and are two people.
_PORTFOLIOS = {
    "foreign": "foreign", "defence": "defence", "defense": "defence", "finance": "finance",
    "interior": "interior", "trade": "trade", "economy": "economy", "economic": "economy",
    "energy": "energy", "justice": "justice", "health": "health", "prime": "prime",
    "agriculture": "agriculture", "oil": "energy", "treasury": "finance",
}  # fmt: skip
_WORD = re.compile(r"[\w.'’-]+")
# Places a speaker's name should never be on its own: the countries above and a few capitals.
PLACES = frozenset(
    {w for w in _NATIONS if _NATIONS[w] == w or w in ("america", "britain", "uk", "u.s.", "us")}
    | {"u.s", "moscow", "washington", "beijing", "baku", "tehran", "kiev", "kyiv", "tbilisi"}
    | {"yerevan", "ankara", "london", "paris", "berlin", "tokyo", "damascus", "cairo"}
    | {"jerusalem", "baghdad", "kabul", "islamabad", "riyadh", "brussels", "geneva"}
)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _word_key(word: str) -> str:
    for ending, replacement in _FINAL:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            word = word[: -len(ending)] + replacement
            break
    for pair, replacement in _INNER:
        word = word.replace(pair, replacement)
    return word


def variant_key(name: str) -> str:
    """A key shared by the romanisations of one name: "Sergey Lavrov", "Sergei Lavrov" and
    "Sergei Lavroff" give "sergei lavrov"."""
    words = _fold(name).replace("’", "'").replace("-", " ").split()
    return " ".join(_word_key(w) for w in words)


def _role_words(role: str) -> list[str]:
    words = []
    for raw in _WORD.findall(_fold(role).replace("’", "'")):
        word = raw.strip(".'-")
        if word.endswith("'s"):
            word = word[:-2]
        if raw.lower() == "u.s.":
            word = "u.s."
        words.append(word)
    return words


def _role_parts(role: str) -> tuple[set[str], set[str], set[str]]:
    words = _role_words(role)
    nouns = {w for w in words if w in ROLE_SET and w not in _GENERAL_ROLE_WORDS}
    if nouns & _SPOKESMAN:
        nouns = (nouns - _SPOKESMAN) | {"spokesman"}
    nouns = {n.rstrip("s") if n.endswith("s") and n[:-1] in ROLE_SET else n for n in nouns}
    nations = {_NATIONS[w] for w in words if w in _NATIONS}
    portfolios = {_PORTFOLIOS[w] for w in words if w in _PORTFOLIOS}
    return nouns, nations, portfolios


def roles_agree(first: str, second: str) -> bool:
    """Two roles name one post: they share a role noun (minister, ambassador, spokesman) and
    neither their nationality words nor their portfolios conflict. Empty roles never agree:
    callers decide what a missing role means."""
    nouns_a, nations_a, portfolios_a = _role_parts(first)
    nouns_b, nations_b, portfolios_b = _role_parts(second)
    if not nouns_a & nouns_b:
        return False
    if nations_a and nations_b and not nations_a & nations_b:
        return False
    return not (portfolios_a and portfolios_b and not portfolios_a & portfolios_b)


def roles_allow(first: str, second: str) -> bool:
    """Nothing says two mentions are different people: a role is missing, or they agree."""
    return not first.strip() or not second.strip() or roles_agree(first, second)
