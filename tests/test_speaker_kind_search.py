"""Searching by what a speaker is: the "People or organisations" facet and the
``speaker_kind`` filter on the search page, its exports and the API."""

from __future__ import annotations

import datetime as dt

import pytest

from search.models import Speaker
from tests.quote_factory import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_article(
            "Talks on the corridor",
            [("Sergei Lavrov", "The corridor talks went well")],
            published=dt.date(2020, 1, 2),
        )
        make_article(
            "Ministry on the corridor",
            [("Russian Foreign Ministry", "The corridor talks are premature")],
            published=dt.date(2020, 1, 3),
        )
        Speaker.objects.filter(name="Russian Foreign Ministry").update(kind="organisation")
    with django_capture_on_commit_callbacks(execute=True):
        ministry = Speaker.objects.get(name="Russian Foreign Ministry")
        ministry.save()  # the kind reaches the index with the speaker's next save


def test_the_facet_offers_people_and_organisations_with_counts(client, mixed):
    page = client.get("/", {"q": "corridor"}).content.decode()
    assert 'id="facet-speaker_kind"' in page
    assert 'id="facet-speaker_kind-organisation"' in page
    assert "Organisations" in page and "People" in page


def test_the_filter_keeps_only_quotes_by_organisations(client, mixed):
    response = client.get("/", {"q": "corridor", "speaker_kind": "organisation"})
    hits = response.context["results"].quotes.hits
    assert [h.speaker_name for h in hits] == ["Russian Foreign Ministry"]
    assert "Speakers: Organisations" in response.content.decode()  # the removable chip


def test_the_filter_is_kept_when_a_new_query_is_typed(client, mixed):
    page = client.get("/", {"q": "corridor", "speaker_kind": "person"}).content.decode()
    assert 'name="speaker_kind" value="person"' in page


def test_an_unknown_speaker_kind_is_explained_not_an_error(client, mixed):
    response = client.get("/", {"q": "corridor", "speaker_kind": "robot"})
    assert response.status_code == 200
    assert "is not a kind of speaker; use person or organisation" in response.content.decode()


def test_a_facet_with_a_single_kind_is_not_shown(client, mixed):
    page = client.get("/", {"q": "went"}).content.decode()
    assert 'id="facet-speaker_kind"' not in page


def test_the_api_filters_by_speaker_kind_and_says_how_the_speaker_was_found(client, mixed):
    data = client.get("/api/v1/search", {"q": "corridor", "speaker_kind": "person"}).json()
    quotes = data["quotes"]["hits"]
    assert [q["speaker"]["name"] for q in quotes] == ["Sergei Lavrov"]
    assert quotes[0]["speaker_kind"] == "person"
    assert quotes[0]["attribution"] == ""


def test_the_export_follows_the_speaker_kind_filter(client, mixed):
    response = client.get(
        "/exports/quotes.jsonl", {"q": "corridor", "speaker_kind": "organisation"}
    )
    rows = [line for line in b"".join(response.streaming_content).decode().splitlines() if line]
    assert len(rows) == 1 and '"speaker_kind": "organisation"' in rows[0]


def test_a_hit_says_how_its_speaker_was_found_and_marks_an_organisation(
    client, mixed, django_capture_on_commit_callbacks
):
    from search.models import Quote

    with django_capture_on_commit_callbacks(execute=True):
        quote = Quote.objects.get(speaker__name="Russian Foreign Ministry")
        quote.attribution = "organisation"
        quote.save()
    page = client.get("/", {"q": "premature"}).content.decode()
    assert "How the speaker was found: </span>organisation</span>" in page
    assert '<span class="speaker-kind">Organisation</span>' in page
