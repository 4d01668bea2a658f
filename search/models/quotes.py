"""Quotes: what was said, by whom, and how the speaker was found."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from search.text.quote_groups import group_key

from .speakers import Speaker


class QuoteQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Ingestion saves quotes in bulk, which skips ``save()``: set the group key here."""
        objs = list(objs)
        for quote in objs:
            quote.group_key = group_key(quote.text)
        return super().bulk_create(objs, *args, **kwargs)


class Quote(models.Model):
    """A direct or reported statement in an article, with who said it."""

    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct"
        INDIRECT = "indirect", "Indirect"
        MIXED = "mixed", "Mixed"

    class Attribution(models.TextChoices):
        """How the quote's speaker was found (``search.quotes.ATTRIBUTIONS``), or by whom."""

        NAMED = "named", "named in the sentence"
        SURNAME = "surname", "by surname"
        ROLE = "role", "by role"
        PRONOUN = "pronoun", "by pronoun"
        ORGANISATION = "organisation", "organisation"
        CARRIED = "carried", "carried from the previous quote"
        EDITOR = "editor", "set by an editor"

    article = models.ForeignKey("search.Article", on_delete=models.CASCADE, related_name="quotes")
    speaker = models.ForeignKey(
        Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    text = models.TextField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    start = models.PositiveIntegerField(help_text="Offset of the quote in the article body.")
    end = models.PositiveIntegerField()
    cue = models.CharField(max_length=300, blank=True, help_text="Attribution as written.")
    cue_start = models.PositiveIntegerField(null=True, blank=True)
    cue_end = models.PositiveIntegerField(null=True, blank=True)
    mention = models.CharField(
        max_length=200, blank=True, help_text='How the speaker is named here ("the ambassador").'
    )
    role = models.CharField(max_length=300, blank=True, help_text="Role stated in this article.")
    attribution = models.CharField(
        max_length=20,
        choices=Attribution.choices,
        blank=True,
        help_text="How the speaker was found; empty when there is none.",
    )
    corrected = models.BooleanField(
        default=False,
        help_text="Set when an editor changed the speaker or kind; re-extraction keeps this "
        "quote's speaker and kind as the editor left them.",
    )
    group_key = models.CharField(
        max_length=40,
        blank=True,
        db_index=True,
        editable=False,
        help_text="Shared by the same statement carried in other articles (quote_groups).",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        indexes = [models.Index(fields=["article", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="quote_span"
            )
        ]

    def __str__(self) -> str:
        who = self.speaker.name if self.speaker else (self.mention or "unattributed")
        return f"{who}: {self.text[:60]}"

    def save(self, *args, **kwargs) -> None:
        self.group_key = group_key(self.text)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "text" in update_fields:
            kwargs["update_fields"] = {*update_fields, "group_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#quote-{self.pk}"

    def permalink(self) -> str:
        """The quote's own page, a stable address to cite."""
        return reverse("quote", args=[self.pk])

    @classmethod
    def also_reported(cls, quote_ids) -> dict[int, tuple[int, int]]:
        """For each quote, (other outlets, other articles) carrying the same statement: two
        queries for a page of hits, whatever its size."""
        own = {
            pk: (key, article_id, source_id)
            for pk, key, article_id, source_id in cls.objects.filter(pk__in=list(quote_ids))
            .exclude(group_key="")
            .values_list("pk", "group_key", "article_id", "article__source_id")
        }
        if not own:
            return {}
        members: dict[str, list[tuple[int, int | None]]] = {}
        for key, article_id, source_id in cls.objects.filter(
            group_key__in={key for key, _a, _s in own.values()}
        ).values_list("group_key", "article_id", "article__source_id"):
            members.setdefault(key, []).append((article_id, source_id))
        out = {}
        for pk, (key, article_id, source_id) in own.items():
            others = [(a, s) for a, s in members.get(key, ()) if a != article_id]
            if others:
                outlets = {s for _a, s in others if s is not None and s != source_id}
                out[pk] = (len(outlets), len({a for a, _s in others}))
        return out

    def same_statement(self) -> models.QuerySet[Quote]:
        """The same statement in other articles, first said first (undated last)."""
        if not self.group_key:
            return Quote.objects.none()
        return (
            Quote.objects.filter(group_key=self.group_key)
            .exclude(article_id=self.article_id)
            .select_related("article", "article__source", "speaker")
            .order_by(models.F("article__published").asc(nulls_last=True), "article_id", "pk")
        )
