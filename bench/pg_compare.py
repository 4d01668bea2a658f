"""PostgreSQL beside Whoosh, in the same run: ``bench_search.py --backend postgres`` and
``bench_import.py --backend postgres`` call these.

Both need DATABASE_URL pointing at a PostgreSQL database this benchmark may fill and empty
(its search tables are rebuilt; use a throwaway one):

    scripts/with-postgres .venv/bin/python bench/bench_search.py --backend postgres
    scripts/with-postgres .venv/bin/python bench/bench_import.py --backend postgres
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> str | None:
    """Configure Django on DATABASE_URL; the reason it cannot be used, or None."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return "DATABASE_URL is not a PostgreSQL URL; run under scripts/with-postgres."
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplomacy.settings")
    os.environ.setdefault("DIPLOMACY_SECRET_KEY", "bench-" + "k" * 50)
    os.environ.setdefault("DIPLOMACY_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return None


# searches


def compare_search(
    articles, quotes, queries: dict, stress: list, repeat: int, whoosh, reuse: bool = False
) -> None:
    """Rebuild the PostgreSQL backend with the documents ``whoosh`` holds, then time the
    same queries on both, alternating, and print p50/p95 and PostgreSQL/Whoosh ratios.
    ``reuse``: keep the documents a run before loaded, when there are as many (a database
    kept between runs: a 100k rebuild takes minutes)."""
    from search.engine import SearchRequest
    from search.engine.postgres import PostgresBackend
    from search.query import parse

    pg = PostgresBackend({})
    total = len(articles) + len(quotes)
    loaded = pg.status()["documents"]
    start = time.perf_counter()
    reused = reuse and loaded == {"article": len(articles), "quote": len(quotes)}
    if reused:
        print("\nPostgreSQL: reusing the documents loaded earlier")
    else:
        pg.rebuild(iter(articles), iter(quotes), total=total)
    took = time.perf_counter() - start
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE search_pg_document")  # as autovacuum would, later
        cursor.execute(
            "SELECT pg_total_relation_size('search_pg_document') "
            "+ pg_total_relation_size('search_pg_stored') "
            "+ pg_total_relation_size('search_pg_word')"
        )
        size = cursor.fetchone()[0]
    print(f"\nPostgreSQL ranks with its {pg.text_index() or 'missing'} index")
    built = "" if reused else f"PostgreSQL build {took:.1f} s, {len(articles) / took:,.0f} "
    built += "" if reused else f"articles/s, {total / took:,.0f} docs/s, "
    print(f"{built}tables and indexes {size / 2**20:.0f} MiB")

    def timed(backend, request, cold: bool) -> float:
        if cold and hasattr(backend, "clear_cache"):
            backend.clear_cache()
        start = time.perf_counter()
        backend.search(request)
        return (time.perf_counter() - start) * 1000

    print(
        "\nWhoosh cold: its searcher cache dropped before each search; warm: kept.\n"
        f"{'queries':<12} {'n':>4} {'pg p50':>7} {'pg p95':>7} {'wh p50':>7} {'wh p95':>7} "
        f"{'warm p50':>8} {'warm p95':>8} {'p50 pg/wh':>9} {'p95 pg/wh':>9}"
    )
    everything = {"pg": [], "cold": [], "warm": []}
    for category, texts in {**queries, "stress": stress}.items():
        times = {"pg": [], "cold": [], "warm": []}
        for text in texts:
            request = SearchRequest(query=parse(text), per_page=10)
            pg.search(request)
            whoosh.search(request)
            for _ in range(repeat):
                times["pg"].append(timed(pg, request, False))
                times["cold"].append(timed(whoosh, request, True))
                times["warm"].append(timed(whoosh, request, False))
        _row(category, times)
        if category != "stress":
            for key in everything:
                everything[key] += times[key]
    _row("all", everything)
    print("  ('all' leaves out the stress queries; ratios are PostgreSQL over Whoosh cold)")


def _row(label: str, t: dict) -> None:
    from bench_search import percentile

    pg50, pg95 = statistics.median(t["pg"]), percentile(t["pg"], 95)
    c50, c95 = statistics.median(t["cold"]), percentile(t["cold"], 95)
    w50, w95 = statistics.median(t["warm"]), percentile(t["warm"], 95)
    print(
        f"{label:<12} {len(t['pg']):>4} {pg50:>7.1f} {pg95:>7.1f} {c50:>7.1f} {c95:>7.1f} "
        f"{w50:>8.1f} {w95:>8.1f} {pg50 / c50:>9.2f} {pg95 / c95:>9.2f}"
    )


# imports


def import_into_postgres(feed: Path, env: dict, n: int) -> tuple[float, str] | None:
    """Import ``feed`` into a fresh PostgreSQL database (made beside DATABASE_URL's, and
    dropped afterwards) with SEARCH_BACKEND=postgres; (seconds, check_index's first line)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("--backend postgres needs DATABASE_URL=postgres://… (scripts/with-postgres).")
        return None
    import psycopg

    parts = urlsplit(url)
    name = f"bench_import_{os.getpid()}"
    admin = psycopg.connect(url, autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        pg_env = {
            **env,
            "DATABASE_URL": urlunsplit(parts._replace(path=f"/{name}")),
            "SEARCH_BACKEND": "postgres",
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run(manage + ["migrate", "--noinput", "-v0"], cwd=ROOT, env=pg_env, check=True)
        started = time.perf_counter()
        subprocess.run(
            manage + ["import_articles", "--jsonl", str(feed)],
            cwd=ROOT,
            env=pg_env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        took = time.perf_counter() - started
        check = subprocess.run(
            manage + ["check_index"], cwd=ROOT, env=pg_env, capture_output=True, text=True
        )
        summary = (check.stdout.strip() or check.stderr.strip()).splitlines()
        print(f"PostgreSQL: imported {n:,} articles in {took:.1f} s: {n / took:.1f}/s")
        print(f"PostgreSQL check_index: exit {check.returncode}: {' '.join(summary)}")
        return took, summary[0] if summary else ""
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
