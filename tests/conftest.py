"""Shared set-up: every test gets its own empty search index, and the sample articles are one
fixture away."""

from pathlib import Path

import pytest

# The backend contract is a plain module the backends' test files import: rewrite its asserts
# too, so a failing contract test shows the values it compared.
pytest.register_assert_rewrite("tests.backend_contract")

from tests.browser import browser, page  # noqa: E402, F401  (headless Chromium)
from tests.newsroom import newsroom  # noqa: E402, F401  (articles with several speakers)
from tests.sites import site  # noqa: E402, F401  (a throwaway site for real processes)
from tests.smtp import smtp_server  # noqa: E402, F401  (a real SMTP server on loopback)

DATA = Path(__file__).parent / "data"
SEED_FILES = sorted(DATA.glob("0*.txt"))


@pytest.fixture(autouse=True)
def search_index(tmp_path, settings):
    """A fresh index directory per test, so no test sees another's documents."""
    from search import engine

    default = dict(settings.SEARCH_BACKENDS["default"])
    default["PATH"] = str(tmp_path / "index")
    settings.SEARCH_BACKENDS = {**settings.SEARCH_BACKENDS, "default": default}
    from django.core.cache import cache

    cache.clear()  # nothing cached by one test shows in another
    engine.reset_backends()
    yield Path(default["PATH"])
    engine.reset_backends()


def _gold_articles():
    """Articles, speakers and quotes exactly as the hand annotation (tests/data/gold.json) has
    them, for tests of pages that must not depend on the extractor's current output."""
    import datetime as dt
    import json

    from search.models import Article, Quote, Source, Speaker

    gold = json.loads((DATA / "gold.json").read_text(encoding="utf-8"))
    articles = []
    for entry in gold["articles"]:
        body = (DATA / entry["file"]).read_text(encoding="utf-8")
        article = Article.objects.create(
            title=body.strip().splitlines()[-1][:90],
            body=body,
            published=dt.date.fromisoformat(entry["published"]) if entry["published"] else None,
            dateline=entry.get("dateline") or "",
            source=Source.for_name(entry["source"]),
        )
        roles = {s["name"]: s["role"] for s in entry["speakers"]}
        for q in entry["quotes"]:
            speaker = Speaker.for_name(q["speaker"], role=roles.get(q["speaker"], ""))
            cue_start = body.rfind(q["cue"], 0, q["start"] + 1)
            if cue_start < 0:
                cue_start = body.find(q["cue"], q["end"])
            Quote.objects.create(
                article=article,
                speaker=speaker,
                text=body[q["start"] : q["end"]],
                kind=q["kind"],
                start=q["start"],
                end=q["end"],
                cue=q["cue"],
                cue_start=cue_start if cue_start >= 0 else None,
                cue_end=cue_start + len(q["cue"]) if cue_start >= 0 else None,
                mention=q["cue"].rsplit(" ", 1)[0],
                role=speaker.role,
            )
        articles.append(article)
    return articles


@pytest.fixture
def gold_articles(db, django_capture_on_commit_callbacks):
    """The two sample articles, annotated by hand, saved and indexed."""
    with django_capture_on_commit_callbacks(execute=True):
        articles = _gold_articles()
    return articles
