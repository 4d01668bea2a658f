"""python manage.py check_index [--repair]"""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from search import indexing
from search.engine import get_backend
from search.models import Article, Quote

from .test_indexing import found, story

pytestmark = pytest.mark.django_db


def check(*args) -> str:
    out = io.StringIO()
    call_command("check_index", *args, stdout=out)
    return out.getvalue()


def check_failing(*args) -> tuple[str, CommandError]:
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("check_index", *args, stdout=out)
    return out.getvalue(), caught.value


@pytest.fixture
def drifted():
    """One article never indexed, one stale, one quote orphaned; the rest in step."""
    kept = story("Kept story", speaker="Mikhail Bocharnikov", quotes=["Kept words.", "More."])
    stale = story("Stale story")
    indexing.rebuild_index()
    missing = Article.objects.create(title="Missing story", body="Never indexed.")
    Article.objects.filter(pk=stale.pk).update(title="Stale story, renamed")
    orphan = kept.quotes.last()
    Quote.objects.filter(pk=orphan.pk).delete()  # signals, but nothing commits in this test
    return {"missing": missing.pk, "stale": stale.pk, "orphan": orphan.pk}


def test_a_clean_index_passes_with_the_counts():
    story("Kept story", speaker="Mikhail Bocharnikov", quotes=["Kept words."])
    indexing.rebuild_index()
    assert check() == "The search index matches the database: 1 article, 1 quote.\n"


def test_drift_is_reported_by_type_with_example_ids_and_exits_non_zero(drifted):
    output, error = check_failing()
    assert f"Missing from the index: 1 article (e.g. {drifted['missing']})" in output
    assert f"Stale in the index: 1 article (e.g. {drifted['stale']})" in output
    assert f"Orphans in the index (gone from the database): 1 quote (e.g. {drifted['orphan']})" in (
        output
    )
    assert error.returncode == 1
    assert "check_index --repair" in str(error)


def test_repair_fixes_just_the_drifted_documents(drifted, monkeypatch):
    updated = []
    backend = get_backend()
    real_update = backend.update
    monkeypatch.setattr(
        backend,
        "update",
        lambda articles, quotes: (
            updated.append(sorted(d["id"] for d in [*articles, *quotes]))
            or real_update(articles, quotes)
        ),
    )
    output = check("--repair")
    assert "Repaired 3 documents; the index matches the database." in output
    assert updated == [sorted([drifted["missing"], drifted["stale"]])]
    assert check().startswith("The search index matches the database")
    assert found("renamed")[0] == {drifted["stale"]}


def test_a_damaged_index_is_a_clear_error_not_a_traceback(search_index):
    story("Kept story")
    indexing.rebuild_index()
    (search_index / "CURRENT").write_text("index-that-is-not-there\n")
    output, error = check_failing()
    assert error.returncode == 2
    assert "rebuild_index" in str(error)


def test_a_failing_repair_is_a_clear_error(drifted, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(get_backend(), "update", broken)
    output, error = check_failing("--repair")
    assert "Repairing the search index failed: No space left on device" in str(error)
    assert error.returncode == 2
