"""An import's speaker cache: it hands out only slugs no speaker has, stored or saved since."""

from __future__ import annotations

import pytest

from search.models import Speaker
from search.models.known_speakers import KnownSpeakers

pytestmark = pytest.mark.django_db


def test_a_new_name_gets_its_slug_without_asking_again():
    known = KnownSpeakers()
    known.prime(["Mary O'Neil"])
    assert known.free_slug("Mary O'Neil") == "mary-oneil"


def test_a_slug_a_stored_speaker_has_is_not_handed_out():
    Speaker.objects.create(name="Mary O.Neil")
    known = KnownSpeakers()
    known.prime(["Mary O'Neil"])
    assert known.free_slug("Mary O'Neil") == ""


def test_a_slug_taken_by_a_speaker_saved_since_is_not_handed_out_again():
    known = KnownSpeakers()
    known.prime(["Mary O'Neil", "Mary ONeil"])
    known.note(Speaker.objects.create(name="Mary O'Neil", slug=known.free_slug("Mary O'Neil")), [])
    assert known.free_slug("Mary ONeil") == ""


def test_a_name_it_was_not_primed_with_is_asked_about():
    known = KnownSpeakers()
    known.prime(["Mary O'Neil"])
    assert known.free_slug("Anna Berg") == ""
