"""Hostile text never breaks the extractor: it returns, with offsets that point at the text
it reports, and its work grows in proportion to the text (counted in steps, not timed)."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.quotes import extract

from .steps import growth

# Doubling the text may at most about double the work (fixed costs only lower the ratio); a
# quadratic step doubles it twice.
LINEAR = 2.5

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


@pytest.mark.parametrize(
    ("make", "size"),
    [
        (lambda n: 'He said " and ' * n, 10_000),
        (lambda n: "“" * n, 50_000),
        (lambda n: "«" * n + "»" * n, 20_000),
        (lambda n: '"The talks went well," he said. ' * n, 1_000),
    ],
    ids=["unbalanced-straight", "only-openings", "nested-guillemets", "short-quotes"],
)
def test_thousands_of_unbalanced_quote_marks_cost_work_in_proportion(make, size):
    check(make(2 * size))
    assert growth(extract, make, size) <= LINEAR


def article(paragraphs: int) -> str:
    rnd = random.Random(1)
    return "\n\n".join(
        f'"The {rnd.choice(["talks", "trade", "oil", "sanctions"])} went well in round {n}," '
        "the minister said on Monday."
        for n in range(paragraphs)
    )


def test_a_200_kb_article_gives_the_quotes_its_paragraphs_give_alone():
    text = article(3_000)[:200_000]
    found = [(q.start, q.end) for q in extract(text).quotes]
    alone, offset = [], 0
    for paragraph in text.split("\n\n"):
        alone += [(q.start + offset, q.end + offset) for q in extract(paragraph).quotes]
        offset += len(paragraph) + 2
    assert len(text) == 200_000
    assert found == alone  # nothing lost, or made up, because the article is long
    assert len(found) > 0.88 * text.count("the minister said")  # as the timed test asked
    check(text)


def test_work_grows_in_proportion_to_the_paragraphs_of_an_article():
    assert growth(extract, article, 900) <= LINEAR


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
