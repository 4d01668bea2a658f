"""python manage.py check_index [--repair]"""

from __future__ import annotations

import io
import random
import shutil

import pytest
from django.core.management import CommandError, call_command

from search.engine import get_backend
from search.index import maintenance
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
    maintenance.rebuild_index()
    missing = Article.objects.create(title="Missing story", body="Never indexed.")
    Article.objects.filter(pk=stale.pk).update(title="Stale story, renamed")
    orphan = kept.quotes.last()
    Quote.objects.filter(pk=orphan.pk).delete()  # signals, but nothing commits in this test
    return {"missing": missing.pk, "stale": stale.pk, "orphan": orphan.pk}


def test_a_clean_index_passes_with_the_counts():
    story("Kept story", speaker="Mikhail Bocharnikov", quotes=["Kept words."])
    maintenance.rebuild_index()
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
    maintenance.rebuild_index()
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


# damage that opening the index does not show


@pytest.fixture
def built(search_index):
    """Enough stories for several postings per term, indexed; returns the live generation."""
    for i in range(30):
        story(
            f"Talks {i} on gas transit", speaker="Mikhail Bocharnikov", quotes=[f"Deal {i} near."]
        )
    maintenance.rebuild_index()
    return search_index / (search_index / "CURRENT").read_text().strip()


def largest(generation, suffix: str):
    return max(generation.glob(f"*{suffix}"), key=lambda p: p.stat().st_size)


def truncate_postings(generation):
    largest(generation, ".pst").write_bytes(b"")


def scramble_postings(generation):
    path = largest(generation, ".pst")
    path.write_bytes(random.Random(12).randbytes(path.stat().st_size))


def halve_stored_fields(generation):
    path = largest(generation, "_stored.col")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def delete_terms(generation):
    largest(generation, ".trm").unlink()


def truncate_table_of_contents(generation):
    path = largest(generation, ".toc")
    path.write_bytes(path.read_bytes()[:20])


DAMAGE = [
    truncate_postings,
    scramble_postings,
    halve_stored_fields,
    delete_terms,
    truncate_table_of_contents,
]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__)
def test_damaged_files_are_reported_unreadable_and_exit_non_zero(built, damage):
    assert check().startswith("The search index matches the database")
    damage(built)
    output, error = check_failing()
    assert "The search index is UNREADABLE" in output
    assert error.returncode == 2
    assert "check_index --repair" in str(error)


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__)
def test_repair_rebuilds_a_damaged_index(built, damage):
    damage(built)
    output = check("--repair")
    assert "UNREADABLE" in output
    assert "Rebuilt the search index from the database: 30 articles, 30 quotes." in output
    assert output.endswith("The search index matches the database: 30 articles, 30 quotes.\n")
    assert len(found("transit")[0]) == 30
    assert check().startswith("The search index matches the database")


def test_a_deleted_index_folder_is_reported_missing_not_recreated(built, search_index):
    shutil.rmtree(search_index)
    output, error = check_failing()
    assert f"The search index is MISSING: The search index at {search_index} is missing" in output
    assert error.returncode == 2
    assert not search_index.exists()


def test_repair_rebuilds_a_deleted_index_folder(built, search_index):
    shutil.rmtree(search_index)
    output = check("--repair")
    assert "MISSING" in output
    assert output.endswith("The search index matches the database: 30 articles, 30 quotes.\n")
    assert len(found("transit")[0]) == 30


def test_an_index_never_built_is_missing_until_repaired(search_index):
    story("Kept story")  # its index write never ran: nothing committed in this test
    assert not search_index.exists()
    output, error = check_failing()
    assert "MISSING" in output and error.returncode == 2
    assert "1 article" in check("--repair")
