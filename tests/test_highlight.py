"""The backend-neutral highlighter: escaped first, marked second, whole words only."""

from search.engine.highlight import MarkedText, mark, words


def test_text_is_escaped_before_the_words_are_marked():
    html = MarkedText({"restraint"}).whole('Show <b>restraint</b> & "calm"')
    assert html == "Show &lt;b&gt;<mark>restraint</mark>&lt;/b&gt; &amp; &quot;calm&quot;"


def test_only_whole_words_are_marked():
    html = MarkedText({"trade"}).whole("trade, retrade, trader and U.S.trade")
    assert html == "<mark>trade</mark>, retrade, trader and U.S.trade"


def test_a_long_text_is_cut_at_a_word_boundary():
    html = MarkedText({"end"}).whole("word " * 200 + "end", limit=50)
    assert html.endswith("…") and "<mark>" not in html


def test_a_fragment_is_the_window_with_the_matches():
    text = "Opening remarks. " * 40 + "The ceasefire held. " + "Closing remarks. " * 40
    html = MarkedText({"ceasefire"}).fragment(text)
    assert "<mark>ceasefire</mark>" in html
    assert html.startswith("…") and html.endswith("…")
    assert len(html) < 400


def test_mark_skips_overlapping_spans_and_words_lists_tokens():
    assert mark("a<b", [(0, 1), (0, 3)]) == "<mark>a</mark>&lt;b"
    assert words("Aliyev's visit, U.S. talks") == {"Aliyev's", "visit", "U.S", "talks"}
