"""Who said what: find the quotes in a news article and attribute each to its speaker.

Pure Python with spaCy, no Django. ``extract(text)`` returns dataclasses whose offsets index
the exact input string. The passes, in order:

1. paragraphs, and the direct quotes in them, in every quotation-mark style newswires use,
   each with the cue next to it found by pattern (``direct``);
2. reported speech on spaCy's dependency parse: a reporting verb's clausal complement, a
   post-posed or parenthetical cue, "according to X", participles that inherit the subject,
   several attributions per sentence, and a mixed quote as the whole clause around a quoted
   fragment (``reported``); who each verb says spoke (``sources``); what a verb without a
   clause reports, as in "vowed to retaliate" or "denied a report that ..." (``objects``);
   where each span starts and ends (``edges``). Only paragraphs with a reporting word or a
   quote mark are parsed;
3. speakers: the story's cast, the people introduced with a role or an honorific and the
   bodies it names (``cast``, with what a name is in ``names``, what it says of a gender in
   ``genders`` and countries in ``nations``), then every mention ("he", "the diplomat", "the
   ministry", "Bocharnikov") resolved against it, or left unattributed when the evidence is
   weak or two fit (``speakers``).
"""

from __future__ import annotations

import re

from search.quotes.bodies import names_a_firm
from search.quotes.cast import Person, honorific_people, introductions, organisations
from search.quotes.direct import (
    MARK,
    attribute_direct,
    carries_on,
    direct_quotes,
    paragraphs,
    scare_quote,
    share_cues,
)
from search.quotes.headlines import headline_source
from search.quotes.joined import split_joined
from search.quotes.lexicon import OUTLETS, REPORTING_WORD, ROLE_NOUNS, ROLE_SET
from search.quotes.parser import MAX_PARSE_CHARS, parse
from search.quotes.reported import place, reported_speech
from search.quotes.spans import (
    ATTRIBUTIONS,
    CARRIED,
    NAMED,
    SURNAME,
    Cue,
    ExtractedQuote,
    ExtractedSpeaker,
    Extraction,
    Span,
)
from search.quotes.speakers import Resolver

__all__ = [
    "ATTRIBUTIONS",
    "EXTRACTOR_VERSION",
    "OUTLETS",
    "ROLE_NOUNS",
    "ROLE_SET",
    "ExtractedQuote",
    "ExtractedSpeaker",
    "Extraction",
    "extract",
    "paragraphs",
]

MAX_TEXT = 2_000_000  # characters; beyond this the rest is not searched for quotes
# Characters of one article handed to the parser, at most: ten times the longest story in
# the Reuters corpus, twice a long feature. Past it direct quotes are still found, reported
# speech is not, so a hostile 2 MB upload costs seconds, not minutes.
MAX_PARSED_CHARS = 100_000
# Raised whenever the rules change what they find, so that ``reextract_quotes`` knows which
# stored articles were extracted by older rules.
EXTRACTOR_VERSION = "15-firms"


def extract(text: str) -> Extraction:
    if not isinstance(text, str) or not text.strip():
        return Extraction((), ())
    scan = text[:MAX_TEXT]
    paras = paragraphs(scan)
    directs = direct_quotes(scan, paras)
    quoted = [(q.start - 1, q.end + 1) for q in directs]
    people = introductions(scan, quoted)
    known = {p.name for p in people}
    people += [p for p in honorific_people(scan, quoted) if p.name not in known]
    people += organisations(scan, quoted)

    by_para, open_before = _by_paragraph(directs, paras)
    for i, ((p_start, p_end), in_para) in enumerate(zip(paras, by_para, strict=True)):
        attribute_direct(scan, p_start, p_end, in_para, paras[i - 1] if i else None)

    wanted = _to_parse(scan, paras)
    # A dateline ("ANKARA, March 3 (Reuters) -") is no part of the first sentence's subject.
    starts = [paras[i][0] + _dateline_length(scan, paras[i][0]) for i in wanted]
    docs = parse(scan[start : paras[i][1]] for start, i in zip(starts, wanted, strict=True))
    reported: list[Span] = []
    absorbed: set[int] = set()
    for i, p_start, doc in zip(wanted, starts, docs, strict=True):
        # Every direct quote the paragraph holds, one begun in an earlier paragraph included.
        here = open_before[i] + by_para[i]
        found = reported_speech(doc, p_start, scan, [(q.start, q.end) for q in here])
        spans, gone = place(scan, found, here)
        reported.extend(spans)
        absorbed |= gone
    head = headline_source(scan, people)  # "Kremlin: Putin's attendance under consideration"
    if head is not None and not any(q.start < head.end and head.start < q.end for q in reported):
        spans, gone = place(scan, [head], by_para[0] if by_para else [])
        reported.extend(spans)
        absorbed |= gone
    for in_para in by_para:
        share_cues(scan, in_para)

    directs = [q for q in directs if not (q.title or scare_quote(scan, q))]
    quotes = [q for q in directs if id(q) not in absorbed] + split_joined(scan, reported)
    quotes.sort(key=lambda q: (q.start, q.end))
    _resolve(quotes, Resolver(people, scan, quoted))
    return _result(scan, quotes)


