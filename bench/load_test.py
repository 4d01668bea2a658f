"""Load run: the production server as scripts/run serves it (gunicorn, 2 workers), with the
Reuters corpus imported, driven from this process over loopback for a fixed time while an
import runs alongside. Prints requests/s, latency percentiles, errors, peak memory per
worker, and whether the index still matches the database afterwards.

    python bench/load_test.py                    # whole corpus, 60 s
    python bench/load_test.py --limit 2000 --seconds 20   # a quick look
    python bench/load_test.py --data DIR         # reuse a directory a first run imported into
    python bench/load_test.py --queries long-tail   # 5,000 distinct queries, not 34

Reads ../shared/corpus/news.jsonl.gz (or --corpus); says so and stops when it is absent.
Targets on a 2-core machine: >= 100 search requests/s, p99 <= 300 ms, 0 errors.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

from feeds import DEFAULT_CORPUS, ROOT, read_stories, write_feed
from serving import free_port, wait_for

WORDS = [
    "trade",
    "minister",
    "oil",
    "talks",
    "bank",
    "rates",
    "dollar",
    "prices",
    "export",
    "agreement",
    "sanctions",
    "government",
    "president",
    "treasury",
    "tariffs",
    "japan",
    "opec",
    "growth",
    "budget",
    "deficit",
    "reagan",
    "baker",
    "stocks",
    "wheat",
    "gold",
]
QUERIES = [
    *WORDS,
    "trade deficit",
    "oil prices",
    '"interest rates"',
    "bank OR treasury",
    "minister -oil",
    "export*",
    "speaker:baker",
    "kind:direct trade",
    "from:1987-03-01 to:1987-03-31 oil",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--limit", type=int, default=0, help="import only this many articles")
    parser.add_argument("--alongside", type=int, default=500, help="articles imported during load")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--queries",
        choices=("popular", "long-tail"),
        default="popular",
        help="the 34 queries above, or 5,000 distinct ones from the corpus's words "
        "(searches that caches rarely help)",
    )
    parser.add_argument(
        "--data", type=Path, help="reuse a data directory a previous run imported into"
    )
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"Reuters corpus not found at {args.corpus}; the load run needs it (--corpus).")
        return 0

    reuse = bool(args.data and (args.data / "diplomacy.sqlite3").exists())
    data = args.data or Path(tempfile.mkdtemp(prefix="diplomacy-load-"))
    env = {
        **os.environ,
        "DIPLOMACY_DATA_DIR": str(data),
        "DIPLOMACY_SECRET_KEY": "load-test-" + "k" * 50,
        "DIPLOMACY_INSECURE_HTTP": "true",
        "DIPLOMACY_LOG_LEVEL": "WARNING",
        "SEARCH_INDEX_DIR": str(data / "index"),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    print(f"data directory: {data}")

    stories = read_stories(args.corpus)
    queries = QUERIES if args.queries == "popular" else long_tail(stories, 5000)
    print(f"queries: {args.queries}, {len(set(queries))} distinct")
    if args.limit:
        stories = stories[: args.limit + args.alongside]
    before, during = stories[: -args.alongside], stories[-args.alongside :]
    before_file, during_file = data / "before.jsonl", data / "during.jsonl"
    # A reused directory already holds these stories: mark the ones imported during the
    # load as new editions, so they are imported rather than found already present.
    edition = f"\n\n(Load-test edition {int(time.time())}.)" if reuse else ""
    write_feed(before_file, before)
    write_feed(during_file, during, edition)

    run(manage + ["migrate", "--noinput", "-v0"], env)
    run(manage + ["collectstatic", "--noinput", "-v0"], env)
    if reuse:  # earlier runs' editions go, so every run starts from the same articles
        run(manage + ["shell", "-c", FORGET_EDITIONS], env)
    else:
        started = time.perf_counter()
        run(manage + ["import_articles", "--jsonl", str(before_file)], env)
        took = time.perf_counter() - started
        print(f"imported {len(before)} articles in {took:.1f} s ({len(before) / took:.0f}/s)")

    article_ids, speaker_slugs = _ids(manage, env)
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "diplomacy.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        wait_for(port)
        workers = _children(server.pid)
        # CPU seconds each party used during the run: the server's workers, the import
        # alongside (a reaped child), and this load generator, all on the same two cores.
        workers_cpu = sum(map(_cpu_seconds, workers))
        children_cpu = _children_cpu()
        own_cpu = time.process_time()
        import_started = time.monotonic()
        importer = subprocess.Popen(
            manage + ["import_articles", "--jsonl", str(during_file)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        samples: dict[str, list[float]] = {}
        errors: list[str] = []
        peak = {pid: 0 for pid in workers}
        stop = time.monotonic() + args.seconds
        threads = [
            threading.Thread(
                target=_client,
                args=(port, stop, queries, article_ids, speaker_slugs, samples, errors, seed),
            )
            for seed in range(args.clients)
        ]
        for t in threads:
            t.start()
        import_took = None
        while any(t.is_alive() for t in threads):
            for pid in workers:
                peak[pid] = max(peak[pid], _rss_kib(pid))
            if import_took is None and importer.poll() is not None:
                import_took = time.monotonic() - import_started
            time.sleep(0.5)
        workers_cpu = sum(map(_cpu_seconds, workers)) - workers_cpu
        own_cpu = time.process_time() - own_cpu
        _, import_err = importer.communicate(timeout=600)
        if import_took is None:
            import_took = time.monotonic() - import_started
        import_cpu = _children_cpu() - children_cpu
        print(
            f"import alongside: exit {importer.returncode}, {len(during)} articles in "
            f"{import_took:.0f} s"
            + (f" ({import_err.strip().splitlines()[-1]})" if importer.returncode else "")
        )
        print(
            f"CPU seconds: workers {workers_cpu:.0f}, import {import_cpu:.0f}, "
            f"load generator {own_cpu:.0f} (of {2 * args.seconds:.0f} on two cores)"
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    _report(samples, errors, args.seconds, peak)
    check = subprocess.run(
        manage + ["check_index"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    print(f"check_index: exit {check.returncode}: {check.stdout.strip() or check.stderr.strip()}")
    return 0 if not errors and check.returncode == 0 else 1


FORGET_EDITIONS = """
from search.index import sync
from search.models import Article
with sync.bulk():
    deleted, _ = Article.objects.filter(body__contains="(Load-test edition ").delete()
