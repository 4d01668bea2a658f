"""Direct quotes: the words inside quotation marks, in every style newswires use, and the
cue next to each ("the ambassador said", "said Mr Baker") found by pattern.

Quotation marks are paired per paragraph; an unclosed quote continues in the next paragraph
that opens with a quote mark. Every scan is linear in the text and bounded, so hostile input
stays fast.
"""

from __future__ import annotations

import re

from search.quotes.cast import title_case_headline
from search.quotes.lexicon import (
    HONORIFICS,
    NAME_TOKEN,
    ORG_HEAD,
    PRONOUNS,
    ROLE_NOUN,
    TITLE_WORDS,
    VERB,
    name_words_pattern,
    names_outlet,
)
from search.quotes.spans import Cue, Span

MAX_MARKS_PER_PARAGRAPH = 400
MAX_QUOTE_CHARS = 6_000

OPENERS = {"“": "”", "«": "»", "„": "“", '"': '"', "‘": "’", "``": "''", "''": "''"}
MARK = re.compile(r"``|''|[“”«»„\"‘’]")

# A subject phrase: a few words ending just before the verb, with no clause punctuation.
SUBJECT = r"(?P<subj>[^\s,;:\"“”«»()][^,;:\"“”«»()\n]{0,120}?)"
TIME_WORDS = (
    r"(?:on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|today|"
    r"yesterday|last week|earlier|later|recently|also|again|further|then|now|"
    r"in a statement|in an interview|in a speech|at a news conference|"
    r"at the press conference|in the first place|in particular|on (?:\w+ )?\d+)"
)


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


def direct_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[Span]:
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
    headline = title_case_headline(text)
    for q in found:
        q.title = q.start >= headline and reads_as_title(text[q.start : q.end])
    return found


def scare_quote(text: str, quote: Span) -> bool:
    """Whether a direct quote with no cue of its own is the writer's scare quote or term: a
    fragment in lower case that the writer's sentence runs into ('a call for "providing
    lethal weapons" to Ukraine'). Nobody is said to have said it, and the hand-made sets
    leave such quotes out; carried over to the last speaker it would be somebody else's."""
    if quote.cue is not None or not text[quote.start : quote.start + 1].islower():
        return False
    at = quote.start - 1  # the opening mark
    while at > 0 and text[at - 1] in "“”\"'‘’`«»„":
        at -= 1
    # Straight after a word, a comma or a dash: in the middle of the writer's sentence.
    return at >= 2 and text[at - 1] == " " and (text[at - 2].isalnum() or text[at - 2] in ",-–—")


# Words a title leaves in lower case ("Face the Nation", "Contract with America").
TITLE_SMALL_WORDS = frozenset("a an the of and or nor in on at to for by with from as vs".split())
MAX_TITLE_WORDS = 10


def reads_as_title(quoted: str) -> bool:
    """Whether the words in quotation marks are a title, not somebody's words: a show, a
    book, a law or a slogan in title case ("Face the Nation", "Contract with America."), as
    the hand-made sets leave them out. A title-case headline capitalises its quotes too, so
    the caller keeps those. A title still hides the words in it from the parse rules."""
    if re.search(r"[.!?;:]\s", quoted):
        return False  # more than one sentence
    words = re.findall(r"[A-Za-z][\w'’-]*", quoted)
    if not words or len(words) > MAX_TITLE_WORDS or not words[0][0].isupper():
        return False
    return all(w[0].isupper() for w in words if w.lower() not in TITLE_SMALL_WORDS)


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


# --- cues next to direct quotes -----------------------------------------------------------

