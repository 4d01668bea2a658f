"""Articles, the outlets that publish them, the people quoted in them, and their quotes.

The database is the source of truth; the search index mirrors it (see ``search.index.sync``).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable

from django.db import IntegrityError, models, transaction
from django.db.models import Count, F
from django.dispatch import Signal
from django.urls import reverse
from django.utils.text import slugify

from search.quotes import EXTRACTOR_VERSION, ROLE_SET, ExtractedSpeaker, Extraction, extract
from search.quotes.lexicon import PRONOUN_FORMS
from search.text.decoding import normalise_newlines
from search.text.quote_groups import group_key
from search.text.speaker_matching import roles_allow, variant_key

# Sent after quotes are created in bulk (``bulk_create`` sends no ``post_save``), with
# ``article_ids`` and ``quotes`` (how many): the search index listens (``search.index.sync``).
quotes_created = Signal()


def normalise_name(name: str) -> str:
    """A key under which two spellings of one name compare equal (case, accents, spacing)."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().replace("’", "'").split())


def is_pronoun(alias: str) -> bool:
    """A pronoun names nobody on its own: "He" as an alias would match every man quoted."""
    return alias.strip().casefold() in PRONOUN_FORMS


def current_extractor_version() -> str:
    return EXTRACTOR_VERSION