print(f"removed the {deleted} rows of earlier runs' editions")
"""


def run(cmd: list[str], env: dict) -> None:
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


def _ids(manage: list[str], env: dict) -> tuple[list[int], list[str]]:
    code = (
        "from search.models import Article, Speaker; import json; print(json.dumps(["
        "list(Article.objects.values_list('id', flat=True)[:5000]),"
        "list(Speaker.objects.values_list('slug', flat=True)[:2000])]))"
    )
    out = subprocess.run(
        manage + ["shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    articles, speakers = json.loads(out.strip().splitlines()[-1])
    return articles, speakers or ["none"]


def long_tail(stories: list[dict], count: int) -> list[str]:
    """Distinct queries from the corpus's own words: single words (most), two words, and
    two-word phrases, drawn from its 3,000 commonest words of four letters or more."""
    counts = Counter(w for s in stories[:5000] for w in re.findall(r"[a-z]{4,}", s["body"].lower()))
    vocabulary = [w for w, _n in counts.most_common(3000)]
    rnd, queries = random.Random(42), set()
    while len(queries) < count:
        roll, a, b = rnd.random(), rnd.choice(vocabulary), rnd.choice(vocabulary)
        queries.add(a if roll < 0.5 else f"{a} {b}" if roll < 0.85 else f'"{a} {b}"')
    return sorted(queries)


def _client(port, stop, queries, article_ids, speaker_slugs, samples, errors, seed) -> None:
    rnd = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < stop:
        roll = rnd.random()
        headers = {}
        if roll < 0.55:
            kind, path = "search", "/?" + urlencode({"q": rnd.choice(queries)})
        elif roll < 0.8:
            kind, path = "fragment", "/?" + urlencode({"q": rnd.choice(queries)})
            headers["HX-Request"] = "true"
        elif roll < 0.92:
            kind, path = "article", f"/articles/{rnd.choice(article_ids)}/"
        else:
            kind, path = "speaker", f"/speakers/{rnd.choice(speaker_slugs)}/"
        began = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{path}: {exc}")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        samples.setdefault(kind, []).append(time.perf_counter() - began)
        if status >= 500 or (status == 404 and kind in ("search", "fragment")):
            errors.append(f"{path}: HTTP {status}")


def _report(samples, errors, seconds, peak) -> None:
    every = [s for values in samples.values() for s in values]
    print(f"\n{len(every)} requests in {seconds:.0f} s: {len(every) / seconds:.1f} requests/s")
    for kind in ("search", "fragment", "article", "speaker"):
        values = sorted(samples.get(kind, []))
        if values:
            print(f"  {kind:9} {len(values) / seconds:7.1f}/s  " + _percentiles(values))
    searches = sorted(samples.get("search", []) + samples.get("fragment", []))
    if searches:
        print(f"  all searches {len(searches) / seconds:.1f}/s  " + _percentiles(searches))
    print("  overall   " + _percentiles(sorted(every)))
    print(f"errors: {len(errors)}" + "".join(f"\n  {e}" for e in errors[:10]))
    for pid, kib in peak.items():
        print(f"worker {pid}: peak RSS {kib / 1024:.0f} MiB")


def _percentiles(values: list[float]) -> str:
    def pct(p):
        return values[min(len(values) - 1, int(p * len(values)))] * 1000

    return (
        f"p50 {pct(0.50):6.1f} ms  p95 {pct(0.95):6.1f} ms  p99 {pct(0.99):6.1f} ms"
        f"  mean {statistics.fmean(values) * 1000:6.1f} ms"
    )


def _children(pid: int) -> list[int]:
    time.sleep(1)
    out = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True
    ).stdout
    return [int(p) for p in out.split()]


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a live process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _rss_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    m = re.search(r"VmHWM:\s+(\d+)", status)
    return int(m.group(1)) if m else 0


if __name__ == "__main__":
    sys.exit(main())
