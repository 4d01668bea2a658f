"""Articles: the stories themselves, and how their quotes are saved."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db import models, transaction
from django.db.models import Count, F
from django.dispatch import Signal
from django.urls import reverse

from search.quotes import EXTRACTOR_VERSION, Extraction, extract
from search.text.decoding import normalise_newlines

from .quotes import Quote
from .sources import Source
from .speakers import Speaker, SpeakerAssignment

# Sent after quotes are created in bulk (``bulk_create`` sends no ``post_save``), with
# ``article_ids`` and ``quotes`` (how many): the search index listens (``search.index.sync``).
quotes_created = Signal()


def current_extractor_version() -> str:
    return EXTRACTOR_VERSION


def content_hash(body: str) -> str:
    """Identify an article by its text, so that a re-upload of the same story is recognised."""
    canonical = " ".join(body.split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


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

    def reextract_quotes(self, changes=None) -> int:
        """Extract the quotes again with today's extractor, keeping human corrections.
        ``changes`` (a ``SpeakerChanges``) is told the extractor's quotes before and after."""
        extraction = extract(self.body)  # pure and possibly slow: outside the transaction
        with transaction.atomic():
            article = Article.objects.select_for_update().get(pk=self.pk)
            corrected = list(article.quotes.filter(corrected=True))
            extracted = article.quotes.filter(corrected=False)
            old = list(extracted.values_list("start", "end", "speaker_id")) if changes else ()
            extracted.delete()
            found = article.save_extraction(extraction, keep=corrected)
            if changes is not None:
                changes.record(old, extracted.values_list("start", "end", "speaker_id"))
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
        self,
        extraction: Extraction,
        known: dict[str, Speaker],
        keep: Iterable[Quote] = (),
        *,
        new: bool = False,
    ) -> list[Quote]:
        """Unsaved quotes for this article, their speakers saved (see ``for_extracted``);
        an editor's decision for this article (``SpeakerAssignment``) overrides the match.
        An article ``new`` in this transaction has no decisions yet: none are looked up."""
        speakers = {s.name: Speaker.for_extracted(s, known) for s in extraction.speakers}
        keep = list(keep)
        assigned = SpeakerAssignment.lookup(self) if self.pk and not new else None
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
