"""A throwaway site for tests that run real processes: its own SQLite file and index under
the test's tmp_path, migrated, and the helpers that run ``manage.py`` against it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def site(tmp_path) -> dict:
    """The environment of a fresh, migrated site (never the test database)."""
    env = {
        **os.environ,
        "DIPLOMACY_DATA_DIR": str(tmp_path / "data"),
        "SEARCH_INDEX_DIR": str(tmp_path / "data" / "index"),
        "DIPLOMACY_SECRET_KEY": "process-test-" + "k" * 40,
        "SEARCH_LOCK_TIMEOUT": "30",
    }
    env.pop("DATABASE_URL", None)
    env.pop("SEARCH_BACKEND", None)  # a SQLite site searches with Whoosh, whatever the run's
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "createcachetable")
    return env


def manage(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=check,
    )


def start(env: dict, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def shell(env: dict, code: str) -> str:
    """The last line ``manage.py shell -c code`` prints."""
    return manage(env, "shell", "-c", code).stdout.strip().splitlines()[-1]
