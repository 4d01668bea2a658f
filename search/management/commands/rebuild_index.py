"""python manage.py rebuild_index: build the search index again from the database."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from search.engine import SearchUnavailable, get_backend
from search.index import maintenance
from search.management.output import Progress, plural


class Command(BaseCommand):
    help = (
        "Build the search index again from the database and swap it in. Searches keep using "
        "the old index until the new one is complete; a failed rebuild leaves the old one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print only errors.")

    def handle(self, *args, quiet: bool = False, verbosity: int = 1, **options) -> None:
        quiet = quiet or verbosity == 0
        progress = None if quiet else Progress(self.stdout)
        started = time.monotonic()
        try:
            counts = maintenance.rebuild_index(progress=progress)
        except (SearchUnavailable, OSError) as exc:
            raise CommandError(f"Rebuilding the search index failed: {exc}") from exc
        finally:
            if progress:
                progress.finish()
        if quiet:
            return
        seconds = time.monotonic() - started
        total = counts["article"] + counts["quote"]
        self.stdout.write(
            f"Indexed {plural(counts['article'], 'article')} and "
            f"{plural(counts['quote'], 'quote')} in {seconds:.1f} s "
            f"({total / max(seconds, 0.001):,.0f} documents/s) at "
            f"{get_backend().status().get('path', 'the index')}."
        )
