"""python manage.py index_queue [--until-done]: the one indexer of the extraction workers."""

import time

from django.core.management.base import BaseCommand

from search.intake import queue


class Command(BaseCommand):
    help = (
        "Write to the search index what the extraction workers saved (with the Whoosh "
        "index, workers leave that to one process on the index's machine; with "
        "SEARCH_BACKEND=postgres they index as they save and this finds nothing). Runs "
        "until stopped; --until-done exits once no story is queued."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--until-done", action="store_true", help="exit once no story is queued"
        )
        parser.add_argument(
            "--timeout", type=float, help="with --until-done: give up after this many seconds"
        )

    def handle(self, *args, until_done, timeout, verbosity, **options):
        if until_done:
            done = queue.wait_for("", timeout=timeout)
            if verbosity:
                self.stdout.write("done" if done else "gave up: stories are still queued")
            raise SystemExit(0 if done else 1)
        while True:  # until stopped
            if not queue.apply_unindexed():
                time.sleep(0.5)
