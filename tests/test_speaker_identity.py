"""One person across articles: ``Speaker.for_extracted`` joins a romanisation variant or a
bare surname to the speaker already stored only when the roles allow it and only one
speaker fits."""

from __future__ import annotations

import pytest

from search.models import Speaker
from search.quotes import ExtractedSpeaker

pytestmark = pytest.mark.django_db


def found(name, role="", kind="person", aliases=()):
    return Speaker.for_extracted(ExtractedSpeaker(name, kind, role, tuple(aliases)), {})


def test_a_romanisation_variant_with_the_same_role_is_the_same_speaker():
    lavrov = found("Sergei Lavrov", "Russian Foreign Minister")
    assert found("Sergey Lavrov", "Russia's foreign minister") == lavrov
    assert Speaker.objects.count() == 1
    assert "Sergey Lavrov" in Speaker.objects.get().aliases  # found exactly next time


def test_a_romanisation_variant_without_a_role_is_the_same_speaker():
    lavrov = found("Sergei Lavrov", "Russian Foreign Minister")
    assert found("Sergey Lavrov") == lavrov


def test_a_variant_whose_role_conflicts_is_somebody_else():
    found("Sergei Ivanov", "Russian defence minister")
    other = found("Sergey Ivanov", "Russian foreign minister")
    assert Speaker.objects.count() == 2
    assert other.name == "Sergey Ivanov"


def test_a_bare_surname_joins_its_one_holder_when_the_roles_agree():
    lavrov = found("Sergei Lavrov", "Russian Foreign Minister")
    assert found("Lavrov", "Russia's foreign minister") == lavrov


def test_two_people_with_one_surname_and_different_roles_stay_two():
    james = found("James Baker", "U.S. Secretary of State")
    howard = found("Howard Baker", "Senate majority leader")
    assert james != howard
    assert found("Baker", "Secretary of State") not in (james, howard)  # two holders: nobody
    assert Speaker.objects.count() == 3


def test_a_bare_surname_whose_one_holder_has_another_role_is_somebody_else():
    lavrov = found("Sergei Lavrov", "Russian Foreign Minister")
    assert found("Lavrov", "Chinese ambassador") != lavrov


def test_an_organisation_is_stored_as_one_with_its_kind():
    ministry = found("Russian Foreign Ministry", kind="organisation")
    assert ministry.kind == Speaker.Kind.ORGANISATION
    assert ministry.aliases == []  # no "surname" for an organisation
    assert found("Russian Foreign Ministry", kind="organisation") == ministry


def test_a_variant_of_another_kind_is_not_matched():
    found("Hamas Ali", kind="person")
    assert found("Hamas Aly", kind="organisation").kind == Speaker.Kind.ORGANISATION
    assert Speaker.objects.count() == 2


def test_a_merged_name_keeps_going_to_the_speaker_kept():
    kept = found("Sergei Lavrov", "Russian Foreign Minister")
    other = found("S. V. Lavrov", "")
    other.merge_into(kept)
    assert found("S. V. Lavrov") == kept


def test_a_possessive_before_the_name_never_becomes_an_alias():
    speaker = found("Jorio Dauster", "President", aliases=["Brazil's Dauster", "Dauster"])
    assert speaker.aliases == ["Dauster"]


def test_a_full_name_two_speakers_go_by_is_told_apart_only_by_role():
    ambassador = Speaker.objects.create(
        name="Ali Hassan", role="Egyptian ambassador", aliases=["A. Hassan"]
    )
    Speaker.objects.create(name="Ahmed Hassan", role="Iraqi trade minister", aliases=["A. Hassan"])
    assert found("A. Hassan", "ambassador of Egypt") == ambassador
    assert found("A. Hassan").name == "A. Hassan"  # either could be meant: a new speaker


def stored(name, aliases, role=""):
    speaker = Speaker(name=name, role=role)
    speaker.aliases = aliases
    speaker.save()
    return speaker


def test_a_name_older_rules_glued_to_the_sentence_before_takes_the_name_found_now():
    old = stored("Hokkaido But Kenji Arata", ["Kenji Arata", "Arata"], "professor at Keio")
    speaker = found("Kenji Arata", "professor at Keio")
    assert speaker.pk == old.pk
    assert Speaker.objects.get(pk=old.pk).name == "Kenji Arata"
    assert Speaker.objects.get(pk=old.pk).aliases == ["Arata"]  # its name is no alias of it
    assert speaker.get_absolute_url() == old.get_absolute_url()  # links to the page still work


def test_a_name_with_the_verb_glued_before_it_takes_the_name_found_now():
    old = stored("Said Peter Wallace", ["Peter Wallace", "Wallace"])
    found("Peter Wallace")
    assert Speaker.objects.get(pk=old.pk).name == "Peter Wallace"


def test_a_longer_name_that_is_a_name_is_never_cut_to_the_one_found():
    old = stored("Mary Ann Smith", ["Ann Smith", "Smith"])
    assert found("Ann Smith") == old
    assert Speaker.objects.get(pk=old.pk).name == "Mary Ann Smith"
