"""Reported speech on the dependency parse: "X said (that) ...", "..., the ministry said",
"The polls, he said, were wrong", "according to X", "..., adding that ...".

A reporting verb's clausal complement is what was said; its subject (through coordination,
participles and relative clauses) is who said it. Content that is mostly a direct quote only
gives that quote its cue; content that holds a quoted fragment is one mixed quote.

The rules read spaCy's ``Doc`` and return plain spans with character offsets into the text;
nothing here imports Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from search.quotes.lexicon import (
    ASIDE_LEMMAS,
    CALL_LEMMAS,
    DIRECTIVE_LEMMAS,
    DIRECTIVE_VERBS,
    NAMING_LEMMAS,
    ORG_NOUNS,
    REPORTING_LEMMAS,
    ROLE_SET,
    UNNAMED_HEADS,
    VERB_WORD,
    WEEKDAYS,
    names_outlet,
)
from search.quotes.spans import Cue, Span

MIN_CONTENT_WORDS = 3
# Content with no more words than this outside its quotation marks is the direct quote's
# ("He said the tax plan was “a disaster for the middle class”" is mixed).
MAX_UNQUOTED_WORDS = 2
WORD = re.compile(r"\w+")
MAX_MENTION_TOKENS = 14
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Children of the subject that are not part of how the text names the speaker.
NOT_IN_MENTION = {"appos", "relcl", "acl", "advcl", "punct", "cc", "conj", "parataxis"}
# "according to a poll" cites data, not a speaker: such sources give no quote.
NOT_SPEAKERS = {
    "poll",
    "polls",
    "survey",
    "surveys",
    "data",
    "figures",
    "statistics",
    "estimates",
    "report",
    "reports",
    "study",
    "studies",
    "census",
    "records",
    "documents",
    "correspondent",
    "calculations",
    "count",
    "tally",
    "results",
}
# Documents whose author is the source: "according to a statement by the ministry".
DOCUMENTS = {
    "analysis",
    "statement",
    "report",
    "study",
    "letter",
    "memo",
    "filing",
    "release",
    "transcript",
    "interview",
    "post",
    "tweet",
    "estimate",
    "estimates",
    "survey",
    "poll",
    "review",
}
EXPLETIVES = {"it", "there", "this", "that", "which", "what"}
CLOSING = " \t\n,.;:!?"


@dataclass
class Reported:
    """One attribution found on the parse, before it is matched against direct quotes."""

    start: int
    end: int
    cue: Cue


def reported_speech(doc, offset: int, text: str, quoted: list[tuple[int, int]]):
    """Every attribution in the parsed paragraph ``doc`` (which starts at ``offset`` in
    ``text``) whose reporting word stands outside the direct quotes ``quoted``."""

    def outside(tok) -> bool:
        pos = offset + tok.idx
        return not any(s - 1 <= pos < e + 1 for s, e in quoted)

    for tok in doc:
        if not outside(tok):
            continue
        if tok.lower_ == "according":
            yield from _according_to(doc, tok, offset, text)
        elif _is_reporting_verb(tok):
            yield from _said(doc, tok, offset, text)


def _is_reporting_verb(tok) -> bool:
    if tok.tag_.startswith("VB") or tok.pos_ == "VERB":
        return tok.lemma_.lower() in REPORTING_LEMMAS
    # A headline in title case ("Trump Says Clinton Should Be Jailed") may tag the verb a noun.
    return tok.is_title and bool(VERB_WORD.fullmatch(tok.text)) and tok.dep_ == "ROOT"


def _said(doc, verb, offset: int, text: str) -> list[Reported]:
    pieces = _content(doc, verb)
    if not pieces:
        return []
    subject = _subject(verb)
    if subject is None:
        return []
    mention = _mention(doc, subject)
    if mention is None:
        return []
    m_first, m_last = mention
    in_cue = verb.left_edge.i <= m_first <= verb.right_edge.i
    if not in_cue and any(first <= m_first <= last for first, last in pieces):
        return []  # the subject sits inside the content: a misparse, not a cue
    cue = _cue(doc, offset, m_first, m_last, verb)
    return [r for first, last in pieces if (r := _reported(doc, offset, text, first, last, cue))]


def _content(doc, verb) -> list[tuple[int, int]]:
    """The first and last token of each piece of what ``verb`` reports: one piece, or two
    when the cue interrupts the clause ("A, he said, B"); none when it reports nothing."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    lemma = verb.lemma_.lower()
    if not clauses:
        if verb.dep_ == "parataxis" and verb.head.i != verb.i:
            return _around_cue(doc, verb)
        return _one(_directive(doc, verb, lemma))
    after = [c for c in clauses if c.i > verb.i]
    if not after:
        first = min(c.left_edge.i for c in clauses)
        last = max(c.right_edge.i for c in clauses)
        return _one(_trimmed(doc, first, last))
    # Words of the clause before the verb ("what Trump says his plan would do") are not
    # part of what he said.
    first = max(min(c.left_edge.i for c in after), verb.i + 1)
    # "said in a statement that ...", "stressed in the first place that ...": the clause
    # starts after the complementiser, however the words between were parsed.
    for i in range(verb.i + 1, first):
        if doc[i].lower_ in ("that", "whether") and doc[i].dep_ in ("mark", "dobj", "nsubj"):
            first = i + 1
            break
    if doc[first].lower_ in WEEKDAYS and doc[first - 1].lower_ == "on":
        first += 1  # "said on Monday Seoul was ready": the day belongs to the cue
    if lemma in DIRECTIVE_VERBS:
        # "demanded that Obama pledge ...", parsed with Obama as the verb's object.
        obj = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < first), None)
        if obj is not None:
            first = obj.left_edge.i
    last = max(c.right_edge.i for c in after)
    last = _continued(doc, verb, last)
    last = _cut(doc, after, first, last)
    return _one(_trimmed(doc, first, last))


