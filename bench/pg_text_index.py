"""PostgreSQL search with its RUM index beside the same searches with a GIN index, in one
run on the same documents (the Reuters corpus, replicated ``--scales`` times, as
``bench_search.py`` builds it): p50/p95 per kind of query and the RUM/GIN ratios.

    scripts/with-postgres python bench/pg_text_index.py [--scales 1] [--repeat 5]

Needs the rum extension (Debian: postgresql-15-rum). Reads ../shared/corpus/news.jsonl.gz
(or --corpus); says so and stops when it is absent.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from pathlib import Path

from bench_search import DEFAULT_CORPUS, STRESS, documents, load_corpus, percentile, query_sets
from pg_compare import setup_django


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--scales", default="1")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    reason = setup_django()
    if reason:
        print(reason)
        return 1
    if not args.corpus.exists():
        print(f"No corpus at {args.corpus}; nothing to benchmark (pass --corpus PATH).")
        return 0
    from django.db import connection

    from search.engine.postgres import PostgresBackend

    migration = importlib.import_module("search.migrations.0008_rum_index_per_type")
    corpus = load_corpus(args.corpus)
    for copies in (int(s) for s in args.scales.split(",")):
        articles, quotes = documents(corpus, copies)
        pg = PostgresBackend({})
        if pg.text_index() != "rum":
            print("The RUM index is not in use (install postgresql-15-rum, then migrate).")
            return 1
        pg.rebuild(iter(articles), iter(quotes), total=len(articles) + len(quotes))
        queries = {**query_sets(quotes), "stress": STRESS}
        print(f"\n## {len(articles):,} articles + {len(quotes):,} quotes (corpus x{copies})")
        times = {}
        phases = (
            ("rum", None),  # RUM beside GIN, as migration 0006 leaves them
            ("gin", migration.GIN),
            ("rum again", migration.RUM),
            ("rum alone", migration.RUM_ONLY),
        )
        for method, sql in phases:
            if sql:
                with connection.cursor() as cursor:
                    cursor.execute(sql)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE search_pg_document")
            pg = PostgresBackend({})  # looks the index up afresh
            assert pg.text_index() == method.split()[0], pg.text_index()
            times[method] = time_queries(pg, queries, args.repeat)
        print(f"{'queries':<12} {'n':>4} {'rum p50':>8} {'rum p95':>8} {'gin p50':>8} "
              f"{'gin p95':>8} {'p50 r/g':>8} {'p95 r/g':>8} {'alone p95/g':>11}")  # fmt: skip
        for category in queries:
            rum = times["rum"][category] + times["rum again"][category]
            gin = times["gin"][category]
            r50, r95 = statistics.median(rum), percentile(rum, 95)
            g50, g95 = statistics.median(gin), percentile(gin, 95)
            alone = percentile(times["rum alone"][category], 95)
            print(
                f"{category:<12} {len(rum):>4} {r50:>8.1f} {r95:>8.1f} {g50:>8.1f} {g95:>8.1f} "
                f"{r50 / g50:>8.2f} {r95 / g95:>8.2f} {alone / g95:>11.2f}"
            )
        print("  rum: RUM beside GIN (migration 0006), timed before and after GIN alone, so that")
        print("  drift in the machine's load falls on both; alone: RUM with no GIN beside it")
    return 0


def time_queries(pg, queries: dict[str, list[str]], repeat: int) -> dict[str, list[float]]:
    from search.engine import SearchRequest
    from search.query import parse

    out: dict[str, list[float]] = {}
    for category, texts in queries.items():
        out[category] = []
        for text in texts:
            request = SearchRequest(query=parse(text), per_page=10)
            pg.search(request)  # warm the cache of PostgreSQL's pages, as Whoosh's is cold
            for _ in range(repeat):
                start = time.perf_counter()
                pg.search(request)
                out[category].append((time.perf_counter() - start) * 1000)
    return out


if __name__ == "__main__":
    sys.exit(main())
