"""Import rate through Celery workers beside the local process pool, in one run: the same
Reuters stories imported into a fresh SQLite and Whoosh site with ``import_articles
--jsonl`` (the local pool, one extraction process per core), then with ``--queue`` and one
Celery worker, then two (each worker one extraction process, ``-c 1``; a Redis started here
on a free loopback port). Prints the rates, their ratios to the local pool, and what the
local import's stages say about where the bottleneck moves with more worker machines.

    python bench/bench_workers.py [--articles 2000] [--corpus PATH]

Reads ../shared/corpus/news.jsonl.gz (or --corpus); says so and stops when it is absent.
Needs redis-server (Debian: apt-get install redis-server).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from feeds import DEFAULT_CORPUS, ROOT, read_stories, write_feed

sys.path.insert(0, str(ROOT))
from search.intake.parallel import cores  # noqa: E402  (no Django)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"Reuters corpus not found at {args.corpus}; this benchmark needs it.")
        return 0
    if not shutil.which("redis-server"):
        print("redis-server not found (apt-get install redis-server); this benchmark needs it.")
        return 0
    stories = read_stories(args.corpus)[: args.articles]
    print(f"{len(stories):,} stories; {cores()} cores")
    local, stages = timed_import(stories, workers=0)
    print(f"local pool ({cores()} processes): {local:7.1f} articles/s")
    worst = 0
    for n in (int(x) for x in args.workers.split(",")):
        rate, _stages = timed_import(stories, workers=n)
        print(f"{n} Celery worker(s), -c 1:  {rate:7.1f} articles/s  ({rate / local:.2f}x local)")
    estimate(stages, len(stories))
    return worst


def site() -> tuple[Path, dict]:
    data = Path(tempfile.mkdtemp(prefix="diplomacy-workers-"))
    env = {
        **os.environ,
        "DIPLOMACY_DATA_DIR": str(data),
        "DIPLOMACY_SECRET_KEY": "bench-workers-" + "k" * 50,
        "DIPLOMACY_LOG_LEVEL": "WARNING",
        "SEARCH_INDEX_DIR": str(data / "index"),
    }
    for name in ("DATABASE_URL", "SEARCH_BACKEND"):
        env.pop(name, None)
    manage(env, "migrate", "--noinput", "-v0")
    return data, env


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
        capture_output=True, text=True,
    )  # fmt: skip
    return done.stdout


def timed_import(stories: list[dict], workers: int) -> tuple[float, dict[str, float]]:
    """Articles/s of a whole import into a fresh site: locally (``workers`` 0) or through
    that many Celery workers, started and ready (their language model loads on their first
    task, as it does in the local pool's processes) before the clock starts."""
    data, env = site()
    started: list[subprocess.Popen] = []
    try:
        feed = data / "feed.jsonl"
        write_feed(feed, stories)
        command = ["import_articles", "--jsonl", str(feed), "-v", "2"]
        if workers:
            port = free_port()
            started.append(subprocess.Popen(
                ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--dir", str(data)], stdout=subprocess.DEVNULL,
                start_new_session=True,
            ))  # fmt: skip
            env["DIPLOMACY_BROKER_URL"] = f"redis://127.0.0.1:{port}/0"
            for n in range(workers):
                log = data / f"worker{n}.log"
                started.append(subprocess.Popen(
                    [sys.executable, "-m", "celery", "-A", "diplomacy", "worker", "-c", "1",
                     "-n", f"w{n}@%h", "-l", "info", "--without-gossip", "--without-mingle"],
                    cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
                    start_new_session=True,
                ))  # fmt: skip
                wait_for(log, "ready.")
            command.append("--queue")
        began = time.perf_counter()
        out = manage(env, *command)
        took = time.perf_counter() - began
        check = subprocess.run(
            [sys.executable, "manage.py", "check_index"], cwd=ROOT, env=env,
            capture_output=True, text=True,
        )  # fmt: skip
        print(f"  ({took:.1f} s; {out.splitlines()[0]}; check_index exit {check.returncode})")
        stages = {
            m["stage"]: float(m["seconds"])
            for m in re.finditer(r"^  (?P<stage>[\w ]+): (?P<seconds>[\d.]+) s$", out, re.M)
        }
        return len(stories) / took, stages
    finally:
        for process in reversed(started):
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(log: Path, text: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while text not in log.read_text(errors="replace"):
        if time.monotonic() > deadline:
            raise SystemExit(f"a worker did not start: {log.read_text()}")
        time.sleep(0.2)


def estimate(stages: dict[str, float], n: int) -> None:
    """Where the bottleneck moves, from the local import's own time per article."""
    extract = stages.get("extract", 0.0) / n  # CPU seconds per article, summed over cores
    database = stages.get("database", 0.0) / n
    index = stages.get("index", 0.0) / n
    if not extract:
        return
    print("\nper article, from the local import: "
          f"extraction {extract * 1000:.1f} ms of CPU, saving {database * 1000:.1f} ms, "
          f"Whoosh index {index * 1000:.1f} ms")  # fmt: skip
    indexer = 1 / index if index else float("inf")
    writer = 1 / database if database else float("inf")
    for machines in (1, 10):
        extraction = machines * cores() / extract
        print(
            f"{machines:>2} machine(s) of {cores()} cores: extraction up to "
            f"{extraction:,.0f} articles/s; one Whoosh indexer at most {indexer:,.0f}; "
            f"one writer saving (SQLite) at most {writer:,.0f}"
        )


if __name__ == "__main__":
    sys.exit(main())
