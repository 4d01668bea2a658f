import datetime as dt
import functools

from django import template
from django.utils import dateformat, translation

register = template.Library()


@register.filter
def date_text(value: dt.date | None, fmt: str) -> str:
    """Django's ``date`` filter for the many dates of a results page: each date is formatted
    once per format and language, where the ``date`` filter looks up formats and month names
    again on every call (a tenth of a search page's time)."""
    if not value:
        return ""
    return _formatted(value, fmt, translation.get_language())


@functools.lru_cache(maxsize=8192)
def _formatted(value: dt.date, fmt: str, language: str | None) -> str:
    return dateformat.format(value, fmt)
