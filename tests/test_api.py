"""The read-only JSON API under /api/v1/."""

import datetime as dt

import pytest

from search.models import Quote
from search.outputs.api import api
from tests.quote_factory import make_article

pytestmark = pytest.mark.django_db

STATEMENT = "Moscow is ready to assist the delimitation of the border"


@pytest.fixture
def corpus(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        articles = [
            make_article(
                f"Border talks {n}",
                [("Toivo Klaar", f"Border talks number {n} went well"), ("Sergei Lavrov", "Trade")],
                published=dt.date(2020, 1, 1) + dt.timedelta(days=30 * n),
                source="Trend" if n % 2 else "Reuters",
                role="EU envoy",
            )
            for n in range(14)
        ]
        articles.append(
            make_article(
                "Ambassador",
                [("Mikhail Bocharnikov", STATEMENT)],
                published=dt.date(2019, 11, 20),
                url="https://example.org/a",
                lead="The ambassador spoke in Baku.",
            )
        )
        articles.append(
            make_article("Copy", [("Mikhail Bocharnikov", STATEMENT)], published=None, source="APA")
        )
    return articles


def api_get(client, path, params=None):
    response = client.get(f"/api/v1{path}", params or {})
    assert response["Content-Type"].startswith("application/json")
    return response, response.json()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "border"},
        {"q": "border", "sort": "oldest", "page": "2"},
        {"q": "talks speaker:klaar from:2020-03-01"},
        {"q": "", "source": "Reuters", "kind": "direct"},
        {"q": "border OR delimitation", "speaker": "mikhail-bocharnikov"},
        {"q": "border", "year": "2020", "sort": "newest"},
    ],
)
def test_api_search_matches_the_search_page(client, corpus, params):
    page = client.get("/", params).context["results"]
    response, data = api_get(client, "/search", params)
    assert response.status_code == 200
    assert [h["id"] for h in data["quotes"]["hits"]] == [h.quote_id for h in page.quotes.hits]
    assert [h["id"] for h in data["articles"]["hits"]] == [h.article_id for h in page.articles.hits]
    assert data["quotes"]["total"] == page.quotes.total
    assert data["articles"]["total"] == page.articles.total
    assert data["quotes"]["pages"] == page.quotes.pages
    assert {k: [(v["value"], v["count"]) for v in vs] for k, vs in data["facets"].items()} == {
        k: [(v.value, v.count) for v in vs] for k, vs in page.facets.items()
    }


def test_api_search_hits_carry_what_a_client_needs(client, corpus):
    _, data = api_get(client, "/search", {"q": "delimitation", "per_page": "1"})
    assert data["per_page"] == 1 and data["quotes"]["total"] == 2 and data["quotes"]["pages"] == 2
    hit = data["quotes"]["hits"][0]
    assert hit["speaker"] == {
        "name": "Mikhail Bocharnikov",
        "slug": "mikhail-bocharnikov",
        "url": "http://testserver/speakers/mikhail-bocharnikov/",
    }
    assert "<mark>delimitation</mark>" in hit["highlighted"]
    assert hit["permalink"] == f"http://testserver/quotes/{hit['id']}/"
    assert hit["published"] == "2019-11-20"


def test_api_search_errors_are_json_with_a_clear_message(client, corpus):
    response, data = api_get(client, "/search", {"q": "border", "from": "last week"})
    assert response.status_code == 400
    assert data["detail"] == "“from” must be a date like 2019-01-31."
    response, data = api_get(client, "/search", {"speaker": "nobody-here"})
    assert response.status_code == 400 and "There is no speaker" in data["detail"]
    response, data = api_get(client, "/search", {"per_page": "500"})
    assert response.status_code == 422
    assert data["detail"] == "per_page: Input should be less than or equal to 100."


def test_a_quote_comes_with_its_paragraph_and_the_same_statement_elsewhere(client, corpus):
    quote = Quote.objects.get(article=corpus[-1])
    response, data = api_get(client, f"/quotes/{quote.pk}")
    assert response.status_code == 200
    assert data["text"] == STATEMENT and data["outlet"] == "APA" and data["published"] is None
    assert data["paragraph"] == f"“{STATEMENT},” Mikhail Bocharnikov said."
    assert data["first_said"] == "2019-11-20"
    other = Quote.objects.get(article=corpus[-2])
    assert [s["id"] for s in data["same_statement"]] == [other.pk]
    assert data["article_page"] == f"http://testserver/articles/{corpus[-1].pk}/#quote-{quote.pk}"


def test_a_quote_says_how_its_speaker_was_found_and_what_the_speaker_is(client, corpus):
    quote = Quote.objects.get(article=corpus[-1])
    Quote.objects.filter(pk=quote.pk).update(attribution="editor")
    _, data = api_get(client, f"/quotes/{quote.pk}")
    assert (data["attribution"], data["speaker_kind"]) == ("editor", "person")
    _, data = api_get(client, "/speakers/mikhail-bocharnikov")
    assert data["kind"] == "person"


