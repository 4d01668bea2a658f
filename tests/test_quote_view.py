"""The quote page, its citation, and the same statement across articles."""

import datetime as dt
import re

import pytest

from search.models import Quote
from search.text.quote_groups import group_key
from tests.quote_factory import make_article

pytestmark = pytest.mark.django_db

STATEMENT = "Moscow is ready to assist the delimitation of the border"
BOCHARNIKOV = "Mikhail Bocharnikov"


@pytest.fixture
def carried(db, django_capture_on_commit_callbacks):
    """One statement carried by three outlets, a day apart, and one other quote."""
    with django_capture_on_commit_callbacks(execute=True):
        first = make_article(
            "Ambassador on the border",
            [(BOCHARNIKOV, STATEMENT), (BOCHARNIKOV, "Our peoples are close")],
            published=dt.date(2019, 11, 20),
            source="Trend",
            role="Ambassador of Russia",
            lead="Russia's ambassador spoke in Baku.",
        )
        second = make_article(
            "Russia offers help",
            [(BOCHARNIKOV, "“Moscow is ready to assist the delimitation of the border…”")],
            published=dt.date(2019, 11, 21),
            source="Reuters",
        )
        third = make_article(
            "Delimitation",
            [(BOCHARNIKOV, STATEMENT.upper())],
            published=None,
            source="APA",
        )
    return first, second, third


def test_the_quote_page_shows_the_quote_speaker_role_paragraph_and_article(client, carried):
    first = carried[0]
    quote = first.quotes.get(text=STATEMENT)
    response = client.get(f"/quotes/{quote.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<blockquote class="quote-text speaker-' in body and STATEMENT in body
    assert '<a class="badge' in body and 'href="/speakers/mikhail-bocharnikov/"' in body
    assert '<span class="role" id="quote-role">Ambassador of Russia</span>' in body
    paragraph = re.search(r'<p class="paragraph" id="quote-paragraph">(.*?)</p>', body, re.S)[1]
    assert paragraph == (
        f'“<strong class="quote-in-context">{STATEMENT}</strong>,” Mikhail Bocharnikov said.'
    )
    assert f'href="/articles/{first.pk}/#quote-{quote.pk}">Ambassador on the border</a>' in body
    assert '<span class="outlet">Trend</span>' in body
    assert '<time datetime="2019-11-20">' in body


def test_the_cite_block_is_plain_text_with_outlet_date_and_a_stable_url(client, carried):
    quote = carried[0].quotes.get(text=STATEMENT)
    response = client.get(f"/quotes/{quote.pk}/")
    assert response.context["citation"] == (
        f"Mikhail Bocharnikov (Ambassador of Russia) said: “{STATEMENT}”. "
        f"“Ambassador on the border”, Trend, 20 November 2019. "
        f"http://testserver/quotes/{quote.pk}/"
    )
    body = response.content.decode()
    assert '<pre id="cite-text">' in body
    assert 'data-copy="cite-text"' in body  # the copy button, shown by script
    assert f'id="permalink">http://testserver/quotes/{quote.pk}/</a>' in body


def test_an_undated_quote_is_cited_with_date_unknown(client, carried):
    quote = carried[2].quotes.get()
    citation = client.get(f"/quotes/{quote.pk}/").context["citation"]
    assert "APA, date unknown." in citation


def test_an_unknown_quote_is_not_found(client, db):
    assert client.get("/quotes/999999/").status_code == 404


def test_search_hits_link_to_the_quote_page_and_to_the_article(client, carried):
    body = client.get("/", {"q": "peoples"}).content.decode()
    quote = carried[0].quotes.get(text="Our peoples are close")
    assert f'href="/quotes/{quote.pk}/"' in body
    assert f"/articles/{carried[0].pk}/?q=peoples#quote-{quote.pk}" in body


def test_the_same_statement_is_grouped_at_ingestion(carried):
    keys = {q.article_id: q.group_key for q in Quote.objects.exclude(text__contains="peoples")}
    assert len(set(keys.values())) == 1 and len(keys) == 3
    assert set(keys.values()) == {group_key(STATEMENT)}
    assert Quote.objects.get(text__contains="peoples").group_key == ""  # too short to group


def test_a_hit_says_how_many_other_outlets_carried_it(client, carried):
    body = client.get("/", {"q": "delimitation"}).content.decode()
    quote = carried[0].quotes.get(text=STATEMENT)
    link = re.search(
        rf'<a class="also-reported" id="also-reported-{quote.pk}"[^>]*>([^<]+)</a>', body
    )
    assert link[1] == "also reported by 2 outlets"
    assert f'href="/quotes/{quote.pk}/#same-statement"' in link[0]


def test_the_quote_page_lists_the_other_outlets_and_when_it_was_first_said(client, carried):
    quote = carried[2].quotes.get()  # the undated copy
    body = client.get(f"/quotes/{quote.pk}/").content.decode()
    section = re.search(r'<section id="same-statement".*?</section>', body, re.S)[0]
    assert 'First said on <time datetime="2019-11-20">' in section
    assert section.index("Ambassador on the border") < section.index("Russia offers help")
    assert "Trend" in section and "Reuters" in section


def test_editing_a_quotes_text_updates_its_group_key(carried):
    quote = carried[0].quotes.get(text="Our peoples are close")
    quote.text = STATEMENT
    quote.save(update_fields=["text"])
    quote.refresh_from_db()
    assert quote.group_key == group_key(STATEMENT)


def test_quotes_saved_in_bulk_at_ingestion_get_their_group_key(carried):
    article = carried[1]
    Quote.objects.bulk_create(
        [Quote(article=article, text=f"{STATEMENT}!", kind="direct", start=0, end=10)]
    )
    assert Quote.objects.filter(group_key=group_key(STATEMENT)).count() == 4


def test_the_quote_page_says_how_the_speaker_was_found_and_what_they_are(client, carried):
    quote = Quote.objects.filter(text=STATEMENT).first()
    Quote.objects.filter(pk=quote.pk).update(attribution="pronoun")
    quote.speaker.kind = "organisation"
    quote.speaker.save()
    body = client.get(f"/quotes/{quote.pk}/").content.decode()
    assert re.search(r'id="quote-how">.*How the speaker was found: </span>by pronoun</span>', body)
    assert 'id="quote-speaker-kind">Organisation</span>' in body
