"""Where a reported span starts and ends: without the punctuation and complementiser at its
edges, and without the writer's aside that trails it ("..., which forced her to leave early").

Pure functions over spaCy tokens; nothing here imports Django.
"""

from __future__ import annotations

MIN_CONTENT_WORDS = 3
CLAUSE_PUNCT = {",", ".", ";", ":", "!", "?", "-", "–", "—", "(", ")", "...", "…"}


def trimmed(doc, first: int, last: int) -> tuple[int, int] | None:
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


def without_aside(doc, first: int, last: int, keep: int = MIN_CONTENT_WORDS) -> int:
    """The last token of the span ``first``..``last`` before a trailing relative clause set
    off by a comma, which tells the reader about the last thing named ("..., which forced
    her to leave early", ", who has not been charged"), when more than ``keep`` tokens
    stand before it."""
    for tok in doc[first : last + 1]:
        if (
            tok.dep_ == "relcl"
            and tok.right_edge.i == last
            and tok.left_edge.i > first + keep
            and doc[tok.left_edge.i - 1].text == ","
            and doc[tok.left_edge.i].lower_ in ("which", "who", "whose")
        ):
            return tok.left_edge.i - 2
    return last


def before_aside(doc, phrase) -> int:
    """The last token of the phrase headed by ``phrase`` before such an aside."""
    return without_aside(doc, phrase.i, phrase.right_edge.i, keep=0)
