"""Highlights that are safe by construction: the text is cut into plain segments and matched
segments, every segment is HTML-escaped, and only then are matches wrapped in ``<mark>``.
Matching uses the index's own analyzer, so stemmed forms light up too ("cutting" for "cut").
"""

from __future__ import annotations

import functools
import unicodedata

from ..highlight import WORD, MarkedText, locate
from .schema import NAME_ANALYZER, TEXT_ANALYZER, analyze


class Highlighter(MarkedText):
    """Marks the words that match the query's terms as the index analyses them: stems for
    text, folded names, and prefixes."""

    def __init__(self, terms: list[tuple[str, bool]]):
        super().__init__(())
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
        return locate(text, words & self._hits)

    def _matches(self, word: str) -> bool:
        stems, folded = _forms(word)
        if not self.stems.isdisjoint(stems):
            return True
        return bool(self.prefixes) and any(f.startswith(p) for f in folded for p in self.prefixes)


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