def _one(piece: tuple[int, int] | None) -> list[tuple[int, int]]:
    return [piece] if piece is not None else []


def _directive(doc, verb, lemma: str) -> tuple[int, int] | None:
    """ "urged Congress to pass the bill", "called for a moratorium on charter schools",
    "called on Russia to withdraw": the object with its infinitive, or what is called for."""
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
    if lemma in DIRECTIVE_LEMMAS:
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if xcomp is not None and obj is not None:
            return _trimmed(doc, obj.left_edge.i, xcomp.right_edge.i)
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if lemma in NAMING_LEMMAS and obj is not None:
        # "called the decision a mistake", "described the talks as constructive".
        said = next(
            (
                c
                for c in verb.children
                if c.i > obj.i
                and (c.dep_ in ("oprd", "xcomp", "acomp", "attr", "ccomp") or c.lower_ == "as")
            ),
            None,
        )
        if said is not None:
            return _trimmed(doc, obj.left_edge.i, said.right_edge.i)
    if lemma in CALL_LEMMAS:
        prep = next(
            (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "on")), None
        )
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if obj is not None and (prep.lower_ == "for" or xcomp is not None):
            last = max(obj.right_edge.i, xcomp.right_edge.i if xcomp is not None else -1)
            return _trimmed(doc, obj.left_edge.i, last)
    return None


def _around_cue(doc, verb) -> list[tuple[int, int]]:
    """ "The deal is dead, he said." and "The tax plan, he said, would hurt the middle class":
    the clause the cue follows or interrupts, less the cue. An interrupted clause is two
    pieces, as a direct quote split by its cue is two quotes, when each piece is a statement
    of its own; otherwise it is one span."""
    head = verb.head
    if not head.tag_.startswith("VB") and head.pos_ not in ("VERB", "AUX"):
        return []
    first, last = head.left_edge.i, head.right_edge.i
    if verb.left_edge.i <= first:
        return _one(_trimmed(doc, verb.right_edge.i + 1, last))
    if verb.right_edge.i >= last:
        return _one(_trimmed(doc, first, verb.left_edge.i - 1))
    before = _trimmed(doc, first, verb.left_edge.i - 1)
    after = _trimmed(doc, verb.right_edge.i + 1, last)
    if before is not None and after is not None:
        return [before, after]
    return _one(_trimmed(doc, first, last))


