"""The attribution kit's matching rule as bench/attribution_matching.py writes it, pinned on a
text written here."""

from bench.attribution_matching import (
    Quote,
    prf,
    score,
    speaker_right,
    speaker_right_by,
    speakers_agree,
    surname,
)

TEXT = (
    "The minister said the talks would resume next week in Geneva. "
    '"We are ready to sign," Hans Mueller told reporters.'
)


def _quote(snippet, speaker=None, kind="indirect", how=None):
    start = TEXT.index(snippet)
    return Quote(start, start + len(snippet), speaker, kind, how)


def _score(gold, pred, **kw):
    return score({"s": TEXT}, {"s": gold}, {"s": pred}, **kw)


def test_half_of_the_longer_span_is_a_match():
    gold = _quote("the talks would resume next week in Geneva")  # 8 words
    assert _score([gold], [_quote("the talks would resume")]).lenient == 1


def test_less_than_half_of_the_longer_span_is_not():
    gold = _quote("the talks would resume next week in Geneva")
    assert _score([gold], [_quote("the talks would")]).lenient == 0


def test_a_prediction_matches_one_gold_quote_only():
    gold = [_quote("the talks would resume"), _quote("the talks would resume next week")]
    c = _score(gold, [_quote("the talks would resume next week")])
    assert (c.lenient, c.gold, c.pred) == (1, 2, 1)


def test_surnames_decide_whether_the_speaker_agrees():
    gold = _quote("We are ready to sign", "Hans Mueller", "direct")
    assert _score([gold], [_quote("We are ready to sign", "Mueller's")]).speaker_ok == 1
    assert _score([gold], [_quote("We are ready to sign", "Hans")]).speaker_ok == 0


def test_an_unnamed_speaker_agrees_with_nothing():
    assert surname("") is None
    assert not speakers_agree(None, None)
    assert speakers_agree("Martin Luther King Jr.", "King")


def test_gold_out_of_scope_leaves_both_denominators():
    unnamed = _quote("the talks would resume next week in Geneva")
    named = _quote("We are ready to sign", "Hans Mueller", "direct")
    pred = [
        _quote("the talks would resume next week in Geneva"),
        _quote("We are ready to sign", "Mueller"),
    ]
    c = _score([unnamed, named], pred, in_scope=lambda g: g.speaker is not None)
    assert (c.gold, c.pred, c.speaker_ok) == (1, 1, 1)
    assert prf(c.speaker_ok, c.pred, c.gold) == (1.0, 1.0, 1.0)


def test_recall_is_counted_by_gold_kind():
    gold = [_quote("We are ready to sign", kind="direct"), _quote("the talks would resume")]
    c = _score(gold, [_quote("We are ready to sign")])
    assert (c.found_by_kind, c.gold_by_kind) == ({"direct": 1}, {"direct": 1, "indirect": 1})


def test_speaker_accuracy_is_counted_by_how_the_speaker_was_found():
    gold = [
        _quote("the talks would resume next week in Geneva", "Anna Berg", how="role"),
        _quote("We are ready to sign", "Hans Mueller", "direct", how="named"),
    ]
    pred = [
        _quote("the talks would resume next week in Geneva", "Mueller", how="pronoun"),
        _quote("We are ready to sign", "Mueller", "direct", how="named"),
    ]
    by_gold = speaker_right_by({"s": TEXT}, {"s": gold}, {"s": pred}, lambda g, p: g.how)
    by_pred = speaker_right_by({"s": TEXT}, {"s": gold}, {"s": pred}, lambda g, p: p.how)
    assert by_gold == {"role": (0, 1), "named": (1, 1)}
    assert by_pred == {"pronoun": (0, 1), "named": (1, 1)}


def test_an_unnamed_source_is_right_only_when_the_prediction_names_nobody():
    gold = _quote("the talks would resume next week in Geneva")
    assert speaker_right(gold, _quote("the talks would resume next week in Geneva"))
    assert not speaker_right(gold, _quote("the talks would resume", "Hans Mueller"))
