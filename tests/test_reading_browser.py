"""The article page, the filters, the front page and the speakers list in real Chromium."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import PHONE, SCREENSHOTS, open_page, open_phone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def quote_box(page, quote_id: int) -> dict:
    """Where a quote's pieces are on screen, and what is drawn at its first line's middle."""
    return page.evaluate(
        """id => {
          const pieces = [...document.querySelectorAll(`.quote[data-quote="${id}"]`)];
          const rects = pieces.flatMap(p => [...p.getClientRects()]);
          const first = rects[0];
          const hit = document.elementFromPoint(first.left + 4, (first.top + first.bottom) / 2);
          return {
            top: Math.min(...rects.map(r => r.top)),
            bottom: Math.max(...rects.map(r => r.bottom)),
            rects: rects.map(r => [r.left, r.top, r.right, r.bottom]),
            visibleAtStart: pieces.some(p => p.contains(hit)),
            height: window.innerHeight,
          };
        }""",
        quote_id,
    )


NEXT_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# the article page


def test_picking_a_speaker_in_the_legend_fades_the_others_and_is_kept_in_the_url(
    page, live_server, newsroom
):
    article = newsroom[0]
    page.set_viewport_size({"width": 1280, "height": 500})
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    page.evaluate("window.scrollTo(0, 200); window.__sameDocument = true")
    page.locator("#legend-elena-marsh").click()
    page.wait_for_url(re.compile(r"\?only=elena-marsh$"))
    expect(page.locator("#article-body")).to_have_class(re.compile(r"\bpicked\b"))
    expect(page.locator("#legend-elena-marsh")).to_have_attribute("aria-current", "true")
    faded = page.locator(".quote.faded")
    expect(faded).to_have_count(2)  # Verde's and Orten's
    assert set(faded.evaluate_all("els => els.map(e => e.dataset.speaker)")) == {
        "Tomas Verde",
        "Maya Orten",
    }
    assert page.evaluate("window.__sameDocument") is True  # swapped in place, not reloaded
    assert page.evaluate("window.scrollY") > 0  # and the reader's place is kept
    background = faded.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == "rgba(0, 0, 0, 0)"

    page.reload()  # the state is in the address
    assert page.locator(".quote.faded").count() == 2
    page.locator("#show-all").click()
    page.wait_for_url(lambda url: "only=" not in url)
    expect(page.locator(".quote.faded")).to_have_count(0)


def test_the_marks_toggle_leaves_plain_text(page, live_server, newsroom):
    page.goto(f"{live_server.url}/articles/{newsroom[0].pk}/")
    quote = page.locator(".quote").first
    assert quote.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.locator("#marks-toggle").click()
    page.wait_for_url(re.compile(r"marks=off"))
    expect(page.locator("#article-body")).to_have_class(re.compile(r"\bmarks-off\b"))
    quote = page.locator(".quote").first
    assert quote.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert page.locator(".para-who").first.is_hidden()
    expect(page.locator("#marks-toggle")).to_have_text("Show the marks")


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_arriving_at_a_quote_shows_it_with_room_above_emphasised_and_uncovered(
    browser, live_server, newsroom, device
):
    article = newsroom[0]
    quote = article.quotes.order_by("start")[3]  # well down the page
    context, page, errors = open_phone(browser) if device == "phone" else open_page(browser)
    try:
        page.goto(f"{live_server.url}/articles/{article.pk}/#quote-{quote.pk}")
        page.wait_for_function("window.scrollY > 0 || document.body.scrollHeight <= innerHeight")
        box = quote_box(page, quote.pk)
        assert box["top"] >= 0.15 * box["height"], "no room above the quote"
        assert box["top"] < 0.6 * box["height"]
        assert box["visibleAtStart"], "something is drawn over the quote"
        assert page.locator(f'.quote[data-quote="{quote.pk}"].is-target').count() >= 1
        assert page.locator("#quote-card").is_hidden(), "a card opened over the quote"
        # The emphasis is brief.
        expect(page.locator(f'.quote[data-quote="{quote.pk}"].is-target')).to_have_count(
            0, timeout=5000
        )
    finally:
        context.close()
    assert errors == []


def test_the_quote_card_stays_on_screen_and_off_the_quote_on_a_phone(
    browser, live_server, newsroom
):
    article = newsroom[0]
    context, page, errors = open_page(browser, PHONE)
    try:
        page.goto(f"{live_server.url}/articles/{article.pk}/")
        for quote in article.quotes.order_by("start"):
            page.locator(f"#quote-{quote.pk}").scroll_into_view_if_needed()
            page.evaluate(NEXT_FRAMES)  # scrolling hides the card: let that happen first
            left, top, right, bottom = quote_box(page, quote.pk)["rects"][0]
            page.mouse.move(left + 3, (top + bottom) / 2)
            card = page.locator("#quote-card")
            expect(card).to_be_visible()
            expect(card).to_contain_text(quote.speaker.name)
            rect = card.evaluate(
                "e => { const r = e.getBoundingClientRect();"
                " return [r.left, r.top, r.right, r.bottom] }"
            )
            assert rect[0] >= 0 and rect[2] <= PHONE["width"], f"card off screen: {rect}"
            for quote_rect in quote_box(page, quote.pk)["rects"]:
                assert not overlaps(rect, quote_rect), "the card covers its quote"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "article-card-390-light.png"))
    finally:
        context.close()
    assert errors == []


# search: filters on a phone, and quote filters narrowing the articles


def test_on_a_phone_the_filters_fold_into_a_control_above_the_results(
    browser, live_server, newsroom
):
    context, page, errors = open_phone(browser)
    try:
        page.goto(f"{live_server.url}/?q=treaty")
        toggle = page.locator("#filters-toggle")
        expect(toggle).to_be_visible()
        assert toggle.bounding_box()["y"] < page.locator("#quotes").bounding_box()["y"]
        expect(page.locator("#facet-kind-direct")).to_be_hidden()
        toggle.click()
        expect(page.locator("#facet-kind-direct")).to_be_visible()
        page.locator("#facet-kind-direct").click()
        page.wait_for_url(re.compile(r"kind=direct"))
        expect(page.locator("#active-filters")).to_contain_text("Kind: direct")
        assert page.locator(".keyboard-hint").is_hidden()  # no keyboard on a touch screen
    finally:
        context.close()
    assert errors == []


def test_on_a_wide_screen_the_filters_are_open_beside_the_results(page, live_server, newsroom):
    page.goto(f"{live_server.url}/?q=treaty")
    expect(page.locator("#filters-toggle")).to_be_hidden()
    expect(page.locator("#facet-kind-direct")).to_be_visible()
    expect(page.locator(".keyboard-hint")).to_be_visible()


def test_a_quote_filter_narrows_the_articles_to_those_holding_such_quotes(
    page, live_server, newsroom
):
    page.goto(f"{live_server.url}/?sort=newest")
    before = int(page.locator("#article-count").inner_text())
    expect(page.locator("#articles-narrowed")).to_have_count(0)
    page.locator("#facet-kind-mixed").click()
    page.wait_for_url(re.compile(r"kind=mixed"))
    expect(page.locator("#articles-narrowed")).to_be_visible()
    after = int(page.locator("#article-count").inner_text())
    assert after < before
    quoted_in = set(
        page.locator("#quotes .quote-hit .meta a").evaluate_all("as => as.map(a => a.pathname)")
    )
    listed = set(page.locator("#articles h3 a").evaluate_all("as => as.map(a => a.pathname)"))
    assert listed and listed <= quoted_in
    outlets = page.locator("#facet-source .count").all_inner_texts()
    assert sum(int(t.split()[-1]) for t in outlets) == after  # the facet counts agree


def test_a_speaker_typed_into_the_query_is_a_chip_that_removes_it(page, live_server, newsroom):
    page.goto(f"{live_server.url}/?q=treaty+speaker%3Amarsh")
    chip = page.locator("#active-filters .chip-typed")
    expect(chip).to_have_text(re.compile("Speaker: marsh"))
    chip.click()
    page.wait_for_url(re.compile(r"\?q=treaty$"))
    expect(page.locator("#q")).to_have_value("treaty")


# the front page


def test_the_front_page_says_what_the_site_is_and_leads_into_the_search(
    page, live_server, newsroom
):
    page.goto(f"{live_server.url}/")
    expect(page.locator("#purpose")).to_contain_text("who said what")
    expect(page.locator("#summary")).to_have_count(0)  # no "page 1 of 3" of everything
    dates = page.locator("#latest-quotes time").evaluate_all(
        "ts => ts.map(t => t.getAttribute('datetime'))"
    )
    assert dates and dates == sorted(dates, reverse=True)
    speakers = page.locator("#top-speakers a[href^='/?']")
    assert speakers.count() >= 5
    assert speakers.first.inner_text().startswith("Elena Marsh")
    for selector, prefix in (
        ("#top-speakers li a", "/?speaker="),
        ("#outlets li a", "/?source="),
        ("#latest-quotes .badge", "/?speaker="),
    ):
        hrefs = page.locator(selector).evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert hrefs and all(h.startswith(prefix) for h in hrefs), hrefs
    page.locator("#outlets li a", has_text="Caspian Herald").click()
    page.wait_for_url(re.compile(r"source=Caspian"))
    expect(page.locator("#active-filters")).to_contain_text("Outlet: Caspian Herald")


# the speakers list


def test_the_speakers_list_searches_as_you_type_sorts_and_pages(page, live_server, newsroom):
    page.goto(f"{live_server.url}/speakers/")
    page.evaluate("window.__sameDocument = true")
    name_box, listing = page.locator("#name").bounding_box(), page.locator("#speaker-list")
    assert name_box["y"] + name_box["height"] < listing.bounding_box()["y"]  # search, then list
    assert name_box["width"] > 300
    first_row = page.locator("#speaker-list tbody tr").first
    expect(first_row.locator(".role")).to_have_text("Foreign Minister of Nordland")
    expect(first_row.locator(".quote-total")).to_have_text("5")

    page.locator("#sort-name").click()
    page.wait_for_url(re.compile(r"sort=name"))
    expect(page.locator("#sort-name")).to_have_attribute("aria-current", "true")
    names = page.locator("#speaker-list .speaker-name a").all_inner_texts()
    assert names == sorted(names, key=str.casefold)
    page.locator("a[rel=next]").click()
    page.wait_for_url(re.compile(r"page=2"))
    expect(page.locator("#speaker-results .pagination")).to_contain_text("Page 2 of 2")
    assert set(page.locator("#speaker-list .speaker-name a").all_inner_texts()).isdisjoint(names)

    page.locator("#name").press_sequentially("verd", delay=20)
    page.wait_for_url(re.compile(r"name=verd"))
    expect(page.locator("#speaker-list .speaker-name a")).to_have_text(["Tomas Verde"])
    assert "sort=name" in page.url and "page=" not in page.url
    assert page.evaluate("window.__sameDocument") is True


# one type system


def test_only_quoted_words_are_serif_and_the_footer_lines_up_with_the_content(
    page, live_server, newsroom
):
    article = newsroom[0]
    for path in ("/", "/?q=treaty", f"/articles/{article.pk}/", "/speakers/elena-marsh/"):
        page.goto(f"{live_server.url}{path}")
        stray = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
              .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
              .filter(e => getComputedStyle(e).fontFamily.startsWith('"Iowan Old Style"'))
              .filter(e => !e.closest('.quote-text, .article-body .quote, .brand-mark'))
              .map(e => e.tagName + '.' + e.className + ': ' + e.textContent.trim().slice(0, 40))"""
        )
        assert stray == [], f"serif outside quotes on {path}"
        serif_quotes = page.locator(".quote-text, .article-body .quote").evaluate_all(
            "es => es.map(e => getComputedStyle(e).fontFamily.startsWith('\"Iowan'))"
        )
        assert serif_quotes and all(serif_quotes)
        footer = page.locator(".site-footer p").bounding_box()
        main = page.locator("#main").bounding_box()
        header = page.locator(".brand").bounding_box()
        assert abs(footer["x"] - header["x"]) < 1
        assert abs(footer["x"] + footer["width"] - (main["x"] + main["width"])) < 30
