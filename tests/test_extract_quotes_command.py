import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "001_d200d971de2d4ade.txt"


def run(*args: str, stdin: bytes = b"", **extra_env: str) -> subprocess.CompletedProcess:
    """The command as an analyst runs it, with a database that cannot even be opened."""
    env = {
        **os.environ,
        **extra_env,
        "DATABASE_URL": "sqlite:////dev/null/no-database-here/diplomacy.sqlite3",
        "DIPLOMACY_DATA_DIR": "/dev/null/no-data-dir",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "extract_quotes", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        timeout=120,
    )


def lines(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def test_it_prints_one_json_line_per_file_without_a_database():
    result = run(str(SEED))
    assert result.returncode == 0, result.stderr.decode()
    (record,) = lines(result)
    assert record["file"] == str(SEED)
    assert len(record["quotes"]) == 8
    first = record["quotes"][0]
    assert set(first) == {
        "text",
        "start",
        "end",
        "kind",
        "speaker",
        "role",
        "cue",
        "cue_start",
        "cue_end",
        "mention",
        "attribution",
    }
    assert first["speaker"] == "Mikhail Bocharnikov"


def test_each_line_counts_how_the_speakers_were_found():
    (record,) = lines(run(str(SEED)))
    found = [q["attribution"] for q in record["quotes"]]
    assert found[0] == "role" and record["quotes"][0]["mention"] == "the diplomat"
    assert "pronoun" in found and "named" in found
    assert record["attributions"] == {how: found.count(how) for how in set(found)}


def test_it_reads_standard_input():
    result = run(
        "-", stdin=b'"We will sign the treaty next week," Foreign Minister Anna Berg said.'
    )
    (record,) = lines(result)
    assert record["file"] == "-"
    assert record["quotes"][0]["speaker"] == "Anna Berg"


def test_json_lines_keep_their_ids_and_gzip_is_accepted(tmp_path):
    feed = tmp_path / "in.jsonl.gz"
    items = [
        {"id": "a1", "text": '"Talks will go on for weeks," he said.'},
        {"id": 7, "text": "No quotes here."},
    ]
    feed.write_bytes(gzip.compress("\n".join(map(json.dumps, items)).encode()))
    result = run("--jsonl", str(feed))
    assert result.returncode == 0
    assert [r["id"] for r in lines(result)] == ["a1", 7]
    assert lines(result)[1]["quotes"] == []


def test_bad_input_is_reported_and_the_rest_still_processed(tmp_path):
    feed = tmp_path / "in.jsonl"
    feed.write_text('{"id": 1, "text": "Fine."}\n{broken\n', encoding="utf-8")
    result = run("--jsonl", str(feed), str(tmp_path / "missing.jsonl"))
    assert result.returncode == 1
    assert [r["id"] for r in lines(result)] == [1]
    err = result.stderr.decode()
    assert "in.jsonl:2: bad line" in err and "missing.jsonl: cannot read it" in err


def test_a_missing_spacy_pipeline_is_a_clear_error_naming_the_install_command():
    result = run(str(SEED), DIPLOMACY_SPACY_MODEL="en_core_web_nonexistent")
    assert result.returncode == 1
    assert result.stdout == b""
    assert b"pip install en-core-web-nonexistent" in result.stderr
    assert b"Traceback" not in result.stderr
