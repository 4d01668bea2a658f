import json
import re
from pathlib import Path

import pytest

from search.models import Article, Quote, Speaker

GOLD = json.loads((Path(__file__).parent / "data" / "gold.json").read_text(encoding="utf-8"))
GOLD_QUOTES = sum(len(a["quotes"]) for a in GOLD["articles"])

pytestmark = pytest.mark.django_db


def test_sorting_with_no_query_lists_every_quote(client, gold_articles):
    response = client.get("/", {"sort": "newest"})
    assert response.status_code == 200
    assert response.context["results"].quotes.total == GOLD_QUOTES
    assert b'id="quotes"' in response.content


def test_a_query_finds_quotes_and_highlights_the_words(client, gold_articles):
    response = client.get("/", {"q": "relations"})
    assert response.status_code == 200
    results = response.context["results"]
    assert results.quotes.total > 0
    assert "<mark>" in response.content.decode()
    assert "Mikhail Bocharnikov" in response.content.decode()


def test_a_quote_hit_links_to_its_place_in_the_article(client, gold_articles):
    response = client.get("/", {"q": "roadmaps"})
    hit = response.context["results"].quotes.hits[0]
    link = f"/articles/{hit.article_id}/?q=roadmaps#quote-{hit.quote_id}"
    assert link in response.content.decode()


