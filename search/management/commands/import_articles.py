import sys

from django.core.management.base import BaseCommand, CommandError

from search.ingest import ImportReport, IngestResult, import_jsonl, import_paths
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
            help='JSON Lines with {"title","body","published","source","url"}; gzip accepted',
        )

    def handle(self, *args, paths, jsonl, verbosity, **options):
        if not paths and not jsonl:
            raise CommandError("Name files, folders, - (standard input) or --jsonl FILE.")
        progress = None
        if self.stderr.isatty() and verbosity:
            progress = Progress(self.stderr, "articles", every=25)
        report = ImportReport()
        if paths:
            report.results += import_paths(paths, progress=progress and progress.step).results
        for feed in jsonl:
            try:
                report.results += import_jsonl(feed, progress=progress and progress.step).results
            except OSError as exc:
                report.results.append(IngestResult("rejected", feed, message=str(exc)))
        if progress:
            progress.finish()
        for failed in report.failed:
            self.stderr.write(f"failed: {failed.name}: {failed.message}")
        if verbosity:
            self.stdout.write(report.summary())
        if report.failed:
            sys.exit(1)
