"""Benchmark of the downloads (CSV and JSON Lines) on the Reuters-21578 corpus (research use
only; see ../shared/corpus/README.md): rows per second of ``/exports/quotes.csv?q=a*`` and
``.jsonl``, streamed to their end in-process, beside a bare ``csv.writer`` (and a bare
``json.dumps``) writing the same rows from memory in the same run, with the ratio.

    .venv/bin/python bench/bench_exports.py [--corpus PATH] [--copies 2] [--data-dir DIR]

It builds a site: the corpus ``--copies`` times over, its quotes found by the cheap regex
of ``bench_search`` (not the real extractor), saved through the models and indexed with
``rebuild_index``; in a temporary folder, or in ``--data-dir`` and kept there (a
``--data-dir`` that already holds a site, one imported with ``import_articles`` say, is
measured as it is). Downloads are timed for ``q=a*`` and for everything (``sort=newest``),
cold (the first time that query is asked, the index already open) and warm; the cap
(``DIPLOMACY_EXPORT_MAX_ROWS``, 10,000) applies, as it does for a reader.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_search import DEFAULT_CORPUS, extract_quotes, load_corpus  # noqa: E402


def build_site(corpus: Path, copies: int) -> None:
    """Articles and regex quotes in the database, indexed (run after ``django.setup()``)."""
    from django.core.management import call_command

    from search import indexing
    from search.models import Article, Quote, Source, Speaker, content_hash

    call_command("migrate", verbosity=0)
    call_command("createcachetable")
    sources, speakers = {}, {}
    articles, quoted, hashes = [], [], set()
    stories = load_corpus(corpus)
    for k in range(copies):
        for art in stories:
            body = art["body"] if k == 0 else f"{art['body']}\n\n(copy {k})"
            if content_hash(body) in hashes:  # the corpus repeats a few stories
                continue
            hashes.add(content_hash(body))
            name = art["source"]
            if name not in sources:
                sources[name] = Source.for_name(name)
            articles.append(
                Article(
                    title=art["title"][:300],
                    body=body,
                    published=art["published"],
                    source=sources[name],
                    content_hash=content_hash(body),
                )
            )
            quoted.append(extract_quotes(art))
    Article.objects.bulk_create(articles, batch_size=500)
    quotes = []
    for article, found in zip(articles, quoted, strict=True):
        for text, name in found:
            if name and name not in speakers:
                speakers[name] = Speaker.for_name(name)
            start = max(article.body.find(text), 0)
            quotes.append(
                Quote(
                    article=article,
                    speaker=speakers.get(name),
                    text=text,
                    kind="direct",
                    start=start,
                    end=start + len(text),
                    cue="said",
                    mention=name,
                )
            )
    Quote.objects.bulk_create(quotes, batch_size=500)
    indexing.rebuild_index()
    print(f"site: {len(articles):,} articles, {len(quotes):,} quotes")


def stream(client, url: str) -> tuple[bytes, float, float]:
    """The whole body, seconds to its first chunk, seconds to its end."""
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    chunks, first = [], None
    for chunk in response.streaming_content:
        if first is None:
            first = time.perf_counter() - started
        chunks.append(chunk)
    return b"".join(chunks), first or 0.0, time.perf_counter() - started


def bare_csv(rows: list[list[str]]) -> float:
    out = io.StringIO()
    started = time.perf_counter()
    writer = csv.writer(out)
    for values in rows:
        writer.writerow(values)
    out.getvalue().encode()
    return time.perf_counter() - started


def bare_jsonl(rows: list[dict]) -> float:
    started = time.perf_counter()
    b"".join((json.dumps(r, ensure_ascii=False) + "\n").encode() for r in rows)
    return time.perf_counter() - started


def measure(client, url: str, parse, bare, repeat: int) -> None:
    body, first, cold = stream(client, url)  # the first time this query is asked
    rows = parse(body)
    warm = [stream(client, url) for _ in range(repeat)]
    ours = statistics.median(total for _body, _first, total in warm)
    theirs = statistics.median(bare(rows) for _ in range(repeat))
    n = len(rows)
    print(
        f"{url}: {n:,} rows; first byte {first * 1000:.0f} ms cold, "
        f"{statistics.median(f for _b, f, _t in warm) * 1000:.0f} ms warm"
    )
    print(
        f"  export {n / cold:,.0f} rows/s cold, {n / ours:,.0f} rows/s warm; "
        f"bare {n / theirs:,.0f} rows/s; ratio (warm export / bare) {theirs / ours:.3f}"
    )


def csv_rows(body: bytes) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    return [r for r in rows[1:] if not r[0].startswith("# Cut at")]


def jsonl_rows(body: bytes) -> list[dict]:
    rows = [json.loads(line) for line in body.decode().splitlines()]
    return [r for r in rows if "notice" not in r]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--copies", type=int, default=2, help="copies of the corpus to load")
    parser.add_argument("--data-dir", type=Path, help="build the site here, or use the one here")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    scratch = None if args.data_dir else Path(tempfile.mkdtemp(prefix="bench-exports-"))
    data_dir = args.data_dir or scratch
    build = not (data_dir / "diplomacy.sqlite3").exists()
    os.environ["DIPLOMACY_DATA_DIR"] = str(data_dir)
    os.environ["SEARCH_INDEX_DIR"] = str(data_dir / "index")
    os.environ.setdefault("DIPLOMACY_DEBUG", "true")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplomacy.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from search.outputs.api import RATE_LIMIT

    try:
        if build:
            data_dir.mkdir(parents=True, exist_ok=True)
            build_site(args.corpus, args.copies)
        settings.ALLOWED_HOSTS = ["*"]
        RATE_LIMIT.num_requests = 10**9  # the bench is one client asking many times
        client = Client()
        stream(client, "/exports/quotes.csv?q=oil")  # the index opened, as in a served site
        for query in ("?q=a*", "?sort=newest"):
            measure(client, f"/exports/quotes.csv{query}", csv_rows, bare_csv, args.repeat)
            measure(client, f"/exports/quotes.jsonl{query}", jsonl_rows, bare_jsonl, args.repeat)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
