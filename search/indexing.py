"""Keeps the search index in step with the database (filled in by the search-layer work)."""


def connect_signals() -> None:
    return None
