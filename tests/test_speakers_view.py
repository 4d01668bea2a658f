import pytest

pytestmark = pytest.mark.django_db


def test_the_speakers_page_lists_speakers_with_quote_counts(client, gold_articles):
    body = client.get("/speakers/").content.decode()
    assert 'href="/speakers/mikhail-bocharnikov/"' in body
    assert "30 quotes" in body


def test_speakers_can_be_found_by_part_of_the_name(client, gold_articles):
    assert "Bocharnikov" in client.get("/speakers/", {"name": "bochar"}).content.decode()
    body = client.get("/speakers/", {"name": "lavrov"}).content.decode()
    assert "No speaker matches “lavrov”" in body
