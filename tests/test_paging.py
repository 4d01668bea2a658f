"""Page numbers that do not exist (0, negative, past the end, not a number) never jump to the
last page: lists show page 1 and say the asked page does not exist; search explains."""

import pytest

from search.models import Speaker
from search.pages.views import SPEAKERS_PER_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_speakers(db):
    for i in range(2 * SPEAKERS_PER_PAGE + 20):
        Speaker.objects.create(name=f"Speaker {i:03d}")  # three pages


@pytest.mark.parametrize("asked", ["0", "-1", "4", "9999", "abc", "1.5", "9" * 40])
def test_a_speakers_page_that_does_not_exist_gives_page_one_and_says_so(
    client, many_speakers, asked
):
    response = client.get("/speakers/", {"page": asked})
    assert response.status_code == 200
    assert response.context["page"].number == 1
    body = response.content.decode()
    assert 'id="no-such-page"' in body
    assert "this is page 1 of 3." in body
    assert "Speaker 000" in body


def test_an_existing_speakers_page_is_shown_without_a_notice(client, many_speakers):
    for asked, number in (("", 1), ("2", 2), ("3", 3)):
        response = client.get("/speakers/", {"page": asked} if asked else {})
        assert response.context["page"].number == number
        assert 'id="no-such-page"' not in response.content.decode()


@pytest.mark.parametrize("asked", ["0", "-3", "abc"])
def test_a_search_page_below_one_or_not_a_number_is_explained_not_the_last(
    client, gold_articles, asked
):
    response = client.get("/", {"q": "relations", "page": asked})
    assert response.status_code == 200
    assert response.context["results"] is None
    assert not response.context["form"].is_valid()
    assert "page" in response.context["form"].errors
    assert 'id="form-errors"' in response.content.decode()


def test_a_search_page_past_the_end_says_so_and_links_the_last(client, gold_articles):
    response = client.get("/", {"q": "relations", "page": "500"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="past-the-end"' in body
    assert "Page 500 is past the end of these results." in body
    assert response.context["results"].articles.hits == []
