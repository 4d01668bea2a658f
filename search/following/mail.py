"""The emails this app sends, each with a plain text and an HTML part rendered from
templates (Django's autoescaping escapes the quotes' text), and the signed links in them."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from search.following.models import Delivery, SavedSearch
from search.models import Quote

UNSUBSCRIBE_SALT = "following.unsubscribe"
QUOTES_SHOWN = 50  # an email lists this many; the rest are one link away


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def unsubscribe_token(saved: SavedSearch) -> str:
    return signing.dumps(saved.pk, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribed_search(token: str) -> int | None:
    """The saved search a signed link names, or None for a link that was tampered with."""
    try:
        return int(signing.loads(token, salt=UNSUBSCRIBE_SALT))
    except (signing.BadSignature, ValueError, TypeError):
        return None


def unsubscribe_url(saved: SavedSearch) -> str:
    return absolute(reverse("unsubscribe", args=[unsubscribe_token(saved)]))


def message(template: str, context: dict, subject: str, to: str, **kwargs):
    """An email from ``following/email/<template>.txt`` and ``.html``."""
    context = {**context, "site_url": settings.SITE_URL}
    text = render_to_string(f"following/email/{template}.txt", context)
    email = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to], **kwargs)
    email.attach_alternative(
        render_to_string(f"following/email/{template}.html", context), "text/html"
    )
    return email


@dataclass(frozen=True)
class QuoteLine:
    """A quote as an email shows it, worked out once for every email that carries it."""

    text: str
    who: str
    outlet: str
    date: str
    link: str


def quote_line(quote: Quote) -> QuoteLine:
    published = quote.article.published
    return QuoteLine(
        text=quote.text,
        who=quote.speaker.name if quote.speaker else (quote.mention or "unattributed"),
        outlet=quote.article.source.name if quote.article.source else "",
        date=f"{published.day} {published:%B %Y}" if published else "date unknown",
        link=absolute(quote.permalink()),
    )


def alert(delivery: Delivery, quotes: list, describe: str, lines: dict | None = None):
    """The alert email for one delivery: the new quotes and the search itself. ``lines``
    keeps each quote's ``QuoteLine`` across the emails of one run."""
    lines = {} if lines is None else lines
    shown = []
    for quote in quotes[:QUOTES_SHOWN]:
        if quote.pk not in lines:
            lines[quote.pk] = quote_line(quote)
        shown.append(lines[quote.pk])
    saved = delivery.saved_search
    unsubscribe = unsubscribe_url(saved)
    count = len(quotes)
    subject = f"{count} new quote{'s' if count != 1 else ''} for “{saved.name}”"
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return message(
        "alert",
        {
            "saved": saved,
            "describe": describe,
            "quotes": shown,
            "more": max(0, count - QUOTES_SHOWN),
            "count": count,
            "search_url": absolute(saved.url),
            "manage_url": absolute(reverse("my-searches")),
            "unsubscribe_url": unsubscribe,
        },
        subject,
        saved.owner.email,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # The same delivery sent again after a crash carries the same id.
            "Message-ID": f"<alert-{delivery.pk}@{domain}>",
        },
    )


def password_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute(reverse("password_reset_confirm", args=[uid, token]))


def invitation(user: User, invited_by: User | None = None):
    return message(
        "invitation",
        {"user": user, "link": password_link(user), "invited_by": invited_by},
        "You are invited to Diplomacy — who said what",
        user.email,
    )


def confirmation(user: User):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = absolute(reverse("confirm-signup", args=[uid, token]))
    return message(
        "confirm", {"user": user, "link": link}, "Confirm your Diplomacy account", user.email
    )
