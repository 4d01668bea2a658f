"""Evaluating compiled queries a block of postings at a time, and ranking with BM25F.

Whoosh's matchers cost several microseconds per matching document in pure Python; a common
word matches most of a 100k index, which is where bare Whoosh's 700 ms tail came from. Here
a term's postings are read block by block (ids and term frequencies as arrays), boolean
structure becomes set algebra, and only the allowed documents are scored, with Whoosh's
BM25F formula and parameters. Phrases are matched in ``phrases``; anything unusual still
goes through ``searcher.docs_for_query``, so the documents matched are Whoosh's.

Scores are Whoosh's own when given the same field lengths (``tests/test_whoosh_evaluate.py``
compares them with ``searcher.search``). They differ from Whoosh's in these known ways:

- field lengths: a document's title and body length is the whitespace word count that
  ``schema.py`` stores in its ``meta`` column, read as a plain list; Whoosh uses its analysed
  token count, squeezed into one byte (lossy above a few dozen words). Speaker names count
  ``NAME_LENGTH`` words. The average length is Whoosh's (analysed) in both;
- an excluded word (``-oil``) adds nothing here, where Whoosh adds 1.0 to every hit; the order
  is the same.

The fast paths read private Whoosh internals through ``internals``, which checks them once
at import and falls back to the public matcher API when they are missing.
"""

from __future__ import annotations

import heapq
from array import array
from collections import OrderedDict
from itertools import repeat
from operator import neg

import numpy as np
from whoosh import query as wq
from whoosh.matching.wrappers import FilterMatcher

from . import internals
from .phrases import RANKED_FIELD, phrase_docs

K1, B = 1.2, 0.75  # whoosh.scoring.BM25F defaults; the title's field_boost is in its weights
NAME_LENGTH = 3  # names are short and their lengths are not kept
FEW = 2  # postings per document to rank, above which only those documents are scored
NARROW = 8  # documents allowed, against those ranked, below which they are ranked directly


# Bytes an entry takes, roughly: a member of a frozenset; a document's score in a dict; its
# place in a sorted ranking; the entry itself.
SET_MEMBER_BYTES, SCORE_BYTES, RANKED_BYTES, ENTRY_BYTES = 64, 100, 8, 200


