"""Sending what is due: for each saved search with email alerts, the quotes that matched since
it last looked, in one email.

Crash safety: a delivery and the quotes it carries are recorded (and the search's watermark
moved) in one transaction *before* the email goes; the delivery is marked sent after. A run
killed in between leaves a recorded, unsent delivery, which the next run sends first. So no
quote is found twice (the watermark moved with the record) and none is lost (the record
stays until sent). Only a kill in the instant after the mail server accepted the message and
before it is marked sent repeats that one email, with the same Message-ID.

The watermarks never pass a quote the database has and the index has not yet (an import
writes the index just after its commit), so a run racing an import leaves no gap.

Cost: one ``quotes_after`` match per distinct due search (restricted to quotes newer than its
watermark; no ranking or highlighting), a few queries to record every email of the run, and
two to mark each one sent. Nothing is
searched at all when no quote arrived since the searches last looked.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone

from search.engine import SearchRequest, get_backend
from search.following import mail
from search.following.models import Delivery, SavedSearch, SentQuote, statement_of
from search.models import Quote
from search.query import parse

log = logging.getLogger(__name__)

# A quote in the database but not (yet) in the index holds the alerts back until the index
# has it (an import writes the index just after it commits); after this long it is passed
# over, with a warning to repair the index, rather than holding every alert back for good.
INDEX_WAIT = dt.timedelta(hours=1)


@dataclass
class Report:
    sent: int = 0  # emails the mail server accepted
    quotes: int = 0  # quotes they carried
    resumed: int = 0  # of them, deliveries a killed run had recorded
    searched: int = 0  # distinct searches matched against the new quotes
    refused: list[str] = field(default_factory=list)  # "address: server's answer"
    problems: list[str] = field(default_factory=list)  # saved searches that cannot run

    def lines(self) -> list[str]:
        out = [
            f"Sent {self.sent} email{'s' if self.sent != 1 else ''} with {self.quotes} "
            f"quote{'s' if self.quotes != 1 else ''} ({self.resumed} resumed); "
            f"{self.searched} searches matched against the new quotes."
        ]
        out += [f"Refused by the mail server: {r}" for r in self.refused]
        out += [f"Not sent: {p}" for p in self.problems]
        return out


def send_alerts(now=None, connection=None) -> Report:
    now = now or timezone.now()
    report = Report()
    # Recorded by a run that was killed before it sent them: these go first.
    unsent = list(
        Delivery.objects.filter(sent=None, error="").select_related("saved_search__owner")
    )
    recorded = _record_new(now, report)
    if not unsent and not recorded:
        return report  # no connection opened (the file backend would write an empty file)
    connection = connection or get_connection()
    lines: dict = {}  # each quote as the emails show it, worked out once
    with connection:
        for delivery in unsent:
            if _send(delivery, connection, report, lines):
                report.resumed += 1
        for delivery in recorded:
            _send(delivery, connection, report, lines)
    return report


def _record_new(now, report: Report) -> list[Delivery]:
    """Match the new quotes against every due saved search; record one delivery for each
    search with quotes it has not had. Returns the deliveries, not yet sent."""
    following = SavedSearch.objects.exclude(frequency=SavedSearch.Frequency.NEVER)
    low = following.aggregate(low=Min("alerted_quote_id"))["low"]
    if low is None:
        return []
    ceiling = _indexed_up_to(low, now)
    due = [
        s
        for s in SavedSearch.objects.filter(alerted_quote_id__lt=ceiling)
        .exclude(frequency=SavedSearch.Frequency.NEVER)
        .select_related("owner")
        if s.is_due(now) and s.owner.is_active and s.owner.email
    ]
    by_query: dict[str, list[SavedSearch]] = defaultdict(list)
    for saved in due:
        by_query[saved.query_string].append(saved)
    backend = get_backend()
    found: dict[int, list[int]] = {}
    for group in by_query.values():
        request, problem = group[0].search_request()
        if problem:
            report.problems += [f"“{s.name}” ({s.owner.email}): {problem}" for s in group]
            continue
        report.searched += 1
        ids = backend.quotes_after(request, min(s.alerted_quote_id for s in group))
        for saved in group:
            found[saved.pk] = [i for i in ids if saved.alerted_quote_id < i <= ceiling]
    wanted = {i for ids in found.values() for i in ids}
    quotes = {
        q.pk: q
        for q in Quote.objects.filter(pk__in=wanted).select_related(
            "speaker", "article", "article__source"
        )
    }
    already = _already_sent(found, quotes)
    pending, looked = [], []
    for saved in (s for s in due if s.pk in found):
        looked.append(saved.pk)
        fresh = _fresh([quotes[i] for i in found[saved.pk] if i in quotes], already[saved.pk])
        if fresh:
            pending.append((Delivery(saved_search=saved, created=now), fresh))
    # One transaction records every email of this run with its quotes and moves the
    # watermarks; the emails go after it (see the module's docstring).
    with transaction.atomic():
        Delivery.objects.bulk_create([delivery for delivery, _ in pending])
        SentQuote.objects.bulk_create(
            (
                SentQuote(
                    delivery=delivery,
                    saved_search=delivery.saved_search,
                    quote_id=q.pk,
                    article_id=q.article_id,
                    statement=statement_of(q),
                )
                for delivery, fresh in pending
                for q in fresh
            ),
            batch_size=1000,
        )
        SavedSearch.objects.filter(pk__in=looked).update(alerted_quote_id=ceiling)
    for delivery, fresh in pending:
        delivery.quotes = fresh
    return [delivery for delivery, _ in pending]


def _indexed_up_to(low: int, now) -> int:
    """The highest quote id up to which every quote above ``low`` in the database is also in
    the index: the watermarks move no further, so a quote the index has not caught up with
    is found by a later run instead of never (one query and one match per run)."""
    in_database = Quote.objects.filter(pk__gt=low).order_by("pk").values_list("pk", "created")
    indexed = set(get_backend().quotes_after(SearchRequest(query=parse("")), low))
    ceiling = low
    for pk, created in in_database:
        if pk not in indexed:
            if now - created < INDEX_WAIT:
                break
            log.warning(
                "quote %s is not in the search index, so no alert carries it; "
                "python manage.py check_index --repair puts it back",
                pk,
            )
        ceiling = pk
    return ceiling


def _already_sent(found: dict[int, list[int]], quotes: dict[int, Quote]) -> dict[int, set]:
    """For each saved search, the quote ids and (article, statement) pairs it was sent among
    these quotes: a quote re-extracted under a new id is the same quote. One query."""
    already: dict[int, set] = defaultdict(set)
    articles = {q.article_id for q in quotes.values()}
    if not found or not quotes:
        return already
    rows = SentQuote.objects.filter(
        Q(quote_id__in=list(quotes)) | Q(article_id__in=articles),
        saved_search_id__in=list(found),
    ).values_list("saved_search_id", "quote_id", "article_id", "statement")
    for saved_id, quote_id, article_id, statement in rows:
        already[saved_id].update((quote_id, (article_id, statement)))
    return already


def _fresh(quotes: list[Quote], already: set) -> list[Quote]:
    fresh = []
    for q in quotes:
        same = (q.article_id, statement_of(q))
        if q.pk in already or same in already:
            continue
        already.update((q.pk, same))
        fresh.append(q)
    return fresh


def _send(delivery: Delivery, connection, report: Report, lines: dict) -> bool:
    """Send one recorded delivery and mark it. A refused address marks it failed (the
    reader sees why on My searches); a server that cannot be reached raises, leaving it to
    the next run."""
    quotes = getattr(delivery, "quotes", None)
    if quotes is None:  # a delivery a killed run recorded
        ids = delivery.items.values_list("quote_id", flat=True)
        quotes = list(
            Quote.objects.filter(pk__in=list(ids))
            .select_related("speaker", "article", "article__source")
            .order_by("pk")
        )
    saved = delivery.saved_search
    if not quotes:  # every quote it carried has since been deleted
        Delivery.objects.filter(pk=delivery.pk).update(sent=timezone.now())
        return False
    email = mail.alert(delivery, quotes, saved.describe(), lines)
    try:
        connection.send_messages([email])
    except smtplib.SMTPRecipientsRefused as refused:
        answers = "; ".join(
            f"{code} {answer.decode(errors='replace') if isinstance(answer, bytes) else answer}"
            for code, answer in refused.recipients.values()
        )
        error = f"{saved.owner.email}: {answers}"
        Delivery.objects.filter(pk=delivery.pk).update(error=error[:2000])
        report.refused.append(error)
        log.warning("alert for saved search %s refused: %s", saved.pk, error)
        return False
    sent = timezone.now()
    Delivery.objects.filter(pk=delivery.pk).update(sent=sent)
    SavedSearch.objects.filter(pk=saved.pk).update(last_sent=sent)
    report.sent += 1
    report.quotes += len(quotes)
    return True
