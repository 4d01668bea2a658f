"""The system check of the PostgreSQL backend: which index ranks its searches. With RUM the
page is ranked from the index; with GIN every match's stored vector is read back, which
is what makes a common word slow on a large archive."""

from __future__ import annotations

from django.core import checks

from search.engine import SearchUnavailable, get_backend
from search.engine.postgres.backend import RUM_HINT, PostgresBackend


@checks.register(checks.Tags.database)
def text_index(app_configs=None, databases=None, **kwargs) -> list[checks.CheckMessage]:
    backend = get_backend()
    if not isinstance(backend, PostgresBackend) or backend.alias not in (databases or ()):
        return []
    try:
        method = backend.text_index()
    except SearchUnavailable:
        return []  # the tables are missing: migrate says so
    if method == "rum":
        return [checks.Info("PostgreSQL search ranks from its RUM index.", id="search.I002")]
    if method is None:
        return []
    return [
        checks.Warning(
            "PostgreSQL search uses a GIN index: ranking a common word reads every match's "
            "stored vector back, slow on a large archive.",
            hint=RUM_HINT,
            id="search.W002",
        )
    ]
