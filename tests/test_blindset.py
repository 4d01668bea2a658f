"""The blind sets are well formed: tests/data/blindset/ (issue 10) and tests/data/diplomatic/
(issue 20, speaker attribution). Their gold points at the words it claims, in stories that exist.
It checks the annotation only, never the extractor's score."""

import json
import re
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
GOLD = {
    name: json.loads((DATA / name / "gold.json").read_text(encoding="utf-8"))
    for name in ("blindset", "diplomatic")
}
MINIMUM_STORIES = {"blindset": 40, "diplomatic": 30}
MINIMUM_QUOTES = {"blindset": 250, "diplomatic": 250}
ARTICLES = [(name, a) for name, gold in GOLD.items() for a in gold["articles"]]
DIPLOMATIC = GOLD["diplomatic"]["articles"]
KINDS = {"direct", "indirect", "mixed"}
HOWS = {"named", "surname", "role", "pronoun", "organisation", "carried", "unnamed"}
HARD_CLASSES = range(1, 10)
QUOTE_MARK = re.compile("[“”\"«»]|``|''|(?:^|\\s)‘")


def _text(name, article):
    return (DATA / name / article["file"]).read_text(encoding="utf-8")


def _ids(articles):
    return [f"{name}/{a['file']}" for name, a in articles]


@pytest.mark.parametrize("name", GOLD)
def test_it_says_how_it_was_made(name):
    about = GOLD[name]["_about"].lower()
    assert "blind" in about and "by hand" in about


@pytest.mark.parametrize("name", GOLD)
def test_it_holds_enough_stories_and_every_story_file_is_annotated(name):
    files = sorted(p.name for p in (DATA / name).glob("*.txt"))
    articles = GOLD[name]["articles"]
    assert len(articles) >= MINIMUM_STORIES[name]
    assert sorted(a["file"] for a in articles) == files


@pytest.mark.parametrize("name", GOLD)
def test_it_is_mostly_reported_speech(name):
    kinds = [q["kind"] for a in GOLD[name]["articles"] for q in a["quotes"]]
    assert len(kinds) >= MINIMUM_QUOTES[name]
    assert sum(k != "direct" for k in kinds) * 2 >= len(kinds)


@pytest.mark.parametrize(("name", "article"), ARTICLES, ids=_ids(ARTICLES))
def test_every_quote_points_at_its_words(name, article):
    text = _text(name, article)
    assert article["quotes"], "a story without quotes"
    for q in article["quotes"]:
        assert 0 <= q["start"] < q["end"] <= len(text)
        assert text[q["start"] : q["end"]] == q["quote"]
        assert q["quote"] == q["quote"].strip()


@pytest.mark.parametrize(("name", "article"), ARTICLES, ids=_ids(ARTICLES))
def test_every_quote_follows_the_span_convention(name, article):
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


@pytest.mark.parametrize(("name", "article"), ARTICLES, ids=_ids(ARTICLES))
def test_quotes_do_not_overlap_and_speakers_are_listed(name, article):
    spans = sorted((q["start"], q["end"]) for q in article["quotes"])
    for (_, end), (start, _) in pairwise(spans):
        assert end <= start
    named = {s["name"] for s in article["speakers"]}
    assert {q["speaker"] for q in article["quotes"] if q["speaker"]} == named


@pytest.mark.parametrize("article", DIPLOMATIC, ids=[a["file"] for a in DIPLOMATIC])
def test_every_diplomatic_story_has_two_officials_and_an_organisation_speaking(article):
    kinds = Counter(s["kind"] for s in article["speakers"])
    assert set(kinds) <= {"person", "organisation"}
    assert kinds["person"] >= 2 and kinds["organisation"] >= 1


@pytest.mark.parametrize("article", DIPLOMATIC, ids=[a["file"] for a in DIPLOMATIC])
def test_every_diplomatic_quote_says_how_its_speaker_is_named(article):
    for q in article["quotes"]:
        assert q["how"] in HOWS, q["how"]
        assert (q["how"] == "unnamed") == (q["speaker"] == ""), q["quote"]
        assert set(q["classes"]) <= set(HARD_CLASSES)


def test_every_hard_class_of_issue_20_is_in_at_least_four_diplomatic_stories():
    stories = Counter(c for a in DIPLOMATIC for c in {c for q in a["quotes"] for c in q["classes"]})
    assert all(stories[c] >= 4 for c in HARD_CLASSES), stories
