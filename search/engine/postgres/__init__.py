"""The PostgreSQL search backend: full text search in the application's own PostgreSQL
database, chosen with ``SEARCH_BACKEND=postgres`` (see ``diplomacy/settings.py``)."""

from .backend import PostgresBackend

__all__ = ["PostgresBackend"]
