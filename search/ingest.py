"""The one way articles come in: admin upload, ``import_articles`` and the sample fixture all
call ``ingest_text``. An article is parsed (date, dateline, outlet, title), its quotes are
extracted, and article, speakers and quotes are saved in one transaction; the index follows
on commit (``search.indexing``)."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import io
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction

from search import indexing
from search.decoding import ArticleRejected, decode_article_bytes
from search.models import Article, Quote, Source, Speaker, content_hash
from search.quotes import ROLE_NOUNS, Extraction, extract

ROLE_WORDS = set(ROLE_NOUNS)

log = logging.getLogger(__name__)

TITLE_MAX = 100
HEADER = re.compile(r"\A[ \t]*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})[ \t]*(?P<dateline>[^\n]*)\n")
MONTH_DAY = re.compile(
    r",?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*$"
)
WIRE_DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Z .'-]{1,40}(?:,\s*[A-Z][\w .'-]{1,30})?)"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\((?P<wire>[A-Za-z ]{2,30})\))?\s*[-–—]\s"
)
OUTLETS = {
    "trend": "Trend",
    "vestnik kavkaza": "Vestnik Kavkaza",
    "afp": "AFP",
    "reuters": "Reuters",
    "reuter": "Reuters",
    "interfax": "Interfax",
    "tass": "TASS",
    "itar-tass": "TASS",
    "ria novosti": "RIA Novosti",
    "xinhua": "Xinhua",
    "apa": "APA",
    "azertac": "AZERTAC",
    "ap": "AP",
    "associated press": "AP",
    "news.az": "News.az",
    "report.az": "Report.az",
    "anadolu": "Anadolu",
}
_OUTLET = "|".join(re.escape(k) for k in sorted(OUTLETS, key=len, reverse=True))
SOURCE_PATTERNS = [
    re.compile(rf"\b(?P<o>{_OUTLET})\s+(?:reports|reported)\b", re.I),
    re.compile(rf"\bcorrespondent of (?P<o>{_OUTLET})\b", re.I),
    re.compile(rf"\((?P<o>{_OUTLET})\)", re.I),
    re.compile(rf"\b(?P<o>{_OUTLET})\s+(?:said|says|quoted|cited)\b", re.I),
    re.compile(r"\b(?P<o>Reuters)\b"),
]


@dataclass(frozen=True)
class ParsedArticle:
    title: str
    published: dt.date | None
    dateline: str
    source: str
    story_start: int  # where the story begins in the text, after any header line


@dataclass
class IngestResult:
    status: str  # "imported" | "duplicate" | "rejected"
    name: str = ""
    article: Article | None = None
    message: str = ""


@dataclass
class ImportReport:
    results: list[IngestResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[IngestResult]:
        return [r for r in self.results if r.status == "rejected"]

    def summary(self) -> str:
        return (
            f"{self.count('imported')} imported, {self.count('duplicate')} already present, "
            f"{self.count('rejected')} failed"
        )


# --- parsing -----------------------------------------------------------------------------


def story_start(text: str) -> int:
    """Offset of the story in ``text``: after a `` date YYYY-MM-DD DATELINE`` header line."""
    m = HEADER.match(text)
    return m.end() if m else 0


def parse_article_text(text: str) -> ParsedArticle:
    published, dateline = None, ""
    m = HEADER.match(text)
    if m:
        try:
            published = dt.date.fromisoformat(m["date"])
        except ValueError:
            published = None
        dateline = MONTH_DAY.sub("", m["dateline"]).strip(" ,")
    start = m.end() if m else 0
    story = text[start:]
    wire = WIRE_DATELINE.match(story)
    if wire and not dateline:
        dateline = MONTH_DAY.sub("", wire["place"]).strip(" ,")
    return ParsedArticle(
        title=derive_title(story[wire.end() if wire else 0 :]),
        published=published,
        dateline=dateline[:200],
        source=detect_source(story),
        story_start=start,
    )


def derive_title(story: str) -> str:
    """A readable title from the first sentence, shortened at a word boundary."""
    text = " ".join(story.split())
    if not text:
        return "Untitled article"
    m = re.search(r"(?<=[a-z0-9”\"’)])[.!?](?=\s+[“\"A-Z])", text)
    sentence = text[: m.start() + 1] if m and m.start() < 400 else text
    sentence = sentence.strip("“”\"' ")
    if len(sentence) <= TITLE_MAX:
        return sentence.rstrip(".")
    cut = sentence.rfind(" ", 0, TITLE_MAX - 1)
    return sentence[: cut if cut > TITLE_MAX // 2 else TITLE_MAX - 1].rstrip(" ,;:") + "…"


def detect_source(story: str) -> str:
    head = story[:4000]
    for pattern in SOURCE_PATTERNS:
        m = pattern.search(head)
        if m:
            return OUTLETS.get(m["o"].lower(), m["o"])
    return ""


# --- saving ------------------------------------------------------------------------------


def ingest_text(
    text: str,
    *,
    title: str | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    url: str = "",
    filename: str = "",
) -> IngestResult:
    name = filename or (title or "")[:60] or "article"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return IngestResult("rejected", name, message="The article has no text.")
    if "\x00" in text:
        return IngestResult("rejected", name, message="The article contains NUL bytes.")
    existing = Article.objects.filter(content_hash=content_hash(text)).first()
    if existing:
        return IngestResult("duplicate", name, existing, "Already present.")
    parsed = parse_article_text(text)
    extraction = extract(text)  # pure and possibly slow: outside the transaction
    try:
        with transaction.atomic(), indexing.gathered():
            source_name = (source or parsed.source or "").strip()
            article = Article.objects.create(
                title=(title or "").strip()[:300] or parsed.title,
                body=text,
                published=published if published is not None else parsed.published,
                dateline=parsed.dateline,
                source=Source.for_name(source_name) if source_name else None,
                url=url[:500],
            )
            save_quotes(article, extraction)
    except IntegrityError:
        existing = Article.objects.filter(content_hash=content_hash(text)).first()
        if existing is None:
            raise
        return IngestResult("duplicate", name, existing, "Already present.")
    return IngestResult("imported", name, article, f"{article.quotes.count()} quotes found.")


def ingest_bytes(data: bytes, *, filename: str, max_bytes: int | None = None) -> IngestResult:
    limit = max_bytes if max_bytes is not None else settings.ARTICLE_UPLOAD_MAX_BYTES
    try:
        text = decode_article_bytes(data, max_bytes=limit)
    except ArticleRejected as exc:
        return IngestResult("rejected", filename, message=str(exc))
    return ingest_text(text, filename=filename)


def _name_like(alias: str) -> bool:
    """Surnames and full names are worth keeping as aliases; "he", "the ambassador" and
    role phrases are not."""
    words = alias.split()
    return (
        0 < len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not any(w.lower() in ROLE_WORDS for w in words)
    )


def save_quotes(article: Article, extraction: Extraction, keep: Iterable[Quote] = ()) -> int:
    """Store the extracted speakers and quotes of ``article``. Quotes in ``keep`` (human
    corrections) stay as they are; new quotes overlapping them are not added again."""
    speakers: dict[str, Speaker] = {}
    for found in extraction.speakers:
        speaker = Speaker.for_name(found.name, kind=found.kind, role=found.role)
        names = [a for a in found.aliases if _name_like(a)]
        surname = found.name.split()[-1]
        if found.kind == Speaker.Kind.PERSON and surname != found.name:
            names.append(surname)
        if set(names) - set(speaker.aliases) - {speaker.name}:
            speaker.aliases = [*speaker.aliases, *names]
            speaker.save(update_fields=["updated"])  # and the new alias rows
        speakers[found.name] = speaker
    kept = list(keep)
    rows = [
        Quote(
            article=article,
            speaker=speakers.get(q.speaker) if q.speaker else None,
            text=q.text,
            kind=q.kind,
            start=q.start,
            end=q.end,
            cue=q.cue[:300],
            cue_start=q.cue_start,
            cue_end=q.cue_end,
            mention=q.mention[:200],
            role=q.role[:300],
        )
        for q in extraction.quotes
        if not any(k.start < q.end and q.start < k.end for k in kept)
    ]
    Quote.objects.bulk_create(rows)
    indexing.schedule(articles=[article.pk])  # bulk_create sends no signals
    return len(rows)


def reextract(article: Article) -> int:
    """Extract the quotes of ``article`` again; quotes an editor corrected are kept."""
    extraction = extract(article.body)
    with transaction.atomic(), indexing.gathered():
        article = Article.objects.select_for_update().get(pk=article.pk)
        corrected = list(article.quotes.filter(corrected=True))
        article.quotes.filter(corrected=False).delete()
        return save_quotes(article, extraction, keep=corrected)


# --- bulk imports ------------------------------------------------------------------------


def iter_paths(paths: Iterable[str]) -> Iterator[tuple[str, bytes | None, str]]:
    """(name, bytes, error) for each file named or found (recursively, *.txt) in a folder;
    ``-`` reads standard input."""
    for raw in paths:
        if raw == "-":
            yield "<stdin>", sys.stdin.buffer.read(), ""
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not files:
                yield str(path), None, "No .txt files in this folder."
            for file in files:
                yield from _read(file)
        else:
            yield from _read(path)


def _read(path: Path) -> Iterator[tuple[str, bytes | None, str]]:
    try:
        yield str(path), path.read_bytes(), ""
    except OSError as exc:
        yield str(path), None, f"Cannot read it: {exc.strerror or exc}."


def import_paths(paths: Iterable[str], *, progress=None) -> ImportReport:
    report = ImportReport()
    with indexing.bulk():
        for name, data, error in iter_paths(paths):
            if data is None:
                result = IngestResult("rejected", name, message=error)
            else:
                result = ingest_bytes(data, filename=name)
            report.results.append(result)
            if progress:
                progress(result)
    _index_already_present(report)
    return report


def import_jsonl(path: str, *, progress=None) -> ImportReport:
    """Import a JSON Lines feed (``{"title","body","published","source","url"}`` a line;
    gzip is recognised by its magic bytes). A bad line is reported; the others go in."""
    report = ImportReport()
    with indexing.bulk(), _open_feed(path) as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            name = f"{path}:{number}"
            try:
                item = json.loads(line)
                if not isinstance(item, dict) or not isinstance(item.get("body"), str):
                    raise ValueError("each line must be an object with a text 'body'")
                result = ingest_text(
                    item["body"],
                    title=_text(item.get("title")),
                    published=parse_published(item.get("published")),
                    source=_text(item.get("source")),
                    url=_text(item.get("url")),
                    filename=name,
                )
            except (ValueError, TypeError) as exc:
                result = IngestResult("rejected", name, message=f"Bad line: {exc}")
            report.results.append(result)
            if progress:
                progress(result)
    _index_already_present(report)
    return report


def _index_already_present(report: ImportReport) -> None:
    """A rerun of a killed import finds its saved articles already present: index any of
    them the killed run had not indexed yet, so the rerun completes the job."""
    indexing.index_missing(r.article.pk for r in report.results if r.status == "duplicate")


@contextlib.contextmanager
def _open_feed(path: str):
    raw = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    try:
        head = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
        stream = gzip.GzipFile(fileobj=raw) if head == b"\x1f\x8b" else raw
        yield io.TextIOWrapper(stream, encoding="utf-8", errors="replace")
    finally:
        if raw is not sys.stdin.buffer:
            raw.close()


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def parse_published(value) -> dt.date | None:
    """A feed's date: ``YYYY-MM-DD``, or an ISO datetime whose calendar day is taken in its
    own offset (a story dated 23:30 at UTC-5 is that day, not the next one in UTC). Anything
    else is unknown, never today."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None
