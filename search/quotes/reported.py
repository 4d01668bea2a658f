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

from search.quotes.edges import trimmed, without_aside
from search.quotes.lexicon import (
    ASIDE_LEMMAS,
    DIRECTIVE_VERBS,
    REPORTING_LEMMAS,
    SPEECH_LEMMAS,
    SPEECH_NOUNS,
    VERB_WORD,
    WEEKDAYS,
)
from search.quotes.objects import object_content
from search.quotes.sources import (
    DOCUMENTS,
    SUBJECT_DEPS,
    author,
    hint,
    mention_of,
    subject_of,
)
from search.quotes.spans import Cue, Span

# Content with no more words than this outside its quotation marks is the direct quote's
# ("He said the tax plan was “a disaster for the middle class”" is mixed).
MAX_UNQUOTED_WORDS = 2
WORD = re.compile(r"\w+")
CLOSING = " \t\n,.;:!?"


@dataclass
class Reported:
    """One attribution found on the parse, before it is matched against direct quotes."""

    start: int
    end: int
    cue: Cue


def reported_speech(doc, offset: int, text: str, quoted: list[tuple[int, int]]):
    """Every attribution in the parsed paragraph ``doc`` (which starts at ``offset`` in
    ``text``) whose reporting word stands outside the direct quotes ``quoted``, but those
    reported inside another's content."""

    def outside(tok) -> bool:
        pos = offset + tok.idx
        return not any(s - 1 <= pos < e + 1 for s, e in quoted)

    found: list[Reported] = []
    for tok in doc:
        if not outside(tok):
            continue
        if tok.lower_ == "according":
            found.extend(_according_to(doc, tok, offset, text))
        elif _is_reporting_verb(tok):
            found.extend(_said(doc, tok, offset, text))
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in SPEECH_NOUNS:
            found.extend(_claim_that(doc, tok, offset, text))
    return outermost(found)


def outermost(found: list[Reported]) -> list[Reported]:
    """The attributions that no other one reports. In "The source added that Clinton had
    told police she did not want an escort", what Clinton told police is the source's claim,
    part of the source's quote: given to Clinton it would put second-hand words in her
    mouth, and it would repeat words already quoted."""
    return [r for r in found if not any(_inside(r, other) for other in found)]


def _inside(r: Reported, other: Reported) -> bool:
    if other.cue is r.cue or not (other.start <= r.start and r.end <= other.end):
        return False
    verb = r.cue.verb_start if r.cue.verb_start >= 0 else r.cue.start
    return other.start <= verb < other.end


def _is_reporting_verb(tok) -> bool:
    if tok.tag_.startswith("VB") or tok.pos_ == "VERB":
        return tok.lemma_.lower() in SPEECH_LEMMAS
    if tok.tag_ == "NNS" and _used_as_verb(tok):
        return True
    # A headline in title case ("Trump Says Clinton Should Be Jailed") may tag the verb a noun.
    return tok.is_title and bool(VERB_WORD.fullmatch(tok.text)) and tok.dep_ == "ROOT"


def _used_as_verb(tok) -> bool:
    """ "But the minister claims that ...": a reporting verb in the present tense that the
    tagger took for a plural noun, though the parse gives it a subject and a clause."""
    if tok.lemma_.lower() not in REPORTING_LEMMAS and tok.lower_[:-1] not in REPORTING_LEMMAS:
        return False
    kids = {c.dep_ for c in tok.children}
    return "nsubj" in kids and "ccomp" in kids


def _said(doc, verb, offset: int, text: str) -> list[Reported]:
    pieces = _content(doc, verb)
    if not pieces:
        return []
    subject = subject_of(verb)
    if subject is None:
        return []
    mention = mention_of(doc, subject)
    if mention is None:
        return []
    m_first, m_last = mention
    pieces = [p for first, last in pieces if (p := _without_citation(doc, first, last))]
    if subject.dep_ == "appos" and subject.i < verb.i:
        # a subject posed after its clause: the clause ends at the comma before it
        pieces = [
            p
            for first, last in pieces
            if (p := trimmed(doc, first, m_first - 1 if first < m_first <= last else last))
        ]
    in_cue = verb.left_edge.i <= m_first <= verb.right_edge.i
    if not in_cue and any(first <= m_first <= last for first, last in pieces):
        return []  # the subject sits inside the content: a misparse, not a cue
    cue = _cue(doc, offset, m_first, m_last, verb, pieces)
    return [r for first, last in pieces if (r := _reported(doc, offset, text, first, last, cue))]


