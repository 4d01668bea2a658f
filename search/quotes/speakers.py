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

from search.quotes.cast import (
    BODY_HEADS,
    Person,
    acronym,
    head_noun,
    name_gender,
    names_words,
)
from search.quotes.lexicon import (
    GENDERED_HONORIFICS,
    HONORIFICS,
    MONTHS,
    NAME_PARTICLES,
    ORG_HEAD,
    PLACE_HEADS,
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
    name_words_pattern,
    names_outlet,
)
from search.quotes.nations import country_named, is_nation, nation_words
from search.quotes.spans import NAMED, ORGANISATION, PRONOUN, ROLE, SURNAME, Cue

INTRO_ROLE_NAME = re.compile(
    rf"(?P<role>(?:(?:[A-Z][\w.’'-]*|[a-z][\w-]*)\s+){{0,6}}?(?i:{ROLE_NOUN})"
    rf"(?:\s+(?:of|to|for|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)??)?)\s+"
    rf"(?P<name>(?:{HONORIFICS}\s+)?{name_words_pattern(0, 3)})"
)
WORD = re.compile(r"[A-Za-z][\w-]*")
ROLE_PREFIX = re.compile(r"(?<![\w.’'-])(?:(?:[A-Z][\w.’'-]*|[a-z][\w-]*)\s+){0,6}\Z")
ROLE_TAIL = re.compile(
    r"[\w-]+\.?(?:\s+(?:of|to|for|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)??)?\s+"
    rf"(?P<name>(?:{HONORIFICS}\s+)?{name_words_pattern(0, 3)})"
)
ROLE_COMMA_NAME = re.compile(
    r"(?P<role>[\w-]+(?:\s+(?:of|to|for|at|on)\s+[^,.;:\n\"“”]{1,60}?)?),\s+"
    rf"(?P<name>{name_words_pattern(1, 3)})\s*,"
)
NAME_BEFORE = re.compile(rf"(?<![\w’'-])(?P<name>{name_words_pattern(1, 3)})\Z")
APPOSITIVE = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?(?P<before>[^,.;\n]{0,60})\Z")
ROLE_END = re.compile(r"[^,.;\n]{0,50}?(?=[,.;])")


def _role_words(text: str):
    """Each role noun ("ambassador", "Minister") in ``text``; a set lookup per word is far
    cheaper than one large case-insensitive alternation at every character."""
    for m in WORD.finditer(text):
        word = m.group().lower()
        if word in ROLE_SET or ("-" in word and ROLE_SET.intersection(word.split("-"))):
            yield m  # "Chairperson-in-Office Matteo Ferrante"
        elif word in TITLES and text[m.end() : m.end() + 2] == ". " and m.group()[0].isupper():
            yield m  # "Former Pennsylvania Gov. Ed Rendell"


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

    headline = title_case_headline(text)
    for role_word in _role_words(text):
        for role_start, role, name_start, name in _intros_at(text, role_word):
            if name_start in seen or not outside(role_start) or name_start < headline:
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
            person.gender = person.gender or gender or name_gender(name)
            person.nations |= nation_words(role)
            person.positions.append(name_start)
    for person in people.values():
        if person.role.lower().endswith("counterpart"):
            person.role = ""  # "his Russian counterpart" says only where they are from
    return sorted(people.values(), key=lambda p: p.positions[0])


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
    if tail:
        role_start = prefix.start() if prefix else at
        yield role_start, text[role_start : tail.start("name")], tail.start("name"), tail["name"]
    named_after = ROLE_COMMA_NAME.match(text, at)
    if named_after:  # "Moldova's Deputy Prime Minister for Reintegration, Cristina Popescu,"
        role_start = prefix.start() if prefix else at
        name_at = named_after.start("name")
        yield role_start, text[role_start : named_after.end("role")], name_at, named_after["name"]
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


