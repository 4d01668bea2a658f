"""The Whoosh backend: the shared contract, plus what only an on-disk Whoosh index can get
wrong (generations and swaps, damaged files, the writer lock, analyzers)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

import pytest

from search.engine import (
    IndexMissing,
    SearchRequest,
    SearchUnavailable,
    get_backend,
    reset_backends,
)
from search.engine.whoosh import WhooshBackend
from search.engine.whoosh import backend as whoosh_backend

from .backend_contract import ARTICLES, QUOTES, BackendContract, article, parse_query, quote


def make(path, **params) -> WhooshBackend:
    return WhooshBackend({"PATH": str(path), "LOCK_TIMEOUT": 0.2, **params})


class TestWhooshContract(BackendContract):
    def make_backend(self, path):
        return make(path)


@pytest.fixture
def backend(tmp_path):
    backend = make(tmp_path / "index")
    yield backend
    backend.close()


def found(backend, text: str) -> tuple[set[int], set[int]]:
    results = backend.search(SearchRequest(query=parse_query(text), per_page=50))
    return {h.quote_id for h in results.quotes.hits}, {h.article_id for h in results.articles.hits}


def generation_dir(backend) -> Path:
    return backend.store.root / backend.store.live_name()


# choosing the backend


def test_get_backend_returns_one_cached_instance_per_alias(search_index):
    backend = get_backend()
    assert isinstance(backend, WhooshBackend)
    assert get_backend("default") is backend
    assert backend.store.root == search_index


def test_reset_backends_forgets_the_cached_instance(search_index):
    first = get_backend()
    first.update(ARTICLES[:1], [])
    reset_backends()
    second = get_backend()
    assert second is not first
    assert found(second, "moscow")[1] == {1}


def test_an_unknown_alias_names_the_setting_to_fix(search_index):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="SEARCH_BACKENDS"):
        get_backend("nope")


# analyzers


def test_cut_finds_cutting_and_cutting_finds_cut(backend):
    cuts = article(1, "Cuts", "Ministers agreed to cut tariffs.", published=None, source="Trend")
    cutting = article(
        2, "Cutting", "Cutting ties is not an option.", published=None, source="Trend"
    )
    backend.update([cuts, cutting], [])
    assert found(backend, "cut")[1] == {1, 2}
    assert found(backend, "cutting")[1] == {1, 2}


def test_relations_finds_relation_and_back(backend):
    backend.update(ARTICLES, QUOTES)
    assert {101, 202} <= found(backend, "relations")[0]
    assert {101, 202} <= found(backend, "relation")[0]


def test_aliyev_finds_aliyevs_and_names_fold_accents(backend):
    art = article(
        7,
        "Erdoğan meets Aliyev",
        "Recep Tayyip Erdoğan welcomed Aliyev's proposal.",
        published=dt.date(2022, 3, 1),
        source="Trend",
        speakers=[("Recep Tayyip Erdoğan", "recep-tayyip-erdogan")],
    )
    q = quote(
        70,
        art,
        "Turkey supports Azerbaijan",
        speaker="Recep Tayyip Erdoğan",
        slug="recep-tayyip-erdogan",
        role="President of Turkey",
    )
    backend.update([art], [q])
    assert found(backend, "aliyev")[1] == {7}
    assert found(backend, "speaker:erdogan") == ({70}, {7})
    assert found(backend, "ERDOGAN")[0] == {70}


def test_segments_are_written_without_compound_files(backend):
    backend.update(ARTICLES, QUOTES)
    backend.update(ARTICLES[:1], [])
    files = os.listdir(generation_dir(backend))
    assert not [f for f in files if f.endswith(".seg")]


def test_a_large_batch_of_new_documents_is_written_by_parallel_writers(backend, monkeypatch):
    monkeypatch.setattr(whoosh_backend, "MULTIPROCESS_FROM", 100)
    art = ARTICLES[0]
    quotes = [
        quote(1000 + n, art, f"Envoy number {n} said the corridor would open", **LAVROV_SPEAKER)
        for n in range(600)
    ]
    backend.add([art], quotes)
    segments = {f.name.split(".")[0] for f in generation_dir(backend).glob("*.trm")}
    assert len(segments) >= 2  # more than one writer process wrote a segment
    assert backend.stored_versions()["quote"].keys() == {q["id"] for q in quotes}
    assert len(found(backend, "corridor")[0]) == 50  # a full first page of matches
    backend.compact()
    assert backend.stored_versions()["quote"].keys() == {q["id"] for q in quotes}


LAVROV_SPEAKER = {"speaker": "Sergei Lavrov", "slug": "sergei-lavrov", "role": "minister"}


def test_bulk_batches_merge_no_segments_until_the_import_compacts(backend, monkeypatch):
    monkeypatch.setattr(whoosh_backend, "MULTIPROCESS_FROM", 3)
    backend.procs = 1
    art = ARTICLES[0]
    for batch in range(3):
        backend.add(
            [],
            [
                quote(2000 + 10 * batch + n, art, "The corridor opens", **LAVROV_SPEAKER)
                for n in range(3)
            ],
        )
    segments = {f.name.split(".")[0] for f in generation_dir(backend).glob("*.trm")}
    assert len(segments) == 3  # a small segment would have been merged on each commit
    monkeypatch.setattr(whoosh_backend, "MAX_SEGMENTS", 1)
    backend.compact()
    segments = {f.name.split(".")[0] for f in generation_dir(backend).glob("*.trm")}
    assert len(segments) == 1
    assert len(found(backend, "corridor")[0]) == 9


def test_text_analysed_once_is_indexed_as_the_whole_chain_would(tmp_path):
    """A body's three fields replay one analysis: the words, stems and positions must be
    those the analyzer's own chain gives, so phrases and spelling are unchanged."""
    from whoosh.analysis import CompositeAnalyzer

    from search.engine.whoosh.schema import AnalysedOnce, text_analyzer

    once = text_analyzer()
    plain = CompositeAnalyzer(*once.items)
    assert isinstance(once, AnalysedOnce)
    text = "Aliyev's envoys were cutting ties; the Envoy’s talks, co-operation and naïve U.S. "
    for kwargs in ({"positions": True, "boosts": True, "mode": "index"}, {"no_morph": True}):
        for _repeat in (1, 2):  # the second call replays the first
            got = [
                (t.text, t.pos) if kwargs.get("positions") else t.text for t in once(text, **kwargs)
            ]
            want = [
                (t.text, t.pos) if kwargs.get("positions") else t.text
                for t in plain(text, **kwargs)
            ]
            assert got == want
    assert [t.text for t in once("cutting", mode="query")] == ["cut"]


