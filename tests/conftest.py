"""Shared set-up: every test gets its own empty search index, and the sample articles are one
fixture away."""

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SEED_FILES = sorted(DATA.glob("0*.txt"))


@pytest.fixture(autouse=True)
def search_index(tmp_path, settings):
    """A fresh index directory per test, so no test sees another's documents."""
    from search import engine

    default = dict(settings.SEARCH_BACKENDS["default"])
    default["PATH"] = str(tmp_path / "index")
    settings.SEARCH_BACKENDS = {**settings.SEARCH_BACKENDS, "default": default}
    engine.reset_backends()
    yield Path(default["PATH"])
    engine.reset_backends()
