"""``send_alerts``: each saved search's new quotes by email, through Django's SMTP backend to
a real SMTP server on loopback, read back as a mail client would."""

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from search.following import alerts
from search.following.models import Delivery, SavedSearch, SentQuote
from search.models import Quote, Speaker
from tests.following import follow, make_reader
from tests.quote_factory import make_article
from tests.smtp import parts

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Make articles (or change quotes) with the index following each commit."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


@pytest.fixture
def reader(indexed):
    indexed(
        make_article,
        "Old talks",
        [("Sergei Lavrov", "Karabakh talks were hard")],
        published=dt.date(2020, 1, 1),
    )
    return make_reader()


def new_story(indexed, text="Karabakh talks <resume> & go on", speaker="Sergei Lavrov", **kw):
    kw.setdefault("published", dt.date(2021, 3, 9))
    return indexed(make_article, "Talks resume", [(speaker, text)], source="Reuters", **kw)


def test_a_new_matching_quote_is_emailed_with_speaker_outlet_date_and_link(
    smtp_server, reader, indexed
):
    follow(reader, "q=karabakh", name="Karabakh")
    article = new_story(indexed)
    new_story(indexed, text="Trade grows", speaker="Ilham Aliyev")  # does not match
    report = alerts.send_alerts()
    assert report.sent == 1 and report.quotes == 1
    [message] = smtp_server.to("reader@example.org")
    assert message["Subject"] == "1 new quote for “Karabakh”"
    text, html = parts(message)
    quote = article.quotes.get()
    assert "“Karabakh talks <resume> & go on”" in text
    assert "Sergei Lavrov, Reuters, 9 March 2021" in text
    assert f"http://testserver/quotes/{quote.pk}/" in text
    assert "http://testserver/?q=karabakh" in text
    assert "Trade grows" not in text
    # the HTML part escapes the quote's text
    assert "Karabakh talks &lt;resume&gt; &amp; go on" in html
    assert "<resume>" not in html
    assert f'href="http://testserver/quotes/{quote.pk}/"' in html


def test_every_email_has_a_signed_one_click_unsubscribe(smtp_server, reader, indexed, client):
    saved = follow(reader, "q=karabakh")
    new_story(indexed)
    alerts.send_alerts()
    [message] = smtp_server.messages
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.fullmatch(r"<(.+)>", message["List-Unsubscribe"].strip()).group(1)
    assert url in parts(message)[0] and url in parts(message)[1]
    path = url.removeprefix("http://testserver")
    # a mail client's one-click POST carries no cookie and no CSRF token
    client.handler.enforce_csrf_checks = True
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    saved.refresh_from_db()
    assert saved.frequency == SavedSearch.Frequency.NEVER
    new_story(indexed, text="Karabakh again")
    assert alerts.send_alerts().sent == 0


def test_a_tampered_unsubscribe_link_is_refused_with_an_explanation(client, reader):
    saved = follow(reader, "q=karabakh")
    from search.following.mail import unsubscribe_token

    token = unsubscribe_token(saved)
    response = client.post(f"/unsubscribe/{token[:-2]}xx/")
    assert response.status_code == 400
    assert b"This link does not work" in response.content
    saved.refresh_from_db()
    assert saved.frequency == "immediate"


def test_the_same_quote_is_never_sent_twice(smtp_server, reader, indexed):
    follow(reader, "q=karabakh")
    new_story(indexed)
    assert alerts.send_alerts().sent == 1
    assert alerts.send_alerts().sent == 0
    assert len(smtp_server.messages) == 1


def test_a_re_extracted_quote_under_a_new_id_is_not_sent_again(smtp_server, reader, indexed):
    follow(reader, "q=karabakh")
    article = new_story(indexed)
    alerts.send_alerts()
    old = article.quotes.get()

    def again():
        fields = {
            f: getattr(old, f) for f in ("article", "speaker", "text", "kind", "start", "end")
        }
        old.delete()
        Quote.objects.create(**fields)

    indexed(again)
    assert article.quotes.get().pk != old.pk
    assert alerts.send_alerts().sent == 0
    assert len(smtp_server.messages) == 1


def test_a_send_killed_after_recording_resumes_without_duplicates_or_gaps(
    smtp_server, reader, indexed, monkeypatch
):
    follow(reader, "q=karabakh")
    first = new_story(indexed).quotes.get()

    def killed(delivery, connection, report, lines):
        raise KeyboardInterrupt  # the process dies after recording, before the mail goes

    monkeypatch.setattr(alerts, "_send", killed)
    with pytest.raises(KeyboardInterrupt):
        alerts.send_alerts()
    monkeypatch.undo()
    assert smtp_server.messages == []
    second = new_story(indexed, text="Karabakh once more").quotes.get()
    report = alerts.send_alerts()
    assert report.resumed == 1 and report.sent == 2
    texts = [parts(m)[0] for m in smtp_server.messages]
    assert sum(first.text in t for t in texts) == 1
    assert sum(second.text in t for t in texts) == 1
    assert alerts.send_alerts().sent == 0