# The full stop of an abbreviation or an initial inside a name ("Rep. G.K. Butterfield",
# "John D. Podesta"), which does not end the name.
ABBREVIATION_DOT = (
    "(?:"
    + "|".join(rf"(?<=\b{a})" for a in (*TITLE_WORDS, "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr"))
    + r"|(?<=\b[A-Z]))\."
)
NAME_CHAR = rf"(?:{ABBREVIATION_DOT}|[^,;:.\"“”\n])"
# What a story writes between a speaker's name and the verb: a party and state ("Rep. Jo
# Ames (D-Md.) said"), or an age or a description set off by commas ("Jo Ames, 25, said",
# "Ames, a top campaign surrogate, said"). It is no part of the mention.
ASIDE = r"(?:\s*\([^()\n]{1,40}\)|,\s+[^,;:\"“”«»()\n]{1,80},)?"
_VERB_THEN_NAME = (
    rf"(?P<verb2>{VERB})\s+(?P<subj2>(?:{HONORIFICS}\s+)?[A-Z]{NAME_CHAR}{{0,80}}?)"
    rf"(?=[,;:\n]|$|(?!{ABBREVIATION_DOT})\.)"
)
CUE_AFTER = re.compile(
    r"[\s,]*[\"”’»']*[\s,]*(?:"
    rf"(?P<subj1>{SUBJECT}){ASIDE}\s+(?:{TIME_WORDS}\s+)?(?P<verb1>{VERB})\b"
    rf"|{_VERB_THEN_NAME})",
)
# '"...," said Marsh of Kestrel Corp. He said': the verb before the name, when the subject
# the first pattern found runs from it over the sentence's end to the next verb.
VERB_FIRST_CUE_AFTER = re.compile(rf"[\s,]*[\"”’»']*[\s,]*{_VERB_THEN_NAME}")
# '"...," Sudan's envoy to the United Nations, Omar al-Tayeb, told reporters' and '"...,"
# said Sudan's envoy to the United Nations, Omar al-Tayeb.': a title, then the name between
# commas; the name is the speaker.
_TITLE_THEN_NAME = rf"(?P<role>[^,;:\"“”«»\n]{{2,80}}?),\s+(?P<name>{name_words_pattern(1, 3)})"
APPOSITIVE_CUE_AFTER = re.compile(
    r"[\s,]*[\"”’»']*[\s,]*(?:"
    rf"{_TITLE_THEN_NAME},\s+(?:{TIME_WORDS}\s+)?(?P<verb>{VERB})\b"
    rf"|(?P<verb_first>{VERB})\s+{_TITLE_THEN_NAME.replace('?P<', '?P<x')}\s*(?=[,.;\n]|$)"
    r")"
)
CUE_BEFORE = re.compile(
    rf"(?:(?P<subj1>{SUBJECT}){ASIDE}\s+(?:{TIME_WORDS}\s+)?(?P<verb1>{VERB})\b[^.\"“”]{{0,60}}?"
    # "Said Ellis: “...”", at the start of a sentence
    rf"|(?:\A|(?<=[.!?] ))(?P<verb2>Said|Says|Added|Asked)\s+"
    rf"(?P<subj2>(?:{HONORIFICS}\s+)?[A-Z]{NAME_CHAR}{{0,80}}?))[,:]\s*\Z"
)
MAX_CUE_TRIES = 30


def attribute_direct(
    text: str, p_start: int, p_end: int, quotes: list[Span], lead: tuple[int, int] | None = None
) -> list[Span]:
    """The cue next to each quote of the paragraph (p_start, p_end). ``lead`` is the
    paragraph before it, whose lone cue ("Caddell continued:") introduces a quote that
    opens this one."""
    for q in quotes:
        after_end = min(p_end, q.end + 160)
        closing = q.end
        while closing < after_end and text[closing] in ",.!? \"”’»'":
            closing += 1
            if text[closing - 1] in "\"”’»'":
                break
        cue = _title_then_name(text, closing, after_end)
        if cue is not None:
            q.cue = cue
            continue
        m = CUE_AFTER.match(text, closing, after_end)
        if m and m["subj1"] and re.match(rf"{VERB}\b", m["subj1"]):
            m = VERB_FIRST_CUE_AFTER.match(text, closing, after_end)
        if m and _sensible_cue(m):
            q.cue = _cue_from(text, m)
            continue
        start = max(p_start, q.start - 160)
        window = text[start : q.start - 1] if q.start > 0 else ""
        if not window.strip() and lead is not None and lead[1] - lead[0] <= 160:
            start, window = lead[0], text[lead[0] : lead[1]].rstrip() + " "
        m = _cue_before(window)
        if m:
            q.cue = _cue_from(text, m, offset=start)
    return quotes


def _title_then_name(text: str, start: int, end: int) -> Cue | None:
    """The cue after a quote that gives the speaker's title before their name, between
    commas, which the plain pattern would cut at the first comma."""
    m = APPOSITIVE_CUE_AFTER.match(text, start, end)
    if m is None:
        return None
    x = "" if m["verb"] else "x"
    role, name = m[f"{x}role"], m[f"{x}name"]
    if not re.search(rf"\b{ROLE_NOUN}\b", role.lower()) or names_outlet(name):
        return None
    verb = "verb" if m["verb"] else "verb_first"
    begin = min(m.start(f"{x}role"), m.start(verb))
    finish = max(m.end(f"{x}name"), m.end(verb))
    return Cue(begin, finish, name, m.start(f"{x}name"), m[verb].lower(), verb_start=m.start(verb))


