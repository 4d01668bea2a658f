"""Evaluating queries over one searcher: the cache shared by its searches, and pages taken
from the cached ranking."""

from __future__ import annotations

import pytest

from search.engine import Filters, SearchRequest
from search.engine.whoosh import evaluate
from search.engine.whoosh.compile import compile_node
from search.engine.whoosh.evaluate import Evaluator, SearcherCache
from search.engine.whoosh_backend import WhooshBackend

from .backend_contract import ARTICLES, QUOTES, article, parse_query


@pytest.fixture
def backend(tmp_path):
    backend = WhooshBackend({"PATH": str(tmp_path / "index")})
    backend.update(ARTICLES, QUOTES)
    yield backend
    backend.close()


@pytest.fixture
def reads(monkeypatch) -> list:
    """The (field, text) of every term whose postings are decoded from the index."""
    seen = []
    real = evaluate._read_postings
    monkeypatch.setattr(
        evaluate, "_read_postings", lambda *args: seen.append(args[1:]) or real(*args)
    )
    return seen


def article_ids(backend, text: str) -> list[int]:
    results = backend.search(SearchRequest(query=parse_query(text), per_page=50))
    return [hit.article_id for hit in results.articles.hits]


def test_a_repeated_search_decodes_no_postings_again(backend, reads):
    first = article_ids(backend, "border moscow")
    assert reads
    reads.clear()
    assert article_ids(backend, "border moscow") == first
    assert reads == []


def test_a_write_drops_the_cache_so_new_documents_are_found(backend):
    assert 9 not in article_ids(backend, "moscow")
    news = article(9, "Moscow talks", "Talks in Moscow went on.", published=None, source="TASS")
    backend.update([news], [])
    assert 9 in article_ids(backend, "moscow")


@pytest.mark.parametrize("seen_before", [False, True], ids=["new-query", "query-seen-before"])
@pytest.mark.parametrize("narrow", [0, 10**6], ids=["walking-the-ranking", "ranking-directly"])
def test_a_page_is_the_best_of_the_allowed_documents(backend, monkeypatch, narrow, seen_before):
    monkeypatch.setattr(evaluate, "NARROW", narrow)

    def check(searcher, table):
        q = compile_node(parse_query("border OR moscow OR minsk").root, searcher.reader())
        cache = SearcherCache()
        if seen_before:  # an earlier search left the scores in the cache
            Evaluator(searcher, table, cache).top(q, [0], 1)
        ev = Evaluator(searcher, table, cache)
        scores = ev._scores(tuple(evaluate._scored_terms(q)))
        matched = sorted(ev.docs(q))
        unscored = [d for d in table.live() if d not in scores][:3]
        assert len(matched) >= 4 and unscored
        for docs in (matched, matched[:2], matched[1::2], matched + unscored, unscored):
            best = sorted(docs, key=lambda d: (-scores.get(d, 0.0), d))[:3]
            assert [d for d, _score in ev.top(q, docs, 3)] == best
        assert bool(ev._scored_here) != seen_before  # which path was taken

    backend._reading(check)


def test_only_a_query_seen_before_has_its_ranking_sorted(backend):
    def check(searcher, table):
        q = compile_node(parse_query("border").root, searcher.reader())
        terms = tuple(evaluate._scored_terms(q))
        cache = SearcherCache()
        Evaluator(searcher, table, cache).top(q, [0, 1, 2], 2)
        assert ("ranking", terms) not in cache._entries
        Evaluator(searcher, table, cache).top(q, [0, 1, 2], 2)
        assert ("ranking", terms) in cache._entries

    backend._reading(check)


def test_the_cache_forgets_the_least_recently_used_entries_first():
    cache = SearcherCache(limit=4 * (500 + evaluate.ENTRY_BYTES))  # room for four entries
    computed = []

    def remembered(key):
        return cache.remembered(key, lambda: computed.append(key) or key, lambda v: 500)

    for key in "abcd":
        remembered(key)
    remembered("a")  # a hit, and now the most recently used
    remembered("e")  # a fifth entry: "b", the least recently used, goes
    remembered("a")
    remembered("b")
    assert computed == ["a", "b", "c", "d", "e", "b"]
    assert cache.size <= cache.limit


def test_the_cache_keeps_no_entry_larger_than_a_quarter_of_it():
    cache = SearcherCache(limit=4000)
    assert cache.remembered("big", lambda: "first", lambda v: 2000) == "first"
    assert cache.remembered("big", lambda: "second", lambda v: 2000) == "second"
    assert cache.size == 0


def test_each_query_and_filter_gets_its_own_results_from_a_warm_cache(backend, tmp_path):
    requests = [
        SearchRequest(query=parse_query(text), filters=filters, sort=sort, per_page=50)
        for text in ("border", "border -delimitation", "moscow OR minsk", "")
        for filters in (Filters(), Filters(kinds=("direct",)), Filters(sources=("Trend",)))
        for sort in ("relevance", "oldest")
    ]

    def shown(results):
        return (
            [h.quote_id for h in results.quotes.hits],
            [h.article_id for h in results.articles.hits],
            {name: [(v.value, v.count) for v in values] for name, values in results.facets.items()},
        )

    warm = [shown(backend.search(r)) for r in requests * 2]  # the second round is cached
    for i, request in enumerate(requests):
        cold = WhooshBackend({"PATH": str(tmp_path / "index")})
        assert warm[i] == warm[i + len(requests)] == shown(cold.search(request))
        cold.close()
    assert len({str(w) for w in warm}) > 6  # the filters really change what is found


def test_clearing_the_cache_makes_the_next_search_read_the_index_again(backend, reads):
    first = article_ids(backend, "border")
    reads.clear()
    backend.clear_cache()
    assert article_ids(backend, "border") == first
    assert reads
