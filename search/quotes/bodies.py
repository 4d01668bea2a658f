"""Which short names in a story are a company's, on the story's own evidence: the body
introduced with a company ending ("Viacom International Inc" is later "Viacom"), a stock
ticker in angle brackets ("Amgen <AMGN.O>", "<Kerdix Inc.>"), or its shares ("Viacom
shares", "Amgen common stock"). A capitalised word alone proves nothing: "Texaco" and
"Putin" look alike, so only what the story says about a name makes it a body.

Pure functions over strings; nothing here imports Django.
"""

from __future__ import annotations

import re

from search.quotes.lexicon import FIRMS_NAMED_LIKE_PEOPLE, ORG_HEAD, ROLE_SET, STOP_CAPS
from search.quotes.nations import country_named, is_nation, is_place

# Words that end a company's name, whatever comes before them.
COMPANY_ENDINGS = frozenset(
    """
corp corporation inc co ltd plc ag sa nv bv spa ab asa oy kk llc lp group holdings
international industries systems airlines airways motors petroleum oil energy mining
resources partners capital securities trust bancorp chemicals electric steel technologies
communications pharmaceuticals savings federal
""".split()
)
# The legal endings that introduce a company in a story ("Hoechst AG", "Prime Computer Inc").
_LEGAL = (
    r"Inc|Incorporated|Corp|Corporation|Co|Cos|Ltd|Limited|Plc|PLC|AG|SA|S\.A|NV|N\.V|BV|"
    r"SpA|AB|ASA|Oy|KK|LLC|LP|GmbH|Bhd|Pty"
)
_WORD = r"(?:[A-Z][\w&'’.-]*|&|\d[\w-]*)"
_RUN = rf"{_WORD}(?:\s+(?:(?:of|and|de|du|la|für)\s+)?{_WORD}){{0,6}}"
LEGAL_ENDING = re.compile(rf"(?:{_LEGAL})\.?")
LEGAL_WORDS = frozenset(_LEGAL.split("|"))
# A possessive that ends a body's name as written ("the Ministry of Finance's", "Brothers'").
POSSESSIVE_END = re.compile(r"(?:[’']s|(?<=s)[’'])$")
# "Prime Computer Inc", "Acme, Ltd", "Morgan Stanley and Co", "Smith Barney, Harris & Co".
INTRODUCED = re.compile(rf"(?<![\w'’.-])(?P<name>{_RUN}?),?\s+(?:(?:and|&)\s+)?(?:{_LEGAL})\b\.?")
TICKER = re.compile(r"\s*<(?P<inside>[^<>\n]{1,60})>")
# "SunTrust Banks said ... . The company said ...": the next sentence calls it a company.
THE_COMPANY_NEXT = re.compile(
    rf"(?<![\w'’.-])(?P<name>{_RUN})\s+said\b[^.\n]*\.\s+The\s+(?:company|firm|group|bank)"
    r"(?:['’]s)?\s"
)
BEFORE_TICKER = re.compile(rf"(?<![\w'’.-])(?P<name>{_RUN})\s*<[A-Z][A-Z0-9.]{{0,9}}>")
SHARES = re.compile(
    rf"(?<![\w'’.-])(?P<name>{_RUN})(?:\s+(?:common\s+)?(?:shares|stock|stockholders|"
    r"shareholders|common|employees|subsidiary|subsidiaries|divisions?|brand)|['’]s\s+"
    r"(?:outstanding|shareholders|stockholders|common\s+stock|board\s+of\s+directors|"
    r"subsidiary|subsidiaries|divisions?|distributor|employees)|\s+(?:senior\s+|executive\s+)?"
    r"(?:vice\s+president|chief\s+executive|chief\s+financial\s+officer|treasurer))\b"
)
# Words that name no company on their own, when a company's name is cut short.
GENERIC = frozenset(
    """
American National International United General First New Royal Standard Great Western
Eastern Southern Northern Central Pacific Atlantic Federal Continental Consolidated Allied
Associated Universal Home Savings Trust Bank Capital Financial Computer Data Mutual Union
Security Public Service Group Holdings Industries Systems Class Series Common Treasury
Banks City
""".split()
)


def strip_ticker(name: str) -> str:
    """A name without the ticker Reuters writes after it: "Viacom International Inc <VIA>"
    is "Viacom International Inc"; "<Kerdix Inc.>" is "Kerdix Inc"."""
    if "<" not in name and ">" not in name:
        return name
    name = TICKER.sub(" ", name) if TICKER.search(name[1:]) else name
    return " ".join(name.strip(" <>,").split()).rstrip(".")


def _run(name: str) -> list[str]:
    """The words of a company's name, from the start of its sentence ("Kodak's Giles.
    Meanwhile Philips NV": Philips NV), without a sentence's opening word ("The", "But")."""
    words = re.split(r"(?<=[a-z]{2}\.)\s+|\n\s*\n", name)[-1].split()  # or a paragraph's
    while words and (
        words[0] in STOP_CAPS or words[0].lower() in ROLE_SET or re.search(r"-[a-z]+$", words[0])
    ):
        words.pop(0)  # "The", "Chairman", "Montreal-based", "51-pct-owned"
    if "of" in words[1:]:
        # "Shares of American Express Co", "Richard Fischer of Merrill Lynch and Co Inc":
        # the company is after "of", unless what comes before is a body ("Bank of New
        # York Co", "Building Systems of America Inc").
        at = words.index("of")
        before = words[at - 1].lower()
        if not ORG_HEAD.search(words[at - 1]) and before not in COMPANY_ENDINGS:
            words = words[at + 1 :]
    while words and words[0] in STOP_CAPS:
        words.pop(0)  # "Holders of The Ashford Fund Inc"
    return words


