"""The hand annotation of the sample articles (tests/data/gold.json) is reproduced: every
quote found with its speaker and kind, and nothing a reader would not call a quote."""

import json
from pathlib import Path

import pytest

from search.quotes import extract

DATA = Path(__file__).parent / "data"
GOLD = json.loads((DATA / "gold.json").read_text(encoding="utf-8"))
EDGES = " \n“”\"'‘’«»„,.;:!?"


def trimmed(text: str) -> str:
    return text.strip(EDGES)


@pytest.fixture(params=GOLD["articles"], ids=lambda a: a["file"])
def annotated(request):
    entry = request.param
    text = (DATA / entry["file"]).read_text(encoding="utf-8")
    return entry, text, extract(text)


def test_every_gold_quote_is_found_with_its_speaker_and_kind(annotated):
    entry, text, found = annotated
    by_span = {trimmed(q.text): q for q in found.quotes}
    for gold in entry["quotes"]:
        quote = by_span.get(trimmed(gold["quote"]))
        assert quote is not None, f"missed: {gold['quote'][:70]}"
        assert quote.speaker == gold["speaker"], gold["quote"][:70]
        assert quote.kind == gold["kind"], gold["quote"][:70]


def test_nothing_beyond_the_gold_quotes_is_found(annotated):
    entry, text, found = annotated
    gold = {trimmed(q["quote"]) for q in entry["quotes"]}
    extra = [q.text[:70] for q in found.quotes if trimmed(q.text) not in gold]
    assert extra == []


def test_the_speaker_is_named_in_full_with_the_role_the_article_gives(annotated):
    entry, text, found = annotated
    expected = {(s["name"], s["role"]) for s in entry["speakers"]}
    assert {(s.name, s.role) for s in found.speakers} == expected


def test_offsets_and_cues_point_at_the_text(annotated):
    entry, text, found = annotated
    for quote in found.quotes:
        assert text[quote.start : quote.end] == quote.text
        assert quote.cue_start is not None and text[quote.cue_start : quote.cue_end] == quote.cue
