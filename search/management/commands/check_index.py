"""python manage.py check_index [--repair]: read the whole search index and compare it with
the database."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from search.engine import IndexMissing, SearchUnavailable, get_backend
from search.index import maintenance
from search.management.output import plural

EXAMPLES = 5


class Command(BaseCommand):
    help = (
        "Read every part of the search index, then compare it with the database and report "
        "missing, stale and orphan documents. Exits with status 2 when the index is missing "
        "or unreadable and 1 on drift. --repair rebuilds a missing or unreadable index and "
        "re-indexes just the drifted documents of a sound one."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair",
            action="store_true",
            help="Rebuild a missing or unreadable index; re-index drifted documents.",
        )

    def handle(self, *args, repair: bool = False, **options) -> None:
        if not self._readable(repair):
            self._rebuild()
        drift = self._check()
        if drift.clean:
            self.stdout.write(f"The search index matches the database: {_counts(drift)}.")
            if getattr(get_backend(), "transactional", False):
                self.stdout.write(
                    "This backend writes documents in the same transactions as the data, "
                    "so it cannot drift."
                )
            return
        for line in report(drift):
            self.stdout.write(line)
        if not repair:
            raise CommandError(
                "The search index is out of step with the database. Run `python manage.py "
                "check_index --repair` to fix these documents, or `rebuild_index` to start "
                "afresh.",
                returncode=1,
            )
        try:
            touched = maintenance.repair(drift)
        except Exception as exc:  # the backend's own errors vary; the message names the fix
            raise CommandError(f"Repairing the search index failed: {exc}", returncode=2) from exc
        after = self._check()
        if not after.clean:
            raise CommandError(
                "Repaired what was found, but the index still differs (the database changed "
                "meanwhile?). Run check_index again.",
                returncode=1,
            )
        self.stdout.write(f"Repaired {touched:,} documents; the index matches the database.")

    def _readable(self, repair: bool) -> bool:
        """Whether the whole index reads back; if not, says so and, without --repair, stops."""
        try:
            get_backend().verify()
        except SearchUnavailable as exc:
            state = "MISSING" if isinstance(exc, IndexMissing) else "UNREADABLE"
            self.stdout.write(f"The search index is {state}: {exc}")
            if not repair:
                raise CommandError(
                    f"The search index is {state.lower()}. Run `python manage.py check_index "
                    "--repair` or `python manage.py rebuild_index` to build it again from the "
                    "database.",
                    returncode=2,
                ) from exc
            return False
        return True

    def _rebuild(self) -> None:
        try:
            counts = maintenance.rebuild_index()
            get_backend().verify()
        except (SearchUnavailable, OSError) as exc:
            raise CommandError(f"Rebuilding the search index failed: {exc}", returncode=2) from exc
        self.stdout.write(
            f"Rebuilt the search index from the database: {plural(counts['article'], 'article')}"
            f", {plural(counts['quote'], 'quote')}."
        )

    def _check(self) -> maintenance.Drift:
        try:
            return maintenance.check_index()
        except SearchUnavailable as exc:
            raise CommandError(str(exc), returncode=2) from exc


def report(drift: maintenance.Drift) -> list[str]:
    """One line per kind of drift, with counts by type and a few example ids."""
    lines = []
    for label, found in (
        ("Missing from the index", drift.missing),
        ("Stale in the index", drift.stale),
        ("Orphans in the index (gone from the database)", drift.orphans),
    ):
        parts = [
            f"{plural(len(ids), kind)} (e.g. {', '.join(str(i) for i in ids[:EXAMPLES])})"
            for kind, ids in found.items()
            if ids
        ]
        lines.append(f"{label}: {'; '.join(parts) or 'none'}")
    return lines


def _counts(drift: maintenance.Drift) -> str:
    return ", ".join(plural(drift.counts.get(kind, 0), kind) for kind in ("article", "quote"))