def _after_sentence_end(role: str) -> str:
    """What follows the last full stop that ends a sentence (not an initial's, "U.S.", or an
    abbreviated title's), or a dateline's dash."""
    role = re.split(r"\s[-–—]+\s", role)[-1]
    words = role.split()
    for i in range(len(words) - 1, 0, -1):
        word = words[i - 1]
        if word.endswith(".") and not ABBREVIATED.fullmatch(word):
            return " ".join(words[i:])
    return role


def split_role_name(role: str, name: str) -> tuple[str, str]:
    """(name, role) from a role phrase and the capitalised words after it, or ("", "") when
    the words are no person's name."""
    # A role starts after the last sentence's end or dateline before it: "PARIS. IAEA
    # Director General", "Eduard Shevardnadze. Chief of Staff".
    role = _after_sentence_end(role)
    role = " ".join(
        TITLES.get(w[:-1].lower(), w) if w.endswith(".") else w for w in role.split()
    )  # "Pennsylvania Gov." is Pennsylvania's Governor
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
    after an honorific ("Mr. King") may be a word that is otherwise a role. A name ends at a
    possessive ("James Baker's plan" names James Baker), at a full stop that is no initial's
    ("Jeyhun Bayramov. Ferrante said"), and at a capitalised conjunction ("U.S. And Japan");
    a place ("Caspian Sea") or a nationality ("Qatari") is no name."""
    out: list[str] = []
    for i, raw in enumerate(tokens):
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
            out.append(owner)
            break
        out.append(t)
        if raw.endswith(".") and not ABBREVIATED.fullmatch(raw):
            break  # the sentence ends here
    while out and (out[-1] in STOP_CAPS or out[-1].lower() in NAME_PARTICLES):
        out.pop()
    if not out or out[0] in STOP_CAPS:
        return []
    if any(t.lower() in PRONOUN_FORMS for t in out):
        return []
    if not titled and all(t.lower() in ROLE_SET for t in out):
        return []
    if not titled and out[-1].lower() in ROLE_SET and len(out) > 1:
        if any(t.lower() in ROLE_SET or t.lower() in ROLE_MODIFIERS for t in out[:-1]):
            return []  # "Prime Minister", "Vice President": a title, not a name
    if len(out) > 1 and out[-1].lower() in PLACE_HEADS or all(is_nation(t) for t in out):
        return []
    return out


def role_words_only(role: str) -> str:
    """The role without the words before it that are not part of a title: "said Treasury
    Secretary" is "Treasury Secretary"; "Russian ambassador to Azerbaijan" and "EU foreign
    policy chief" stay whole."""
    words = role.split()
    nouns = [i for i, w in enumerate(words) if w.lower() in ROLE_SET]
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
        else:
            break
    return " ".join(words[start:])


# A word whose full stop ends no sentence: an initial ("G.K."), a title ("Gov.", "Lt.").
ABBREVIATED = re.compile(
    r"(?:[A-Z]\.)+|[A-Z][a-z]?\.|(?:Jr|Sr|St|Mt|Ft|Sgt|Del|"
    + "|".join(t.capitalize() for t in TITLES)
    + r")\."
)
LEAD = 600  # characters of the story's opening where a headline's speaker is introduced
SENTENCE_END = re.compile(r"[.!?][\"”’»']?\s+(?=[\"“‘«A-Z])|\n\s*\n")
BODY_NOUNS = frozenset(w.lower() for w in BODY_HEADS)
# Ranks that set one holder of a title apart from another: a deputy minister is not the
# minister.
RANKS = frozenset("deputy vice assistant first prime acting junior".split())
GENERIC_ROLES = frozenset("diplomat official envoy representative".split())


