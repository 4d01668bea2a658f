"""Per-document values (type, ids, date, speaker, kind, source, version) held in plain lists.

They are read from the ``meta`` column once per segment and reused until the segment goes
away, so filters on dates, facet counts and date sorts are list look-ups, not Whoosh queries
(a ``DateRange`` query was 40-60x slower here than filtering ranked docnums on a column).
"""

from __future__ import annotations

import gc
import heapq

from . import internals
from .schema import META_FIELDS, SEP

FIELDS = tuple(name for name, _kind in META_FIELDS)
EMPTY = [b"", b"0", b"0", b"0", b"", b"", b"", b"", b"", b"0", b"0", b"", b""]


class SegmentValues:
    """The ``meta`` values of one segment, a list per field, parsed a column at a time (a
    150k-document segment loads in about a tenth of a second)."""

    __slots__ = (*FIELDS, "_orders", "_without_grams")

    def __init__(self, reader):
        self._orders: dict[bool, list[int]] = {}
        self._without_grams: list[int] | None = None
        enabled = gc.isenabled()
        gc.disable()  # hundreds of thousands of short-lived lists would trigger many GC passes
        try:
            self._load(reader)
        finally:
            if enabled:
                gc.enable()

    def _load(self, reader) -> None:
        sep = SEP.encode()
        rows = [raw.split(sep) if raw else EMPTY for raw in _column_values(reader, "meta")]
        rows = [r if len(r) == len(EMPTY) else (r + EMPTY[len(r) :])[: len(EMPTY)] for r in rows]
        columns = list(zip(*rows, strict=True)) if rows else [()] * len(FIELDS)
        for (name, kind), raw in zip(META_FIELDS, columns, strict=True):
            if kind == "flag":
                values = [v == b"q" for v in raw]
            elif kind == "yes":
                values = [v == b"1" for v in raw]
            elif kind == "int":
                values = list(map(int, raw))
            else:  # one str object per distinct value
                decoded = {v: v.decode("utf-8") for v in set(raw)}
                values = list(map(decoded.__getitem__, raw))
            setattr(self, name, values)

    def by_date(self, newest: bool) -> list[int]:
        """This segment's docnums in ``date_order``, sorted once while the segment lives."""
        if newest not in self._orders:
            key = date_order(self.dates, self.ids, newest)
            self._orders[newest] = sorted(range(len(self.ids)), key=key)
        return self._orders[newest]

    def without_grams(self) -> list[int]:
        """Docnums of the documents indexed before ``body_grams`` was."""
        if self._without_grams is None:
            self._without_grams = [d for d, yes in enumerate(self.in_grams) if not yes]
        return self._without_grams


def date_order(dates: list[int], ids: list[int], newest: bool):
    """The sort key of a page by date: unknown dates (0) last, then the newest (or oldest)
    first, then the highest (or lowest) id."""
    if newest:
        return lambda d: (dates[d] == 0, -dates[d], -ids[d])
    return lambda d: (dates[d] == 0, dates[d], ids[d])


def _column_values(reader, field: str) -> list[bytes]:
    """Every value of a VarBytes column (Whoosh reads them a seek and a read at a time, 0.2 s
    for 150k documents; ``internals`` reads them in one go)."""
    return internals.column_values(reader.column_reader(field, translate=False))


class DocTable:
    """Values for every docnum of one searcher (deleted documents included: queries never
    return them, and ``live`` skips them)."""

    def __init__(self, searcher, cache: dict):
        self.searcher = searcher
        reader = searcher.reader()
        leaves = reader.leaf_readers()
        for name in FIELDS:
            setattr(self, name, [])
        seen = set()
        self._runs: list[tuple[SegmentValues, int]] = []
        for leaf, offset in leaves:
            segment = getattr(leaf, "segment", lambda: None)()
            if segment is None:  # an empty index has a reader with no segment
                continue
            key = segment.segment_id()
            seen.add(key)
            values = cache.get(key)
            if values is None:
                values = cache[key] = SegmentValues(leaf)
            assert offset == len(self.ids)
            self._runs.append((values, offset))
            for name in FIELDS:
                getattr(self, name).extend(getattr(values, name))
        for key in set(cache) - seen:
            del cache[key]
        self._live = None
        self._live_set = None
        self._speaker_names = None
        self._quote_docs = None
        self._sources = None
        self._without_grams = None

    def live(self) -> list[int]:
        """Docnums of documents not deleted."""
        if self._live is None:
            live = []
            for leaf, offset in self.searcher.reader().leaf_readers():
                live.extend(offset + d for d in leaf.all_doc_ids())
            self._live = live
        return self._live

    def live_set(self) -> frozenset[int]:
        if self._live_set is None:
            self._live_set = frozenset(self.live())
        return self._live_set

    def by_date(self, newest: bool):
        """Every docnum (deleted ones too) in ``date_order``: the segments' own orders,
        merged, so a page of a date sort takes the first documents it wants."""
        runs = [
            map(offset.__add__, values.by_date(newest)) if offset else values.by_date(newest)
            for values, offset in self._runs
        ]
        if len(runs) == 1:
            return iter(runs[0])
        return heapq.merge(*runs, key=date_order(self.dates, self.ids, newest))

    def without_grams(self) -> frozenset[int]:
        """Live documents indexed before ``body_grams`` was (none, once rebuilt): their
        phrases are matched on their words' positions."""
        if self._without_grams is None:
            older = []
            for values, offset in self._runs:
                older.extend(map(offset.__add__, values.without_grams()))
            self._without_grams = self.live_set().intersection(older)
        return self._without_grams

    def lengths(self, field: str) -> list[int] | None:
        """Words per document in ``field``, for BM25F; None where lengths are not kept."""
        return {"title": self.title_lengths, "body": self.body_lengths}.get(field)

    def speaker_names(self) -> dict[str, str]:
        """Slug -> name, for facet labels."""
        if self._speaker_names is None:
            self._speaker_names = {s: n for s, n in zip(self.slugs, self.names, strict=True) if s}
        return self._speaker_names

    def quote_docs(self) -> list[int]:
        if self._quote_docs is None:
            is_quote = self.is_quote
            self._quote_docs = [d for d in self.live() if is_quote[d]]
        return self._quote_docs

    def distinct_sources(self) -> set[str]:
        if self._sources is None:
            self._sources = set(self.sources)
        return self._sources