def _cue_before(window: str) -> re.Match | None:
    """The cue that ends ``window`` and introduces the quote after it. The first subject the
    pattern tries may be the end of the sentence before the speaker ("... were made public
    ― Trump boasted, “", "... an assertion. Brinkley recalled, “"): when it is no sensible
    speaker, or runs over a sentence end, a later start after a sentence end or a dash is
    tried."""
    pos = 0
    for _ in range(MAX_CUE_TRIES):
        m = CUE_BEFORE.search(window, pos)
        if m is None:
            return None
        subject = m.group("subj1") or m.group("subj2") or ""
        # a subject runs over no sentence end ("... an assertion. Douglas Brinkley"), and one
        # found on a later try starts a sentence or follows a dash ("sponsored by NBC News
        # and said" is no cue of NBC News)
        whole = not re.search(r"[.!?]\s", re.sub(ABBREVIATION_DOT, "", subject))
        before = re.sub(ABBREVIATION_DOT, "", window[: m.start()])
        opens = pos == 0 or re.search(r"[.!?:;―—–-][\"”’»']?\s*\Z", before)
        if whole and opens and _sensible_cue(m):
            return m
        nxt = re.search(r"\s\S", window[m.start() :])
        if nxt is None:
            return None
        pos = m.start() + nxt.end() - 1
    return None


def share_cues(text: str, quotes: list[Span]) -> None:
    """A split quote, or a quote after an attributed one in the same paragraph, has the same
    speaker: give each quote still without a cue its neighbour's, unless other words come
    between them (``carries_on``)."""
    for i, q in enumerate(quotes):
        if q.cue is None:
            before = [p for p in quotes[:i] if p.cue is not None]
            after = [p.cue for p in quotes[i + 1 :] if p.cue is not None]
            if before:
                q.cue = before[-1].cue if carries_on(text, before[-1], q) else None
            else:
                q.cue = after[0] if after else None


# Where a sentence or a paragraph ends, in the words between two quotes.
SENTENCE_BREAK = re.compile(r"[.!?][\"”’»']*(?:\s+|$)|\n+")
QUOTE_MARKS = "“”\"'‘’`«»„"


def carries_on(text: str, previous: Span, quote: Span) -> bool:
    """Whether a direct quote with no cue of its own goes on with the words of the quote
    before it: nothing between the two but the end of that quote's sentence ('“...,” Ryan
    said. “...”', or a new paragraph after it). Not when a sentence of the writer's comes
    between them, nor when other words introduce the quote ('Brinkley recalled, “...”'):
    those are somebody else's, and no speaker is better than the wrong one."""
    after = previous.end  # the words after the previous quote, or after its cue there
    if previous.cue is not None and previous.cue.end > after:
        after = previous.cue.end  # '“...,” he said, “...”': the cue introduces no one else
    gap = text[after : quote.start].rstrip().rstrip(QUOTE_MARKS).rstrip()
    if re.search(r"[^\W\d_][,:]$", gap):
        return False  # 'who joked of the museum, “', 'a reader would now ask: “'
    gap = re.sub(ABBREVIATION_DOT, "", gap)  # "Mr. Ryan said." ends one sentence, not two
    breaks = list(SENTENCE_BREAK.finditer(gap))
    if len(breaks) > 1:
        return False
    rest = gap[breaks[0].end() :] if breaks else ""
    return not re.search(r"\w", rest)


def _sensible_cue(m: re.Match) -> bool:
    """Whether a cue's subject may be a speaker. What "reported" a quote is a body ("The
    Hill reported", "Interfax reports"): a person who reports is the writer of a story, whom
    the quotes in it are not by."""
    found = m.groupdict()
    subject = found.get("subj1") or found.get("subj2") or ""
    verb = (found.get("verb1") or found.get("verb2") or "").lower()
    if verb in ("reported", "reports") and not re.match(
        r"(?:(?i:the)\s+)?[A-Z][A-Z]|(?i:the)\s+[A-Z]", subject
    ):
        return False
    return sensible_subject(subject)


def _cue_from(text: str, m: re.Match, offset: int = 0) -> Cue:
    name = "subj1" if m.groupdict().get("subj1") else "subj2"
    verb = "verb1" if m.groupdict().get("verb1") else "verb2"
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


def sensible_subject(subject: str) -> bool:
    s = _trim_subject(subject)
    if not s or len(s) > 110 or len(s.split()) > 12:
        return False
    low = s.lower()
    if low in PRONOUNS:
        return True
    if names_outlet(s):
        return False
    words = s.split()
    if words[0].lower() in {"it", "this", "that", "there", "which", "what", "report", "reports"}:
        return False
    if re.search(rf"\b{ROLE_NOUN}\b", low) or ORG_HEAD.search(s):
        return True
    return bool(re.match(rf"(?:{HONORIFICS}\s+)?{NAME_TOKEN}", s)) and all(
        w[0].isupper() or w.lower() in {"of", "de", "van", "von", "al", "bin", "the", "and"}
        for w in words[-2:]
    )
