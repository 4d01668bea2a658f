"""Readers and saved searches for the tests of search/following."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Max

from search.following.models import SavedSearch
from search.models import Quote


def make_reader(email: str = "reader@example.org", password: str = "a long pass phrase") -> User:
    return User.objects.create_user(username=email, email=email, password=password)


def follow(reader: User, query_string: str, name: str = "", frequency: str = "immediate"):
    """A saved search made now: only quotes from now on are new to it."""
    latest = Quote.objects.aggregate(top=Max("pk"))["top"] or 0
    return SavedSearch.objects.create(
        owner=reader,
        name=name or query_string,
        query_string=query_string,
        frequency=frequency,
        seen_quote_id=latest,
        alerted_quote_id=latest,
    )
