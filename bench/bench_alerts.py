"""Alerts at scale: ``send_alerts`` for 1,000 saved searches (immediate alerts, 100 readers)
after an import of 500 new Reuters stories into a database that already holds 500. Prints
the seconds, the database queries it made, and how many matches it asked the backend for,
beside the baseline measured in the same run: one full search (the results page's search,
facets and highlights) per saved search, which is the least a naive alert loop would do
before it even compared the quotes. send_alerts must not run a search per saved search per
quote; it runs one id-restricted match per distinct saved search.

    python bench/bench_alerts.py --corpus ../../shared/corpus/news.jsonl.gz
    python bench/bench_alerts.py --stories 500 --searches 1000

Reads ../shared/corpus/news.jsonl.gz (or --corpus); says so and stops when it is absent.
Mail goes to Django's in-memory backend: this measures finding and recording, not SMTP.
"""

from __future__ import annotations

import argparse
import collections
import io
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from feeds import DEFAULT_CORPUS, ROOT, read_stories, write_feed

sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--stories", type=int, default=500, help="imported before and after")
    parser.add_argument("--searches", type=int, default=1000)
    parser.add_argument("--readers", type=int, default=100)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"Reuters corpus not found at {args.corpus}; the alerts benchmark needs it.")
        print("Pass --corpus PATH (it is news.jsonl.gz in the shared research folder).")
        return 0
    data = Path(tempfile.mkdtemp(prefix="diplomacy-alerts-"))
    try:
        return run(args, data)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def run(args, data: Path) -> int:
    os.environ.update(
        DIPLOMACY_DATA_DIR=str(data),
        DIPLOMACY_SECRET_KEY="bench-alerts-" + "k" * 50,
        DIPLOMACY_LOG_LEVEL="WARNING",
        SEARCH_INDEX_DIR=str(data / "index"),
        DJANGO_SETTINGS_MODULE="diplomacy.settings",
    )
    for name in ("DATABASE_URL", "SEARCH_BACKEND"):
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.FOLLOWING_MAX_SAVED_SEARCHES = args.searches
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    stories = read_stories(args.corpus)[: 2 * args.stories]
    print(f"{args.stories} stories in the database, then {args.stories} more imported")
    imported = import_stories(call_command, data, stories[: args.stories], "before")
    searches = make_searches(args.searches, args.readers)
    imported_after = import_stories(call_command, data, stories[args.stories :], "after")
    print(f"quotes: {imported} before, {imported_after} new; {len(searches)} saved searches")
    return measure(searches)


def import_stories(call_command, data: Path, stories: list[dict], name: str) -> int:
    from search.models import Quote

    before = Quote.objects.count()
    feed = data / f"{name}.jsonl"
    write_feed(feed, stories)
    call_command("import_articles", "--jsonl", str(feed), stdout=io.StringIO())
    return Quote.objects.count() - before


def make_searches(count: int, readers: int) -> list:
    """Saved searches such as readers make: a speaker, a word, a word by a speaker, a word
    in an outlet, newest first, spread over ``readers`` readers."""
    from django.contrib.auth.models import User
    from django.db.models import Count, Max
    from django.http import QueryDict

    from search.following.models import SavedSearch, canonical_query
    from search.models import Quote, Source, Speaker

    speakers = list(
        Speaker.objects.annotate(n=Count("quotes")).order_by("-n").values_list("slug", flat=True)
    )[:300]
    words = collections.Counter(
        w.lower()
        for text in Quote.objects.values_list("text", flat=True)
        for w in re.findall(r"[A-Za-z]{5,}", text)
    )
    common = [w for w, _ in words.most_common(600)]
    sources = list(Source.objects.values_list("name", flat=True)) or [""]
    wanted: list[dict] = []
    for i in range(count):
        word, slug = common[i % len(common)], speakers[i % len(speakers)]
        kind = i % 4
        if kind == 0:
            wanted.append({"speaker": slug})
        elif kind == 1:
            wanted.append({"q": word})
        elif kind == 2:
            wanted.append({"q": word, "speaker": slug, "sort": "newest"})
        else:
            wanted.append({"q": f"{word} source:{sources[i % len(sources)].split()[0]}"})
    latest = Quote.objects.aggregate(top=Max("pk"))["top"] or 0
    people = [
        User.objects.create_user(f"reader{n}@example.org", f"reader{n}@example.org")
        for n in range(readers)
    ]

    def query(params: dict) -> str:
        kept = QueryDict(mutable=True)
        kept.update(params)
        return canonical_query(kept)

    # Each search distinct (``n`` is no search parameter): no two share a match.
    made = SavedSearch.objects.bulk_create(
        SavedSearch(
            owner=people[i % readers],
            name=f"search {i}",
            query_string=f"{query(params)}&n={i}",
            frequency="immediate",
            seen_quote_id=latest,
            alerted_quote_id=latest,
        )
        for i, params in enumerate(wanted)
    )
    return made


def measure(searches: list) -> int:
    from django.core import mail
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.engine import get_backend
    from search.following.alerts import send_alerts

    backend = get_backend()
    calls = collections.Counter()
    spent = collections.Counter()
    for name in ("search", "quotes_after"):
        original = getattr(backend, name)

        def counted(*a, _original=original, _name=name, **k):
            calls[_name] += 1
            started = time.perf_counter()
            try:
                return _original(*a, **k)
            finally:
                spent[_name] += time.perf_counter() - started

        setattr(backend, name, counted)

    # the baseline: each saved search run once as the results page runs it
    started = time.perf_counter()
    for saved in searches:
        request, problem = saved.search_request()
        if request:
            backend.search(request)
    baseline = time.perf_counter() - started
    baseline_searches = calls["search"]
    calls.clear()
    clear = getattr(backend, "clear_cache", None)
    if clear:
        clear()  # send_alerts gets no help from the baseline's cached matches

    def timed_send():
        """send_alerts' report, seconds and database queries."""
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            report = send_alerts()
            took = time.perf_counter() - started
        return report, took, len(queries.captured_queries)

    report, took, queries = timed_send()
    print(
        f"baseline, one full search per saved search: {baseline:6.2f} s "
        f"({baseline_searches} searches)"
    )
    print(
        f"send_alerts:                               {took:6.2f} s "
        f"({calls['quotes_after']} id-restricted matches, {calls['search']} full searches, "
        f"{queries} database queries)"
    )
    matching = spent["quotes_after"]
    print(
        f"  of which matching the new quotes:        {matching:6.2f} s; the rest renders, "
        "records and sends the emails"
    )
    print(f"ratio matching / baseline: {matching / baseline:.2f}")
    print(f"ratio send_alerts (all of it) / baseline: {took / baseline:.2f}")
    print(
        f"emails: {report.sent} ({len(mail.outbox)} in the outbox), quotes in them: "
        f"{report.quotes}; problems: {len(report.problems)}"
    )
    per_email = queries / max(1, report.sent)
    print(f"database queries per email sent: {per_email:.1f}")
    quiet, second, again = timed_send()
    print(
        f"send_alerts again with nothing new: {second:.2f} s, {quiet.sent} emails, "
        f"{again} database queries"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
