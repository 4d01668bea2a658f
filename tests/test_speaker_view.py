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


def test_quotes_per_year_are_an_svg_chart_that_reads_out_every_number(client, gold_articles):
    body = client.get("/speakers/mikhail-bocharnikov/").content.decode()
    assert 'id="quotes-per-year"' in body
    assert '<svg role="img" aria-labelledby="chart-title chart-desc"' in body
    assert 'data-year="2020" data-count="22"' in body
    assert "Quotes per year. 2020: 22; date unknown: 8." in body
    assert 'id="undated-count"' in body


def test_the_name_is_the_page_heading(client, gold_articles):
    body = client.get("/speakers/mikhail-bocharnikov/").content.decode()
    assert '<span class="swatch" aria-hidden="true"></span>Mikhail Bocharnikov</h1>' in body


def test_roles_show_when_they_were_first_and_last_seen(client, newsroom):
    roles = client.get("/speakers/elena-marsh/").context["roles"]
    assert [(r.role, r.first.isoformat(), r.last.isoformat(), r.quotes) for r in roles] == [
        ("Foreign Minister of Nordland", "2021-02-11", "2023-05-14", 5)
    ]


def test_the_outlets_that_quote_the_person_link_into_the_search(client, newsroom):
    response = client.get("/speakers/elena-marsh/")
    outlets = [(o["article__source__name"], o["n"]) for o in response.context["outlets"]]
    assert outlets == [("Harbour Post", 4), ("Caspian Herald", 1)]
    assert 'href="/?speaker=elena-marsh&amp;source=Harbour%20Post"' in response.content.decode()


def test_people_quoted_in_the_same_articles_are_listed_by_articles_shared(client, newsroom):
    alongside = client.get("/speakers/elena-marsh/").context["alongside"]
    assert [(s.name, s.shared) for s in alongside][:2] == [("Oskar Lind", 2), ("Ines Calder", 1)]
    assert "Delegate A Aston" not in [s.name for s in alongside]


def test_a_gap_year_shows_as_an_empty_bar(client, newsroom):
    chart = client.get("/speakers/elena-marsh/").context["chart"]
    assert [(bar.year, bar.count) for bar in chart.bars] == [(2021, 1), (2022, 1), (2023, 3)]


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


def test_an_organisation_is_shown_as_one_and_never_as_a_person(client, db):
    from search.models import Speaker

    Speaker.objects.create(name="Russian Foreign Ministry", kind="organisation")
    body = client.get("/speakers/russian-foreign-ministry/").content.decode()
    assert '<span class="speaker-kind" id="speaker-kind">Organisation</span>' in body
    assert "Search its quotes" in body and "Search the quotes of Russian Foreign Ministry" in body
    assert "their quotes" not in body and "Ministry’s quotes" not in body


def test_each_quote_on_the_speaker_page_says_how_the_speaker_was_found(client, gold_articles):
    from search.models import Quote

    Quote.objects.update(attribution="surname")
    body = client.get("/speakers/mikhail-bocharnikov/").content.decode()
    assert "How the speaker was found: </span>by surname</span>" in body
