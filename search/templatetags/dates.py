import datetime as dt
import functools

from django import template
from django.utils import dateformat, translation
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def published(value: dt.date | None) -> str:
    """A date as ``<time>``, or "date unknown" (an unknown date is never made up). Each date
    is formatted once per language: Django's ``date`` filter looks up the format and the
    month names on every call, and a results page shows twenty dates."""
    if not value:
        return "date unknown"
    language = translation.get_language()
    return format_html(
        '<time datetime="{}">{}</time>',
        _formatted(value, "Y-m-d", language),
        _formatted(value, "j M Y", language),
    )


@functools.lru_cache(maxsize=8192)
def _formatted(value: dt.date, fmt: str, language: str | None) -> str:
    return dateformat.format(value, fmt)
