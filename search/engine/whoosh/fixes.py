"""A fix to Whoosh-Reloaded 2.7.5 itself, applied once when this package is imported.

Writing a segment looks up a field length for every posting it writes, through the new
segment's ``W3PerDocReader._cached_reader``. Two things there cost an import most of its
index time:

- a field that keeps no lengths (ids, keywords, names) is not remembered as such, so every
  posting of it asks the file system whether the column file exists;
- a length column is read without mmap one byte at a time, a seek and a read per posting.

Segments never change once written, so both answers can be kept: a missing column as None,
and a length column as its bytes, read in one go (a byte per document).
"""

from __future__ import annotations

from itertools import repeat

from whoosh.codec import whoosh3

_original = whoosh3.W3PerDocReader._cached_reader


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


def apply() -> None:
    if whoosh3.W3PerDocReader._cached_reader is _original:
        whoosh3.W3PerDocReader._cached_reader = _cached_reader
