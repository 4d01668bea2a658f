"""python manage.py audit_speakers [--samples N] [--json]: how far the archive's speakers
can be trusted (see ``search.intake.speaker_audit``)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from search.intake.speaker_audit import audit, lines


class Command(BaseCommand):
    help = (
        "Count speakers whose name is not a name (a possessive, a conjunction, a role word, "
        "a trailing lower-case word, a place), quotes that contain their own speaker's "
        "surname, quotes by how their speaker was found, and speakers by kind."
    )

    def add_arguments(self, parser):
        parser.add_argument("--samples", type=int, default=5, help="Examples per check.")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print the report as JSON."
        )

    def handle(self, *args, samples: int = 5, as_json: bool = False, **options) -> None:
        report = audit(samples=max(0, samples))
        if as_json:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
            return
        for line in lines(report):
            self.stdout.write(line)
