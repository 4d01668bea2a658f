"""Who each mention refers to, against the story's cast (``cast``): a full name, a surname, a
role noun that agrees with the title and country the person was introduced with (``titles``),
a pronoun by who the sentence is about, a body referred back to ("the ministry"). When the
evidence is weak or two fit, nobody: a quote without a speaker is better than one with the
wrong name. Pronouns, role nouns and time phrases never become names or aliases.
"""

from __future__ import annotations

import bisect
import re

from search.quotes.bodies import (
    COMPANY_ENDINGS,
    GENERIC,
    IT_AFTER,
    POSSESSIVE_END,
    companies,
    company_named,
    names_a_body,
    strip_ticker,
)
from search.quotes.cast import (
    AGENCY_ROLE,
    AGENCY_WORDS,
    BODY_HEADS,
    Person,
    acronym,
    head_noun,
    name_gender,
    names_words,
)
from search.quotes.kinds import ANY_BODY, KIND_NOUNS, describing, merge_same_bodies, of_kind
from search.quotes.lexicon import (
    HONORIFICS,
    ORG_HEAD,
    PRONOUNS,
    ROLE_NOUN,
    ROLE_SET,
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
from search.quotes.nations import country_named, is_place, nation_words, own_nations
from search.quotes.sources import DOCUMENTS
from search.quotes.spans import CARRIED, NAMED, ORGANISATION, PRONOUN, ROLE, SURNAME, Cue
from search.quotes.titles import GENERIC_KINDS, HEAD_OF, role_agrees

LEAD = 600  # characters of the story's opening where a headline's speaker is introduced
NAMED_SOON = 400  # characters after a title in the lead where the story names its holder
SENTENCE_END = re.compile(r"[.!?][\"”’»']?\s+(?=[\"“‘«A-Z])|\n\s*\n")
BODY_NOUNS = frozenset(w.lower() for w in BODY_HEADS) | KIND_NOUNS
# "according to him": the pronoun as a subject.
OBJECT_PRONOUNS = {"him": "he", "her": "she"}
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
# The words set after a name between commas: "Elena Moretti, the IMF's mission chief, said".
APPOSITIVE = re.compile(r",\s+(?P<role>[^,.;\n]{3,80}),")
# What may stand before a sentence's subject: a dateline and "The".
LEAD_IN = re.compile(r"\s*(?:[^\n]{0,80}?\s(?:--|-|–|—)\s+)?(?:[Tt]he\s+)?")
# "The State Department's spokesman said", "the ministry's press service said".
BODYS_SPOKESMAN = re.compile(rf"(?P<body>.+?)['’]s\s+(?i:{_SPEAKS_FOR})")
# A focusing adverb before the speaker's name: "Even China said", "Only Hungary objected".
FOCUS_FIRST = re.compile(r"^(?:Even|Only|Still|Indeed)\s+(?=[A-Z])")
# The writer's words before a body's name: "the nonpartisan Congressional Budget Office".
WRITERS_WORDS = re.compile(r"^(?:[a-z][\w-]*\s+){1,3}(?=[A-Z])")
# "The statement said": a document the last speaker issued, which speaks for them.
DOCUMENT_BACK = re.compile(
    r"(?i:the|that|this)\s+(?P<noun>statement|commentary|communiqu[eé]|declaration|letter)"
)
DOCUMENT_SENTENCES = 3  # how many sentences after its cue a document is referred back to
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


def spelt(word: str) -> str:
    return SPELLINGS.get(word, word)


class Resolver:
    """Resolves each mention, in reading order, to a person or organisation (or to none)."""

    def __init__(
        self, people: list[Person], text: str = "", quoted: list[tuple[int, int]] = ()
    ) -> None:
        self.people = people
        # The direct quotes' spans: a name a speaker says is no mention of who the story
        # is about ("'Ghasemi has given us his word,' she said").
        self.quoted = sorted(quoted)
        self.last_speaker: Person | None = None
        # Where the last cue named its speaker, and who that was (None when nobody).
        self.last_cue: tuple[int, Person | None] = (-1, None)
        # Where sentences start, for "who the story is about" at a pronoun.
        self.sentences = [0] + [m.end() for m in SENTENCE_END.finditer(text)]
        # The headline's end: the first line, when a blank line or a dateline follows it.
        first = text.find("\n")
        self.headline = first if 0 < first < 200 else 0
        self.text = text
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
        starts = [s for s, _ in self.quoted]
        for m in re.finditer(rf"(?<![\w-])(?:{words})(?![\w-])", text):
            i = bisect.bisect_right(starts, m.start()) - 1
            if i >= 0 and m.start() < self.quoted[i][1]:
                continue
            person = by_surname[m.group()]
            if m.start() not in person.positions:
                person.positions.append(m.start())

    def resolve(self, cue: Cue) -> Person | None:
        person = self._resolve(cue)
        self.last_cue = (cue.mention_start, person)
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
        here = self._introduced_in(cue, mention)
        spokesman = SPOKESMAN_FOR.fullmatch(mention) or BODYS_SPOKESMAN.fullmatch(mention)
        if spokesman:
            # "the ministry's press service said", "a spokesman for the department said"
            person = self._spoken_for(spokesman["body"], cue.mention_start)
        elif here is not None:
            person = here
        elif body:
            # "the ministry said", "The Kyrgyz delegation said": the body the story named,
            # or, when it names one anew with a proper name, that body.
            person = self._organisation_back(low, cue.mention_start)
            named = [w for w in mention.split() if w not in STOP_CAPS]
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
        fits = [p for _, p in self._before(pos) if role_agrees(low, p, self._introduced_as(p))]
        if not fits and pos <= self.headline:
            # "Russian minister says West not ready" over a story that names him after it
            fits = [
                p
                for p in self.people
                if p.kind == "person"
                and any(self.headline <= x < self.headline + LEAD for x in p.positions)
                and role_agrees(low, p)
            ]
        elif not fits and pos < self.headline + LEAD:
            # "..., the Armenian foreign minister said." opening a story that names him in
            # the next sentence or two
            fits = [
                p
                for p in self.people
                if p.kind == "person"
                and p.positions
                and pos < min(p.positions) < pos + NAMED_SOON
                and role_agrees(low, p)
            ]
        kinds = GENERIC_KINDS.get(noun, frozenset())
        if any(kinds & set(p.role.lower().split()) for p in fits):
            fits = [p for p in fits if kinds & set(p.role.lower().split())]
        if self.last_speaker in fits:
            return self.last_speaker
        return fits[0] if len(fits) == 1 else None

    def _introduced_as(self, person: Person) -> str:
        """The words the story set beside a person's name where it first wrote it, which the
        title kept may have lost: "The International Monetary Fund's mission chief for Egypt"
        before ", Elena Moretti," or "the IMF's mission chief" after "Elena Moretti, "."""
        if not person.positions:
            return ""
        at = min(person.positions)
        start, _ = self._sentence_of(at)
        before = self.text[start:at].rsplit(",", 1)
        before_words = before[0] if len(before) > 1 and not before[1].strip() else ""
        after = APPOSITIVE.match(self.text, at + len(person.name))
        return " ".join(filter(None, [before_words, after["role"] if after else ""]))

    def _document_author(self, noun: str, pos: int) -> Person | None:
        """ "The statement said": whoever the last cue gave the words to, when that cue's
        sentence names the document ("the ministry said in a statement", "KCNA, in a
        commentary, said") no more than a few sentences before; else nobody."""
        at, person = self.last_cue
        if person is None or at < 0:
            return None
        start, end = self._sentence_of(at)
        if not re.search(
            rf"(?i)\b(?:a|an|the|its|his|her|their)\s+(?:\w+\s+)?{noun}\b", self.text[start:end]
        ):
            return None
        first = bisect.bisect_right(self.sentences, at)
        here = bisect.bisect_right(self.sentences, pos)
        return person if 0 < here - first <= DOCUMENT_SENTENCES else None

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
        if self.last_cue[0] >= before:
            return None  # somebody else spoke there
        return self._body_subject(before, start)

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
            if p.role == AGENCY_ROLE:  # "Iran's state news agency IRNA": its name after it
                if not any(start <= x < end or self._right_after(end, x) for x in positions):
                    continue
                fits = bare.lower().endswith("agency") or bare.endswith(p.name)
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

    def _right_after(self, end: int, pos: int) -> bool:
        return end <= pos <= end + 3 and not self.text[end:pos].strip(" ,")

    def _spoken_for(self, body: str, pos: int) -> Person | None:
        """The body an unnamed spokesman speaks for: "the ministry" the story named before,
        or a body named there ("a spokesman for the Foreign Ministry"); nobody for a person's
        spokesman."""
        low = body.lower()
        if low.split()[-1] not in BODY_NOUNS:
            return None
        if low.startswith(("the ", "its ")):
            back = self._organisation_back(low, pos)
            if back is not None or not any(w[:1].isupper() for w in body.split()):
                return back
        return self._organisation(body)

    def _organisation_back(self, low: str, pos: int) -> Person | None:
        """ "the ministry", "the foreign ministry", "the embassy": the body with that head
        noun the story named last before it, if its name holds the mention's other words; in
        the story's lead, the body it names next, soon after ("..., the ministry said on
        Wednesday. Russia's Foreign Ministry summoned ...")."""
        words = re.sub(r"^(?:the|its)\s+", "", low).split()
        if not words:
            return None
        words = [spelt(w) for w in words]
        head, others = words[-1], {w for w in words[:-1] if not nation_words(w)}
        if head in ANY_BODY:
            # "the body" fits every body, the ones its words mention too: only the body that
            # spoke last
            last = self.last_speaker
            return last if last is not None and last.kind == "organisation" else None
        nations = nation_words(low)
        best: tuple[int, Person] | None = None
        first: tuple[int, Person] | None = None  # the body named next, in the lead
        for p in self.people:
            if p.kind != "organisation":
                continue
            if nations and nation_words(p.name) and not nations & nation_words(p.name):
                continue  # "the Russian ministry" is not Moldova's Ministry of Foreign Affairs
            if p.role == AGENCY_ROLE and head == "agency":
                if others - AGENCY_WORDS:
                    continue  # "the state news agency", "the agency": the agency named
            elif not self._called(head, others, p):
                continue
            earlier = [x for x in p.positions if x <= pos]  # the mention may introduce it
            if earlier and (best is None or max(earlier) > best[0]):
                best = (max(earlier), p)
            soon = [x for x in p.positions if pos < x < pos + NAMED_SOON]
            if soon and not earlier and (first is None or min(soon) < first[0]):
                first = (min(soon), p)
        if best is None and first is not None and pos < self.headline + LEAD:
            return first[1]
        return best[1] if best else None

    @staticmethod
    def _called(head: str, others: set[str], body: Person) -> bool:
        """Whether "the [others] [head]" can be ``body``: its own head noun with words of its
        name ("the foreign ministry"), or a noun for its kind ("the alliance" for NATO, "the
        U.N. nuclear watchdog" for the International Atomic Energy Agency)."""
        own = {spelt(w) for w in body.name.lower().split()}
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
            if not (m["un"] or nation_words(m["owner"])) or self._in_quote(m.start()):
                continue
            found = name
            before = APPOSED_TO.search(self.text, max(0, m.start() - 80), m.start())
            if before and self.text.startswith(",", m.end()):
                found = before["name"]  # "Rosatom, Russia's state nuclear agency, said"
        return self._organisation(found) if found else None

    def _in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quoted, (pos, 1 << 62)) - 1
        return i >= 0 and pos < self.quoted[i][1]

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

    def _organisation(self, mention: str) -> Person | None:
        if NOT_A_BODY.match(mention):
            return None  # "Her submission to the court", "The Republican"
        name = re.sub(r"^the\s+", "", strip_ticker(mention), flags=re.I).strip()
        # "the nonpartisan Congressional Budget Office": the writer's words before the name.
        name = WRITERS_WORDS.sub("", name)
        if " " in name:  # "the Ministry of Finance's", but "Lloyd's" is its name
            name = POSSESSIVE_END.sub("", name)
        while " " in name and (name.split()[0] in STOP_CAPS or name.split()[0].endswith("-based")):
            name = name.split(" ", 1)[1]  # "Meanwhile Philips NV", "Montreal-based Noverco Inc"
        if not name or not name[0].isupper() or names_outlet(name):
            return None
        name = company_named(name, self.bodies) or name  # "Bank of New York": … Co
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
            if role and not person.role:
                person.role = role
            person.gender = person.gender or gender
            return person
        if names_a_body(name, titled=bool(role or gender)) or any(
            p.kind == "organisation" and p.name == name for p in self.people
        ):  # "Noverco said", after "Noverco said its ..." showed it a body
            return self._organisation(name)  # "Texaco said", "NSPA said", "Gazprom Neft said"
        person = Person(name=name, role=role, gender=gender or name_gender(name))
        person.nations |= own_nations(role)
        self.people.append(person)
        self._mentions(self.text, [person])
        return person
