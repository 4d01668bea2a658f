from django.conf import settings
from django.core.management.base import BaseCommand

from search.following.search_log import prune


class Command(BaseCommand):
    help = "Delete search log entries older than DIPLOMACY_SEARCH_LOG_DAYS (90 by default)."

    def handle(self, *args, **options) -> None:
        deleted = prune()
        days = settings.SEARCH_LOG_RETENTION_DAYS
        self.stdout.write(f"Deleted {deleted} search log entries older than {days} days.")