DATELINE = re.compile(
    r"[ \t]*[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}"  # BAKU, UNITED NATIONS, ADDIS ABABA
    r"(?:, [A-Z][\w.'’]*(?: [\w.'’]+){0,2}?){0,2}(?:, \d{4})?"  # , Azerbaijan, May 17, 2024
    r" ?(?:\([^()\n]{1,40}\) ?)?(?:--|-|–|—) +"  # (Reuters) -
)


def _dateline_length(text: str, start: int) -> int:
    m = DATELINE.match(text, start)
    return m.end() - start if m else 0


def _by_paragraph(
    directs: list[Span], paras: list[tuple[int, int]]
) -> tuple[list[list[Span]], list[list[Span]]]:
    """The direct quotes that begin in each paragraph, and the one (if any) begun earlier
    that runs on into it: one walk over both lists, which are in text order."""
    starting: list[list[Span]] = []
    running: list[list[Span]] = []
    j, last = 0, None
    for p_start, p_end in paras:
        while j < len(directs) and directs[j].start < p_start:
            last = directs[j]
            j += 1
        running.append([last] if last is not None and last.end > p_start else [])
        here = []
        while j < len(directs) and directs[j].start < p_end:
            here.append(directs[j])
            last = directs[j]
            j += 1
        starting.append(here)
    return starting, running


def _to_parse(text: str, paras: list[tuple[int, int]]) -> list[int]:
    """The paragraphs worth parsing, in order, within the article's parsing budget."""
    wanted, budget = [], MAX_PARSED_CHARS
    for i, (start, end) in enumerate(paras):
        if _worth_parsing(text, start, end):
            budget -= end - start
            if budget < 0:
                break
            wanted.append(i)
    return wanted


def _worth_parsing(text: str, start: int, end: int) -> bool:
    """Only paragraphs that could hold reported speech are parsed, and none so long that no
    reporter wrote it."""
    if end - start > MAX_PARSE_CHARS:
        return False
    return bool(REPORTING_WORD.search(text, start, end) or MARK.search(text, start, end))


def _resolve(quotes: list[Span], resolver: Resolver) -> None:
    """Resolve mentions in reading order, so "he" means the person nearest before it."""
    done: set[int] = set()
    previous: Span | None = None
    for q in quotes:
        if q.cue is not None:
            if id(q.cue) not in done:
                q.cue.person = resolver.resolve(q.cue)
                done.add(id(q.cue))
        elif (
            previous is not None
            and previous.cue is not None
            and q.kind == "direct"
            and carries_on(resolver.text, previous, q)
        ):
            # A quote with no cue of its own carries on the last speaker's words.
            q.cue = previous.cue
            q.carried = True
        previous = q if q.cue is not None else previous


def _names_itself(text: str, q: Span, person: Person) -> bool:
    """Whether a quote given to ``person`` by a role or a pronoun (or by a surname with more
    words, "Mr. Baker") names that person in the third person: nobody says "Baker did not
    mean ..." of themselves, so the attribution is wrong, and no speaker is better than a
    wrong one."""
    if person.kind != "person":
        return False
    surname = re.escape(person.surname)
    return re.search(rf"(?<![\w-]){surname}(?![\w-])", text[q.start : q.end]) is not None


def _speaker(p: Person) -> ExtractedSpeaker:
    # A name that only a firm has is a firm's, whatever the parse or a title before it
    # made of it ("lead manager Credit Suisse said").
    kind = "organisation" if p.kind == "person" and names_a_firm(p.name) else p.kind
    return ExtractedSpeaker(
        name=p.name,
        kind=kind,
        role=p.role,
        aliases=tuple(sorted(p.aliases)) if kind == p.kind else (),
        surname=p.surname if kind == "person" else "",
    )


def _result(text: str, spans: list[Span]) -> Extraction:
    quotes, used, seen = [], {}, set()
    for q in spans:
        if (q.start, q.end) in seen or not (0 <= q.start < q.end <= len(text)):
            continue
        seen.add((q.start, q.end))
        cue: Cue | None = q.cue
        person: Person | None = cue.person if cue else None
        how = (CARRIED if q.carried else cue.how) if person else ""
        by_name = how == NAMED or how == SURNAME and cue.mention == person.surname
        if person is not None and not by_name and _names_itself(text, q, person):
            person = None  # "The official said Baker did not mean ...": Baker is the topic
        if person is not None:
            used[person.name] = person
        quotes.append(
            ExtractedQuote(
                text=text[q.start : q.end],
                start=q.start,
                end=q.end,
                kind=q.kind,
                speaker=person.name if person else None,
                role=person.role if person else "",
                cue=text[cue.start : cue.end] if cue else "",
                cue_start=cue.start if cue else None,
                cue_end=cue.end if cue else None,
                mention=cue.mention if cue else "",
                attribution=how if person else "",
            )
        )
    speakers = tuple(_speaker(p) for p in used.values())
    return Extraction(tuple(quotes), speakers)
