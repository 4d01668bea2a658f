"""python manage.py reextract_quotes: extract the quotes of stored articles again."""

from __future__ import annotations

import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandError

from search.intake.reextraction import reextract_articles, select_articles
from search.management.output import Progress
from search.quotes.parser import ModelMissing


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--since takes a day as YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Run today's quote extractor over stored articles, keeping the quotes editors "
        "corrected. --all and --since take only articles whose quotes older rules found, so a "
        "run that was interrupted carries on where it stopped; --article IDs are always redone. "
        "It then reports what moved, counting only the quotes the extractor stored (an editor's "
        "corrections are kept and not counted) and matching old and new quotes by article and "
        "exact span: 'changed speaker' = same span, another speaker; 'gained' = same span, a "
        "speaker where there was none; 'lost' = same span, a speaker no more; 'added' / "
        "'removed' = a span found only now / only before; 'merged' = speakers now holding "
        "same-span quotes of two or more former speakers; 'split' = former speakers whose "
        "same-span quotes are now under two or more speakers; 'left without quotes' = speakers "
        "the articles had before who now have no quote anywhere. A resumed run counts only the "
        "articles it redid."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--all", action="store_true", help="every article on older rules")
        which.add_argument("--article", type=int, nargs="+", metavar="ID", help="these articles")
        which.add_argument(
            "--since", type=_day, metavar="YYYY-MM-DD", help="articles stored since this day"
        )

    def handle(self, *args, all: bool, article, since, verbosity: int = 1, **options) -> None:
        articles = select_articles(ids=article or (), since=since, all_articles=all)
        total = articles.count()
        if article and total < len(set(article)):
            missing = sorted(set(article) - set(articles.values_list("pk", flat=True)))
            raise CommandError(f"No article with id {', '.join(map(str, missing))}.")
        if verbosity:
            self.stdout.write(f"Re-extracting the quotes of {total:,} article(s).")
        progress = (
            Progress(self.stdout, "articles", done_word="re-extracted") if verbosity else None
        )
        try:
            report = reextract_articles(articles, progress=progress)
        except ModelMissing as exc:
            raise CommandError(str(exc)) from exc
        finally:
            if progress:
                progress.finish()
        for pk, error in report.failed:
            self.stderr.write(f"Article {pk}: {error}")
        if verbosity:
            self.stdout.write(
                f"Re-extracted {report.articles:,} article(s): {report.quotes:,} quote(s) now, "
                f"{len(report.failed):,} failed."
            )
            c = report.changes
            self.stdout.write(
                f"Quotes: {c.changed:,} changed speaker, {c.gained:,} gained a speaker, "
                f"{c.lost:,} lost their speaker, {c.added:,} added, {c.removed:,} removed."
            )
            self.stdout.write(
                f"Speakers: {c.merged:,} merged, {c.split:,} split, "
                f"{report.orphaned:,} left without quotes."
            )
        if report.failed:
            sys.exit(1)