def test_a_bodys_word_pairs_are_indexed_as_the_whole_chain_would_give_them():
    """body_grams replays the words the body field found just before: the pairs and their
    positions must be those of the chain run afresh."""
    from whoosh.analysis import CompositeAnalyzer

    from search.engine.whoosh.schema import GRAM_ANALYZER

    plain = CompositeAnalyzer(*GRAM_ANALYZER.items)
    text = "Aliyev's envoys said it was cutting ties; the Envoy’s talks of the co-operation said"
    index = {"positions": True, "boosts": True, "mode": "index"}
    GRAM_ANALYZER.base(text, **index)  # the body field, analysed first
    for kwargs in (
        index,
        {"positions": True, "no_morph": True},
        {"positions": True, "mode": "query"},
    ):
        got = [(t.text, t.pos) for t in GRAM_ANALYZER(text, **kwargs)]
        assert got == [(t.text, t.pos) for t in plain(text, **kwargs)]
    assert ("said it", 2) in [(t.text, t.pos) for t in GRAM_ANALYZER(text, **index)]


# rebuilding


def test_rebuild_swaps_in_a_new_generation_and_removes_the_old(backend):
    backend.update(ARTICLES, QUOTES)
    old = generation_dir(backend)
    calls = []
    backend.rebuild(ARTICLES[:2], QUOTES[:2], total=4, progress=lambda d, t: calls.append((d, t)))
    assert generation_dir(backend) != old and not old.exists()
    assert backend.stored_versions()["article"].keys() == {1, 2}
    assert calls[-1] == (4, 4)