def test_an_address_the_server_refuses_is_reported_and_shown_to_the_reader(
    smtp_server, indexed, client
):
    bouncing = make_reader("bounce@example.org")
    kept = make_reader("kept@example.org")
    refused = follow(bouncing, "q=karabakh", name="Bouncing")
    follow(kept, "q=karabakh")
    new_story(indexed)
    report = alerts.send_alerts()
    assert report.sent == 1  # the other reader still gets theirs
    assert report.refused == ["bounce@example.org: 550 5.1.1 No such mailbox here"]
    assert Delivery.objects.get(saved_search=refused).error.startswith("bounce@example.org")
    out = __import__("io").StringIO()
    call_command("send_alerts", stdout=out)  # not tried again and again
    assert "Refused" not in out.getvalue()
    client.force_login(bouncing)
    page = client.get("/searches/").content.decode()
    assert f'id="refused-{refused.pk}"' in page and "550 5.1.1" in page


def test_a_search_whose_speaker_was_deleted_is_not_sent_and_says_why(
    smtp_server, reader, indexed, client
):
    new_story(indexed)
    saved = follow(reader, "speaker=sergei-lavrov")
    indexed(Speaker.objects.get(slug="sergei-lavrov").delete)
    new_story(indexed, speaker="Sergei Lavrov Junior")
    report = alerts.send_alerts()
    assert report.sent == 0
    assert "There is no speaker “sergei-lavrov”" in report.problems[0]
    client.force_login(reader)
    page = client.get("/searches/").content.decode()
    assert f'id="problem-{saved.pk}"' in page and "There is no speaker" in page


def test_a_query_that_no_longer_parses_is_not_sent_and_says_why(smtp_server, reader, indexed):
    # Saved before the parser stopped reading this date; it now ignores it (with a warning),
    # which would otherwise turn the search into "every quote".
    follow(reader, "q=from%3A2021-13-45")
    new_story(indexed)
    report = alerts.send_alerts()
    assert report.sent == 0
    assert "no longer reads as saved" in report.problems[0]


def test_a_daily_digest_waits_a_day_and_then_carries_everything_new(smtp_server, reader, indexed):
    saved = follow(reader, "q=karabakh", frequency="daily")
    new_story(indexed)
    assert alerts.send_alerts().sent == 1
    new_story(indexed, text="Karabakh two")
    new_story(indexed, text="Karabakh three")
    assert alerts.send_alerts().sent == 0  # sent less than a day ago
    tomorrow = timezone.now() + dt.timedelta(days=1)
    report = alerts.send_alerts(now=tomorrow)
    assert report.sent == 1 and report.quotes == 2
    saved.refresh_from_db()
    assert SentQuote.objects.filter(saved_search=saved).count() == 3


def test_the_command_says_what_it_sent(smtp_server, reader, indexed):
    follow(reader, "q=karabakh")
    new_story(indexed)
    out = __import__("io").StringIO()
    call_command("send_alerts", stdout=out)
    assert "Sent 1 email with 1 quote" in out.getvalue()


def test_a_run_with_nothing_to_send_writes_no_mail_file(reader, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    follow(reader, "q=karabakh")
    alerts.send_alerts()
    assert not (tmp_path / "mail").exists() or not list((tmp_path / "mail").iterdir())


def test_without_an_smtp_host_alerts_are_written_to_files(reader, indexed, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    follow(reader, "q=karabakh")
    new_story(indexed)
    assert alerts.send_alerts().sent == 1
    [written] = (tmp_path / "mail").iterdir()
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in written.read_text()


def test_a_quote_the_index_has_not_caught_up_with_is_sent_by_a_later_run(
    smtp_server, reader, django_capture_on_commit_callbacks
):
    from search.engine import get_backend

    follow(reader, "q=karabakh")
    with django_capture_on_commit_callbacks(execute=False) as index_writes:
        make_article("Late", [("Sergei Lavrov", "Karabakh news, not indexed yet")], published=None)
    if getattr(get_backend(), "transactional", False):
        # PostgreSQL search writes its rows in the article's own transaction: a saved quote
        # is never missing from its index, so the first run sends it.
        assert alerts.send_alerts().sent == 1
        return
    assert alerts.send_alerts().sent == 0  # in the database, not yet in the index
    for write in index_writes:
        write()
    report = alerts.send_alerts()
    assert report.sent == 1
    assert "not indexed yet" in parts(smtp_server.messages[0])[0]


def test_a_quote_missing_from_the_index_for_long_holds_no_alert_back(smtp_server, reader, indexed):
    from search.engine import get_backend

    follow(reader, "q=karabakh")
    lost = new_story(indexed, text="Karabakh, lost to the index").quotes.get()
    get_backend().delete(quote_ids=[lost.pk])  # as a damaged index might
    new_story(indexed)
    assert alerts.send_alerts().sent == 0  # held back: the index may yet catch up
    later = timezone.now() + alerts.INDEX_WAIT
    report = alerts.send_alerts(now=later)
    assert report.sent == 1
    assert "lost to the index" not in parts(smtp_server.messages[0])[0]
    assert "Karabakh talks" in parts(smtp_server.messages[0])[0]
