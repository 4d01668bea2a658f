"""Highlights that are safe by construction, for any backend: the text is cut into plain
segments and matched segments, every segment is HTML-escaped, and only then are matches
wrapped in ``<mark>``. Which words match is the backend's business (its own analyzers); this
module only needs a set of matching words.

The Whoosh backend has the same logic in ``search/engine/whoosh/highlight.py`` (with its
analyzers built in); this copy has no Whoosh import, so other backends can use it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from html import escape

ELLIPSIS = "…"
WORD_PATTERN = r"\w+(?:[.'’]\w+)*"
WORD = re.compile(WORD_PATTERN)
MAX_ALTERNATIVES = 50  # matching words looked for with one regular expression


def words(text: str) -> set[str]:
    """The distinct tokens of ``text``, cut as highlights cut them."""
    return set(WORD.findall(text)) if text else set()


def locate(text: str, found: Collection[str]) -> list[tuple[int, int]]:
    """Where the words ``found`` (tokens of ``text``) stand in it, as whole tokens. Only those
    words are looked for: an article body is mostly other words."""
    if not found:
        return []
    if len(found) > MAX_ALTERNATIVES:  # e.g. "a*": no regular expression of every word
        return [m.span() for m in WORD.finditer(text) if m.group() in found]
    longest_first = sorted(found, key=len, reverse=True)
    finder = re.compile("|".join(map(re.escape, longest_first)))
    return [m.span() for m in finder.finditer(text) if _whole_token(text, *m.span())]


class MarkedText:
    """Marks the words of a text that are in ``hits`` (whole tokens only)."""

    def __init__(self, hits: Collection[str]):
        self.hits = frozenset(hits)

    def spans(self, text: str) -> list[tuple[int, int]]:
        if not text or not self.hits:
            return []
        return locate(text, words(text) & self.hits)

    def whole(self, text: str, limit: int = 600) -> str:
        """All of a short text, marked; cut at a word boundary past ``limit``."""
        cut = _cut_end(text, limit)
        html = mark(text[:cut], self.spans(text[:cut]))
        return html + (ELLIPSIS if cut < len(text) else "")

    def fragment(self, text: str, size: int = 300) -> str:
        """The ~``size``-character window of ``text`` holding the most matches, marked."""
        spans = self.spans(text)[:200]
        start = 0
        if spans:
            best, last = 0, 0
            for i, (s, _e) in enumerate(spans):
                last = max(last, i)
                while last < len(spans) and spans[last][1] <= s + size - 40:
                    last += 1
                if last - i > best:
                    best, start = last - i, s
            start = max(0, min(start - 40, len(text) - size))  # a full window near the end
            start = _cut_start(text, start)
        end = _cut_end(text, start + size)
        inside = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
        html = mark(text[start:end], inside)
        return (ELLIPSIS if start > 0 else "") + html + (ELLIPSIS if end < len(text) else "")


def mark(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` escaped, with each span wrapped in ``<mark>`` (escaped first, marked second)."""
    out, pos = [], 0
    for start, end in spans:
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        out.append("<mark>" + escape(text[start:end]) + "</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


_WORD_CHAR = re.compile(r"\w").match
_JOINERS = ".'’"  # inside a token when a word character follows (see WORD_PATTERN)


def _whole_token(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a whole token, not a piece of a longer one."""
    if start > 0:
        before = text[start - 1]
        if _WORD_CHAR(before) or (before in _JOINERS and start > 1 and _WORD_CHAR(text[start - 2])):
            return False
    if end < len(text):
        after = text[end]
        if _WORD_CHAR(after) or (
            after in _JOINERS and end + 1 < len(text) and _WORD_CHAR(text[end + 1])
        ):
            return False
    return True


def _cut_end(text: str, limit: int) -> int:
    if len(text) <= limit:
        return len(text)
    space = text.rfind(" ", 0, limit)
    return space if space > limit * 0.7 else limit


def _cut_start(text: str, start: int) -> int:
    if start <= 0:
        return 0
    space = text.find(" ", start)
    return space + 1 if 0 <= space < start + 30 else start
