"""The outlets and agencies that publish articles."""

from __future__ import annotations

from django.db import models

from .names import normalise_name


class Source(models.Model):
    """An outlet or agency that publishes articles (Trend, Vestnik Kavkaza, Reuters)."""

    name = models.CharField(max_length=200, unique=True)
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def for_name(cls, name: str) -> Source:
        """The outlet with this name in any case or spacing, created if new. SQLite's iexact
        folds only ASCII, so other scripts (Вестник Кавказа) are compared here; outlets are
        few."""
        name = " ".join(name.split())
        existing = cls.objects.filter(name__iexact=name).first()
        if existing is None and not name.isascii():
            key = normalise_name(name)
            pk = next(
                (pk for pk, n in cls.objects.values_list("pk", "name") if normalise_name(n) == key),
                None,
            )
            existing = cls.objects.get(pk=pk) if pk is not None else None
        if existing:
            return existing
        source, _ = cls.objects.get_or_create(name=name)
        return source
