"""Search backends, chosen by ``settings.SEARCH_BACKENDS`` the way Django chooses caches.

from search.engine import get_backend
results = get_backend().search(SearchRequest(query=parse("aliyev")))
"""

from __future__ import annotations

import os
import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .base import (
    ACTIVITY_SPEAKERS,
    UNDATED,
    Activity,
    ArticleHit,
    FacetValue,
    Filters,
    IndexDamaged,
    IndexMissing,
    Page,
    PeriodCount,
    QuoteHit,
    SearchBackend,
    SearchRequest,
    SearchResults,
    SearchUnavailable,
    Sort,
    SpeakerActivity,
    Suggestion,
)

__all__ = [
    "ACTIVITY_SPEAKERS",
    "Activity",
    "ArticleHit",
    "FacetValue",
    "Filters",
    "IndexDamaged",
    "IndexMissing",
    "Page",
    "PeriodCount",
    "QuoteHit",
    "SearchBackend",
    "SearchRequest",
    "SearchResults",
    "SearchUnavailable",
    "Sort",
    "SpeakerActivity",
    "Suggestion",
    "UNDATED",
    "get_backend",
    "reset_backends",
]

_backends: dict[str, SearchBackend] = {}
_pid = os.getpid()
_lock = threading.Lock()


def get_backend(alias: str = "default") -> SearchBackend:
    """The process-wide backend for ``alias``; one instance (and so one searcher) per process."""
    global _pid
    with _lock:
        if _pid != os.getpid():  # forked (gunicorn --preload): the parent's handles are not ours
            _backends.clear()
            _pid = os.getpid()
        backend = _backends.get(alias)
        if backend is None:
            backend = _backends[alias] = _create(alias)
        return backend


def reset_backends() -> None:
    """Close and forget every cached backend, so the next call reads settings again."""
    with _lock:
        backends = list(_backends.values())
        _backends.clear()
    for backend in backends:
        close = getattr(backend, "close", None)
        if callable(close):
            close()


def _create(alias: str) -> SearchBackend:
    configs = getattr(settings, "SEARCH_BACKENDS", {})
    try:
        config = dict(configs[alias])
    except KeyError:
        raise ImproperlyConfigured(
            f"SEARCH_BACKENDS has no {alias!r} entry; add one with a BACKEND dotted path."
        ) from None
    path = config.pop("BACKEND", None)
    if not path:
        raise ImproperlyConfigured(f"SEARCH_BACKENDS[{alias!r}] needs a BACKEND dotted path.")
    try:
        backend_class = import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(f"Cannot import search backend {path!r}: {exc}") from exc
    return backend_class(config)
