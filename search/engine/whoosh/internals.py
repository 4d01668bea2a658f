"""Every read of Whoosh's private internals, in one guarded place.

Three fast paths read Whoosh-Reloaded 2.7.5 internals that no public API exposes:

- ``postings``: a W3 leaf matcher's decoded block (``_read_data``, ``_data``, ``_byteids``,
  ``_blocklength``, ``_i``, ``_next_block``), a block of ids and weights at a time instead of
  a method call per document; ``positions`` (``position_arrays``) also reads its
  ``_read_values``/``_values`` and decodes ``Positions`` values (a 4-byte count, then the
  pickled deltas) itself, a whole posting list at a time with numpy (``decode_all``);
- ``columns``: a VarBytes column reader's ``_lengths``, ``_dbfile`` and ``_basepos``, to read
  every value in one go instead of a seek and a read per document;
- ``lengths``: ``W3PerDocReader._cached_reader``, replaced for the whole process, which keeps
  a field's length column in memory and remembers a field that has none (see
  ``_cached_reader``); it reads ``_readers`` and the column reader's ``_fixedlen``,
  ``_dbfile``, ``_basepos``, ``_count`` and ``_doccount``.

At import, each path is tried on a small index in memory: the Whoosh version must be the one
it was written for, every name it uses must be there, and its answers must equal the public
API's. A path that fails is switched off and logged once, and its callers use the public API
(slower, same results). ``use_fast_paths(False)`` switches them all off; the backend contract
suite runs both ways.
"""

from __future__ import annotations

import logging
from itertools import accumulate, chain, repeat
from pickle import loads

import numpy as np
import whoosh
from whoosh import fields
from whoosh.codec import whoosh3
from whoosh.columns import VarBytesColumn
from whoosh.filedb.filestore import RamStorage
from whoosh.formats import Positions
from whoosh.system import _INT_SIZE

log = logging.getLogger(__name__)

WRITTEN_FOR = (2, 7, 5)  # the Whoosh-Reloaded version these internals were read from
PATHS = ("postings", "positions", "columns", "lengths")

available: dict[str, bool] = dict.fromkeys(PATHS, False)  # passed the import-time check
enabled: dict[str, bool] = dict.fromkeys(PATHS, False)  # in use now
_warned: set[str] = set()

_whoosh_cached_reader = whoosh3.W3PerDocReader._cached_reader

MATCHER_NAMES = ("_read_data", "_data", "_byteids", "_blocklength", "_i", "_next_block")
VALUE_NAMES = ("_read_values", "_values")
COLUMN_NAMES = ("_lengths", "_dbfile", "_basepos")
PERDOC_NAMES = ("_cached_reader", "_readers")
LENGTH_COLUMN_NAMES = ("_fixedlen", "_dbfile", "_basepos", "_count", "_doccount")


# postings


def postings(matcher) -> tuple[list[int], list[float]]:
    """Every docnum and weight (term frequency, times the field's boost) of a leaf matcher,
    in segment docnums; deleted documents are the caller's to drop."""
    if enabled["postings"] and _has(matcher, MATCHER_NAMES):
        ids: list[int] = []
        weights: list[float] = []
        for block_ids, block_weights, _start in _blocks(matcher):
            ids.extend(block_ids)
            weights.extend(block_weights)
        return ids, weights
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def position_arrays(matcher, wanted: np.ndarray, decode) -> tuple[np.ndarray, np.ndarray]:
    """(segment docnums, positions), one pair per position, of the matcher's term in the
    documents ``wanted`` marks (a mask over segment docnums); ``decode`` is the field
    format's ``decode_positions``. Whoosh's own ``Positions`` values are decoded all at once
    (see ``decode_all``), not a call per document."""
    docs: list = []
    values: list[bytes] = []
    if enabled["positions"] and _has(matcher, MATCHER_NAMES + VALUE_NAMES):
        for ids, start in _block_ids(matcher):
            ids = np.array(ids, dtype=np.int64)
            hits = np.flatnonzero(wanted[ids])
            if hits.size:
                matcher._read_values()
                block = matcher._values
                docs.append(ids[hits])
                values.extend([block[i] for i in (hits + start).tolist()])
    else:
        while matcher.is_active():
            d = matcher.id()
            if wanted[d]:
                docs.append(np.array([d], dtype=np.int64))
                values.append(matcher.value())
            matcher.next()
    docs = np.concatenate(docs) if docs else np.empty(0, np.int64)
    if getattr(decode, "__func__", None) is Positions.decode_positions and enabled["positions"]:
        counts, positions = decode_all(values)
    else:
        decoded = [decode(v) for v in values]
        counts = np.fromiter(map(len, decoded), np.int64, len(decoded))
        positions = np.fromiter(chain.from_iterable(decoded), np.int64, int(counts.sum()))
    return np.repeat(docs, counts), positions


