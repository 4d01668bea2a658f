"""Migration 0002 removes the aliases that name nobody ("He", "the ambassador") from speakers
stored by the first extractor, and marks their articles as extracted by older rules."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("search", "0001_initial")]
AFTER = [("search", "0002_extractor_version_and_alias_cleanup")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_state():
    apps = _migrate(BEFORE)
    yield apps
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_pronoun_and_role_noun_aliases_are_removed_and_names_kept(old_state):
    Speaker = old_state.get_model("search", "Speaker")
    Speaker.objects.create(
        name="Mikhail Bocharnikov",
        name_key="mikhail bocharnikov",
        slug="mikhail-bocharnikov",
        aliases=["He", "he", "the ambassador", "the diplomat", "Bocharnikov", "Mr Bocharnikov"],
    )
    Speaker.objects.create(
        name="IMF", name_key="imf", slug="imf", kind="organisation", aliases=["The IMF", "It"]
    )
    apps = _migrate(AFTER)
    Speaker = apps.get_model("search", "Speaker")
    assert Speaker.objects.get(slug="mikhail-bocharnikov").aliases == [
        "Bocharnikov",
        "Mr Bocharnikov",
    ]
    assert Speaker.objects.get(slug="imf").aliases == ["The IMF"]


def test_articles_stored_before_it_count_as_extracted_by_older_rules(old_state):
    Article = old_state.get_model("search", "Article")
    Article.objects.create(title="t", body="b", content_hash="h" * 64)
    apps = _migrate(AFTER)
    assert apps.get_model("search", "Article").objects.get().extractor_version == ""
