"""Reported clauses joined by "but that" are quotes of their own, with the same speaker."""

from search.quotes import extract


def test_a_clause_joined_by_but_that_is_a_quote_of_its_own():
    text = (
        "VIENNA, Feb 10 (Reuters) - Lucia Ferrante said the timetable was "
        '"a step in the right direction" but that the agency still needed access to records.'
    )
    found = extract(text).quotes
    assert [(q.kind, q.text, q.speaker) for q in found] == [
        ("mixed", 'the timetable was "a step in the right direction"', "Lucia Ferrante"),
        ("indirect", "the agency still needed access to records", "Lucia Ferrante"),
    ]


def test_a_clause_joined_by_and_that_stays_whole():
    text = (
        "VIENNA, Feb 10 (Reuters) - Lucia Ferrante said the timetable was good and that the "
        "agency still needed access to records."
    )
    assert [q.text for q in extract(text).quotes] == [
        "the timetable was good and that the agency still needed access to records"
    ]
