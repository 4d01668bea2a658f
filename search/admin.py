"""The editors' side: upload articles, correct who said what, merge duplicate speakers."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from search.engine import SearchUnavailable
from search.index import sync
from search.intake.ingest import ingest_bytes
from search.intake.queue import queue_bytes
from search.models import Article, QueuedStory, Quote, Source, Speaker, SpeakerAlias
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
        if value and value.isdigit():
            return queryset.filter(published__year=int(value))
        return queryset


class QuoteInline(admin.TabularInline):
    model = Quote
    extra = 0
    fields = ("text", "speaker", "kind", "mention", "cue", "role", "corrected")
    readonly_fields = ("text", "mention", "cue", "role", "corrected")
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
                if inline_form.has_changed() and {"speaker", "kind"} & set(
                    inline_form.changed_data
                ):
                    inline_form.instance.corrected = True
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
    readonly_fields = ("slug", "created", "updated")
    actions = ["merge_speakers"]

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
    list_display = ("short_text", "speaker", "kind", "article", "corrected")
    list_filter = ("kind", "corrected", ("speaker", admin.RelatedOnlyFieldListFilter))
    search_fields = ("text", "mention", "speaker__name")
    autocomplete_fields = ("speaker", "article")
    readonly_fields = ("start", "end", "cue_start", "cue_end", "created", "updated")

    @admin.display(description="quote")
    def short_text(self, obj):
        return obj.text[:90]

    def save_model(self, request, obj, form, change):
        if change and {"speaker", "kind"} & set(form.changed_data):
            obj.corrected = True
        super().save_model(request, obj, form, change)


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
