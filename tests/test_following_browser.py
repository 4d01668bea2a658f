"""Following a search end to end in headless Chromium: sign in, search, save the search,
import a story with a matching quote, run send_alerts against a real SMTP server, open the
email's link and land on the quote, then unsubscribe from the email's link. Same launch and
CI rule as the other browser tests (tests/browser.py)."""

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from search.following.models import SavedSearch
from tests.browser import PHONE, serious_violations
from tests.following import make_reader
from tests.quote_factory import make_article
from tests.smtp import parts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STORY = """Karabakh talks to resume

MOSCOW, March 9 (Reuters) - Russia's foreign minister spoke on Tuesday.

"The Karabakh talks will resume in Geneva next month," Foreign Minister Sergei Lavrov told
reporters in Moscow.
"""


@pytest.fixture
def corpus(db):
    make_article(
        "Earlier talks",
        [("Sergei Lavrov", "Karabakh talks were hard")],
        published=dt.date(2020, 1, 1),
    )
    return make_reader("reader@example.org", "a long pass phrase")


def test_a_reader_follows_a_search_and_lands_on_the_new_quote_from_the_email(
    page, live_server, corpus, smtp_server, settings, tmp_path
):
    settings.SITE_URL = live_server.url
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email (or username)").fill("reader@example.org")
    page.get_by_label("Password").fill("a long pass phrase")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/searches/$"))
    expect(page.locator("#no-saved-searches")).to_be_visible()

    page.goto(f"{live_server.url}/")
    page.locator("#q").fill("karabakh")  # the page searches as one types
    expect(page.locator("#quote-count")).to_have_text("1")
    page.wait_for_url(re.compile(r"/\?q=karabakh$"))
    expect(page.locator("#save-search summary")).to_be_hidden()  # open on a wide screen
    page.get_by_label("Save this search as").fill("Karabakh")
    page.locator("#save-frequency").select_option("immediate")
    page.locator("#save-search-button").click()
    expect(page.locator(".messages")).to_contain_text("Saved “Karabakh”")
    assert SavedSearch.objects.get().query_string == "q=karabakh"

    story = tmp_path / "karabakh.txt"
    story.write_text(STORY, encoding="utf-8")
    call_command("import_articles", str(story), stdout=io.StringIO())
    out = io.StringIO()
    call_command("send_alerts", stdout=out)
    assert "Sent 1 email" in out.getvalue()
    [message] = smtp_server.to("reader@example.org")
    text = parts(message)[0]
    assert "Karabakh talks will resume in Geneva" in text

    quote_link = re.search(rf"{re.escape(live_server.url)}/quotes/\d+/", text).group(0)
    page.goto(quote_link)
    expect(page.locator("#quote-text")).to_contain_text("Karabakh talks will resume in Geneva")
    expect(page.locator("#quote-speaker")).to_contain_text("Sergei Lavrov")

    page.goto(f"{live_server.url}/searches/")
    expect(page.locator(".saved-name")).to_contain_text("Karabakh")
    assert serious_violations(page) == []

    unsubscribe = re.search(rf"{re.escape(live_server.url)}/unsubscribe/\S+/", text).group(0)
    page.goto(unsubscribe)
    assert serious_violations(page) == []
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.locator("#unsubscribed")).to_contain_text("No more emails will come for")
    assert SavedSearch.objects.get().frequency == SavedSearch.Frequency.NEVER


def test_the_save_form_fits_a_phone_and_saving_needs_no_javascript(browser, live_server, corpus):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(f"{live_server.url}/accounts/login/?next=/%3Fq%3Dkarabakh")
        tab.locator("#id_username").fill("reader@example.org")
        tab.locator("#id_password").fill("a long pass phrase")
        tab.locator("#signin-form button").click()
        tab.wait_for_url(re.compile(r"/\?q=karabakh$"))
        tab.locator("#save-search summary").click()
        tab.locator("#save-search-button").click()
        expect(tab.locator(".messages")).to_contain_text("Saved “karabakh”")
    finally:
        context.close()
