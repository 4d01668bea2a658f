"""The search page's timeline and its who-says-it-most panel."""

import datetime as dt
import html
import re

import pytest

from tests.quote_factory import make_article

pytestmark = pytest.mark.django_db

KLAAR, LAVROV, BAKER = "Toivo Klaar", "Sergei Lavrov", "James Baker"


@pytest.fixture
def corpus(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_article(
            "Border talks resume",
            [(KLAAR, "The border talks must resume soon"), (LAVROV, "The border is calm")],
            published=dt.date(2019, 11, 20),
        )
        make_article(
            "Border monitors",
            [(KLAAR, "Monitors will watch the border"), (KLAAR, "The border needs monitors")],
            published=dt.date(2020, 2, 3),
            source="Reuters",
        )
        make_article(
            "Border undated",
            [(LAVROV, "Nobody wants the border closed"), (BAKER, "The border must stay open")],
            published=None,
        )
        make_article(
            "Trade only", [(BAKER, "Trade will grow next year")], published=dt.date(2020, 5, 1)
        )


def counts_by_id(body: str, pattern: str) -> dict[str, int]:
    return {m[0]: int(m[1]) for m in re.findall(pattern, body, flags=re.S)}


def test_who_says_it_most_counts_agree_with_the_speaker_facet(client, corpus):
    body = client.get("/", {"q": "border"}).content.decode()
    panel = counts_by_id(
        body, r'<tr id="who-says-([\w-]+)">.*?class="who-says-count"><a [^>]*>(\d+)</a>'
    )
    facet = counts_by_id(
        body,
        r'<a id="facet-speaker-([\w-]+)".*?<span class="count">'
        r"(?:<span[^>]*>[^<]*</span>)?(\d+)</span>",
    )
    assert panel == facet == {"toivo-klaar": 3, "sergei-lavrov": 2, "james-baker": 1}
    rows = re.findall(r'<tr id="who-says-([\w-]+)">', body)
    assert rows == ["toivo-klaar", "sergei-lavrov", "james-baker"]  # most first


def test_each_speaker_row_gives_first_and_last_dates_and_links(client, corpus):
    response = client.get("/", {"q": "border"})
    body = response.content.decode()
    row = re.search(r'<tr id="who-says-toivo-klaar">(.*?)</tr>', body, flags=re.S)[1]
    assert (
        'class="who-says-name" href="/speakers/toivo-klaar/" hx-boost="false">Toivo Klaar</a>'
        in row
    )
    assert '<time datetime="2019-11-20">' in row and '<time datetime="2020-02-03">' in row
    assert 'href="/?q=border&amp;speaker=toivo-klaar"' in row
    assert "<svg" in row  # the small inline timeline
    baker = re.search(r'<tr id="who-says-james-baker">(.*?)</tr>', body, flags=re.S)[1]
    assert baker.count("date unknown") == 2  # his only border quote is undated


def test_the_scoped_search_shows_only_that_speakers_quotes(client, corpus):
    response = client.get("/", {"q": "border", "speaker": "toivo-klaar"})
    hits = response.context["results"].quotes.hits
    assert len(hits) == 3 and {h.speaker_slug for h in hits} == {"toivo-klaar"}


def test_timeline_bars_and_undated_quotes_add_up_to_the_total(client, corpus):
    for params in (
        {"q": "border"},
        {"sort": "newest"},  # everything (no parameters at all is the front page)
        {"q": "trade"},
        {"q": "border", "speaker": "sergei-lavrov"},
    ):
        response = client.get("/", params)
        body = response.content.decode()
        bars = [int(n) for n in re.findall(r'class="timeline-link" [^>]*data-count="(\d+)"', body)]
        undated = re.search(r'id="timeline-undated"><strong>(\d+)</strong>', body)
        total = response.context["results"].quotes.total
        if 'id="timeline"' not in body:  # nothing dated: no chart at all
            assert all(h.published is None for h in response.context["results"].quotes.hits)
            continue
        assert sum(bars) + (int(undated[1]) if undated else 0) == total, params


def test_the_timeline_is_left_out_when_no_matching_quote_is_dated(client, corpus):
    response = client.get("/", {"q": "nobody"})
    body = response.content.decode()
    assert response.context["results"].quotes.total > 0
    assert 'id="timeline"' not in body and "When it was said" not in body


def test_a_short_range_is_drawn_by_month_with_the_undated_counted_beside(client, corpus):
    body = client.get("/", {"q": "border"}).content.decode()
    assert 'data-unit="month"' in body
    ids = re.findall(r'id="timeline-bar-([\d-]+)"', body)
    assert ids == ["2019-11", "2020-02"]  # empty months are drawn but are not links
    assert body.count('class="timeline-hit"') == 2
    assert re.search(r'id="timeline-undated"><strong>2</strong> undated quotes', body)
    assert 'aria-label="November 2019: 2 quotes"' in body


def test_clicking_a_bar_narrows_the_search_to_its_period(client, corpus):
    body = client.get("/", {"q": "border"}).content.decode()
    href = re.search(r'<a href="([^"]+)" class="timeline-link" id="timeline-bar-2020-02"', body)[1]
    url = html.unescape(href)
    assert "from=2020-02-01" in url and "to=2020-02-29" in url and "q=border" in url
    response = client.get(url)
    results = response.context["results"]
    assert results.quotes.total == 2
    assert {h.published for h in results.quotes.hits} == {dt.date(2020, 2, 3)}
    assert "From: 2020-02-01" in response.content.decode()  # a chip removes it again


def test_a_long_range_is_drawn_by_year(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_article("Old", [(KLAAR, "Peace is near")], published=dt.date(2010, 3, 1))
        make_article("New", [(KLAAR, "Peace is nearer")], published=dt.date(2016, 3, 1))
    body = client.get("/", {"q": "peace"}).content.decode()
    assert 'data-unit="year"' in body
    assert re.findall(r'id="timeline-bar-([\d-]+)"', body) == ["2010", "2016"]
    href = re.search(r'<a href="([^"]+)" class="timeline-link" id="timeline-bar-2016"', body)[1]
    assert "from=2016-01-01" in href and "to=2016-12-31" in href


def test_no_results_show_neither_timeline_nor_panel(client, corpus):
    body = client.get("/", {"q": "zzyzzyxq"}).content.decode()
    assert 'id="timeline"' not in body and 'id="who-says"' not in body


def test_a_speakers_small_timeline_shares_the_main_axis(client, corpus):
    body = client.get("/", {"q": "border"}).content.decode()
    main = re.search(r'<svg class="timeline-chart"[^>]*viewBox="0 0 (\d+) 100"', body)[1]
    row = re.search(r'<tr id="who-says-sergei-lavrov">(.*?)</tr>', body, flags=re.S)[1]
    assert f'viewBox="0 0 {main} 100"' in row
    assert row.count("<rect") == 1  # his one dated border quote, November 2019
    assert re.search(r'<rect x="1" y="\d+" width="8"', row)  # the first month on the axis
