"""Who said what: find the quotes in a news article and attribute each to its speaker.

Pure Python, no Django, no model download. ``extract(text)`` returns dataclasses whose
offsets index the exact input string. The passes, in order:

1. paragraphs, and the direct quotes in them, in every quotation-mark style newswires use
   (an unclosed quote continues in the next paragraph that opens with a quote mark);
2. cues: a speech verb with its subject ("the ambassador said", "said Mr Baker",
   "according to officials"), looked for next to each quote and in every sentence outside
   quotes, where "X said (that) CLAUSE" and "CLAUSE, X said." give indirect speech;
3. speakers: people introduced with a role ("Russian ambassador to Azerbaijan Mikhail
   Bocharnikov", "Mikhail Bocharnikov, the Russian ambassador,"), then every mention
   ("he", "the diplomat", "Bocharnikov") resolved to the nearest compatible one.

Every scan is linear in the text and bounded, so hostile input stays fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_TEXT = 2_000_000  # characters; beyond this the rest is not searched for quotes
MAX_MARKS_PER_PARAGRAPH = 400
MAX_QUOTE_CHARS = 6_000
MAX_SENTENCE_CHARS = 3_000


@dataclass(frozen=True)
class ExtractedSpeaker:
    name: str
    kind: str  # "person" | "organisation"
    role: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class ExtractedQuote:
    text: str
    start: int
    end: int
    kind: str  # "direct" | "indirect" | "mixed"
    speaker: str | None
    role: str
    cue: str
    cue_start: int | None
    cue_end: int | None
    mention: str


@dataclass(frozen=True)
class Extraction:
    quotes: tuple[ExtractedQuote, ...]
    speakers: tuple[ExtractedSpeaker, ...]


# --- lexicon -----------------------------------------------------------------------------

_VERBS = """
said says say saying told tells tell added adds adding stressed stresses stressing noted notes
noting emphasised emphasized emphasises emphasizes underlined underlines underscored
underscores stated states announced announces declared declares warned warns explained
explains recalled recalls insisted insists confirmed confirms denied denies urged urges
argued argues claimed claims believes believed highlighted highlights remarked remarks
commented comments observed observes predicted predicts acknowledged acknowledges admitted
admits asserted asserts replied replies answered answers suggested suggests estimated
estimates wrote writes testified testifies complained complains cautioned cautions forecast
forecasts indicated indicates maintained maintains reiterated reiterates concluded concludes
disclosed discloses revealed reveals continued continues promised promises pointed
""".split()
VERB = r"(?:" + "|".join(sorted(set(_VERBS), key=len, reverse=True)) + r")"
# Verbs that report speech only with a clause after them ("noted that ..."), not with an
# object ("noted the role of ..."); "said" and "told" take a bare clause too.
BARE_CLAUSE_VERBS = {
    "said",
    "says",
    "say",
    "added",
    "adds",
    "told",
    "tells",
    "believes",
    "believed",
    "warned",
    "warns",
    "predicted",
    "predicts",
    "estimated",
    "estimates",
    "insisted",
    "insists",
    "argued",
    "argues",
    "claimed",
    "claims",
    "forecast",
    "forecasts",
    "denied",
    "denies",
}

ROLE_NOUNS = """
ambassador diplomat minister president premier chancellor secretary spokesman spokeswoman
spokesperson official officials envoy chairman chairwoman chair governor director head
representative senator congressman congresswoman leader deputy adviser advisor commissioner
prosecutor general admiral commander mayor king queen prince emperor sheikh ayatollah
negotiator economist analyst analysts dealer dealers trader traders banker bankers executive
officer manager president-elect vice-president foreign-minister lawmaker lawmakers source
sources aide aides expert experts observer observers correspondent consul attache minister-
counsellor counselor counsellor secretary-general chief
""".split()
ROLE_MODIFIERS = set(
    """
