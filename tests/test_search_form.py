import datetime as dt

import pytest
from django.http import QueryDict

from search.pages.forms import SearchForm

pytestmark = pytest.mark.django_db


def form(query: str) -> SearchForm:
    return SearchForm(QueryDict(query))


def test_an_empty_query_is_valid_and_sorts_by_relevance():
    f = form("")
    assert f.is_valid()
    assert f.cleaned_data["sort"] == "relevance"
    assert f.cleaned_data["page"] == 1


def test_repeated_filters_are_kept_in_order_without_duplicates():
    f = form("source=Trend&source=AFP&source=Trend&kind=direct&year=2020")
    assert f.is_valid(), f.errors
    assert f.cleaned_data["source"] == ["Trend", "AFP"]
    assert f.cleaned_data["year"] == [2020]


def test_from_after_to_is_swapped():
    f = form("from=2021-01-01&to=2019-01-01")
    assert f.is_valid()
    assert f.cleaned_data["from"] == dt.date(2019, 1, 1)
    assert f.cleaned_data["to"] == dt.date(2021, 1, 1)


@pytest.mark.parametrize(
    "query, field",
    [
        ("from=yesterday", "from"),
        ("to=2020-13-01", "to"),
        ("kind=gossip", "kind"),
        ("year=abc", "year"),
        ("year=%C2%B2", "year"),  # "²" is a digit to Python, but no year
        ("sort=random", "sort"),
        ("page=-1", "page"),
        ("speaker=no-such-person", "speaker"),
        ("speaker=<script>", "speaker"),
    ],
)
def test_a_bad_value_is_an_error_on_its_own_field(query, field):
    f = form(query)
    assert not f.is_valid()
    assert field in f.errors
