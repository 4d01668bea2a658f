"""Speed of the quote extractor on one core, beside bare spaCy over the same texts.

    python bench/bench_extractor.py [--corpus PATH] [--articles N] [--repeat K]

Over N Reuters stories (default 2,000; 0 for all) it times, in the same run and in turns:
bare ``nlp.pipe`` of the pinned pipeline with the same components over the whole texts, and
``extract()`` (which parses only paragraphs that hold a reporting word or a quote mark, then
applies the rules). It prints words/s and articles/s for both and their ratio, so the cost of
our own rules shows apart from the machine's speed (which varies by ±15% here). Then the
hostile inputs: a 200 KB article, 5,000 unbalanced quote marks, 1 MB without a newline.
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
from search.quotes.parser import nlp  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl.gz"


def _bare(bodies: list[str]) -> float:
    started = time.perf_counter()
    for _ in nlp().pipe(bodies, batch_size=64):
        pass
    return time.perf_counter() - started


def _ours(bodies: list[str]) -> tuple[float, int, list[float]]:
    timings, quotes = [], 0
    started = time.perf_counter()
    for body in bodies:
        t = time.perf_counter()
        quotes += len(extract(body).quotes)
        timings.append(time.perf_counter() - t)
    return time.perf_counter() - started, quotes, timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=2000, help="0: the whole corpus")
    parser.add_argument("--repeat", type=int, default=2, help="turns of each, best kept")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"Reuters corpus not found at {args.corpus}; the benchmark needs it (--corpus).")
        return 0
    with gzip.open(args.corpus, "rt", encoding="utf-8") as lines:
        bodies = [json.loads(line)["body"] for line in lines]
    bodies = [b for b in bodies if b.strip()]
    if args.articles:
        bodies = bodies[: args.articles]
    words = sum(len(b.split()) for b in bodies)
    nlp()  # load once, outside the timings
    extract("Warm-up: the minister said the talks went well.")

    bare_runs, our_runs = [], []
    for _ in range(args.repeat):
        bare_runs.append(_bare(bodies))
        our_runs.append(_ours(bodies))
    bare = min(bare_runs)
    ours, quotes, timings = min(our_runs, key=lambda run: run[0])
    timings.sort()
    print(
        f"{len(bodies):,} articles, {words:,} words, {sum(map(len, bodies)) / 1e6:.1f} M "
        f"characters; {quotes:,} quotes found (best of {args.repeat} turns each)"
    )
    print(f"bare nlp.pipe : {words / bare:9,.0f} words/s  {len(bodies) / bare:7,.1f} articles/s")
    print(f"extract()     : {words / ours:9,.0f} words/s  {len(bodies) / ours:7,.1f} articles/s")
    print(f"extract() / bare parse time: {ours / bare:.2f}x (target: at most 1.30x)")
    print(
        f"per article: mean {statistics.fmean(timings) * 1e3:,.1f} ms, "
        f"p50 {timings[len(timings) // 2] * 1e3:,.1f} ms, "
        f"p99 {timings[int(len(timings) * 0.99)] * 1e3:,.1f} ms, max {timings[-1] * 1e3:,.0f} ms"
    )
    long_article = "\n\n".join(bodies)[:200_000]
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
