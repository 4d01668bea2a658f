"""The dev-set matching rule (bench/devset_scoring.py), pinned on small texts written here."""

from bench.devset_scoring import Span, score, speakers_agree, surname, words_in

TEXT = (
    "The minister said the talks would resume next week in Geneva. "
    '"We are ready to sign," Hans Mueller told reporters.'
)


def _span(snippet, kind="indirect", speaker=None, text=TEXT):
    start = text.index(snippet)
    return Span(start, start + len(snippet), kind, speaker)


def _score(gold, pred, text=TEXT):
    return score({"s": gold}, {"s": pred}, {"s": text})


def test_words_in_counts_words_of_the_span():
    s = _span("the talks would resume next week in Geneva")
    assert len(words_in(TEXT, s.start, s.end)) == 8


def test_exact_match_counts():
    g = _span("the talks would resume next week in Geneva", speaker="Hans Mueller")
    res = _score([g], [g])
    assert (res.quotes.tp, res.quotes.precision, res.quotes.recall) == (1, 1.0, 1.0)


def test_half_of_the_longer_span_is_enough():
    gold = _span("the talks would resume next week in Geneva")  # 8 words
    pred = _span("the talks would resume")  # 4 shared words = half of 8
    assert _score([gold], [pred]).quotes.tp == 1


def test_less_than_half_of_the_longer_span_is_not():
    gold = _span("the talks would resume next week in Geneva")  # 8 words
    pred = _span("the talks would")  # 3 of 8
    res = _score([gold], [pred])
    assert res.quotes.tp == 0
    assert res.stories[0].missed == [gold] and res.stories[0].false_positives == [pred]


def test_the_longer_span_decides_even_when_it_is_the_prediction():
    gold = _span("We are ready to sign")  # 5 words
    pred = _span('in Geneva. "We are ready to sign," Hans Mueller told reporters')  # 11 words
    assert _score([gold], [pred]).quotes.tp == 0
    pred = _span('Geneva. "We are ready to sign," Hans')  # 7 words, 5 shared
    assert _score([gold], [pred]).quotes.tp == 1


def test_matching_is_one_to_one_best_overlap_first():
    gold_a = _span("the talks would resume next week")  # 6 words
    pred_exact = _span("the talks would resume next week")
    pred_half = _span("the talks would")  # 3 of 6: also a candidate for gold_a
    res = _score([gold_a], [pred_half, pred_exact])
    assert res.quotes.tp == 1
    assert res.stories[0].matches[0][1] == pred_exact
    assert res.stories[0].false_positives == [pred_half]
    assert res.quotes.precision == 0.5 and res.quotes.recall == 1.0


def test_one_long_prediction_cannot_match_two_gold_quotes():
    text = "He said prices rose sharply and costs fell sharply."
    g1 = _span("prices rose sharply", text=text)
    g2 = _span("and costs fell sharply", text=text)
    pred = _span("prices rose sharply and costs fell", text=text)  # 6 words
    res = _score([g1, g2], [pred], text)
    # It shares 3 of its 6 words with each gold quote, so either could match; only one does.
    assert res.quotes.tp == 1
    assert [m[:2] for m in res.stories[0].matches] == [(g1, pred)]
    assert res.stories[0].missed == [g2]
    assert res.quotes.recall == 0.5 and res.quotes.precision == 1.0


def test_greedy_prefers_the_better_pair_for_each_gold():
    text = "Officials said one two three four five six, and seven eight nine ten."
    g1 = _span("one two three four five six", text=text)
    g2 = _span("seven eight nine ten", text=text)
    p1 = _span("one two three four five six, and seven", text=text)  # 6/8 with g1
    p2 = _span("and seven eight nine ten", text=text)  # 4/5 with g2
    res = _score([g1, g2], [p1, p2], text)
    assert res.quotes.tp == 2


def test_surname_agreement():
    assert surname("Treasury Secretary James Baker") == "baker"
    assert surname("Baker's") == "baker"
    assert speakers_agree("James Baker", "baker")
    assert speakers_agree("James Baker", "Howard Baker")  # surnames only, by the rule
    assert not speakers_agree("James Baker", "Paul Volcker")
    assert speakers_agree(None, None)  # unnamed source on both sides
    assert not speakers_agree(None, "Volcker")
    assert not speakers_agree("Volcker", None)


def test_quote_and_speaker_scores():
    g = _span("We are ready to sign", "direct", "Hans Mueller")
    ok = _score([g], [Span(g.start, g.end, "direct", "Mueller")])
    bad = _score([g], [Span(g.start, g.end, "direct", "the minister")])
    assert ok.quotes_speaker.tp == 1 and ok.quotes_speaker.f1 == 1.0
    assert bad.quotes.tp == 1 and bad.quotes_speaker.tp == 0


def test_per_kind_figures():
    g_dir = _span("We are ready to sign", "direct", "Hans Mueller")
    g_ind = _span("the talks would resume next week in Geneva", "indirect", None)
    pred = [Span(g_dir.start, g_dir.end, "mixed", "Mueller")]
    res = _score([g_dir, g_ind], pred)
    assert res.by_kind["direct"].recall == 1.0
    assert res.by_kind["indirect"].recall == 0.0
    assert res.by_kind["mixed"].precision == 1.0
    assert res.kind_agreement == (0, 1)


def test_no_gold_no_predictions_and_false_positives():
    res = _score([], [])
    assert res.quotes.f1 == 0.0 and res.quotes.n_pred == 0
    res = _score([], [_span("the talks would resume")])
    assert res.quotes.precision == 0.0 and res.stories[0].false_positives
