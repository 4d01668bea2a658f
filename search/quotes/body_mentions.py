"""How a mention refers to an organisation of the story's cast: by its whole name as the
story introduces it there, by a head noun or a noun for its kind ("the ministry", "the
alliance"), by "it", through an unnamed spokesman ("a spokesman for the department"), or by
the words a country's possessive introduced it with ("Kazakhstan's central bank ... the
bank"). ``BodyMentions`` is the part of ``speakers.Resolver`` that does this; it reads the
resolver's story state (``people``, ``text``, ``quoted``, ``sentences``, ``last_speaker``,
``last_cue``, ``introduced``, ``bodies``, ``headline``).
"""

from __future__ import annotations

import bisect
import re

from search.quotes.bodies import (
    COMPANY_ENDINGS,
    GENERIC,
    IT_AFTER,
    POSSESSIVE_END,
    company_named,
    names_a_body,
    strip_ticker,
)
from search.quotes.cast import (
    AGENCY_ROLE,
    AGENCY_WORDS,
    BODY_HEADS,
    DESCRIBED_NOUNS,
    FIRM_NOUNS,
    Person,
    acronym,
    head_noun,
    inside_quotes,
)
from search.quotes.kinds import ANY_BODY, KIND_NOUNS, describing, of_kind
from search.quotes.lexicon import (
    FIRMS_NAMED_LIKE_PEOPLE,
    MONTHS,
    ROLE_SET,
    STOP_CAPS,
    UNNAMED_HEADS,
    WEEKDAYS,
    names_outlet,
)
from search.quotes.nations import country_named, is_place, nation_words
from search.quotes.sources import DOCUMENTS
from search.quotes.spans import Cue

LEAD = 600  # characters of the story's opening where a headline's speaker is introduced
NAMED_SOON = 400  # characters after a title in the lead where the story names its holder
ISSUED_SENTENCES = 3  # how many sentences back "The statement said" finds who issued it
IT_SENTENCES = 2  # how far back "It added" finds the body that spoke, with nobody named since
FIRM_HEADS = frozenset({"company", "firm"})  # "the company said": a company of the story
BODY_NOUNS = frozenset(w.lower() for w in BODY_HEADS) | KIND_NOUNS | FIRM_HEADS

# The words a story writes before a body's name: "Georgia's ruling Georgian Dream party".
DESCRIBED = re.compile(r"(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?['’]s\s+)?(?:[a-z][\w-]*\s+)+")
NOT_DESCRIPTIVE = frozenset("a an at of for in from with to by on and or".split())


def described(words: str) -> bool:
    """Whether ``words`` only describe the body named after them ("Georgia's ruling"), not
    somebody in it ("a tech staffer at", "its members and")."""
    if DESCRIBED.fullmatch(words) is None:
        return False
    low = {w.lower() for w in words.split()}
    return not low & (NOT_DESCRIPTIVE | ROLE_SET | UNNAMED_HEADS)


# A body introduced in lower case after its country: "Kazakhstan's central bank", "the U.N.
# nuclear watchdog".
DESCRIBED_BODY = re.compile(
    r"(?<![\w’'-])(?P<name>(?:(?P<owner>[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?)['’]s|(?<=[Tt]he\s)"
    rf"(?P<un>U\.N\.))\s+(?:[a-z][\w-]*\s+){{0,3}}(?P<head>{'|'.join(sorted(BODY_NOUNS))}))\b"
)
# The name a description is set beside: "Rosatom, " before "Russia's state nuclear agency,".
APPOSED_TO = re.compile(r"(?<![\w’'-])(?P<name>[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,3}),\s+\Z")
# What may stand before a sentence's subject: a dateline and "The".
LEAD_IN = re.compile(r"\s*(?:[^\n]{0,80}?\s(?:--|-|–|—)\s+)?(?:[Tt]he\s+)?")
# The writer's words before a body's name: "the nonpartisan Congressional Budget Office".
WRITERS_WORDS = re.compile(r"^(?:[a-z][\w-]*\s+){1,3}(?=[A-Z])")
# A date the parse left at the end of a body's name.
DATE_AFTER = re.compile(
    r"\s+(?:on|in|last|this|late|early)\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)"
    r"\b.*$",
    re.I,
)
# The same word spelt both ways: "the Organization of Turkic States ... the organisation".
SPELLINGS = {"organization": "organisation", "center": "centre", "defense": "defence"}


