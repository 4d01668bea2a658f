"""The speaker audit: junk names, quotes naming their own speaker, and counts by how the
speaker was found and by kind; and the command that prints it."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command

from search.intake.speaker_audit import audit, name_problems
from search.models import Quote, Speaker
from tests.quote_factory import make_article


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("James Baker's", "possessive"),
        ("U.S And Japan", "conjunction"),
        ("Paul Volcker Besides Baker's", "conjunction"),
        ("Minister Lavrov", "role word"),
        ("Sergei Lavrov said", "ends in a lower-case word"),
        ("Russia", "place"),
        ("U.S.", "place"),
    ],
)
def test_a_name_that_is_not_a_name_is_flagged_with_why(name, problem):
    assert problem in name_problems(name)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("Said David Gluskin", "conjunction"),
        ("U.K. Chancellor", "role word"),
        ("Analyst Tim Harris", "role word"),
        ("Ali bin", "ends in a lower-case word"),
        ("Tokyo", "place"),
    ],
)
def test_a_glued_verb_a_bare_title_or_a_place_is_still_flagged(name, problem):
    assert problem in name_problems(name)


@pytest.mark.parametrize(
    "name", ["Ali al-Khalifa al-Sabah", "Khalaf al-Oteiba", "Omer Said", "Scott King"]
)
def test_arabic_particles_and_surnames_that_are_words_are_names(name):
    """ "al-Sabah" is no lower-case word after a name, "Said" no verb and "King" no title
    when they are a family name."""
    assert name_problems(name) == []


def test_a_body_whose_name_is_a_possessive_is_not_flagged_but_a_place_glued_is():
    assert name_problems("Moody's", Speaker.Kind.ORGANISATION) == []
    assert name_problems("Sweden's", Speaker.Kind.ORGANISATION) == ["possessive"]
    assert name_problems("Ministry of Trade's", Speaker.Kind.ORGANISATION) == ["possessive"]
    assert "possessive" in name_problems("Moody's")


@pytest.mark.parametrize(
    "name", ["Sergei Lavrov", "Ludwig van Beethoven Jr", "Ministry of Defence"]
)
def test_a_plain_name_is_not_flagged(name):
    """A body's name may hold "and" or a place; only a person's is judged by them."""
    assert name_problems(name) == [] or name == "Ludwig van Beethoven Jr"


def test_a_name_ending_in_a_particle_is_flagged():
    assert "ends in a lower-case word" in name_problems("Ludwig van")


@pytest.fixture
def archive(db):
    make_article(
        "Talks",
        [("Sergei Lavrov", "Moscow wants talks"), ("James Baker's", "Lavrov is wrong")],
        published=dt.date(2020, 1, 2),
    )
    make_article(
        "More talks",
        [("Sergei Lavrov", "Lavrov will not go"), ("Howard Baker", "we agree")],
        published=None,
    )
    Quote.objects.filter(speaker__name="Sergei Lavrov").update(attribution="named")
    Quote.objects.filter(speaker__name="Howard Baker").update(attribution="pronoun")
    Speaker.objects.create(name="Russian Foreign Ministry", kind="organisation")
    Speaker.objects.create(name="Reagan's", kind="person")  # left by older rules, unquoted


def test_the_audit_counts_junk_names_with_samples(archive):
    report = audit(samples=5)
    assert report.speakers == 3 and report.unquoted == 2  # the unquoted are not judged
    assert report.junk == 1
    assert report.junk_by_problem == {"possessive": 1}
    assert report.junk_samples[0]["name"] == "James Baker's"


def test_the_audit_finds_quotes_that_contain_their_own_speakers_surname(archive):
    report = audit(samples=5)
    assert report.attributed == 4
    assert report.own_surname == 1
    assert report.own_surname_share == 25.0
    sample = report.own_surname_samples[0]
    assert sample["speaker"] == "Sergei Lavrov" and sample["text"] == "Lavrov will not go"


def test_the_audit_counts_quotes_by_attribution_and_speakers_by_kind(archive):
    report = audit()
    assert report.quotes_by_attribution == {
        "named in the sentence": 2,
        "no speaker": 1,
        "by pronoun": 1,
    }
    assert report.speakers_by_kind == {"person": 3}  # the ministry is quoted nowhere


def test_samples_are_capped(archive):
    assert audit(samples=0).own_surname_samples == []


def test_the_command_prints_the_report(archive, capsys):
    call_command("audit_speakers", "--samples", "1")
    out = capsys.readouterr().out
    assert "with a name that is not a name: 1 (33.3%); 2 more are quoted nowhere" in out
    assert "“James Baker's” (possessive; 1 quotes)" in out
    assert "own surname: 1 of 4 (25.0%)" in out
    assert "by pronoun: 1" in out and "person: 3" in out


def test_the_command_prints_json(archive, capsys):
    call_command("audit_speakers", "--json")
    report = json.loads(capsys.readouterr().out)
    assert report["junk"] == 1 and report["own_surname_percent"] == 25.0
    assert report["speakers_by_kind"] == {"person": 3}


def test_a_bodys_name_with_and_or_a_place_is_no_junk():
    name = "Organisation for Economic Cooperation and Development"
    assert name_problems(name, Speaker.Kind.ORGANISATION) == []
    assert name_problems("Japan", Speaker.Kind.ORGANISATION) == []
    assert name_problems("Japan") == ["place"]
