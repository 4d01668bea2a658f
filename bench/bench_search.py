"""Benchmark of the search layer on the Reuters-21578 corpus (research use only; see
../shared/corpus/README.md), at its own size and replicated to about 100k articles.

    .venv/bin/python bench/bench_search.py [--corpus PATH] [--scales 1,5] [--repeat 5]
    .venv/bin/python bench/bench_search.py --scales 5 --keep /tmp/bench --reuse --stress-only
    scripts/with-postgres .venv/bin/python bench/bench_search.py --backend postgres

Reports build time, documents/s and index size per scale, then p50/p95 latency of
``WhooshBackend.search`` (highlights, facets and per-type pages on) for single words, two
words, phrases, ``speaker:`` filters and date ranges, and of the same words and filters run
through a bare ``searcher.search`` (``bare_search`` below), with the ratio; and the
same searches with the who-says-it-most panel and the timeline (``activity=True``, bars laid
out) beside the plain search, with the p95 they add.
``--keep DIR --reuse`` searches the index an earlier run built in DIR (a 100k build takes
minutes), and with ``--backend postgres`` the PostgreSQL documents a run before loaded (when
it holds as many), and ``--stress-only`` times just the stress set. ``--backend postgres``
also loads the same documents into the PostgreSQL backend and times the same queries on
both (``bench/pg_compare.py``).
Quotes come from a cheap regex over the bodies, not from the real extractor.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import datetime as dt
import gzip
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search.engine import SearchRequest  # noqa: E402
from search.engine.whoosh import WhooshBackend  # noqa: E402
from search.engine.whoosh.compile import plain_query  # noqa: E402
from search.pages import timeline  # noqa: E402
from search.query import parse as parse_query  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl.gz"
REPLICA_STRIDE = 1_000_000  # replica k of article n gets id n + k * stride

QUOTED = re.compile(r'"([^"\n]{20,400}?)[,.]?"(?P<after>[^"\n]{0,80})')
SAID_NAME = re.compile(r"^\W*(?:said\s+)?(?P<name>(?:[A-Z][a-z]+\.?\s){0,2}[A-Z][a-z]+)\b")
NAME_SAID = re.compile(r"(?P<name>(?:[A-Z][a-z]+\s){1,2}[A-Z][a-z]+)\s+said")


def load_corpus(path: Path) -> list[dict]:
    articles = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            published = dt.date.fromisoformat(row["date"][:10]) if row.get("date") else None
            articles.append(
                {
                    "id": int(row["id"].rsplit("-", 1)[1]),
                    "title": row.get("title") or "",
                    "body": row.get("body") or "",
                    "published": published,
                    "source": row.get("source") or "Reuters",
                }
            )
    return articles


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def extract_quotes(art: dict) -> list[tuple[str, str]]:
    """(text, speaker name) for each double-quoted span; cheap, approximate."""
    found = []
    for m in QUOTED.finditer(art["body"]):
        after = m.group("after")
        said = SAID_NAME.match(after) if "said" in after[:30] else None
        named = said or NAME_SAID.search(after[:60])
        name = named.group("name") if named else "Unnamed Source"
        found.append((m.group(1), name))
    return found


def documents(corpus: list[dict], copies: int):
    """Article and quote dicts in the shape of ``search.index.sync``, ``copies`` times over."""
    articles, quotes = [], []
    for k in range(copies):
        for art in corpus:
            article_id = art["id"] + k * REPLICA_STRIDE
            extracted = extract_quotes(art)
            names = sorted({name for _text, name in extracted})
            articles.append(
                {
                    "id": article_id,
                    "version": "1",
                    "title": art["title"],
                    "body": art["body"],
                    "published": art["published"],
                    "dateline": "",
                    "source": art["source"],
                    "speakers": names,
                    "speaker_slugs": [slugify(n) for n in names],
                }
            )
            for i, (text, name) in enumerate(extracted):
                quotes.append(
                    {
                        "id": article_id * 100 + i,
                        "version": "1",
                        "article_id": article_id,
                        "text": text,
                        "kind": "direct",
                        "speaker_id": None,
                        "speaker_name": name,
                        "speaker_slug": slugify(name),
                        "speaker_aliases": [],
                        "role": "",
                        "cue": "said",
                        "mention": name,
                        "article_title": art["title"],
                        "published": art["published"],
                        "source": art["source"],
                    }
                )
    return articles, quotes


def top_speakers(quotes: list[dict], n: int) -> list[str]:
    counts = collections.Counter(q["speaker_name"] for q in quotes)
    counts.pop("Unnamed Source", None)
    return [name for name, _ in counts.most_common(n)]


def query_sets(quotes: list[dict]) -> dict[str, list[str]]:
    speakers = top_speakers(quotes, 4)
    return {
        "single word": ["said", "oil", "bank", "tariffs", "wheat", "cocoa", "opec", "yen"],
        "two words": [
            "oil prices",
            "trade deficit",
            "interest rates",
            "central bank",
            "stock exchange",
            "crude production",
        ],
        "phrase": [
            '"interest rates"',
            '"trade deficit"',
            '"federal reserve"',
            '"stock split"',
            '"told reporters"',
        ],
        "speaker:": [f'speaker:"{name}"' for name in speakers[:2]]
        + [f'speaker:"{name}" oil' for name in speakers[2:4]]
        + ["speaker:baker", "speaker:volcker dollar"],
        "date range": [
            "oil from:1987-03-01 to:1987-03-31",
            "trade from:1987-04",
            "bank from:1987-06-01 to:1987-06-30",
            "from:1987-10-01 to:1987-10-31",
            "said from:1987-03-01 to:1987-04-30",
        ],
    }


# Known slow shapes, timed apart from the query kinds the targets are about: phrases of very
# common words decode positions for every document holding all the words (~12k at 100k).
STRESS = ['"the company said"', '"said it"', "", "-oil", "said OR oil"]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def bare_search(searcher, request: SearchRequest, limit: int = 10) -> int:
    """The same words and term filters through a plain ``searcher.search`` with stored fields
    and a total, and nothing of ours (no date filter, per-type split, facets, highlights or
    suggestions). Returns the total."""
    q = plain_query(request.query, request.filters, searcher.reader())
    results = searcher.search(q, limit=limit)
    for hit in results:
        hit.fields()
    return len(results)


def time_queries(
    backend: WhooshBackend, queries: dict[str, list[str]], repeat: int, cold: bool
) -> dict:
    """{category: {"ours": [ms...], "bare": [ms...], "panel": [ms...]}}; the first run of
    each query is a warm-up and is not counted. ``cold``: the searcher's cache is dropped
    before each of our searches, so repeats measure a query never seen before, not a cached
    one. "panel" is the same search with the activity (who says it most, the timeline)
    counted and its bars laid out, as the search page does."""
    timings = {}
    bare_searcher = backend.store.open(backend.store.live_name()).searcher()
    for category, texts in queries.items():
        ours, bare, panel = [], [], []
        for text in texts:
            request = SearchRequest(query=parse_query(text), per_page=10)
            with_panel = dataclasses.replace(request, activity=True)
            backend.search(request)
            bare_search(bare_searcher, request)
            with_activity(backend, with_panel)
            for _ in range(repeat):
                if cold:
                    backend.clear_cache()
                start = time.perf_counter()
                backend.search(request)
                ours.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                bare_search(bare_searcher, request)
                bare.append((time.perf_counter() - start) * 1000)
                if cold:
                    backend.clear_cache()
                start = time.perf_counter()
                with_activity(backend, with_panel)
                panel.append((time.perf_counter() - start) * 1000)
        timings[category] = {"ours": ours, "bare": bare, "panel": panel}
    bare_searcher.close()
    return timings


def with_activity(backend: WhooshBackend, request: SearchRequest):
    """A search with the panel and the timeline, their bars laid out as the page draws them."""
    results = backend.search(request)
    line = timeline.layout(results.activity.months, results.activity.undated)
    over = [bar.period for bar in line.bars]
    for row in results.activity.speakers:
        timeline.layout(row.months, over=over)
    return results


def directory_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run_scale(
    corpus,
    copies: int,
    workdir: Path,
    repeat: int,
    procs: int,
    compare: bool = False,
    reuse: bool = False,
    only_stress: bool = False,
) -> None:
    articles, quotes = documents(corpus, copies)
    total = len(articles) + len(quotes)
    path = workdir / f"index-x{copies}"
    backend = WhooshBackend({"PATH": str(path), "LOCK_TIMEOUT": 10.0, "PROCS": procs})
    print(f"\n## {len(articles):,} articles + {len(quotes):,} quotes", end=" ")
    print(f"(corpus x{copies}, procs={procs})")
    if reuse and backend.store.has_live():
        print(f"reusing the index built earlier in {path}, {backend.status()['segments']} segments")
    else:
        start = time.perf_counter()
        backend.rebuild(iter(articles), iter(quotes), total=total)
        took = time.perf_counter() - start
        size = directory_size(path)
        segments = backend.status()["segments"]
        print(
            f"build {took:.1f} s, {len(articles) / took:,.0f} articles/s, "
            f"{total / took:,.0f} docs/s, index {size / 2**20:.0f} MiB, {segments} segments"
        )
    backend.close()
    backend = WhooshBackend({"PATH": str(path)})  # as a freshly started worker would
    start = time.perf_counter()
    backend.search(SearchRequest(query=parse_query("oil")))
    print(
        f"first search (opens the searcher, loads per-segment values): "
        f"{(time.perf_counter() - start) * 1000:.0f} ms"
    )
    for cold in () if only_stress else (True, False):
        timings = time_queries(backend, query_sets(quotes), repeat, cold)
        print(
            "\ncold: the searcher's cache dropped before each search"
            if cold
            else "\nwarm: each query repeated, as popular searches are (the cache answers)"
        )
        print(
            f"{'queries':<12} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'bare p50':>9} "
            f"{'bare p95':>9} {'p95 ratio':>9}"
        )
        everything_ours, everything_bare, everything_panel = [], [], []
        for category, t in timings.items():
            everything_ours += t["ours"]
            everything_bare += t["bare"]
            everything_panel += t["panel"]
            print_row(category, t["ours"], t["bare"])
        print_row("all", everything_ours, everything_bare)
        print(
            f"\n{'with panel':<12} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'plain p50':>9} "
            f"{'plain p95':>9} {'p95 added':>9}   (who says it most + timeline, same run)"
        )
        for category, t in timings.items():
            print_panel_row(category, t["panel"], t["ours"])
        print_panel_row("all", everything_panel, everything_ours)
    stress = time_queries(backend, {"stress": STRESS}, max(1, repeat // 2), cold=True)["stress"]
    print_row("stress, cold", stress["ours"], stress["bare"])
    worst, worst_bare = max(stress["ours"]), max(stress["bare"])
    print(
        f"  (stress, not in 'all': {', '.join(repr(q) for q in STRESS)}; max ours "
        f"{worst:.0f} ms, max bare {worst_bare:.0f} ms, ratio {worst / worst_bare:.2f}; "
        "target at 100k: max ours <= 300 ms)"
    )
    if compare:
        from pg_compare import compare_search

        compare_search(articles, quotes, query_sets(quotes), STRESS, repeat, backend, reuse)
    backend.close()


def print_row(label: str, ours: list[float], bare: list[float]) -> None:
    p95, bare95 = percentile(ours, 95), percentile(bare, 95)
    print(
        f"{label:<12} {len(ours):>4} {statistics.median(ours):>8.1f} {p95:>8.1f} "
        f"{statistics.median(bare):>9.1f} {bare95:>9.1f} {p95 / bare95:>9.2f}"
    )


def print_panel_row(label: str, panel: list[float], plain: list[float]) -> None:
    p95, plain95 = percentile(panel, 95), percentile(plain, 95)
    print(
        f"{label:<12} {len(panel):>4} {statistics.median(panel):>8.1f} {p95:>8.1f} "
        f"{statistics.median(plain):>9.1f} {plain95:>9.1f} {(p95 / plain95 - 1) * 100:>+8.0f}%"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--scales", default="1,5", help="copies of the corpus, e.g. 1,5")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query")
    parser.add_argument("--procs", type=int, default=2, help="writer processes for rebuilds")
    parser.add_argument("--keep", type=Path, help="build here and keep the indexes")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --keep: search the index a run before built there instead of rebuilding",
    )
    parser.add_argument(
        "--stress-only", action="store_true", help="time the stress set only (with --reuse)"
    )
    parser.add_argument(
        "--backend",
        choices=("whoosh", "postgres"),
        default="whoosh",
        help="postgres: time the PostgreSQL backend beside Whoosh (DATABASE_URL)",
    )
    args = parser.parse_args(argv)
    if args.backend == "postgres":
        from pg_compare import setup_django

        reason = setup_django()
        if reason:
            print(reason)
            return 1

    if not args.corpus.exists():
        print(f"No corpus at {args.corpus}; nothing to benchmark (pass --corpus PATH).")
        return 0
    corpus = load_corpus(args.corpus)
    print(
        f"# search benchmark: {len(corpus):,} articles from {args.corpus.name}, "
        f"{os.cpu_count()} CPUs (shared with other work), Python {sys.version.split()[0]}"
    )
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    try:
        for copies in (int(s) for s in args.scales.split(",")):
            run_scale(
                corpus,
                copies,
                workdir,
                args.repeat,
                args.procs,
                args.backend == "postgres",
                reuse=args.reuse and args.keep is not None,
                only_stress=args.stress_only,
            )
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