def _continued(doc, verb, last: int) -> int:
    """The content runs on through clauses the parser hung on the reporting verb rather than
    on the content: "said A, but she knows B", "said A because B", "noted A: B". Not through
    another cue ("and Pence said B"), a participle (", adding ..."), or a semicolon."""
    for child in verb.children:
        if child.i <= last or child.dep_ not in ("conj", "advcl", "parataxis", "ccomp"):
            continue
        if _is_reporting_verb(child) or child.tag_ == "VBG" or _semicolon(doc, last, child):
            break
        if child.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in child.children):
            break  # "said A and left": what the speaker did next
        if child.dep_ == "advcl" and not any(c.dep_ == "mark" for c in child.children):
            break
        last = child.right_edge.i
    return last


def _semicolon(doc, last: int, child) -> bool:
    return any(t.text == ";" for t in doc[last + 1 : child.left_edge.i])


def _cut(doc, clauses, first: int, last: int) -> int:
    """The content ends before ", adding that ..." or ", highlighting ...": a participle of
    speech tells what the speaker said next, not what was said; it ends before a semicolon,
    and before a further cue coordinated inside it ("Machado promised X and said Y")."""
    for clause in clauses:
        for child in clause.children:
            if not first < child.left_edge.i <= last:
                continue
            lemma = child.lemma_.lower()
            if (
                child.dep_ in ("advcl", "conj", "xcomp")
                and child.tag_ == "VBG"
                and (lemma in REPORTING_LEMMAS or lemma in ASIDE_LEMMAS)
                and doc[child.left_edge.i - 1].text == ","
            ):
                last = min(last, child.left_edge.i - 2)
    for tok in doc[first : last + 1]:
        if tok.text == ";":
            return tok.i - 1
        if tok.dep_ == "conj" and tok.i > first and _is_reporting_verb(tok):
            # "Republicans said A and Democrats accused B": B is another attribution.
            return tok.left_edge.i - 1
    return last


CLAUSE_PUNCT = {",", ".", ";", ":", "!", "?", "-", "–", "—", "(", ")", "...", "…"}


def _trimmed(doc, first: int, last: int) -> tuple[int, int] | None:
    """The content without the punctuation and complementiser at its edges, or None when too
    little is left to be a statement."""
    while first <= last and (
        doc[first].text in CLAUSE_PUNCT or doc[first].lower_ in ("that", "whether")
    ):
        first += 1
    while last >= first and (doc[last].text in CLAUSE_PUNCT or doc[last].dep_ == "cc"):
        last -= 1
    words = sum(1 for t in doc[first : last + 1] if not t.is_punct)
    if words < MIN_CONTENT_WORDS:
        return None
    return first, last


def _subject(verb):
    """The subject of ``verb``: its own, or the one it shares through coordination ("stood
    up and said"), a participle (", adding that") or a relative clause ("Baker, who said")."""
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head
            if subject.dep_ == "nsubjpass":
                return None  # "it was said that ...", "Baker was quoted as saying"
            return subject
        if verb.dep_ == "relcl":
            return verb.head
        if verb.dep_ in ("conj", "xcomp") or (verb.dep_ == "advcl" and verb.tag_ == "VBG"):
            verb = verb.head
            continue
        return None
    return None


