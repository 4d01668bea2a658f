"""How a feed line's keys are read: the text and the date under any of their usual names."""

import datetime as dt

import pytest

from search.intake.feeds import Feed, FeedRecord, FeedRefused, parse_published


def read(*lines: str) -> tuple[list, Feed]:
    feed = Feed("feed.jsonl")
    return list(feed.records(lines)), feed


@pytest.mark.parametrize("key", ["body", "text", "content"])
def test_the_text_is_read_under_any_of_its_usual_keys(key):
    records, _ = read(f'{{"{key}": "Ministers met."}}')
    assert records == [("feed.jsonl:1", FeedRecord("Ministers met."))]


@pytest.mark.parametrize("key", ["published", "date", "pubDate", "datePublished"])
def test_the_date_is_read_under_any_of_its_usual_keys(key):
    records, _ = read(f'{{"body": "Talks.", "{key}": "2024-03-05T23:30:00-05:00"}}')
    assert records[0][1].published == dt.date(2024, 3, 5)


def test_every_key_left_unread_is_collected_once_with_the_losing_alternatives():
    _, feed = read(
        '{"body": "One.", "text": "Also one.", "id": 1, "published": "2024-03-05", "date": "x"}',
        '{"body": "Two.", "id": 2, "tags": []}',
    )
    assert feed.unused == {"text", "id", "date", "tags"}


def test_a_line_without_text_is_a_bad_line_when_others_have_it():
    records, _ = read('{"title": "No text"}', "{not json", '{"body": "Talks."}')
    assert [name for name, _ in records] == ["feed.jsonl:1", "feed.jsonl:2", "feed.jsonl:3"]
    assert "no text under 'body', 'text' or 'content'" in records[0][1]
    assert records[1][1].startswith("Bad line:")
    assert records[2][1] == FeedRecord("Talks.")


def test_a_feed_with_no_text_anywhere_is_refused_naming_its_keys():
    with pytest.raises(FeedRefused, match="its lines carry headline, id, story"):
        read('{"id": 1, "headline": "Talks"}', '{"id": 2, "story": "Ministers met."}')


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-03-05", dt.date(2024, 3, 5)),
        ("2020-04-06T23:30:00-05:00", dt.date(2020, 4, 6)),
        ("2020-04-06T01:30:00+09:00", dt.date(2020, 4, 6)),
        ("1987-02-26T15:01:01", dt.date(1987, 2, 26)),
        ("2024-03-05T23:30:00Z", dt.date(2024, 3, 5)),
        ("2024-03-05T23:30:00.250-05:00", dt.date(2024, 3, 5)),
        ("20240305T233000+0100", dt.date(2024, 3, 5)),
        ("Tue, 05 Mar 2024 23:30:00 -0500", dt.date(2024, 3, 5)),
        ("soon", None),
        (20240305, None),
        ("", None),
        (None, None),
    ],
)
def test_iso_and_rss_dates_keep_their_own_calendar_day_and_unknown_stays_unknown(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("year, expected", [("1987", 1987), (" 2024 ", 2024), ("²", None)])
def test_a_year_is_read_only_from_ascii_digits(year, expected):
    records, _ = read(f'{{"body": "Talks.", "year": "{year}"}}')
    assert records[0][1].year == expected
