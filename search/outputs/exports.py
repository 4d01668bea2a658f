"""Downloads of a whole result set, not just a page: CSV or JSON Lines, streamed, one row per
matching quote, capped at ``settings.EXPORT_MAX_ROWS`` with a last line that says so when the
cap cuts the set. CSV cells that a spreadsheet would run as a formula are neutralised."""

from __future__ import annotations

import csv
import json
import logging
import math
from collections.abc import Iterator

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from search.engine import SearchUnavailable, get_backend
from search.models import Quote
from search.outputs.api import RATE_LIMIT
from search.pages.forms import SearchForm

log = logging.getLogger(__name__)

FIELDS = (
    "text", "kind", "speaker", "speaker_kind", "attribution", "role", "cue", "article_title",
    "outlet", "date", "url", "permalink",
)  # fmt: skip
BATCH = 500  # quotes read from the database at a time
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """A cell a spreadsheet would take for a formula (``=HYPERLINK(...)``, ``+1``, ``@SUM``)
    gets a leading apostrophe, so it is shown as the text it is."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


# What one row reads from the database: plain values, no model instances to build.
COLUMNS = (
    "pk", "text", "kind", "speaker__name", "speaker__kind", "attribution", "role", "cue",
    "article__title", "article__source__name", "article__published", "article__url",
)  # fmt: skip
ATTRIBUTION_LABELS = dict(Quote.Attribution.choices)  # "by pronoun", "set by an editor"


def row(values: tuple, permalink: str) -> dict[str, str]:
    """One export row from ``COLUMNS``' values."""
    _, text, kind, speaker, speaker_kind, attribution, role, cue, title, outlet, published, url = (
        values
    )
    return {
        "text": text,
        "kind": kind,
        "speaker": speaker or "",
        "speaker_kind": speaker_kind or "",
        "attribution": ATTRIBUTION_LABELS.get(attribution, attribution),
        "role": role,
        "cue": cue,
        "article_title": title,
        "outlet": outlet or "",
        "date": published.isoformat() if published else "",
        "url": url,
        "permalink": permalink,
    }


def cut_notice(rows: int, total: int) -> str:
    return (
        f"Cut at {rows:,} of {total:,} quotes (the export limit); narrow the search "
        "to download the rest."
    )


class Export:
    """The rows of one search: the matching quotes' ids, ranked once with nothing else
    computed (no highlights, facets or articles), then read a batch at a time as the
    response streams."""

    def __init__(self, request, ids: list[int], total: int) -> None:
        self.request, self.ids, self.total = request, ids, total
        self.rows = len(ids)

    @property
    def cut(self) -> bool:
        return self.total > self.rows

    def __iter__(self) -> Iterator[dict[str, str]]:
        base = self.request.build_absolute_uri("/quotes/")
        for start in range(0, len(self.ids), BATCH):
            ids = self.ids[start : start + BATCH]
            found = Quote.objects.filter(pk__in=ids).values_list(*COLUMNS)
            by_id = {values[0]: values for values in found}
            for quote_id in ids:
                if quote_id in by_id:  # deleted since the search ran
                    yield row(by_id[quote_id], f"{base}{quote_id}/")


def _start(request, extension: str):
    """(Export, None) or (None, an explained error response)."""
    if not RATE_LIMIT.allow_request(request):  # the API's allowance, shared
        wait = RATE_LIMIT.wait()
        response = _plain("Too many downloads and API requests; try again in a minute.", 429)
        response["Retry-After"] = str(math.ceil(wait or 60))
        return None, response
    form = SearchForm(request.GET)
    if not form.is_valid():
        problems = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return None, _plain(f"Nothing to download: {problems}", 400)
    try:
        ids, total = get_backend().ranked_quote_ids(
            form.search_request(per_page=BATCH, page=1), settings.EXPORT_MAX_ROWS
        )
    except SearchUnavailable:
        log.exception("search unavailable for an export")
        return None, _plain("Search is unavailable right now; try the download again later.", 503)
    return Export(request, ids, total), None


def _plain(message: str, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _headers(response, export: Export, extension: str):
    response["Content-Disposition"] = f'attachment; filename="diplomacy-quotes.{extension}"'
    response["X-Export-Total"] = str(export.total)
    response["X-Export-Rows"] = str(export.rows)
    if export.cut:
        response["X-Export-Cut"] = cut_notice(export.rows, export.total)
    return response


class _Echo:
    def write(self, value: str) -> str:
        return value


CHUNK = 64 * 1024  # characters per chunk the response streams


def _chunked(lines: Iterator[str]) -> Iterator[str]:
    """Lines gathered into chunks of about ``CHUNK``: a server writes each chunk to the
    socket on its own, so a row per chunk meant ten thousand writes for one download."""
    buffer: list[str] = []
    size = 0
    for line in lines:
        buffer.append(line)
        size += len(line)
        if size >= CHUNK:
            yield "".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer)


@require_GET
def quotes_csv(request):
    export, error = _start(request, "csv")
    if error:
        return error

    def lines():
        writer = csv.writer(_Echo())
        yield "\ufeff" + writer.writerow(FIELDS)  # the mark tells spreadsheets it is UTF-8
        for values in export:  # a row's values come in FIELDS' order
            yield writer.writerow(list(map(neutralise, values.values())))
        if export.cut:
            yield writer.writerow(["# " + cut_notice(export.rows, export.total)])

    response = StreamingHttpResponse(_chunked(lines()), content_type="text/csv; charset=utf-8")
    return _headers(response, export, "csv")


@require_GET
def quotes_jsonl(request):
    export, error = _start(request, "jsonl")
    if error:
        return error

    def lines():
        for values in export:
            yield json.dumps(values, ensure_ascii=False) + "\n"
        if export.cut:
            notice = {"notice": cut_notice(export.rows, export.total), "total": export.total}
            yield json.dumps(notice, ensure_ascii=False) + "\n"

    response = StreamingHttpResponse(
        _chunked(lines()), content_type="application/x-ndjson; charset=utf-8"
    )
    return _headers(response, export, "jsonl")
