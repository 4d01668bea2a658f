"""Downloads of the whole result set as CSV and JSON Lines."""

import csv
import datetime as dt
import io
import json

import pytest

from search.outputs.exports import neutralise
from tests.quote_factory import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(db, django_capture_on_commit_callbacks, settings):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(12):
            make_article(
                f"Talks round {n}",
                [("Toivo Klaar", f"Round {n} of talks went well"), ("Sergei Lavrov", f"Trade {n}")],
                published=dt.date(2020, 1, 1) + dt.timedelta(days=n),
                url=f"https://example.org/story/{n}",
                role="EU envoy",
            )
        make_article(
            "Hostile",
            [
                ("Toivo Klaar", '=HYPERLINK("http://evil.example","talks")'),
                ("Toivo Klaar", "+1 talks"),
                ("Toivo Klaar", "-2 talks"),
                ("Toivo Klaar", "@SUM(A1) talks"),
            ],
            published=None,
            source="=cmd|' /C calc'!A0",
        )


def read_csv(response) -> list[dict]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="diplomacy-quotes.csv"' == response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def read_jsonl(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_a_csv_export_holds_every_matching_quote_not_just_a_page(client, corpus):
    page = client.get("/", {"q": "talks"}).context["results"]
    response = client.get("/exports/quotes.csv", {"q": "talks"})
    rows = read_csv(response)
    assert len(rows) == page.quotes.total == 16 > len(page.quotes.hits)
    assert response["X-Export-Total"] == response["X-Export-Rows"] == "16"
    assert "X-Export-Cut" not in response
    first = rows[0]
    assert list(first) == [
        "text", "kind", "speaker", "speaker_kind", "attribution", "role", "cue",
        "article_title", "outlet", "date", "url", "permalink",
    ]  # fmt: skip
    talks = next(r for r in rows if r["text"] == "Round 3 of talks went well")
    assert talks["speaker"] == "Toivo Klaar" and talks["role"] == "EU envoy"
    assert talks["speaker_kind"] == "person" and talks["attribution"] == ""
    assert talks["kind"] == "direct" and talks["cue"] == "Toivo Klaar said"
    assert talks["article_title"] == "Talks round 3" and talks["outlet"] == "Trend"
    assert talks["date"] == "2020-01-04" and talks["url"] == "https://example.org/story/3"
    assert talks["permalink"].startswith("http://testserver/quotes/")


def test_exports_follow_the_filters_and_sort_of_the_search(client, corpus):
    rows = read_jsonl(
        client.get("/exports/quotes.jsonl", {"q": "talks", "from": "2020-01-05", "sort": "oldest"})
    )
    assert [r["date"] for r in rows] == [f"2020-01-{d:02}" for d in range(5, 13)]
    rows = read_jsonl(client.get("/exports/quotes.jsonl", {"speaker": "sergei-lavrov"}))
    assert len(rows) == 12 and {r["speaker"] for r in rows} == {"Sergei Lavrov"}


def test_the_row_count_equals_the_total_up_to_the_cap_and_the_cut_is_explained(
    client, corpus, settings
):
    settings.EXPORT_MAX_ROWS = 5
    response = client.get("/exports/quotes.csv", {"q": "talks"})
    rows = read_csv(response)
    assert len(rows) == 6  # five quotes and the notice
    assert rows[-1]["text"] == (
        "# Cut at 5 of 16 quotes (the export limit); narrow the search to download the rest."
    )
    assert response["X-Export-Rows"] == "5" and response["X-Export-Total"] == "16"
    lines = read_jsonl(client.get("/exports/quotes.jsonl", {"q": "talks"}))
    assert len(lines) == 6 and lines[-1]["total"] == 16 and "Cut at 5 of 16" in lines[-1]["notice"]
    body = client.get("/", {"q": "talks"}).content.decode()
    assert "Downloads hold the first 5 of 16 quotes" in body


def test_the_cap_holds_across_several_batches(client, corpus, settings, monkeypatch):
    monkeypatch.setattr("search.outputs.exports.BATCH", 3)
    settings.EXPORT_MAX_ROWS = 100
    rows = read_jsonl(client.get("/exports/quotes.jsonl", {"q": "talks"}))
    assert len(rows) == 16 and len({r["permalink"] for r in rows}) == 16
    settings.EXPORT_MAX_ROWS = 7
    rows = read_jsonl(client.get("/exports/quotes.jsonl", {"q": "talks"}))
    assert len(rows) == 8 and "notice" in rows[-1]


def test_csv_cells_that_would_run_as_formulas_are_neutralised(client, corpus):
    rows = read_csv(
        client.get("/exports/quotes.csv", {"q": "talks", "source": "=cmd|' /C calc'!A0"})
    )
    texts = sorted(r["text"] for r in rows)
    assert texts == [
        "'+1 talks", "'-2 talks", "'=HYPERLINK(\"http://evil.example\",\"talks\")",
        "'@SUM(A1) talks",
    ]  # fmt: skip
    assert {r["outlet"] for r in rows} == {"'=cmd|' /C calc'!A0"}
    assert {r["date"] for r in rows} == {""}  # unknown stays empty


def test_neutralise_leaves_ordinary_text_alone():
    assert neutralise("Talks went well") == "Talks went well"
    assert neutralise("2020-01-01") == "2020-01-01"
    assert neutralise("\t=1") == "'\t=1"


def test_json_lines_keep_the_text_as_it_is(client, corpus):
    rows = read_jsonl(client.get("/exports/quotes.jsonl", {"q": "hyperlink"}))
    assert rows[0]["text"] == '=HYPERLINK("http://evil.example","talks")'


def test_an_invalid_search_explains_itself_instead_of_downloading(client, corpus):
    response = client.get("/exports/quotes.csv", {"q": "talks", "to": "soon"})
    assert response.status_code == 400
    assert "“to” must be a date" in response.content.decode()


def test_the_search_page_offers_the_downloads_for_its_own_search(client, corpus):
    body = client.get("/", {"q": "talks", "kind": "direct", "page": "2"}).content.decode()
    assert 'href="/exports/quotes.csv?q=talks&amp;kind=direct"' in body
    assert 'href="/exports/quotes.jsonl?q=talks&amp;kind=direct"' in body
    assert 'href="/feeds/search/?q=talks&amp;kind=direct"' in body


def test_an_export_reads_its_rows_a_batch_at_a_time_not_one_query_each(client, corpus, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr("search.outputs.exports.BATCH", 5)
    with CaptureQueriesContext(connection) as queries:
        rows = read_jsonl(client.get("/exports/quotes.jsonl", {"q": "talks"}))
    reads = [q for q in queries.captured_queries if 'FROM "search_quote"' in q["sql"]]
    assert len(rows) == 16
    assert len(reads) == 4  # 5 + 5 + 5 + 1


def test_rows_keep_the_searchs_order_whatever_order_the_database_returns(client, corpus):
    ranked = [
        h["id"]
        for h in client.get(
            "/api/v1/search", {"q": "talks", "per_page": 100, "sort": "oldest"}
        ).json()["quotes"]["hits"]
    ]
    rows = read_jsonl(client.get("/exports/quotes.jsonl", {"q": "talks", "sort": "oldest"}))
    assert [int(r["permalink"].rstrip("/").rsplit("/", 1)[1]) for r in rows] == ranked
