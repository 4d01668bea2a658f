"""Articles, the outlets that publish them, the people quoted in them, and their quotes.

The database is the source of truth; the search index mirrors it (see ``search.indexing``).
"""

from __future__ import annotations

import hashlib
import unicodedata

from django.db import models, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils.text import slugify

from search.quote_groups import group_key


def normalise_name(name: str) -> str:
    """A key under which two spellings of one name compare equal (case, accents, spacing)."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().replace("’", "'").split())


def content_hash(body: str) -> str:
    """Identify an article by its text, so that a re-upload of the same story is recognised."""
    canonical = " ".join(body.split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


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
        existing = cls.objects.filter(name__iexact=name.strip()).first()
        if existing:
            return existing
        source, _ = cls.objects.get_or_create(name=name.strip())
        return source


class Speaker(models.Model):
    """A person or organisation that is quoted. One row per real-world speaker."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"

    name = models.CharField(max_length=200, help_text="Canonical full name.")
    name_key = models.CharField(max_length=200, unique=True, editable=False)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    role = models.CharField(max_length=300, blank=True, help_text="Latest known title.")
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text="Other ways the speaker is named (surname, earlier spellings).",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name = " ".join(self.name.split())
        self.name_key = normalise_name(self.name)
        if not self.slug:
            self.slug = self._unique_slug()
        self.aliases = sorted({" ".join(a.split()) for a in self.aliases if a and a.strip()})
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("speaker", args=[self.slug])

    def _unique_slug(self) -> str:
        base = slugify(self.name, allow_unicode=False)[:200] or "speaker"
        slug, n = base, 2
        while Speaker.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    @classmethod
    def for_name(cls, name: str, *, kind: str = Kind.PERSON, role: str = "") -> Speaker:
        """The speaker with this name (in any spelling), created if new; the role is kept up
        to date with the latest article that states one."""
        key = normalise_name(name)
        speaker = cls.objects.filter(name_key=key).first()
        if speaker is None:
            speaker = cls.objects.filter(aliases__icontains=name.strip()).first()
            if speaker is not None and key not in {normalise_name(a) for a in speaker.aliases}:
                speaker = None
        if speaker is None:
            speaker = cls(name=name, kind=kind, role=role)
            speaker.save()
        elif role and speaker.role != role:
            speaker.role = role
            speaker.save(update_fields=["role", "updated"])
        return speaker

    @transaction.atomic
    def merge_into(self, other: Speaker) -> Speaker:
        """Move this speaker's quotes to ``other``, combine the aliases, and delete this one."""
        if other.pk == self.pk:
            return other
        self.quotes.update(speaker=other)
        other.aliases = [*other.aliases, *self.aliases, self.name]
        if not other.role and self.role:
            other.role = self.role
        other.save()
        self.delete()
        return other


class Article(models.Model):
    """A plain-text news report. ``body`` is kept exactly as uploaded (newlines normalised),
    because quote offsets point into it."""

    title = models.CharField(max_length=300)
    body = models.TextField()
    published = models.DateField(null=True, blank=True, help_text="Unknown stays empty.")
    dateline = models.CharField(max_length=200, blank=True)
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    url = models.URLField(blank=True, max_length=500)
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published", "-id"]
        indexes = [models.Index(fields=["published"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body = self.body.replace("\r\n", "\n").replace("\r", "\n")
        self.content_hash = content_hash(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("article", args=[self.pk])

    def speakers(self) -> models.QuerySet[Speaker]:
        return (
            Speaker.objects.filter(quotes__article=self)
            .annotate(quote_count=Count("quotes"))
            .order_by("-quote_count", "name")
        )

    def reextract_quotes(self) -> int:
        """Extract the quotes again with today's extractor, keeping human corrections."""
        from search.ingest import reextract

        return reextract(self)


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

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
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
