"""The models' own rules: name keys, unique slugs, finding outlets and speakers by name."""

from __future__ import annotations

import pytest

from search.models import Article, Source, Speaker, content_hash, normalise_name

pytestmark = pytest.mark.django_db


def test_normalise_name_folds_case_accents_spacing_and_apostrophes():
    assert normalise_name("  Recep  Tayyip\tERDOĞAN ") == "recep tayyip erdogan"
    assert normalise_name("Ilham Aliyev’s") == normalise_name("ilham aliyev's")
    assert normalise_name("Вестник  Кавказа") == "вестник кавказа"
    assert normalise_name("Jeyhun Bayramov") != normalise_name("Jeyhun Bayramova")


def test_speakers_with_the_same_slug_base_get_numbered_slugs():
    first = Speaker.for_name("Anna Berg")
    second = Speaker.objects.create(name="Anna-Berg")  # another key, the same slug base
    third = Speaker.objects.create(name="Anna Berg!")
    assert [first.slug, second.slug, third.slug] == ["anna-berg", "anna-berg-2", "anna-berg-3"]


def test_a_name_without_latin_letters_still_gets_a_unique_slug():
    one, two = Speaker.for_name("Ильхам Алиев"), Speaker.for_name("Сергей Лавров")
    assert one.slug and two.slug and one.slug != two.slug
    assert one.get_absolute_url() == f"/speakers/{one.slug}/"


def test_a_saved_slug_is_kept_when_the_name_changes():
    speaker = Speaker.for_name("Anna Berg")
    speaker.name = "Anna Maria Berg"
    speaker.save()
    speaker.refresh_from_db()
    assert speaker.slug == "anna-berg"


def test_source_for_name_finds_an_outlet_in_any_case_and_creates_a_new_one_once():
    trend = Source.for_name("Trend")
    assert Source.for_name("  TREND ") == trend
    vestnik = Source.for_name("Вестник Кавказа")
    assert Source.for_name("вестник кавказа") == vestnik
    assert Source.objects.count() == 2


def test_speaker_for_name_finds_any_spelling_of_the_name():
    erdogan = Speaker.for_name("Recep Tayyip Erdoğan")
    assert Speaker.for_name("recep tayyip  ERDOGAN") == erdogan
    assert Speaker.objects.count() == 1


def test_speaker_for_name_finds_a_speaker_by_alias():
    aliyev = Speaker.objects.create(name="Ilham Aliyev", aliases=["Aliyev", "I. Aliyev"])
    assert Speaker.for_name("I. Aliyev") == aliyev
    assert Speaker.for_name("aliyev") == aliyev
    assert Speaker.objects.count() == 1


def test_an_exact_alias_is_found_past_a_speaker_whose_alias_merely_contains_it():
    # "Aliyev" is inside "Aliyeva", and Arzu comes first; she must not hide the exact alias.
    Speaker.objects.create(name="Arzu Aliyeva", aliases=["Aliyeva"])
    ilham = Speaker.objects.create(name="Ilham Aliyev", aliases=["Aliyev"])
    assert Speaker.for_name("Aliyev") == ilham
    assert Speaker.objects.count() == 2


def test_a_name_that_only_partly_matches_an_alias_is_a_new_speaker():
    Speaker.objects.create(name="Mehriban Aliyeva", aliases=["Aliyeva"])
    new = Speaker.for_name("Aliyev")
    assert new.name == "Aliyev" and Speaker.objects.count() == 2


def test_for_name_keeps_the_role_up_to_date():
    Speaker.for_name("Anna Berg", role="Foreign Minister")
    assert Speaker.for_name("Anna Berg", role="Prime Minister").role == "Prime Minister"
    assert Speaker.for_name("Anna Berg").role == "Prime Minister"  # no role: keep the last


def test_aliases_are_cleaned_and_deduplicated_on_save():
    speaker = Speaker.objects.create(
        name=" Anna   Berg ", aliases=["Berg", " Berg ", "", "A.  Berg"]
    )
    assert speaker.name == "Anna Berg"
    assert speaker.aliases == ["A. Berg", "Berg"]


def test_an_article_body_keeps_its_text_with_newlines_normalised():
    article = Article.objects.create(title="T", body="One.\r\nTwo.\rThree.")
    assert article.body == "One.\nTwo.\nThree."
    assert article.content_hash == content_hash("One.\n\nTwo.   Three.")  # spacing aside


def test_a_body_stored_as_a_person_by_older_rules_becomes_an_organisation():
    from search.quotes import ExtractedSpeaker

    Speaker.objects.create(name="Japan", kind="person")
    found = ExtractedSpeaker(name="Japan", kind="organisation", role="", aliases=())
    assert Speaker.for_extracted(found, {}).kind == "organisation"
    person = ExtractedSpeaker(name="Japan", kind="person", role="", aliases=())
    assert Speaker.for_extracted(person, {}).kind == "organisation"  # never back by extraction


def test_a_family_name_written_first_is_the_alias():
    from search.quotes import ExtractedSpeaker

    found = ExtractedSpeaker(name="Li Wenhao", kind="person", role="", aliases=(), surname="Li")
    assert Speaker.for_extracted(found, {}).aliases == ["Li"]
