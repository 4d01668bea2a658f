"""python manage.py import_status: what the extraction workers have queued, done and failed."""

from django.core.management.base import BaseCommand

from search.intake import queue


class Command(BaseCommand):
    help = (
        "Stories sent to the extraction workers (import_articles --queue): how many are "
        "queued, done, already present and failed, the latest failures with their reasons, "
        "and how many saved changes wait for the indexer (index_queue)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--failures", type=int, default=20, help="failures to list")

    def handle(self, *args, failures, **options):
        state = queue.status(failures=max(0, failures))
        counts = state["counts"]
        self.stdout.write(
            f"queued: {counts['queued']}, done: {counts['done']}, "
            f"already present: {counts['duplicate']}, failed: {counts['failed']}"
        )
        self.stdout.write(f"saved, waiting for the indexer: {state['unindexed']}")
        for name, reason in state["failures"]:
            self.stdout.write(f"failed: {name}: {reason}")
