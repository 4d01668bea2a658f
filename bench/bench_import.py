"""Import speed: the first N Reuters stories fed to ``import_articles --jsonl`` into a fresh
database and index, as a feed import runs in production, beside the rate of quote
extraction alone on all cores measured in the same run (the import cannot beat it; the
target is an import rate of at least 0.8 times it). Prints where the import's time goes,
the index's size and segments, and whether ``check_index`` finds the index equal to the
database afterwards.

    python bench/bench_import.py                          # 5,000 stories, then all of them
    python bench/bench_import.py --articles 5000
    python bench/bench_import.py --project ../other-checkout   # time another version's import
    scripts/with-postgres python bench/bench_import.py --articles 5000 --backend postgres

Reads ../shared/corpus/news.jsonl.gz (or --corpus); says so and stops when it is absent.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from feeds import DEFAULT_CORPUS, ROOT, read_stories, write_feed

sys.path.insert(0, str(ROOT))
from search.intake.parallel import AHEAD, CHUNK, ExtractionPool, cores  # noqa: E402  (no Django)

TARGET = 0.8  # issue 23


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--articles", default="5000,all", help="comma-separated sizes; 'all' is the corpus"
    )
    parser.add_argument("--project", type=Path, default=ROOT, help="the checkout to import with")
    parser.add_argument("--keep", action="store_true", help="keep the data directories")
    parser.add_argument(
        "--backend",
        choices=("whoosh", "postgres"),
        default="whoosh",
        help="postgres: also import into PostgreSQL (DATABASE_URL) and print the ratio",
    )
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"Reuters corpus not found at {args.corpus}; the import benchmark needs it.")
        print("Pass --corpus PATH (it is news.jsonl.gz in the shared research folder).")
        return 0

    stories = read_stories(args.corpus)
    print(f"corpus: {len(stories):,} stories; {cores()} cores; project {args.project}")
    worst = 0
    for size in args.articles.split(","):
        n = len(stories) if size.strip() == "all" else int(size)
        worst = max(worst, run(stories[:n], args.project, args.keep, args.backend))
    return worst


def extraction_rate(stories: list[dict]) -> float:
    """Articles per second through the extractor alone, on a pool like the import's."""
    texts = [s["body"] for s in stories]
    started = time.perf_counter()
    with ExtractionPool() as pool:
        futures = []
        for i in range(0, len(texts), CHUNK):
            futures.append(pool.submit(texts[i : i + CHUNK]))
            while len(futures) > AHEAD * pool.workers:
                futures.pop(0).result()
        for future in futures:
            future.result()
    return len(texts) / (time.perf_counter() - started)


def run(stories: list[dict], project: Path, keep: bool, backend: str = "whoosh") -> int:
    print(f"\n== {len(stories):,} stories")
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
    manage = [sys.executable, str(project / "manage.py")]
    try:
        feed = data / "feed.jsonl"
        write_feed(feed, stories)
        subprocess.run(manage + ["migrate", "--noinput", "-v0"], cwd=project, env=env, check=True)

        extract_only = extraction_rate(stories)
        started = time.perf_counter()
        done = subprocess.run(
            manage + ["import_articles", "--jsonl", str(feed), "-v", "2"],
            cwd=project,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        took = time.perf_counter() - started
        stages = {
            m["stage"]: float(m["seconds"])
            for m in re.finditer(r"^  (?P<stage>[\w ]+): (?P<seconds>[\d.]+) s$", done.stdout, re.M)
        }
        total = stages.get("total", took)
        rate = len(stories) / total
        print(f"extraction alone, {cores()} cores:  {extract_only:7.1f} articles/s")
        print(
            f"import:                    {rate:7.1f} articles/s ({total:.1f} s; "
            f"{took:.1f} s with the command's start-up)"
        )
        verdict = "meets" if rate >= TARGET * extract_only else "misses"
        print(f"ratio: {rate / extract_only:.2f} ({verdict} the {TARGET} target)")
        breakdown(stages, total)

        index = data / "index"
        size = sum(f.stat().st_size for f in index.rglob("*") if f.is_file())
        segments = {f.name.split(".")[0] for f in index.rglob("*.trm")}
        print(f"index: {size / 2**20:.1f} MiB in {len(segments)} segments")
        check = subprocess.run(
            manage + ["check_index"], cwd=project, env=env, capture_output=True, text=True
        )
        summary = (check.stdout.strip() or check.stderr.strip()).splitlines()
        print(f"check_index: exit {check.returncode}: {summary[0] if summary else ''}")
        if backend == "postgres":
            from pg_compare import import_into_postgres

            pg = import_into_postgres(feed, env, len(stories))
            if pg:
                print(f"import rate PostgreSQL/Whoosh: {took / pg[0]:.2f}")
        return check.returncode
    finally:
        if keep:
            print(f"data directory kept: {data}")
        else:
            shutil.rmtree(data, ignore_errors=True)


def breakdown(stages: dict[str, float], total: float) -> None:
    if not stages:
        print("time by stage: not reported by this version of import_articles")
        return
    print("where the import's time goes (this process):")
    shown = 0.0
    for stage in ("read and check", "waiting for extraction", "database", "index", "compact index"):
        seconds = stages.get(stage, 0.0)
        shown += seconds
        print(f"  {stage:24} {seconds:7.1f} s  {seconds / total:6.1%}")
    other = max(0.0, total - shown)
    print(f"  {'other':24} {other:7.1f} s  {other / total:6.1%}")
    beside = stages.get("index beside the import")
    if beside:
        print(f"  (index checkpoints in a thread beside it: {beside:.1f} s)")
    if "extract" in stages:
        print(f"  (extraction in the workers: {stages['extract']:.1f} s of CPU, summed)")


if __name__ == "__main__":
    sys.exit(main())
