"""The signed-in reader's saved searches in the JSON API, read-only."""

import pytest

from tests.following import follow, make_reader

pytestmark = pytest.mark.django_db


def test_a_signed_in_reader_lists_their_own_saved_searches(client):
    reader = make_reader()
    mine = follow(reader, "q=karabakh&speaker=sergei-lavrov", name="Lavrov")
    follow(make_reader("other@example.org"), "q=minsk")
    client.force_login(reader)
    response = client.get("/api/v1/searches")
    assert response.status_code == 200
    [entry] = response.json()
    assert entry["id"] == mine.pk and entry["name"] == "Lavrov"
    assert entry["query"] == "q=karabakh&speaker=sergei-lavrov"
    assert entry["api_search"] == "/api/v1/search?q=karabakh&speaker=sergei-lavrov"
    assert entry["feed"] == "/feeds/search/?q=karabakh&speaker=sergei-lavrov"
    assert entry["alerts"] == "immediate"
    assert "There is no speaker" in entry["problem"]  # no such speaker in this database
    assert client.get(f"/api/v1/searches/{mine.pk}").json()["name"] == "Lavrov"


def test_another_readers_search_is_not_found(client):
    other = follow(make_reader("other@example.org"), "q=minsk")
    client.force_login(make_reader())
    response = client.get(f"/api/v1/searches/{other.pk}")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_without_signing_in_the_api_answers_401_in_json(client):
    response = client.get("/api/v1/searches")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_saved_searches_are_read_only(client):
    reader = make_reader()
    client.force_login(reader)
    assert client.post("/api/v1/searches", {}).status_code in (404, 405)
