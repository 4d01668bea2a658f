"""The people and organisations quoted, the other names they go by, and editors' decisions
about which mention is whom."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils.text import slugify

from search.quotes import ExtractedSpeaker
from search.text.name_checks import name_problems
from search.text.speaker_matching import roles_allow, variant_key

from .names import _name_like, is_pronoun, normalise_name

if TYPE_CHECKING:
    from .articles import Article


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
            self.just_created = self._state.adding  # no quotes yet: nothing to re-index
            super().save(*args, **kwargs)
            try:
                if self._new_aliases is not None:
                    self._write_aliases(self._new_aliases)
                    self._new_aliases = None
                elif self.just_created:
                    self._saved_aliases = []  # none yet: nothing to read back
            finally:
                self.just_created = False

    def get_absolute_url(self) -> str:
        return reverse("speaker", args=[self.slug])

    _new_aliases: list[str] | None = None  # set through ``aliases``, written by ``save``
    # What this instance last wrote or read of its aliases: ``for_extracted`` asks after
    # every article a speaker is met in, over a whole import, and reads them once.
    _saved_aliases: list[str] | None = None
    just_created = False  # while ``save`` writes the aliases of a speaker it inserted

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
        # a speaker being inserted has no aliases yet: no need to ask
        current = {} if self.just_created else {a.name_key: a for a in self.alias_set.all()}
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
        self._saved_aliases = sorted(wanted.values())

    @staticmethod
    def base_slug(name: str) -> str:
        """The slug a new speaker of this name gets unless another speaker has it."""
        return slugify(" ".join(name.split()), allow_unicode=False)[:200] or "speaker"

    def _unique_slug(self) -> str:
        base = self.base_slug(self.name)
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
        cls,
        name: str,
        *,
        kind: str = Kind.PERSON,
        role: str = "",
        lookup=None,
        aliases=(),
        new: bool = False,
        slug: str = "",
    ) -> Speaker:
        """The speaker with this name (in any spelling), created if new; the role is kept up
        to date with the latest article that states one. ``lookup(name)`` finds an existing
        speaker (``named`` unless given); a speaker created here is saved once, with
        ``aliases``, and the caller adds them to one found. ``new``: the caller knows that
        no stored speaker goes by the name (``KnownSpeakers``), so the first look-up is
        skipped; ``slug``, that no stored speaker has this slug, so it is not asked.

        Two imports may create the same new speaker at once (or two speakers whose names
        give the same slug): the loser of the race gets an IntegrityError from the unique
        columns, rolls back the savepoint of ``save``, and looks again, finding the
        winner's row (or another slug)."""
        lookup = lookup or cls.named
        speaker = None if new else lookup(name)
        for attempt in range(cls.CREATE_ATTEMPTS):
            if speaker is not None:
                break
            try:
                speaker = cls(name=name, kind=kind, role=role, slug=slug if not attempt else "")
                if set(aliases) - {name}:
                    speaker.aliases = [a for a in aliases if a != name]
                speaker.save()  # in a savepoint of its own, aliases and all
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
        transaction (a ``KnownSpeakers`` over an import)."""
        names = [a for a in found.aliases if _name_like(a)]
        surname = found.surname or found.name.split()[-1]  # "Li" for Li Wenhao
        if found.kind == cls.Kind.PERSON and surname != found.name:
            names.append(surname)
        speaker = known.get(found.name)
        if speaker is None or (found.role and speaker.role != found.role):

            def lookup(name: str) -> Speaker | None:
                return cls.matching(name, kind=found.kind, role=found.role)

            speaker = cls.for_name(
                found.name,
                kind=found.kind,
                role=found.role,
                lookup=lookup,
                aliases=names,
                new=bool(getattr(known, "surely_new", None) and known.surely_new(found.name)),
                slug=known.free_slug(found.name) if hasattr(known, "free_slug") else "",
            )
        if _glued_before(speaker.name, found.name, found.kind):
            # Older rules glued the end of the sentence before onto the name ("Hokkaido But
            # Kenzo Uchida", "Said David Gluskin"), and the extractor now finds the name
            # itself, one of that speaker's aliases: the speaker takes it, and it is an alias
            # no more (slug and page stay, the index follows).
            key = normalise_name(found.name)
            speaker.aliases = [a for a in speaker.aliases if normalise_name(a) != key]
            speaker.name = found.name
            speaker.save(update_fields=["name", "updated"])
        if found.kind == cls.Kind.ORGANISATION and speaker.kind == cls.Kind.PERSON:
            # Older rules stored bodies ("Japan", "Viacom") as people; a body never turns
            # back into a person by extraction, only by an editor.
            speaker.kind = cls.Kind.ORGANISATION
            speaker.save(update_fields=["kind", "updated"])
        if normalise_name(found.name) != speaker.name_key and _name_like(found.name):
            names.append(found.name)  # a variant spelling, found again exactly next time
        if speaker._saved_aliases is None:
            speaker._saved_aliases = speaker.aliases
        if set(names) - set(speaker._saved_aliases) - {speaker.name}:
            speaker.aliases = [*speaker.aliases, *names]  # read again: others' stay
            speaker.save(update_fields=["updated"])  # the aliases are written by save()
        known[found.name] = speaker
        if hasattr(known, "note"):  # a ``KnownSpeakers``
            known.note(speaker, names)
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
            quote.attribution = quote.Attribution.EDITOR
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


class SpeakerAssignment(models.Model):
    """An editor's decision, from a split in the admin: in this article, the quotes that
    would go to the speaker ``name`` (named ``mention`` there; blank for any mention)
    belong to ``speaker``. Re-extraction (``Article.quotes_from``) follows it."""

    article = models.ForeignKey(
        "search.Article", on_delete=models.CASCADE, related_name="speaker_assignments"
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


def _glued_before(stored: str, found: str, kind: str) -> bool:
    """Whether a stored name is ``found`` with other words glued before it, and is no name
    for it (a conjunction, a verb, a role word or a place in it), while ``found`` is one. A
    longer name that is a name ("Mary Ann Smith" for "Ann Smith") is never cut."""
    return (
        len(found.split()) > 1
        and stored.endswith(" " + found)
        and bool(name_problems(stored, kind))
        and not name_problems(found, kind)
    )
