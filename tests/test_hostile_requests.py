"""Arbitrary query strings and GET parameters never produce a server error, nor a request
that costs far more work than an ordinary search (counted in steps, not timed). Values no
parameter can hold (control characters, over 2,000 characters) are refused before the page
(tests/test_params.py); every other value gives a page."""

import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from .steps import steps

pytestmark = pytest.mark.django_db

# A hostile request may cost this many times an ordinary search's steps. The worst found so
# far, a 500-letter word whose spelling corrections are looked up, costs about 45 times.
HOSTILE_FACTOR = 100

PARAMS = ["q", "speaker", "source", "kind", "year", "from", "to", "sort", "page", "name"]
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300
) | st.sampled_from(
    [
        '"unbalanced',
        "OR",
        "-",
        "*",
        "speaker:",
        'speaker:"',
        "from:2019-99-99",
        "to:abc",
        "kind:none",
        "a" * 10_000,
        "\x00\x01\x02",
        '"><img src=x onerror=alert(1)>',
        "javascript:alert(1)",
        "9" * 50,
        "-1",
    ]
)


def acceptable(value: str) -> str:
    """``value`` without what the site refuses outright: control characters, non-characters
    and anything past 2,000 characters."""
    kept = (
        c
        for c in value
        if (unicodedata.category(c) != "Cc" or c in "\t\n\r") and c not in "\ufffe\uffff"
    )
    return "".join(kept)[:2000]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(params=st.dictionaries(st.sampled_from(PARAMS), text, max_size=4))
@example(params={"q": "a" * 2_000})  # the longest word, looked up for spelling corrections
@example(params={"q": "xyz " * 500, "page": "9" * 50})  # the most words
def test_any_search_parameters_give_a_page_not_an_error(client, gold_articles, params):
    params = {k: acceptable(v) for k, v in params.items()}
    client.get("/", {"q": "relations"})  # warm: templates parsed, searcher open
    ordinary = steps(client.get, "/", {"q": "relations"})[1]
    for url in ("/", "/speakers/"):
        response, work = steps(client.get, url, params)
        assert response.status_code == 200, (url, params)
        assert work <= HOSTILE_FACTOR * ordinary, (url, params)
    fragment = client.get("/", params, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(q=text)
def test_any_query_on_the_article_page_is_safe(client, gold_articles, q):
    response = client.get(f"/articles/{gold_articles[0].pk}/", {"q": acceptable(q)})
    assert response.status_code == 200
    assert "<img src=x" not in response.content.decode()


def test_a_nul_byte_in_the_query_string_is_explained_not_an_error(client, gold_articles):
    response = client.get("/?q=%00relations&speaker=%00")
    assert response.status_code == 400
    assert "control character" in response.content.decode()
