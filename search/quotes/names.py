"""What a name is: the words of a person's name without a title, a time phrase, a possessive
or a sentence's full stop; a role phrase split from the name it introduces; a mention that is
only a role. Pure functions over strings; nothing here imports Django.
"""

from __future__ import annotations

import re

from search.quotes.bodies import COMPANY_ENDINGS, GENERIC
from search.quotes.lexicon import (
    FEMALE_GIVEN_NAMES,
    GENDERED_HONORIFICS,
    HONORIFICS,
    MALE_GIVEN_NAMES,
    MONTHS,
    NAME_PARTICLES,
    ORG_HEAD,
    PEOPLE_NOUNS,
    PLACE_HEADS,
    PRONOUN_FORMS,
    ROLE_MODIFIERS,
    ROLE_NOUN,
    ROLE_SET,
    STOP_CAPS,
    TITLE_WORDS,
    TITLES,
    WEEKDAYS,
    name_words_pattern,
    names_outlet,
)
from search.quotes.nations import is_nation, is_place, nation_words

INTRO_ROLE_NAME = re.compile(
    rf"(?P<role>(?:(?:[A-Z][\w.’'-]*|[a-z][\w-]*)\s+){{0,6}}?(?i:{ROLE_NOUN})"
    rf"(?:\s+(?:of|to|for|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)??)?)\s+"
    rf"(?P<name>(?:{HONORIFICS}\s+)?{name_words_pattern(0, 3)})"
)
# A reporting verb that opens a sentence glued to the mention after it ("Said David
# Gluskin"); "Said Ali" is a name.
VERB_FIRST = re.compile(r"^(?:Said|Says|Added|Adds)\s+(?=\S+\s+\S)")
# "the Rev. Amos Pryor": a person named with a title, not a body named with "the".
THE_BEFORE_TITLE = re.compile(r"^the\s+(?=(?:" + "|".join(TITLE_WORDS) + r")\.\s+[A-Z])", re.I)
# A role that speaks for somebody whose name may run on past it: "spokeswoman for Maria".
SPOKEN_FOR = re.compile(rf"\b(?i:{ROLE_NOUN})\s+for\s+(?:the\s+)?[A-Z][\w’'-]*$")
# A word whose full stop ends no sentence: an initial ("G.K."), a title ("Gov.", "Lt.").
ABBREVIATED = re.compile(
    r"(?:[A-Z]\.)+|[A-Z][a-z]?\.|(?:Jr|Sr|St|Mt|Ft|Sgt|Del|"
    + "|".join(t.capitalize() for t in TITLES)
    + r")\."
)


def sentence_ends(word: str) -> bool:
    """Whether a word's full stop ends its sentence: not an initial's, "U.S." or "Gov."."""
    return word.endswith(".") and not ABBREVIATED.fullmatch(word)


def abbreviated_title(tokens: list[str], i: int) -> bool:
    """Whether ``tokens[i]`` is a title cut short ("Gov.", "Rep", "Lt.") before a name: with
    its full stop, or without one before two more capitalised words ("Gov Mike Pence"; "Gen
    Nakatani" may be a given name)."""
    word = tokens[i]
    if not word[:1].isupper() or word.rstrip(".").lower() not in TITLES:
        return False
    after = [t for t in tokens[i + 1 :] if t[:1].isupper()]
    return bool(after) and (word.endswith(".") or len(after) >= 2)


def honorific_gender(name: str) -> str:
    """ "m" or "f" when ``name`` opens with a gendered honorific ("Mr.", "Ms"), else ""."""
    first = name.split()[0].rstrip(".").lower() if name.split() else ""
    return GENDERED_HONORIFICS.get(first, "")


def _after_sentence_end(role: str) -> str:
    """What follows the last full stop that ends a sentence (not an initial's, "U.S.", or an
    abbreviated title's), or a dateline's dash."""
    role = re.split(r"\s[-–—]+\s", role)[-1]
    words = role.split()
    for i in range(len(words) - 1, 0, -1):
        word = words[i - 1]
        if sentence_ends(word):
            return " ".join(words[i:])
    return role