def _without_citation(doc, first: int, last: int) -> tuple[int, int] | None:
    """What was said without the source cited at its end: "Tehran was ready to help,
    according to IRNA" is "Tehran was ready to help"."""
    for tok in doc[first + 1 : last + 1]:
        if tok.lower_ == "according" and tok.i + 1 <= last and doc[tok.i + 1].lower_ == "to":
            if tok.right_edge.i >= last:
                return trimmed(doc, first, tok.left_edge.i - 1)
    return first, last


def _content(doc, verb) -> list[tuple[int, int]]:
    """The first and last token of each piece of what ``verb`` reports: one piece, or two
    when the cue interrupts the clause ("A, he said, B"); none when it reports nothing."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"] or _misparsed_clause(verb)
    lemma = verb.lemma_.lower()
    if not clauses:
        if (verb.dep_ == "parataxis" or _as_aside(verb)) and verb.head.i != verb.i:
            return _around_cue(doc, verb)
        return _one(object_content(doc, verb, lemma))
    after = [c for c in clauses if c.i > verb.i]
    if not after:
        first = min(c.left_edge.i for c in clauses)
        last = max(c.right_edge.i for c in clauses)
        return _one(trimmed(doc, first, last))
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
    first = _after_circumstance(doc, first, after)
    if lemma in DIRECTIVE_VERBS:
        # "demanded that Obama pledge ...", parsed with Obama as the verb's object.
        obj = next((c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < first), None)
        if obj is not None:
            first = obj.left_edge.i
    after, last = _second_cue(doc, after)
    last = _continued(doc, verb, last)
    last = _cut(doc, after, first, last)
    last = without_aside(doc, first, last)
    return _one(trimmed(doc, first, last))


CIRCUMSTANCE_DEPS = ("prep", "npadvmod", "tmod")


def _after_circumstance(doc, first: int, clauses: list) -> int:
    """Where the clause starting at ``first`` starts once a phrase between the verb and the
    clause's subject is left to the cue: it tells when or where it was said, not what ("said
    after the meeting he would not ...", "told voters this weekend he would ...")."""
    tok = doc[first]
    phrase = tok if tok.dep_ in CIRCUMSTANCE_DEPS else tok.head
    if phrase.dep_ not in CIRCUMSTANCE_DEPS or phrase.left_edge.i != first:
        return first
    if phrase.head not in clauses:
        return first
    subject = next((c for c in phrase.head.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or phrase.right_edge.i >= subject.left_edge.i:
        return first
    return subject.left_edge.i


def _second_cue(doc, clauses: list) -> tuple[list, int]:
    """The clauses that are what the verb reports, and their last token. "Republicans said
    A and Democrats accused B" may be parsed with "accused" as a second clause of "said" and
    "Democrats" inside A: what follows "and Democrats" is another attribution."""
    for n, clause in enumerate(clauses[1:], start=1):
        if not _is_reporting_verb(clause):
            continue
        i = clause.i - 1
        while i > clauses[0].i and doc[i].pos_ in ("PROPN", "NOUN", "DET", "ADJ", "NUM"):
            i -= 1
        if i < clause.i - 1 and doc[i].dep_ == "cc":
            return clauses[:n], i - 1
    return clauses, max(c.right_edge.i for c in clauses)


def _misparsed_clause(verb) -> list:
    """The reported clause where the parser did not make it the verb's complement:
    "told a meeting of leaders that few people understood ..." (parsed as a relative clause
    on "leaders", though its "that" fills no gap in it) and "said after the convention he
    would not accept ..." (parsed as an adverbial clause, though nothing subordinates it)
    and "said in a report that exports would ..." (parsed as a clause on "report")."""
    found = []
    for child in verb.children:
        if child.i < verb.i:
            continue
        if child.dep_ == "prep" and child.lower_ in ("in", "at"):
            for noun in child.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in DOCUMENTS:
                    found += [
                        c
                        for c in noun.children
                        if c.dep_ in ("acl", "relcl") and c.i > noun.i and _that_clause(c)
                    ]
        elif child.dep_ == "dobj":
            for tok in child.subtree:
                if tok.dep_ == "relcl" and _that_clause(tok):
                    found.append(tok)
        elif child.dep_ == "advcl" and child.tag_ in ("VBD", "VBZ", "VBP", "VB"):
            kids = [c for c in child.children if c.i < child.i]
            subject = next((c for c in kids if c.dep_ in SUBJECT_DEPS), None)
            if subject is None or (
                child.tag_ == "VB" and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in kids)
            ):
                continue
            # Only a subject, auxiliaries, negation and adverbs before the verb, and at most a
            # phrase before the subject: nothing that subordinates the clause ("when", "if").
            if all(
                c.dep_ in ("aux", "auxpass", "neg", "advmod", *SUBJECT_DEPS)
                and c.tag_ not in ("WRB", "WDT", "WP")
                or (c.dep_ == "prep" and c.i < subject.i)
                for c in kids
            ):
                found.append(child)
    return found


def _as_aside(verb) -> bool:
    """ "As the minister noted, the talks ...", "Hawaii, as one adviser pointed out, rarely
    gets ...": an "as" clause of speech with nothing of its own to report tells who said
    the clause around it."""
    return (
        verb.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        and not any(c.dep_ in ("dobj", "xcomp", "prep") for c in verb.children)
    )


def _that_clause(clause, subjects=("nsubj",)) -> bool:
    """Whether ``clause`` opens with "that" as a complementiser, with a subject of its own."""
    kids = list(clause.children)
    mark = next((c for c in kids if c.lower_ == "that" and c.dep_ == "mark"), None)
    return mark is not None and any(c.dep_ in subjects and c.i > mark.i for c in kids)


def _one(piece: tuple[int, int] | None) -> list[tuple[int, int]]:
    return [piece] if piece is not None else []


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
        return _one(trimmed(doc, verb.right_edge.i + 1, last))
    if verb.right_edge.i >= last:
        return _one(trimmed(doc, first, verb.left_edge.i - 1))
    before = trimmed(doc, first, verb.left_edge.i - 1)
    after = trimmed(doc, verb.right_edge.i + 1, last)
    if before is not None and after is not None:
        return [before, after]
    return _one(trimmed(doc, first, last))


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
        if tok.i > first and _is_reporting_verb(tok) and _another_cue(doc, tok, first):
            return tok.left_edge.i - 1
    return last


def _another_cue(doc, verb, first: int) -> bool:
    """Whether the reporting verb ``verb`` inside a content starts another attribution:
    "Republicans said A and Democrats accused B", "said A, though she noted B", "said the
    hands were empty, which he said were at his side". B is another quote, not part of A."""
    if verb.dep_ == "conj":
        return True
    if verb.dep_ not in ("advcl", "relcl") or verb.left_edge.i <= first:
        return False
    has_subject = any(c.dep_ in SUBJECT_DEPS for c in verb.children)
    return has_subject and doc[verb.left_edge.i - 1].text == ","


def _claim_that(doc, noun, offset: int, text: str) -> list[Reported]:
    """ "Trump's claim that there have been thousands of shootings", "a New York Times
    report that ...": what a noun of speech says, with its own subject after "that", when
    the noun names whose words they are (a possessive or a name before it)."""
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "relcl", "ccomp") and _that_clause(c, ("nsubj", "expl"))
        ),
        None,
    )
    if clause is None or clause.i < noun.i:
        return []
    source = next((c for c in noun.children if c.dep_ == "poss"), None)
    if source is None:
        source = next(
            (c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None
        )
    if source is None or source.lower_ in ("its", "their", "our", "your", "my"):
        return []
    mention = mention_of(doc, source)
    if mention is None:
        return []
    mark = next(c for c in clause.children if c.lower_ == "that" and c.dep_ == "mark")
    last = without_aside(doc, mark.i + 1, clause.right_edge.i)
    piece = trimmed(doc, mark.i + 1, last)
    if piece is None:
        return []
    m_first, m_last = mention
    cue = _cue(doc, offset, m_first, m_last, noun)
    reported = _reported(doc, offset, text, piece[0], piece[1], cue)
    return [reported] if reported else []


def _according_to(doc, according, offset: int, text: str) -> list[Reported]:
    to = next((c for c in according.children if c.lower_ == "to"), None)
    if to is None:
        return []
    source = next((c for c in to.children if c.dep_ in ("pobj", "pcomp", "dobj")), None)
    if source is None:
        return []
    # "according to an analysis by Lily Batchelder": the author speaks, not the analysis.
    source = author(source) or source
    mention = mention_of(doc, source)
    if mention is None:
        return []
    head = according.head
    while head.dep_ != "ROOT" and head.head.i != head.i:
        head = head.head  # the sentence's clause, not a noun or clause inside it
    first, last = head.left_edge.i, head.right_edge.i
    a_first, a_last = according.left_edge.i, according.right_edge.i
    if a_first > head.i and _is_reporting_verb(head) and subject_of(head) is not None:
        return []  # "Rezaei said X, according to IRNA": the agency reports Rezaei's words
    if a_first > head.i:
        # "CLAUSE, according to X, more than twice ...": what X says ends before the cue.
        pieces = _one(trimmed(doc, first, a_first - 1))
    elif a_last < head.i and a_first > first:
        pieces = _one(trimmed(doc, first, last))  # "The deal, according to X, is dead."
    else:
        pieces = _one(trimmed(doc, a_last + 1, last))
    m_first, m_last = mention
    cue = _cue(doc, offset, min(according.i, m_first), m_last, according)
    cue.mention_start = offset + doc[m_first].idx
    cue.mention = _clean_mention(text[cue.mention_start : offset + _end(doc[m_last])])
    cue.verb = "according to"
    return [r for first, last in pieces if (r := _reported(doc, offset, text, first, last, cue))]


def _end(tok) -> int:
    return tok.idx + len(tok.text)


def _cue(doc, offset: int, m_first: int, m_last: int, verb, pieces=()) -> Cue:
    """The cue from the speaker's mention to the verb; only the verb when what was said
    stands between them ("Saying the talks had failed, the minister ...")."""
    mention_start = offset + doc[m_first].idx
    mention_end = offset + _end(doc[m_last])
    verb_start, verb_end = offset + verb.idx, offset + _end(verb)
    start, end = min(mention_start, verb_start), max(mention_end, verb_end)
    low, high = min(m_first, verb.i), max(m_last, verb.i)
    if any(first < high and low < last and not first <= verb.i <= last for first, last in pieces):
        start, end = verb_start, verb_end
    text = doc.text
    return Cue(
        start=start,
        end=end,
        mention=_clean_mention(text[mention_start - offset : mention_end - offset]),
        mention_start=mention_start,
        verb=verb.lower_,
        hint=hint(doc, m_first, m_last),
        verb_start=verb_start,
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
        inside = [q for q in directs if q.start < r.end and r.start < q.end and not q.title]
        if inside and _words_outside(text, r, inside) <= MAX_UNQUOTED_WORDS:
            for q in inside:
                if q.cue is None:
                    q.cue = r.cue
            continue
        if any(_quotes_cue(q, r.cue) for q in directs):
            continue  # the cue itself is quoted: somebody else's words
        if inside:
            absorbed.update(id(q) for q in inside)
            spans.append(Span(r.start, r.end, "mixed", r.cue))
        else:
            spans.append(Span(r.start, r.end, "indirect", r.cue))
    return spans, absorbed


def _quotes_cue(quote: Span, cue: Cue) -> bool:
    """Whether the direct quote holds the cue's speaker or verb. A quote between them ("Cruz
    exhorted Republicans to "vote your conscience" and said ...") does not."""
    if cue.verb_start < 0:
        return quote.start < cue.end and cue.start < quote.end
    return any(quote.start <= pos < quote.end for pos in (cue.mention_start, cue.verb_start))


def _words_outside(text: str, r: Reported, quotes: list[Span]) -> int:
    """How many words of the content ``r`` stand outside the direct quotes in it."""
    pos, words = r.start, 0
    for q in sorted(quotes, key=lambda q: q.start):
        words += len(WORD.findall(text, pos, max(pos, q.start)))
        pos = max(pos, q.end)
    return words + len(WORD.findall(text, pos, max(pos, r.end)))
