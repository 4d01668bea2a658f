"""Evaluating queries over one searcher: rankings and scores checked against Whoosh's own
``searcher.search`` under BM25F, the cache shared by its searches, and pages taken from the
cached ranking."""

from __future__ import annotations

import datetime as dt
import random
from types import SimpleNamespace

import pytest

from search.engine import Filters, SearchRequest
from search.engine.whoosh import WhooshBackend, evaluate, internals, schema, writing
from search.engine.whoosh import backend as whoosh_backend
from search.engine.whoosh.compile import compile_node
from search.engine.whoosh.evaluate import Evaluator, SearcherCache

from .backend_contract import ARTICLES, QUOTES, article, parse_query, quote


@pytest.fixture
def backend(tmp_path):
    backend = WhooshBackend({"PATH": str(tmp_path / "index")})
    backend.update(ARTICLES[:3], QUOTES[:3])
    backend.update(ARTICLES[3:], QUOTES[3:])  # two segments, so docnums are offset in one
    yield backend
    backend.close()


class WhooshLengths:
    """A document table whose field lengths are the ones Whoosh's scorer reads, so that our
    scores can be compared with Whoosh's (``evaluate``'s docstring explains the lengths it
    uses instead)."""

    def __init__(self, table, searcher):
        self._table, self._searcher = table, searcher

    def __getattr__(self, name):
        return getattr(self._table, name)

    def lengths(self, field: str) -> list[int]:
        docs = range(self._searcher.doc_count_all())
        return [self._searcher.doc_field_length(d, field) for d in docs]


# A spread of query forms: terms in every field, AND, OR, phrases, prefixes, names, titles.
RANKED = [
    "border",
    "moscow",
    "russia relations",
    "border OR moscow OR minsk",
    '"red tape"',
    '"Minsk Group" OR sanctions',
    "aliyev",
    "lavrov",
    "trade",
    "delimit*",
    "sanctions debate",
    "centuries OR respect OR restraint",
]
# Phrases that hold a word more than once per document, where Whoosh scores the phrase's
# own frequency and we score the words' (``_scored_terms``): the same documents match.
PHRASES = ['"Aliyev said"', '"would keep cutting red tape"', '"said Russia" OR border']
WITH_EXCLUSIONS = ["moscow -border", "relations -trade", 'border -"delimitation commission"']
WHOOSH_EXCLUSION_SCORE = 1.0  # what Whoosh adds to every hit of an AND NOT


def whoosh_ranking(searcher, q) -> list[tuple[int, float]]:
    return [(hit.docnum, hit.score) for hit in searcher.search(q, limit=None)]


def our_ranking(searcher, table, q) -> list[tuple[int, float]]:
    ev = Evaluator(searcher, table, SearcherCache())
    return ev.top(q, ev.docs(q), searcher.doc_count_all())


def rounded(ranking, add=0.0):
    return [(d, round(score + add, 9)) for d, score in ranking]


@pytest.mark.parametrize("text", RANKED)
def test_ranking_and_scores_are_whooshs_given_the_same_lengths(backend, text):
    def check(searcher, table):
        assert searcher.weighting.__class__.__name__ == "BM25F"
        q = compile_node(parse_query(text).root, searcher.reader())
        theirs = whoosh_ranking(searcher, q)
        assert theirs  # each query finds something, so the comparison tells
        assert rounded(our_ranking(searcher, WhooshLengths(table, searcher), q)) == rounded(theirs)

    backend._reading(check)


@pytest.mark.parametrize("text", WITH_EXCLUSIONS)
def test_an_exclusion_keeps_whooshs_order_without_its_constant(backend, text):
    def check(searcher, table):
        q = compile_node(parse_query(text).root, searcher.reader())
        theirs = whoosh_ranking(searcher, q)
        ours = our_ranking(searcher, WhooshLengths(table, searcher), q)
        assert theirs and rounded(ours, WHOOSH_EXCLUSION_SCORE) == rounded(theirs)

    backend._reading(check)


