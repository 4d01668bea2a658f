import json
import re
from html import unescape
from pathlib import Path

from search.pages.article_markup import (
    QuoteSpan,
    attribution,
    paragraphs,
    render,
    speakers_by_paragraph,
)


def span(quote_id, start, end, cue=None, name="Mikhail Bocharnikov", colour=1):
    return QuoteSpan(
        quote_id=quote_id,
        start=start,
        end=end,
        cue_start=cue[0] if cue else None,
        cue_end=cue[1] if cue else None,
        speaker_name=name,
        speaker_url="/speakers/mikhail-bocharnikov/" if name else "",
        colour=colour,
        attribution=attribution("the ambassador", name, "Russian ambassador"),
        kind="direct",
    )


def test_a_quote_is_wrapped_with_its_anchor_and_speaker_and_no_name_after_it():
    body = "“Relations are good,” the ambassador said."
    html = render(body, [span(7, 1, 19, cue=(22, 41))], [])[0]
    assert 'id="quote-7"' in html
    assert 'data-speaker="Mikhail Bocharnikov"' in html
    assert '<span class="cue speaker-1" data-cue-for="7">the ambassador said</span>' in html
    assert "<a " not in html and "<sup" not in html


def test_each_paragraph_names_the_speakers_whose_quotes_begin_there_once():
    body = "“One,” he said. “Two,” he said.\n\n“Three,” said another.\n\nNo quote here."
    quotes = [span(1, 1, 4), span(2, 17, 20), span(3, 34, 39, name="Ada Other", colour=2)]
    named = speakers_by_paragraph(body, quotes)
    assert [[s.name for s in para] for para in named] == [
        ["Mikhail Bocharnikov"],
        ["Ada Other"],
        [],
    ]
    assert named[1][0].colour_class == "speaker-2"


def test_a_paragraph_going_on_with_the_same_speaker_is_not_named_again():
    body = "“One,” he said.\n\n“Two,” he said.\n\nNo quote.\n\n“Three,” he said."
    quotes = [span(1, 1, 4), span(2, 18, 21), span(3, 46, 51)]
    named = speakers_by_paragraph(body, quotes)
    assert [[s.name for s in para] for para in named] == [["Mikhail Bocharnikov"], [], [], []]
    other = span(4, 46, 51, name="Ada Other")
    named = speakers_by_paragraph(body, [*quotes[:2], other])
    assert [s.name for s in named[3]] == ["Ada Other"]


def test_a_quote_of_another_speaker_than_the_one_picked_is_faded():
    from dataclasses import replace

    html = render("“Yes,” he said.", [replace(span(1, 1, 4), faded=True)], [])[0]
    assert 'class="quote speaker-1 kind-direct faded"' in html


def test_the_attribution_reads_from_mention_to_person_and_role():
    text = attribution("the ambassador", "Mikhail Bocharnikov", "Russian ambassador to Azerbaijan")
    assert text == "the ambassador → Mikhail Bocharnikov, Russian ambassador to Azerbaijan"


def test_an_unnamed_source_is_labelled_as_such():
    assert attribution("a senior official", "", "") == "a senior official (unnamed source)"


def test_html_in_the_article_is_escaped_before_anything_is_marked():
    body = 'He said "<script>alert(1)</script> & <img src=x onerror=y>" today.'
    html = "".join(render(body, [span(1, 9, 57)], [(17, 22)]))
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html
    assert "&amp;" in html


def test_a_quote_running_over_two_paragraphs_is_marked_in_both_with_one_anchor():
    body = "“First part of it.\n\n“Second part,” he said."
    html = render(body, [span(3, 1, 32)], [])
    assert len(html) == 2
    assert 'data-quote="3"' in html[0] and 'data-quote="3"' in html[1]
    assert "".join(html).count('id="quote-3"') == 1


def test_search_terms_are_highlighted_inside_and_outside_quotes():
    body = "Trade grew. “Trade is up,” he said."
    html = "".join(render(body, [span(1, 13, 24)], [(0, 5), (13, 18)]))
    assert html.count("<mark>Trade</mark>") == 2


def text_of(html: str) -> str:
    """What a reader sees of the article itself: the text without its tags."""
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_overlapping_and_out_of_range_spans_keep_every_character_of_the_text():
    body = "Officials said the talks would resume <soon> & quickly."
    html = "".join(render(body, [span(1, 15, 38), span(2, 10, 30), span(3, 30, 999)], [(0, 9)]))
    assert text_of(html) == body
    assert 'id="quote-1"' in html and 'id="quote-2"' in html
    assert 'id="quote-3"' not in html


def test_the_seed_article_keeps_its_text_when_every_gold_quote_is_marked():
    path = Path(__file__).parent / "data"
    gold = json.loads((path / "gold.json").read_text(encoding="utf-8"))["articles"][0]
    body = (path / gold["file"]).read_text(encoding="utf-8")
    spans = [span(n, q["start"], q["end"]) for n, q in enumerate(gold["quotes"], 1)]
    html = "".join(render(body, spans, []))
    assert text_of(html) == "".join(body[s:e] for s, e in paragraphs(body))
    assert all(f'id="quote-{n}"' in html for n in range(1, len(spans) + 1))


def test_blank_lines_and_single_newlines_both_separate_paragraphs():
    assert paragraphs("One.\nTwo.\n\n\nThree.") == [(0, 4), (5, 9), (12, 18)]