def approximate_bytes(value) -> int:
    """Roughly what a cached value holds in memory, for ``SearcherCache``'s bound."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, array):
        return value.itemsize * len(value)
    if isinstance(value, set | frozenset):
        return SET_MEMBER_BYTES * len(value)
    if isinstance(value, dict):
        return sum(approximate_bytes(v) for v in value.values()) + 16 * len(value)
    if isinstance(value, list | tuple):
        return sum(approximate_bytes(v) for v in value) + 8 * len(value)
    return 32


class SearcherCache:
    """What searches read and work out from one searcher, kept across queries: decoded
    postings, the documents of terms and phrases, rankings, compiled queries, matches with
    their facet counts, and stored fields (as Solr's filter, query result and document
    caches keep them). A worker meets the same common words again and again, and decoding
    their postings was half the time of a search. Least recently used entries go first once
    about ``limit`` bytes are held. Whatever owns the searcher drops this with it, so
    nothing here outlives the index it was read from; cached values are only ever read.

    An OrderedDict, not cachetools' LRUCache: that would keep the byte bound (``getsizeof``)
    but save only these few lines, for a new dependency, and the rule that one entry may
    take at most a quarter would stay here anyway."""

    def __init__(self, limit: int = 32 * 2**20):
        self.limit = limit
        self.size = 0
        self._entries: OrderedDict = OrderedDict()

    def __contains__(self, key) -> bool:
        return key in self._entries

    def remembered(self, key, compute, size=approximate_bytes):
        """``compute()``, or what it gave last time for ``key``; ``size(value)`` in bytes."""
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
            return entry[0]
        value = compute()
        nbytes = size(value) + ENTRY_BYTES
        if nbytes <= self.limit // 4:  # one entry may not push out everything else
            self._entries[key] = (value, nbytes)
            self.size += nbytes
            while self.size > self.limit:
                _key, (_value, evicted) = self._entries.popitem(last=False)
                self.size -= evicted
        return value


class Evaluator:
    """One query evaluation against one searcher. Postings and the documents of terms and
    phrases come from ``cache``, shared by all evaluations against the same searcher."""

    def __init__(self, searcher, table, cache: SearcherCache | None = None):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.table = table
        self.cache = cache if cache is not None else SearcherCache()
        self._scored_here: set = set()  # scores this evaluation computed (a query not seen)
        self._restricted_here: set = set()  # terms first met here, scored within the docs

    # matching

    def docs(self, q) -> set[int] | frozenset[int]:
        """The docnums matching ``q`` (deleted documents excluded). Callers must not change
        the set they get: for terms and phrases it is the cached one."""
        if isinstance(q, wq.Term):
            key = ("docs", q.fieldname, q.text)
            return self.cache.remembered(
                key, lambda: frozenset(self.postings(q.fieldname, q.text)[0])
            )
        if isinstance(q, wq.Or):
            out: set[int] = set()
            for child in q.subqueries:
                out |= self.docs(child)
            return out
        if isinstance(q, wq.And):
            positive = [c for c in q.subqueries if not isinstance(c, wq.Not)]
            negative = [c.query for c in q.subqueries if isinstance(c, wq.Not)]
            sets = sorted((self.docs(c) for c in positive), key=len)
            out = set(sets[0]) if sets else set(self.table.live_set())
            for other in sets[1:]:
                out &= other
            for child in negative:
                out -= self.docs(child)
            return out
        if isinstance(q, wq.Not):
            return self.table.live_set() - self.docs(q.query)
        if isinstance(q, wq.Every):
            return set(self.table.live_set())
        if q is wq.NullQuery:
            return set()
        if isinstance(q, wq.Phrase) and q.slop == 1 and self._has_positions(q.fieldname):
            key = ("phrase", q.fieldname, tuple(q.words))
            return self.cache.remembered(
                key, lambda: frozenset(phrase_docs(self, q.fieldname, list(q.words)))
            )
        return set(self.searcher.docs_for_query(q))

    def _has_positions(self, field: str) -> bool:
        return hasattr(self.reader.schema[field].format, "decode_positions")

    def postings(self, field: str, text: str) -> tuple[array, array]:
        """Docnums and term frequencies of ``text`` in ``field``, as arrays."""

        def read():
            ids, tfs = _read_postings(self.reader, field, text)
            return array("i", ids), array("f", tfs)

        return self.cache.remembered(("postings", field, text), read)

    # ranking

    def top(self, q, docs, k: int) -> list[tuple[int, float]]:
        """The ``k`` best of ``docs`` for ``q``, best first: (docnum, score). Ties go to the
        earlier document, and documents no scored term matches come last. A query met for
        the first time whose ``docs`` are few beside its terms' postings (a phrase of common
        words) scores only those. Otherwise scores, which do not depend on filters, are
        computed once per searcher (cached). A query seen before also gets its ranking
        sorted once, and a page is then the first ``k`` of it found in ``docs``; a new query
        is ranked directly, with no sort of every match."""
        if k <= 0 or not docs:
            return []
        terms = tuple(_scored_terms(q))
        wanted = docs if isinstance(docs, (set, frozenset)) else set(docs)
        if self._first_sight(terms) and len(wanted) * FEW < self._posting_count(terms):
            scores = self._scores_within(terms, wanted)
            return _best(scores, wanted, k)
        scores = self._scores(terms)
        ranking = None
        if terms not in self._scored_here:  # seen by an earlier search: worth sorting
            ranking = self.cache.remembered(
                ("ranking", terms),
                lambda: sorted(scores, key=lambda d: (-scores[d], d)),
                lambda v: RANKED_BYTES * len(v),
            )
        if ranking is None or len(wanted) * NARROW < len(ranking):
            return _best(scores, wanted, k)
        best = []
        for d in ranking:
            if d in wanted:
                best.append((d, scores[d]))
                if len(best) == k:
                    return best
        unscored = heapq.nsmallest(k - len(best), (d for d in wanted if d not in scores))
        return best + [(d, 0.0) for d in unscored]

    def _first_sight(self, terms) -> bool:
        """Whether no earlier search ranked by these terms (this one may have)."""
        if terms in self._restricted_here:
            return True
        if ("scores", terms) in self.cache or ("seen", terms) in self.cache:
            return False
        self.cache.remembered(("seen", terms), lambda: True, lambda v: 0)
        self._restricted_here.add(terms)
        return True

    def _posting_count(self, terms) -> int:
        return sum(len(self.postings(field, text)[0]) for field, text in terms)

    def _scores_within(self, terms, wanted) -> dict[int, float]:
        """The scores ``_scores`` would give, for the ``wanted`` documents only (not cached:
        they depend on the filters)."""
        self._scored_here.add(terms)
        mask = np.zeros(self.reader.doc_count_all(), dtype=bool)
        mask[np.fromiter(wanted, dtype=np.int64, count=len(wanted))] = True
        scores: dict[int, float] = {}
        get = scores.get
        for field, text in terms:
            for d, score in self._term_scores(field, text, mask):
                scores[d] = get(d, 0.0) + score
        return scores

    def _scores(self, terms: tuple[tuple[str, str], ...]) -> dict[int, float]:
        """BM25F scores of every document matching one of these (field, text) terms."""

        def compute():
            self._scored_here.add(terms)
            scores: dict[int, float] = {}
            get = scores.get
            for field, text in terms:
                for d, score in self._term_scores(field, text):
                    scores[d] = get(d, 0.0) + score
            return scores

        return self.cache.remembered(("scores", terms), compute, lambda v: SCORE_BYTES * len(v))

    def _term_scores(self, field: str, text: str, within: np.ndarray | None = None):
        """(docnum, score) for every document holding ``text`` in ``field`` (and marked in
        the mask ``within``, if given). Worked out by numpy in doubles, with the operations
        in the order of Whoosh's formula, so every score is the float Python would give."""
        ids, tfs = self.postings(field, text)
        ids, tfs = np.frombuffer(ids, dtype=np.int32), np.frombuffer(tfs, dtype=np.float32)
        if within is not None:
            kept = within[ids]
            ids, tfs = ids[kept], tfs[kept]
        if not ids.size:
            return ()
        idf = self.searcher.idf(field, text)
        avg = self.searcher.avg_field_length(field) or 1.0
        lengths = self.table.lengths(field)
        base, per = K1 * (1 - B), K1 * B / avg
        top = idf * (K1 + 1)
        tfs = tfs.astype(np.float64)
        if lengths is None:
            norm = base + per * NAME_LENGTH
            scores = top * tfs / (tfs + norm)
        else:
            lengths = np.fromiter(map(lengths.__getitem__, ids.tolist()), np.float64, ids.size)
            scores = top * tfs / (tfs + base + per * lengths)
        return zip(ids.tolist(), scores.tolist(), strict=True)