deputy foreign prime vice first senior chief former acting assistant general special state
finance trade defence defense interior economy economic agriculture energy oil central bank
executive managing permanent top junior federal regional national interim caretaker
""".split()
)
ROLE_NOUN = r"(?:" + "|".join(sorted(set(ROLE_NOUNS), key=len, reverse=True)) + r")"
ORG_HEADS = """
Ministry Office House Department Bank Council Commission Agency Government Embassy Committee
Party Company Corp Corporation Group Union Kremlin Pentagon Secretariat Fund Organisation
Organization Administration Cabinet Parliament Assembly Court Board Bureau Treasury Service
Institute Association Federation Reserve Exchange Authority Inc Ltd Co Bundesbank OPEC NATO
""".split()
UNNAMED_HEADS = {
    "official",
    "officials",
    "source",
    "sources",
    "dealer",
    "dealers",
    "analyst",
    "analysts",
    "trader",
    "traders",
    "banker",
    "bankers",
    "diplomats",
    "economists",
    "observers",
    "experts",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "aides",
    "aide",
    "lawmakers",
    "executives",
    "people",
    "residents",
    "witnesses",
}
OUTLETS = {
    "trend",
    "reuters",
    "afp",
    "ap",
    "tass",
    "interfax",
    "ria novosti",
    "xinhua",
    "vestnik kavkaza",
    "apa",
    "azertac",
    "anadolu",
    "bloomberg",
    "kyodo",
    "itar-tass",
    "news.az",
    "report.az",
    "sputnik",
    "the associated press",
    "associated press",
}
PRONOUNS = {"he": "m", "she": "f", "they": "p", "we": "p", "i": "s", "it": "n"}
STOP_CAPS = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "However",
    "Meanwhile",
    "He",
    "She",
    "It",
    "They",
    "We",
    "This",
    "That",
    "These",
    "Those",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "According",
    "Speaking",
    "Answering",
    "As",
    "For",
    "With",
    "If",
    "When",
    "After",
    "Before",
    "Also",
    "Earlier",
    "Later",
    "Today",
    "Yesterday",
    "Last",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
}
HONORIFICS = r"(?:Mr|Mrs|Ms|Dr|Sir|Lord|Madame|Mme)\.?"

NAME_TOKEN = r"(?:[A-Z][\w'’.-]*[\w.]|[A-Z])"
# A subject phrase: a few words ending just before the verb, with no clause punctuation.
SUBJECT = r"(?P<subj>[^\s,;:\"“”«»()][^,;:\"“”«»()\n]{0,120}?)"
TIME_WORDS = (
    r"(?:on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|today|"
    r"yesterday|last week|earlier|later|recently|also|again|further|then|now|"
    r"in a statement|in an interview|in a speech|at a news conference|"
    r"at the press conference|in the first place|in particular|on (?:\w+ )?\d+)"
)

OPENERS = {"“": "”", "«": "»", "„": "“", '"': '"', "‘": "’", "``": "''", "''": "''"}
MARK = re.compile(r"``|''|[“”«»„\"‘’]")
SENTENCE_END = re.compile(r"[.!?](?=[\"”’»]?\s+[\"“«‘(]?[A-Z0-9]|[\"”’»]?\s*$)")
ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Lt|Sen|Rep|Gov|Prof|No|Co|Corp|Inc|Ltd|Jan|Feb|"
    r"Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|U\.S|U\.K|U\.N|E\.U)|\b[A-Z])$"
)


# --- data used while extracting ----------------------------------------------------------


@dataclass
class Person:
    name: str
    kind: str = "person"
    role: str = ""
    gender: str = ""
    aliases: set[str] = field(default_factory=set)
    positions: list[int] = field(default_factory=list)  # where the text mentions them

    @property
    def surname(self) -> str:
        return self.name.split()[-1] if self.kind == "person" else self.name


@dataclass
class Cue:
    start: int
    end: int
    mention: str
    mention_start: int
    verb: str
    person: Person | None = None


@dataclass
class Span:
    start: int
    end: int
    kind: str
    cue: Cue | None = None


# --- entry point -------------------------------------------------------------------------


def extract(text: str) -> Extraction:
    if not isinstance(text, str) or not text.strip():
        return Extraction((), ())
    scan = text[:MAX_TEXT]
    paras = paragraphs(scan)
    directs = _direct_quotes(scan, paras)
    quoted = [(q.start - 1, q.end + 1) for q in directs]
    people = _introductions(scan, quoted)
    resolver = _Resolver(people)

    quotes: list[Span] = []
    for p_start, p_end in paras:
        in_para = [q for q in directs if p_start <= q.start < p_end]
        quotes.extend(_attribute_direct(scan, p_start, p_end, in_para))
        quotes.extend(_indirect(scan, p_start, p_end, in_para))
    quotes.sort(key=lambda q: q.start)

    # Resolve mentions in reading order, so "he" means the person nearest before it.
    previous: Span | None = None
    for q in quotes:
        if q.cue is not None:
            q.cue.person = resolver.resolve(scan, q.cue)
        elif previous is not None and previous.cue is not None and q.kind == "direct":
            # A quote with no cue of its own carries on the last speaker's words.
            q.cue = previous.cue
        previous = q if q.cue is not None else previous

    return _result(scan, quotes, people)


# --- paragraphs and direct quotes --------------------------------------------------------


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph; blank lines and single newlines both
    separate paragraphs in newswire text."""
    spans, pos = [], 0
    for m in re.finditer(r"\n", text):
        if text[pos : m.start()].strip():
            spans.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def _is_apostrophe(text: str, i: int, mark: str) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if mark == "’":
        return (
            before.isalnum()
            and (after.isalpha() or after in " ,.;:")
            and not (before in ".,!?" or after in '”"')
        )
    if mark == "‘":
        return before.isalnum()
    return False


