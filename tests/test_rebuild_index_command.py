"""python manage.py rebuild_index"""

from __future__ import annotations

import io
import shutil

import pytest
from django.core.management import call_command

from search.engine import get_backend
from search.index import maintenance
from search.models import Article

from .test_indexing import found, story

pytestmark = pytest.mark.django_db


def rebuild(*args) -> str:
    out = io.StringIO()
    call_command("rebuild_index", *args, stdout=out)
    return out.getvalue()


def test_it_indexes_every_article_and_quote_and_says_how_many():
    story("Pipeline talks", speaker="Mikhail Bocharnikov", quotes=["Gas will flow."])
    story("Railway talks", speaker="Mikhail Bocharnikov", quotes=["Trains will run."])
    output = rebuild()
    assert "Indexed 2 articles and 2 quotes in" in output
    assert found("pipeline")[0] == {Article.objects.get(title="Pipeline talks").pk}
    assert maintenance.check_index().clean


def test_it_drops_documents_the_database_no_longer_has():
    article = story("Pipeline talks")
    rebuild()
    Article.objects.filter(pk=article.pk).delete()
    rebuild()
    assert get_backend().stored_versions() == {"article": {}, "quote": {}}


def test_it_works_on_an_empty_database():
    assert "Indexed 0 articles and 0 quotes" in rebuild()


def test_quiet_prints_nothing():
    story("Pipeline talks")
    assert rebuild("--quiet") == ""
    assert found("pipeline")[0]


def test_it_restores_a_deleted_index_directory(search_index):
    story("Pipeline talks")
    rebuild()
    shutil.rmtree(search_index)
    rebuild()
    assert found("pipeline")[0]


def test_it_restores_an_index_with_a_damaged_pointer(search_index):
    story("Pipeline talks")
    rebuild()
    (search_index / "CURRENT").write_text("index-that-is-not-there\n")
    rebuild()
    assert found("pipeline")[0]
