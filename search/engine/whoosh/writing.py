"""Applying a batch of writes to a Whoosh writer, and the merge policy ``compact`` uses."""

from __future__ import annotations

from collections.abc import Iterable

from whoosh.reading import SegmentReader

from .schema import article_fields, quote_fields


def apply(writer, record: tuple) -> None:
    op, first, second = record
    if op == "update":
        for fields in all_fields(first, second):
            writer.update_document(**fields)
    elif op == "add":
        for fields in all_fields(first, second):
            writer.add_document(**fields)
    else:
        for article_id in first:  # an article goes with its quotes
            writer.delete_by_term("article", str(article_id))
        for quote_id in second:
            writer.delete_by_term("uid", f"q{quote_id}")


def merge_down_to(limit: int):
    """A Whoosh merge policy: merge the smallest segments into the new one so that at most
    ``limit`` remain; the large ones are left alone."""

    def policy(writer, segments):
        if len(segments) <= limit:
            return list(segments)
        ordered = sorted(segments, key=lambda s: s.doc_count_all())
        merged = len(segments) - limit + 1
        for segment in ordered[:merged]:
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
        return ordered[merged:]

    return policy


def all_fields(articles: Iterable[dict], quotes: Iterable[dict]):
    for doc in articles:
        yield article_fields(doc)
    for doc in quotes:
        yield quote_fields(doc)
