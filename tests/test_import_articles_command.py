import gzip
import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from search.models import Article

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
SEEDS = sorted(DATA.glob("0*.txt"))


def run(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_it_imports_files_and_prints_a_summary():
    code, out, err = run(*map(str, SEEDS))
    assert code == 0
    assert "2 imported, 0 already present, 0 failed" in out
    assert Article.objects.count() == 2


def test_it_imports_a_folder_and_a_rerun_adds_nothing(tmp_path):
    folder = tmp_path / "feed" / "nested"
    folder.mkdir(parents=True)
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
    run(str(tmp_path / "feed"))
    code, out, _ = run(str(tmp_path / "feed"))
    assert code == 0
    assert "0 imported, 2 already present" in out
    assert Article.objects.count() == 2


def test_it_reads_standard_input(monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(SEEDS[1].read_bytes()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run("-")
    assert code == 0
    assert Article.objects.get().source.name == "Vestnik Kavkaza"


def feed(path: Path, lines: list, compress: bool = False) -> Path:
    text = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    path.write_bytes(gzip.compress(text.encode()) if compress else text.encode())
    return path


STORY = {
    "title": "Ministers meet",
    "body": '"We will meet again," Foreign Minister Anna Berg said on Tuesday.',
    "published": "1987-03-03T23:30:00-05:00",
    "source": "Reuters",
    "url": "https://example.org/story",
}


@pytest.mark.parametrize("compress", [False, True])
def test_it_imports_json_lines_plain_or_gzipped(tmp_path, compress):
    code, out, _ = run("--jsonl", str(feed(tmp_path / "feed.jsonl", [STORY], compress)))
    article = Article.objects.get()
    assert code == 0
    assert article.title == "Ministers meet"
    assert str(article.published) == "1987-03-03"
    assert article.source.name == "Reuters"
    assert article.quotes.get().speaker.name == "Anna Berg"


def test_a_batch_with_bad_inputs_imports_the_good_ones_and_reports_the_bad(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 binary")
    path = feed(tmp_path / "feed.jsonl", [STORY, "{not json", {"title": "no body"}])
    code, out, err = run(
        str(SEEDS[0]), str(bad), str(tmp_path / "missing.txt"), "--jsonl", str(path)
    )
    assert code == 1
    assert "2 imported, 0 already present, 4 failed" in out
    assert f"failed: {bad}: " in err and "binary" in err
    assert "missing.txt: Cannot read it" in err
    assert "feed.jsonl:2: Bad line" in err
    assert Article.objects.count() == 2


def test_it_asks_for_something_to_import():
    with pytest.raises(CommandError, match="Name files"):
        call_command("import_articles")


WIRE = {
    "body": (
        "MOSCOW, Dec 2 (Reuters) - Russian Foreign Minister Sergei Lavrov said on Friday "
        'that Moscow was ready to host talks.\n\n"The door is open," Lavrov said.'
    )
}


def test_the_year_option_dates_datelines_with_a_month_and_day(tmp_path):
    code, _, _ = run("--jsonl", str(feed(tmp_path / "feed.jsonl", [WIRE])), "--year", "2022")
    assert code == 0
    assert str(Article.objects.get().published) == "2022-12-02"


def test_without_the_year_option_such_a_story_has_no_date(tmp_path):
    run("--jsonl", str(feed(tmp_path / "feed.jsonl", [WIRE])))
    assert Article.objects.get().published is None


@pytest.mark.parametrize(
    "option, message", [("--year=0", "--year must be"), ("--workers=0", "--workers must be")]
)
def test_impossible_options_are_explained(tmp_path, option, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_articles", str(SEEDS[0]), option)
    assert Article.objects.count() == 0


def test_verbosity_two_prints_where_the_time_went(tmp_path):
    code, out, _ = run("--jsonl", str(feed(tmp_path / "feed.jsonl", [STORY])), "-v", "2")
    assert code == 0
    for stage in ("database", "index", "extract", "total"):
        assert f"  {stage}: " in out


def test_one_worker_imports_as_many_do(tmp_path):
    stories = [{**STORY, "body": f"{STORY['body']} Round {n}."} for n in range(150)]
    code, out, _ = run("--jsonl", str(feed(tmp_path / "feed.jsonl", stories)), "--workers", "1")
    assert code == 0
    assert "150 imported" in out
    assert Article.objects.filter(quotes__speaker__name="Anna Berg").count() == 150


def test_a_reuters_style_feed_keeps_its_dates_and_names_the_keys_it_did_not_read(tmp_path):
    lines = [
        {"id": "reuters-1", "date": "1987-02-26T15:01:01", "text": STORY["body"]},
        {"id": "reuters-2", "pubDate": "Tue, 03 Mar 1987 10:00:00 GMT", "content": "Talks."},
    ]
    code, out, _ = run("--jsonl", str(feed(tmp_path / "feed.jsonl", lines)))
    assert code == 0
    assert sorted(str(a.published) for a in Article.objects.all()) == ["1987-02-26", "1987-03-03"]
    assert out.strip() == "2 imported, 0 already present, 0 failed; not read from the feed: id"


def test_a_feed_with_no_text_key_is_refused_naming_the_keys_it_carries(tmp_path):
    lines = [{"headline": "Talks", "story": "Ministers met."}] * 3
    code, out, err = run("--jsonl", str(feed(tmp_path / "feed.jsonl", lines)))
    assert code == 1
    assert "0 imported, 0 already present, 1 failed" in out
    assert "No line carries the story's text under 'body', 'text' or 'content'" in err
    assert "its lines carry headline, story." in err
    assert Article.objects.count() == 0
