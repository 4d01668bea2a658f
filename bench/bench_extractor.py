"""Speed of the quote extractor on one core: articles/s and µs per article over the whole
Reuters corpus, plus two hostile inputs (a 200 KB article, 5,000 unbalanced quote marks).

    python bench/bench_extractor.py [--corpus PATH]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.quotes import extract  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl.gz"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"Reuters corpus not found at {args.corpus}; the benchmark needs it (--corpus).")
        return 0
    bodies = [json.loads(line)["body"] for line in gzip.open(args.corpus, "rt", encoding="utf-8")]
    timings, quotes = [], 0
    started = time.perf_counter()
    for body in bodies:
        t = time.perf_counter()
        quotes += len(extract(body).quotes)
        timings.append(time.perf_counter() - t)
    total = time.perf_counter() - started
    timings.sort()
    print(
        f"{len(bodies)} articles, {sum(map(len, bodies)) / 1e6:.1f} M characters, "
        f"{quotes} quotes found"
    )
    print(
        f"{len(bodies) / total:,.0f} articles/s; per article: mean "
        f"{statistics.fmean(timings) * 1e6:,.0f} µs, p50 {timings[len(timings) // 2] * 1e6:,.0f}"
        f" µs, p99 {timings[int(len(timings) * 0.99)] * 1e6:,.0f} µs, "
        f"max {timings[-1] * 1e3:,.1f} ms"
    )
    long_article = "\n\n".join(bodies[i] for i in range(len(bodies)) if bodies[i])[:200_000]
    for label, text in (
        ("200 KB article", long_article),
        ("5,000 unbalanced quote marks", 'He said " and ' * 5_000),
        (
            "1 MB without a newline",
            ("The minister said that talks went well, " * 26_000)[:1_000_000],
        ),
    ):
        t = time.perf_counter()
        found = len(extract(text).quotes)
        print(f"{label}: {(time.perf_counter() - t) * 1e3:,.0f} ms ({found} quotes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
