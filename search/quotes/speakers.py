"""Who each mention refers to, against the story's cast (``cast``): a full name, a surname, a
role noun that agrees with the title and country the person was introduced with (``titles``),
a pronoun by who the sentence is about, a body referred back to ("the ministry",
``body_mentions``). When the evidence is weak or two fit, nobody: a quote without a speaker
is better than one with the wrong name. Pronouns, role nouns and time phrases never become
names or aliases.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from search.quotes.bodies import (
    COMPANY_ENDINGS,
    POSSESSIVE_END,
    companies,
    company_named,
    names_a_body,
    strip_ticker,
)
from search.quotes.body_mentions import (
    BODY_NOUNS,
    LEAD,
    NAMED_SOON,
    BodyMentions,
    based,
    never_named,
)
from search.quotes.cast import (
    Person,
    inside_quotes,
    names_words,
    role_nations,
)
from search.quotes.genders import name_gender
from search.quotes.kinds import merge_same_bodies
from search.quotes.lexicon import (
    HONORIFICS,
    ORG_HEAD,
    PRONOUNS,
    ROLE_NOUN,
    SPEECH_NOUNS,
    STOP_CAPS,
    UNNAMED_HEADS,
    UNNAMED_OPENERS,
    names_outlet,
)
from search.quotes.names import (
    AFFILIATION,
    INTRO_ROLE_NAME,
    MANY_OPENERS,
    THE_BEFORE_TITLE,
    VERB_FIRST,
    ends_a_body,
    full_name_in,
    has_role,
    honorific_gender,
    many_unnamed,
    name_parts,
    names_somebody,
    only_a_role,
    role_words_only,
    split_role_name,
    title_off,
    trailing_name,
    works_at_a_firm,
)
from search.quotes.nations import country_named, is_place, own_nations
from search.quotes.spans import CARRIED, NAMED, ORGANISATION, PRONOUN, ROLE, SURNAME, Cue
from search.quotes.titles import GENERIC_KINDS, HEAD_OF, host_country, role_agrees

SENTENCE_END = re.compile(r"[.!?][\"”’»']?\s+(?=[\"“‘«A-Z])|\n\s*\n")
# "according to him": the pronoun as a subject.
OBJECT_PRONOUNS = {"him": "he", "her": "she"}
# A pronoun that opens the words a speaker reports, which are about the speaker: "Ospan said
# her embassy", "Tamm said he would".
OWN_PRONOUN = re.compile(r"[ \t]+(?:that[ \t]+)?(she|he|her|his)\b")
OWN_GENDER = {"she": "f", "her": "f", "he": "m", "his": "m"}
# "Al-Tayeb said" at a sentence's start for Omar al-Tayeb.
ARTICLE_CAPITAL = re.compile(r"^(?:Al|El)-")


def same_surname(written: str, surname: str) -> bool:
    """Whether a word the text writes is ``surname``, an article capitalised at a sentence's
    start ("Al-Tayeb") included."""
    return written == surname or (
        ARTICLE_CAPITAL.match(written) is not None and written[0].lower() + written[1:] == surname
    )


# "A spokesman for the ministry said": an unnamed spokesman speaks for the body.
_SPEAKS_FOR = (
    r"(?:(?:chief|senior|official)\s+)?(?:spokesman|spokeswoman|spokesperson|press\s+secretary|"
    r"press\s+service|press\s+office)"
)
SPOKESMAN_FOR = re.compile(rf"(?i:(?:a|an|the)\s+{_SPEAKS_FOR}\s+(?:for|of|at)\s+)(?P<body>.+)")
# The words set after a name between commas: "Elena Moretti, the IMF's mission chief, said".
APPOSITIVE = re.compile(r",\s+(?P<role>[^,.;\n]{3,80}),")
# "The State Department's spokesman said", "the ministry's press service said".
BODYS_SPOKESMAN = re.compile(rf"(?P<body>.+?)['’]s\s+(?i:{_SPEAKS_FOR})")
# A focusing adverb before the speaker's name: "Even China said", "Only Hungary objected".
FOCUS_FIRST = re.compile(r"^(?:Even|Only|Still|Indeed)\s+(?=[A-Z])")
# "The statement said": a document the last speaker issued, which speaks for them.
DOCUMENT_BACK = re.compile(
    r"(?i:the|that|this|(?:mon|tues|wednes|thurs|fri|satur|sun)day['’]s)\s+"
    r"(?P<noun>statement|commentary|communiqu[eé]|declaration|letter|release)"
)
DOCUMENT_SENTENCES = 3
# How far back "she" or "he" looks for a second person it could be.
PRONOUN_SENTENCES = 3  # how many sentences after its cue a document is referred back to


class Resolver(BodyMentions):
    """Resolves each mention, in reading order, to a person or organisation (or to none)."""

    def __init__(
        self, people: list[Person], text: str = "", quoted: list[tuple[int, int]] = ()
    ) -> None:
        self.people = people
        # The direct quotes' spans: a name a speaker says is no mention of who the story
        # is about ("'Ghasemi has given us his word,' she said").
        self.quoted = sorted(quoted)
        self.last_speaker: Person | None = None
        self.spoken: list[Person] = []  # everybody a cue has given words to, in order
        self.press_body: Person | None = None  # whose press service spoke last
        # Where the last cue named its speaker, and who that was (None when nobody).
        self.last_cue: tuple[int, Person | None] = (-1, None)
        # Where the last cue that named a speaker by a role found nobody.
        self.unresolved_role = -1
        # Where sentences start, for "who the story is about" at a pronoun.
        self.sentences = [0] + [m.end() for m in SENTENCE_END.finditer(text)]
        # The headline's end: the first line, when a blank line or a dateline follows it.
        first = text.find("\n")
        self.headline = first if 0 < first < 200 else 0
        self.text = text
        self.host = host_country(text)  # the dateline's country
        merge_same_bodies(people)  # "State Department" in a title, the U.S. one named first
        # The bodies the story introduces, with where, before any mention adds to them.
        self.introduced = [(p, tuple(p.positions)) for p in people if p.kind == "organisation"]
        self.bodies = companies(text)  # the companies it introduces, and their short names
        for p in people:
            full = company_named(p.name, self.bodies)
            if full and (p.kind == "person" or full != p.name):
                # "Baker Hughes", taken for a person, is Baker Hughes Inc; "Bank of New
                # York" is Bank of New York Co
                p.kind, p.name, p.role, p.gender = "organisation", full, "", ""
            elif p.kind == "person" and is_place(p.name):
                p.kind, p.role = "organisation", ""  # a place is never a person
        self._mentions(text, people)

    def _mentions(self, text: str, people: list[Person]) -> None:
        """Every place the text names a person of the cast by surname, so that the subject
        of a sentence without a quote ("Rakhimov met students on Monday") counts when a
        later pronoun looks back."""
        by_surname = {p.surname: p for p in people if p.kind == "person" and " " in p.name}
        by_surname |= {
            n[0].upper() + n[1:]: p for n, p in by_surname.items() if re.match(r"(?:al|el)-", n)
        }
        if not text or not by_surname:
            return
        words = "|".join(re.escape(n) for n in sorted(by_surname, key=len, reverse=True))
        for m in re.finditer(rf"(?<![\w-])(?:{words})(?![\w-])", text):
            if inside_quotes(self.quoted, m.start()):
                continue
            person = by_surname[m.group()]
            if m.start() not in person.positions:
                person.positions.append(m.start())

    def resolve(self, cue: Cue) -> Person | None:
        person = self._resolve(cue)
        self.last_cue = (cue.mention_start, person)
        if person is None and self._somebody_else(cue):
            self.unresolved_role = cue.mention_start  # "a senior diplomat said", nobody
        if person is not None and person.kind == "person" and not person.gender:
            # "Ospan said her embassy had issued 2,000 visas": the words are about herself
            own = OWN_PRONOUN.match(self.text, cue.end)
            person.gender = OWN_GENDER[own[1]] if own else ""
        return person

    def _resolve(self, cue: Cue) -> Person | None:
        mention = strip_ticker(cue.mention) or cue.mention  # "Amgen Inc <AMGN.O>"
        mention = VERB_FIRST.sub("", mention)  # "Said David Gluskin", "Said one analyst"
        mention = FOCUS_FIRST.sub("", mention)  # "Even China said"
        mention = THE_BEFORE_TITLE.sub("", mention)  # "the Rev. Amos Pryor said"
        if cue.verb in SPEECH_NOUNS and " " not in mention:
            mention = POSSESSIVE_END.sub("", mention) or mention  # "Trump's claim that"
        low = mention.lower()
        low = OBJECT_PRONOUNS.get(low, low)
        if never_named(mention) and self._known(mention) is None:
            return None  # "Monday said", "The Europeans said"; but Theresa May is "May"
        person: Person | None
        body = not HEAD_OF.match(low) and (  # "the head of the ministry" is a person
            low.split()[-1] in BODY_NOUNS
            and low.startswith(("the ", "its "))
            or (cue.hint in ("unnamed", "organisation") and low.split()[-1] in BODY_NOUNS)
        )
        document = DOCUMENT_BACK.fullmatch(mention)
        if document:
            person = self._document_author(document["noun"].lower(), cue.mention_start)
            if person is not None:
                cue.how = CARRIED  # the words go on in the last speaker's statement
            return person
        if cue.hint == "common" and not self._a_name_elsewhere(mention, cue.mention_start):
            return None  # "Development said": a capital for the sentence's sake, no name
        named_at = self._named_at(cue)  # the person whose introduced name ends the mention
        here = self._introduced_in(cue, mention) or named_at
        spokesman = SPOKESMAN_FOR.fullmatch(mention) or BODYS_SPOKESMAN.fullmatch(mention)
        served = self._served(mention, spokesman["body"] if spokesman else "", cue.mention_start)
        if served is not False:
            # "the ministry's press service said", "a spokesman for the department said",
            # "the Kremlin press service said", "a statement from the ministry said"
            person = served
        elif here is not None:
            person = here
        elif body:
            # "the ministry said", "The Kyrgyz delegation said": the body the story named,
            # or, when it names one anew with a proper name, that body.
            person = self._organisation_back(low, cue.mention_start)
            named = [w for w in mention.split() if w not in STOP_CAPS and not based(w)]
            if person is None and any(w[:1].isupper() for w in named):
                person = self._organisation(mention)
            elif person is None:
                person = self._described_before(low, cue.mention_start)
        elif low == "it":
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
            and not works_at_a_firm(mention)
        ):
            person = self._organisation(mention)
        else:
            person = self._named(mention, cue.end)
            if person is not None and person.kind == "person" and self._said_it(person, cue):
                person = self._as_body(person)
        if person is not None:
            cue.how = NAMED if person is named_at else self._how(person, mention, low)
            person.add_alias(mention)
            person.positions.append(cue.mention_start)
            if low in ("he", "she") and not person.gender:
                person.gender = PRONOUNS[low]
            self.last_speaker = person
            self.spoken.append(person)
        return person

    def _somebody_else(self, cue: Cue) -> bool:
        """Whether a cue that found nobody names a person by role that is nobody the story
        named before: unnamed ("a senior diplomat"), or a title that every person named before
        it, each with a title of their own, failed to fit ("the Armenian minister")."""
        low = cue.mention.lower()
        if not re.search(rf"\b{ROLE_NOUN}\b", low):
            return False
        if low.split()[0] in UNNAMED_OPENERS or cue.hint == "unnamed":
            return True
        before = self._before(cue.mention_start)
        return bool(before) and all(p.role for _, p in before)

    @staticmethod
    def _how(person: Person, mention: str, low: str) -> str:
        """How the mention led to ``person``: one of the ATTRIBUTIONS."""
        if person.kind == "organisation":
            return ORGANISATION
        if low in PRONOUNS:
            return PRONOUN
        if person.name in mention:
            return NAMED
        shared = names_words(mention) & names_words(person.name)
        return SURNAME if shared or same_surname(mention.split()[-1], person.surname) else ROLE

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
        mention stays unresolved. "she" for a person of no known gender while a woman was
        named a few sentences back is either of them, so nobody; "he" is not held to that,
        the officials of this copy being mostly men whose gender it never states."""
        gender = PRONOUNS[low]
        if gender not in ("m", "f"):
            return None
        before = self._before(pos)
        if not before or self.unresolved_role > before[0][0]:
            return None  # "The Armenian minister said ... 'We will answer,' he said": him
        start, _ = self._sentence_of(pos)
        if before[0][0] < start:
            start, _ = self._sentence_of(before[0][0])
        in_sentence = []
        for _, person in before:
            first = min((x for x in person.positions if start <= x < pos), default=None)
            if first is not None:
                in_sentence.append((first, person))
        for _, person in sorted(in_sentence, key=lambda item: item[0]) + before:
            if person.gender == gender:
                return person
            if not person.gender:
                return None if gender == "f" and self._other_of(gender, person, pos) else person
        return None

    def _other_of(self, gender: str, person: Person, pos: int) -> bool:
        """Whether somebody besides ``person`` whom the story shows to be of ``gender`` was
        named in the last few sentences before ``pos``: then "she" may be either of them."""
        here = bisect.bisect_right(self.sentences, pos) - 1
        since = self.sentences[max(0, here - PRONOUN_SENTENCES)]
        return any(
            p is not person and p.gender == gender and x >= since for x, p in self._before(pos)
        )

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
        fits = self._fitting(low, pos, role_agrees)
        if not fits and self.host and self.host in own_nations(low):
            # "the Georgian deputy foreign minister" in a story from Tbilisi that names its
            # host's officials by title alone: somebody of no country the story says
            fits = self._fitting(low, pos, self._agrees_at_home)
        kinds = GENERIC_KINDS.get(noun, frozenset())
        if any(kinds & set(p.role.lower().split()) for p in fits):
            fits = [p for p in fits if kinds & set(p.role.lower().split())]
        if self.last_speaker in fits:
            return self.last_speaker
        return fits[0] if len(fits) == 1 else None

    def _agrees_at_home(self, low: str, person: Person, introduced: str = "") -> bool:
        """Whether the role mention fits ``person`` as an official of the dateline's country,
        when nothing the story says of them gives them a country."""
        if person.nations or role_nations(person.role) or own_nations(introduced):
            return False
        return role_agrees(low, replace(person, nations={self.host}), introduced)

    def _fitting(self, low: str, pos: int, agrees) -> list[Person]:
        """The people ``agrees`` says a role mention at ``pos`` can name: those mentioned
        before it, else, at the headline or the lead, those the story names right after."""
        fits = [p for _, p in self._before(pos) if agrees(low, p, self._introduced_as(p))]
        if not fits and pos <= self.headline:
            # "Russian minister says West not ready" over a story that names him after it
            fits = [
                p
                for p in self.people
                if p.kind == "person"
                and any(self.headline <= x < self.headline + LEAD for x in p.positions)
                and agrees(low, p)
            ]
        elif not fits and pos < self.headline + LEAD and not self._before(pos):
            # "..., the Armenian foreign minister said." opening a story that names him in
            # the next sentence or two, before it names anybody else
            fits = [
                p
                for p in self.people
                if p.kind == "person"
                and p.positions
                and pos < self._first_named(p) < pos + NAMED_SOON
                and agrees(low, p)
            ]
        return fits

    def _first_named(self, person: Person) -> int | None:
        """Where the story first writes the person's name; not a headline's "deputy FM" that
        was found to be them."""
        named = [x for x in person.positions if self.text.startswith(person.name, x)]
        return min(named or person.positions, default=None)

    def _introduced_as(self, person: Person) -> str:
        """The words the story set beside a person's name where it first wrote it, which the
        title kept may have lost: "The International Monetary Fund's mission chief for Egypt"
        before ", Elena Moretti," or "the IMF's mission chief" after "Elena Moretti, "."""
        at = self._first_named(person)
        if at is None:
            return ""
        start, _ = self._sentence_of(at)
        before = self.text[start:at].rsplit(",", 1)
        before_words = before[0] if len(before) > 1 and not before[1].strip() else ""
        after = APPOSITIVE.match(self.text, at + len(person.name))
        return " ".join(filter(None, [before_words, after["role"] if after else ""]))

    def _named_at(self, cue: Cue) -> Person | None:
        """The person of the cast whose name, as the story introduced them, ends this very
        mention: "WHO Director-General Tedros Adhanom Gebremariam said", "Chairperson of the
        Senate of Kazakhstan Maulen" whose parse cut "Ashimov" off, or right after it, when the
        mention opens the title the cast read before the name ("Ambassador Extraordinary"). A
        title that long, with a body in it, is read no better word by word."""
        if self._unnamed(cue.mention.lower()):
            return None  # "Officials at Homeland Security Investigations"
        start, end = cue.mention_start, cue.mention_start + len(cue.mention)
        found = None
        for p in self.people:
            if p.kind != "person" or " " not in p.name or ends_a_body(p.name.split()[-1]):
                continue
            for x in p.positions:
                # "Ambassador Extraordinary" cut from the title the cast read before his name
                title = end <= x < end + 120 and self.text[start:x].rstrip() == p.role
                if (start < x < end and x + len(p.name) >= end) or title:
                    if self.text.startswith(p.name, x) and (found is None or x < found[0]):
                        found = (x, p)
        return found[1] if found else None

    def _document_author(self, noun: str, pos: int) -> Person | None:
        """ "The statement said": whoever the last cue gave the words to, when that cue's
        sentence names the document ("the ministry said in a statement", "KCNA, in a
        commentary, said") no more than a few sentences before; else nobody."""
        at, person = self.last_cue
        if person is None or at < 0:
            return self._issuer(noun, pos)
        start, end = self._sentence_of(at)
        if not re.search(
            rf"(?i)\b(?:a|an|the|its|his|her|their)\s+(?:\w+\s+)?{noun}\b", self.text[start:end]
        ):
            return self._issuer(noun, pos)
        first = bisect.bisect_right(self.sentences, at)
        here = bisect.bisect_right(self.sentences, pos)
        return person if 0 < here - first <= DOCUMENT_SENTENCES else None

    def _a_name_elsewhere(self, word: str, pos: int) -> bool:
        """Whether the story writes ``word`` with a capital inside a sentence, as a name is
        written ("met Trump"), or a person of its cast holds it ("President Donald Trump"); a
        common noun that opens a sentence ("Development said") is written so nowhere else."""
        if any(p.kind == "person" and word in names_words(p.name) for p in self.people):
            return True
        # after a word in lower case or a comma: not a word of a longer name ("the Ministry
        # of Economic Development")
        inside = re.compile(rf"(?<![\w’'-])(?:[a-z][\w’'-]*|[,;])\s+({re.escape(word)})(?![\w’'-])")
        return any(m.start(1) != pos for m in inside.finditer(self.text))

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
            if p.name == name or same_surname(last, p.surname) or name in p.aliases:
                return p
        if " " not in name:
            holders = [p for p in people if name in name_parts(p.name)]
            if len(holders) == 1:
                return holders[0]
        return None

    def _named(self, mention: str, cue_end: int) -> Person | None:
        if mention[:1].islower():
            # "von der Leyen told reporters", "al-Sisi said": the end of a name the story gave
            for p in self.people:
                if p.kind == "person" and p.name.endswith(" " + mention):
                    return p
        country = country_named(mention)
        if country:
            return self._organisation(country)  # "Greece said it had protested"
        if is_place(mention) and self._known(mention) is None:
            # "Tokyo said": the government seated there; but "Washington said" after Rep.
            # Ellen Washington is her
            return self._organisation(mention)
        affiliated = AFFILIATION.fullmatch(mention)
        who = affiliated["who"] if affiliated else ""
        known = " " not in who and who[:1].isupper() and self._known(who) is not None
        firm = known or works_at_a_firm(mention)
        if who and (names_somebody(who) or firm) and not names_a_body(who):
            # "Analyst Tim Harris of Phillips": Tim Harris, whose role says where he works;
            # "Marsh of Kestrel", after "Ann Marsh of Kestrel": her again.
            person = self._named(affiliated["who"], cue_end)
            if person is not None and person.kind == "person" and person.role:
                if affiliated["aff"] not in person.role:
                    person.role = f"{person.role} {affiliated['aff']}"
            return person
        words = mention.split()
        if len(words) > 1 and words[-1].replace(".", "").lower() in COMPANY_ENDINGS:
            if all(w[:1].isupper() or w in ("of", "and", "&") for w in words):
                return self._organisation(mention)  # "International King's Table Inc"
        if only_a_role(mention):
            # "Jordan's Foreign Minister said", "Moldova's Deputy Prime Minister, Cristina
            # Popescu, said": whoever holds that title, named by the time the cue ends.
            return self._role(mention.lower(), cue_end)
        bare = re.sub(rf"^{HONORIFICS}\s+", "", mention)
        if " " not in bare:
            known = self._known(bare)  # "Jordan said": Rep. Jim Jordan, not the country
            if known is not None:
                return known
            if re.search(r"[a-z][’']s$", bare):  # "Lloyd's said", "Moody's said"; but
                stem = bare[:-2]  # "Sweden's said" is Sweden
                return self._organisation(stem if is_place(stem) else bare)
        if mention.split()[0] in MANY_OPENERS:
            return None  # "Neither Pennzoil nor Texaco would comment": more than one
        full = company_named(re.sub(r"^the\s+", "", mention), self.bodies)
        if full:
            return self._organisation(full)  # "Advanced Voice" for Advanced Voice Systems Inc
        mention, title = title_off(mention)
        role, name = title, mention
        gender = honorific_gender(mention)
        m = INTRO_ROLE_NAME.fullmatch(mention)
        if m:
            gender = honorific_gender(m.group("name"))
            name, role = split_role_name(m.group("role"), m.group("name"))
            role = role or title
        else:
            bare = re.sub(rf"^{HONORIFICS}\s+", "", mention)
            name, described = trailing_name(bare.split(), titled=bare != mention)
            role = role or role_words_only(described) if has_role(described) else role
        if not name or not name[0].isupper() or names_outlet(name) or is_place(name):
            return None  # "dealers in Paris": no person named
        if many_unnamed(mention, name):
            return None  # "Oil traders in New York": the opening capital is no name
        person = self._known(name)
        company = company_named(name, self.bodies) if person is None else ""
        if company:
            return self._organisation(company)  # "Viacom" for Viacom International Inc,
            # introduced earlier or later in the story
        if person is not None:
            full = full_name_in(self.text, person.name) if " " not in person.name else ""
            if full and name.endswith(full):
                person.aliases.add(person.name)  # "Lavrov said", then "Sergei Lavrov said"
                person.name = full
            if role and not person.role:
                person.role = role
            person.gender = person.gender or gender
            return person
        if names_a_body(name, titled=bool(role or gender)) or any(
            p.kind == "organisation" and p.name == name for p in self.people
        ):  # "Noverco said", after "Noverco said its ..." showed it a body
            return self._organisation(name)  # "Texaco said", "NSPA said", "Gazprom Neft said"
        if " " not in name:
            name = full_name_in(self.text, name) or name  # "Lavrov said", "Sergei Lavrov" later
        person = Person(name=name, role=role, gender=gender or name_gender(name))
        person.nations |= role_nations(role)
        self.people.append(person)
        self._mentions(self.text, [person])
        return person
