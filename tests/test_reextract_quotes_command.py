"""python manage.py reextract_quotes brings stored quotes up to today's extractor."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search import engine
from search.engine.base import SearchRequest
from search.intake.ingest import ingest_text
from search.models import Article, Quote, Speaker
from search.query import parse
from search.quotes import EXTRACTOR_VERSION

pytestmark = pytest.mark.django_db(transaction=True)
DATA = Path(__file__).parent / "data"
STORY = (
    "Kazakhstan's foreign minister Murat Nurtleu said on Tuesday that the pipeline talks "
    "would resume in Astana next month. The consortium, he said, had agreed on the tariff."
)


def _stored_by_older_rules(text: str) -> Article:
    """An article as the first extractor left it: one wrong quote, an unversioned row."""
    article = ingest_text(text, filename="story.txt").article
    article.quotes.all().delete()
    Quote.objects.create(article=article, text=text[:20], kind="direct", start=0, end=20)
    Article.objects.filter(pk=article.pk).update(extractor_version="")
    return article


def _quote_hits(words: str) -> list[str]:
    result = engine.get_backend().search(SearchRequest(query=parse(words)))
    return [hit.text for hit in result.quotes.hits]


def test_it_replaces_the_quotes_older_rules_found_and_records_the_rules(capsys):
    article = _stored_by_older_rules(STORY)
    call_command("reextract_quotes", "--all")
    texts = sorted(article.quotes.values_list("text", flat=True))
    assert texts == [
        "The consortium, he said, had agreed on the tariff",
        "the pipeline talks would resume in Astana next month",
    ]
    assert set(article.quotes.values_list("speaker__name", flat=True)) == {"Murat Nurtleu"}
    article.refresh_from_db()
    assert article.extractor_version == EXTRACTOR_VERSION
    assert "Re-extracted 1 article(s): 2 quote(s) now, 0 failed." in capsys.readouterr().out


def test_the_index_follows_the_new_quotes():
    _stored_by_older_rules(STORY)
    assert _quote_hits("tariff") == []
    call_command("reextract_quotes", "--all", verbosity=0)
    assert _quote_hits("tariff") == ["The consortium, he said, had agreed on the tariff"]


def test_a_quote_an_editor_corrected_is_kept_as_the_editor_left_it():
    article = _stored_by_older_rules(STORY)
    start = STORY.index("the pipeline")
    end = STORY.index(" month") + len(" month")
    kept = Quote.objects.create(
        article=article,
        text=STORY[start:end],
        kind="mixed",
        start=start,
        end=end,
        corrected=True,
    )
    call_command("reextract_quotes", "--article", str(article.pk), verbosity=0)
    kept.refresh_from_db()
    assert kept.kind == "mixed" and kept.speaker is None
    # The corrected span is not found a second time next to it.
    assert article.quotes.filter(start=start).count() == 1


def test_a_run_after_a_killed_run_takes_only_the_articles_still_on_older_rules():
    done = _stored_by_older_rules(STORY)
    waiting = _stored_by_older_rules(STORY.replace("Astana", "Aktau"))
    # The killed run had finished the first article before it died.
    Article.objects.filter(pk=done.pk).update(extractor_version=EXTRACTOR_VERSION)
    call_command("reextract_quotes", "--all", verbosity=0)
    assert done.quotes.count() == 1  # untouched: its one placeholder quote is still there
    assert waiting.quotes.count() == 2


def test_since_takes_the_articles_stored_from_that_day():
    old = _stored_by_older_rules(STORY)
    new = _stored_by_older_rules(STORY.replace("Astana", "Aktau"))
    Article.objects.filter(pk=old.pk).update(created=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    call_command("reextract_quotes", "--since", "2021-01-01", verbosity=0)
    assert old.quotes.count() == 1
    assert new.quotes.count() == 2


def test_an_unknown_article_id_is_named_in_the_error():
    with pytest.raises(CommandError, match="No article with id 999"):
        call_command("reextract_quotes", "--article", "999")


def test_a_bad_day_says_the_format():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("reextract_quotes", "--since", "last week")


def test_a_choice_of_articles_is_required():
    with pytest.raises(CommandError, match="one of the arguments --all --article --since"):
        call_command("reextract_quotes")


TWO_SPEAKERS = (
    "Azerbaijani Foreign Minister Jeyhun Bayramov said on Monday that the corridor would "
    "open next year. Armenian Prime Minister Nikol Pashinyan said the border talks had "
    "stalled over the maps."
)


def _as_older_rules_left_it(article: Article, *speakers: Speaker | None) -> None:
    """The same spans, in order, under the speakers the older rules gave them."""
    for quote, speaker in zip(article.quotes.order_by("start"), speakers, strict=True):
        Quote.objects.filter(pk=quote.pk).update(speaker=speaker)
    Article.objects.filter(pk=article.pk).update(extractor_version="")


def _report(capsys) -> str:
    call_command("reextract_quotes", "--all")
    return capsys.readouterr().out


def test_it_counts_quotes_that_changed_speaker_and_speakers_left_without_quotes(capsys):
    article = ingest_text(STORY, filename="story.txt").article
    astana = Speaker.objects.create(name="Astana")
    _as_older_rules_left_it(article, astana, astana)
    out = _report(capsys)
    assert "Quotes: 2 changed speaker, 0 gained a speaker, 0 lost their speaker" in out
    assert "Speakers: 0 merged, 0 split, 1 left without quotes." in out
    assert not astana.quotes.exists()


def test_it_counts_quotes_that_gained_a_speaker_and_spans_added_or_removed(capsys):
    article = ingest_text(STORY, filename="story.txt").article
    nurtleu = article.quotes.first().speaker
    _as_older_rules_left_it(article, None, nurtleu)
    Quote.objects.create(article=article, text=STORY[:20], kind="direct", start=0, end=20)
    out = _report(capsys)
    assert "0 changed speaker, 1 gained a speaker, 0 lost their speaker, 0 added, 1 removed" in out


def test_two_old_speakers_now_under_one_count_as_merged(capsys):
    article = ingest_text(STORY, filename="story.txt").article
    first, second = Speaker.objects.create(name="Murat"), Speaker.objects.create(name="Nurtleu")
    _as_older_rules_left_it(article, first, second)
    out = _report(capsys)
    assert "Speakers: 1 merged, 0 split, 2 left without quotes." in out


def test_one_old_speaker_now_under_two_counts_as_split(capsys):
    article = ingest_text(TWO_SPEAKERS, filename="story.txt").article
    assert article.quotes.exclude(speaker=None).values("speaker").distinct().count() == 2
    glued = Speaker.objects.create(name="Jeyhun Bayramov Armenian")
    _as_older_rules_left_it(article, glued, glued)
    out = _report(capsys)
    assert "2 changed speaker" in out
    assert "Speakers: 0 merged, 1 split, 1 left without quotes." in out


def test_a_quote_an_editor_corrected_is_not_counted_as_removed(capsys):
    article = _stored_by_older_rules(STORY)
    Quote.objects.filter(article=article).update(corrected=True)
    out = _report(capsys)
    assert "2 added, 0 removed." in out  # the two found now; the kept one is not counted
    assert article.quotes.filter(corrected=True).count() == 1
