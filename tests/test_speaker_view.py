import datetime as dt

import pytest

from search.models import Article, Quote, Speaker

pytestmark = pytest.mark.django_db


def test_the_speaker_page_shows_name_role_count_and_quotes(client, gold_articles):
    speaker = Speaker.objects.get(name="Mikhail Bocharnikov")
    response = client.get("/speakers/mikhail-bocharnikov/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Russian ambassador to Azerbaijan" in body
    assert f'id="speaker-quote-count">{speaker.quotes.count()}<' in body
    assert body.count('class="hit quote-hit"') == 20  # first page


def test_quotes_per_year_are_charted_with_undated_ones_counted(client, gold_articles):
    body = client.get("/speakers/mikhail-bocharnikov/").content.decode()
    assert 'id="quotes-per-year"' in body
    assert '<th scope="row">2020</th>' in body
    assert "Undated" in body


def test_quotes_are_listed_newest_first(client, gold_articles):
    older = Article.objects.create(
        title="Earlier talks", body="Earlier talks.", published=dt.date(2019, 5, 1)
    )
    Quote.objects.create(
        article=older,
        speaker=Speaker.objects.get(slug="mikhail-bocharnikov"),
        text="Earlier talks",
        kind="direct",
        start=0,
        end=13,
    )
    dates = []
    for page in ("1", "2"):
        response = client.get("/speakers/mikhail-bocharnikov/", {"page": page})
        dates += [q.article.published for q in response.context["page"].object_list]
    assert len(dates) == response.context["quote_count"]
    dated = [d for d in dates if d is not None]
    assert len(set(dated)) == 2 and len(dated) < len(dates)
    assert dates == sorted(dated, reverse=True) + [None] * (len(dates) - len(dated))


def test_the_speaker_search_box_is_scoped_to_the_speaker(client, gold_articles):
    body = client.get("/speakers/mikhail-bocharnikov/").content.decode()
    assert '<input type="hidden" name="speaker" value="mikhail-bocharnikov">' in body


def test_an_unknown_speaker_is_not_found(client, db):
    assert client.get("/speakers/nobody/").status_code == 404


def test_a_page_number_past_the_end_shows_the_first_page_and_says_so(client, gold_articles):
    response = client.get("/speakers/mikhail-bocharnikov/", {"page": "9999"})
    assert response.status_code == 200
    assert response.context["page"].number == 1
    assert "There is no page “9999”; this is page 1 of 2." in response.content.decode()


def test_a_speaker_name_with_html_is_escaped(client, db):
    Speaker.objects.create(name='<img src=x onerror="alert(1)">')
    response = client.get("/speakers/")
    assert "<img src=x" not in response.content.decode()