# The last word of a minister's portfolio or of the body a title heads, which a name written
# after it never starts with: "Minister of Foreign Affairs Murat Nurtleu", "Head of the
# Presidential Administration Samir Nuriyev".
PORTFOLIO_WORDS = frozenset(
    "Affairs Relations Development Cooperation Integration Trade Economy Industry Defence "
    "Defense Education Health Justice Finance Energy Security Agriculture Culture Tourism "
    "Transport Communications Reintegration Emergencies Labour Labor Environment Ecology "
    "Science Sport Sports Youth Investment Investments Innovation Policy Issues Matters "
    "Administration Office Service Committee Council Agency Ministry Department Commission "
    "Parliament Assembly Majlis Bank Fund Resources Irrigation Infrastructure Situations "
    "Protection Welfare Construction Housing Technologies Mining Fisheries".split()
)
# The names of parliaments, which end the body a speaker's title names ("Speaker of
# Kyrgyzstan's Jogorku Kenesh Nurlanbek Toktobaev") and are never a person's name.
LEGISLATURES = frozenset(
    "Kenesh Majlis Mazhilis Majlisi Duma Rada Knesset Sejm Seimas Saeima Senate Congress "
    "Bundestag Khural Hural Storting Riksdag Folketing Eduskunta Sabor Skupstina Riigikogu "
    "Sakartvelo Milli".split()
)
# Words that end a body's name inside a long title, besides a body's head noun or a place:
# "Secretary General of the Organization of Turkic States Kubanychbek Omurov".
BODY_NAME_ENDS = (
    PORTFOLIO_WORDS
    | LEGISLATURES
    | frozenset(
        "States Nations Emirates Republic Kingdom Federation Union Refugees Rights Organization "
        "Organisation Forces Staff Delegation Mission Embassy Secretariat Extraordinary "
        "Plenipotentiary Caucasus Balkans Sahel East".split()
    )
)


def ends_a_body(word: str) -> bool:
    """Whether a capitalised word can end the name of the body a title is held at: a body's
    head noun, a parliament, a place or a country ("Kazakhstan", "Kyrgyzstan's")."""
    bare = re.sub(r"[’']s$", "", word.rstrip(".,"))
    return bare != word or bare in BODY_NAME_ENDS or body_word(bare) or is_place(bare)


def long_title_name(words: list[str]) -> int:
    """Where the name starts in the capitalised words after a title's "of" ("the
    Organization of Turkic States Kubanychbek Omurov", "the Presidential Administration of
    Kazakhstan Aibek Zhaksylykov"): after the last word that ends the body, when two or three
    words of a name follow it; else -1."""
    end = max((i for i, w in enumerate(words) if ends_a_body(w)), default=-1)
    name = words[end + 1 :]
    if end < 0 or not 2 <= len(name) <= 3:
        return -1
    if any(w.lower() in ROLE_SET or w in STOP_CAPS or is_nation(w) for w in name):
        return -1
    return end + 1


