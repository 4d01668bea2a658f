"""Atom feeds of a search and of a speaker."""

import datetime as dt
import xml.etree.ElementTree as ET

import feedparser
import pytest

from tests.quote_factory import make_article

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def corpus(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_article(
            "Old talks",
            [("Toivo Klaar", "Talks on the border went well <really>")],
            published=dt.date(2018, 5, 1),
        )
        make_article(
            "New talks",
            [("Toivo Klaar", "New talks on the border begin"), ("Sergei Lavrov", "Talks & more")],
            published=dt.date(2021, 3, 9),
            source="Reuters",
            role="EU envoy",
        )
        make_article("Undated talks", [("Sergei Lavrov", "Talks without a date")], published=None)
        make_article("Trade", [("Sergei Lavrov", "Trade grows")], published=dt.date(2022, 1, 1))


def parse_atom(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)  # a real feed reader's parser
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None, required
        assert (root.find(f"{ATOM}{required}").text or "").strip(), required
    assert root.find(f"{ATOM}link[@rel='alternate']") is not None
    for entry in root.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated"):
            assert (entry.find(f"{ATOM}{required}").text or "").strip(), required
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        # every entry needs an author, here or on the feed
        assert entry.find(f"{ATOM}author/{ATOM}name") is not None
    return root


def titles(root) -> list[str]:
    return [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]


def test_a_search_feed_is_atom_with_the_newest_matching_quotes_first(client, corpus):
    root = parse_atom(client.get("/feeds/search/", {"q": "talks"}))
    assert titles(root) == [
        "Sergei Lavrov: “Talks & more”",  # the same day: the later quote first
        "Toivo Klaar: “New talks on the border begin”",
        "Toivo Klaar: “Talks on the border went well <really>”",
        "Sergei Lavrov: “Talks without a date”",  # undated last, never dated today
    ]
    assert root.find(f"{ATOM}title").text == "Quotes for “talks” — Diplomacy"
    entries = root.findall(f"{ATOM}entry")
    assert entries[0].find(f"{ATOM}published").text.startswith("2021-03-09")
    assert entries[-1].find(f"{ATOM}published") is None
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link.startswith("http://testserver/quotes/")
    summary = entries[0].find(f"{ATOM}summary").text
    assert "Talks &amp; more" in summary and "Reuters" in summary  # HTML, escaped once
    self_link = root.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == "http://testserver/feeds/search/?q=talks"


def test_a_search_feed_takes_the_search_pages_filters_and_query_language(client, corpus):
    root = parse_atom(client.get("/feeds/search/", {"q": "talks speaker:lavrov"}))
    assert titles(root) == [
        "Sergei Lavrov: “Talks & more”",
        "Sergei Lavrov: “Talks without a date”",
    ]
    root = parse_atom(client.get("/feeds/search/", {"q": "talks", "from": "2020-01-01"}))
    assert len(titles(root)) == 2
    root = parse_atom(client.get("/feeds/search/", {"speaker": "toivo-klaar"}))
    assert len(titles(root)) == 2


def test_a_feed_with_invalid_filters_is_empty_and_says_why(client, corpus):
    root = parse_atom(client.get("/feeds/search/", {"q": "talks", "from": "yesterday"}))
    assert titles(root) == []
    assert "“from” must be a date" in root.find(f"{ATOM}subtitle").text


def test_a_speaker_feed_holds_that_speakers_newest_quotes(client, corpus):
    root = parse_atom(client.get("/feeds/speakers/sergei-lavrov/"))
    assert titles(root)[0] == "Sergei Lavrov: “Trade grows”"
    assert len(titles(root)) == 3
    assert root.find(f"{ATOM}title").text == "Quotes by Sergei Lavrov — Diplomacy"
    assert client.get("/feeds/speakers/nobody-at-all/").status_code == 404


def test_pages_point_at_their_feeds(client, corpus):
    body = client.get("/", {"q": "talks", "page": "2"}).content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Atom feed of this search" '
        'href="/feeds/search/?q=talks">' in body
    )
    body = client.get("/speakers/sergei-lavrov/").content.decode()
    assert 'type="application/atom+xml"' in body
    assert 'href="/feeds/speakers/sergei-lavrov/"' in body


def test_feeds_stay_valid_atom_when_quotes_hold_markup_or_control_characters(
    client, db, django_capture_on_commit_callbacks
):
    odd = "Talks <b>now</b> & </summary>\x0c then\x01 more]]>"
    with django_capture_on_commit_callbacks(execute=True):
        make_article(
            "Odd <talks>\x0b",
            [("Toivo Klaar", odd)],
            published=dt.date(2021, 1, 1),
            role="a\x1frole",
        )
    for url in ("/feeds/search/?q=talks", "/feeds/speakers/toivo-klaar/"):
        root = parse_atom(client.get(url))
        assert titles(root) == ["Toivo Klaar: “Talks <b>now</b> & </summary> then more]]>”"]
        entry = feedparser.parse(client.get(url).content).entries[0]
        assert "Odd &lt;talks&gt;" in entry.summary  # the article's title, escaped, kept
