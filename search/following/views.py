"""Readers' pages: save a search, My searches, choose alerts, and the one-click unsubscribe
from an email's link."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from search.following.forms import AlertForm, SaveSearchForm
from search.following.mail import unsubscribed_search
from search.following.models import Delivery, SavedSearch, canonical_query
from search.models import Quote

REFUSALS_SHOWN = dt.timedelta(days=30)


def _latest_quote_id() -> int:
    return Quote.objects.aggregate(top=Max("pk"))["top"] or 0


@require_POST
@login_required
def save_search(request):
    form = SaveSearchForm(request.POST)
    # Back to the search, rebuilt from its parameters (nothing raw reaches the header).
    query = canonical_query(QueryDict(request.POST.get("query", "")[:4000]))
    back = f"/?{query}" if query else "/"
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return HttpResponseRedirect(back)
    data = form.cleaned_data
    mine = request.user.saved_searches
    existing = mine.filter(query_string=data["query"]).first()
    if existing:
        existing.name, existing.frequency = data["name"], data["frequency"]
        existing.save(update_fields=["name", "frequency"])
        messages.success(
            request, f"This search was already saved; it is now called “{existing.name}”."
        )
        return HttpResponseRedirect(back)
    limit = SavedSearch.limit()
    if mine.count() >= limit:
        messages.error(
            request,
            f"You have saved {limit} searches, the most one reader may keep. Delete one on "
            "My searches to save another.",
        )
        return HttpResponseRedirect(back)
    latest = _latest_quote_id()
    saved = mine.create(
        name=data["name"],
        query_string=data["query"],
        frequency=data["frequency"],
        seen_quote_id=latest,
        alerted_quote_id=latest,  # alerts are for what arrives from now on
    )
    messages.success(request, f"Saved “{saved.name}”. It is on My searches.")
    return HttpResponseRedirect(back)


@require_safe
@login_required
def my_searches(request):
    searches = list(request.user.saved_searches.all())
    # Each search's latest email of the last month: if the mail server refused it, say so.
    latest = {
        saved_id: error
        for saved_id, error in Delivery.objects.filter(
            saved_search__owner=request.user, created__gte=timezone.now() - REFUSALS_SHOWN
        )
        .order_by("created", "pk")
        .values_list("saved_search_id", "error")
    }
    refused = {saved_id: error for saved_id, error in latest.items() if error}
    rows = [
        {
            "saved": s,
            "problem": s.problem(),
            "new": s.new_quotes(),
            "refused": refused.get(s.pk, ""),
            "form": AlertForm(initial={"frequency": s.frequency}, prefix=f"s{s.pk}"),
        }
        for s in searches
    ]
    return render(
        request,
        "following/my_searches.html",
        {"rows": rows, "limit": SavedSearch.limit(), "frequencies": SavedSearch.Frequency},
    )


@require_safe
@login_required
def open_search(request, pk: int):
    """Open a saved search from My searches: what is there now counts as seen."""
    saved = get_object_or_404(SavedSearch, pk=pk, owner=request.user)
    SavedSearch.objects.filter(pk=saved.pk).update(seen_quote_id=_latest_quote_id())
    return HttpResponseRedirect(saved.url)


@require_POST
@login_required
def change_alerts(request, pk: int):
    saved = get_object_or_404(SavedSearch, pk=pk, owner=request.user)
    form = AlertForm(request.POST, prefix=f"s{pk}")
    if form.is_valid():
        saved.frequency = form.cleaned_data["frequency"]
        saved.save(update_fields=["frequency"])
        messages.success(request, f"“{saved.name}”: {saved.get_frequency_display().lower()}.")
    else:
        messages.error(request, "Choose how often to hear about this search.")
    return HttpResponseRedirect(reverse("my-searches"))


@require_POST
@login_required
def delete_search(request, pk: int):
    saved = get_object_or_404(SavedSearch, pk=pk, owner=request.user)
    saved.delete()
    messages.success(request, f"Deleted “{saved.name}”.")
    return HttpResponseRedirect(reverse("my-searches"))


@csrf_exempt  # the signed link is the credential; mail clients post it with no cookie (RFC 8058)
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    pk = unsubscribed_search(token)
    saved = SavedSearch.objects.filter(pk=pk).first() if pk is not None else None
    if pk is None:
        state = "invalid"
    elif saved is None:
        state = "gone"
    elif request.method == "POST":
        saved.frequency = SavedSearch.Frequency.NEVER
        saved.save(update_fields=["frequency"])
        state = "done"
    else:
        state = "ask" if saved.frequency != SavedSearch.Frequency.NEVER else "done"
    status = 400 if state == "invalid" else 200
    return render(
        request, "following/unsubscribe.html", {"state": state, "saved": saved}, status=status
    )