def _mention(doc, subject) -> tuple[int, int] | None:
    """The tokens that name the speaker: the subject with its modifiers and name parts, but
    without appositions, relative clauses, brackets or a coordinated second subject."""
    if subject.lower_ in EXPLETIVES and subject.lower_ != "it":
        return None
    if subject.pos_ == "PRON" or subject.tag_ in ("PRP", "WP"):
        return subject.i, subject.i
    keep = {subject.i}
    stack = [c for c in subject.children if _in_mention(c)]
    while stack:
        tok = stack.pop()
        keep.add(tok.i)
        stack.extend(c for c in tok.children if _in_mention(c))
    # A contiguous run around the subject: a removed bracket in between ends it.
    first = last = subject.i
    while first - 1 in keep:
        first -= 1
    while last + 1 in keep:
        last += 1
    # "WASHINGTON -- President Obama ... said": the dateline is no part of the subject.
    while first + 1 < last and doc[first].is_upper and doc[first + 1].text in DASHES:
        first += 2
    if last - first + 1 > MAX_MENTION_TOKENS:
        return None
    words = doc[first : last + 1]
    if names_outlet(words.text) or words[-1].lower_ in NOT_SPEAKERS:
        return None
    return _appositive_name(subject) or (first, last)


def _hint(doc, first: int, last: int) -> str:
    """What kind of speaker a mention whose head is a common noun names: "organisation"
    ("Russia's foreign ministry", "the Kremlin's press office"), "role" ("the minister"), or
    "unnamed" ("civil rights activists", "officials"); "" for names and pronouns."""
    head = doc[last]
    for tok in doc[first : last + 1]:
        if tok.head.i < first or tok.head.i > last or tok.head.i == tok.i:
            head = tok  # the token whose head lies outside the mention
            break
    hyphenated = head.i > 0 and doc[head.i - 1].text == "-"  # "Kim Ji-hye": part of a name
    common = (head.is_lower and not hyphenated) or (
        head.is_sent_start and head.lower_ in ROLE_SET | ORG_NOUNS | UNNAMED_HEADS
    )
    if not common or head.pos_ in ("PRON", "DET"):
        return ""  # a name ("Trump", even when tagged a noun), or a pronoun
    if any(t.text[:1].isupper() for t in doc[head.i + 1 : last + 1]):
        return ""  # "ambassador to Azerbaijan Mikhail Bocharnikov": a role with a name
    lemma = head.lemma_.lower()
    if lemma in ORG_NOUNS:
        named = any(t.text[:1].isupper() for t in doc[first + 1 : last + 1]) or (
            doc[first].pos_ == "PROPN"
        )
        return "organisation" if named else "unnamed"
    if head.lower_ in ROLE_SET and head.tag_ == "NN":
        return "role"
    return "unnamed"


def _in_mention(tok) -> bool:
    """Whether a dependent of the subject is part of how the text names the speaker; the
    hyphen of "Holtz-Eakin" is, other punctuation is not."""
    return tok.dep_ not in NOT_IN_MENTION or tok.text == "-"


DASHES = {"-", "--", "—", "–"}


def _appositive_name(subject) -> tuple[int, int] | None:
    """ "The spokesman, John Kirby, said", "The U.N. envoy for Sudan, Amina Diallo, told": a
    common-noun subject named by an apposition, which the parser may hang on a noun inside
    the subject rather than on its head."""
    if subject.pos_ != "NOUN":
        return None
    for tok in subject.subtree:
        if tok.dep_ == "appos" and tok.pos_ == "PROPN" and tok.i > subject.i:
            first = tok.i
            while first - 1 >= 0 and tok.doc[first - 1].dep_ in ("compound", "flat"):
                first -= 1
            return first, tok.i
    return None