def _direct_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[Span]:
    found: list[Span] = []
    open_at: int | None = None  # start of a quote carried over from an earlier paragraph
    open_mark = ""
    for p_start, p_end in paragraphs:
        marks = []
        for m in MARK.finditer(text, p_start, p_end):
            if len(marks) >= MAX_MARKS_PER_PARAGRAPH:
                break
            mark = m.group()
            if mark in "’‘" and _is_apostrophe(text, m.start(), mark):
                continue
            marks.append((m.start(), mark))
        if open_at is not None and not (
            marks and marks[0][0] - p_start <= 1 and marks[0][1] in OPENERS
        ):
            # The carried-over quote never closed: end it where its paragraph ended.
            open_at = None
        i = 0
        if open_at is not None:
            i = 1  # the continuation mark at the start of this paragraph
        while i < len(marks):
            pos, mark = marks[i]
            if open_at is None:
                if mark not in OPENERS or mark in "”»’":
                    i += 1
                    continue
                open_at, open_mark = pos + len(mark), mark
                i += 1
                continue
            closer = OPENERS.get(open_mark, "")
            if (
                mark == closer
                or (open_mark == '"' and mark == "”")
                or (open_mark == "“" and mark == '"')
            ):
                _add(found, text, open_at, pos)
                open_at, open_mark = None, ""
            elif mark in ("“", "«", "„", "``") and open_mark == mark:
                open_at = pos + len(mark)  # a stray opener: start again from here
            i += 1
        if open_at is not None and open_at - p_start > MAX_QUOTE_CHARS * 2:
            open_at = None
        if open_at is not None:
            nxt = _next_paragraph(paragraphs, p_end)
            if nxt is None or not text[nxt[0] : nxt[0] + 2].lstrip().startswith(tuple(OPENERS)):
                open_at = None
    return found


def _next_paragraph(paragraphs, end):
    for s, e in paragraphs:
        if s > end:
            return (s, e)
    return None


