"""Loaded by pytest before Django's settings (``-p tests.environment`` in pyproject.toml), so the
suite never touches the developer's ./data and runs with production-like settings."""

import atexit
import os
import shutil
import tempfile

_root = tempfile.mkdtemp(prefix="diplomacy-tests-")
atexit.register(shutil.rmtree, _root, ignore_errors=True)  # one per run (and per xdist worker)
os.environ.setdefault("DIPLOMACY_SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ["DIPLOMACY_DATA_DIR"] = _root
os.environ["SEARCH_INDEX_DIR"] = os.path.join(_root, "index")
os.environ.setdefault("DIPLOMACY_INSECURE_HTTP", "true")
os.environ.setdefault("DIPLOMACY_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DIPLOMACY_STATIC_MANIFEST", "false")  # no collectstatic in tests
os.makedirs(os.path.join(_root, "static"), exist_ok=True)
