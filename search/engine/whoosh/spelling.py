"""Spelling suggestions: a correction of a query's unknown words, offered when it finds more."""

from __future__ import annotations

from collections.abc import Callable

from search.query import Query, positive_terms, replace_words

from ..base import Suggestion
from .compile import Criteria, compile_node
from .evaluate import Evaluator

SUGGEST_BELOW = 3  # results; a search finding fewer is offered a correction


def suggest(
    ev: Evaluator, query: Query, crit: Criteria, found: int, matches: Callable
) -> Suggestion | None:
    """A spelling correction of the query's words, offered only if it finds more."""
    mapping: dict[str, str] = {}
    reader = ev.reader
    for text, is_prefix in positive_terms(query.root):
        word = text.lower()
        if is_prefix or not word.isalpha() or len(word) < 3 or text in mapping:
            continue
        if any(reader.doc_frequency(f, word) for f in SPELLING_FIELDS):
            continue
        better = correction(reader, word)
        if better:
            mapping[text] = better
    if not mapping:
        return None
    words = compile_node(replace_words(query.root, mapping), reader)
    matched = matches(ev, words, crit)
    count = len(matched.quotes) + len(matched.articles)
    if count <= found:
        return None
    return Suggestion(text=query.replace_words(mapping), count=count)


SPELLING_FIELDS = ("spell_body", "spell_title", "names")


def correction(reader, word: str) -> str | None:
    """The most common indexed word nearest to ``word``, sharing its first letter.

    Not ``searcher.corrector()``: its ranking ignores the edit distance (it suggested "one"
    for "opek" over "opec"), and without a shared first letter the search over a 100k index's
    words took half a second."""
    for distance in (1, 2):
        options = {
            option: sum(reader.doc_frequency(f, option) for f in SPELLING_FIELDS)
            for field in SPELLING_FIELDS
            for option in reader.terms_within(field, word, distance, prefix=1)
            if option != word
        }
        if options:
            return max(sorted(options), key=options.__getitem__)
    return None
