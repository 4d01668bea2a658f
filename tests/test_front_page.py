import datetime as dt

import pytest

from search.models import Article, Quote, Source, Speaker

pytestmark = pytest.mark.django_db


def test_the_front_page_says_what_the_site_is_for(client, gold_articles):
    response = client.get("/")
    body = response.content.decode()
    assert 'id="purpose"' in body
    assert "who said what" in body
    assert response.context.get("results") is None  # not a list of everything "by relevance"


def test_the_latest_quotes_come_newest_first_and_undated_ones_last(client, gold_articles):
    old = Article.objects.create(title="Older", body="x", published=dt.date(1999, 1, 1))
    speaker = Speaker.for_name("Ada Older")
    Quote.objects.create(article=old, speaker=speaker, text="x", kind="direct", start=0, end=1)
    latest = client.get("/").context["front"]["latest"]
    dates = [q.article.published for q in latest]
    known = [d for d in dates if d]
    assert known == sorted(known, reverse=True)
    assert dates[0] == dt.date(2020, 4, 6)


def test_speakers_and_outlets_link_into_the_search(client, gold_articles):
    body = client.get("/").content.decode()
    assert 'href="/?speaker=mikhail-bocharnikov"' in body
    assert 'href="/?source=Vestnik%20Kavkaza"' in body
    assert "30 quotes" in body


def test_an_outlet_with_no_articles_is_not_listed(client, gold_articles):
    Source.objects.create(name="Empty Wire")
    assert "Empty Wire" not in client.get("/").content.decode()


def test_an_empty_site_says_how_to_add_articles(client, db):
    body = client.get("/").content.decode()
    assert 'id="no-quotes-yet"' in body


def test_clearing_the_search_box_brings_back_the_front_page_fragment(client, gold_articles):
    response = client.get("/", {"q": ""}, HTTP_HX_REQUEST="true")
    assert response.content.decode().lstrip().startswith('<div id="results"')
    assert 'id="front-page"' in response.content.decode()