def _add(found: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    inner = text[start:end]
    if end - start > MAX_QUOTE_CHARS or len(inner.split()) < 3:
        return
    if not re.search(r"[a-z]", inner):
        return
    found.append(Span(start, end, "direct"))


# --- cues --------------------------------------------------------------------------------

CUE_AFTER = re.compile(
    r"[\s,]*[\"”’»']*[\s,]*(?:"
    rf"(?P<subj1>{SUBJECT})\s+(?:{TIME_WORDS}\s+)?(?P<verb1>{VERB})\b"
    rf"|(?P<verb2>{VERB})\s+(?P<subj2>(?:{HONORIFICS}\s+)?[A-Z][^,;:.\"“”\n]{{0,80}}?)(?=[,.;:\n]|$)"
    r")",
)
CUE_BEFORE = re.compile(
    rf"(?P<subj1>{SUBJECT})\s+(?:{TIME_WORDS}\s+)?(?P<verb1>{VERB})\b[^.\"“”]{{0,60}}?[,:]\s*\Z"
)
ACCORDING = re.compile(r"\b[Aa]ccording to (?P<subj>(?:the |a |an )?[^,.;:\"“”\n]{2,80}?)\s*,")


def _attribute_direct(text: str, p_start: int, p_end: int, quotes: list[Span]) -> list[Span]:
    for q in quotes:
        after_end = min(p_end, q.end + 160)
        closing = q.end
        while closing < after_end and text[closing] in ",.!? \"”’»'":
            closing += 1
            if text[closing - 1] in "\"”’»'":
                break
        m = CUE_AFTER.match(text, closing, after_end)
        if m and _sensible_subject(m.group("subj1") or m.group("subj2") or ""):
            q.cue = _cue_from(text, m)
            continue
        start = max(p_start, q.start - 160)
        window = text[start : q.start - 1] if q.start > 0 else ""
        m = CUE_BEFORE.search(window)
        if m and _sensible_subject(m.group("subj1")):
            q.cue = _cue_from(text, m, offset=start)
    # Split quotes and quotes after an attributed one in the same paragraph: same speaker.
    for i, q in enumerate(quotes):
        if q.cue is None:
            before = [p.cue for p in quotes[:i] if p.cue is not None]
            after = [p.cue for p in quotes[i + 1 :] if p.cue is not None]
            q.cue = before[-1] if before else (after[0] if after else None)
    return quotes


def _cue_from(text: str, m: re.Match, offset: int = 0) -> Cue:
    name = "subj1" if m.group("subj1") else "subj2"
    verb = "verb1" if m.group("verb1") else "verb2"
    subj_start, subj_end = m.start(name) + offset, m.end(name) + offset
    verb_start, verb_end = m.start(verb) + offset, m.end(verb) + offset
    subject = text[subj_start:subj_end]
    trimmed = _trim_subject(subject)
    subj_start += subject.find(trimmed)
    subj_end = subj_start + len(trimmed)
    start, end = min(subj_start, verb_start), max(subj_end, verb_end)
    return Cue(start, end, trimmed, subj_start, text[verb_start:verb_end].lower())


def _trim_subject(subject: str) -> str:
    """The speaker part of a subject phrase: drop leading conjunctions and clause openers."""
    s = subject.strip()
    s = re.sub(
        r"^(?:and|but|as|while|because|so|which|who|when|where|then|also)\s+", "", s, flags=re.I
    )
    # "the report quoted Baker as saying" style subjects are left to the caller to reject.
    return s.strip()


def _sensible_subject(subject: str) -> bool:
    s = _trim_subject(subject)
    if not s or len(s) > 110 or len(s.split()) > 12:
        return False
    low = s.lower()
    if low in PRONOUNS:
        return True
    if low in OUTLETS or low.rstrip(".") in OUTLETS:
        return False
    words = s.split()
    if words[0].lower() in {"it", "this", "that", "there", "which", "what", "report", "reports"}:
        return False
    if re.search(rf"\b{ROLE_NOUN}\b", low) or re.search(rf"\b(?:{'|'.join(ORG_HEADS)})\b", s):
        return True
    return bool(re.match(rf"(?:{HONORIFICS}\s+)?{NAME_TOKEN}", s)) and all(
        w[0].isupper() or w.lower() in {"of", "de", "van", "von", "al", "bin", "the", "and"}
        for w in words[-2:]
    )


# --- indirect speech ---------------------------------------------------------------------


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in SENTENCE_END.finditer(text, start, end):
        if ABBREVIATIONS.search(text, max(start, m.start() - 6), m.start()):
            continue
        if (
            m.group() == "."
            and m.start() > 0
            and text[m.start() - 1].isdigit()
            and (m.end() < end and text[m.end()].isdigit())
        ):
            continue
        out.append((pos, m.end()))
        pos = m.end()
        while pos < end and text[pos].isspace():
            pos += 1
    if pos < end and text[pos:end].strip():
        out.append((pos, end))
    return out


SAID_THAT = re.compile(
    rf"(?P<subj1>{SUBJECT})\s+(?:{TIME_WORDS}\s+)?(?P<verb1>{VERB})"
    r"(?P<obj>(?:\s+(?:reporters|journalists|the (?:agency|newspaper|correspondent|press|"
    r"conference|meeting|parliament|audience|committee|senate|house|radio|television)|"
    r"[A-Z]\w+|him|her|them|us))?"
    rf"(?:\s+{TIME_WORDS})?(?:,\s*[^,]{{1,40}},)?)\s+(?P<that>that\s+)?(?P<clause>\S)"
)
CLAUSE_THEN_CUE = re.compile(
    rf",\s*(?P<subj1>{SUBJECT})\s+(?:{TIME_WORDS}\s+)?(?P<verb1>{VERB})\b"
    r"(?P<tail>[^.!?]{0,60})[.!?]?\s*\Z"
)
PARTICIPLE_CUT = re.compile(
    r",\s+(?:highlighting|adding|noting|stressing|saying|citing|"
    r"referring|pointing|emphasi[sz]ing|underlining|warning|"
    r"according)\b"
)


def _indirect(text: str, p_start: int, p_end: int, directs: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s_start, s_end in _sentences(text, p_start, p_end):
        # Skip sentences that are mostly a direct quote (their cue is already used).
        inside = [q for q in directs if q.start < s_end and q.end > s_start]
        covered = sum(min(q.end, s_end) - max(q.start, s_start) for q in inside)
        if covered > 0.5 * (s_end - s_start):
            continue
        if s_end - s_start > MAX_SENTENCE_CHARS:
            continue  # not a sentence a reporter wrote: bound the work
        sentence = text[s_start:s_end]
        if not VERB_WORD.search(sentence) and "ccording to" not in sentence:
            continue
        span = (
            _said_that(text, s_start, s_end, sentence, inside)
            or _clause_then_cue(text, s_start, s_end, sentence, inside)
            or _according_to(text, s_start, s_end, sentence, inside)
        )
        if span is not None:
            out.append(span)
    return out


VERB_WORD = re.compile(rf"\b{VERB}\b")
CLAUSE_BREAK = re.compile(r"[,;:\"“”«»()]")


def _said_that(text, s_start, s_end, sentence, inside) -> Span | None:
    for m in _said_that_matches(sentence):
        subj = m.group("subj1")
        if not _sensible_subject(subj) or _starts_inside(inside, s_start + m.start("subj1")):
            continue
        verb = m.group("verb1").lower()
        if not m.group("that") and verb not in BARE_CLAUSE_VERBS:
            continue
        clause_start = s_start + m.start("clause")
        if not m.group("that") and not _looks_like_clause(text, clause_start, s_end):
            continue
        clause_end = _clause_end(text, clause_start, s_end)
        if len(text[clause_start:clause_end].split()) < 4:
            continue
        cue = _cue_from(text, m, offset=s_start)
        if m.group("that"):
            cue = Cue(
                cue.start, s_start + m.end("that") - 1, cue.mention, cue.mention_start, cue.verb
            )
        kind = "mixed" if _has_quote_inside(inside, clause_start, clause_end) else "indirect"
        return Span(clause_start, clause_end, kind, cue)
    return None


def _said_that_matches(sentence: str):
    """SAID_THAT tried from the start of the clause holding each speech verb, rather than
    from every character of the sentence."""
    for verb in VERB_WORD.finditer(sentence):
        lo = max(0, verb.start() - 130)
        breaks = [b.end() for b in CLAUSE_BREAK.finditer(sentence, lo, verb.start())]
        start = breaks[-1] if breaks else _word_start(sentence, lo, verb.start())
        while start < verb.start() and sentence[start].isspace():
            start += 1
        m = SAID_THAT.match(sentence, start)
        if m:
            yield m


def _clause_then_cue(text, s_start, s_end, sentence, inside) -> Span | None:
    m = CLAUSE_THEN_CUE.search(sentence)
    if not m or not _sensible_subject(m.group("subj1")):
        return None
    if re.search(r"\b(?:reports?|reported)\b", m.group("verb1")):
        return None
    clause_start, clause_end = s_start, s_start + m.start()
    while clause_start < clause_end and text[clause_start] in " \"“«„`'‘":
        clause_start += 1
    if len(text[clause_start:clause_end].split()) < 4:
        return None
    if _mostly_quoted(inside, clause_start, clause_end):
        return None  # a direct quote with its cue, found already
    cue = _cue_from(text, m, offset=s_start)
    kind = "mixed" if _has_quote_inside(inside, clause_start, clause_end) else "indirect"
    return Span(clause_start, clause_end, kind, cue)


def _according_to(text, s_start, s_end, sentence, inside) -> Span | None:
    m = ACCORDING.search(sentence)
    if not m:
        return None
    subject = m.group("subj").strip()
    low = subject.lower()
    if re.search(r"correspondent|report|data|figures|statistics|survey|estimates", low):
        return None
    if any(o in low for o in OUTLETS):
        return None
    clause_start = s_start + m.end()
    while clause_start < s_end and text[clause_start].isspace():
        clause_start += 1
    clause_end = _clause_end(text, clause_start, s_end)
    if (
        len(text[clause_start:clause_end].split()) < 4
        or m.start() > 0
        and sentence[: m.start()].strip()
    ):
        return None
    cue = Cue(
        s_start + m.start(),
        s_start + m.end("subj"),
        subject,
        s_start + m.start("subj"),
        "according to",
    )
    kind = "mixed" if _has_quote_inside(inside, clause_start, clause_end) else "indirect"
    return Span(clause_start, clause_end, kind, cue)


def _looks_like_clause(text: str, start: int, end: int) -> bool:
    rest = text[start:end]
    words = rest.split()
    if len(words) < 4:
        return False
    first = words[0].strip('"“').lower()
    if first in {
        "in",
        "on",
        "at",
        "of",
        "for",
        "to",
        "by",
        "with",
        "goodbye",
        "nothing",
        "so",
        "yes",
        "no",
        "about",
        "during",
        "after",
        "before",
    }:
        return False
    return bool(
        re.search(
            r"\b(?:is|are|was|were|will|would|could|should|can|may|might|must|has|have|had|"
            r"did|does|do|expects?|expected|plans?|planned|wants?|wanted|needs?|"
            r"\w+ed|\w+s)\b",
            " ".join(words[1:8]),
        )
    )


def _clause_end(text: str, start: int, end: int) -> int:
    cut = PARTICIPLE_CUT.search(text, start, end)
    if cut:
        end = cut.start()
    while end > start and text[end - 1] in " .!?;:,\n":
        end -= 1
    return end


def _mostly_quoted(directs: list[Span], start: int, end: int) -> bool:
    covered = sum(max(0, min(q.end, end) - max(q.start, start)) for q in directs)
    return covered > 0.6 * max(1, end - start)


def _has_quote_inside(directs: list[Span], start: int, end: int) -> bool:
    return any(start <= q.start and q.end <= end + 1 for q in directs)


def _starts_inside(directs: list[Span], pos: int) -> bool:
    return any(q.start <= pos < q.end for q in directs)


# --- speakers ----------------------------------------------------------------------------

INTRO_ROLE_NAME = re.compile(
    rf"(?P<role>(?:(?:[A-Z][\w.’'-]*|[a-z][\w-]*)\s+){{0,6}}?(?i:{ROLE_NOUN})"
    rf"(?:\s+(?:of|to|for|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)??)?)\s+"
    rf"(?P<name>(?:{HONORIFICS}\s+)?{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{0,3}})"
)
WORD = re.compile(r"[A-Za-z][\w-]*")
ROLE_SET = {w.lower() for w in ROLE_NOUNS}
ROLE_PREFIX = re.compile(r"(?<![\w.’'-])(?:(?:[A-Z][\w.’'-]*|[a-z][\w-]*)\s+){0,6}\Z")
ROLE_TAIL = re.compile(
    r"[\w-]+(?:\s+(?:of|to|for|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)??)?\s+"
    rf"(?P<name>(?:{HONORIFICS}\s+)?{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{0,3}})"
)
NAME_BEFORE = re.compile(rf"(?<![\w’'-])(?P<name>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,3}})\Z")
APPOSITIVE = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?(?P<before>[^,.;\n]{0,60})\Z")
ROLE_END = re.compile(r"[^,.;\n]{0,50}?(?=[,.;])")


def _role_words(text: str):
    """Each role noun ("ambassador", "Minister") in ``text``; a set lookup per word is far
    cheaper than one large case-insensitive alternation at every character."""
    for m in WORD.finditer(text):
        if m.group().lower() in ROLE_SET:
            yield m


def _introductions(text: str, quoted: list[tuple[int, int]]) -> list[Person]:
    """People introduced with their role, before the name ("Russian ambassador to Azerbaijan
    Mikhail Bocharnikov") or after it ("Mikhail Bocharnikov, the Russian ambassador,"). Only
    the few characters around each role noun are looked at."""
    people: dict[str, Person] = {}
    seen: set[int] = set()

    def outside(pos: int) -> bool:
        return not any(s <= pos < e for s, e in quoted)

    for role_word in _role_words(text):
        for role_start, role, name_start, name in _intros_at(text, role_word):
            if name_start in seen or not outside(role_start):
                continue
            seen.add(name_start)
            name, role = _split_role_name(role, name)
            if not name:
                continue
            person = people.get(name)
            if person is None:
                person = people[name] = Person(name=name, role=role)
            elif role and not person.role:
                person.role = role
            person.positions.append(name_start)
            if role:
                person.aliases.add(role)
    return sorted(people.values(), key=lambda p: p.positions[0])


def _intros_at(text: str, role_word: re.Match):
    at = role_word.start()
    lo = _word_start(text, max(0, at - 90), at)
    prefix = ROLE_PREFIX.search(text, lo, at)
    tail = ROLE_TAIL.match(text, at)
    if tail:
        role_start = prefix.start() if prefix else at
        yield role_start, text[role_start : tail.start("name")], tail.start("name"), tail["name"]
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


def _split_role_name(role: str, name: str) -> tuple[str, str]:
    role = " ".join(role.split())
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
    role = _role_words_only(role)
    tokens = [t.rstrip(".") if not re.fullmatch(r"[A-Z]\.", t) else t for t in tokens]
    while tokens and tokens[-1] in STOP_CAPS:
        tokens.pop()
    if not tokens or tokens[0] in STOP_CAPS or name.lower() in OUTLETS:
        return "", ""
    if any(t.lower() in OUTLETS for t in tokens) or _names_outlet(f"{role} {name}"):
        return "", ""
    # Drop a leading determiner and trailing possessive from the role.
    role = re.sub(r"^(?:the|a|an|former|then)\s+", "", role, flags=re.I).strip()
    return " ".join(tokens), role


def _role_words_only(role: str) -> str:
    """The role without the words before it that are not part of a title: "said Treasury
    Secretary" is "Treasury Secretary"; "Russian ambassador to Azerbaijan" stays whole."""
    words = role.split()
    first_noun = next((i for i, w in enumerate(words) if w.lower() in ROLE_SET), None)
    if first_noun is None:
        return role
    start = first_noun
    while start > 0:
        word = words[start - 1]
        if word[:1].isupper() or word.lower() in ROLE_MODIFIERS:
            start -= 1
        else:
            break
    return " ".join(words[start:])


def _names_outlet(phrase: str) -> bool:
    low = phrase.lower()
    return "correspondent" in low or any(
        re.search(rf"\b{re.escape(o)}\b", low) for o in OUTLETS if " " in o
    )


class _Resolver:
    def __init__(self, people: list[Person]) -> None:
        self.people = people
        self.last_speaker: Person | None = None

    def resolve(self, text: str, cue: Cue) -> Person | None:
        mention = cue.mention
        low = mention.lower()
        person: Person | None
        if low in PRONOUNS:
            person = self._pronoun(low, cue.mention_start)
        elif low.startswith(("the ", "this ")) and re.search(rf"\b{ROLE_NOUN}\b", low):
            person = self._role(low, cue.mention_start)
        elif self._unnamed(low):
            person = None
        elif (
            low.startswith("the ")
            or re.search(rf"\b(?:{'|'.join(ORG_HEADS)})\b", mention)
            and not re.search(rf"\b{ROLE_NOUN}\b", low)
        ):
            person = self._organisation(mention)
        else:
            person = self._named(mention, cue.mention_start)
        if person is not None:
            person.aliases.add(mention)
            person.positions.append(cue.mention_start)
            if low in ("he", "she") and not person.gender:
                person.gender = PRONOUNS[low]
            self.last_speaker = person
        return person

    def _before(self, pos: int) -> list[tuple[int, Person]]:
        """People by how recently they were mentioned before ``pos``, nearest first."""
        ranked = []
        for p in self.people:
            earlier = [x for x in p.positions if x < pos]
            if earlier and p.kind == "person":
                ranked.append((max(earlier), p))
        return sorted(ranked, key=lambda item: -item[0])

    def _pronoun(self, low: str, pos: int) -> Person | None:
        gender = PRONOUNS[low]
        if gender not in ("m", "f"):
            return None
        if (
            self.last_speaker
            and self.last_speaker.kind == "person"
            and (self.last_speaker.gender in ("", gender))
        ):
            return self.last_speaker
        for _, p in self._before(pos):
            if p.gender in ("", gender):
                return p
        return None

    def _role(self, low: str, pos: int) -> Person | None:
        nouns = re.findall(rf"\b{ROLE_NOUN}\b", low)
        noun = nouns[-1] if nouns else ""
        candidates = self._before(pos)
        if noun in {"diplomat", "official", "envoy"}:
            # Generic nouns fit anyone in such a job; prefer the last speaker.
            fits = [p for _, p in candidates if p.role]
        else:
            fits = [p for _, p in candidates if noun and noun in p.role.lower()]
        if self.last_speaker in fits:
            return self.last_speaker
        if fits:
            return fits[0]
        if noun in UNNAMED_HEADS:
            return None
        return None

    @staticmethod
    def _unnamed(low: str) -> bool:
        words = low.split()
        return (
            bool(words)
            and words[0]
            in {
                "a",
                "an",
                "one",
                "two",
                "three",
                "several",
                "some",
                "many",
                "other",
                "senior",
                "officials",
                "sources",
                "analysts",
                "dealers",
                "traders",
                "bankers",
                "diplomats",
                "economists",
                "experts",
                "observers",
                "people",
            }
            or (words[-1] in UNNAMED_HEADS and not any(w[0].isupper() for w in low.split()))
        )

    def _organisation(self, mention: str) -> Person | None:
        name = re.sub(r"^the\s+", "", mention, flags=re.I).strip()
        if not name or not name[0].isupper():
            return None
        for p in self.people:
            if p.kind == "organisation" and p.name.lower() == name.lower():
                return p
        org = Person(name=name, kind="organisation")
        self.people.append(org)
        return org

    def _named(self, mention: str, pos: int) -> Person | None:
        role, name = "", mention
        m = INTRO_ROLE_NAME.fullmatch(mention)
        if m:
            name, role = _split_role_name(m.group("role"), m.group("name"))
        else:
            name = re.sub(rf"^{HONORIFICS}\s+", "", mention).strip()
        if not name or not name[0].isupper() or name.lower() in OUTLETS:
            return None
        tokens = name.split()
        if tokens[0] in STOP_CAPS:
            return None
        for p in self.people:
            if p.kind != "person":
                continue
            if p.name == name or p.surname == tokens[-1] or name in p.aliases:
                if role and not p.role:
                    p.role = role
                return p
        person = Person(name=name, role=role)
        self.people.append(person)
        return person


# --- results -----------------------------------------------------------------------------


def _result(text: str, spans: list[Span], people: list[Person]) -> Extraction:
    quotes, used, seen = [], {}, set()
    for q in spans:
        if (q.start, q.end) in seen or not (0 <= q.start < q.end <= len(text)):
            continue
        seen.add((q.start, q.end))
        cue, person = q.cue, q.cue.person if q.cue else None
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
            )
        )
    speakers = tuple(
        ExtractedSpeaker(
            name=p.name,
            kind=p.kind,
            role=p.role,
            aliases=tuple(sorted(a for a in p.aliases if a and a != p.name)),
        )
        for p in used.values()
    )
    return Extraction(tuple(quotes), speakers)
