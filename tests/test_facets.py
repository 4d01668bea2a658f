"""Facet links, filter chips and page links: each is a URL that adds or removes one
parameter, and each facet value has a stable HTML id in any script."""

from __future__ import annotations

import datetime as dt

from django.http import QueryDict

from search.engine import FacetValue
from search.pages.facets import chips, dom_id, facets, replace, toggle

OUTLETS = ["Trend", "Вестник Кавказа", "Азертадж", "Azərtac", "Report.az", "ნიუსი", "—", "«»"]


def source_links(names, params=""):
    values = {"source": [FacetValue(n, n, 1) for n in names]}
    (facet,) = facets(values, QueryDict(params))
    return facet.links


def test_ids_keep_the_name_in_its_own_script():
    assert dom_id("source", "Trend") == "facet-source-trend"
    assert dom_id("source", "Вестник Кавказа") == "facet-source-вестник-кавказа"
    assert dom_id("source", "Азертадж") == "facet-source-азертадж"
    assert dom_id("speaker", "mikhail-bocharnikov") == "facet-speaker-mikhail-bocharnikov"
    assert dom_id("year", "2020") == "facet-year-2020"


def test_outlets_in_any_script_get_ids_unique_on_the_page():
    ids = [link.dom_id for link in source_links(OUTLETS)]
    assert len(set(ids)) == len(OUTLETS)
    assert all(" " not in i and i.startswith("facet-source-") and i != "facet-source-" for i in ids)


def test_ids_do_not_depend_on_the_other_values_or_their_order():
    alone = {name: source_links([name])[0].dom_id for name in OUTLETS}
    together = {link.label: link.dom_id for link in source_links(list(reversed(OUTLETS)))}
    assert together == alone


def test_names_that_differ_only_in_punctuation_or_case_still_get_their_own_ids():
    assert dom_id("source", "Report.az") != dom_id("source", "Report az")
    assert dom_id("source", "—") != dom_id("source", "«»")
    ids = [link.dom_id for link in source_links(["Trend", "TREND"])]
    assert ids[0] == "facet-source-trend" and len(set(ids)) == 2


def test_a_facet_link_toggles_its_value_and_goes_back_to_the_first_page():
    (trend,) = source_links(["Trend"], "q=oil&page=3")
    assert trend.url == "?q=oil&source=Trend" and not trend.active
    (active,) = source_links(["Trend"], "q=oil&source=Trend")
    assert active.url == "?q=oil" and active.active


def test_toggle_and_replace_keep_the_other_parameters_in_order():
    params = QueryDict("q=oil&source=Trend&source=Reuters&page=2")
    assert toggle(params, "source", "Reuters") == "?q=oil&source=Trend"
    assert toggle(params, "kind", "direct") == "?q=oil&source=Trend&source=Reuters&kind=direct"
    assert replace(params, page=3) == "?q=oil&source=Trend&source=Reuters&page=3"
    assert replace(params, q=None, page=None) == "?source=Trend&source=Reuters"
    assert replace(QueryDict("page=2"), page=None) == "?"


def test_only_the_shown_links_are_built():
    links = source_links([f"Outlet {n}" for n in range(40)])
    assert len(links) == 12


def test_a_facet_with_no_values_is_left_out():
    found = facets({"source": [], "kind": [FacetValue("direct", "direct", 2)]}, QueryDict())
    assert [facet.name for facet in found] == ["kind"]


def test_each_active_filter_gets_a_chip_that_removes_just_it():
    params = QueryDict("q=oil&speaker=ilham-aliyev&source=Trend&year=2020&from=2020-01-01")
    cleaned = {
        "speaker": ["ilham-aliyev"],
        "source": ["Trend"],
        "year": [2020],
        "kind": [],
        "from": dt.date(2020, 1, 1),
        "to": None,
    }
    shown = {
        c.label: c.remove_url for c in chips(cleaned, params, {"ilham-aliyev": "Ilham Aliyev"})
    }
    assert shown == {
        "Speaker: Ilham Aliyev": "?q=oil&source=Trend&year=2020&from=2020-01-01",
        "Outlet: Trend": "?q=oil&speaker=ilham-aliyev&year=2020&from=2020-01-01",
        "Year: 2020": "?q=oil&speaker=ilham-aliyev&source=Trend&from=2020-01-01",
        "From: 2020-01-01": "?q=oil&speaker=ilham-aliyev&source=Trend&year=2020",
    }
