"""Import speed: the first N Reuters stories fed to ``import_articles --jsonl`` into a fresh
database and index, as a feed import runs in production (extraction, saving, and the index
kept in step in commits of 500 documents). Prints articles/s, the index's size and segments,
and whether ``check_index`` finds the index equal to the database afterwards.

    python bench/bench_import.py                 # 5,000 stories
    python bench/bench_import.py --articles 20000
    scripts/with-postgres python bench/bench_import.py --backend postgres   # both, and the ratio

Reads ../shared/corpus/news.jsonl.gz (or --corpus); says so and stops when it is absent.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from feeds import DEFAULT_CORPUS, ROOT, read_stories, write_feed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--keep", action="store_true", help="keep the data directory")
    parser.add_argument(
        "--backend",
        choices=("whoosh", "postgres"),
        default="whoosh",
        help="postgres: also import into PostgreSQL (DATABASE_URL) and print the ratio",
    )
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"Reuters corpus not found at {args.corpus}; the import benchmark needs it.")
        return 0

    data = Path(tempfile.mkdtemp(prefix="diplomacy-import-"))
    env = {
        **os.environ,
        "DIPLOMACY_DATA_DIR": str(data),
        "DIPLOMACY_SECRET_KEY": "bench-import-" + "k" * 50,
        "DIPLOMACY_LOG_LEVEL": "WARNING",
        "SEARCH_INDEX_DIR": str(data / "index"),
    }
    for name in ("DATABASE_URL", "SEARCH_BACKEND"):  # this run: SQLite and Whoosh
        env.pop(name, None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    try:
        stories = read_stories(args.corpus)[: args.articles]
        feed = data / "feed.jsonl"
        write_feed(feed, stories)
        subprocess.run(manage + ["migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)

        started = time.perf_counter()
        subprocess.run(
            manage + ["import_articles", "--jsonl", str(feed)],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        took = time.perf_counter() - started
        print(f"imported {len(stories):,} articles in {took:.1f} s: {len(stories) / took:.1f}/s")

        index = data / "index"
        size = sum(f.stat().st_size for f in index.rglob("*") if f.is_file())
        segments = {f.name.split(".")[0] for f in index.rglob("*.trm")}
        print(f"index: {size / 2**20:.1f} MiB in {len(segments)} segments")
        check = subprocess.run(
            manage + ["check_index"], cwd=ROOT, env=env, capture_output=True, text=True
        )
        summary = (check.stdout.strip() or check.stderr.strip()).splitlines()
        print(f"check_index: exit {check.returncode}: {summary[0] if summary else ''}")
        if args.backend == "postgres":
            from pg_compare import import_into_postgres

            pg = import_into_postgres(feed, env, len(stories))
            if pg:
                print(f"import rate PostgreSQL/Whoosh: {took / pg[0]:.2f}")
        return check.returncode
    finally:
        if args.keep:
            print(f"data directory kept: {data}")
        else:
            shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
