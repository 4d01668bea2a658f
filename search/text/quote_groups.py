"""The key under which one statement carried by several outlets is grouped. Pure Python.

Outlets retype a statement: curly or straight quotes, dashes, case, accents, a dropped
"the", a trailing ellipsis. The key ignores all of that, so the same words in the same order
give the same key; different words give a different one. It is computed once, when a quote
is saved (``Quote.save`` and ``Quote.objects.bulk_create``), never at query time."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MIN_WORDS = 6  # "We will see" from two people is not one statement carried twice
IGNORED = frozenset({"a", "an", "the"})
_WORD = re.compile(r"[^\W_]+")


def normalise(text: str) -> str:
    """The words of ``text``, folded (case, accents, apostrophes), without "a", "an", "the"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = stripped.casefold().replace("’", "").replace("'", "")
    return " ".join(w for w in _WORD.findall(folded) if w not in IGNORED)


def group_key(text: str) -> str:
    """40 hex digits shared by quotes with the same normalised words; "" for a quote too
    short to tell a repeated statement from a commonplace."""
    words = normalise(text)
    if len(words.split()) < MIN_WORDS:
        return ""
    return hashlib.sha1(words.encode("utf-8"), usedforsecurity=False).hexdigest()
