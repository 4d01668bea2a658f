"""The fix to Whoosh's per-document reader: field lengths read in one go must be the ones
Whoosh reads a byte at a time, and a field that keeps no lengths is looked up once."""

from __future__ import annotations

import pytest

from search.engine.whoosh import fixes
from search.engine.whoosh_backend import WhooshBackend

from .backend_contract import ARTICLES, QUOTES

LENGTH_FIELDS = ("title", "body", "body_phrase", "names", "role")


@pytest.fixture
def leaves(tmp_path):
    backend = WhooshBackend({"PATH": str(tmp_path / "index")})
    backend.update(ARTICLES[:3], [])
    backend.update(ARTICLES[3:], QUOTES)  # two segments, so docnums restart in each
    ix = backend.store.open(backend.store.live_name())
    with ix.reader() as reader:
        yield [leaf for leaf, _offset in reader.leaf_readers()]
    backend.close()


def fresh_perdoc(leaf):
    return leaf._codec.per_document_reader(leaf._storage, leaf._segment)


def test_field_lengths_read_in_one_go_equal_whooshs_own_reading(leaves):
    lengths_column = fixes.whoosh3.LENGTHS_COLUMN  # whoosh is imported in our package only
    assert len(leaves) == 2
    compared = set()
    for leaf in leaves:
        ours, theirs = fresh_perdoc(leaf), fresh_perdoc(leaf)
        docs = range(leaf.doc_count_all())
        for field in LENGTH_FIELDS:
            column = f"_{field}_len"
            if not theirs.has_column(column):
                continue
            compared.add(field)
            whoosh_reader = fixes._original(theirs, column, lengths_column)
            assert [ours._cached_reader(column, lengths_column)[d] for d in docs] == [
                whoosh_reader[d] for d in docs
            ]
            assert list(ours._cached_reader(column, lengths_column)) == list(whoosh_reader)
            assert ours.min_field_length(field) == theirs.min_field_length(field)
            assert ours.max_field_length(field) == theirs.max_field_length(field)
        assert any(ours.doc_field_length(d, "body") for d in docs)
    assert compared == set(LENGTH_FIELDS)  # every field that keeps lengths was compared


def test_a_field_without_lengths_is_looked_up_on_disk_once(leaves, monkeypatch):
    perdoc = fresh_perdoc(leaves[0])
    asked = []
    real = perdoc._storage.file_exists
    monkeypatch.setattr(
        perdoc._storage, "file_exists", lambda name: asked.append(name) or real(name)
    )
    lengths = [perdoc.doc_field_length(d, "uid") for d in range(perdoc.doc_count_all())]
    assert lengths == [0] * perdoc.doc_count_all()
    assert len(asked) == 1