def test_a_rebuild_that_fails_midway_leaves_the_old_index_serving(backend):
    backend.update(ARTICLES, QUOTES)
    old = generation_dir(backend)

    def documents():
        yield ARTICLES[0]
        assert found(backend, "lavrov")[0] == {501}  # searches keep working meanwhile
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        backend.rebuild(documents(), [], total=5)
    assert generation_dir(backend) == old
    assert found(backend, "lavrov")[0] == {501}
    assert [p.name for p in backend.store.root.glob("index-*")] == [old.name]


def test_writes_during_a_rebuild_reach_the_new_index(backend):
    backend.update(ARTICLES, [])
    late = article(8, "Late news", "A late ceasefire announcement.", published=None, source="Trend")

    def documents():
        yield from ARTICLES
        backend.update([late], [])  # an on-commit update while the rebuild reads the DB
        backend.delete(article_ids=[5])

    backend.rebuild(documents(), [], total=5)
    assert found(backend, "ceasefire")[1] == {8}
    assert 5 not in backend.stored_versions()["article"]


def test_a_second_process_sees_the_swapped_generation(tmp_path):
    writer, reader = make(tmp_path / "index"), make(tmp_path / "index")
    writer.update(ARTICLES, [])
    assert found(reader, "minsk")[1] == {5}
    writer.rebuild(ARTICLES[:1], [], total=1)
    assert found(reader, "minsk")[1] == set()
    writer.update(ARTICLES[4:], [])
    assert found(reader, "minsk")[1] == {5}


# damaged indexes


def test_a_missing_path_is_reported_missing_until_the_first_write_creates_it(tmp_path):
    backend = make(tmp_path / "fresh")
    with pytest.raises(IndexMissing, match="rebuild_index"):
        found(backend, "anything")
    assert backend.status()["ok"] is False
    assert not (tmp_path / "fresh").exists()  # reading never papers over a missing index
    backend.update(ARTICLES[:1], [])
    assert found(backend, "anything") == (set(), set())
    assert backend.status()["ok"] is True


def test_a_deleted_index_makes_search_unavailable_with_the_fix(backend):
    backend.update(ARTICLES, QUOTES)
    shutil.rmtree(backend.store.root)
    with pytest.raises(SearchUnavailable, match="rebuild_index"):
        found(backend, "moscow")
    status = backend.status()
    assert status["ok"] is False and "rebuild_index" in status["message"]


def test_an_emptied_index_directory_makes_search_unavailable(tmp_path):
    backend = make(tmp_path / "index")
    backend.update(ARTICLES, QUOTES)
    for child in backend.store.root.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    with pytest.raises(SearchUnavailable):
        found(backend, "moscow")
    with pytest.raises(SearchUnavailable):
        found(make(tmp_path / "index"), "moscow")  # a new process does not paper over it


