"""Speaker aliases: one indexed row per name, found in any spelling, and speakers created
once even when two writers race for the same new name."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from search.models import Speaker, SpeakerAlias

pytestmark = pytest.mark.django_db


def test_aliases_are_stored_as_rows_with_a_normalised_key():
    speaker = Speaker.objects.create(name="Mikhail Bocharnikov", aliases=[" Bocharnikov ", "M. B."])
    rows = SpeakerAlias.objects.filter(speaker=speaker).order_by("name")
    assert [(a.name, a.name_key) for a in rows] == [
        ("Bocharnikov", "bocharnikov"),
        ("M. B.", "m. b."),
    ]
    assert Speaker.objects.get().aliases == ["Bocharnikov", "M. B."]


def test_setting_aliases_replaces_them_and_drops_spellings_of_the_same_name():
    speaker = Speaker.objects.create(name="Ilham Aliyev", aliases=["Aliyev", "President"])
    speaker.aliases = ["Aliyev", "ALIYEV", "Əliyev"]
    speaker.save()
    assert Speaker.objects.get().aliases == ["Aliyev", "Əliyev"]


def test_for_name_finds_a_speaker_by_an_alias_in_any_case_or_accents():
    speaker = Speaker.objects.create(name="Ilham Aliyev", aliases=["Aliyev"])
    assert Speaker.for_name("ALIYEV") == speaker
    assert Speaker.for_name("Alíyev") == speaker
    assert Speaker.objects.count() == 1


def test_for_name_does_not_match_part_of_an_alias():
    Speaker.objects.create(name="Ilham Aliyev", aliases=["Aliyev"])
    other = Speaker.for_name("Ali")
    assert other.name == "Ali"
    assert Speaker.objects.count() == 2


def test_for_name_retries_when_another_writer_created_the_speaker_first(monkeypatch):
    winner = Speaker.objects.create(name="Toivo Klaar")
    real_named = Speaker.named.__func__
    looks = []

    def named_after_the_race(cls, name):
        looks.append(name)
        return None if len(looks) == 1 else real_named(cls, name)  # the first look missed it

    monkeypatch.setattr(Speaker, "named", classmethod(named_after_the_race))
    assert Speaker.for_name("Toivo Klaar", role="EU envoy") == winner
    assert Speaker.objects.count() == 1
    assert Speaker.objects.get().role == "EU envoy"


def test_for_name_takes_the_next_slug_when_a_racing_writer_took_it(monkeypatch):
    Speaker.objects.create(name="Anna Berg")
    taken = iter([True])  # the first slug check misses the row the other writer just saved

    real_unique_slug = Speaker._unique_slug

    def racing_slug(self):
        if next(taken, False):
            return "anna-berg"
        return real_unique_slug(self)

    monkeypatch.setattr(Speaker, "_unique_slug", racing_slug)
    speaker = Speaker.for_name("Anna  Berg!")  # another name whose slug is the same
    assert speaker.slug == "anna-berg-2"


def test_merging_keeps_every_name_as_an_alias_of_the_speaker_kept():
    keep = Speaker.objects.create(name="Mikhail Bocharnikov", aliases=["Bocharnikov"])
    other = Speaker.objects.create(name="M. Bocharnikov", aliases=["Bocharnikoff"])
    other.merge_into(keep)
    assert Speaker.objects.get().aliases == ["Bocharnikoff", "Bocharnikov", "M. Bocharnikov"]
    assert Speaker.for_name("bocharnikoff") == keep


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_json_aliases_into_rows_and_back():
    executor = MigrationExecutor(connection)
    before = [("search", "0002_extractor_version_and_alias_cleanup")]
    after = [("search", "0003_speaker_alias_and_postgres_search")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    old.get_model("search", "Speaker").objects.create(
        name="Ilham Aliyev",
        name_key="ilham aliyev",
        slug="ilham-aliyev",
        aliases=["Aliyev", "aliyev", " İlham  Aliyev "],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    names = new.get_model("search", "SpeakerAlias").objects.values_list("name", flat=True)
    assert sorted(names) == ["Aliyev", "İlham Aliyev"]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    assert old.get_model("search", "Speaker").objects.get().aliases == ["Aliyev", "İlham Aliyev"]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
