"""JSON Lines feeds as feeds write them: the keys a story's text and date come under differ
from one feed to the next (the Reuters corpus says ``date``, RSS says ``pubDate``,
schema.org ``datePublished``), so each is read under any of its usual names, and every key
the import leaves unread is reported once, so that a feed never loses a field silently."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from search.text.article_text import parse_date

TEXT_KEYS = ("body", "text", "content")  # the first present wins
DATE_KEYS = ("published", "date", "pubDate", "datePublished")
OTHER_KEYS = ("title", "source", "url", "year")
# Lines with no text key held back while waiting for one that has it: past this many, the
# feed is refused without reading further.
PATIENCE = 1000


class FeedRefused(ValueError):
    """A feed none of whose lines carries a story's text under a key we read."""


@dataclass
class FeedRecord:
    text: str
    title: str = ""
    published: dt.date | None = None
    source: str = ""
    url: str = ""
    year: int | None = None


@dataclass
class Feed:
    """The lines of one feed read as records; ``unused`` collects the keys never read."""

    name: str
    unused: set[str] = field(default_factory=set)

    def records(self, lines: Iterable[str]) -> Iterator[tuple[str, FeedRecord | str]]:
        """(line name, record or why the line is bad) for each non-blank line. Lines with
        no text key are bad lines when some line has one; when none has, the feed is
        refused (``FeedRefused``), naming the keys its lines carry."""
        waiting: list[tuple[str, str]] = []  # text-less lines, until a line with text
        keys_seen: set[str] = set()
        has_text = False
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            name = f"{self.name}:{number}"
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("each line must be a JSON object")
            except ValueError as exc:
                if waiting:  # keep the lines in their order
                    waiting.append((name, f"Bad line: {exc}"))
                else:
                    yield name, f"Bad line: {exc}"
                continue
            text_key = next((k for k in TEXT_KEYS if k in record), None)
            if text_key is None:
                keys_seen.update(record)
                why = f"Bad line: no text under {_either(TEXT_KEYS)}"
                if has_text:
                    yield name, why
                    continue
                waiting.append((name, why))
                if len(waiting) >= PATIENCE:
                    break
                continue
            if not has_text:
                has_text = True
                yield from waiting
                waiting.clear()
            yield name, self._record(record, text_key)
        if waiting and not has_text:
            raise FeedRefused(
                f"No line carries the story's text under {_either(TEXT_KEYS)}; "
                f"its lines carry {', '.join(sorted(keys_seen)) or 'no keys'}."
            )

    def _record(self, record: dict, text_key: str) -> FeedRecord | str:
        date_key = next((k for k in DATE_KEYS if k in record), None)
        self.unused.update(k for k in record if k not in (text_key, date_key, *OTHER_KEYS))
        text = record[text_key]
        if not isinstance(text, str):
            return f"Bad line: '{text_key}' must be text"
        return FeedRecord(
            text,
            title=_text(record.get("title")),
            published=parse_published(record.get(date_key)) if date_key else None,
            source=_text(record.get("source")),
            url=_text(record.get("url")),
            year=_year(record.get("year")),
        )


def _either(keys: tuple[str, ...]) -> str:
    return ", ".join(f"'{k}'" for k in keys[:-1]) + f" or '{keys[-1]}'"


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _year(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and 1 <= value <= 9999 else None


def parse_published(value) -> dt.date | None:
    """A feed's date: ISO 8601 (a date, or a datetime with or without a zone, whose calendar
    day is taken in its own offset: a story dated 23:30 at UTC-5 is that day, not the next
    one in UTC), RSS's RFC 822 (``Tue, 05 Mar 2024 10:00:00 GMT``) or any style
    ``article_text.parse_date`` reads. Anything else is unknown, never today."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    found = parse_date(value)
    if found is not None:
        return found
    try:  # ISO's basic forms: 20240305, 20240305T1030Z
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None