def split_role_name(role: str, name: str) -> tuple[str, str]:
    """(name, role) from a role phrase and the capitalised words after it, or ("", "") when
    the words are no person's name."""
    # A role starts after the last sentence's end or dateline before it: "PARIS. IAEA
    # Director General", "Eduard Shevardnadze. Chief of Staff".
    role = _after_sentence_end(role)
    role = " ".join(
        TITLES.get(w[:-1].lower(), w) if w.endswith(".") else w for w in role.split()
    )  # "Pennsylvania Gov." is Pennsylvania's Governor
    role = re.sub(r"\bFM\b", "Foreign Minister", role)  # "Georgian FM Levan Tsiklauri"
    role = re.sub(r"\bPM\b", "Prime Minister", role)  # "Armenian PM Arman Hakobyan"
    name = re.sub(rf"^{HONORIFICS}\s+", "", VERB_FIRST.sub("", " ".join(name.split())))
    tokens = name.split()
    if role.split() and sentence_ends(role.split()[-1]):
        return "", ""  # "... the nominee. By Morrow's own account": another sentence
    if len(tokens) == 1 and SPOKEN_FOR.search(role):
        return "", ""  # "a spokeswoman for Maria Delgado": no person called Delgado
    # Capitalised role words swallowed into the name ("Foreign Minister Olga Petrova",
    # "Pennsylvania Gov. Ed Rendell"): the name starts after the last of them.
    last_role = max(
        (
            i
            for i, t in enumerate(tokens[:-1])
            if t.lower().strip(".,") in ROLE_SET or abbreviated_title(tokens, i)
        ),
        default=-1,
    )
    if last_role >= 0:
        swallowed = (TITLES.get(t.rstrip(".").lower(), t) for t in tokens[: last_role + 1])
        role = f"{role} {' '.join(swallowed)}"
        tokens = tokens[last_role + 1 :]
    while len(tokens) > 2 and tokens[0] in PORTFOLIO_WORDS:
        role = f"{role} {tokens.pop(0)}"  # "Minister for Political Affairs Hossein Rahimi"
    house = max((i for i, t in enumerate(tokens[:-2]) if t in LEGISLATURES), default=-1)
    if house >= 0:  # "Speaker of Kyrgyzstan's Jogorku Kenesh Nurlanbek Toktobaev"
        role = f"{role} {' '.join(tokens[: house + 1])}"
        tokens = tokens[house + 1 :]
    lone = len(tokens) == 1 and (tokens[0].rstrip(".,") in BODY_NAME_ENDS or body_word(tokens[0]))
    if lone or tokens and tokens[-1] in LEGISLATURES:
        return "", ""  # "the head of the Milli Majlis", "Minister of Digital Development and"
    while len(tokens) > 2 and tokens[0] in STOP_CAPS | OPENERS:
        tokens.pop(0)  # "Although Jon Wells, an analyst, said"
    # The end of the body a title is held at, read into the name: "president of Prairie
    # Futures Co Hal Marsh", "Under Secretary at Main Street Ann Cole".
    body_end = max((i for i, t in enumerate(tokens[:-1]) if body_word(t)), default=-1)
    if body_end >= 0:
        if len(tokens) - body_end - 1 < 2:
            return "", ""  # no name of two words after it: the words are the body's
        role = f"{role} {' '.join(tokens[: body_end + 1])}"
        tokens = tokens[body_end + 1 :]
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


TITLE_NAMES = frozenset(TITLES.values())  # "Delegate", "Reverend": a role, written out
# Words that open a clause, capitalised at a sentence's start, which no name begins with.
OPENERS = frozenset(
    "Although Though While Whereas Because Since Unless Despite By From Through Without "
    "Among Amid Unlike Moreover Furthermore Nevertheless Nonetheless Instead Thus".split()
)


def body_word(word: str) -> bool:
    """Whether a capitalised word ends a body's or a place's name ("Co", "Exchange", "Street",
    "Securities"), which no person's name holds before its last word."""
    bare = word.rstrip(".,")
    low = bare.lower()
    return bare[:1].isupper() and (
        low in COMPANY_ENDINGS or low in PLACE_HEADS or ORG_HEAD.fullmatch(bare) is not None
    )


COMPASS = frozenset("north south east west northern southern eastern western".split())


TICKER = re.compile(r"[<\[]?[A-Z0-9]{2,6}\.[A-Z]{1,2}[>\]]?")
# What a beauty pageant is named for, after "Miss": "former Miss Universe Daniela Ortega" is
# Daniela Ortega, "a former Miss Universe" no name at all.
PAGEANTS = frozenset("Universe World Earth International America USA Teen".split())


def pageant_length(words: list[str]) -> int:
    """How many of the words after "Miss" name a pageant ("Universe", "Teen USA", "Venezuela")
    rather than a woman; all of them when the pageant ends a sentence or a clause ("a former
    Miss Universe. Rivera said"): the words after it name nobody she is."""
    n = 0
    while n < len(words):
        word = words[n].rstrip(".,;:")
        if not (word in PAGEANTS or is_place(word) or is_nation(word)):
            break
        n += 1
        if word != words[n - 1]:
            return len(words)
    return n


