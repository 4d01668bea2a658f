"""The analyst's tools end to end in headless Chromium: the who-says-it-most panel, a click on
the timeline, and the quote page's copy button. Same launch and CI rule as test_browser.py
(tests/browser.py: a missing browser fails in CI, skips locally)."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.browser import open_page
from tests.quote_factory import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def corpus(db):
    # Transactional tests commit at once, so the index follows each save.
    make_article(
        "Border talks resume",
        [
            ("Toivo Klaar", "The border talks must resume soon"),
            ("Sergei Lavrov", "The border is calm"),
        ],
        published=dt.date(2019, 11, 20),
    )
    make_article(
        "Border monitors",
        [
            ("Toivo Klaar", "Monitors will watch the border"),
            ("Toivo Klaar", "The border needs monitors"),
        ],
        published=dt.date(2020, 2, 3),
        source="Reuters",
        role="EU Special Representative",
    )
    make_article("Undated", [("Sergei Lavrov", "Nobody wants the border closed")], published=None)


def test_the_panel_agrees_with_the_facets_and_a_bar_narrows_the_search(page, live_server, corpus):
    page.goto(f"{live_server.url}/?q=border")
    panel = page.locator("#who-says")
    expect(panel).to_be_visible()
    expect(panel.locator("tbody tr")).to_have_count(2)
    expect(panel.locator("tbody tr").first.locator("th")).to_have_text("Toivo Klaar")
    for slug, count in (("toivo-klaar", "3"), ("sergei-lavrov", "2")):
        expect(page.locator(f"#who-says-{slug} .who-says-count a")).to_have_text(count)
        # the facet's count reads "quotes: 3" to a screen reader
        expect(page.locator(f"#facet-speaker-{slug} .count")).to_have_text(
            re.compile(rf"(^|\D){count}\s*$")
        )
    expect(page.locator("#timeline-undated")).to_contain_text("1 undated quote")
    chart = page.locator("#timeline-chart")
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] > 300  # drawn, not collapsed

    page.locator("#timeline-bar-2020-02 .timeline-hit").click()
    page.wait_for_url(re.compile(r"from=2020-02-01.*to=2020-02-29"))
    expect(page.locator("#quote-count")).to_have_text("2")
    expect(page.locator("#active-filters")).to_contain_text("From: 2020-02-01")
    expect(page.locator("#who-says tbody tr")).to_have_count(1)
    expect(page.locator("#who-says-toivo-klaar .who-says-count a")).to_have_text("2")

    page.locator("#who-says-toivo-klaar .who-says-name").click()
    page.wait_for_url(re.compile(r"/speakers/toivo-klaar/$"))
    expect(page.locator("h1")).to_have_text("Toivo Klaar")
    expect(page.locator("#search-form")).to_have_count(0)  # a page of its own, not a fragment


def test_the_quote_page_copies_its_citation(browser, live_server, corpus):
    context, tab, errors = open_page(browser, permissions=["clipboard-read", "clipboard-write"])
    try:
        tab.goto(f"{live_server.url}/?q=monitors")
        tab.locator(".hit-links a").first.click()
        tab.wait_for_url(re.compile(r"/quotes/\d+/$"))
        citation = tab.locator("#cite-text").inner_text()
        assert "Toivo Klaar (EU Special Representative) said:" in citation
        assert "Reuters, 3 February 2020." in citation and tab.url in citation
        button = tab.get_by_role("button", name="Copy citation")
        expect(button).to_be_visible()
        button.click()
        expect(tab.locator(".copy-status")).to_have_text("Copied.")
        assert tab.evaluate("navigator.clipboard.readText()") == citation
        assert errors == []
    finally:
        context.close()


def test_on_a_phone_the_results_come_first_and_the_panels_fold_away(browser, live_server, corpus):
    from tests.browser import open_phone

    context, tab, errors = open_phone(browser)
    try:
        tab.goto(f"{live_server.url}/?q=border")
        expect(tab.locator("h1")).to_have_text("Search results for “border”")
        first = tab.locator(".quote-hit").first
        expect(first).to_be_visible()
        box, fold = first.bounding_box(), tab.viewport_size["height"]
        assert box["y"] < fold, f"the first quote starts at {box['y']}px, below the fold ({fold}px)"
        expect(tab.locator("#who-says")).to_be_hidden()
        expect(tab.locator("#timeline-chart")).to_be_hidden()
        expect(tab.locator("#take-away")).to_be_hidden()
        tab.locator("#panels-toggle").click()
        expect(tab.locator("#who-says")).to_be_visible()
        expect(tab.locator("#timeline-chart")).to_be_visible()
        assert errors == []
    finally:
        context.close()


def test_on_a_wide_screen_the_panels_stay_open_without_a_toggle(page, live_server, corpus):
    page.goto(f"{live_server.url}/?q=border")
    expect(page.locator("#panels-toggle")).to_be_hidden()
    expect(page.locator("#who-says")).to_be_visible()
    expect(page.locator("#take-away")).to_be_visible()
