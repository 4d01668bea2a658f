"""Spelling suggestions for a PostgreSQL search that found (almost) nothing: the indexed
word nearest each unknown word, offered only if the corrected query finds more."""

from __future__ import annotations

import dataclasses

from ..base import Suggestion
from .compile import (
    Compiler,
    Criteria,
    analyse,
    conditions,
    filter_texts,
    positive_terms,
    texts_of,
)

SUGGEST_BELOW = 3  # results under which a correction is looked for


CORRECTIONS_SQL = """
SELECT word, levenshtein(word, %(w)s) AS distance
FROM search_pg_word
WHERE word %% %(w)s AND left(word, 1) = left(%(w)s, 1) AND word <> %(w)s
  AND levenshtein(word, %(w)s) <= 2
ORDER BY distance, similarity(word, %(w)s) DESC, word
LIMIT 8
"""


def suggest(cursor, query, crit: Criteria, found: int) -> Suggestion | None:
    """A spelling correction of the query's words, offered only if it finds more."""
    mapping: dict[str, str] = {}
    root = query.root
    analysed = analyse(cursor, [t for t, _ in positive_terms(root)])
    compiler = Compiler(cursor, analysed)
    for text, is_prefix in positive_terms(root):
        word = text.lower()
        if is_prefix or not word.isalpha() or len(word) < 3 or text in mapping:
            continue
        if _matches_any(cursor, compiler._phrase(text)):
            continue
        correction = _correction(cursor, word)
        if correction:
            mapping[text] = correction
    if not mapping:
        return None
    corrected = _replace_words(root, mapping)
    analysed = analyse(cursor, texts_of(corrected) + filter_texts(crit))
    words_query = Compiler(cursor, analysed).compile(corrected)
    where, params = conditions(words_query, crit, analysed)
    cursor.execute(f"SELECT count(*) FROM search_pg_document d WHERE {where}", params)
    count = cursor.fetchone()[0]
    if count <= found:
        return None
    replace = getattr(query, "replace_words", None)
    text = replace(mapping) if callable(replace) else str(getattr(query, "raw", ""))
    return Suggestion(text=text, count=count)


def _matches_any(cursor, words_query: str | None) -> bool:
    if words_query is None:
        return True  # nothing to correct (stop words only)
    cursor.execute(
        "SELECT EXISTS (SELECT 1 FROM search_pg_document WHERE vector @@ %s::tsquery)",
        [words_query],
    )
    return cursor.fetchone()[0]


def _correction(cursor, word: str) -> str | None:
    """The indexed word nearest to ``word`` (at most two edits, same first letter), the one
    in most documents among equally near ones."""
    cursor.execute(CORRECTIONS_SQL, {"w": word})
    candidates = cursor.fetchall()
    if not candidates:
        return None
    nearest = sorted(w for w, distance in candidates if distance == candidates[0][1])
    if len(nearest) == 1:
        return nearest[0]
    analysed = analyse(cursor, nearest)
    compiler = Compiler(cursor, analysed)
    counts = {}
    for option in nearest:
        words_query = compiler._phrase(option)
        if words_query is None:
            continue
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM search_pg_document "
            "WHERE vector @@ %s::tsquery LIMIT 10000) AS s",
            [words_query],
        )
        counts[option] = cursor.fetchone()[0]
    return max(sorted(counts), key=counts.__getitem__) if counts else None


def _replace_words(node, mapping: dict[str, str]):
    kind = type(node).__name__
    if kind == "Word":
        return dataclasses.replace(node, text=mapping.get(node.text, node.text))
    if kind == "Phrase":
        return dataclasses.replace(node, words=tuple(mapping.get(w, w) for w in node.words))
    if kind == "Not":
        return dataclasses.replace(node, child=_replace_words(node.child, mapping))
    return dataclasses.replace(
        node, children=tuple(_replace_words(c, mapping) for c in node.children)
    )
