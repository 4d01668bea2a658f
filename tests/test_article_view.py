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
    speaker = response.context["legend"][0]["speaker"]
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


def test_picking_a_speaker_in_the_legend_fades_the_others_by_url(client, gold_articles):
    article = gold_articles[0]
    body = client.get(f"/articles/{article.pk}/").content.decode()
    assert 'href="?only=mikhail-bocharnikov"' in body
    body = client.get(f"/articles/{article.pk}/", {"only": "mikhail-bocharnikov"}).content.decode()
    assert 'class="article-body picked"' in body
    assert 'aria-current="true"' in body
    assert "faded" not in body  # the only speaker here is the one picked
    assert 'id="show-all"' in body


def test_an_unknown_or_invalid_speaker_to_pick_shows_the_plain_page(client, gold_articles):
    for value in ("nobody", "<script>", "x" * 300):
        response = client.get(f"/articles/{gold_articles[0].pk}/", {"only": value})
        assert response.status_code == 200
        assert response.context["only"] == ""


def test_the_marks_can_be_turned_off_by_url(client, gold_articles):
    body = client.get(f"/articles/{gold_articles[0].pk}/", {"marks": "off"}).content.decode()
    assert 'class="article-body marks-off"' in body
    assert "Show the marks" in body
    assert client.get(f"/articles/{gold_articles[0].pk}/", {"marks": "bogus"}).status_code == 200


def test_each_paragraph_with_quotes_names_its_speaker_once(client, gold_articles):
    article = gold_articles[0]
    body = client.get(f"/articles/{article.pk}/").content.decode()
    assert body.count('<p class="para-who">') >= 1
    assert 'class="who' not in body  # no name after every quote any more


def test_each_speaker_note_says_how_the_speaker_was_found(client, gold_articles):
    article = gold_articles[0]
    first = article.quotes.order_by("start").first()
    article.quotes.update(attribution="role")
    article.quotes.filter(pk=first.pk).update(attribution="editor")
    body = client.get(f"/articles/{article.pk}/").content.decode()
    assert (
        '<span class="how"><span class="visually-hidden"> (how the speaker was found: </span>'
        'set by an editor<span class="visually-hidden">)</span></span>'
    ) in body
    assert "by role<span" in body
    assert "Mikhail Bocharnikov, " in body and "(set by an editor)" in body  # the quote card