@pytest.mark.parametrize("text", RANKED + WITH_EXCLUSIONS + PHRASES)
def test_with_our_own_lengths_the_same_documents_match(backend, text):
    def check(searcher, table):
        q = compile_node(parse_query(text).root, searcher.reader())
        ours = our_ranking(searcher, table, q)
        assert {d for d, _ in ours} == {d for d, _ in whoosh_ranking(searcher, q)}
        assert all(score > 0 for _, score in ours)

    backend._reading(check)


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
    """The best of ``docs`` by Whoosh's own ranking, then documents no word matched, by
    docnum; whichever path ``top`` takes."""
    monkeypatch.setattr(evaluate, "NARROW", narrow)

    def check(searcher, table):
        table = WhooshLengths(table, searcher)
        q = compile_node(parse_query("border OR moscow OR minsk").root, searcher.reader())
        cache = SearcherCache()
        if seen_before:  # an earlier search left the scores in the cache
            Evaluator(searcher, table, cache)._scores(tuple(evaluate._scored_terms(q)))
        ev = Evaluator(searcher, table, cache)
        whoosh = [d for d, _score in whoosh_ranking(searcher, q)]
        matched = sorted(ev.docs(q))
        unscored = [d for d in table.live() if d not in whoosh][:3]
        assert len(matched) >= 4 and unscored and set(matched) == set(whoosh)
        for docs in (matched, matched[:2], matched[1::2], matched + unscored, unscored):
            best = [d for d in whoosh if d in docs] + sorted(d for d in docs if d not in whoosh)
            assert [d for d, _score in ev.top(q, docs, 3)] == best[:3]
        assert bool(ev._scored_here) != seen_before  # which path was taken

    backend._reading(check)


@pytest.mark.parametrize("text", ['"red tape"', "border OR moscow OR minsk", "trade -border"])
def test_a_new_query_scored_within_few_documents_ranks_as_the_cached_scores_do(backend, text):
    def check(searcher, table):
        q = compile_node(parse_query(text).root, searcher.reader())
        ev = Evaluator(searcher, table, SearcherCache())
        matched = sorted(ev.docs(q))
        for docs in (matched, matched[:1], matched[1::2]):
            scores = Evaluator(searcher, table, SearcherCache())._scores_within(
                tuple(evaluate._scored_terms(q)), set(docs)
            )
            assert set(scores) == set(docs)
            full = Evaluator(searcher, table, SearcherCache())
            full._scores(tuple(evaluate._scored_terms(q)))  # as if seen before: all scored
            assert evaluate._best(scores, set(docs), 5) == full.top(q, docs, 5)

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


# The costliest queries (``bench/bench_search.py``'s stress set): phrases of common words, a
# common word, a pure exclusion and no words at all, over documents full of those words.
STRESS = ['"the company said"', '"said it"', "said OR oil", "-oil", "", '"the company said" -oil']
FRAGMENTS = ("the company said", "said it", "oil prices rose", "it said", "the company", "and")


def stress_documents(n: int = 120) -> tuple[list[dict], list[dict]]:
    rng = random.Random(24)
    articles, quotes = [], []
    for i in range(1, n + 1):
        body = " ".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 12)))
        day = rng.choice([None, *(dt.date(2020, 1, 1) + dt.timedelta(days=k) for k in range(9))])
        art = article(
            i, f"Report {i}", body, published=day, source=rng.choice(["Reuters", "Trend"])
        )
        articles.append(art)
        if i % 3 == 0:
            text = " ".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 5)))
            quotes.append(
                quote(
                    1000 + i,
                    art,
                    text,
                    speaker="Ilham Aliyev",
                    slug="ilham-aliyev",
                    role="President",
                )
            )
    return articles, quotes


def shown(backend, text: str, sort: str, page: int):
    results = backend.search(
        SearchRequest(query=parse_query(text), sort=sort, page=page, per_page=7)
    )
    return (
        [(h.quote_id, round(h.score, 9)) for h in results.quotes.hits],
        [(h.article_id, round(h.score, 9)) for h in results.articles.hits],
        results.quotes.total,
        results.articles.total,
        {name: [(v.value, v.count) for v in values] for name, values in results.facets.items()},
    )


@pytest.fixture
def stressed(tmp_path):
    articles, quotes = stress_documents()
    backend = WhooshBackend({"PATH": str(tmp_path / "stress")})
    backend.update(articles[:50], quotes[:10])
    backend.update(articles[50:], quotes[10:])
    yield backend
    backend.close()


