import sys
from functools import partial

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.intake.feeds import FeedRefused
from search.intake.ingest import ImportReport, IngestResult
from search.intake.ingest import import_jsonl as local_jsonl
from search.intake.ingest import import_paths as local_paths
from search.intake.queue import BrokerUnavailable, queue_jsonl, queue_paths
from search.management.output import Progress


class Command(BaseCommand):
    help = (
        "Import plain-text articles from files, folders (*.txt, recursively) or - (standard "
        "input), or a JSON Lines feed with --jsonl. Each article is saved whole or not at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="files, folders, or - for standard input")
        parser.add_argument(
            "--jsonl",
            action="append",
            default=[],
            metavar="FILE",
            help='JSON Lines, an object a line: the text under "body", "text" or "content", '
            'the date under "published", "date", "pubDate" or "datePublished", and "title", '
            '"source", "url", "year"; gzip accepted',
        )
        parser.add_argument(
            "--year",
            type=int,
            help="the year of stories whose dateline gives only a month and day "
            "(a feed line's own year wins); without it their date stays unknown",
        )
        parser.add_argument(
            "--workers",
            type=int,
            help="processes extracting quotes (default: one per core)",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="send the stories to the Celery workers (DIPLOMACY_BROKER_URL) instead of "
            "extracting here, then wait for them, indexing what they save",
        )
        parser.add_argument(
            "--no-wait",
            action="store_true",
            help="with --queue: send and return; `index_queue` indexes what the workers save",
        )

    def handle(self, *args, paths, jsonl, year, workers, verbosity, queue, no_wait, **options):
        if not paths and not jsonl:
            raise CommandError("Name files, folders, - (standard input) or --jsonl FILE.")
        if year is not None and not 1 <= year <= 9999:
            raise CommandError("--year must be a year such as 2024.")
        if workers is not None and workers < 1:
            raise CommandError("--workers must be 1 or more.")
        if queue and not settings.CELERY_BROKER_URL:
            raise CommandError(
                "--queue needs a broker: set DIPLOMACY_BROKER_URL to redis://host:6379/0 "
                '(README "Running workers").'
            )
        if queue:
            import_paths = partial(queue_paths, wait=not no_wait)
            import_jsonl = partial(queue_jsonl, wait=not no_wait)
        else:
            import_paths = partial(local_paths, workers=workers)
            import_jsonl = partial(local_jsonl, workers=workers)
        try:
            self.run(paths, jsonl, year, verbosity, import_paths, import_jsonl)
        except BrokerUnavailable as exc:
            raise CommandError(str(exc)) from exc

    def run(self, paths, jsonl, year, verbosity, import_paths, import_jsonl) -> None:
        progress = None
        if self.stderr.isatty() and verbosity:
            progress = Progress(self.stderr, "articles", every=25)
        report = ImportReport()
        runs = []
        if paths:
            runs.append(import_paths(paths, progress=progress and progress.step, year=year))
        for feed in jsonl:
            try:
                runs.append(import_jsonl(feed, progress=progress and progress.step, year=year))
            except (OSError, FeedRefused) as exc:
                report.results.append(IngestResult("rejected", feed, message=str(exc)))
        for run in runs:
            report.merge(run)
        if progress:
            progress.finish()
        for failed in report.failed:
            self.stderr.write(f"failed: {failed.name}: {failed.message}")
        if verbosity:
            self.stdout.write(report.summary())
        if verbosity >= 2:
            self.stdout.write("time by stage (extract: summed over the worker processes):")
            for stage, seconds in report.timings.items():
                self.stdout.write(f"  {stage}: {seconds:.2f} s")
        if report.failed:
            sys.exit(1)
