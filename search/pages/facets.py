"""Facet links, filter chips and page links for the search page: each is a URL that adds or
removes one parameter, so every state of the page has its own shareable address."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.text import slugify

from search.engine import UNDATED, FacetValue
from search.query import field_filters

# facet name in the results -> GET parameter
PARAMS = {
    "speaker": "speaker", "speaker_kind": "speaker_kind", "source": "source", "year": "year",
    "kind": "kind",
}  # fmt: skip
TITLES = {
    "speaker": "Speakers", "speaker_kind": "People or organisations", "source": "Outlets",
    "year": "Years", "kind": "Kind of quote",
}  # fmt: skip
LABELS = {"speaker_kind": {"person": "People", "organisation": "Organisations"}}
CHOICES_ONLY = {"speaker_kind"}  # facets shown only when they offer a choice
# Speakers and kinds are properties of quotes, outlets and dates of articles: each facet says
# which it counts, so "12" beside an outlet is not read as twelve quotes.
UNITS = {
    "speaker": "quotes", "speaker_kind": "quotes", "source": "articles", "year": "articles",
    "kind": "quotes",
}  # fmt: skip
TYPED = {"speaker": "Speaker", "role": "Role", "source": "Outlet", "kind": "Kind"}
TYPED |= {"from": "From", "to": "To"}
SHOWN = 12  # links per facet; each is a URL to build, so only those shown are made


@dataclass(frozen=True)
class FacetLink:
    dom_id: str
    label: str
    count: int
    url: str
    active: bool


@dataclass(frozen=True)
class Facet:
    name: str
    title: str
    unit: str  # what the counts count: "quotes" or "articles"
    links: list[FacetLink]


@dataclass(frozen=True)
class Chip:
    label: str
    remove_url: str
    typed: bool = False  # typed into the query, rather than picked from the sidebar


def _lists(params: QueryDict, drop: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """The parameters as plain lists, in order: a page builds forty links, and copying a
    QueryDict deep-copies it each time."""
    return {key: list(values) for key, values in params.lists() if key not in drop}


def _url(lists: dict[str, list[str]]) -> str:
    encoded = urlencode([(key, value) for key, values in lists.items() for value in values])
    return f"?{encoded}" if encoded else "?"


def toggle(params: QueryDict, key: str, value: str) -> str:
    """The URL with ``key=value`` added, or removed when it is already there."""
    lists = _lists(params, drop=("page",))
    values = lists.setdefault(key, [])
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    return _url(lists)


def replace(params: QueryDict, **changes) -> str:
    lists = _lists(params)
    for key, value in changes.items():
        if value in (None, ""):
            lists.pop(key, None)
        else:
            lists[key] = [str(value)]
    return _url(lists)


def dom_id(facet: str, value: str) -> str:
    """A stable HTML id for a facet value, in any script: the value's slug ("trend",
    "вестник-кавказа"), with a short hash of the value added when the slug loses more than
    case and spacing ("AzerTAc (state)", "—"), so two values never share an id."""
    slug = slugify(value, allow_unicode=True)
    if not slug or slug != "-".join(value.casefold().split()):
        slug = "-".join(filter(None, (slug, _digest(value))))
    return f"facet-{facet}-{slug}"


def _digest(value: str) -> str:
    return hashlib.blake2s(value.encode("utf-8"), digest_size=4).hexdigest()


def facets(results_facets: dict[str, list[FacetValue]], params: QueryDict) -> list[Facet]:
    out = []
    for name, param in PARAMS.items():
        values = _shown(results_facets.get(name) or [])
        active = set(params.getlist(param))
        links, ids = [], set()
        for v in values:
            link_id = dom_id(name, v.value)
            if link_id in ids:  # values equal but for case or spacing ("Trend", "TREND")
                link_id = f"{link_id}-{_digest(v.value)}"
            ids.add(link_id)
            links.append(
                FacetLink(
                    dom_id=link_id,
                    label=LABELS.get(name, {}).get(v.value, v.label),
                    count=v.count,
                    url=toggle(params, param, v.value),
                    active=v.value in active,
                )
            )
        if name in CHOICES_ONLY and len(links) < 2 and not any(link.active for link in links):
            continue  # "People: 12" alone offers no choice
        if links:
            out.append(Facet(name=name, title=TITLES[name], unit=UNITS[name], links=links))
    return out


def _shown(values: list[FacetValue]) -> list[FacetValue]:
    """The first ``SHOWN`` values, and the "date unknown" bucket however many years precede
    it: it is the only way to reach undated articles."""
    shown = values[:SHOWN]
    shown += [v for v in values[SHOWN:] if v.value == UNDATED]
    return shown


def chips(cleaned: dict, params: QueryDict, speaker_names: dict[str, str]) -> list[Chip]:
    """One removable chip per active filter, whether picked in the sidebar or typed into the
    query (removing a typed one takes it out of the query text)."""
    out = [
        Chip(f"{TYPED[f.name]}: {f.value}", replace(params, q=f.without, page=None), typed=True)
        for f in field_filters(cleaned.get("q", ""))
    ]
    for slug in cleaned.get("speaker", []):
        out.append(
            Chip(f"Speaker: {speaker_names.get(slug, slug)}", toggle(params, "speaker", slug))
        )
    for source in cleaned.get("source", []):
        out.append(Chip(f"Outlet: {source}", toggle(params, "source", source)))
    for year in cleaned.get("year", []):
        label = "Date unknown" if year == UNDATED else f"Year: {year}"
        out.append(Chip(label, toggle(params, "year", str(year))))
    for kind in cleaned.get("kind", []):
        out.append(Chip(f"Kind: {kind}", toggle(params, "kind", kind)))
    for kind in cleaned.get("speaker_kind", []):
        label = LABELS["speaker_kind"].get(kind, kind)
        out.append(Chip(f"Speakers: {label}", toggle(params, "speaker_kind", kind)))
    for key, label in (("from", "From"), ("to", "To")):
        if cleaned.get(key):
            out.append(
                Chip(
                    f"{label}: {cleaned[key].isoformat()}",
                    replace(params, **{key: None, "page": None}),
                )
            )
    return out
