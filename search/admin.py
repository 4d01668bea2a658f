"""The editors' side: upload articles, correct who said what, merge duplicate speakers."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from search.engine import SearchUnavailable
from search.index import sync
from search.intake.ingest import ingest_bytes
from search.intake.queue import queue_bytes
from search.models import (
    Article,
    QueuedStory,
    Quote,
    Source,
    Speaker,
    SpeakerAlias,
    SpeakerAssignment,
)
from search.text.decoding import human_size, too_big

# A URL typed without a scheme is https (Django 6's default, chosen now).
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}
REEXTRACT_HELP = (
    "Re-extraction replaces the quotes found automatically with what today's extractor "
    "finds; quotes you corrected (speaker or kind) are kept as you left them."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,text/plain"}))
        kwargs.setdefault("allow_empty_file", True)  # ingestion explains an empty file
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            if not data and self.required:  # a POST without files: say so, import nothing
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        error_messages={"required": "Choose one or more .txt files to upload."},
        label="Article files",
        help_text="Plain-text (.txt) articles, one story a file; you can pick several.",
    )
    year = forms.IntegerField(
        required=False,
        min_value=1900,
        max_value=2100,
        label="Year",
        help_text="For datelines that give only a month and day (MOSCOW, Dec 2). "
        "Left empty, such stories are saved with the date unknown.",
    )


class YearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = (
            Article.objects.filter(published__isnull=False)
            .annotate(y=ExtractYear("published"))
            .values_list("y", flat=True)
            .distinct()
            .order_by("-y")
        )
        return [(str(y), str(y)) for y in years] + [("unknown", "Date unknown")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "unknown":
            return queryset.filter(published__isnull=True)
        if value and value.isascii() and value.isdigit():  # "²" is a digit, not a year
            return queryset.filter(published__year=int(value))
        return queryset


class QuoteInline(admin.TabularInline):
    model = Quote
    extra = 0
    fields = ("text", "speaker", "kind", "mention", "attribution", "cue", "role", "corrected")
    readonly_fields = ("text", "mention", "attribution", "cue", "role", "corrected")
    autocomplete_fields = ("speaker",)
    ordering = ("start",)
    verbose_name_plural = "Quotes — " + REEXTRACT_HELP

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "source", "published", "quote_count", "created")
    list_filter = ("source", YearFilter)
    search_fields = ("title", "body")
    date_hierarchy = "published"
    inlines = [QuoteInline]
    readonly_fields = ("content_hash", "created", "updated")
    actions = ["reextract_quotes", "update_search_index"]
    change_list_template = "admin/search/article/change_list.html"
    formfield_overrides = URL_FIELDS

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("source")
            .annotate(n_quotes=Count("quotes"))
        )

    @admin.display(description="quotes", ordering="n_quotes")
    def quote_count(self, obj):
        return obj.n_quotes

    def save_formset(self, request, form, formset, change):
        """A quote whose speaker or kind an editor changed is marked corrected, so
        re-extraction leaves it alone."""
        if formset.model is Quote:
            for inline_form in formset.forms:
                if inline_form.has_changed():
                    _mark_corrected(inline_form.instance, inline_form.changed_data)
        super().save_formset(request, form, formset, change)

    @admin.action(description="Re-extract quotes (keeps corrected quotes)")
    def reextract_quotes(self, request, queryset):
        total = sum(article.reextract_quotes() for article in queryset)
        self.message_user(
            request,
            f"Re-extracted {queryset.count()} article(s): {total} quotes found. "
            "Corrected quotes were kept.",
        )

    @admin.action(description="Update search index")
    def update_search_index(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        quote_ids = list(Quote.objects.filter(article_id__in=ids).values_list("pk", flat=True))
        try:
            written, deleted = sync.reindex(article_ids=ids, quote_ids=quote_ids)
        except SearchUnavailable as exc:
            self.message_user(
                request, f"The search index could not be updated: {exc}", messages.ERROR
            )
            return
        self.message_user(
            request, f"Updated {written} search document(s) for {len(ids)} article(s)."
        )

    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_view)
        return [path("upload/", upload, name="search_article_upload"), *super().get_urls()]

    def upload_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        results = []
        posted = request.method == "POST"
        form = UploadForm(request.POST, request.FILES) if posted else UploadForm()
        if posted and form.is_valid():
            for upload in form.cleaned_data["files"]:
                limit = settings.ARTICLE_UPLOAD_MAX_BYTES
                if upload.size > limit:
                    results.append(("rejected", upload.name, None, too_big(upload.size, limit)))
                    continue
                ingest = queue_bytes if settings.QUEUE_UPLOADS else ingest_bytes
                result = ingest(
                    upload.read(),
                    filename=upload.name,
                    max_bytes=limit,
                    year=form.cleaned_data["year"],
                )
                results.append((result.status, upload.name, result.article, result.message))
            imported = sum(1 for r in results if r[0] in ("imported", "queued"))
            level = messages.SUCCESS if imported == len(results) else messages.WARNING
            done = "imported" if not settings.QUEUE_UPLOADS else (
                "sent to the extraction workers (Queued stories says what became of them)"
            )  # fmt: skip
            self.message_user(
                request,
                format_html(
                    "{} of {} file(s) " + done + "; {} already present; {} rejected.",
                    imported,
                    len(results),
                    sum(1 for r in results if r[0] == "duplicate"),
                    sum(1 for r in results if r[0] == "rejected"),
                ),
                level,
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Upload articles",
            "form": form,
            "results": results,
            "max_size": human_size(settings.ARTICLE_UPLOAD_MAX_BYTES),
            "max_files": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
        }
        return TemplateResponse(request, "admin/search/article/upload.html", context)


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(queryset=Speaker.objects.none(), label="Keep this speaker")

    def __init__(self, *args, speakers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = speakers


class SplitForm(forms.Form):
    """Move some of a speaker's quotes (picked one by one, or all those of some articles)
    to another speaker or a new one."""

    quotes = forms.ModelMultipleChoiceField(
        queryset=Quote.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="These quotes",
    )
    articles = forms.ModelMultipleChoiceField(
        queryset=Article.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Or every quote of theirs in these articles",
    )
    into = forms.ModelChoiceField(
        queryset=Speaker.objects.none(),
        required=False,
        label="Move them to this speaker",
        # Typed and looked up, as in the quote forms: an archive has thousands of speakers.
        widget=AutocompleteSelect(Quote._meta.get_field("speaker"), admin.site),
    )
    new_name = forms.CharField(required=False, max_length=200, label="Or to a new speaker named")
    new_kind = forms.ChoiceField(
        choices=Speaker.Kind.choices,
        initial=Speaker.Kind.PERSON,
        required=False,
        label="Kind of new speaker",
    )
    new_role = forms.CharField(required=False, max_length=300, label="Role of new speaker")

    def __init__(self, *args, speaker: Speaker, **kwargs):
        super().__init__(*args, **kwargs)
        self.speaker = speaker
        self.fields["quotes"].queryset = speaker.quotes.select_related("article").order_by(
            "article_id", "start"
        )
        self.fields["quotes"].label_from_instance = lambda q: (
            f"{q.article.title[:60]} — “{q.text[:100]}” ({q.mention or 'no mention'})"
        )
        self.fields["articles"].queryset = Article.objects.filter(
            quotes__speaker=speaker
        ).distinct()
        self.fields["into"].queryset = Speaker.objects.exclude(pk=speaker.pk)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("quotes") and not cleaned.get("articles"):
            raise forms.ValidationError("Pick the quotes to move, or the articles they are in.")
        into, name = cleaned.get("into"), (cleaned.get("new_name") or "").strip()
        if bool(into) == bool(name):
            raise forms.ValidationError("Pick one speaker to move them to, or name a new one.")
        return cleaned

    def quote_ids(self) -> set[int]:
        data = self.cleaned_data
        ids = {q.pk for q in data["quotes"]}
        in_articles = self.speaker.quotes.filter(article__in=list(data["articles"]))
        return ids | set(in_articles.values_list("pk", flat=True))

    def target(self) -> Speaker:
        data = self.cleaned_data
        if data["into"]:
            return data["into"]
        kind = data["new_kind"] or Speaker.Kind.PERSON
        return Speaker.for_name(data["new_name"], kind=kind, role=data["new_role"])


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    fields = ("name",)
    extra = 1


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "role", "quote_count")
    list_filter = ("kind",)
    search_fields = ("name", "alias_set__name", "role")
    inlines = [SpeakerAliasInline]
    readonly_fields = ("slug", "split_link", "created", "updated")
    actions = ["merge_speakers"]

    @admin.display(description="split")
    def split_link(self, obj):
        if obj.pk is None:
            return "-"
        url = reverse("admin:search_speaker_split", args=[obj.pk])
        return format_html(
            '<a href="{}" id="split-link">Move some of these quotes to another speaker</a>', url
        )

    def get_urls(self):
        split = self.admin_site.admin_view(self.split_view)
        return [path("<int:pk>/split/", split, name="search_speaker_split"), *super().get_urls()]

    def split_view(self, request, pk: int):
        speaker = self.get_object(request, str(pk))
        if speaker is None:
            raise Http404("No such speaker.")
        if not self.has_change_permission(request, speaker):
            raise PermissionDenied
        posted = request.method == "POST"
        form = SplitForm(request.POST if posted else None, speaker=speaker)
        if posted and form.is_valid():
            into = form.target()
            moved = speaker.split_off(form.quote_ids(), into)
            self.message_user(
                request,
                format_html(
                    "Moved {} quote(s) from {} to {}; re-extraction will keep them there.",
                    moved,
                    speaker.name,
                    into.name,
                ),
            )
            return HttpResponseRedirect(reverse("admin:search_speaker_change", args=[into.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Split {speaker.name}",
            "speaker": speaker,
            "form": form,
        }
        return TemplateResponse(request, "admin/search/speaker/split.html", context)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_quotes=Count("quotes"))

    @admin.display(description="quotes", ordering="n_quotes")
    def quote_count(self, obj):
        return obj.n_quotes

    @admin.action(description="Merge selected speakers into one")
    def merge_speakers(self, request, queryset):
        if queryset.count() < 2:
            self.message_user(request, "Select two or more speakers to merge.", messages.WARNING)
            return None
        form = MergeForm(request.POST if "keep" in request.POST else None, speakers=queryset)
        if form.is_valid():
            keep = form.cleaned_data["keep"]
            for other in queryset.exclude(pk=keep.pk):
                other.merge_into(keep)
            self.message_user(
                request,
                format_html("Merged into {}; their quotes and aliases moved there.", keep.name),
            )
            return HttpResponseRedirect(reverse("admin:search_speaker_change", args=[keep.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Merge speakers",
            "form": form,
            "speakers": queryset.annotate(n=Count("quotes")),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/search/speaker/merge.html", context)


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ("short_text", "speaker", "kind", "attribution", "article", "corrected")
    list_filter = (
        "kind", "attribution", "corrected", ("speaker", admin.RelatedOnlyFieldListFilter)
    )  # fmt: skip
    search_fields = ("text", "mention", "speaker__name")
    autocomplete_fields = ("speaker", "article")
    readonly_fields = (
        "start", "end", "cue_start", "cue_end", "attribution", "created", "updated"
    )  # fmt: skip

    @admin.display(description="quote")
    def short_text(self, obj):
        return obj.text[:90]

    def save_model(self, request, obj, form, change):
        if change:
            _mark_corrected(obj, form.changed_data)
        super().save_model(request, obj, form, change)


def _mark_corrected(quote: Quote, changed: list[str]) -> None:
    """A quote whose speaker or kind an editor changed is theirs: re-extraction keeps it,
    and a changed speaker says it was set by an editor."""
    if {"speaker", "kind"} & set(changed):
        quote.corrected = True
    if "speaker" in changed:
        quote.attribution = Quote.Attribution.EDITOR if quote.speaker_id else ""


@admin.register(SpeakerAssignment)
class SpeakerAssignmentAdmin(admin.ModelAdmin):
    """Splits editors made; deleting one lets re-extraction decide again."""

    list_display = ("article", "name", "mention", "speaker", "created")
    search_fields = ("name", "mention", "speaker__name", "article__title")
    autocomplete_fields = ("article", "speaker")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "url", "article_count")
    formfield_overrides = URL_FIELDS
    search_fields = ("name",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("articles"))

    @admin.display(description="articles", ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles


@admin.register(QueuedStory)
class QueuedStoryAdmin(admin.ModelAdmin):
    """What the extraction workers have queued, done and failed (``import_status``)."""

    list_display = ("name", "status", "message", "article", "sent", "finished")
    list_filter = ("status",)
    search_fields = ("name", "message")
    readonly_fields = [f.name for f in QueuedStory._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
