"""Highlights that are safe by construction: the text is cut into plain segments and matched
segments, every segment is HTML-escaped, and only then are matches wrapped in ``<mark>``.
Matching uses the index's own analyzer, so stemmed forms light up too ("cutting" for "cut").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from html import escape

from .schema import NAME_ANALYZER, TEXT_ANALYZER, WORD_PATTERN, analyze

ELLIPSIS = "…"
MAX_ALTERNATIVES = 50  # matching words looked for with one regular expression (re caches it)
WORD = re.compile(WORD_PATTERN)


class Highlighter:
    def __init__(self, terms: list[tuple[str, bool]]):
        self.stems: set[str] = set()
        self.prefixes: list[str] = []
        self._known: set[str] = set()  # words already classified, and of them those that match
        self._hits: set[str] = set()
        for text, is_prefix in terms:
            if is_prefix:
                self.prefixes.extend(analyze(NAME_ANALYZER, text))
            else:
                self.stems.update(analyze(TEXT_ANALYZER, text))
                self.stems.update(analyze(NAME_ANALYZER, text))
        # Stemming and folding never change a word's first letter (after accent folding), so
        # a word whose initial starts no term is skipped without running the analyzer.
        self.initials = {t[0] for t in (*self.stems, *self.prefixes) if t}

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans of the words that match, tokenized exactly as the index does.
        The distinct words are collected in C and each is analysed once; then only those
        that match are looked for, as whole tokens (an article body is mostly other words)."""
        if not text or not (self.stems or self.prefixes):
            return []
        words = set(WORD.findall(text))
        for word in words - self._known:  # a page's hits share most of their words
            if _initial(word) in self.initials and self._matches(word):
                self._hits.add(word)
        self._known |= words
        hits = words & self._hits
        if not hits:
            return []
        if len(hits) > MAX_ALTERNATIVES:  # e.g. "a*": no regular expression of every word
            return [m.span() for m in WORD.finditer(text) if m.group() in hits]
        longest_first = sorted(hits, key=len, reverse=True)
        finder = re.compile("|".join(map(re.escape, longest_first)))
        return [m.span() for m in finder.finditer(text) if _whole_token(text, *m.span())]

    def _matches(self, word: str) -> bool:
        stems, folded = _forms(word)
        if not self.stems.isdisjoint(stems):
            return True
        return bool(self.prefixes) and any(f.startswith(p) for f in folded for p in self.prefixes)

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
            # The window starting at each match holds the matches up to the first that ends
            # past it; spans are in order and apart, so that one only moves forward.
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


_WORD_CHAR = re.compile(r"\w").match
_JOINERS = ".'’"  # inside a token when a word character follows (see WORD_PATTERN)


def _whole_token(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a whole token as ``WORD`` cuts them, not a piece of a
    longer one ("trade" in "retrade", "trader" or "U.S.trade")."""
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


def _initial(word: str) -> str:
    return _folded_letter(word[:1])


# Words and letters are analysed once per process, not once per highlighted page: a results
# page meets the same few thousand words again and again.


@functools.lru_cache(maxsize=4096)
def _folded_letter(letter: str) -> str:
    return unicodedata.normalize("NFKD", letter)[:1].casefold()


@functools.lru_cache(maxsize=50_000)
def _forms(word: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The word as the body is indexed (stems) and as names are (folded, for prefixes)."""
    return frozenset(analyze(TEXT_ANALYZER, word)), tuple(analyze(NAME_ANALYZER, word))


def mark(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for start, end in spans:
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        out.append("<mark>" + escape(text[start:end]) + "</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


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