def test_an_article_comes_with_its_quotes(client, corpus):
    article = corpus[0]
    response, data = api_get(client, f"/articles/{article.pk}")
    assert response.status_code == 200
    assert data["title"] == "Border talks 0" and data["outlet"] == "Reuters"
    assert data["body"] == article.body
    assert [q["text"] for q in data["quotes"]] == ["Border talks number 0 went well", "Trade"]
    assert data["quotes"][0]["role"] == "EU envoy"


def test_missing_things_are_json_404s(client, corpus):
    for path in ("/quotes/999999", "/articles/999999", "/speakers/nobody-here", "/nonsense"):
        response, data = api_get(client, path)
        assert response.status_code == 404, path
        assert data["detail"], path
    assert api_get(client, "/quotes/999999")[1]["detail"] == "There is no quote 999999."


def test_speakers_are_listed_most_quoted_first_and_one_can_be_read(client, corpus):
    _, data = api_get(client, "/speakers", {"per_page": "2"})
    assert data["total"] == 3 and data["pages"] == 2
    assert [(s["slug"], s["quote_count"]) for s in data["speakers"]] == [
        ("sergei-lavrov", 14),
        ("toivo-klaar", 14),
    ]
    _, data = api_get(client, "/speakers", {"name": "bochar"})
    assert [s["slug"] for s in data["speakers"]] == ["mikhail-bocharnikov"]
    response, data = api_get(client, "/speakers/toivo-klaar")
    assert response.status_code == 200
    assert data["name"] == "Toivo Klaar" and data["quote_count"] == 14
    assert data["feed"] == "http://testserver/feeds/speakers/toivo-klaar/"


def test_an_openapi_description_is_served(client, db):
    response, data = api_get(client, "/openapi.json")
    assert response.status_code == 200
    assert data["info"]["title"] == "Diplomacy API"
    assert {
        "/api/v1/search",
        "/api/v1/quotes/{quote_id}",
        "/api/v1/articles/{article_id}",
        "/api/v1/speakers",
        "/api/v1/speakers/{slug}",
    } <= set(data["paths"])
    params = {p["name"] for p in data["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert {"q", "speaker", "from", "to", "sort", "page", "per_page"} <= params
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and b"/static/ninja/swagger-ui-bundle.js" in docs.content


def test_the_api_is_read_only(client, corpus):
    assert client.post("/api/v1/search", {"q": "x"}).status_code == 405


def test_anonymous_reads_are_rate_limited(client, corpus, monkeypatch):
    (throttle,) = api.throttle
    monkeypatch.setattr(throttle, "num_requests", 3)
    for _ in range(3):
        assert client.get("/api/v1/speakers").status_code == 200
    response, data = api_get(client, "/speakers")
    assert response.status_code == 429
    assert data["detail"] == "Too many requests."
    assert int(response["Retry-After"]) > 0
    spoofed = client.get("/api/v1/speakers", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert spoofed.status_code == 429  # a made-up forwarded address does not reset it
    other = client.get("/api/v1/speakers", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200  # each client has its own allowance


def test_the_api_and_the_downloads_share_one_allowance(client, corpus, monkeypatch):
    (throttle,) = api.throttle
    monkeypatch.setattr(throttle, "num_requests", 3)
    assert client.get("/api/v1/speakers").status_code == 200
    assert client.get("/exports/quotes.csv", {"q": "border"}).status_code == 200
    assert client.get("/exports/quotes.jsonl", {"q": "border"}).status_code == 200
    refused = client.get("/exports/quotes.csv", {"q": "border"})
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("text/plain")
    assert "Too many downloads and API requests" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert client.get("/api/v1/speakers").status_code == 429


def test_the_count_is_kept_where_every_worker_sees_it(client, corpus):
    """Another gunicorn worker has its own memory; a cache over the same database table is
    what it shares with this one."""
    from django.core.cache.backends.db import DatabaseCache

    client.get("/api/v1/speakers")
    client.get("/exports/quotes.csv", {"q": "border"})
    (throttle,) = api.throttle
    other_worker = DatabaseCache("diplomacy_cache", {})
    assert len(other_worker.get(throttle.get_cache_key(client.get("/").wsgi_request))) == 2


def test_an_unavailable_index_is_a_json_503(client, corpus, monkeypatch):
    from search.engine import SearchUnavailable, get_backend

    def fail(request, *limit):
        raise SearchUnavailable("the index is gone")

    monkeypatch.setattr(get_backend(), "search", fail)
    monkeypatch.setattr(get_backend(), "ranked_quote_ids", fail)  # the downloads' read
    response, data = api_get(client, "/search", {"q": "border"})
    assert response.status_code == 503
    assert data["detail"] == "Search is unavailable right now; try again later."
    assert client.get("/feeds/search/", {"q": "border"}).status_code == 503
    assert client.get("/exports/quotes.csv", {"q": "border"}).status_code == 503


@pytest.mark.django_db(transaction=True)
def test_a_site_whose_limit_has_no_table_yet_still_answers_and_says_the_fix(client, caplog):
    from django.core.management import call_command
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE diplomacy_cache")
    try:
        assert client.get("/api/v1/speakers").status_code == 200
        assert "python manage.py createcachetable" in caplog.text
    finally:
        call_command("createcachetable")