def _according_to(doc, according, offset: int, text: str) -> list[Reported]:
    to = next((c for c in according.children if c.lower_ == "to"), None)
    if to is None:
        return []
    source = next((c for c in to.children if c.dep_ in ("pobj", "pcomp", "dobj")), None)
    if source is None:
        return []
    # "according to an analysis by Lily Batchelder": the author speaks, not the analysis.
    source = _author(source) or source
    mention = _mention(doc, source)
    if mention is None:
        return []
    head = according.head
    while head.dep_ != "ROOT" and head.head.i != head.i:
        head = head.head  # the sentence's clause, not a noun or clause inside it
    first, last = head.left_edge.i, head.right_edge.i
    a_first, a_last = according.left_edge.i, according.right_edge.i
    if a_first > head.i:
        # "CLAUSE, according to X, more than twice ...": what X says ends before the cue.
        pieces = _one(_trimmed(doc, first, a_first - 1))
    elif a_last < head.i and a_first > first:
        pieces = _one(_trimmed(doc, first, last))  # "The deal, according to X, is dead."
    else:
        pieces = _one(_trimmed(doc, a_last + 1, last))
    m_first, m_last = mention
    cue = _cue(doc, offset, min(according.i, m_first), m_last, according)
    cue.mention_start = offset + doc[m_first].idx
    cue.mention = _clean_mention(text[cue.mention_start : offset + _end(doc[m_last])])
    cue.verb = "according to"
    return [r for first, last in pieces if (r := _reported(doc, offset, text, first, last, cue))]


def _author(source):
    """The person or body behind a document named as a source: "an analysis by X", "a
    statement from X"; None when the source is no document."""
    if source.lower_ not in DOCUMENTS:
        return None
    for prep in source.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
            author = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if author is not None and author.lower_ not in DOCUMENTS:
                return author
    return None


def _end(tok) -> int:
    return tok.idx + len(tok.text)


def _cue(doc, offset: int, m_first: int, m_last: int, verb) -> Cue:
    mention_start = offset + doc[m_first].idx
    mention_end = offset + _end(doc[m_last])
    verb_start, verb_end = offset + verb.idx, offset + _end(verb)
    text = doc.text
    return Cue(
        start=min(mention_start, verb_start),
        end=max(mention_end, verb_end),
        mention=_clean_mention(text[mention_start - offset : mention_end - offset]),
        mention_start=mention_start,
        verb=verb.lower_,
        hint=_hint(doc, m_first, m_last),
    )


def _reported(doc, offset: int, text: str, first: int, last: int, cue: Cue) -> Reported | None:
    start = offset + doc[first].idx
    end = offset + _end(doc[last])
    while end > start and text[end - 1] in CLOSING:
        end -= 1
    if text[start : start + 5].lower() == "that ":
        start += 5
    if end <= start:
        return None
    return Reported(start, end, cue)


def _clean_mention(mention: str) -> str:
    return " ".join(mention.split())


def place(text: str, found: Iterable[Reported], directs: list[Span]) -> tuple[list[Span], set[int]]:
    """Match each attribution against the direct quotes: content mostly quoted gives those
    quotes its cue; content holding a quoted fragment is a mixed quote that replaces the
    fragment. Returns the indirect and mixed spans, and the ids of absorbed direct quotes."""
    spans: list[Span] = []
    absorbed: set[int] = set()
    for r in found:
        inside = [q for q in directs if q.start < r.end and r.start < q.end]
        if inside and _words_outside(text, r, inside) <= MAX_UNQUOTED_WORDS:
            for q in inside:
                if q.cue is None:
                    q.cue = r.cue
            continue
        if any(q.start < r.cue.end and r.cue.start < q.end for q in directs):
            continue  # the cue itself is quoted: somebody else's words
        if inside:
            absorbed.update(id(q) for q in inside)
            spans.append(Span(r.start, r.end, "mixed", r.cue))
        else:
            spans.append(Span(r.start, r.end, "indirect", r.cue))
    return spans, absorbed


def _words_outside(text: str, r: Reported, quotes: list[Span]) -> int:
    """How many words of the content ``r`` stand outside the direct quotes in it."""
    pos, words = r.start, 0
    for q in sorted(quotes, key=lambda q: q.start):
        words += len(WORD.findall(text, pos, max(pos, q.start)))
        pos = max(pos, q.end)
    return words + len(WORD.findall(text, pos, max(pos, r.end)))
