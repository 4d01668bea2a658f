import ast
import datetime as dt
import json
from pathlib import Path

import pytest

from search.intake import ingest
from search.intake.ingest import ingest_bytes, ingest_text
from search.models import Article, Quote, Speaker
from search.text.article_text import parse as parse_article_text

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
SEED_000 = (DATA / "000_a759422f1114f416.txt").read_text(encoding="utf-8")
SEED_001 = (DATA / "001_d200d971de2d4ade.txt").read_text(encoding="utf-8")


def test_the_samples_keep_their_titles():
    assert parse_article_text(SEED_000).title.startswith("A significant date is traditionally")
    assert parse_article_text(SEED_001).title.startswith("Russian ambassador to Azerbaijan")


def test_the_header_line_gives_the_date_and_dateline():
    parsed = parse_article_text(SEED_000)
    assert parsed.published == dt.date(2020, 4, 6)
    assert parsed.dateline == "BAKU, Azerbaijan"
    assert parsed.source == "Trend"


def test_an_article_without_a_header_has_no_date_rather_than_today():
    parsed = parse_article_text(SEED_001)
    assert parsed.published is None
    assert parsed.source == "Vestnik Kavkaza"


def test_a_wire_dateline_and_agency_are_recognised():
    parsed = parse_article_text(
        "MOSCOW, March 3 (Reuters) - Russia and Japan resumed talks on Tuesday, a ministry said."
    )
    assert parsed.dateline == "MOSCOW"
    assert parsed.source == "Reuters"
    assert parsed.title.startswith("Russia and Japan resumed talks")


def test_a_long_first_sentence_becomes_a_title_cut_at_a_word():
    parsed = parse_article_text("word " * 60 + ". Second sentence.")
    assert len(parsed.title) <= 100
    assert parsed.title.endswith("word…")


@pytest.mark.parametrize(
    "phrase, outlet",
    [
        ("Trend reports referring to the ministry.", "Trend"),
        ("According to the correspondent of Vestnik Kavkaza, he spoke.", "Vestnik Kavkaza"),
        ("PARIS (AFP) - The minister spoke.", "AFP"),
    ],
)
def test_the_outlet_is_recognised_from_the_usual_phrasings(phrase, outlet):
    assert parse_article_text(phrase).source == outlet


def test_seed_000_is_stored_with_its_date_dateline_source_and_quotes():
    result = ingest_text(SEED_000, filename="000.txt")
    article = result.article
    assert result.status == "imported"
    assert article.published == dt.date(2020, 4, 6)
    assert article.dateline == "BAKU, Azerbaijan"
    assert article.source.name == "Trend"
    assert article.body == SEED_000
    assert article.quotes.count() == 22
    speaker = Speaker.objects.get()
    assert speaker.name == "Mikhail Bocharnikov"
    assert speaker.role == "Russian ambassador to Azerbaijan"
    assert "Bocharnikov" in speaker.aliases


def test_seed_001_has_no_date_and_comes_from_vestnik_kavkaza():
    article = ingest_text(SEED_001).article
    assert article.published is None
    assert article.source.name == "Vestnik Kavkaza"
    assert article.quotes.filter(kind="indirect").count() == 4


def test_quote_offsets_point_into_the_stored_body():
    article = ingest_text(SEED_001).article
    for quote in article.quotes.all():
        assert article.body[quote.start : quote.end] == quote.text
        assert article.body[quote.cue_start : quote.cue_end] == quote.cue


def test_both_seeds_share_one_speaker():
    ingest_text(SEED_000)
    ingest_text(SEED_001)
    assert Speaker.objects.count() == 1
    assert Speaker.objects.get().quotes.count() == 30


def test_the_same_text_uploaded_again_is_recognised_as_a_duplicate():
    first = ingest_text(SEED_000)
    again = ingest_text(SEED_000.replace("\n", "\r\n"))
    assert again.status == "duplicate"
    assert again.article == first.article
    assert Article.objects.count() == 1