def test_truncated_index_files_make_search_unavailable(tmp_path):
    make(tmp_path / "index").update(ARTICLES, QUOTES)
    backend = make(tmp_path / "index")
    for path in generation_dir(backend).iterdir():
        if path.is_file() and not path.name.endswith(".lock"):
            with open(path, "r+b") as f:
                f.truncate(path.stat().st_size // 3)
    with pytest.raises(SearchUnavailable):
        found(backend, "moscow")
    assert backend.status()["ok"] is False


def test_a_damaged_index_under_an_open_searcher_raises_only_search_unavailable(backend):
    backend.update(ARTICLES, QUOTES)
    found(backend, "moscow")
    for path in generation_dir(backend).iterdir():
        if path.is_file():
            path.write_bytes(b"")
    with pytest.raises(SearchUnavailable):
        found(backend, "moscow")


def test_a_search_that_loses_a_file_to_a_merge_is_retried_on_a_fresh_searcher(backend, monkeypatch):
    from search.engine.whoosh.evaluate import Evaluator

    backend.update(ARTICLES, QUOTES)
    real_docs, failures = Evaluator.docs, []

    def docs_once_missing(self, q):
        if not failures:
            failures.append(q)
            raise FileNotFoundError("MAIN_x1.trm merged away")
        return real_docs(self, q)

    monkeypatch.setattr(Evaluator, "docs", docs_once_missing)
    assert found(backend, "lavrov")[0] == {501}
    assert len(failures) == 1


def test_an_index_whose_contents_another_process_commits_over_is_opened_at_the_new_one(
    backend, monkeypatch
):
    from search.engine.whoosh import store

    backend.update(ARTICLES, QUOTES)
    other = make(backend.store.root)  # another process's writer, on the same directory
    real_open, raced = store.FileStorage.open_index, []

    def open_during_a_commit(self, *args, **kwargs):
        if not raced:  # the table of contents listed is deleted before it is read
            raced.append(True)
            other.update(
                [
                    article(
                        990,
                        "Vilnius talks resume",
                        "Talks resumed in Vilnius.",
                        published=None,
                        source="Trend",
                    )
                ],
                [],
            )
            raise FileNotFoundError("_MAIN_24.toc")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(store.FileStorage, "open_index", open_during_a_commit)
    backend.compact()
    assert found(backend, "vilnius")[1] == {990}
    assert raced == [True]


def test_a_table_of_contents_that_stays_missing_is_damage_with_the_fix(backend, monkeypatch):
    from search.engine.whoosh import store

    backend.update(ARTICLES, QUOTES)

    def never_there(self, *args, **kwargs):
        raise FileNotFoundError("_MAIN_3.toc")

    monkeypatch.setattr(store.FileStorage, "open_index", never_there)
    monkeypatch.setattr(store.time, "sleep", lambda seconds: None)
    with pytest.raises(SearchUnavailable, match="rebuild_index"):
        backend.compact()


def test_a_path_that_is_a_file_makes_search_unavailable(tmp_path):
    (tmp_path / "index").write_text("not a directory")
    with pytest.raises(SearchUnavailable):
        found(make(tmp_path / "index"), "moscow")


NOBODY = 65534


def as_unprivileged_user(check) -> bool:
    """``check()`` in a forked child run by a user whom file modes bind. Root reads files
    whatever their mode, so as root the child drops to ``nobody`` first."""
    pid = os.fork()
    if pid == 0:  # the child: report through the exit status, never return into pytest
        code = 2
        try:
            if os.geteuid() == 0:
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            code = 0 if check() else 1
        finally:
            os._exit(code)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0


def test_an_unreadable_index_makes_search_unavailable():
    base = Path(tempfile.mkdtemp())  # not tmp_path: its parents are closed to other users
    base.chmod(0o755)
    make(base / "index").update(ARTICLES, QUOTES)
    generation = generation_dir(make(base / "index"))
    # Searched here first, so the child needs no lazy import (as nobody it may not read the
    # Python installation under /root).
    assert found(make(base / "index"), "moscow")[1] == {1, 2, 5}
    assert as_unprivileged_user(lambda: found(make(base / "index"), "moscow")[1] == {1, 2, 5})

    def unavailable() -> bool:
        backend = make(base / "index")
        try:
            found(backend, "moscow")
        except SearchUnavailable:
            return backend.status()["ok"] is False
        return False

    generation.chmod(0)
    try:
        assert as_unprivileged_user(unavailable)
    finally:
        generation.chmod(0o755)
        shutil.rmtree(base)


def test_a_rebuild_repairs_a_damaged_index(backend):
    backend.update(ARTICLES, QUOTES)
    (backend.store.root / "CURRENT").unlink()
    with pytest.raises(SearchUnavailable):
        found(backend, "moscow")
    backend.rebuild(ARTICLES, QUOTES, total=11)
    assert found(backend, "moscow")[1] == {1, 2, 5}


# the writer lock


def hold_lock(backend, seconds: float) -> threading.Thread:
    ix = backend.store.open(backend.store.live_name())
    writer = backend.store.writer(ix)
    thread = threading.Thread(target=lambda: (time.sleep(seconds), writer.cancel()))
    thread.start()
    return thread


def test_a_write_waits_for_the_lock_and_then_succeeds(tmp_path):
    backend = make(tmp_path / "index", LOCK_TIMEOUT=0.3)
    backend.update(ARTICLES[:1], [])
    thread = hold_lock(backend, 0.4)
    backend.update(ARTICLES[1:], [])
    thread.join()
    assert backend.status()["documents"]["article"] == 5


def test_a_write_that_never_gets_the_lock_raises_search_unavailable(tmp_path):
    backend = make(tmp_path / "index", LOCK_TIMEOUT=0.1)
    backend.update(ARTICLES[:1], [])
    thread = hold_lock(backend, 2.0)
    try:
        with pytest.raises(SearchUnavailable, match="locked"):
            backend.update(ARTICLES[1:], [])
    finally:
        thread.join()
    assert found(backend, "moscow")[1] == {1}  # reading never waits for the lock


# threads


def test_searches_from_many_threads_while_writing_never_fail(backend):
    backend.update(ARTICLES, QUOTES)
    errors = []

    def search_a_lot():
        try:
            for _ in range(30):
                assert found(backend, "moscow")[1] >= {1, 2, 5}
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=search_a_lot) for _ in range(4)]
    for t in threads:
        t.start()
    for i in range(10):
        backend.update([dict(ARTICLES[0], version=str(i))], [])
    for t in threads:
        t.join()
    assert errors == []


