"""Every GET parameter of the search page, validated. An invalid value gives an explained,
empty result, never an error page."""

from __future__ import annotations

from django import forms
from django.core.validators import validate_slug

from search.engine import UNDATED, Filters, SearchRequest
from search.models import Quote, Speaker
from search.query import parse

SORTS = [("relevance", "Relevance"), ("newest", "Newest first"), ("oldest", "Oldest first")]
MAX_PAGE = 100_000


class ListField(forms.Field):
    """A repeatable parameter (``?speaker=a&speaker=b``); blanks are dropped."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, item_validator=None, max_items: int = 20, **kwargs) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.item_validator = item_validator
        self.max_items = max_items

    def to_python(self, value) -> list[str]:
        if value in (None, ""):
            return []
        values = value if isinstance(value, list | tuple) else [value]
        cleaned = list(dict.fromkeys(v.strip() for v in values if v and v.strip()))
        if len(cleaned) > self.max_items:
            raise forms.ValidationError(f"At most {self.max_items} values, please.")
        for item in cleaned:
            if len(item) > 200:
                raise forms.ValidationError("That value is too long.")
            if self.item_validator:
                self.item_validator(item)
        return cleaned


def _year(value: str) -> None:
    if value == UNDATED:
        return
    if not (value.isascii() and value.isdigit() and 1800 <= int(value) <= 2200):  # not "²"
        raise forms.ValidationError(f"“{value}” is not a year.")


def _kind(value: str) -> None:
    if value not in Quote.Kind.values:
        raise forms.ValidationError(
            f"“{value}” is not a kind of quote; use direct, indirect or mixed."
        )


def _speaker_kind(value: str) -> None:
    if value not in Speaker.Kind.values:
        raise forms.ValidationError(
            f"“{value}” is not a kind of speaker; use person or organisation."
        )


def _slug(value: str) -> None:
    try:
        validate_slug(value)
    except forms.ValidationError:
        raise forms.ValidationError(f"“{value}” is not a speaker.") from None


class SearchForm(forms.Form):
    q = forms.CharField(required=False, strip=True, label="Search")
    speaker = ListField(item_validator=_slug)
    source = ListField()
    kind = ListField(item_validator=_kind)
    speaker_kind = ListField(item_validator=_speaker_kind, max_items=2)
    year = ListField(item_validator=_year)
    sort = forms.ChoiceField(choices=SORTS, required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def __init__(self, data=None, **kwargs) -> None:
        if data is not None and hasattr(data, "getlist"):
            data = {
                key: data.getlist(key) if key in self.list_fields else data.get(key) for key in data
            }
        super().__init__(data, **kwargs)
        # "from" and "to" are Python keywords, so they are added here rather than declared.
        self.fields["from"] = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
        self.fields["to"] = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
        self.fields["from"].error_messages["invalid"] = "“from” must be a date like 2019-01-31."
        self.fields["to"].error_messages["invalid"] = "“to” must be a date like 2020-12-31."

    list_fields = ("speaker", "source", "kind", "speaker_kind", "year")

    def search_request(
        self, *, per_page: int, page: int | None = None, sort: str | None = None, **options
    ) -> SearchRequest:
        """The backend request for this (valid) form. The search page, its feed, the API
        and the exports all build it here, so they mean the same thing by the same query."""
        data = self.cleaned_data
        return SearchRequest(
            query=parse(data["q"]),
            # The query's own fields (speaker:, from:, ...) travel inside ``query``; the
            # backend combines them with these sidebar filters.
            filters=Filters(
                speakers=tuple(data["speaker"]),
                sources=tuple(data["source"]),
                kinds=tuple(data["kind"]),
                speaker_kinds=tuple(data["speaker_kind"]),
                years=tuple(y for y in data["year"] if y != UNDATED),
                undated=UNDATED in data["year"],
                date_from=data["from"],
                date_to=data["to"],
            ),
            sort=sort or data["sort"],
            page=page or data["page"],
            per_page=per_page,
            **options,
        )

    def clean_q(self) -> str:
        return self.cleaned_data["q"][:2000]

    def clean_sort(self) -> str:
        return self.cleaned_data["sort"] or "relevance"

    def clean_page(self) -> int:
        return self.cleaned_data["page"] or 1

    def clean_speaker(self) -> list[str]:
        slugs = self.cleaned_data["speaker"]
        if not slugs:
            return slugs
        known = set(Speaker.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        unknown = [s for s in slugs if s not in known]
        if unknown:
            raise forms.ValidationError(
                f"There is no speaker “{unknown[0]}”. Pick one from the list of speakers."
            )
        return slugs

    def clean_year(self) -> list[int | str]:
        """Years as numbers; "unknown" (the date-unknown bucket) stays as it is."""
        return [y if y == UNDATED else int(y) for y in self.cleaned_data["year"]]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            cleaned["from"], cleaned["to"] = end, start
        return cleaned


class ArticleForm(forms.Form):
    """The article page's options: the searched words to mark, one speaker to pick out
    (the others fade), and whether quotes are marked at all. Anything invalid falls back to
    the plain page."""

    DEFAULTS = {"q": "", "only": "", "marks": "on"}

    q = forms.CharField(required=False, strip=True)
    only = forms.SlugField(required=False, max_length=220)
    marks = forms.ChoiceField(choices=[("on", "on"), ("off", "off")], required=False)

    def clean_q(self) -> str:
        return self.cleaned_data["q"][:2000]

    def clean_marks(self) -> str:
        return self.cleaned_data["marks"] or "on"


class SpeakersForm(forms.Form):
    """The speakers list: part of a name, people or organisations, an order, and a page.
    Anything invalid falls back to the whole list, most quoted first."""

    DEFAULTS = {"name": "", "kind": "", "sort": "quotes", "page": 1}
    KINDS = [("", "Everyone"), ("person", "People"), ("organisation", "Organisations")]

    name = forms.CharField(required=False, strip=True, max_length=200)
    sort = forms.ChoiceField(
        choices=[("quotes", "Most quoted"), ("name", "Name"), ("latest", "Latest quote")],
        required=False,
    )
    kind = forms.ChoiceField(choices=KINDS, required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def clean_sort(self) -> str:
        return self.cleaned_data["sort"] or "quotes"

    def clean_page(self) -> int:
        return self.cleaned_data["page"] or 1
