"""Work waiting: stories sent to the extraction workers, and saved changes waiting for the
one index writer."""

from __future__ import annotations

from django.db import models


class QueuedStory(models.Model):
    """A story sent to the extraction workers (``import_articles --queue``), and what became
    of it; the content hash makes sending it again, or a task delivered twice, harmless."""

    QUEUED, DONE, DUPLICATE, FAILED = "queued", "done", "duplicate", "failed"
    STATUSES = [(QUEUED, "queued"), (DONE, "done"), (DUPLICATE, "already present"),
                (FAILED, "failed")]  # fmt: skip

    content_hash = models.CharField(max_length=64, unique=True)
    batch = models.CharField(max_length=32, db_index=True, help_text="The import that sent it.")
    name = models.CharField(max_length=500)
    status = models.CharField(max_length=10, choices=STATUSES, default=QUEUED, db_index=True)
    message = models.TextField(blank=True, help_text="Why it failed, or what was found.")
    article = models.ForeignKey("search.Article", null=True, blank=True, on_delete=models.SET_NULL)
    sent = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "queued stories"
        ordering = ["-sent", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.status})"


class UnindexedChange(models.Model):
    """Ids a worker saved and left for the one indexer process: the Whoosh index allows a
    single writer, and workers on other machines cannot reach it. Written in the same
    transaction as the change, so nothing saved is missed."""

    ids = models.JSONField()
    attempts = models.PositiveIntegerField(default=0)  # the indexer's tries at writing it
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"change {self.pk} waiting for the indexer"
