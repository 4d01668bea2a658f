"""The search log: every search counted without who or where, the admin's weekly report of
popular searches and those that found nothing, and pruning."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from search.following import search_log
from search.following.models import SearchLog
from tests.quote_factory import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_article("Talks", [("Sergei Lavrov", "Karabakh talks go on")], published=None)


def test_each_search_is_logged_with_its_words_filters_and_count_and_no_address(client, corpus):
    client.get("/?q=karabakh&sort=newest", REMOTE_ADDR="203.0.113.9")
    client.get("/?q=zanzibar")
    entries = list(SearchLog.objects.order_by("pk").values("query", "filters", "results"))
    assert entries == [
        {"query": "karabakh", "filters": "sort=newest", "results": 2},
        {"query": "zanzibar", "filters": "", "results": 0},
    ]
    fields = {f.name for f in SearchLog._meta.get_fields()}
    assert fields == {"id", "query", "filters", "results", "searched"}
    assert not SearchLog.objects.filter(query__contains="203.0.113.9").exists()


def test_the_front_page_and_further_pages_are_not_new_searches(client, corpus):
    client.get("/")
    client.get("/?q=karabakh&page=2")
    assert not SearchLog.objects.exists()


def test_a_setting_turns_the_log_off(client, corpus, settings):
    settings.SEARCH_LOG = False
    client.get("/?q=karabakh")
    assert not SearchLog.objects.exists()


def test_prune_removes_entries_older_than_the_retention(settings):
    settings.SEARCH_LOG_RETENTION_DAYS = 90
    now = timezone.now()
    SearchLog.objects.create(query="old", results=1, searched=now - dt.timedelta(days=91))
    SearchLog.objects.create(query="recent", results=1, searched=now - dt.timedelta(days=89))
    call_command("prune_search_log", stdout=__import__("io").StringIO())
    assert list(SearchLog.objects.values_list("query", flat=True)) == ["recent"]


def test_the_admin_shows_popular_searches_and_those_that_found_nothing(admin_client):
    now = timezone.now()
    for query, results, times in (("karabakh", 4, 3), ("minsk", 2, 1), ("zanzibar", 0, 2)):
        for _ in range(times):
            SearchLog.objects.create(query=query, results=results, searched=now)
    SearchLog.objects.create(query="lastweek", results=0, searched=now - dt.timedelta(days=7))
    page = admin_client.get("/admin/following/searchlog/").content.decode()
    popular = page.split('id="popular-searches"')[1].split('id="searches-found-nothing"')[0]
    nothing = page.split('id="searches-found-nothing"')[1].split("</section>")[0]
    assert popular.index("karabakh") < popular.index("zanzibar") < popular.index("minsk")
    assert "zanzibar" in nothing and "lastweek" in nothing and "karabakh" not in nothing
    weeks = search_log.by_week(found_nothing=True)
    assert [w["searches"][0]["query"] for w in weeks] == ["zanzibar", "lastweek"]