SMALL_DELTAS = b"\x80\x02]q\x00("  # pickle protocol 2: a list, its memo, then a mark
SMALL_ONE = b"\x80\x02]q\x00K"  # a list, its memo, one small int (then "a.", append)


def _decode_positions(value: bytes) -> list[int]:
    """``Positions.decode_positions``: a 4-byte count, then the pickled deltas. Most lists of
    two or more deltas below 256 pickle as ``SMALL_DELTAS``, then ``K`` and a byte for each
    delta, then ``e.``: the length proves it (every other int opcode is longer), and the
    deltas are every other byte. Anything else goes through ``pickle.loads``."""
    n = int.from_bytes(value[:_INT_SIZE], "big")
    if len(value) == 12 + 2 * n and value[_INT_SIZE:10] == SMALL_DELTAS and n > 1:
        return list(accumulate(value[11:-2:2]))
    if not value.endswith(b"."):
        value += b"."
    return list(accumulate(loads(memoryview(value)[_INT_SIZE:])))


def decode_all(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """``Positions`` values decoded together: how many positions each holds, and all of them
    in order. A value of ``SMALL_DELTAS`` form (see ``_decode_positions``), or a single delta
    below 256 (``SMALL_ONE``), is read by numpy straight from the joined bytes; any other goes
    through ``_decode_positions``."""
    n = len(values)
    if not n:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    lengths = np.fromiter(map(len, values), np.int64, n)
    data = np.frombuffer(b"".join(values), dtype=np.uint8)
    begins = np.cumsum(lengths) - lengths
    head = data[begins[:, None] + np.arange(_INT_SIZE)].astype(np.int64)
    counts = (head[:, 0] << 24) | (head[:, 1] << 16) | (head[:, 2] << 8) | head[:, 3]
    many = (lengths == 12 + 2 * counts) & (counts > 1) & _starts_with(data, begins, SMALL_DELTAS)
    one = (lengths == _INT_SIZE + len(SMALL_ONE) + 3) & (counts == 1)
    one &= _starts_with(data, begins, SMALL_ONE) & (data[begins + lengths - 2] == ord("a"))
    fast = many | one
    first = begins + np.where(many, _INT_SIZE + len(SMALL_DELTAS) + 1, _INT_SIZE + len(SMALL_ONE))
    fast_counts = np.where(fast, counts, 0)
    total = int(fast_counts.sum())
    segment_starts = np.cumsum(fast_counts) - fast_counts
    within = np.arange(total) - np.repeat(segment_starts, fast_counts)
    deltas = data[np.repeat(first, fast_counts) + 2 * within].astype(np.int64)
    running = np.cumsum(deltas)
    positions = running - np.repeat(
        running[segment_starts[fast]] - deltas[segment_starts[fast]], counts[fast]
    )
    slow = np.flatnonzero(~fast)
    if not slow.size:
        return counts, positions
    # Rare: put each slowly decoded value back in its place.
    decoded = [_decode_positions(values[i]) for i in slow.tolist()]
    counts = counts.copy()
    counts[slow] = np.fromiter(map(len, decoded), np.int64, len(decoded))
    out = np.empty(int(counts.sum()), np.int64)
    is_fast = np.repeat(fast, counts)
    out[is_fast] = positions
    out[~is_fast] = np.fromiter(chain.from_iterable(decoded), np.int64, int(counts[slow].sum()))
    return counts, out


def _starts_with(data: np.ndarray, begins: np.ndarray, prefix: bytes) -> np.ndarray:
    """Whether each value (at ``begins`` in ``data``) has ``prefix`` after its count."""
    at = begins[:, None] + (_INT_SIZE + np.arange(len(prefix)))
    ok = begins + _INT_SIZE + len(prefix) <= len(data)
    at = np.minimum(at, len(data) - 1)
    return ok & (data[at] == np.frombuffer(prefix, np.uint8)).all(axis=1)


def _blocks(m):
    """(ids, weights, index of the first) for the rest of each block of a W3 leaf matcher."""
    for ids, start in _block_ids(m):
        data, n = m._data, m._blocklength
        weights = data[1]
        if weights is None:
            weights = [1.0] * n
        elif isinstance(weights, float):
            weights = [weights] * n
        yield ids, list(weights[start:] if start else weights), start


def _block_ids(m):
    """(ids, index of the first) for the rest of each block; the block's data stays loaded
    in the matcher until the next one is read."""
    while m.is_active():
        if m._data is None:
            m._read_data()
        ids = m._data[0]
        ids = list(ids) if m._byteids else list(accumulate(ids))  # ids are deltas
        start = m._i
        yield (ids[start:] if start else ids), start
        m._next_block()


# columns


def column_values(column) -> list[bytes]:
    """Every value of a VarBytes column reader, a document at a time."""
    if enabled["columns"] and _has(column, COLUMN_NAMES) and column._lengths is not None:
        return _all_values(column)
    return list(column)


def _all_values(column) -> list[bytes]:
    lengths = column._lengths
    total = sum(lengths)
    data = column._dbfile.get(column._basepos, total) if total else b""
    values, pos = [], 0
    for n in lengths:
        values.append(data[pos : pos + n])
        pos += n
    return values


# field lengths


class _Lengths:
    """A length column held in memory, read and iterated as Whoosh's own reader is (documents
    past the written bytes have the default length byte, 0)."""

    __slots__ = ("_data", "_doccount")

    def __init__(self, data: bytes, doccount: int):
        self._data, self._doccount = data, doccount

    def __getitem__(self, docnum: int) -> int:
        return self._data[docnum] if docnum < len(self._data) else 0

    def __iter__(self):
        yield from self._data[: self._doccount]
        yield from repeat(0, self._doccount - len(self._data))


def _cached_reader(self, fieldname, column):
    """Writing a segment looks up a field length for every posting, through this. Whoosh's
    own asks the file system again for a field that keeps no lengths (ids, keywords), and
    reads a length column a seek and a byte at a time. Segments never change once written,
    so a missing column is remembered as None, and a length column is read in one go."""
    try:
        return self._readers[fieldname]
    except KeyError:
        pass
    reader = None
    if self.has_column(fieldname):
        reader = self.column_reader(fieldname, column)
        if column is whoosh3.LENGTHS_COLUMN and reader._fixedlen == 1:
            data = reader._dbfile.get(reader._basepos, reader._count)
            reader = _Lengths(data, reader._doccount)
    self._readers[fieldname] = reader
    return reader


def whoosh_cached_reader(perdoc, fieldname, column):
    """Whoosh's own ``_cached_reader``, for comparing with ours."""
    return _whoosh_cached_reader(perdoc, fieldname, column)


# switching


def use_fast_paths(on: bool = True) -> None:
    """Switch every fast path that passed its check on (or all of them off)."""
    for path in PATHS:
        enabled[path] = on and available[path]
    replaced = enabled["lengths"]
    whoosh3.W3PerDocReader._cached_reader = _cached_reader if replaced else _whoosh_cached_reader


def check() -> dict[str, bool]:
    """Try each fast path on a small index in memory; a path is available when the Whoosh
    version is the one it was written for, every name it reads exists, and it answers as
    the public API does. Logs each failure once."""
    for path in PATHS:
        available[path] = False
    if tuple(whoosh.__version__[:3]) != WRITTEN_FOR:
        _warn(
            "version",
            "Whoosh %s is not %s, for which the fast paths were written; using the public "
            "API only (searches are slower, results the same).",
            ".".join(map(str, whoosh.__version__)),
            ".".join(map(str, WRITTEN_FOR)),
        )
        return dict(available)
    try:
        ix = _probe_index()
    except Exception:  # the probe itself is Whoosh's public API; say so and carry on
        _warn("probe", "Could not build the probe index; using the public API only.", exc=True)
        return dict(available)
    with ix.reader() as reader:
        leaf = next(iter(reader.leaf_readers()))[0]
        for path, probe in (
            ("postings", _probe_postings),
            ("positions", _probe_positions),
            ("columns", _probe_columns),
            ("lengths", _probe_lengths),
        ):
            try:
                available[path] = bool(probe(leaf, ix))
            except Exception:
                available[path] = False
            if not available[path]:
                _warn(
                    path,
                    "Whoosh's internals for the %r fast path are not as expected; using the "
                    "public API for it (slower, same results).",
                    path,
                )
    return dict(available)


def _warn(key: str, message: str, *args, exc: bool = False) -> None:
    if key not in _warned:
        _warned.add(key)
        log.warning(message, *args, exc_info=exc)


def _has(obj, names) -> bool:
    return all(hasattr(obj, name) for name in names)


PROBE_TEXTS = (
    "talks talks resume",
    "the talks in vienna",
    "no match here",
    "talks " * 300,  # deltas of 1, many of them
    "talks " + "x " * 300 + "talks",  # a delta above 255
)


class _MemoryOnly(RamStorage):
    """A RamStorage whose temporary files stay in memory too: Whoosh's own puts them in a
    folder under /tmp, where processes starting at once (an import beside the site) raced
    over them and the probe failed."""

    def temp_storage(self, name=None):
        return RamStorage()


def _probe_index():
    schema = fields.Schema(
        body=fields.TEXT(phrase=True, field_boost=1.5), meta=fields.COLUMN(VarBytesColumn())
    )
    ix = _MemoryOnly().create_index(schema)
    with ix.writer(compound=False) as writer:  # as ``store`` writes them
        for n, text in enumerate(PROBE_TEXTS):
            writer.add_document(body=text, meta=f"value {n}".encode() * (n + 1))
    return ix


def _public(run):
    """``run`` with the fast paths off, to get the public API's answer."""
    saved = dict(enabled)
    enabled.update(dict.fromkeys(PATHS, False))
    try:
        return run()
    finally:
        enabled.update(saved)


def _probe_postings(leaf, ix) -> bool:
    matcher = leaf.postings("body", "talks")
    if not _has(matcher, MATCHER_NAMES):
        matcher._read_data()  # some names are set only once a block is read
    if not _has(matcher, MATCHER_NAMES):
        return False
    enabled["postings"] = True
    try:
        fast = postings(leaf.postings("body", "talks"))
    finally:
        enabled["postings"] = False
    return fast == _public(lambda: postings(leaf.postings("body", "talks"))) and fast[0]


def _probe_positions(leaf, ix) -> bool:
    if not available["postings"]:
        return False
    decode = leaf.schema["body"].format.decode_positions
    matcher = leaf.postings("body", "talks")
    matcher._read_data()
    matcher._read_values()
    if not _has(matcher, MATCHER_NAMES + VALUE_NAMES):
        return False

    wanted = np.zeros(leaf.doc_count_all(), dtype=bool)
    wanted[[0, 3, 4]] = True

    def read():
        docs, found = position_arrays(leaf.postings("body", "talks"), wanted, decode)
        return docs.tolist(), found.tolist()

    enabled["positions"] = True
    try:
        fast = read()
    finally:
        enabled["positions"] = False
    return fast == _public(read) and bool(fast[0])


def _probe_columns(leaf, ix) -> bool:
    column = leaf.column_reader("meta", translate=False)
    if not _has(column, COLUMN_NAMES):
        return False
    enabled["columns"] = True
    try:
        fast = column_values(leaf.column_reader("meta", translate=False))
    finally:
        enabled["columns"] = False
    public = list(leaf.column_reader("meta", translate=False))
    return fast == public and len(fast) == len(PROBE_TEXTS)


def _probe_lengths(leaf, ix) -> bool:
    perdoc_class = whoosh3.W3PerDocReader
    if not _has(perdoc_class, ("_cached_reader",)):
        return False
    segment = leaf.segment()
    ours = whoosh3.W3Codec().per_document_reader(ix.storage, segment)
    theirs = whoosh3.W3Codec().per_document_reader(ix.storage, segment)
    if not _has(ours, PERDOC_NAMES):
        return False
    column = "_body_len"
    raw = theirs.column_reader(column, whoosh3.LENGTHS_COLUMN)
    if not _has(raw, LENGTH_COLUMN_NAMES):
        return False
    docs = range(len(PROBE_TEXTS))
    mine = _cached_reader(ours, column, whoosh3.LENGTHS_COLUMN)
    whooshs = _whoosh_cached_reader(theirs, column, whoosh3.LENGTHS_COLUMN)
    same = [mine[d] for d in docs] == [whooshs[d] for d in docs] and list(mine) == list(whooshs)
    missing = _cached_reader(ours, "_nothing_len", whoosh3.LENGTHS_COLUMN) is None
    return same and missing and any(mine[d] for d in docs)