def plainly(monkeypatch) -> None:
    """No scoring within the matches, no walk of the date order, no fast paths into Whoosh."""
    monkeypatch.setattr(whoosh_backend, "DATE_WALK", 0)
    monkeypatch.setattr(evaluate, "FEW", 10**9)
    internals.use_fast_paths(False)


@pytest.mark.parametrize("text", STRESS)
def test_the_costliest_queries_find_and_rank_as_the_plain_evaluation_does(
    stressed, monkeypatch, text
):
    requests = [(sort, page) for sort in ("relevance", "newest", "oldest") for page in (1, 3)]
    fast = [shown(stressed, text, *r) for r in requests]
    assert fast[0][2] + fast[0][3] > 7  # enough matches for three pages to tell
    try:
        plainly(monkeypatch)
        stressed.clear_cache()
        plain = [shown(stressed, text, *r) for r in requests]
    finally:
        internals.use_fast_paths(True)
    assert fast == plain


# Phrases against Whoosh's own phrase matching on ``body_phrase``: pairs with a common word
# come from ``body_grams``, and a possessive, a repeat or punctuation must not fool them.
GRAM_FRAGMENTS = (*FRAGMENTS, "the company's, said", "it 's said", "the the it", "said. It")
GRAM_PHRASES = [
    ["the", "compani", "said"], ["said", "it"], ["it", "said"], ["the", "compani"],
    ["the", "the"], ["the", "the", "it"], ["said", "it", "said"], ["oil", "price", "rose"],
    ["compani", "said"], ["it", "s", "said"], ["compani", "s"], ["and", "the"], ["it", "it"],
]  # fmt: skip


def gram_documents(n: int = 80) -> list[dict]:
    rng = random.Random(7)
    return [
        article(
            i,
            f"Note {i}",
            " ".join(rng.choice(GRAM_FRAGMENTS) for _ in range(6)),
            published=None,
            source="Reuters",
        )
        for i in range(1, n + 1)
    ]


def phrases_match_as_whooshs_own(backend) -> int:
    def check(searcher, table):
        found = 0
        for words in GRAM_PHRASES:
            q = evaluate.wq.Phrase("body_phrase", words)
            ours = Evaluator(searcher, table, SearcherCache()).docs(q)
            assert ours == set(searcher.docs_for_query(q)), words
            found += bool(ours)
        return found

    return backend._reading(check)


def test_phrases_of_common_words_match_the_documents_whoosh_matches(tmp_path):
    backend = WhooshBackend({"PATH": str(tmp_path / "grams")})
    docs = gram_documents()
    backend.update(docs[:40], [])
    backend.update(docs[40:], [])
    assert phrases_match_as_whooshs_own(backend) >= len(GRAM_PHRASES) - 2


def test_documents_indexed_before_the_pairs_field_still_match_phrases(tmp_path, monkeypatch):
    def as_before(doc):  # no pairs, and no mark in ``meta`` that it has them
        fields = schema.article_fields(doc)
        del fields["body_grams"]
        fields["meta"] = fields["meta"].rsplit(schema.SEP.encode(), 1)[0]
        return fields

    backend = WhooshBackend({"PATH": str(tmp_path / "mixed")})
    docs = gram_documents()
    monkeypatch.setattr(writing, "article_fields", as_before)
    backend.update(docs[:40], [])
    monkeypatch.undo()
    backend.update(docs[40:], [])
    monkeypatch.setattr(whoosh_backend, "MAX_SEGMENTS", 1)
    backend.compact()  # the older and newer documents in one segment
    assert backend.status()["segments"] == 1
    assert len(backend._reading(lambda s, t: t.without_grams())) == 40
    assert phrases_match_as_whooshs_own(backend) >= len(GRAM_PHRASES) - 2


def test_a_pair_is_never_made_across_a_gap_in_positions():
    tokens = [SimpleNamespace(text=t, pos=p) for t, p in (("the", 0), ("x", 1), ("said", 3))]
    tokens.append(SimpleNamespace(text="it", pos=4))
    pairs = [(t.text, t.pos) for t in schema.CommonGramsFilter()(iter(tokens))]
    assert pairs == [("the x", 0), ("said it", 3)]