# Mentions that name no body though a body's word is in them: what somebody wrote ("Her
# submission to the court", "The party's complaint to the Court of Appeals"), or a person by
# their party ("The Republican").
NOT_A_BODY = re.compile(
    rf"(?:(?:Her|His|Its|Their|Our|My|Your)\s+[a-z]"
    rf"|(?:(?i:the)\s+)?\S+['’]s\s+(?:{'|'.join(DOCUMENTS)})\b"
    r"|(?i:the)\s+(?:Republican|Democrat)$)"
)


# "the Kremlin press service", "the Kyrgyz Cabinet of Ministers press office": the press
# service of the body named before it, which speaks for that body.
PRESS_SERVICE = re.compile(
    r"(?:(?i:the)\s+)?(?P<body>(?!(?i:the|its|a|an)\s)\S.*?)\s+(?i:press\s+(?:service|office))"
)
# "the ministry's Information and Press Department": its press service by another name.
PRESS_DEPARTMENT = re.compile(
    r"(?P<body>.+?)['’]s\s+(?:[A-Z][a-z]+\s+(?:and\s+)?)*Press\s+(?:Department|Office|Service)"
)
# A document named without its author, who is named right after: "A statement released by
# the Georgian Foreign Ministry".
BARE_DOCUMENT = re.compile(r"(?i:a|an)\s+(?:[a-z]+\s+)?(?i:statement|communiqu[eé]|declaration)")
ISSUED_BY = re.compile(
    r"\s+(?:(?:issued|released|published|put\s+out)\s+)?(?:by|from)\s+"
    r"(?P<body>(?:the\s+)?(?:[A-Z][\w’'.-]*\s*(?:(?:of|for|and)\s+(?=[A-Z]))?)+)"
)
# "the press service said": the press service the story named before.
PRESS_BACK = re.compile(r"(?i:the|its)\s+press\s+(?:service|office)")
_DOCUMENT = r"(?i:statement|communiqu[eé]|declaration|press\s+release|note|notice)"
# "The embassy's statement", "the Turkish ministry's communique": the body that issued it.
BODYS_DOCUMENT = re.compile(rf"(?P<body>.+?)['’]s\s+(?:[a-z]+\s+)?{_DOCUMENT}")
# "A statement from the Iranian Foreign Ministry", "a statement issued by the council", "a
# statement on the OSCE website".
DOCUMENT_FROM = re.compile(
    rf"(?i:a|an|the)\s+(?:[a-z]+\s+)?{_DOCUMENT}\s+(?:(?i:issued|released|published)\s+)?"
    r"(?:(?i:from|by|of)\s+(?P<body>.+)|(?i:on)\s+(?P<site>.+?)(?:['’]s)?\s+"
    r"(?:website|web\s+site|site|page|Telegram\s+channel))"
)


def document_of(mention: str) -> str:
    """The body a mention of a document gives as its author ("the embassy's statement", "a
    statement from the ministry"), or ""; a date's statement ("Monday's statement") names
    none."""
    m = BODYS_DOCUMENT.fullmatch(mention) or DOCUMENT_FROM.fullmatch(mention)
    body = (m["body"] or m["site"] or "") if m else ""
    return "" if body.lower() in WEEKDAYS | MONTHS else body


# The peoples a story speaks of as one ("The Europeans said", "the Westerners"), beside the
# plural of a nationality ("the Russians", "Iranians").
PEOPLES = frozenset("Europeans Westerners Allies Arabs Kurds Turks Asians Africans".split())


