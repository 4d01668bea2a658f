"""Slow clients against the served site: idle connections that never send a byte and
connections that send part of their headers and stall, held open while normal requests are
made. Runs the server twice in the same run, as scripts/run used to serve it (sync workers)
and as gunicorn.conf.py serves it now, and prints how many normal requests were answered and
how long they took.

    python bench/slow_clients.py                       # 40 idle + 40 stalled connections
    python bench/slow_clients.py --idle 100 --stalled 100 --requests 20
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from serving import free_port, wait_for

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
SETUPS = {
    # what scripts/run ran before: two sync workers, 60 s worker timeout, no config file
    "sync (before)": ["--config", os.devnull, "--workers", "2", "--timeout", "60"],
    "gunicorn.conf.py (now)": [],
}
PATH = "/?q=relations"
PATIENCE = 30.0  # seconds a normal request waits before it counts as unanswered


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idle", type=int, default=40, help="connections that send nothing")
    parser.add_argument("--stalled", type=int, default=40, help="connections that stall mid-header")
    parser.add_argument("--requests", type=int, default=10, help="normal requests meanwhile")
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="diplomacy-slow-"))
    env = {
        **os.environ,
        "DIPLOMACY_DATA_DIR": str(data),
        "DIPLOMACY_SECRET_KEY": "slow-clients-" + "k" * 50,
        "DIPLOMACY_INSECURE_HTTP": "true",
        "DIPLOMACY_LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["loaddata", "sample_articles", "-v0"],
        ["rebuild_index"],
    ):
        subprocess.run(manage + command + ["--no-color"], env=env, check=True, capture_output=True)
    print(
        f"{args.idle} idle and {args.stalled} stalled connections; {args.requests} normal "
        f"requests for {PATH} meanwhile, each waiting at most {PATIENCE:.0f} s"
    )
    try:
        for label, flags in SETUPS.items():
            print(f"{label}: {measure(flags, env, args)}")
    finally:
        shutil.rmtree(data, ignore_errors=True)
    return 0


def measure(flags: list[str], env: dict, args) -> str:
    port = free_port()
    server = subprocess.Popen(
        [GUNICORN, "diplomacy.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--log-level", "critical", *flags],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    slow: list[socket.socket] = []
    try:
        wait_for(port)
        quiet = [timed_get(port)[1] for _ in range(5)]
        slow = hold(port, args.idle, args.stalled)
        time.sleep(0.5)
        answered, times = 0, []
        for _ in range(args.requests):
            ok, seconds = timed_get(port)
            answered += ok
            times.append(seconds)
        return (
            f"quiet median {statistics.median(quiet) * 1000:.0f} ms; with slow clients "
            f"{answered}/{args.requests} answered, median {statistics.median(times):.2f} s, "
            f"slowest {max(times):.2f} s"
        )
    finally:
        for s in slow:
            s.close()
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def hold(port: int, idle: int, stalled: int) -> list[socket.socket]:
    """Connections that never finish a request: ``idle`` send nothing, ``stalled`` send the
    start of their headers (no blank line ends them)."""
    held = []
    for i in range(idle + stalled):
        s = socket.create_connection(("127.0.0.1", port))
        if i >= idle:
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        held.append(s)
    return held


def timed_get(port: int) -> tuple[bool, float]:
    started = time.perf_counter()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=PATIENCE)
        conn.request("GET", PATH)
        ok = conn.getresponse().status == 200
        conn.close()
    except OSError:
        ok = False
    return ok, time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
