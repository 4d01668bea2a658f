"""Hostile text never breaks the extractor: it returns, quickly enough, with offsets that
point at the text it reports."""

import random
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from search.quotes import extract

MARKS = ["“", "”", '"', "«", "»", "„", "‘", "’", "``", "''", "'"]


def check(text: str) -> None:
    for q in extract(text).quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        if q.cue_start is not None:
            assert 0 <= q.cue_start <= q.cue_end <= len(text)
            assert text[q.cue_start : q.cue_end] == q.cue


pieces = st.lists(
    st.sampled_from(
        MARKS
        + [
            " said ",
            " he said",
            ", the minister said.",
            "\n",
            "\n\n",
            "Talks",
            " resume ",
            "ambassador ",
            "Anna Berg",
            ".",
        ]
    )
    | st.text(max_size=20),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(pieces)
def test_any_mix_of_quote_marks_and_words_gives_valid_offsets(text):
    check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=2000))
def test_arbitrary_unicode_gives_valid_offsets(text):
    check(text)


def test_thousands_of_unbalanced_quote_marks_stay_fast():
    started = time.monotonic()
    check('He said " and ' * 20_000)
    check("“" * 100_000)
    assert time.monotonic() - started < 10


def test_a_200_kb_article_is_handled_in_bounded_time():
    rnd = random.Random(1)
    paragraphs = []
    for n in range(900):
        word = rnd.choice(["talks", "trade", "oil", "sanctions"])
        paragraphs.append(f'"The {word} went well in round {n}," the minister said on Monday.')
    text = "\n\n".join(paragraphs)[:200_000]
    started = time.monotonic()
    found = extract(text)
    assert time.monotonic() - started < 10
    assert len(found.quotes) > 800


def test_a_megabyte_without_a_newline_and_nul_bytes_do_not_break_it():
    check(("The minister said that talks went well\x00, " * 26_000)[:1_000_000])
    check("\x00" * 1000 + '"Hello there my friends," he said.')


def test_empty_and_blank_text_give_no_quotes():
    assert extract("").quotes == ()
    assert extract(" \n\n ").quotes == ()


def test_the_parser_sees_a_bounded_share_of_a_huge_article(monkeypatch):
    """A huge upload of speech-like paragraphs: reported speech is looked for within the
    parsing budget only (100,000 characters; 5,000 here to keep the test small), direct
    quotes in all of it."""
    import search.quotes as quotes

    seen = []

    def counting_parse(texts):
        texts = list(texts)
        seen.extend(texts)
        return real_parse(texts)

    real_parse = quotes.parse
    monkeypatch.setattr(quotes, "parse", counting_parse)
    monkeypatch.setattr(quotes, "MAX_PARSED_CHARS", 5_000)
    paragraph = '"Trade grew by a third," the minister said, adding that talks went well.'
    text = "\n\n".join([paragraph] * 1_000)
    found = extract(text)
    assert 4_000 < sum(map(len, seen)) <= 5_000  # the budget is spent, and not exceeded
    assert sum(q.kind == "direct" for q in found.quotes) == 1_000
