"""Whoosh's private internals, read in ``search.engine.whoosh.internals`` only: each fast
path is checked at import and falls back to the public API, logged once, when Whoosh is not
as expected; and the length-column fix answers as Whoosh's own reader does."""

from __future__ import annotations

import logging

import pytest

from search.engine import SearchRequest
from search.engine.whoosh import WhooshBackend, internals

from .backend_contract import ARTICLES, QUOTES, parse_query

LENGTH_FIELDS = ("title", "body", "body_phrase", "names", "role")
LENGTHS_COLUMN = internals.whoosh3.LENGTHS_COLUMN  # whoosh is imported in our package only


@pytest.fixture
def backend(tmp_path):
    backend = WhooshBackend({"PATH": str(tmp_path / "index")})
    backend.update(ARTICLES[:3], [])
    backend.update(ARTICLES[3:], QUOTES)  # two segments, so docnums restart in each
    yield backend
    backend.close()


@pytest.fixture
def leaves(backend):
    ix = backend.store.open(backend.store.live_name())
    with ix.reader() as reader:
        yield [leaf for leaf, _offset in reader.leaf_readers()]


@pytest.fixture
def rechecked(caplog, monkeypatch):
    """Run the import-time check again (here, on a Whoosh the test changed through
    ``monkeypatch``), and put Whoosh and the fast paths back afterwards."""
    internals._warned.clear()
    caplog.set_level(logging.WARNING, logger=internals.__name__)
    yield internals.check
    monkeypatch.undo()
    internals._warned.clear()
    internals.check()
    internals.use_fast_paths(True)


def fresh_perdoc(leaf):
    return internals.whoosh3.W3Codec().per_document_reader(leaf.storage(), leaf.segment())


def shown(backend, text):
    results = backend.search(SearchRequest(query=parse_query(text), per_page=50))
    return [(h.quote_id, round(h.score, 9)) for h in results.quotes.hits], [
        (h.article_id, round(h.score, 9)) for h in results.articles.hits
    ]


# the checks


def test_every_fast_path_passes_its_check_on_the_pinned_whoosh():
    assert internals.available == dict.fromkeys(internals.PATHS, True)
    assert internals.enabled == internals.available
    assert internals.whoosh3.W3PerDocReader._cached_reader is internals._cached_reader


def test_a_missing_private_name_switches_off_only_its_paths_and_logs_once(
    rechecked, monkeypatch, caplog
):
    monkeypatch.delattr(internals.whoosh3.W3LeafMatcher, "_next_block")
    for _ in range(2):
        found = rechecked()
    assert found == {"postings": False, "positions": False, "columns": True, "lengths": True}
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert [r.getMessage() for r in warnings] == [
        "Whoosh's internals for the 'postings' fast path are not as expected; using the "
        "public API for it (slower, same results).",
        "Whoosh's internals for the 'positions' fast path are not as expected; using the "
        "public API for it (slower, same results).",
    ]


def test_a_renamed_values_array_leaves_phrases_working_through_the_public_api(
    rechecked, monkeypatch, backend
):
    before = shown(backend, '"red tape" OR "minsk group"')
    assert before[0]
    # A Whoosh whose leaf matcher keeps its values under another name.
    monkeypatch.setattr(internals, "VALUE_NAMES", ("_read_values", "_values_renamed"))
    assert rechecked()["positions"] is False
    internals.use_fast_paths(True)
    again = WhooshBackend({"PATH": str(backend.store.root)})
    assert shown(again, '"red tape" OR "minsk group"') == before
    again.close()


def test_another_whoosh_version_uses_the_public_api_only(rechecked, monkeypatch, caplog):
    monkeypatch.setattr(internals.whoosh, "__version__", (2, 7, 6))
    assert rechecked() == dict.fromkeys(internals.PATHS, False)
    internals.use_fast_paths(True)
    assert internals.enabled == dict.fromkeys(internals.PATHS, False)
    assert internals.whoosh3.W3PerDocReader._cached_reader is not internals._cached_reader
    assert len(caplog.records) == 1 and "2.7.6" in caplog.records[0].getMessage()


def test_the_public_api_finds_and_ranks_as_the_fast_paths_do(backend):
    queries = ["border", "moscow OR minsk", '"red tape"', "speaker:bocharnikov", "delimit*", ""]
    fast = [shown(backend, q) for q in queries]
    internals.use_fast_paths(False)
    try:
        public = [shown(WhooshBackend({"PATH": str(backend.store.root)}), q) for q in queries]
    finally:
        internals.use_fast_paths(True)
    assert public == fast


# the length-column fix


def test_field_lengths_read_in_one_go_equal_whooshs_own_reading(leaves):
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
            whoosh_reader = internals.whoosh_cached_reader(theirs, column, LENGTHS_COLUMN)
            assert [ours._cached_reader(column, LENGTHS_COLUMN)[d] for d in docs] == [
                whoosh_reader[d] for d in docs
            ]
            assert list(ours._cached_reader(column, LENGTHS_COLUMN)) == list(whoosh_reader)
            assert ours.min_field_length(field) == theirs.min_field_length(field)
            assert ours.max_field_length(field) == theirs.max_field_length(field)
        assert any(ours.doc_field_length(d, "body") for d in docs)
    assert compared == set(LENGTH_FIELDS)  # every field that keeps lengths was compared


def test_a_field_without_lengths_is_looked_up_on_disk_once(leaves, monkeypatch):
    perdoc = fresh_perdoc(leaves[0])
    asked = []
    storage = leaves[0].storage()
    real = storage.file_exists
    monkeypatch.setattr(storage, "file_exists", lambda name: asked.append(name) or real(name))
    lengths = [perdoc.doc_field_length(d, "uid") for d in range(perdoc.doc_count_all())]
    assert lengths == [0] * perdoc.doc_count_all()
    assert len(asked) == 1


@pytest.mark.parametrize(
    "positions",
    [[], [7], [0, 1], [3, 4, 5, 9], list(range(0, 600, 2)), [1, 300, 301], [5, 70_000, 70_001]],
    ids=["none", "one", "two", "small-deltas", "many", "a-delta-above-255", "above-65535"],
)
def test_positions_decode_as_whooshs_own_format_does(positions):
    positions_format = internals.Positions()
    value = positions_format.encode(positions)
    assert internals._decode_positions(value) == positions_format.decode_positions(value)
    assert internals._decode_positions(value) == positions


def test_positions_decoded_together_are_each_values_own():
    lists = [[], [7], [0, 1], [3, 4, 5, 9], list(range(0, 600, 2)), [1, 300, 301], [5], [255]]
    lists += [[5, 70_000, 70_001], list(range(1500)), [2, 3]]  # slow ones among the fast
    values = [internals.Positions().encode(p) for p in lists]
    counts, positions = internals.decode_all(values)
    assert counts.tolist() == [len(p) for p in lists]
    assert positions.tolist() == [x for p in lists for x in p]
    assert internals.decode_all([])[0].size == 0
