"""End to end in real headless Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH) against
a live server. In CI a missing browser fails these tests rather than skipping them."""

import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser import open_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOLD = json.loads((Path(__file__).parent / "data" / "gold.json").read_text(encoding="utf-8"))


def results_text(page) -> str:
    return page.locator("#summary").inner_text()


def test_typing_a_query_updates_results_and_address_without_reloading(
    page, live_server, gold_articles
):
    page.goto(f"{live_server.url}/")
    page.evaluate("window.__sameDocument = true")
    page.locator("#q").press_sequentially("roadmaps", delay=20)
    page.wait_for_url(re.compile(r"\?q=roadmaps"))
    expect(page.locator("#summary")).to_contain_text("roadmaps")
    assert page.evaluate("window.__sameDocument") is True
    assert "roadmaps" in page.locator("#quotes mark").first.inner_text().lower()
    assert page.locator("#quotes .badge").first.inner_text() == "Mikhail Bocharnikov"
    screenshot(page, "search-live")


def test_a_facet_filters_and_its_chip_removes_the_filter(page, live_server, gold_articles):
    page.goto(f"{live_server.url}/?q=relations")
    total = int(page.locator("#quote-count").inner_text())
    page.locator("#facet-kind-indirect").click()
    page.wait_for_url(re.compile(r"kind=indirect"))
    page.wait_for_selector("#active-filters")
    assert int(page.locator("#quote-count").inner_text()) < total
    page.locator("#active-filters a").first.click()
    page.wait_for_url(lambda url: "kind=" not in url)
    expect(page.locator("#quote-count")).to_have_text(str(total))
    assert page.locator("#active-filters").count() == 0


def test_back_restores_the_previous_results(page, live_server, gold_articles):
    page.goto(f"{live_server.url}/?q=relations")
    first = results_text(page)
    page.locator("#q").fill("roadmaps")
    page.wait_for_url(re.compile(r"\?q=roadmaps"))
    expect(page.locator("#summary")).to_contain_text("roadmaps")
    page.go_back()
    page.wait_for_url(re.compile(r"\?q=relations"))
    expect(page.locator("#summary")).to_contain_text("relations")
    assert results_text(page) == first
    assert page.locator("#q").input_value() == "relations"


def test_the_article_page_marks_every_sample_quote_with_the_right_speaker(page, live_server):
    call_command("loaddata", "sample_articles", verbosity=0)
    from search.models import Article

    for entry in GOLD["articles"]:
        body = (Path(__file__).parent / "data" / entry["file"]).read_text(encoding="utf-8")
        article = next(a for a in Article.objects.all() if a.body.strip() in body)
        page.goto(f"{live_server.url}/articles/{article.pk}/")
        marked = page.evaluate(
            """() => {
              const out = {};
              document.querySelectorAll('.quote[data-quote]').forEach(el => {
                const q = out[el.dataset.quote] ||= {text: '', speaker: el.dataset.speaker};
                q.text += el.textContent;
              });
              return Object.values(out);
            }"""
        )
        for quote in entry["quotes"]:
            words = quote["quote"].strip(" .,“”\"'").split()
            core = " ".join(words[1:-1]) if len(words) > 2 else " ".join(words)
            owners = [m["speaker"] for m in marked if core in " ".join(m["text"].split())]
            assert owners, f"not marked: {quote['quote'][:60]}"
            assert quote["speaker"] in owners
    screenshot(page, "article-gold")


def test_the_speaker_page_shows_their_quotes(page, live_server, gold_articles):
    page.goto(f"{live_server.url}/speakers/mikhail-bocharnikov/")
    assert page.locator("h1").inner_text().strip() == "Mikhail Bocharnikov"
    assert page.locator(".quote-hit").count() > 0
    screenshot(page, "speaker-gold")


def test_the_search_works_with_javascript_disabled(browser, live_server, gold_articles):
    context, page, errors = open_page(browser, java_script_enabled=False)
    try:
        page.goto(f"{live_server.url}/")
        page.locator("#q").fill("roadmaps")
        page.locator("#q").press("Enter")
        page.wait_for_url(re.compile(r"\?q=roadmaps"))
        assert "roadmaps" in results_text(page)
        assert page.locator("#quotes .quote-hit").count() > 0
        page.locator("#facet-kind-direct").click()
        page.wait_for_url(re.compile(r"kind=direct"))
        assert page.locator("#active-filters").count() == 1
    finally:
        context.close()
    assert errors == []


def test_slash_focuses_the_search_box(page, live_server, gold_articles):
    page.goto(f"{live_server.url}/speakers/")
    page.goto(f"{live_server.url}/")
    page.locator("body").press("/")
    assert page.evaluate("document.activeElement.id") == "q"


def test_opening_a_hit_loads_the_article_page_itself_not_inside_the_results(
    page, live_server, gold_articles
):
    page.goto(f"{live_server.url}/?q=roadmaps")
    page.locator("#quotes .title-link").first.click()
    page.wait_for_url(re.compile(r"/articles/\d+/"))
    assert page.locator("#results").count() == 0  # a page of its own, not swapped into one
    assert page.locator("#q").count() <= 1
    assert "roadmaps" in page.locator("body").inner_text().lower()
