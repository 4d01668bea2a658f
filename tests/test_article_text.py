"""Reading a story's top: header lines, headline, dateline, date, title and outlet, as wires
and the region's outlets write them. Pure Python: no database."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from search.text.article_text import parse, parse_date, story_start, title_from

ROOT = Path(__file__).resolve().parent.parent

# --- dates in every style ---------------------------------------------------------------


@pytest.mark.parametrize(
    "written, expected",
    [
        ("2024-03-12", dt.date(2024, 3, 12)),
        ("12 March 2024", dt.date(2024, 3, 12)),
        ("12 Mar 2024", dt.date(2024, 3, 12)),
        ("March 12, 2024", dt.date(2024, 3, 12)),
        ("Mar. 12, 2024", dt.date(2024, 3, 12)),
        ("12.03.2024", dt.date(2024, 3, 12)),  # day first, as the region's outlets write it
        ("03.12.2024", dt.date(2024, 12, 3)),
        ("Tuesday, 12 March 2024", dt.date(2024, 3, 12)),
        ("12 марта 2024 года", dt.date(2024, 3, 12)),
        ("12 March 2024, 14:05", dt.date(2024, 3, 12)),
        ("March 12, 2024 9:40 AM GMT", dt.date(2024, 3, 12)),
    ],
)
def test_a_date_is_read_in_every_style_outlets_use(written, expected):
    assert parse_date(written) == expected


@pytest.mark.parametrize(
    "written, expected",
    [
        ("2024-03-12T23:30:00-05:00", dt.date(2024, 3, 12)),
        ("2024-03-13T01:30:00+04:00", dt.date(2024, 3, 13)),
        ("12.03.2024 23:55 (GMT+4)", dt.date(2024, 3, 12)),
    ],
)
def test_the_day_is_the_one_the_outlet_states_in_its_own_time_zone(written, expected):
    assert parse_date(written) == expected


@pytest.mark.parametrize(
    "written", ["Dec 2", "April 6", "6 April", "31.02.2024", "March 2024", "12/03/2024", "soon"]
)
def test_a_date_without_a_year_or_that_does_not_exist_stays_unknown(written):
    assert parse_date(written) is None


def test_a_month_and_day_take_the_year_they_are_given():
    assert parse_date("Dec 2", year=2023) == dt.date(2023, 12, 2)
    assert parse_date("6 April", year=2020) == dt.date(2020, 4, 6)


# --- datelines ---------------------------------------------------------------------------

VIENNA = (
    "VIENNA, March 12, 2024 (Reuters) - Iran and the International Atomic Energy Agency "
    "agreed on Tuesday to resume talks on monitoring, the agency's director general said.\n\n"
    '"We have a way forward," he told reporters after the board meeting.'
)
MOSCOW = (
    "MOSCOW, Dec 2 (Reuters) - Russian Foreign Minister Sergei Lavrov said on Friday that "
    "Moscow was ready to host the next round of talks between Baku and Yerevan.\n\n"
    '"The door is open," Lavrov told a news conference.'
)
BAKU = (
    "BAKU, Azerbaijan, April 6\n\n"
    "Azerbaijan and Georgia signed a memorandum on border delimitation on Thursday, the "
    "Foreign Ministry said. The document was signed in Tbilisi, Trend reports."
)


def test_a_wire_dateline_gives_place_date_and_agency_and_is_not_the_title():
    parsed = parse(VIENNA)
    assert parsed.dateline == "VIENNA"
    assert parsed.published == dt.date(2024, 3, 12)
    assert parsed.source == "Reuters"
    assert parsed.title == (
        "Iran and the International Atomic Energy Agency agreed on Tuesday to resume talks on "
        "monitoring…"
    )


def test_a_dateline_with_a_month_and_day_only_leaves_the_date_unknown():
    parsed = parse(MOSCOW)
    assert parsed.dateline == "MOSCOW"
    assert parsed.published is None
    assert parsed.source == "Reuters"
    assert parsed.title.startswith("Russian Foreign Minister Sergei Lavrov said on Friday")


def test_a_dateline_with_a_month_and_day_takes_the_year_of_the_feed_or_form():
    assert parse(MOSCOW, year=2022).published == dt.date(2022, 12, 2)


def test_a_dateline_on_a_line_of_its_own_with_a_region_is_read():
    parsed = parse(BAKU, year=2023)
    assert parsed.dateline == "BAKU, Azerbaijan"
    assert parsed.published == dt.date(2023, 4, 6)
    assert parsed.source == "Trend"
    assert parsed.title == (
        "Azerbaijan and Georgia signed a memorandum on border delimitation on Thursday, the "
        "Foreign Ministry…"
    )
    assert parse(BAKU).published is None


def test_a_capitalised_name_before_a_dash_is_not_a_dateline():
    parsed = parse("Minister Bayramov - who arrived on Monday - met his counterpart in Astana.")
    assert parsed.dateline == ""
    assert parsed.title.startswith("Minister Bayramov - who arrived")


# --- header lines ------------------------------------------------------------------------


def test_our_own_date_header_gives_date_and_dateline():
    parsed = parse(
        "date 2024-03-12 VIENNA, March 12\n\nDiplomats met in Vienna on Tuesday. They agreed."
    )
    assert parsed.published == dt.date(2024, 3, 12)
    assert parsed.dateline == "VIENNA"
    assert parsed.title == "Diplomats met in Vienna on Tuesday"


@pytest.mark.parametrize(
    "header",
    [
        "Date: 12 March 2024",
        "Published: 12.03.2024 10:15",
        "Date: March 12, 2024",
        "date: 2024-03-12",
    ],
)
def test_date_and_published_header_lines_give_the_date(header):
    text = f"{header}\nSource: APA\n\nThe foreign ministers of Azerbaijan and Kazakhstan met."
    parsed = parse(text)
    assert parsed.published == dt.date(2024, 3, 12)
    assert parsed.source == "APA"
    assert parsed.title == "The foreign ministers of Azerbaijan and Kazakhstan met"


def test_a_source_header_line_names_the_outlet_even_when_unknown_to_us():
    text = "Source: Caspian News Service\n\nThe ministers met in Aktau on Friday."
    assert parse(text).source == "Caspian News Service"
    assert parse("Source: vestnik kavkaza\n\nThe ministers met.").source == "Vestnik Kavkaza"


def test_a_header_date_without_a_year_stays_unknown():
    assert parse("Date: 12 March\n\nThe ministers met in Baku.").published is None


def test_the_story_starts_after_the_header_lines():
    text = "Date: 12 March 2024\nSource: APA\n\nThe ministers met."
    assert text[story_start(text) :] == "The ministers met."


# --- headlines ---------------------------------------------------------------------------

HEADLINED = "Iran, IAEA agree to resume talks on monitoring\n\n" + VIENNA.replace(
    "March 12, 2024", "March 12"
)


def test_a_short_first_line_before_a_blank_line_is_the_headline():
    parsed = parse(HEADLINED)
    assert parsed.title == "Iran, IAEA agree to resume talks on monitoring"
    assert parsed.headline == parsed.title
    assert parsed.dateline == "VIENNA"
    assert HEADLINED[story_start(HEADLINED) :].startswith("VIENNA, March 12 (Reuters)")


def test_a_short_first_line_before_a_dateline_is_the_headline():
    text = "Lavrov: Moscow ready to host Baku-Yerevan talks\n" + MOSCOW
    parsed = parse(text)
    assert parsed.title == "Lavrov: Moscow ready to host Baku-Yerevan talks"
    assert parsed.dateline == "MOSCOW"


def test_a_date_on_the_line_under_the_headline_is_the_date():
    text = (
        "Azerbaijan, Georgia sign border memorandum\n"
        "12.03.2024\n\n"
        "The foreign ministers of Azerbaijan and Georgia signed a memorandum on Tuesday."
    )
    parsed = parse(text)
    assert parsed.title == "Azerbaijan, Georgia sign border memorandum"
    assert parsed.published == dt.date(2024, 3, 12)
    assert text[story_start(text) :].startswith("The foreign ministers")


def test_a_published_line_under_the_headline_is_the_date():
    text = (
        "Bocharnikov: relations develop steadily\n"
        "Published: March 12, 2024 14:05\n\n"
        "The Russian ambassador spoke at a press conference in Baku."
    )
    assert parse(text).published == dt.date(2024, 3, 12)


def test_a_first_line_ending_in_a_full_stop_is_the_story_not_a_headline():
    text = "The ministers met in Baku.\n\nThey discussed the peace treaty."
    parsed = parse(text)
    assert parsed.headline == ""
    assert parsed.title == "The ministers met in Baku"
    assert story_start(text) == 0


def test_a_short_line_running_on_into_the_story_is_not_a_headline():
    text = "Talks resumed in Geneva on Monday\nbetween the two delegations, officials said."
    assert parse(text).headline == ""


def test_a_lone_line_is_the_story_itself():
    parsed = parse("Ministers met in Baku")
    assert parsed.headline == ""
    assert parsed.title == "Ministers met in Baku"


# --- titles from the first sentence ------------------------------------------------------


def test_a_title_never_stops_inside_a_quote():
    story = (
        '"We will never accept a settlement that leaves our citizens without protection," '
        "Ambassador Zhang Li told the Security Council on Monday. He repeated the point."
    )
    title = title_from(story)
    assert title.startswith('"We will never accept')
    assert title.count('"') % 2 == 0


def test_a_title_ends_at_the_sentence_not_at_a_full_stop_inside_a_quote():
    story = (
        "“The talks were useful. We will meet again,” said Ambassador Zhang Li. "
        "The next round is in May."
    )
    assert (
        title_from(story) == "“The talks were useful. We will meet again,” said Ambassador Zhang Li"
    )


def test_a_long_sentence_is_cut_before_a_quote_rather_than_inside_it():
    story = (
        "Speaking to reporters in Brussels after the meeting of the alliance's foreign "
        "ministers, the secretary general said “the door remains open to every partner who "
        "shares our values”. Next sentence."
    )
    title = title_from(story)
    assert title.endswith("…")
    assert "“" not in title
    assert len(title) <= 100


def test_abbreviations_do_not_end_the_first_sentence():
    story = "U.S. envoy Mr. Brown met Dr. Aliyeva in Baku on Monday. They spoke for an hour."
    assert title_from(story) == "U.S. envoy Mr. Brown met Dr. Aliyeva in Baku on Monday"


def test_an_empty_story_gets_a_placeholder_title():
    assert title_from("  \n ") == "Untitled article"


# --- outlets -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, outlet",
    [
        ("Trend reports referring to the ministry.", "Trend"),
        ("According to the correspondent of Vestnik Kavkaza, he spoke.", "Vestnik Kavkaza"),
        ("PARIS (AFP) - The minister spoke.", "AFP"),
        ("Baku, Jan. 12 /Trend/ - The minister spoke.", "Trend"),
        ("The minister spoke, Interfax reported.", "Interfax"),
    ],
)
def test_the_outlet_is_recognised_from_the_usual_phrasings(phrase, outlet):
    assert parse(phrase).source == outlet


def test_no_outlet_named_leaves_the_source_empty():
    assert parse("The minister spoke in Baku on Monday.").source == ""


def test_it_reads_text_without_django():
    code = (
        "import sys; import search.text.article_text, search.text.outlets; "
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django loaded'"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env={}
    )
    assert done.returncode == 0, done.stderr
