"""How gunicorn serves the site. Gunicorn reads this file from the directory it starts in, so
``scripts/run`` and ``bench/load_test.py`` serve with the same settings; flags override them.

Slow or idle clients must not starve the workers (two connections that never finished their
headers used to hold both sync workers for a minute). So:

- threaded workers (``gthread``): a connection that has sent nothing waits in the worker's
  poller, not in a thread, and each worker serves ``threads`` requests at once;
- a bounded wait for every read and write on a client's socket (``READ_TIMEOUT``): a client
  that starts its headers and stalls is dropped after that many seconds instead of holding a
  thread for as long as it likes. It is the kernel's ``SO_RCVTIMEO``/``SO_SNDTIMEO``, set on
  the listening socket, which accepted connections inherit (Linux), because gunicorn reads
  requests in blocking mode with no timeout of its own.

The wait is per read, so a client trickling a byte every few seconds still holds a thread;
each worker has ``threads`` of them (16) before new requests queue. On the open internet, put
a buffering proxy (nginx, a load balancer) in front, which is what it is for.
"""

import os
import socket
import struct

wsgi_app = "diplomacy.wsgi:application"
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "16"))
timeout = 30  # a worker that stops answering its arbiter this long is restarted
graceful_timeout = 30
keepalive = 5  # seconds an idle kept-alive connection stays open
READ_TIMEOUT = int(os.environ.get("GUNICORN_READ_TIMEOUT", "10"))  # seconds per read/write


def when_ready(server) -> None:
    if READ_TIMEOUT <= 0:
        return
    limit = struct.pack("ll", READ_TIMEOUT, 0)
    for listener in server.LISTENERS:
        sock = listener.sock
        if sock.family in (socket.AF_INET, socket.AF_INET6, socket.AF_UNIX):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, limit)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, limit)