def role_agrees(mention: str, person: Person) -> bool:
    """Whether a role mention ("the Kazakh minister", "the Bank official") can name
    ``person``, from the role and countries the story introduced them with."""
    words = re.findall(r"[\w’'.-]+", mention.lower())
    role_words = set(re.findall(r"[\w’'.-]+", person.role.lower()))
    nouns = [w for w in words if w in ROLE_SET]
    noun = nouns[-1] if nouns else ""
    if not person.role and not person.nations:
        return False
    if noun not in GENERIC_ROLES and noun not in role_words:
        return False
    if noun not in GENERIC_ROLES and RANKS & set(words) != RANKS & role_words:
        return False
    nations = nation_words(mention)
    if nations and not nations & (person.nations | nation_words(person.role)):
        return False
    own = role_words | {w.lower() for w in person.name.split()}
    qualifiers = {
        w
        for w in words
        if w not in ("the", "this", "that", noun)
        and w not in ROLE_SET
        and not nation_words(w)
        and w not in ROLE_MODIFIERS - RANKS
    }
    if noun in GENERIC_ROLES:
        qualifiers |= {w for w in words if w in ROLE_MODIFIERS - RANKS}
    return qualifiers <= own | {"top", "senior", "former", "then", "country's", "nation's"}


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


class Resolver:
    """Resolves each mention, in reading order, to a person or organisation (or to none)."""

    def __init__(self, people: list[Person], text: str = "") -> None:
        self.people = people
        self.last_speaker: Person | None = None
        # Where sentences start, for "who the story is about" at a pronoun.
        self.sentences = [0] + [m.end() for m in SENTENCE_END.finditer(text)]
        # The headline's end: the first line, when a blank line or a dateline follows it.
        first = text.find("\n")
        self.headline = first if 0 < first < 200 else 0
        self.text = text
        self._mentions(text, people)

    def _mentions(self, text: str, people: list[Person]) -> None:
        """Every place the text names a person of the cast by surname, so that the subject
        of a sentence without a quote ("Rakhimov met students on Monday") counts when a
        later pronoun looks back."""
        by_surname = {p.surname: p for p in people if p.kind == "person" and " " in p.name}
        if not text or not by_surname:
            return
        words = "|".join(re.escape(n) for n in sorted(by_surname, key=len, reverse=True))
        for m in re.finditer(rf"(?<![\w-])(?:{words})(?![\w-])", text):
            person = by_surname[m.group()]
            if m.start() not in person.positions:
                person.positions.append(m.start())

    def resolve(self, cue: Cue) -> Person | None:
        mention = cue.mention
        low = mention.lower()
        person: Person | None
        body = (
            low.split()[-1] in BODY_NOUNS
            and low.startswith(("the ", "its "))
            or (cue.hint in ("unnamed", "organisation") and low.split()[-1] in BODY_NOUNS)
        )
        if body:
            # "the ministry said", "The Kyrgyz delegation said": the body the story named,
            # or, when it names one anew with a proper name, that body.
            person = self._organisation_back(low, cue.mention_start)
            named = [w for w in mention.split() if w not in STOP_CAPS]
            if person is None and any(w[:1].isupper() for w in named):
                person = self._organisation(mention)
        elif low == "it" and self.last_speaker is not None:
            person = self._it(cue.mention_start)  # "Greece said it had protested"
        elif cue.hint == "unnamed":
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
            person = self._named(mention, cue.end)
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

    def _sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentences, pos) - 1
        end = self.sentences[i + 1] if i + 1 < len(self.sentences) else 1 << 62
        return self.sentences[i], end

    def _pronoun(self, low: str, pos: int) -> Person | None:
        """ "he" or "she": who the story is about at that point. The people named in the
        pronoun's own sentence before it, else in the nearest sentence before it that names
        anybody; of those, the first named (the sentence's subject, as in "Minister A met
        his counterpart B. He said ..."), if their gender fits (as the text states it, or
        unknown). A person of the other gender is never chosen; with nobody left, the
        mention stays unresolved."""
        gender = PRONOUNS[low]
        if gender not in ("m", "f"):
            return None
        before = self._before(pos)
        if not before:
            return None
        start, _ = self._sentence_of(pos)
        if before[0][0] < start:
            start, _ = self._sentence_of(before[0][0])
        in_sentence = []
        for _, person in before:
            first = min((x for x in person.positions if start <= x < pos), default=None)
            if first is not None:
                in_sentence.append((first, person))
        for _, person in sorted(in_sentence, key=lambda item: item[0]):
            if person.gender in ("", gender):
                return person
        for _, person in before:
            if person.gender in ("", gender):
                return person
        return None

    def _role(self, low: str, pos: int) -> Person | None:
        """ "the minister", "the Kazakh minister", "the deputy minister": somebody introduced
        earlier with that role noun, whose title does not contradict the mention's words (a
        deputy is not the minister, the Kazakh minister is not the Russian one, "the Bank
        official" is nobody introduced without "Bank"). The last speaker if they fit, else the
        only one who fits; when two fit, nobody."""
        nouns = re.findall(rf"\b{ROLE_NOUN}\b", low)
        noun = nouns[-1] if nouns else ""
        if not noun:
            return None
        fits = [p for _, p in self._before(pos) if role_agrees(low, p)]
        if not fits and pos < self.headline:
            # "Russian minister says West not ready" over a story that names him after it
            fits = [
                p
                for p in self.people
                if p.kind == "person"
                and any(self.headline <= x < self.headline + LEAD for x in p.positions)
                and role_agrees(low, p)
            ]
        if self.last_speaker in fits:
            return self.last_speaker
        return fits[0] if len(fits) == 1 else None

    def _it(self, pos: int) -> Person | None:
        """ "it said": the body that spoke last, if the text named it in this sentence or the
        one before; a person is never "it"."""
        last = self.last_speaker
        if last is None or last.kind != "organisation":
            return None
        start, _ = self._sentence_of(pos)
        before, _ = self._sentence_of(max(0, start - 1))
        return last if any(before <= x < pos for x in last.positions) else None

    def _organisation_back(self, low: str, pos: int) -> Person | None:
        """ "the ministry", "the foreign ministry", "the embassy": the body with that head
        noun the story named last before it, if its name holds the mention's other words."""
        words = re.sub(r"^(?:the|its)\s+", "", low).split()
        if not words:
            return None
        head, others = words[-1], {w for w in words[:-1] if not nation_words(w)}
        best: tuple[int, Person] | None = None
        for p in self.people:
            if p.kind != "organisation" or head_noun(p.name) != head:
                continue
            if not others <= set(p.name.lower().split()):
                continue
            earlier = [x for x in p.positions if x <= pos]  # the mention may introduce it
            if earlier and (best is None or max(earlier) > best[0]):
                best = (max(earlier), p)
        return best[1] if best else None

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
            if p.kind == "organisation" and (
                p.name.lower() == name.lower() or name in p.aliases or name == acronym(p.name)
            ):
                return p  # "the IMF" for the International Monetary Fund named earlier
        org = Person(name=name, kind="organisation")
        self.people.append(org)
        return org

    def _named(self, mention: str, cue_end: int) -> Person | None:
        country = country_named(mention)
        if country:
            return self._organisation(country)  # "Greece said it had protested"
        if only_a_role(mention):
            # "Jordan's Foreign Minister said", "Moldova's Deputy Prime Minister, Cristina
            # Popescu, said": whoever holds that title, named by the time the cue ends.
            return self._role(mention.lower(), cue_end)
        bare = re.sub(rf"^{HONORIFICS}\s+", "", mention)
        if " " not in bare:
            known = self._known(bare)  # "Jordan said": Rep. Jim Jordan, not the country
            if known is not None:
                return known
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
        person = Person(name=name, role=role, gender=gender or name_gender(name))
        person.nations |= nation_words(role)
        self.people.append(person)
        self._mentions(self.text, [person])
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
    start = len(words)
    while start > 0 and (
        words[start - 1][:1].isupper() or words[start - 1].lower() in NAME_PARTICLES
    ):
        start -= 1
    if words and words[0][:1].isupper() and words[0] not in STOP_CAPS:
        first = clean_name_tokens(words, titled)
        last = clean_name_tokens(words[start:], titled) if start > 0 else []
        if len(last) >= 2 and len(first) == 1 and len(words[start:]) >= 2:
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
    rf"(?P<name>{name_words_pattern(0, 2)})"
)