def test_an_htmx_request_gets_only_the_results_fragment(client, gold_articles):
    response = client.get("/", {"q": "relations"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="results"')
    assert "<html" not in body


def test_a_history_restore_request_gets_the_full_page(client, gold_articles):
    response = client.get(
        "/", {"q": "relations"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.content.decode()


def test_responses_vary_on_the_htmx_header(client, gold_articles):
    response = client.get("/", {"q": "relations"})
    assert "HX-Request" in response["Vary"]


def test_the_page_loads_htmx_from_our_own_server(client, gold_articles):
    from django.contrib.staticfiles import finders

    body = client.get("/").content.decode()
    sources = re.findall(r'<script[^>]*\bsrc="([^"]*)"', body)
    htmx = [src for src in sources if re.fullmatch(r"/static/django_htmx/htmx[-\w.]*\.js", src)]
    assert len(htmx) == 1
    assert finders.find(htmx[0].removeprefix("/static/"))  # a file we serve, not a CDN's
    assert all(src.startswith("/static/") for src in sources)
    assert "https://" not in body.split("<body")[0]


def test_a_facet_filters_by_speaker_and_shows_a_removable_chip(
    client, gold_articles, django_capture_on_commit_callbacks
):
    article = gold_articles[0]
    with django_capture_on_commit_callbacks(execute=True):  # a second speaker on cooperation
        Quote.objects.create(
            article=article,
            speaker=Speaker.for_name("Jeyhun Bayramov"),
            text="Our cooperation with Russia is growing",
            kind="direct",
            start=0,
            end=10,
        )
        article.save()
    everyone = client.get("/", {"q": "cooperation"}).context["results"].quotes
    assert "jeyhun-bayramov" in {hit.speaker_slug for hit in everyone.hits}
    response = client.get("/", {"q": "cooperation", "speaker": "mikhail-bocharnikov"})
    hits = response.context["results"].quotes.hits
    assert hits and {hit.speaker_slug for hit in hits} == {"mikhail-bocharnikov"}
    assert response.context["results"].quotes.total == everyone.total - 1
    body = response.content.decode()
    assert 'id="active-filters"' in body
    assert "Speaker: Mikhail Bocharnikov" in body
    assert 'href="/?q=cooperation"' in body


def test_facet_links_have_stable_ids(client, gold_articles):
    body = client.get("/", {"q": "relations"}).content.decode()
    assert 'id="facet-speaker-mikhail-bocharnikov"' in body
    assert 'id="facet-source-trend"' in body
    assert 'id="facet-kind-direct"' in body


def test_an_unknown_speaker_is_explained_not_an_error(client, gold_articles):
    response = client.get("/", {"speaker": "nobody-at-all"})
    assert response.status_code == 200
    assert "There is no speaker “nobody-at-all”" in response.content.decode()
    assert response.context["results"] is None


def test_a_from_date_that_is_not_a_date_is_explained(client, gold_articles):
    response = client.get("/", {"from": "last-tuesday"})
    assert response.status_code == 200
    assert "“from” must be a date like" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [{"sort": "bogus"}, {"kind": "rumour"}, {"page": "0"}, {"page": "abc"}, {"year": "20x0"}],
)
def test_a_bad_parameter_gives_an_explained_empty_result(client, gold_articles, params):
    response = client.get("/", params)
    assert response.status_code == 200
    assert 'id="form-errors"' in response.content.decode()


def test_a_page_past_the_end_links_back_to_the_last_page(client, gold_articles):
    response = client.get("/", {"q": "relations", "page": "9999"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Page 9999 is past the end" in body
    assert "Go to the last page (1)" in body


def test_a_query_that_cannot_be_parsed_searches_the_words_and_says_so(client, gold_articles):
    response = client.get("/", {"q": 'relations "unbalanced OR'})
    assert response.status_code == 200
    assert 'id="query-warnings"' in response.content.decode()


def test_a_query_with_html_is_shown_as_text(client, gold_articles):
    response = client.get("/", {"q": '"><img src=x onerror=alert(1)>'})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body


def test_html_in_an_article_is_escaped_in_highlights(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.create(
            title="<b>Talks</b> resume",
            body="Talks resume <script>alert('x')</script> in Vienna on the nuclear file.",
        )
    body = client.get("/", {"q": "vienna"}).content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;" in body
    assert "<b>Talks</b>" not in body


def test_zero_results_explain_the_syntax_with_examples_from_the_data(client, gold_articles):
    body = client.get("/", {"q": "zzzqqq"}).content.decode()
    assert 'id="no-results"' in body
    assert "speaker:bocharnikov" in body


def test_a_broken_index_shows_a_notice_instead_of_failing(client, gold_articles, search_index):
    import shutil

    from search import engine

    engine.reset_backends()
    shutil.rmtree(search_index, ignore_errors=True)
    search_index.write_text("not an index")
    response = client.get("/", {"q": "relations"})
    assert response.status_code == 200
    assert 'id="search-unavailable"' in response.content.decode()
    assert client.get(f"/articles/{gold_articles[0].pk}/").status_code == 200


def test_sorting_by_newest_puts_dated_articles_first(client, gold_articles):
    response = client.get("/", {"sort": "newest"})
    dates = [h.published for h in response.context["results"].articles.hits]
    assert dates[0] is not None
    assert dates[-1] is None


def test_a_post_is_not_allowed(client):
    assert client.post("/").status_code == 405


def test_speaker_names_in_the_facets_come_from_the_database(client, gold_articles):
    Speaker.objects.update(name="Mikhail Y. Bocharnikov")
    response = client.get("/", {"speaker": "mikhail-bocharnikov"})
    assert "Speaker: Mikhail Y. Bocharnikov" in response.content.decode()


def test_templates_are_parsed_once_not_on_every_request(client, gold_articles, monkeypatch):
    from django.template.base import Template

    client.get("/", {"q": "relations"})
    client.get("/", {"q": "relations"}, HTTP_HX_REQUEST="true")
    parsed = []
    real = Template.compile_nodelist
    monkeypatch.setattr(Template, "compile_nodelist", lambda t: parsed.append(t.name) or real(t))
    for _ in range(2):
        assert client.get("/", {"q": "relations"}).status_code == 200
        assert client.get("/", {"q": "relations"}, HTTP_HX_REQUEST="true").status_code == 200
    assert parsed == []


def test_each_hit_shows_its_date_or_says_it_is_unknown(client, gold_articles):
    body = client.get("/", {"sort": "newest", "page": "3"}).content.decode()
    assert '<time datetime="2020-04-06">6 Apr 2020</time>' in body
    assert "date unknown" in body  # the second sample has no date, and none is made up


def test_ids_in_result_links_are_never_grouped_like_numbers(
    client, settings, django_capture_on_commit_callbacks
):
    settings.USE_THOUSAND_SEPARATOR = True
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.create(pk=1234567, title="Border talks", body="Talks on the border.")
    body = client.get("/", {"q": "border"}).content.decode()
    assert 'href="/articles/1234567/?q=border"' in body
    assert 'id="hit-article-1234567"' in body


def test_typed_filters_show_as_chips_that_remove_them_from_the_query(client, gold_articles):
    response = client.get("/", {"q": "relations speaker:bocharnikov kind:direct"})
    chips = {chip.label: chip.remove_url for chip in response.context["chips"]}
    assert chips["Speaker: bocharnikov"] == "?q=relations+kind%3Adirect"
    assert chips["Kind: direct"] == "?q=relations+speaker%3Abocharnikov"


def test_every_facet_says_what_it_counts(client, gold_articles):
    response = client.get("/", {"q": "relations"})
    units = {facet.name: facet.unit for facet in response.context["facets"]}
    assert units == {
        "speaker": "quotes",
        "source": "articles",
        "year": "articles",
        "kind": "quotes",
    }
    assert 'Outlets <span class="unit">· articles</span>' in response.content.decode()


def test_the_years_facet_has_a_date_unknown_bucket_that_filters(client, gold_articles):
    response = client.get("/", {"q": "relations"})
    body = response.content.decode()
    assert 'id="facet-year-unknown"' in body
    response = client.get("/", {"q": "relations", "year": "unknown"})
    assert {h.published for h in response.context["results"].articles.hits} == {None}
    assert {h.published for h in response.context["results"].quotes.hits} == {None}
    assert "Date unknown" in [chip.label for chip in response.context["chips"]]


def test_quote_filters_narrow_the_articles_and_the_page_says_so(
    client, gold_articles, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.create(title="No quotes", body="Talks went on without a word said.")
    everything = client.get("/", {"sort": "newest"}).context["results"].articles.total
    response = client.get("/", {"sort": "newest", "kind": "indirect"})
    results = response.context["results"]
    holding = {hit.article_id for hit in results.quotes.hits}
    assert {hit.article_id for hit in results.articles.hits} <= holding
    assert results.articles.total < everything
    assert 'id="articles-narrowed"' in response.content.decode()


def test_quote_cards_from_the_same_article_show_its_title_once(client, gold_articles):
    body = client.get("/", {"speaker": "mikhail-bocharnikov"}).content.decode()
    assert body.count('class="title-link"') < body.count('class="hit quote-hit"')
    assert "In the same article" in body


def test_the_date_unknown_bucket_is_shown_however_many_years_come_before_it(rf):
    from search.engine import FacetValue
    from search.pages.facets import SHOWN, facets

    years = [FacetValue(str(2000 + n), str(2000 + n), 1) for n in range(SHOWN + 5)]
    shown = facets({"year": [*years, FacetValue("unknown", "Date unknown", 3)]}, rf.get("/").GET)
    labels = [link.label for link in shown[0].links]
    assert len(labels) == SHOWN + 1 and labels[-1] == "Date unknown"


def test_a_misspelt_query_offers_a_did_you_mean_link_that_keeps_the_filters(client, gold_articles):
    params = {"q": "cooperatoin", "sort": "newest", "page": "2"}
    response = client.get("/", params)
    body = response.content.decode()
    assert response.context["results"].suggestion.text == "cooperation"
    assert 'id="did-you-mean"' in body
    assert 'href="/?q=cooperation&amp;sort=newest"' in body  # back to page 1
    followed = client.get("/", {"q": "cooperation", "sort": "newest"}).context["results"]
    assert followed.quotes.total + followed.articles.total == (
        response.context["results"].suggestion.count
    )


def test_no_did_you_mean_when_the_words_are_found(client, gold_articles):
    body = client.get("/", {"q": "cooperation"}).content.decode()
    assert 'id="did-you-mean"' not in body


def test_paging_links_step_through_the_results_and_keep_the_query(client, gold_articles):
    def links(page):
        body = client.get("/", {"q": "", "sort": "oldest", "page": page}).content.decode()
        return re.findall(r'<a rel="(prev|next)" href="([^"]*)"', body)

    pages = -(-GOLD_QUOTES // 10)
    assert pages >= 3
    assert links("1") == [("next", "/?q=&amp;sort=oldest&amp;page=2")]
    assert links("2") == [
        ("prev", "/?q=&amp;sort=oldest"),
        ("next", "/?q=&amp;sort=oldest&amp;page=3"),
    ]
    assert links(str(pages)) == [("prev", f"/?q=&amp;sort=oldest&amp;page={pages - 1}")]