def test_a_failure_while_saving_quotes_leaves_no_article(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Article, "save_extraction", broken)
    with pytest.raises(RuntimeError):
        ingest_text(SEED_000)
    assert Article.objects.count() == 0
    assert Quote.objects.count() == 0


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"\x00\x01binary\x00", "binary"),
        (bytes(range(0x80, 0x100)) * 20, "Save it as UTF-8"),
    ],
)
def test_bad_files_are_rejected_with_a_reason_and_nothing_is_stored(data, message):
    result = ingest_bytes(data, filename="bad.txt")
    assert result.status == "rejected"
    assert message in result.message
    assert Article.objects.count() == 0


def test_an_oversized_file_is_rejected():
    result = ingest_bytes(b"x" * 100, filename="big.txt", max_bytes=10)
    assert result.status == "rejected"
    assert "over the limit" in result.message


def test_cp1251_text_is_stored_as_cyrillic():
    text = "Министр иностранных дел заявил, что переговоры продолжатся."
    result = ingest_bytes(text.encode("cp1251"), filename="ru.txt")
    assert result.article.body == text


def test_reextraction_keeps_a_quote_an_editor_corrected():
    article = ingest_text(SEED_001).article
    other = Speaker.objects.create(name="Zakir Hasanov")
    quote = article.quotes.order_by("start").first()
    quote.speaker, quote.corrected = other, True
    quote.save()
    count = article.reextract_quotes()
    assert count == 7
    kept = article.quotes.get(start=quote.start)
    assert kept.speaker == other and kept.corrected
    assert article.quotes.count() == 8


def test_a_rerun_indexes_the_articles_a_killed_import_saved_but_never_indexed(
    tmp_path, django_capture_on_commit_callbacks
):
    from search.index import maintenance

    maintenance.rebuild_index()  # the empty index a new site starts with
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "\n".join(json.dumps({"body": body}) for body in (SEED_000, SEED_001)), encoding="utf-8"
    )
    maintenance.rebuild_index()  # the index as it stood before the import: empty
    with django_capture_on_commit_callbacks(execute=False):  # killed before its index writes
        ingest.import_jsonl(str(feed))
    assert maintenance.check_index().missing["article"] == sorted(
        Article.objects.values_list("pk", flat=True)
    )

    with django_capture_on_commit_callbacks(execute=True):
        report = ingest.import_jsonl(str(feed))
    assert report.count("duplicate") == 2
    drift = maintenance.check_index()
    assert drift.clean, drift
    assert drift.counts == {"article": 2, "quote": Quote.objects.count()}


WIRE = (
    "Lavrov: Moscow ready to host Baku-Yerevan talks\n\n"
    "MOSCOW, Dec 2 (Reuters) - Russian Foreign Minister Sergei Lavrov said on Friday that "
    "Moscow was ready to host the next round of talks between Baku and Yerevan.\n\n"
    '"The door is open," Lavrov told a news conference.'
)


def feed_of(tmp_path, *records) -> str:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    return str(feed)


def test_an_uploaded_wire_story_is_stored_with_its_headline_dateline_and_source():
    article = ingest_text(WIRE, year=2023).article
    assert article.title == "Lavrov: Moscow ready to host Baku-Yerevan talks"
    assert article.dateline == "MOSCOW"
    assert article.published == dt.date(2023, 12, 2)
    assert article.source.name == "Reuters"


def test_a_month_and_day_with_no_year_anywhere_stay_unknown():
    assert ingest_text(WIRE).article.published is None


def test_a_feed_line_gives_the_year_for_a_month_and_day(tmp_path):
    ingest.import_jsonl(feed_of(tmp_path, {"body": WIRE, "year": 2021}))
    assert Article.objects.get().published == dt.date(2021, 12, 2)


def test_the_import_year_serves_lines_without_their_own(tmp_path):
    ingest.import_jsonl(feed_of(tmp_path, {"body": WIRE}), year=2020)
    assert Article.objects.get().published == dt.date(2020, 12, 2)


def test_a_feeds_published_date_and_title_win_over_the_text(tmp_path):
    record = {
        "body": WIRE.replace("Dec 2", "Dec 2, 2023"),
        "published": "2023-12-01T22:15:00-05:00",
        "title": "Lavrov offers Moscow for talks",
        "source": "Reuters Moscow bureau",
    }
    ingest.import_jsonl(feed_of(tmp_path, record))
    article = Article.objects.get()
    assert article.published == dt.date(2023, 12, 1)  # the day in the feed's own zone
    assert article.title == "Lavrov offers Moscow for talks"
    assert article.source.name == "Reuters Moscow bureau"