def clean_name_tokens(tokens: list[str], titled: bool = False) -> list[str]:
    """A name's words, without what is not part of a name: a trailing time phrase ("on
    Monday"), a pronoun, a stray full stop, a role word. Empty when nothing is left. A name
    after an honorific ("Mr. King") may be a word that is otherwise a role. A name ends at a
    possessive ("James Baker's plan" names James Baker; "Obama's strategist" names nobody),
    at a full stop that is no initial's ("Jeyhun Bayramov. Ferrante said"), and at a
    capitalised conjunction ("U.S. And Japan"); a place ("Caspian Sea") or a nationality
    ("Qatari") is no name."""
    if any(TICKER.fullmatch(t) for t in tokens):
        return []  # "PVNI.MI", a stock's code in "Pavoni SpA <PVNI.MI>", names nobody
    if tokens[:1] == ["Miss"] and pageant_length(tokens[1:]):
        tokens = tokens[1 + pageant_length(tokens[1:]) :]  # "Miss Universe Daniela Ortega"
    out: list[str] = []
    for i, raw in enumerate(tokens):
        if not out and abbreviated_title(tokens, i):
            continue  # "Gov. Mike Pence" is Mike Pence; the title is his role
        t = raw if re.fullmatch(r"(?:[A-Z]\.)+", raw) else raw.rstrip(".,")
        low = t.lower()
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if low in WEEKDAYS or t.isdigit() or (low in MONTHS and following[:1].isdigit()):
            break  # a time phrase follows the name ("Theresa May" is a name, "May 3" a date)
        if out and t in STOP_CAPS:
            break  # "Paul Volcker Besides", "U.S. And Japan"
        arabic = re.match(r"(?:al|el|ad|as|ash|at|az|ar|an)-[A-Z]", t)
        if not t[:1].isupper() and low not in NAME_PARTICLES and not arabic:
            break  # "Anna Karenina on Monday": the name stops at the first plain word
        possessive = re.search(r"[’']s?$", t) and not re.search(r"[’'][a-z]{2,}", t)
        if possessive:
            owner = re.sub(r"[’']s?$", "", t)
            rest = tokens[i + 1 : i + 3]
            if not out and len(rest) == 2 and all(r[:1].isupper() for r in rest):
                continue  # "NBC's Dante Chinni", "Russia's Sergei Lavrov": the name follows
            if any(r.lower().strip(".,") in ROLE_SET | PEOPLE_NOUNS for r in tokens[i + 1 :]):
                return []  # "Obama's former campaign strategist": the owner is not the one
            out.append(owner)
            break
        out.append(t)
        if sentence_ends(raw):
            break  # the sentence ends here
    while out and (out[-1] in STOP_CAPS or out[-1].lower() in NAME_PARTICLES):
        out.pop()
    if not out or out[0] in STOP_CAPS:
        return []
    if any(t.lower() in PRONOUN_FORMS for t in out):
        return []
    if not titled and all(t.lower() in ROLE_SET for t in out):
        return []
    if not titled and len(out) == 1 and out[0] in GENERIC:
        return []  # "Consolidated said": a company's name cut short names no one
    if not titled and out[-1].lower() in ROLE_SET and len(out) > 1:
        if any(t.lower() in ROLE_SET or t.lower() in ROLE_MODIFIERS for t in out[:-1]):
            return []  # "Prime Minister", "Vice President": a title, not a name
        if all(is_nation(t) or t.lower() in COMPASS for t in out[:-1]):
            return []  # "U.K. Economist", "West German Banker": a nationality and a role
    if len(out) > 1 and out[-1].lower() in PLACE_HEADS or all(is_nation(t) for t in out):
        return []
    return out


def role_words_only(role: str) -> str:
    """The role without the words before it that are not part of a title: "said Treasury
    Secretary" is "Treasury Secretary"; "Russian ambassador to Azerbaijan" and "EU foreign
    policy chief" stay whole."""
    words = role.split()
    nouns = [i for i, w in enumerate(words) if w.lower() in ROLE_SET or w in TITLE_NAMES]
    if not nouns:
        return role
    # The last title's run of words: "Russian President Vladimir Putin and Azerbaijani
    # President" is "Azerbaijani President".
    start = nouns[0]
    for i in nouns[1:]:
        if any(w.lower() in ("and", "or", "with") for w in words[start:i]):
            start = i
    while start > 0:
        word = words[start - 1]
        if word[:1].isupper() or word.lower() in ROLE_MODIFIERS:
            start -= 1
        elif (
            start >= 3
            and words[start - 2 : start] == ["to", "the"]
            and words[start - 3][:1].isupper()
        ):
            start -= 3  # "Assistant to the President of Azerbaijan"
        else:
            break
    return " ".join(words[start:])


