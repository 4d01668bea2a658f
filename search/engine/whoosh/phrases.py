"""Documents holding a phrase, from positions decoded a whole posting list at a time.

A phrase of common words was the costliest query of all: "the company said" read and decoded
the positions of "the" in three documents out of four, a Python call per document. Here a
phrase is a set of conditions, each a term at an offset from where the phrase starts: a pair
holding a common word is one term of ``body_grams`` (see ``schema.COMMON_WORDS``), every
other word is its own term of the phrase field. The documents holding every term come first
(from postings without positions); positions are then decoded, the rarest term first, with
numpy, as (document, start) keys, and intersected. "said it" is a single pair: its
documents are the pair's postings, and no position is read at all.
"""

from __future__ import annotations

import numpy as np
from whoosh import query as wq
from whoosh.matching.wrappers import FilterMatcher

from . import internals
from .schema import COMMON_WORDS, gram

RANKED_FIELD = {"body_phrase": "body"}  # the same text, with and without positions
GRAM_FIELD = {"body_phrase": "body_grams"}  # pairs holding a common word, positions kept
SHIFT = 32  # a (document, start) key is document << SHIFT | start; positions stay below 2**31


def conditions(field: str, words: list[str], grams: bool) -> list[tuple[str, str, int]]:
    """(field, term, offset from the phrase's start) that a document must all hold: with
    ``grams``, each pair holding a common word from the pairs field, the other words alone."""
    if not grams:
        return [(field, w, i) for i, w in enumerate(words)]
    out, covered = [], set()
    for i in range(len(words) - 1):
        if words[i] in COMMON_WORDS or words[i + 1] in COMMON_WORDS:
            out.append((GRAM_FIELD[field], gram(words[i], words[i + 1]), i))
            covered.update((i, i + 1))
    out += [(field, w, i) for i, w in enumerate(words) if i not in covered]
    return out


def phrase_docs(ev, field: str, words: list[str]) -> set[int]:
    """Documents of ``ev``'s searcher with ``words`` at consecutive positions of ``field``.
    Documents indexed before ``body_grams`` was are matched on their words' positions."""
    if field not in GRAM_FIELD or len(words) < 2:
        return _matching(ev, conditions(field, words, grams=False))
    found = _matching(ev, conditions(field, words, grams=True))
    older = ev.table.without_grams()
    if older:
        found |= _matching(ev, conditions(field, words, grams=False), older)
    return found


def _matching(ev, terms: list[tuple[str, str, int]], within=None) -> set[int]:
    """Documents (of ``within``, if given) holding every term at its offset from a start."""
    sets = [ev.docs(wq.Term(RANKED_FIELD.get(f, f), t)) for f, t, _ in terms]
    candidates = set(min(sets, key=len))
    if within is not None:
        candidates &= within
    for other in sets:
        candidates &= other
    if not candidates or len(terms) == 1:  # one word, or one pair: no position to compare
        return candidates
    order = sorted(range(len(terms)), key=lambda i: len(sets[i]))
    wanted = np.zeros(ev.reader.doc_count_all(), dtype=bool)
    wanted[np.fromiter(candidates, dtype=np.int64, count=len(candidates))] = True
    starts = None
    for n, i in enumerate(order):
        f, text, offset = terms[i]
        docs, positions = _positions(ev.reader, f, text, wanted)
        keep = positions >= offset  # an earlier start would put the phrase's head before 0
        keys = (docs[keep] << SHIFT) | (positions[keep] - offset)
        if keys.size > 1 and not (keys[1:] > keys[:-1]).all():
            keys = _distinct(keys)  # postings come in document order, positions ascending
        starts = keys if starts is None else _common(starts, keys)
        if not starts.size:
            return set()
        if n < len(order) - 1:
            wanted[:] = False
            wanted[starts >> SHIFT] = True
    return set(_distinct(starts >> SHIFT).tolist())


def _common(few: np.ndarray, many: np.ndarray) -> np.ndarray:
    """The values of ``few`` also in ``many``, both sorted without repeats."""
    if not many.size:
        return many
    at = np.minimum(np.searchsorted(many, few), many.size - 1)
    return few[many[at] == few]


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted, without repeats: ``np.unique``, by sorting (numpy 2's hashing ``unique`` took
    half a second for the million positions of "the")."""
    values = np.sort(values)
    if values.size < 2:
        return values
    return values[np.concatenate(([True], values[1:] != values[:-1]))]


def _positions(reader, field: str, text: str, wanted: np.ndarray) -> tuple[np.ndarray, ...]:
    """(docnums, positions) of ``text`` in ``field``, one pair per position, for the documents
    ``wanted`` marks (a mask over the reader's docnums)."""
    decode = reader.schema[field].format.decode_positions
    all_docs, all_positions = [], []
    for leaf, offset in reader.leaf_readers():
        mine = wanted[offset : offset + leaf.doc_count_all()]
        if not mine.any() or (field, text) not in leaf:
            continue
        matcher = leaf.postings(field, text)
        if isinstance(matcher, FilterMatcher):
            matcher = matcher.child
        docs, positions = internals.position_arrays(matcher, mine, decode)
        all_docs.append(docs + offset if offset else docs)
        all_positions.append(positions)
    if not all_docs:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    return np.concatenate(all_docs), np.concatenate(all_positions)
