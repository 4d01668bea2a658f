"""Articles, the outlets that publish them, the people quoted in them, and their quotes.

The database is the source of truth; the search index mirrors it (see ``search.indexing``).
"""

from __future__ import annotations

import hashlib
import unicodedata

from django.db import IntegrityError, models, transaction
from django.db.models import Count, F
from django.urls import reverse
from django.utils.text import slugify


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
        with transaction.atomic(using=kwargs.get("using")):
            super().save(*args, **kwargs)
            if self._new_aliases is not None:
                self._write_aliases(self._new_aliases)
                self._new_aliases = None

    def get_absolute_url(self) -> str:
        return reverse("speaker", args=[self.slug])

    _new_aliases: list[str] | None = None  # set through ``aliases``, written by ``save``

    @property
    def aliases(self) -> list[str]:
        """Other ways the speaker is named (surname, earlier spellings), sorted. Stored one
        row each in ``SpeakerAlias``; prefetch ``alias_set`` when listing many speakers."""
        if self._new_aliases is not None:
            return list(self._new_aliases)
        if self.pk is None:
            return []
        return sorted(alias.name for alias in self.alias_set.all())

    @aliases.setter
    def aliases(self, names) -> None:
        """Replace the aliases; ``save()`` writes them."""
        by_key: dict[str, str] = {}
        for name in names or ():
            name = " ".join(str(name).split())
            if name:
                by_key.setdefault(normalise_name(name), name)
        self._new_aliases = sorted(by_key.values())

    def _write_aliases(self, names: list[str]) -> None:
        wanted = {normalise_name(n): n for n in names}
        current = {a.name_key: a for a in self.alias_set.all()}
        gone = [a.pk for key, a in current.items() if key not in wanted]
        if gone:
            for alias in SpeakerAlias.objects.filter(pk__in=gone):
                alias.delete()  # one by one, so the search index hears of each
        for key, name in wanted.items():
            alias = current.get(key)
            if alias is None:
                SpeakerAlias(speaker=self, name=name).save()
            elif alias.name != name:
                alias.name = name
                alias.save()
        if hasattr(self, "_prefetched_objects_cache"):
            self._prefetched_objects_cache.pop("alias_set", None)

    def _unique_slug(self) -> str:
        base = slugify(self.name, allow_unicode=False)[:200] or "speaker"
        slug, n = base, 2
        while Speaker.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    @classmethod
    def named(cls, name: str) -> Speaker | None:
        """The speaker with this name or alias, in any case, accents or spacing."""
        key = normalise_name(name)
        speaker = cls.objects.filter(name_key=key).first()
        if speaker is None:
            speaker = cls.objects.filter(alias_set__name_key=key).order_by("name", "pk").first()
        return speaker

    CREATE_ATTEMPTS = 5

    @classmethod
    def for_name(cls, name: str, *, kind: str = Kind.PERSON, role: str = "") -> Speaker:
        """The speaker with this name (in any spelling), created if new; the role is kept up
        to date with the latest article that states one.

        Two imports may create the same new speaker at once (or two speakers whose names
        give the same slug): the loser of the race gets an IntegrityError from the unique
        columns, rolls back its savepoint, and looks again, finding the winner's row."""
        speaker = cls.named(name)
        for attempt in range(cls.CREATE_ATTEMPTS):
            if speaker is not None:
                break
            try:
                with transaction.atomic():
                    speaker = cls(name=name, kind=kind, role=role)
                    speaker.save()
                return speaker
            except IntegrityError:
                if attempt + 1 == cls.CREATE_ATTEMPTS:
                    raise
                speaker = cls.named(name)
        if role and speaker.role != role:
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


class SpeakerAlias(models.Model):
    """Another way a speaker is named: one row per name, looked up through an index on its
    normalised key (``Speaker.for_name`` and ``Speaker.named``)."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="alias_set")
    name = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "speaker aliases"
        constraints = [
            models.UniqueConstraint(fields=["speaker", "name_key"], name="speaker_alias_once")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name = " ".join(self.name.split())[:200]
        self.name_key = normalise_name(self.name)[:200]
        super().save(*args, **kwargs)


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
        # Unknown dates last on every database (PostgreSQL sorts NULL first when descending).
        ordering = [F("published").desc(nulls_last=True), "-id"]
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
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

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

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#quote-{self.pk}"
