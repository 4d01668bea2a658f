"""The blind development set (tests/data/blindset/) is well formed: its gold points at the words
it claims, in stories that exist. It checks the annotation only, never the extractor's score."""

import json
import re
from itertools import pairwise
from pathlib import Path

import pytest

DIR = Path(__file__).parent / "data" / "blindset"
GOLD = json.loads((DIR / "gold.json").read_text(encoding="utf-8"))
ARTICLES = GOLD["articles"]
KINDS = {"direct", "indirect", "mixed"}
QUOTE_MARK = re.compile("[“”\"«»]|``|''|(?:^|\\s)‘")


def _text(article):
    return (DIR / article["file"]).read_text(encoding="utf-8")


def _ids(articles):
    return [a["file"] for a in articles]


def test_it_says_how_it_was_made():
    about = GOLD["_about"].lower()
    assert "blind" in about and "by hand" in about


def test_it_holds_at_least_forty_stories_and_every_story_file_is_annotated():
    files = sorted(p.name for p in DIR.glob("*.txt"))
    assert len(ARTICLES) >= 40
    assert sorted(_ids(ARTICLES)) == files


def test_it_is_mostly_reported_speech():
    kinds = [q["kind"] for a in ARTICLES for q in a["quotes"]]
    assert len(kinds) >= 250
    assert sum(k != "direct" for k in kinds) * 2 >= len(kinds)


@pytest.mark.parametrize("article", ARTICLES, ids=_ids(ARTICLES))
def test_every_quote_points_at_its_words(article):
    text = _text(article)
    assert article["quotes"], "a story without quotes"
    for q in article["quotes"]:
        assert 0 <= q["start"] < q["end"] <= len(text)
        assert text[q["start"] : q["end"]] == q["quote"]
        assert q["quote"] == q["quote"].strip()


@pytest.mark.parametrize("article", ARTICLES, ids=_ids(ARTICLES))
def test_every_quote_follows_the_span_convention(article):
    for q in article["quotes"]:
        assert q["kind"] in KINDS
        assert isinstance(q["speaker"], str) and q["cue"]
        if q["kind"] == "direct":
            assert not q["quote"].endswith(","), "the comma before the closing mark is left out"
        else:
            assert not q["quote"].lower().startswith("that "), "a leading 'that' is left out"
            assert not q["quote"].endswith("."), "the final full stop is left out"
            has_mark = bool(QUOTE_MARK.search(q["quote"]))
            assert has_mark == (q["kind"] == "mixed"), q["quote"]


@pytest.mark.parametrize("article", ARTICLES, ids=_ids(ARTICLES))
def test_quotes_do_not_overlap_and_speakers_are_listed(article):
    spans = sorted((q["start"], q["end"]) for q in article["quotes"])
    for (_, end), (start, _) in pairwise(spans):
        assert end <= start
    named = {s["name"] for s in article["speakers"]}
    assert {q["speaker"] for q in article["quotes"] if q["speaker"]} == named
