from pathlib import Path

import pytest
from django.core.management import call_command

from search.intake.sample_fixture import build_sample_fixture
from search.models import Article, Quote, Speaker

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "sample_articles.json"

pytestmark = pytest.mark.django_db


def test_the_committed_fixture_is_what_the_pipeline_produces_today():
    fresh = build_sample_fixture(sorted((ROOT / "fixtures" / "articles").glob("*.txt")))
    assert fresh == FIXTURE.read_text(encoding="utf-8"), (
        "fixtures/sample_articles.json is out of date: run python manage.py build_sample_fixture"
    )


def test_building_the_fixture_leaves_the_database_as_it_was():
    Speaker.objects.create(name="Sergey Lavrov")
    build_sample_fixture(sorted((ROOT / "fixtures" / "articles").glob("*.txt")))
    assert list(Speaker.objects.values_list("name", flat=True)) == ["Sergey Lavrov"]
    assert Article.objects.count() == 0


def test_loaddata_brings_in_the_sample_articles_ready_to_search(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddata", "sample_articles", verbosity=0)
    assert Article.objects.count() == 2
    assert Quote.objects.count() == 30
    response = client.get("/", {"q": "speaker:bocharnikov roadmaps"})
    assert response.context["results"].quotes.total == 1
