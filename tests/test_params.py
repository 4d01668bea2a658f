"""The one check every URL's parameters pass: control characters, lone surrogates and overlong
values get a clear 400 in the style of what was asked for, before any view runs."""

import json

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory

from search.pages.params import problem, xml_text

pytestmark = pytest.mark.django_db


def explained(response) -> str:
    assert response.status_code == 400
    return response.content.decode()


def test_a_nul_in_a_feeds_parameter_is_a_plain_text_400_not_a_server_error(client, gold_articles):
    response = client.get("/feeds/search/?kind=%00")
    assert response["Content-Type"].startswith("text/plain")
    assert "“kind” holds a control character" in explained(response)


def test_any_control_character_in_a_feed_or_export_is_refused_in_plain_text(client, db):
    for url in (
        "/feeds/search/?q=a%01",
        "/exports/quotes.csv?q=%1B",
        "/exports/quotes.jsonl?to=%7F",
    ):
        response = client.get(url)
        assert response["Content-Type"].startswith("text/plain"), url
        assert "control character" in explained(response), url


def test_the_api_refuses_with_a_json_error(client, db):
    response = client.get("/api/v1/search?q=%00")
    assert response["Content-Type"] == "application/json"
    assert "“q” holds a control character" in json.loads(explained(response))["detail"]
    response = client.get("/api/v1/speakers/%00")  # a path parameter too
    assert "address holds a control character" in json.loads(explained(response))["detail"]


def test_pages_refuse_with_the_sites_own_page(client, db):
    for url in ("/?q=%00", "/speakers/?name=%08", "/?speaker=a%C2%85"):
        body = explained(client.get(url))
        assert 'id="bad-request-reason"' in body, url
        assert "control character" in body, url


def test_an_overlong_value_is_refused_naming_the_parameter_and_the_limit(client, db):
    body = explained(client.get("/", {"source": "a" * 2_001}))
    assert "“source” is too long: at most 2,000 characters" in body
    assert client.get("/", {"q": "a" * 2_000}).status_code == 200


def test_an_overlong_parameter_name_is_refused(client, db):
    assert "too long a name" in explained(client.get("/?" + "k" * 101 + "=1"))


def test_the_admins_changelists_are_checked_too(client, db):
    client.force_login(User.objects.create_superuser("boss", password="pw"))
    assert "“q” holds" in explained(client.get("/admin/search/quote/?q=%00"))
    assert client.get("/admin/search/quote/?q=talks").status_code == 200


def test_tabs_line_ends_and_right_to_left_marks_are_ordinary_text(client, gold_articles):
    for value in ("trade\tgas", "trade\r\ngas", "\u200ftrade\u202e", "ünïcødé 日本"):
        assert client.get("/", {"q": value}).status_code == 200, repr(value)


def test_lone_surrogates_and_non_characters_are_refused():
    factory = RequestFactory()
    for value in ("\ud800", "a\udfff", "\ufffe", "\uffff"):
        request = factory.get("/")
        request.GET = request.GET.copy()
        request.GET["q"] = value
        assert "control character" in problem(request), repr(value)


def test_invalid_percent_encodings_are_read_as_replacement_characters(client, db):
    # %ED%A0%80 would be a surrogate in UTF-8; Django reads it as U+FFFD, ordinary text.
    assert client.get("/?q=%ED%A0%80%FF%").status_code == 200


def test_feed_text_loses_only_the_characters_xml_cannot_carry():
    assert xml_text("a\x00b\x0cc\ufffe\td\ne\u200f") == "abc\td\ne\u200f"
