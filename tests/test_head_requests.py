"""HEAD on every public page answers as GET does, without a body (uptime monitors, curl -I)."""

import pytest

pytestmark = pytest.mark.django_db


def pages(articles) -> list[str]:
    speaker = articles[0].quotes.exclude(speaker=None).first().speaker
    return [
        "/",
        "/?q=relations",
        f"/articles/{articles[0].pk}/",
        "/speakers/",
        f"/speakers/{speaker.slug}/",
    ]


def test_head_answers_like_get_without_a_body(client, gold_articles):
    for url in pages(gold_articles):
        got, head = client.get(url), client.head(url)
        assert (url, head.status_code) == (url, 200)
        assert head.content == b""
        assert head["Content-Type"] == got["Content-Type"]


def test_head_on_a_missing_page_is_a_404(client, gold_articles):
    assert client.head("/speakers/nobody-at-all/").status_code == 404


def test_other_methods_are_still_refused(client, gold_articles):
    for url in pages(gold_articles):
        assert client.post(url).status_code == 405
        assert client.put(url).status_code == 405