def short_forms(words: list[str]) -> set[str]:
    """The shorter names a company goes by later: "Viacom International" and "Viacom" for
    Viacom International Inc; one word only when it names nothing else ("Prime" for Prime
    Computer Inc, never "American" for American Express Co)."""
    forms = set()
    for n in range(len(words), 0, -1):
        form = " ".join(words[:n])
        if n == 1 and (form in GENERIC or is_nation(form) or len(form) < 3):
            break
        if words[n - 1] in ("and", "of", "&", "de"):
            continue  # "Louisiana Land and", but "Louisiana Land" is one
        forms.add(form)
        if n == len(words):
            forms.add(re.sub(r"[’']s$", "", form))  # "Heck" for Heck's Inc
    return forms


def companies(text: str) -> dict[str, set[str]]:
    """The companies a story introduces, each by its name as introduced, with the shorter
    names it may go by later."""
    found: dict[str, set[str]] = {}

    def add(name: str, words: list[str]) -> None:
        if not words or all(is_nation(w) or is_place(w) for w in words):
            return
        if " " in name and re.search(r"[’']s$", name):  # "Marlow and Pike's <MPK.L>"
            name = re.sub(r"[’']s$", "", name)
            words = [*words[:-1], re.sub(r"[’']s$", "", words[-1])]
        found.setdefault(name, set()).update(short_forms(words))

    for m in INTRODUCED.finditer(text):
        words = _run(m["name"])
        if words:
            ending = m.group()[len(m["name"]) :].replace(",", " ").split()
            add(" ".join([*words, *ending]).rstrip("."), words)
    for m in BEFORE_TICKER.finditer(text):
        words = _run(m["name"])
        if words and words[-1].rstrip(".") not in LEGAL_WORDS:
            add(" ".join(words), words)
    for m in THE_COMPANY_NEXT.finditer(text):
        words = _run(m["name"])
        name = " ".join(words)
        if len(words) == 1 or GENERIC & set(words[1:]):  # not "John Smith said ..."
            if name and not company_named(name, found) and not is_place(name):
                found[name] = {name}
    for m in SHARES.finditer(text):
        words = _run(m["name"])
        name = " ".join(words)
        if not words or words[-1] in GENERIC or any(w.lower() in ROLE_SET for w in words):
            continue
        if not words[0][:1].isupper():
            continue  # "19,513,200 shares"
        if not company_named(name, found) and not is_nation(name) and not is_place(name):
            found[name] = {name}
    return found


def company_named(name: str, bodies: dict[str, set[str]]) -> str:
    """The company ``name`` refers to, by its name as introduced, or "" when none or two
    fit."""
    fits = [full for full, forms in bodies.items() if name == full or name in forms]
    if len(fits) > 1 and len({f.split()[0] for f in fits}) > 1:
        return ""
    return fits[0] if fits else ""  # the first introduced: "Viacom Inc" before its units


# Endings no person's name has ("Steel", "Oil" and "Capital" can be surnames).
FIRM_ONLY_ENDINGS = frozenset(w.lower() for w in LEGAL_WORDS) | {
    "bancorp", "holdings", "savings", "federal", "securities", "airlines",
}  # fmt: skip


def names_a_firm(name: str) -> bool:
    """Whether a name the parse or a title took for a person's ("lead manager Credit Suisse
    said", "American Savings said") can only be a firm's."""
    words = name.split()
    last = words[-1].replace(".", "").lower()
    return name in FIRMS_NAMED_LIKE_PEOPLE or (len(words) > 1 and last in FIRM_ONLY_ENDINGS)


def names_a_body(name: str, titled: bool = False) -> bool:
    """Whether a speaker's name, not in the story's cast, is a body's: a company's ending
    ("General Motors Corp", "Data General") or initials ("NSPA", "IBM"), or a country in a
    longer name ("Statistics Canada"). One word alone ("Texaco", "Putin") says nothing either
    way: it stays a person, whom a later "he" may mean."""
    words = name.split()
    last = words[-1].replace(".", "").lower()  # "L.P.", "N.V."
    if last in COMPANY_ENDINGS or ORG_HEAD.search(name) or name in FIRMS_NAMED_LIKE_PEOPLE:
        return True
    if len(words) > 1 and not titled:
        if last == "general" and words[-2].lower() not in ROLE_SET:
            return True  # "Data General", "Media General"; an attorney general is a role
        parts = [p for w in words for p in w.split("-")]
        if any(country_named(w) and w not in PERSONAL_COUNTRIES for w in parts):
            return True  # "Statistics Canada", "Petro-Canada"
    return len(words) == 1 and not titled and re.fullmatch(r"[A-Z]{2,6}", name) is not None


# Countries that are also given names or surnames ("Michael Jordan", "Georgia Smith").
PERSONAL_COUNTRIES = frozenset("Jordan Georgia Chad Israel Kenya India".split())
# "Viacom said its offer ...", "Hughes said it had proposed ...": "it" refers back to the
# speaker, which is therefore a body.
IT_AFTER = re.compile(
    r"\s*(?:that\s+)?(?:its\s|it\s+(?:has|had|will|plans|planned|expects|expected|intends|"
    r"agreed|received|completed|signed|sold|bought|acquired|raised|filed|reported|earned|lost|"
    r"made|would|may|could|also|is\s+(?!not\b)\w+ing|was\s+\w+ing)\s+(?!been\b|be\b))"
)
