"""Reported clauses joined by "but that": each is a quote of its own, with the same cue
("Ferrante said the timetable was a step forward but that the agency still needed records"
reports two things she said). "and that" is left whole: PolNeAR annotates it as one
attribution, and splitting it there costs more than it gains.

Pure functions over strings; nothing here imports Django.
"""

from __future__ import annotations

import re

from search.quotes.direct import MARK
from search.quotes.spans import Span

JOINED = re.compile(r",?\s+but\s+that\s+")
MIN_WORDS = 3


def split_joined(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` with each indirect or mixed span cut where a "but that" clause joins it;
    a part with no quotation mark left in it is indirect."""
    out = []
    for span in spans:
        out.extend(_parts(text, span) if span.kind in ("indirect", "mixed") else [span])
    return out


def _parts(text: str, span: Span) -> list[Span]:
    cuts, pos = [], span.start
    for m in JOINED.finditer(text, span.start, span.end):
        inside_quote = len(MARK.findall(text, span.start, m.start())) % 2 == 1
        if inside_quote or _words(text, pos, m.start()) < MIN_WORDS:
            continue
        if _words(text, m.end(), span.end) < MIN_WORDS:
            break
        cuts.append((pos, m.start()))
        pos = m.end()
    if not cuts:
        return [span]
    cuts.append((pos, span.end))
    return [
        Span(a, b, "mixed" if MARK.search(text, a, b) else "indirect", span.cue) for a, b in cuts
    ]


def _words(text: str, start: int, end: int) -> int:
    return len(re.findall(r"\w+", text[start:end]))
