"""python manage.py rebuild_index: build the search index again from the database."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.engine import SearchUnavailable, get_backend


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
            counts = indexing.rebuild_index(progress=progress)
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
            f"Indexed {_plural(counts['article'], 'article')} and "
            f"{_plural(counts['quote'], 'quote')} in {seconds:.1f} s "
            f"({total / max(seconds, 0.001):,.0f} documents/s) at "
            f"{get_backend().status().get('path', 'the index')}."
        )


class Progress:
    """A one-line bar redrawn with ``\\r`` on a terminal; elsewhere a line every 10%."""

    WIDTH = 30

    def __init__(self, out) -> None:
        self.out = out
        self.tty = out.isatty()
        self.shown = -1  # the last tenth printed, off a terminal
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        share = done / total if total else 1.0
        if self.tty:
            filled = round(share * self.WIDTH)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.out.write(f"\r[{bar}] {done:,}/{total:,} documents", ending="")
            self.out.flush()
            self.drawn = True
        elif int(share * 10) > self.shown:
            self.shown = int(share * 10)
            self.out.write(f"{done:,}/{total:,} documents indexed ({share:.0%})")

    def finish(self) -> None:
        if self.drawn:
            self.out.write("")


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"
