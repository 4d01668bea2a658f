"""Highlight spans: the words the index would match, found as whole tokens."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from search.engine.highlight import WORD, _cut_start
from search.engine.whoosh.highlight import Highlighter

TERMS = [("trade", False), ("minister", False), ("Aliyev", False), ("negotiat", True)]
PIECES = [
    "trade", "Trade", "trades", "trading", "retrade", "trader", "trade's", "U.S.trade",
    "minister", "Minister's", "ministers", "Aliyev", "Əliyev", "Aliyevs", "negotiation",
    "Negotiating", "renegotiate", "tráde", "x", "_", "9", " ", " ", ".", "'", "’", "-", "\\n", "é",
]  # fmt: skip


def reference_spans(highlighter: Highlighter, text: str) -> list[tuple[int, int]]:
    """Every token, one by one, through the analyzer: slow, and plainly right."""
    return [m.span() for m in WORD.finditer(text) if highlighter._matches(m.group())]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=40))
def test_spans_are_the_tokens_the_analyzer_matches(pieces):
    text = "".join(pieces)
    highlighter = Highlighter(TERMS)
    assert highlighter.spans(text) == reference_spans(highlighter, text)


def test_a_word_inside_a_longer_token_is_not_marked():
    text = "retrade, trader, U.S.trade and trade's trade. 'Trade'"
    spans = Highlighter([("trade", False)]).spans(text)
    assert [text[s:e] for s, e in spans] == ["trade's", "trade", "Trade"]


def test_text_without_the_words_has_no_spans():
    assert Highlighter([("trade", False)]).spans("Nothing to see here.") == []
    assert re.search("trade", "retrader")  # present as letters, yet no token matches
    assert Highlighter([("trade", False)]).spans("retrader") == []


def reference_window_start(spans: list[tuple[int, int]], size: int) -> int:
    """The first match whose window holds the most matches, counted one window at a time."""
    best, start = 0, 0
    for i, (s, _e) in enumerate(spans):
        count = sum(1 for _s2, e2 in spans[i:] if e2 <= s + size - 40)
        if count > best:
            best, start = count, s
    return start


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(["trade ", "minister ", "talks ", "x" * 37 + " ", ". "]), max_size=120)
)
def test_a_snippet_is_the_window_with_the_most_matches(pieces):
    text = "".join(pieces)
    highlighter = Highlighter([("trade", False), ("minister", False)])
    spans = highlighter.spans(text)[:200]
    start = reference_window_start(spans, 300) if spans else 0
    if spans:
        start = _cut_start(text, max(0, min(start - 40, len(text) - 300)))
    snippet = highlighter.fragment(text)
    assert (
        snippet.removeprefix("…")
        .replace("<mark>", "")
        .replace("</mark>", "")
        .startswith(text[start : start + 40].replace("'", "&#x27;"))
    )


def test_a_prefix_matching_hundreds_of_words_marks_them_all():
    words = [f"w{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(300)]
    text = " ".join(words) + " retrade awb"
    highlighter = Highlighter([("w", True)])
    spans = highlighter.spans(text)
    assert spans == reference_spans(highlighter, text)
    assert [text[s:e] for s, e in spans] == words