def only_a_role(mention: str) -> bool:
    """Whether a mention names a role and no person: "Jordan's Foreign Minister", "Moldova's
    Deputy Prime Minister for Reintegration", "the U.S. envoy"."""
    m = INTRO_ROLE_NAME.fullmatch(mention)
    if m and split_role_name(m["role"], m["name"])[0]:
        return False  # "Russian ambassador to Azerbaijan Mikhail Bocharnikov" names him
    title = re.split(r"\s+(?:of|for|to|on)\s+", mention, maxsplit=1)[0]
    words = [re.sub(r"[’']s$", "", w).rstrip(".,") for w in title.split()]
    if not words or words[-1].lower() not in ROLE_SET:
        return False
    return all(
        w.lower() in ROLE_SET or w.lower() in ROLE_MODIFIERS or w.lower() == "the" or is_nation(w)
        for w in words
    )


def name_parts(name: str) -> set[str]:
    """The words of a name and the parts of its hyphenated words ("al-Khalifi" gives
    "Khalifi")."""
    parts = set()
    for word in name.split():
        parts.add(word)
        parts.update(p for p in word.split("-") if p[:1].isupper())
    return parts


def trailing_name(words: list[str], titled: bool = False) -> tuple[str, str]:
    """(name, what comes before it) from a mention: the name is its last run of capitalised
    words ("longtime Democratic pollster Pat Caddell" is Pat Caddell); a mention that opens
    with a name is that name, cleaned ("Anna Karenina on Monday")."""
    start = len(words)
    while start > 0 and (
        words[start - 1][:1].isupper() or words[start - 1].lower() in NAME_PARTICLES
    ):
        start -= 1
    if words and words[0][:1].isupper() and words[0] not in STOP_CAPS:
        first = clean_name_tokens(words, titled)
        last = clean_name_tokens(words[start:], titled) if start > 0 else []
        if len(last) >= 2 and len(first) <= 1 and len(words[start:]) >= 2:
            # "MSNBC host Chris Matthews", "Kremlin aide Yuri Ushakov": the name is last
            return " ".join(last), " ".join(words[:start])
        return " ".join(first), ""
    start = len(words)
    while start > 0 and (
        words[start - 1][:1].isupper() or words[start - 1].lower() in NAME_PARTICLES
    ):
        start -= 1
    name = clean_name_tokens(words[start:], titled)
    return " ".join(name), " ".join(words[:start])


def has_role(words: str) -> bool:
    return any(w.lower() in ROLE_SET for w in words.split())


def title_off(mention: str) -> tuple[str, str]:
    """("Tim Kaine", "Senator") from "Sen. Tim Kaine", ("Dan Patrick", "Lieutenant Governor")
    from "Lt. Gov. Dan Patrick": an abbreviated title before a name is the person's role, not
    part of the name."""
    words = mention.split()
    titles = []
    while len(words) > 1 and abbreviated_title(words, 0):
        titles.append(TITLES[words.pop(0).rstrip(".").lower()])  # "Lt. Gov. Dan Patrick"
    return " ".join(words), " ".join(titles)


# Words that open a mention of more than one speaker: "Both Bass and Horizon said".
MANY_OPENERS = frozenset("Both Neither Either".split())
# A person named with where they work or come from: "Analyst Tim Harris of Phillips",
# "King Fahd of Saudi Arabia".
AFFILIATION = re.compile(
    r"(?P<who>.*?[A-Z][\w'’.-]*)\s+(?P<aff>(?:of|at|from|with)\s+(?:the\s+)?[A-Z][^,;]*)"
)