def never_named(mention: str) -> bool:
    """Whether a mention is a date ("Monday", "March") or a people ("The Europeans", "the
    Russians"): never a named speaker, a person or a body."""
    words = re.sub(r"^(?i:the)\s+", "", mention).split()
    if len(words) != 1:
        return False
    word = words[0]
    if word.lower() in WEEKDAYS | MONTHS:
        return True
    if is_place(word) or country_named(word):
        return False  # "The Philippines said"
    return word in PEOPLES or word.endswith("s") and bool(nation_words(word[:-1]))


def based(word: str) -> bool:
    """Whether a word only says where a body is based ("the Vienna-based agency")."""
    return word.lower().endswith("-based")


def spelt(word: str) -> str:
    return SPELLINGS.get(word, word)


class BodyMentions:
    """Resolving mentions of organisations; mixed into ``speakers.Resolver``."""

    def _it(self, pos: int) -> Person | None:
        """ "it said": the body that spoke last, if the text named it in this sentence or the
        one before; else, when nobody spoke there, the body the sentence before is about
        ("The IAEA issued its report on Wednesday. It said ..."). A person is never "it"."""
        last = self.last_speaker
        start, _ = self._sentence_of(pos)
        before, _ = self._sentence_of(max(0, start - 1))
        if last is not None and last.kind == "organisation":
            if any(before <= x < pos for x in last.positions):
                return last
            if self._still_about(last, pos):
                return last
        if self.last_cue[0] >= before:
            return None  # somebody else spoke there
        return self._body_subject(before, start)

    def _still_about(self, body: Person, pos: int) -> bool:
        """Whether the story has named nobody else since ``body`` spoke, a few sentences back
        at most ("..., the ministry said. The plant would have two reactors. It added ...")."""
        since = max((x for x in body.positions if x < pos), default=-1)
        if (
            since < 0
            or bisect.bisect_right(self.sentences, pos) - bisect.bisect_right(self.sentences, since)
            > IT_SENTENCES
        ):
            return False
        return not any(
            p is not body and any(since < x < pos for x in p.positions) for p in self.people
        )

    def _body_subject(self, start: int, end: int) -> Person | None:
        """The body a sentence opens with, after its dateline: "VIENNA (Reuters) - The
        International Atomic Energy Agency issued ...", not the body it says something of
        ("Russia accused the European Union ...")."""
        named = [(x, p) for p in self.people for x in p.positions if start <= x < end]
        if not named:
            return None
        at, first = min(named, key=lambda item: item[0])
        opening = LEAD_IN.fullmatch(self.text, start, at) is not None
        return first if first.kind == "organisation" and opening else None

    def _introduced_in(self, cue: Cue, mention: str) -> Person | None:
        """The body the story introduces at this very mention, by its whole name: "the
        Ministry of Trade and Integration said", whose parse cuts the name at "and", or
        "the Russian mission to the OSCE said", cut at "to"; the agency by its own name in
        "North Korea's official KCNA news agency said" or "news agency IRNA reported"."""
        start, end = cue.mention_start, cue.mention_start + len(cue.mention)
        bare = re.sub(r"^the\s+", "", mention, flags=re.I)
        found = None
        for p, positions in self.introduced:
            if p.role == AGENCY_ROLE or p.role in DESCRIBED_NOUNS:
                # "Iran's state news agency IRNA", "state gas company Turkmengaz": its name
                # after it
                if not any(start <= x < end or self._right_after(end, x) for x in positions):
                    continue
                fits = bare.lower().endswith(p.role.split()[-1]) or bare.endswith(p.name)
            elif not any(start <= x < end for x in positions):
                continue
            else:
                # "the event organizer Alliance" cut from "... Alliance to Reclaim Our
                # Schools": the writer's words off, the name going on right after the mention
                named = WRITERS_WORDS.sub("", bare)
                fits = (
                    p.name == bare
                    or p.name.startswith(bare + " ")
                    and " " in bare
                    or bare.endswith(" " + p.name)
                    and described(bare[: -len(p.name)])
                    or p.name.startswith(named + " ")
                    and self.text.startswith(p.name[len(named) :], end)
                )
            if fits and (found is None or len(p.name) > len(found.name)):
                found = p
        return found

    def _right_after(self, end: int, pos: int) -> bool:
        return end <= pos <= end + 3 and not self.text[end:pos].strip(" ,")

    def _spoken_for(self, body: str, pos: int) -> Person | None:
        """The body an unnamed spokesman speaks for: "the ministry" the story named before,
        or a body named there ("a spokesman for the Foreign Ministry"); nobody for a person's
        spokesman."""
        low = body.lower()
        if low.split()[-1] not in BODY_NOUNS and head_noun(low) not in BODY_NOUNS:
            known = self._known_body(body)  # "a statement on the OSCE website"
            if known is None and names_a_body(body) and body[:1].isupper():
                return self._organisation(body)  # "NATO's press office"
            return known
        if low.startswith(("the ", "its ")):
            back = self._organisation_back(low, pos)
            if back is not None or not any(w[:1].isupper() for w in body.split()):
                return back
        return self._organisation(body)

    def _issuer(self, noun: str, pos: int) -> Person | None:
        """ "The statement said" after "Azerbaijan's Foreign Ministry issued a statement on
        Friday", where nobody spoke: the body that sentence opens with, if it is the sentence
        before or one of the two before that, and no cue came between."""
        start, _ = self._sentence_of(pos)
        for _ in range(ISSUED_SENTENCES):
            if start == 0:
                return None
            start, end = self._sentence_of(start - 1)
            if self.last_cue[0] >= start:
                return None  # somebody spoke since
            if re.search(
                rf"(?i)\b(?:issued|released|published|put\s+out|adopted)\s+(?:a|an|its)"
                rf"\s+(?:[\w-]+\s+)?{noun}\b",
                self.text[start:end],
            ):
                return self._body_subject(start, end)
        return None

    def _known_body(self, name: str) -> Person | None:
        """The organisation of the cast that ``name`` is ("OSCE" for the OSCE named earlier),
        never a new one."""
        name = re.sub(r"^the\s+", "", name, flags=re.I)
        letters = name.replace(".", "")  # "the U.N." for the United Nations
        for p in self.people:
            if p.kind == "organisation" and (
                p.name.lower() == name.lower() or name in p.aliases or letters == acronym(p.name)
            ):
                return p
        return None

    def _served(self, mention: str, spokesman: str, pos: int) -> Person | None | bool:
        """The body that speaks through a spokesman for it (``spokesman``: the words for the
        body), its press service ("the Kremlin press service", "the press service" it had
        before) or its document ("the embassy's statement"); False when the mention is none
        of these."""
        if PRESS_BACK.fullmatch(mention):
            if self.press_body is not None:
                return self.press_body
        press = PRESS_SERVICE.fullmatch(mention) or PRESS_DEPARTMENT.fullmatch(mention)
        body = spokesman or (press["body"] if press else document_of(mention))
        if not body and BARE_DOCUMENT.fullmatch(mention) and self.text.startswith(mention, pos):
            # "A statement released by the Georgian Foreign Ministry ... said", the parse's
            # mention cut after "A statement"
            after = ISSUED_BY.match(self.text, pos + len(mention))
            body = after["body"].strip() if after else ""
        if not body:
            return False
        person = self._spoken_for(body, pos)
        if person is None and not spokesman:
            return False  # "the Holy See press office": no body of the cast; as it is named
        if press or re.search(r"(?i)\bpress\s+(?:service|office)", mention):
            self.press_body = person or self.press_body
        return person

    def _organisation_back(self, low: str, pos: int) -> Person | None:
        """ "the ministry", "the foreign ministry", "the embassy": the body with that head
        noun the story named last before it, if its name holds the mention's other words; in
        the story's lead, the body it names next, soon after ("..., the ministry said on
        Wednesday. Russia's Foreign Ministry summoned ...")."""
        words = re.sub(r"^(?:the|its)\s+", "", low).split()
        if not words:
            return None
        words = [spelt(w) for w in words]
        head = words[-1]
        others = {w for w in words[:-1] if not nation_words(w) and not based(w)}
        if head in ANY_BODY:
            # "the body" fits every body, the ones its words mention too: only the body that
            # spoke last
            last = self.last_speaker
            return last if last is not None and last.kind == "organisation" else None
        nations = nation_words(low)
        fits: list[Person] = []  # the bodies named before it that it can be
        first: tuple[int, Person] | None = None  # the body named next, in the lead
        for p in self.people:
            if p.kind != "organisation":
                continue
            if nations and nation_words(p.name) and not nations & nation_words(p.name):
                continue  # "the Russian ministry" is not Moldova's Ministry of Foreign Affairs
            if head == "agency" and (p.role == AGENCY_ROLE or of_kind("news", p.name)):
                if others - AGENCY_WORDS:
                    continue  # "the state news agency", "the agency": the agency named
            elif head in FIRM_HEADS or p.role in DESCRIBED_NOUNS and head == p.role:
                if head in FIRM_HEADS and not self._a_firm(p):
                    continue  # "the company" for the state gas company Turkmengaz, or for
                    # Viacom International Inc, never for a ministry
            elif not self._called(head, others, p):
                continue
            earlier = [x for x in p.positions if x <= pos]  # the mention may introduce it
            if earlier:
                fits.append(p)
            soon = [x for x in p.positions if pos < x < pos + NAMED_SOON]
            if soon and not earlier and (first is None or min(soon) < first[0]):
                first = (min(soon), p)
        if not fits and first is not None and pos < self.headline + LEAD:
            return first[1]
        return self._one_of(fits)

    def _one_of(self, fits: list[Person]) -> Person | None:
        """Of the bodies a mention fits, the one it refers back to: the only one; else the
        body that spoke last, if it fits; else the only one of them that has spoken ("Russia's
        ministry said ... Ukraine's ministry rejected the charge. The ministry said" is
        Russia's); else, when none has spoken, the body the story's lead opens with
        ("Georgia's Foreign Ministry summoned ... Russia's did not respond. The ministry
        said"). Two that spoke, or none that spoke and neither leading: nobody."""
        if len(fits) <= 1:
            return fits[0] if fits else None
        if any(p is self.last_speaker for p in fits):
            return self.last_speaker
        spoke = [p for p in fits if any(p is q for q in self.spoken)]
        if spoke:
            return spoke[0] if len(spoke) == 1 else None
        lead = self._lead_body()
        return lead if any(p is lead for p in fits) else None

    def _lead_body(self) -> Person | None:
        """The body the story's first sentence after its headline opens with."""
        opening = re.search(r"\S", self.text[self.headline :])
        if opening is None:
            return None
        start, end = self._sentence_of(self.headline + opening.start())
        return self._body_subject(start, end)

    def _a_firm(self, body: Person) -> bool:
        """Whether the story shows ``body`` a firm: described as one ("gas giant Gazprom"),
        introduced with a company's ending ("Viacom International Inc"), or called "the
        company" after it spoke ("SOCAR said ... The company said")."""
        words = body.name.split()
        return (
            body.role in FIRM_NOUNS
            or bool(company_named(body.name, self.bodies))
            or words[-1].replace(".", "").lower() in COMPANY_ENDINGS
            or body.name in FIRMS_NAMED_LIKE_PEOPLE
        )

    @staticmethod
    def _called(head: str, others: set[str], body: Person) -> bool:
        """Whether "the [others] [head]" can be ``body``: its own head noun with words of its
        name ("the foreign ministry"), or a noun for its kind ("the alliance" for NATO, "the
        U.N. nuclear watchdog" for the International Atomic Energy Agency)."""
        own = {spelt(w) for w in body.name.lower().split()}
        if head == acronym(body.name).lower() and len(head) > 2:
            return not others  # "the MFA" for Azerbaijan's Ministry of Foreign Affairs
        if head == "ministry" and head_noun(body.name) == "mfa":
            return others <= {"foreign"}  # "the ministry" for Azerbaijan's MFA
        if spelt(head_noun(body.name)) == head:
            return others <= own
        if head in KIND_NOUNS and of_kind(head, body.name, body.aliases):
            return describing(others, own)
        return False

    def _described_before(self, low: str, pos: int) -> Person | None:
        """ "the bank" after "Kazakhstan's central bank kept its rate on hold": the body a
        country's possessive introduced in lower case, in a sentence where it did not speak,
        by the words it was introduced with."""
        words = re.sub(r"^(?:the|its)\s+", "", low).split()
        if not words or words[-1] in ANY_BODY:
            return None
        head, others = words[-1], set(words[:-1])
        found = None
        for m in DESCRIBED_BODY.finditer(self.text, 0, pos):
            name = m["name"]
            if m["head"].lower() != head or not others <= set(name.lower().split()):
                continue
            if not (m["un"] or nation_words(m["owner"])) or inside_quotes(self.quoted, m.start()):
                continue
            found = name
            before = APPOSED_TO.search(self.text, max(0, m.start() - 80), m.start())
            if before and self.text.startswith(",", m.end()):
                found = before["name"]  # "Rosatom, Russia's state nuclear agency, said"
        return self._organisation(found) if found else None

    def _said_it(self, person: Person, cue: Cue) -> bool:
        """Whether the words after a cue refer back to its one-word speaker as "it" ("Viacom
        said its offer ...", "Hughes said it had proposed ..."): a body, not a person. A
        speaker the story introduced as a person, or called "he" or "she", stays one."""
        if person.role or person.gender:
            return False
        if " " in person.name and not GENERIC & set(person.name.split()):
            return False  # "Wayne Jones said it ...": it is his company; "Home Federal" is one
        return IT_AFTER.match(self.text, cue.end) is not None

    def _as_body(self, person: Person) -> Person:
        """``person`` as the organisation it turned out to be, with what it said earlier."""
        same = (p for p in self.people if p.kind == "organisation" and p.name == person.name)
        body = next(same, person)
        person.kind = "organisation"
        return body

    def _organisation(self, mention: str) -> Person | None:
        if NOT_A_BODY.match(mention):
            return None  # "Her submission to the court", "The Republican"
        name = re.sub(r"^the\s+", "", strip_ticker(mention), flags=re.I).strip()
        # "the nonpartisan Congressional Budget Office": the writer's words before the name.
        name = WRITERS_WORDS.sub("", name)
        name = DATE_AFTER.sub("", name)  # "the Embassy of Japan in Baku on Monday"
        if " " in name:  # "the Ministry of Finance's", but "Lloyd's" is its name
            name = POSSESSIVE_END.sub("", name)
        while " " in name and (name.split()[0] in STOP_CAPS or name.split()[0].endswith("-based")):
            name = name.split(" ", 1)[1]  # "Meanwhile Philips NV", "Montreal-based Noverco Inc"
        if not name or not name[0].isupper() or names_outlet(name):
            return None
        if name.split()[-1].lower() in UNNAMED_HEADS:
            return None  # "A State Department spokesperson": a person, unnamed
        name = company_named(name, self.bodies) or name  # "Bank of New York": … Co
        known = self._known_body(name)  # "the IMF" for the International Monetary Fund
        if known is not None:
            return known
        org = Person(name=name, kind="organisation")
        self.people.append(org)
        return org
