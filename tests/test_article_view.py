import json
from pathlib import Path

import pytest

from search.models import Article

pytestmark = pytest.mark.django_db
GOLD = json.loads((Path(__file__).parent / "data" / "gold.json").read_text(encoding="utf-8"))


def test_the_article_page_shows_headline_outlet_date_and_dateline(client, gold_articles):
    article = gold_articles[0]
    body = client.get(f"/articles/{article.pk}/").content.decode()
    assert '<span class="outlet">Trend</span>' in body
    assert '<time datetime="2020-04-06">6 April 2020</time>' in body
    assert '<span class="dateline">BAKU, Azerbaijan</span>' in body


def test_an_article_with_no_known_date_says_so(client, gold_articles):
    body = client.get(f"/articles/{gold_articles[1].pk}/").content.decode()
    assert "date unknown" in body


def test_every_quote_is_marked_with_its_speaker_and_a_permalink(client, gold_articles):
    for article in gold_articles:
        body = client.get(f"/articles/{article.pk}/").content.decode()
        for quote in article.quotes.all():
            assert f'id="quote-{quote.pk}"' in body
        assert body.count('data-speaker="Mikhail Bocharnikov"') >= article.quotes.count()


def test_hovering_a_quote_tells_who_the_mention_resolves_to(client, gold_articles):
    body = client.get(f"/articles/{gold_articles[0].pk}/").content.decode()
    assert (
        'data-attribution="the ambassador → Mikhail Bocharnikov, '
        'Russian ambassador to Azerbaijan"' in body
    )


def test_the_legend_lists_speakers_with_their_quote_counts(client, gold_articles):
    article = gold_articles[0]
    response = client.get(f"/articles/{article.pk}/")
    (speaker, colour), *_ = response.context["legend"]
    assert speaker.name == "Mikhail Bocharnikov"
    assert speaker.quote_count == len(GOLD["articles"][0]["quotes"])


def test_arriving_from_a_search_highlights_the_terms(client, gold_articles):
    body = client.get(f"/articles/{gold_articles[0].pk}/", {"q": "roadmaps"}).content.decode()
    assert "<mark>roadmaps</mark>" in body


def test_an_unknown_article_is_a_styled_not_found_page(client, db):
    response = client.get("/articles/999999/")
    assert response.status_code == 404
    assert "There is no page at this address" in response.content.decode()


def test_a_script_in_the_article_is_shown_as_text(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = Article.objects.create(
            title="<script>alert(1)</script>",
            body="<script>alert(1)</script> said nothing.",
            url="javascript:alert(1)",
        )
    body = client.get(f"/articles/{article.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "javascript:" not in body


def test_search_terms_match_stemmed_forms_in_the_article(client, gold_articles):
    body = client.get(f"/articles/{gold_articles[0].pk}/", {"q": "relation"}).content.decode()
    assert "<mark>relations</mark>" in body