def test_a_bulk_import_saves_every_article_once_with_its_quotes(tmp_path):
    records = [
        {
            "body": f"BAKU, Azerbaijan, April {n % 28 + 1}\n\n"
            + SEED_000.split("\n", 2)[2]
            + f"\n\nRound {n}.",
            "year": 2020,
        }
        for n in range(70)
    ]
    report = ingest.import_jsonl(feed_of(tmp_path, *records, {"body": SEED_001}))
    assert report.summary() == "71 imported, 0 already present, 0 failed"
    assert Article.objects.count() == 71
    first = Article.objects.get(body=records[0]["body"])
    assert first.published == dt.date(2020, 4, 1)
    assert first.quotes.count() == ingest_text(SEED_000).article.quotes.count()
    assert Speaker.objects.count() == 1


def test_a_bulk_import_in_worker_processes_stores_what_one_process_would(tmp_path):
    bodies = [f"{SEED_001}\n\nEdition {n}." for n in range(140)]
    feed = feed_of(tmp_path, *({"body": b} for b in bodies))
    report = ingest.import_jsonl(feed, workers=2)
    assert report.count("imported") == 140
    for article in Article.objects.all():
        assert article.quotes.count() == 8
    assert report.timings["extract"] > 0


def test_the_same_story_twice_in_one_feed_is_stored_once(tmp_path):
    report = ingest.import_jsonl(feed_of(tmp_path, {"body": SEED_001}, {"body": SEED_001}))
    assert report.summary() == "1 imported, 1 already present, 0 failed"
    assert Article.objects.count() == 1


def test_a_bad_line_in_a_feed_is_reported_and_the_others_go_in(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"body": SEED_001}) + "\n{not json\n" + json.dumps({"body": ""}))
    report = ingest.import_jsonl(str(feed))
    assert report.count("imported") == 1
    assert [r.name.rsplit(":", 1)[1] for r in report.failed] == ["2", "3"]


def test_a_rerun_builds_the_index_a_first_import_was_killed_before_writing(
    tmp_path, django_capture_on_commit_callbacks
):
    from search.engine import IndexMissing
    from search.index import maintenance

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"body": SEED_000}), encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=False):  # killed before any index write
        ingest.import_jsonl(str(feed))
    with pytest.raises(IndexMissing):  # no index at all yet, and check_index says so
        maintenance.check_index()
    with django_capture_on_commit_callbacks(execute=True):
        ingest.import_jsonl(str(feed))
    assert maintenance.check_index().clean


_SEARCH = Path(ingest.__file__).parents[1]


@pytest.mark.parametrize(
    "module", [*sorted(p.name for p in (_SEARCH / "models").glob("*.py")), "pages/views.py"]
)
def test_models_and_views_do_not_import_ingest_at_any_level(module):
    path = _SEARCH / module if "/" in module else _SEARCH / "models" / module
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert "search.intake.ingest" not in imported
    assert not any(
        isinstance(node, ast.ImportFrom)
        and node.module == "search.intake"
        and any(a.name == "ingest" for a in node.names)
        for node in ast.walk(tree)
    )


@pytest.mark.parametrize("path", ["one", "bulk"])
def test_every_attributed_quote_records_how_its_speaker_was_found(path, tmp_path):
    if path == "one":
        ingest_text(SEED_001)
    else:
        ingest.import_jsonl(feed_of(tmp_path, {"body": SEED_001}))
    quotes = list(Quote.objects.order_by("start"))
    assert {q.attribution for q in quotes if q.speaker_id} <= set(Quote.Attribution.values)
    assert all(q.attribution for q in quotes if q.speaker_id)
    assert not any(q.attribution for q in quotes if not q.speaker_id)
    by_pronoun = [q for q in quotes if q.mention == "he"]
    assert by_pronoun and {q.attribution for q in by_pronoun} == {"pronoun"}


