"""Every page, as a reader sees it: at 1280 px and 390 px in light and dark (screenshots in
test-artifacts/screenshots/), without sideways scrolling at 360 px, and with no serious or
critical axe-core finding in either colour scheme."""

import pytest

from tests.browser import (
    DESKTOP,
    NARROWEST,
    PHONE,
    horizontal_overflow,
    open_page,
    open_phone,
    screenshot,
    serious_violations,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pages(newsroom, gold_articles) -> dict[str, str]:
    from search.following.mail import unsubscribe_token
    from tests.following import follow, make_reader

    marsh_report = newsroom[0]
    saved = follow(make_reader(), "q=treaty", name="Treaty")
    quote = marsh_report.quotes.order_by("start")[1]
    return {
        "front": "/",
        "search": "/?q=treaty",
        "search-filtered": "/?q=corridor+speaker:lind&kind=indirect",
        "article": f"/articles/{marsh_report.pk}/",
        "article-quote": f"/articles/{marsh_report.pk}/?q=treaty#quote-{quote.pk}",
        "article-long": f"/articles/{gold_articles[0].pk}/?only=mikhail-bocharnikov",
        "speaker": "/speakers/elena-marsh/",
        "speakers": "/speakers/",
        "sign-in": "/accounts/login/",
        "password-reset": "/accounts/password-reset/",
        "unsubscribe": f"/unsubscribe/{unsubscribe_token(saved)}/",
        "not-found": "/nowhere/",
    }


AXE_PAGES = ("front", "search", "article", "speaker", "speakers", "sign-in", "unsubscribe")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_fits_and_has_no_serious_accessibility_finding(
    browser, live_server, newsroom, gold_articles, scheme
):
    desktop, page, errors = open_page(browser, DESKTOP, color_scheme=scheme)
    phone, touch, touch_errors = open_phone(browser, color_scheme=scheme)
    found, overflowing = {}, {}
    try:
        for name, path in pages(newsroom, gold_articles).items():
            page.goto(f"{live_server.url}{path}")
            page.wait_for_load_state("networkidle")
            screenshot(page, f"{name}-1280-{scheme}")
            touch.set_viewport_size(PHONE)
            touch.goto(f"{live_server.url}{path}")
            touch.wait_for_load_state("networkidle")
            screenshot(touch, f"{name}-390-{scheme}")
            if name in AXE_PAGES:
                found[name] = serious_violations(page)
                found[f"{name} on a phone"] = serious_violations(touch)
            touch.set_viewport_size(NARROWEST)
            touch.goto(f"{live_server.url}{path}")
            overflowing[name] = horizontal_overflow(touch)
    finally:
        desktop.close()
        phone.close()
    assert {name: px for name, px in overflowing.items() if px > 0} == {}
    assert {name: v for name, v in found.items() if v} == {}
    # The not-found page is meant to answer 404, which the console reports.
    assert [e for e in errors + touch_errors if "404" not in e] == []
