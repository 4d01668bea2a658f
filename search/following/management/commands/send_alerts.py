from django.core.management.base import BaseCommand

from search.following.alerts import send_alerts


class Command(BaseCommand):
    help = (
        "Email each saved search's new quotes, as its reader chose: as soon as they arrive, "
        "or a daily or weekly digest. Run it every few minutes (cron or a systemd timer)."
    )

    def handle(self, *args, **options) -> None:
        for line in send_alerts().lines():
            self.stdout.write(line)
