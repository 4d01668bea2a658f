"""Saving a search from the results page, and My searches."""

import datetime as dt

import pytest

from search.following.models import SavedSearch
from tests.following import follow, make_reader
from tests.quote_factory import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_article(
            "Talks", [("Sergei Lavrov", "Karabakh talks go on")], published=dt.date(2021, 3, 9)
        )


@pytest.fixture
def reader(client, corpus):
    user = make_reader()
    client.force_login(user)
    return user


def test_a_signed_in_reader_sees_the_save_button_on_results(client, reader):
    page = client.get("/?q=karabakh&sort=newest").content.decode()
    assert 'id="save-search-button"' in page
    assert 'name="query" value="q=karabakh&amp;sort=newest"' in page
    assert 'id="save-search-form"' in page


def test_a_visitor_is_asked_to_sign_in_to_save(client, corpus):
    page = client.get("/?q=karabakh").content.decode()
    assert 'id="save-search-button"' not in page
    assert 'href="/accounts/login/?next=/%3Fq%3Dkarabakh"' in page


def test_saving_keeps_the_query_typed_filters_facets_and_sort(client, reader):
    response = client.post(
        "/searches/save/",
        {
            "name": "Lavrov on Karabakh",
            "query": "sort=newest&q=karabakh+from%3A2020&speaker=sergei-lavrov&page=3",
            "frequency": "weekly",
        },
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get()
    assert saved.owner == reader and saved.frequency == "weekly"
    assert saved.query_string == "q=karabakh+from%3A2020&speaker=sergei-lavrov&sort=newest"
    page = client.get(response["Location"]).content.decode()
    assert "Saved “Lavrov on Karabakh”" in page


def test_my_searches_links_to_the_search_its_feed_and_its_export(client, reader):
    saved = follow(reader, "q=karabakh", name="Karabakh")
    page = client.get("/searches/").content.decode()
    assert f'href="/searches/{saved.pk}/open/"' in page
    assert 'href="/feeds/search/?q=karabakh"' in page
    assert 'href="/exports/quotes.csv?q=karabakh"' in page
    assert client.get("/feeds/search/?q=karabakh").status_code == 200


def test_my_searches_counts_new_quotes_until_the_search_is_opened(
    client, reader, django_capture_on_commit_callbacks
):
    saved = follow(reader, "q=karabakh")
    assert f'id="new-{saved.pk}">nothing new' in client.get("/searches/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_article("More", [("Sergei Lavrov", "Karabakh again")], published=None)
        make_article("Other", [("Sergei Lavrov", "Trade grows")], published=None)
    assert f'id="new-{saved.pk}">1 new' in client.get("/searches/").content.decode()
    response = client.get(f"/searches/{saved.pk}/open/")
    assert response["Location"] == "/?q=karabakh"
    assert f'id="new-{saved.pk}">nothing new' in client.get("/searches/").content.decode()


def test_saving_the_same_search_again_renames_it(client, reader):
    follow(reader, "q=karabakh", name="First")
    client.post("/searches/save/", {"name": "Second", "query": "q=karabakh", "frequency": "daily"})
    assert list(SavedSearch.objects.values_list("name", flat=True)) == ["Second"]


def test_a_reader_may_not_save_more_than_the_limit(client, reader, settings):
    settings.FOLLOWING_MAX_SAVED_SEARCHES = 1000
    SavedSearch.objects.bulk_create(
        SavedSearch(owner=reader, name=f"s{i}", query_string=f"q=w{i}") for i in range(1000)
    )
    response = client.post(
        "/searches/save/",
        {"name": "One more", "query": "q=karabakh", "frequency": "daily"},
        follow=True,
    )
    assert SavedSearch.objects.count() == 1000
    assert "You have saved 1000 searches, the most one reader may keep" in response.content.decode()


def test_a_search_with_an_unknown_speaker_cannot_be_saved(client, reader):
    response = client.post(
        "/searches/save/",
        {"name": "x", "query": "speaker=nobody", "frequency": "daily"},
        follow=True,
    )
    assert not SavedSearch.objects.exists()
    assert "There is no speaker “nobody”" in response.content.decode()


def test_an_empty_search_cannot_be_saved(client, reader):
    response = client.post("/searches/save/", {"name": "x", "query": ""}, follow=True)
    assert not SavedSearch.objects.exists()
    assert "Search for something first" in response.content.decode()


def test_alerts_can_be_changed_and_a_search_deleted(client, reader):
    saved = follow(reader, "q=karabakh")
    client.post(f"/searches/{saved.pk}/alerts/", {f"s{saved.pk}-frequency": "never"})
    saved.refresh_from_db()
    assert saved.frequency == "never"
    client.post(f"/searches/{saved.pk}/delete/")
    assert not SavedSearch.objects.exists()


def test_another_readers_search_cannot_be_opened_changed_or_deleted(client, reader):
    other = follow(make_reader("other@example.org"), "q=karabakh")
    assert client.get(f"/searches/{other.pk}/open/").status_code == 404
    assert client.post(f"/searches/{other.pk}/delete/").status_code == 404
    assert SavedSearch.objects.filter(pk=other.pk).exists()
    assert f"saved-{other.pk}" not in client.get("/searches/").content.decode()


def test_my_searches_asks_a_visitor_to_sign_in(client):
    response = client.get("/searches/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/searches/"


@pytest.mark.parametrize(
    "post, says",
    [
        ({"name": "", "query": "q=karabakh"}, "Give the search a name"),
        ({"name": "x" * 121, "query": "q=karabakh"}, "Keep the name under 120 characters"),
        ({"name": "x", "query": "q=" + "k" * 5000}, "This search is too long to save"),
        ({"name": "x", "query": "q=karabakh", "frequency": "hourly"}, "Select a valid choice"),
        ({"name": "x", "query": "q=a%0d%0aSet-Cookie:%20x=1"}, "Saved"),
    ],
)
def test_bad_input_to_save_gets_a_clear_answer_never_an_error_page(client, reader, post, says):
    response = client.post("/searches/save/", {"frequency": "daily", **post})
    assert response.status_code == 302
    assert not {"\r", "\n"} & set(response["Location"])  # encoded, never a header break
    assert says in client.get(response["Location"]).content.decode()