def _best(scores: dict[int, float], wanted, k: int) -> list[tuple[int, float]]:
    pairs = zip(map(scores.get, wanted, repeat(0.0)), map(neg, wanted), strict=True)
    return [(-d, score) for score, d in heapq.nlargest(k, pairs)]


def _scored_terms(q) -> list[tuple[str, str]]:
    """(field, text) of every term that counts towards the score (not under a Not)."""
    if isinstance(q, wq.Term):
        return [(q.fieldname, q.text)]
    if isinstance(q, wq.Phrase):  # phrases are matched on positions, ranked on frequencies
        field = RANKED_FIELD.get(q.fieldname, q.fieldname)
        return [(field, w) for w in q.words]
    if isinstance(q, wq.Not):
        return []
    if isinstance(q, wq.Prefix):
        return []
    return [t for child in getattr(q, "subqueries", ()) for t in _scored_terms(child)]


def _read_postings(reader, field: str, text: str) -> tuple[list[int], list[float]]:
    ids: list[int] = []
    tfs: list[float] = []
    for leaf, offset in reader.leaf_readers():
        if (field, text) not in leaf:
            continue
        matcher = leaf.postings(field, text)
        deleted = frozenset()
        if isinstance(matcher, FilterMatcher):
            matcher, deleted = matcher.child, leaf.deleted_docs_set
        leaf_ids, leaf_tfs = internals.postings(matcher)
        if deleted:
            kept = [i for i, d in enumerate(leaf_ids) if d not in deleted]
            leaf_ids, leaf_tfs = [leaf_ids[i] for i in kept], [leaf_tfs[i] for i in kept]
        ids.extend(map(offset.__add__, leaf_ids) if offset else leaf_ids)
        tfs.extend(leaf_tfs)
    return ids, tfs
