"""The signed-in reader's saved searches in the JSON API (read-only): /api/v1/searches and
/api/v1/searches/{id}. Session sign-in, as on the site; anyone else gets a JSON 401."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.security import SessionAuth

from search.following.models import SavedSearch

router = Router(auth=SessionAuth(), tags=["saved searches"])


class SavedSearchOut(Schema):
    id: int
    name: str
    query: str  # the search page's parameters, as a query string
    described: str
    alerts: str  # immediate, daily, weekly or never
    created: dt.datetime
    last_sent: dt.datetime | None
    page: str  # the search on the site
    api_search: str  # the same search in this API
    feed: str
    export: str
    problem: str  # why it cannot run, or ""


def _out(saved: SavedSearch) -> dict:
    return {
        "id": saved.pk,
        "name": saved.name,
        "query": saved.query_string,
        "described": saved.describe(),
        "alerts": saved.frequency,
        "created": saved.created,
        "last_sent": saved.last_sent,
        "page": saved.url,
        "api_search": f"/api/v1/search?{saved.query_string}",
        "feed": saved.feed_url,
        "export": saved.export_url,
        "problem": saved.problem(),
    }


@router.get("", response=list[SavedSearchOut], summary="My saved searches")
def saved_searches(request):
    return [_out(s) for s in request.user.saved_searches.all()]


@router.get("/{search_id}", response=SavedSearchOut, summary="One of my saved searches")
def saved_search(request, search_id: int):
    return _out(get_object_or_404(SavedSearch, pk=search_id, owner=request.user))