# suggestions and journals


def test_a_suggestion_prefers_the_nearest_spelling_over_a_more_common_one(backend):
    common = [
        article(i, "One more", "One said one thing.", published=None, source="Trend")
        for i in range(1, 6)
    ]
    opec = article(9, "OPEC meets", "OPEC ministers met in Vienna.", published=None, source="Trend")
    backend.update([*common, opec], [])
    results = backend.search(SearchRequest(query=parse_query("opek")))
    assert results.suggestion is not None
    assert results.suggestion.text == "opec"
    assert results.suggestion.count == 1


def test_a_journal_left_by_a_killed_rebuild_is_dropped_not_grown(backend):
    backend.update(ARTICLES[:1], [])
    journal = backend.store.root / "rebuild.journal"
    journal.write_bytes(b"")
    backend.update(ARTICLES[1:2], [])
    assert not journal.exists()
    assert found(backend, "delimitation")[1] == {2}


def test_a_rebuild_replaces_an_index_whose_pointer_names_a_missing_generation(backend):
    backend.update(ARTICLES, QUOTES)
    (backend.store.root / "CURRENT").write_text("index-that-is-not-there\n")
    with pytest.raises(SearchUnavailable):
        found(backend, "moscow")
    backend.rebuild(ARTICLES, QUOTES, total=11)
    assert found(backend, "moscow")[1] == {1, 2, 5}


def test_a_rebuild_replaces_a_generation_with_damaged_files(backend):
    backend.update(ARTICLES, QUOTES)
    for path in generation_dir(backend).iterdir():
        path.write_bytes(b"")
    backend.rebuild(ARTICLES, QUOTES, total=11)
    assert found(backend, "moscow")[1] == {1, 2, 5}


def test_facet_values_are_the_most_counted_with_ties_in_alphabetical_order():
    from collections import Counter

    from search.engine.whoosh.results import top

    counts = Counter({"b": 3, "A": 3, "e": 2, "c": 2, "D": 2, "f": 1, "g": 1})
    assert top(counts, 4) == [("A", 3), ("b", 3), ("c", 2), ("D", 2)]
    assert top(counts, None) == [*top(counts, 5), ("f", 1), ("g", 1)]
    assert top(counts, 10) == top(counts, None)
