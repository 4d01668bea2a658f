from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from search.intake.sample_fixture import build_sample_fixture

ARTICLES = Path(settings.BASE_DIR) / "fixtures" / "articles"
OUTPUT = Path(settings.BASE_DIR) / "fixtures" / "sample_articles.json"


class Command(BaseCommand):
    help = (
        "Regenerate fixtures/sample_articles.json from fixtures/articles/*.txt with today's "
        "ingestion pipeline. Run it whenever the extractor changes."
    )

    def handle(self, *args, **options):
        text = build_sample_fixture(sorted(ARTICLES.glob("*.txt")))
        OUTPUT.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {OUTPUT.relative_to(settings.BASE_DIR)}")