def works_at_a_firm(mention: str) -> bool:
    """Whether a mention is a person named with the firm they work at: "Marsh of Kestrel
    Corp", "Pavel Brandt of Osprey Securities Corp"; not "Alder Motors of America Inc"."""
    m = AFFILIATION.fullmatch(mention)
    if m is None or ORG_HEAD.search(m["who"]) or len(m["who"].split()) > 3:
        return False
    who = m["who"].split()
    if not all(w[:1].isupper() for w in who) or body_word(who[-1]) or nation_words(m["who"]):
        return False
    firm = m["aff"].split()[1:]
    if firm[:1] == ["the"] or any(is_place(" ".join(firm[:k])) for k in (1, 2, 3)):
        return False  # "Alder Motors of America Inc", "Kopje Mines of South Africa Ltd"
    if nation_words(firm[0]) or firm[0].lower() in COMPASS:
        return False  # "Birch Cars of North America Inc"
    if who[-1].endswith("s") and body_word(who[-1][:-1]):
        return False  # "Cedar Banks of Ohio Inc": one body
    last = firm[-1].rstrip(".,").lower()
    return last in COMPANY_ENDINGS or ORG_HEAD.fullmatch(m["aff"].split()[-1]) is not None


PLURAL_HEADS = frozenset(
    """
dealers traders analysts sources officials bankers economists experts observers diplomats
executives people residents witnesses lawmakers aides attorneys lawyers directors
shareholders managers employees workers brokers
""".split()
)


def names_somebody(words: str) -> bool:
    """Whether ``words`` hold a name besides a role and a country: "Analyst Tim Harris", not
    "U.K. Chancellor" or "the Bank"."""
    if " " not in words or ORG_HEAD.search(words):
        return False
    if words.split()[-1].lower() in ROLE_SET:
        return False  # "Army Chief" of "Army Chief of Staff Tomas Ruiz Vega": a title alone
    return any(
        w[:1].isupper() and w.lower() not in ROLE_SET and not nation_words(w) and w != "The"
        for w in words.split()
    )


def many_unnamed(mention: str, name: str) -> bool:
    """Whether a mention names unnamed people by what they do, its name only the sentence's
    opening word ("Money market dealers in Paris", "Oil traders")."""
    words = mention.split()
    return (
        len(words) > 1
        and words[0] == name
        and words[1][:1].islower()
        and any(w.lower() in PLURAL_HEADS for w in words[1:])
    )


def full_name_in(text: str, surname: str) -> str:
    """The whole name the story gives a person it also calls by ``surname`` alone: "Sergei
    Lavrov" for "Lavrov said", written in the headline, before or after. The given name is
    the capitalised word right before the surname, no title, country or sentence opener;
    "" when the story writes none, or two different ones (two Aliyevs)."""
    given: set[str] = set()
    doubt: set[str] = set()
    pattern = rf"(?:(\S+)\s+)?(?<![\w’'.-])([A-Z][\w’'-]+)\s+{re.escape(surname)}(?![\w’'-])"
    for m in re.finditer(pattern, text):
        before, word = m[1] or "", m[2]
        low = word.lower()
        titled = before.lower().strip(".,") in ROLE_SET | TITLES.keys() | GENDERED_HONORIFICS.keys()
        opens = not titled and (not before or re.search(r"[.!?:\"”’]$", before) is not None)
        if before[:1].isupper() and not titled and not opens:
            continue  # "the Washington Post Trump poll": the word is another name's
        if opens and low not in FEMALE_GIVEN_NAMES | MALE_GIVEN_NAMES:
            doubt.add(word)  # "Senior Democrats met": maybe a capital for the sentence's sake
            continue
        if (
            low in ROLE_SET
            or low in PRONOUN_FORMS
            or word in STOP_CAPS | OPENERS | TITLE_NAMES | PORTFOLIO_WORDS
            or low in TITLES
            or low in MONTHS
            or low in WEEKDAYS
            or re.search(r"[’']s$", word)
            or nation_words(word)
            or is_place(word)
            or body_word(word)
        ):
            continue
        given.add(word)
    # a word that opens a sentence and is written in lower case elsewhere ("Rival Hillary
    # Clinton", "a rival") is no given name
    doubt = {w for w in doubt - given if not re.search(rf"\b{w.lower()}\b", text)}
    if len(given) != 1 or doubt:
        return ""
    return f"{given.pop()} {surname}"
