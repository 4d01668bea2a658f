"""The Celery tasks of the extraction workers (``diplomacy.celery``). Acknowledged only
when done, so a task whose worker dies is delivered again; retried when the database
fails; idempotent, because a story is known by its content hash (``search.intake.queue``)."""

from celery import shared_task
from django.db import DatabaseError

from search.intake import queue

RETRIES = 5


@shared_task(
    bind=True,
    name="search.extract_stories",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=1,
    retry_backoff_max=60,
    max_retries=RETRIES,
)
def extract_stories(self, stories: list[dict]) -> int:
    try:
        return queue.save_stories(stories)
    except DatabaseError as exc:
        if self.request.retries >= RETRIES:
            queue.fail_stories(stories, f"The database failed {RETRIES + 1} times: {exc}")
        raise