def test_an_organisation_found_by_the_extractor_is_stored_as_one():
    ingest_text(
        "MOSCOW, Dec 2 (Reuters) - Russia's Foreign Ministry said on Monday that the talks "
        "would resume next week.\n\nSergei Lavrov, Russia's foreign minister, said the sides "
        "were close.\n"
    )
    kinds = dict(Speaker.objects.values_list("name", "kind"))
    assert kinds == {"Russia's Foreign Ministry": "organisation", "Sergei Lavrov": "person"}
    ministry = Quote.objects.get(speaker__name="Russia's Foreign Ministry")
    assert ministry.attribution == "organisation"


LAVROV_SAID = (
    "MOSCOW, Dec 2 (Reuters) - Russian Foreign Minister {name} said on Friday that Moscow "
    'was ready to host talks. "We are ready to help," {name} told reporters. Edition {n}.'
)


def test_a_bulk_import_finds_a_speaker_again_under_another_spelling(tmp_path):
    ingest_text(LAVROV_SAID.format(name="Sergei Lavrov", n=0), year=2023)
    records = [
        {"body": LAVROV_SAID.format(name=name, n=n), "year": 2023}
        for n, name in enumerate(["Sergey Lavrov", "Sergei Lavrov", "Sergey Lavrov"], 1)
    ]
    report = ingest.import_jsonl(feed_of(tmp_path, *records))
    assert report.summary() == "3 imported, 0 already present, 0 failed"
    assert list(Speaker.objects.values_list("name", flat=True)) == ["Sergei Lavrov"]
    assert Quote.objects.filter(speaker__name="Sergei Lavrov").count() == Quote.objects.count()


def test_a_new_speaker_met_twice_in_one_import_is_one_speaker_with_their_aliases(tmp_path):
    records = [
        {"body": LAVROV_SAID.format(name=name, n=n), "year": 2023}
        for n, name in enumerate(["Sergey Lavrov", "Sergei Lavrov"])
    ]
    ingest.import_jsonl(feed_of(tmp_path, *records))
    (speaker,) = Speaker.objects.all()
    assert speaker.name == "Sergey Lavrov"
    assert "Lavrov" in speaker.aliases
    assert Speaker.matching("Lavrov") == speaker


def test_new_speakers_whose_names_give_one_slug_each_get_a_slug_of_their_own(tmp_path):
    Speaker.objects.create(name="Mary O.Neil")  # slug mary-oneil, stored before the import
    names = ["Mary O'Neil", "Mary ONeil", "Mary O Neil"]  # mary-oneil twice, then mary-o-neil
    records = [
        {"body": LAVROV_SAID.format(name=name, n=n), "year": 2023} for n, name in enumerate(names)
    ]
    report = ingest.import_jsonl(feed_of(tmp_path, *records))
    assert report.summary() == "3 imported, 0 already present, 0 failed"
    slugs = dict(Speaker.objects.values_list("name", "slug"))
    assert slugs == {
        "Mary O.Neil": "mary-oneil",
        "Mary O'Neil": "mary-oneil-2",
        "Mary ONeil": "mary-oneil-3",
        "Mary O Neil": "mary-o-neil",
    }


@pytest.mark.django_db(transaction=True)
def test_a_speaker_who_gains_a_spelling_later_in_an_import_is_indexed_with_it(
    tmp_path, monkeypatch
):
    from search.index import maintenance, sync

    monkeypatch.setattr(ingest, "CHUNK", 2)  # a transaction and a checkpoint per two stories
    monkeypatch.setattr(sync, "BULK_CHUNK", 2)
    names = ["Sergey Lavrov", "Sergey Lavrov", "Sergei Lavrov"]
    records = [
        {"body": LAVROV_SAID.format(name=name, n=n), "year": 2023} for n, name in enumerate(names)
    ]
    report = ingest.import_jsonl(feed_of(tmp_path, *records), workers=1)
    assert report.summary() == "3 imported, 0 already present, 0 failed"
    assert "Sergei Lavrov" in Speaker.objects.get().aliases
    assert maintenance.check_index().clean  # the first stories' quotes carry the new spelling