def content_hash(body: str) -> str:
    """Identify an article by its text, so that a re-upload of the same story is recognised."""
    canonical = " ".join(body.split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _name_like(alias: str) -> bool:
    """Surnames and full names are worth keeping as aliases; "he", "the ambassador", role
    phrases and a possessive before a name are not."""
    words = alias.split()
    return (
        0 < len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not any(w.lower() in ROLE_SET for w in words)
        and not any(w.endswith(("'s", "’s")) for w in words[:-1])  # "Brazil's Dauster"
    )


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


class Speaker(models.Model):
    """A person or organisation that is quoted. One row per real-world speaker."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"

    name = models.CharField(max_length=200, help_text="Canonical full name.")
    name_key = models.CharField(max_length=200, unique=True, editable=False)
    variant_key = models.CharField(
        max_length=200,
        db_index=True,
        editable=False,
        default="",
        help_text="The name with romanisation variants folded (speaker_matching).",
    )
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
        self.variant_key = variant_key(self.name)[:200]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key", "variant_key"}
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
            if name and not is_pronoun(name):  # "He" would match every man quoted
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

    @classmethod
    def matching(cls, name: str, *, kind: str = Kind.PERSON, role: str = "") -> Speaker | None:
        """The stored speaker a name found in a new article is, if any; precision first.

        1. the same name or a full-name alias, in any case or accents;
        2. else a romanisation variant of the name ("Sergey"/"Sergei") of the same kind,
           whose role does not disagree;
        3. for a bare surname, the one person known by it, if the roles do not disagree.
        Two speakers that fit in step 2 or 3 mean nobody: a new speaker is better than a
        wrong merge."""
        key = normalise_name(name)
        speaker = cls.objects.filter(name_key=key).first()
        if speaker is not None:
            return speaker
        bare = kind == cls.Kind.PERSON and len(key.split()) == 1
        if not bare:
            by_alias = list(cls.objects.filter(alias_set__name_key=key).distinct()[:2])
            if len(by_alias) > 1:  # a full name two speakers go by: only a role can tell
                by_alias = [s for s in by_alias if roles_allow(role, s.role)]
                return by_alias[0] if len(by_alias) == 1 else None
            if by_alias:
                return by_alias[0]
        variant = variant_key(name)[:200]
        # Two indexed look-ups rather than one OR across the join, which scans.
        ids = set(cls.objects.filter(variant_key=variant).values_list("pk", flat=True)[:3])
        aliases = SpeakerAlias.objects.filter(variant_key=variant).order_by()
        ids |= set(aliases.values_list("speaker_id", flat=True).distinct()[:3])
        fits = list(cls.objects.filter(pk__in=ids, kind=kind).order_by("pk"))
        fitting = [s for s in fits if roles_allow(role, s.role)]
        if len(fitting) == 1 and (not bare or len(fits) == 1):
            return fitting[0]
        return None

    CREATE_ATTEMPTS = 5

    @classmethod
    def for_name(
        cls, name: str, *, kind: str = Kind.PERSON, role: str = "", lookup=None
    ) -> Speaker:
        """The speaker with this name (in any spelling), created if new; the role is kept up
        to date with the latest article that states one. ``lookup(name)`` finds an existing
        speaker (``named`` unless given).

        Two imports may create the same new speaker at once (or two speakers whose names
        give the same slug): the loser of the race gets an IntegrityError from the unique
        columns, rolls back its savepoint, and looks again, finding the winner's row."""
        lookup = lookup or cls.named
        speaker = lookup(name)
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
                speaker = lookup(name) or cls.objects.filter(name_key=normalise_name(name)).first()
        if role and speaker.role != role:
            speaker.role = role
            speaker.save(update_fields=["role", "updated"])
        return speaker

    @classmethod
    def for_extracted(cls, found: ExtractedSpeaker, known: dict[str, Speaker]) -> Speaker:
        """The stored speaker for one the extractor found (see ``matching``), given the new
        aliases it was called by; ``known`` caches them by name over the articles of one
        transaction."""
        speaker = known.get(found.name)
        if speaker is None or (found.role and speaker.role != found.role):

            def lookup(name: str) -> Speaker | None:
                return cls.matching(name, kind=found.kind, role=found.role)

            speaker = cls.for_name(found.name, kind=found.kind, role=found.role, lookup=lookup)
        if found.kind == cls.Kind.ORGANISATION and speaker.kind == cls.Kind.PERSON:
            # Older rules stored bodies ("Japan", "Viacom") as people; a body never turns
            # back into a person by extraction, only by an editor.
            speaker.kind = cls.Kind.ORGANISATION
            speaker.save(update_fields=["kind", "updated"])
        names = [a for a in found.aliases if _name_like(a)]
        if normalise_name(found.name) != speaker.name_key and _name_like(found.name):
            names.append(found.name)  # a variant spelling, found again exactly next time
        surname = found.surname or found.name.split()[-1]  # "Li" for Li Wenhao
        if found.kind == cls.Kind.PERSON and surname != found.name:
            names.append(surname)
        if set(names) - set(speaker.aliases) - {speaker.name}:
            speaker.aliases = [*speaker.aliases, *names]
            speaker.save(update_fields=["updated"])  # the aliases are written by save()
        known[found.name] = speaker
        return speaker

    @transaction.atomic
    def split_off(self, quote_ids: Iterable[int], into: Speaker) -> int:
        """Move some of this speaker's quotes to ``into``, marked as an editor's, and record
        per article and mention that they belong there, so re-extraction keeps the split."""
        if into.pk == self.pk:
            return 0
        moved = list(self.quotes.filter(pk__in=list(quote_ids)))
        for quote in moved:
            SpeakerAssignment.objects.update_or_create(
                article_id=quote.article_id,
                name_key=self.name_key,
                mention=" ".join(quote.mention.split())[:200],
                defaults={"speaker": into, "name": self.name},
            )
            quote.speaker = into
            quote.corrected = True
            quote.attribution = Quote.Attribution.EDITOR
            quote.save(update_fields=["speaker", "corrected", "attribution", "updated"])
        return len(moved)

    @transaction.atomic
    def merge_into(self, other: Speaker) -> Speaker:
        """Move this speaker's quotes and editors' decisions to ``other``, combine the
        aliases, and delete this one."""
        if other.pk == self.pk:
            return other
        self.quotes.update(speaker=other)
        self.assignments.update(speaker=other)  # an editor's split now points to ``other``
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
    variant_key = models.CharField(max_length=200, db_index=True, editable=False, default="")

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
        self.variant_key = variant_key(self.name)[:200]
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
    extractor_version = models.CharField(
        max_length=40,
        blank=True,
        default=current_extractor_version,
        editable=False,
        help_text="The quote extractor's rules that found this article's quotes; empty for "
        "articles stored before versions were kept.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        # Unknown dates last on every database (PostgreSQL sorts NULL first when descending).
        ordering = [F("published").desc(nulls_last=True), "-id"]
        indexes = [models.Index(fields=["published"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body = normalise_newlines(self.body)
        self.content_hash = content_hash(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("article", args=[self.pk])

    def reextract_quotes(self) -> int:
        """Extract the quotes again with today's extractor, keeping human corrections."""
        extraction = extract(self.body)  # pure and possibly slow: outside the transaction
        with transaction.atomic():
            article = Article.objects.select_for_update().get(pk=self.pk)
            corrected = list(article.quotes.filter(corrected=True))
            article.quotes.filter(corrected=False).delete()
            found = article.save_extraction(extraction, keep=corrected)
            Article.objects.filter(pk=self.pk).update(extractor_version=EXTRACTOR_VERSION)
            self.extractor_version = EXTRACTOR_VERSION
            return found

    def save_extraction(self, extraction: Extraction, keep: Iterable[Quote] = ()) -> int:
        """Store the extracted speakers and quotes. Quotes in ``keep`` (human corrections)
        stay as they are; new quotes overlapping them are not added again."""
        rows = self.quotes_from(extraction, {}, keep)
        Quote.objects.bulk_create(rows)
        quotes_created.send(Article, article_ids=[self.pk], quotes=len(rows))
        return len(rows)

    def quotes_from(
        self, extraction: Extraction, known: dict[str, Speaker], keep: Iterable[Quote] = ()
    ) -> list[Quote]:
        """Unsaved quotes for this article, their speakers saved (see ``for_extracted``);
        an editor's decision for this article (``SpeakerAssignment``) overrides the match."""
        speakers = {s.name: Speaker.for_extracted(s, known) for s in extraction.speakers}
        keep = list(keep)
        assigned = SpeakerAssignment.lookup(self) if self.pk else None
        rows = []
        for q in extraction.quotes:
            if any(k.start < q.end and q.start < k.end for k in keep):
                continue
            speaker = speakers.get(q.speaker) if q.speaker else None
            attribution = q.attribution if speaker is not None else ""
            if assigned and speaker is not None:
                decided = assigned(speaker, q.mention)
                if decided is not None:
                    speaker, attribution = decided, Quote.Attribution.EDITOR
            rows.append(
                Quote(
                    article=self,
                    speaker=speaker,
                    text=q.text,
                    kind=q.kind,
                    start=q.start,
                    end=q.end,
                    cue=q.cue[:300],
                    cue_start=q.cue_start,
                    cue_end=q.cue_end,
                    mention=q.mention[:200],
                    role=q.role[:300],
                    attribution=attribution if attribution in Quote.Attribution.values else "",
                )
            )
        return rows

    def speakers(self) -> models.QuerySet[Speaker]:
        return (
            Speaker.objects.filter(quotes__article=self)
            .annotate(quote_count=Count("quotes"))
            .order_by("-quote_count", "name")
        )


class SpeakerAssignment(models.Model):
    """An editor's decision, from a split in the admin: in this article, the quotes that
    would go to the speaker ``name`` (named ``mention`` there; blank for any mention)
    belong to ``speaker``. Re-extraction (``Article.quotes_from``) follows it."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="speaker_assignments"
    )
    name = models.CharField(max_length=200, help_text="The speaker the extractor gives.")
    name_key = models.CharField(max_length=200, editable=False)
    mention = models.CharField(max_length=200, blank=True)
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="assignments")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "name_key", "mention"], name="speaker_assignment_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.mention or 'any mention'}) → {self.speaker}"

    def save(self, *args, **kwargs) -> None:
        self.name = " ".join(self.name.split())[:200]
        self.name_key = normalise_name(self.name)[:200]
        self.mention = " ".join(self.mention.split())[:200]
        super().save(*args, **kwargs)

    @classmethod
    def lookup(cls, article: Article):
        """A function (speaker, mention) -> the decided speaker or None, for one article;
        None when there are no decisions. A decision names the speaker as it was; a merge
        since keeps that name as an alias, so aliases count too."""
        decisions = list(cls.objects.filter(article=article).select_related("speaker"))
        if not decisions:
            return None

        def decided(speaker: Speaker, mention: str) -> Speaker | None:
            keys = {speaker.name_key, *(normalise_name(a) for a in speaker.aliases)}
            mention_key = normalise_name(mention)
            for d in decisions:
                if d.name_key in keys and (
                    not d.mention or normalise_name(d.mention) == mention_key
                ):
                    return d.speaker
            return None

        return decided


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
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL)
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
