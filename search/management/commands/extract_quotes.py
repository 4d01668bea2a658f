import gzip
import json
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from django.core.management.base import BaseCommand

from search.quotes import extract
from search.quotes.parser import ModelMissing
from search.text.decoding import is_gzip

FIELDS = (
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
)


def quotes_of(text: str) -> list[dict]:
    return [{k: v for k, v in asdict(q).items() if k in FIELDS} for q in extract(text).quotes]


def record(key: str, value, text: str) -> dict:
    """One output line: the document's quotes, and how many of them had their speaker found
    each way ("" counts the quotes without a speaker)."""
    quotes = quotes_of(text)
    return {
        key: value,
        "quotes": quotes,
        "attributions": dict(Counter(q["attribution"] for q in quotes)),
    }


def read_bytes(name: str) -> bytes:
    data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    return gzip.decompress(data) if is_gzip(data) else data


class Command(BaseCommand):
    help = (
        "Print the quotes of each document as JSON Lines, with no database: FILE... (or - for "
        'standard input), or --jsonl input lines of {"id", "text"} (gzip accepted).'
    )
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="text files, or - for standard input")
        parser.add_argument("--jsonl", action="store_true", help='input lines are {"id","text"}')

    def handle(self, *args, files, jsonl, **options):
        try:
            self._handle(files, jsonl)
        except ModelMissing as exc:
            self.stderr.write(str(exc))
            sys.exit(1)

    def _handle(self, files: list[str], jsonl: bool) -> None:
        failed = 0
        for name in files:
            try:
                data = read_bytes(name)
            except OSError as exc:
                self.stderr.write(f"{name}: cannot read it: {exc.strerror or exc}")
                failed += 1
                continue
            if jsonl:
                failed += self._jsonl(name, data)
                continue
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                self.stderr.write(f"{name}: not UTF-8 text; save it as UTF-8")
                failed += 1
                continue
            self._emit(record("file", name, text))
        if failed:
            sys.exit(1)

    def _jsonl(self, name: str, data: bytes) -> int:
        failed = 0
        for number, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                    raise ValueError('each line must be an object with a text "text"')
            except ValueError as exc:
                self.stderr.write(f"{name}:{number}: bad line: {exc}")
                failed += 1
                continue
            self._emit(record("id", item.get("id"), item["text"]))
        return failed

    def _emit(self, record: dict) -> None:
        self.stdout.write(json.dumps(record, ensure_ascii=False))
