"""What readers follow: their saved searches, the alert emails sent for them (with each quote
an email carried, so a resumed send repeats none and skips none), and the search log."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.http import QueryDict
from django.utils import timezone

from search.engine import SearchRequest, SearchUnavailable, get_backend
from search.pages.forms import SearchForm

# The parameters that make a search (the page number does not).
SEARCH_PARAMS = ("q", "speaker", "source", "kind", "year", "from", "to", "sort")
DIGEST_EVERY = {"daily": dt.timedelta(days=1), "weekly": dt.timedelta(days=7)}
# A digest run by a timer at the same hour each day must not slip a day for a minute's jitter.
DIGEST_SLACK = dt.timedelta(minutes=10)


def canonical_query(params: QueryDict) -> str:
    """The search's parameters in a fixed order, blanks and the page dropped: two ways of
    asking the same search give the same saved search."""
    kept = QueryDict(mutable=True)
    for key in SEARCH_PARAMS:
        values = [v.strip() for v in params.getlist(key) if v and v.strip()]
        if key == "sort" and values in (["relevance"], []):
            continue
        if values:
            kept.setlist(key, values)
    return kept.urlencode()


class Reader(User):
    """A reader's account, as editors see it in the admin (invited by email)."""

    class Meta:
        proxy = True
        verbose_name = "reader"


class SavedSearch(models.Model):
    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", "As soon as new quotes arrive"
        DAILY = "daily", "Daily digest"
        WEEKLY = "weekly", "Weekly digest"
        NEVER = "never", "No email"

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(max_length=120)
    query_string = models.CharField(max_length=4000, help_text="The search's parameters.")
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.DAILY)
    created = models.DateTimeField(auto_now_add=True)
    # Quotes above this id are "new since the last visit" on My searches.
    seen_quote_id = models.PositiveBigIntegerField(default=0)
    # Quotes up to this id have been looked at for an alert (sent or not matching).
    alerted_quote_id = models.PositiveBigIntegerField(default=0)
    last_sent = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "saved searches"
        constraints = [
            models.UniqueConstraint(fields=["owner", "query_string"], name="one_saved_search")
        ]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def limit() -> int:
        return settings.FOLLOWING_MAX_SAVED_SEARCHES

    @property
    def url(self) -> str:
        return f"/?{self.query_string}"

    @property
    def feed_url(self) -> str:
        return f"/feeds/search/?{self.query_string}"

    @property
    def export_url(self) -> str:
        return f"/exports/quotes.csv?{self.query_string}"

    def describe(self) -> str:
        """The search in words, for pages and emails: “karabakh” · speaker: sergei-lavrov."""
        params = QueryDict(self.query_string)
        parts = [f"“{params['q']}”"] if params.get("q") else []
        labels = {"from": "from", "to": "to", "sort": "sorted"}
        for key in SEARCH_PARAMS[1:]:
            if params.getlist(key):
                parts.append(f"{labels.get(key, key)}: {', '.join(params.getlist(key))}")
        return " · ".join(parts) or "everything"

    def search_request(self) -> tuple[SearchRequest | None, str]:
        """The search as it reads today, or None and why it cannot run: a speaker since
        deleted, a query the parser no longer reads as it did when saved."""
        form = SearchForm(QueryDict(self.query_string))
        if not form.is_valid():
            errors = [e for field_errors in form.errors.values() for e in field_errors]
            return None, " ".join(errors)
        request = form.search_request(per_page=1, page=1)
        if request.query.warnings:
            return None, "The query no longer reads as saved: " + " ".join(request.query.warnings)
        return request, ""

    def problem(self) -> str:
        return self.search_request()[1]

    def quotes_after(self, after: int) -> list[int]:
        request, problem = self.search_request()
        return get_backend().quotes_after(request, after) if request else []

    def new_quotes(self) -> int | None:
        """Quotes found since the reader last opened this search; None when search is down."""
        try:
            return len(self.quotes_after(self.seen_quote_id))
        except SearchUnavailable:
            return None

    def is_due(self, now: dt.datetime) -> bool:
        if self.frequency == self.Frequency.NEVER:
            return False
        if self.frequency == self.Frequency.IMMEDIATE or self.last_sent is None:
            return True
        return now - self.last_sent >= DIGEST_EVERY[self.frequency] - DIGEST_SLACK


class Delivery(models.Model):
    """One alert email: recorded with its quotes before it is sent, marked sent after, so a
    send killed in between is sent by the next run (and no quote goes twice)."""

    saved_search = models.ForeignKey(
        SavedSearch, on_delete=models.CASCADE, related_name="deliveries"
    )
    created = models.DateTimeField(default=timezone.now)
    sent = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True, help_text="Why the mail server refused it.")

    class Meta:
        ordering = ["-created"]
        verbose_name_plural = "deliveries"

    def __str__(self) -> str:
        return f"{self.saved_search} · {self.created:%Y-%m-%d %H:%M}"


def statement_of(quote) -> str:
    """What stays the same when a quote is extracted again: the key its words group under
    (``Quote.group_key``), or for a quote too short for one, where it sits in the article."""
    return quote.group_key or f"@{quote.start}-{quote.end}"


class SentQuote(models.Model):
    """A quote one delivery carried. Its article and statement come along so that a quote
    re-extracted under a new id is still recognised as sent."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="items")
    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="+")
    quote_id = models.PositiveBigIntegerField()
    article_id = models.PositiveBigIntegerField()
    statement = models.CharField(max_length=40, help_text="See ``statement_of``.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["saved_search", "quote_id"], name="quote_sent_once")
        ]

    def __str__(self) -> str:
        return f"quote {self.quote_id} for {self.saved_search_id}"


class SearchLog(models.Model):
    """One search someone ran: what, how much it found, when. Never who, nor from where."""

    query = models.CharField(max_length=2000, blank=True)
    filters = models.CharField(max_length=2000, blank=True, help_text="The other parameters.")
    results = models.PositiveIntegerField()
    searched = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-searched"]
        verbose_name = "search log entry"
        verbose_name_plural = "search log"

    def __str__(self) -> str:
        return self.query or "(filters only)"
