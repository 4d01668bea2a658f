"""The served site (gunicorn with gunicorn.conf.py) keeps answering while clients hold
connections open without finishing a request. No timing is asserted: only that answers come."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
WORKERS, THREADS = 2, 4


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    env = {
        **os.environ,
        "DIPLOMACY_DATA_DIR": str(tmp_path),
        "DIPLOMACY_SECRET_KEY": "slow-clients-" + "k" * 50,
        "DIPLOMACY_INSECURE_HTTP": "true",
        "DIPLOMACY_STATIC_MANIFEST": "false",
        "DIPLOMACY_LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": str(WORKERS),
        "GUNICORN_THREADS": str(THREADS),
        "GUNICORN_READ_TIMEOUT": "2",  # short, to keep the test short
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    port = free_port()
    process = subprocess.Popen(
        [GUNICORN, "--bind", f"127.0.0.1:{port}", "--log-level", "critical"],
        cwd=ROOT,  # where gunicorn finds gunicorn.conf.py
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("gunicorn did not start") from None
            time.sleep(0.2)
    yield port
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=60)


def get(port: int, path: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    finally:
        conn.close()


def test_requests_are_answered_while_stalled_and_idle_connections_are_held(server):
    held = []
    try:
        # Twice as many connections stalled mid-header as the server has threads, and as
        # many again that never send a byte: with sync workers two stalled ones took the
        # site down until the worker timeout.
        for i in range(4 * WORKERS * THREADS):
            s = socket.create_connection(("127.0.0.1", server))
            if i % 2:
                s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            held.append(s)
        time.sleep(0.5)
        assert [get(server, "/speakers/") for _ in range(3)] == [200, 200, 200]
    finally:
        for s in held:
            s.close()
