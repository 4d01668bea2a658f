"""The read-only JSON API, version 1, under /api/v1/ (django-ninja: typed schemas, an
OpenAPI description at /api/v1/openapi.json, browsable docs at /api/v1/docs, throttling).

Search takes exactly the search page's parameters and query language (``SearchForm``), so a
script sees what a reader sees. Errors are JSON ``{"detail": ...}``; anonymous clients are
rate-limited (``DIPLOMACY_API_ANON_RATE``), the exports counting against the same allowance."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.cache import caches
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404, JsonResponse
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.errors import ValidationError
from ninja.throttling import AnonRateThrottle

from search.engine import SearchUnavailable, get_backend
from search.models import Article, Quote, Speaker, SpeakerAlias, normalise_name
from search.pages.forms import SearchForm
from search.pages.quote_views import surrounding

log = logging.getLogger(__name__)


class SharedRateThrottle(AnonRateThrottle):
    """An anonymous client's requests, counted in the ``throttle`` cache (the database): every
    gunicorn worker sees the same count, where django-ninja's default (the default cache,
    per-process memory) gave each worker its own allowance."""

    @property
    def cache(self):
        return caches["throttle"]

    def allow_request(self, request) -> bool:
        try:
            return super().allow_request(request)
        except DatabaseError:  # a site set up before the limit had its table
            log.exception("no rate limit: run `python manage.py createcachetable`")
            return True


RATE_LIMIT = SharedRateThrottle(settings.API_ANON_RATE)  # the API's, and the exports'

api = NinjaAPI(
    title="Diplomacy API",
    version="1",
    description="Who said what in diplomatic news: quotes, their speakers and articles. "
    "Read-only. Search takes the same parameters and query language as the search page.",
    urls_namespace="api-v1",
    throttle=[RATE_LIMIT],
)


# schemas


class Error(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None


class SpeakerRef(Schema):
    name: str
    slug: str
    url: str


class QuoteOut(Schema):
    id: int
    text: str
    kind: str
    speaker: SpeakerRef | None
    speaker_kind: str  # person / organisation; "" when unattributed
    # How the speaker was found: named, surname, role, pronoun, organisation, carried
    # (from the previous quote) or editor (set by an editor); "" when unattributed.
    attribution: str
    mention: str
    role: str
    cue: str
    article_id: int
    article_title: str
    outlet: str
    published: dt.date | None
    permalink: str  # the quote's page
    article_page: str  # the article's page, at the quote


class SearchQuote(QuoteOut):
    highlighted: str  # HTML: the text escaped, then the searched words in <mark>
    score: float


class SearchArticle(Schema):
    id: int
    title: str
    published: dt.date | None
    dateline: str
    outlet: str
    speakers: list[SpeakerRef]
    page: str
    snippet: str  # HTML, escaped then marked
    score: float


class QuotePage(Schema):
    total: int
    pages: int
    hits: list[SearchQuote]


class ArticlePage(Schema):
    total: int
    pages: int
    hits: list[SearchArticle]


class FacetValue(Schema):
    value: str
    label: str
    count: int


class Suggestion(Schema):
    text: str
    count: int


class SearchParams(Schema):
    """Documented here for OpenAPI; read through ``SearchForm`` like the page's."""

    q: str = ""
    speaker: list[str] = []
    source: list[str] = []
    kind: list[str] = []
    speaker_kind: list[str] = []
    year: list[str] = []
    date_from: str = Field("", alias="from")
    date_to: str = Field("", alias="to")
    sort: str = ""
    page: str = ""
    per_page: int = Field(10, ge=1, le=100)


class SearchOut(Schema):
    q: str
    warnings: list[str]
    page: int
    per_page: int
    quotes: QuotePage
    articles: ArticlePage
    facets: dict[str, list[FacetValue]]
    suggestion: Suggestion | None


class SameStatement(Schema):
    id: int
    article_title: str
    outlet: str
    published: dt.date | None
    permalink: str


class QuoteDetail(QuoteOut):
    paragraph: str  # the paragraph of the article that holds the quote
    first_said: dt.date | None  # the earliest date of this statement in any article
    same_statement: list[SameStatement]  # the same words carried in other articles


class ArticleOut(Schema):
    id: int
    title: str
    published: dt.date | None
    dateline: str
    outlet: str
    url: str  # the original, where known
    page: str
    body: str
    quotes: list[QuoteOut]


class SpeakerOut(Schema):
    name: str
    slug: str
    kind: str
    role: str
    aliases: list[str]
    quote_count: int
    page: str
    feed: str


class SpeakerList(Schema):
    total: int
    page: int
    pages: int
    speakers: list[SpeakerOut]


# errors


@api.exception_handler(SearchUnavailable)
def search_unavailable(request, exc):
    log.exception("search unavailable for the API")
    return api.create_response(
        request, {"detail": "Search is unavailable right now; try again later."}, status=503
    )


@api.exception_handler(ValidationError)
def invalid(request, exc):
    """A parameter of the wrong type or out of range: say which, in words."""
    problems = []
    for error in exc.errors:
        where = ".".join(str(p) for p in error.get("loc", ())[1:]) or "request"
        problems.append(f"{where}: {error.get('msg', 'invalid')}")
    return api.create_response(
        request, {"detail": "; ".join(problems) + ".", "errors": exc.errors}, status=422
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Not found."}, status=404)


def unknown_endpoint(request, rest: str = ""):
    """Anything else under /api/v1/: a JSON 404 that names what exists."""
    return JsonResponse(
        {
            "detail": "No such endpoint. See /api/v1/openapi.json for the endpoints: "
            "search, quotes/{id}, articles/{id}, speakers, speakers/{slug}."
        },
        status=404,
    )


# endpoints


@api.get(
    "/search",
    response={200: SearchOut, 400: Error},
    summary="Search quotes and articles",
    description='The search page\'s parameters: q (query language: words, "phrases", '
    "OR, -word, prefix*, speaker:, role:, source:, kind:, from:, to:), speaker (slug), "
    "source, kind, speaker_kind (person, organisation), year (repeatable), from, to "
    "(YYYY-MM-DD), sort (relevance, newest, "
    "oldest), page; and per_page (1-100).",
)
def search(request, params: Query[SearchParams]):
    per_page = params.per_page
    form = SearchForm(request.GET)  # the same form, so the same meaning, as the page
    if not form.is_valid():
        errors = {k: [str(e) for e in v] for k, v in form.errors.items()}
        detail = " ".join(e for v in errors.values() for e in v)
        return Status(400, {"detail": detail, "errors": errors})
    search_request = form.search_request(per_page=per_page)
    results = get_backend().search(search_request)
    return {
        "q": form.cleaned_data["q"],
        "warnings": list(search_request.query.warnings),
        "page": form.cleaned_data["page"],
        "per_page": per_page,
        "quotes": {
            "total": results.quotes.total,
            "pages": results.quotes.pages,
            "hits": [_search_quote(request, h) for h in results.quotes.hits],
        },
        "articles": {
            "total": results.articles.total,
            "pages": results.articles.pages,
            "hits": [_search_article(request, h) for h in results.articles.hits],
        },
        "facets": {
            name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
            for name, values in results.facets.items()
        },
        "suggestion": (
            {"text": results.suggestion.text, "count": results.suggestion.count}
            if results.suggestion
            else None
        ),
    }


@api.get("/quotes/{quote_id}", response={200: QuoteDetail, 404: Error}, summary="A quote")
def quote(request, quote_id: int):
    found = (
        Quote.objects.select_related("article", "article__source", "speaker")
        .filter(pk=quote_id)
        .first()
    )
    if found is None:
        raise Http404(f"There is no quote {quote_id}.")
    same = list(found.same_statement())
    dates = [q.article.published for q in [found, *same] if q.article.published]
    before, text, after = surrounding(found.article.body, found.start, found.end)
    return {
        **_quote(request, found),
        "paragraph": before + text + after,
        "first_said": min(dates) if dates else None,
        "same_statement": [
            {
                "id": other.pk,
                "article_title": other.article.title,
                "outlet": other.article.source.name if other.article.source else "",
                "published": other.article.published,
                "permalink": request.build_absolute_uri(other.permalink()),
            }
            for other in same
        ],
    }


@api.get(
    "/articles/{article_id}",
    response={200: ArticleOut, 404: Error},
    summary="An article with its quotes",
)
def article(request, article_id: int):
    found = Article.objects.select_related("source").filter(pk=article_id).first()
    if found is None:
        raise Http404(f"There is no article {article_id}.")
    quotes = found.quotes.select_related("speaker").order_by("start")
    return {
        "id": found.pk,
        "title": found.title,
        "published": found.published,
        "dateline": found.dateline,
        "outlet": found.source.name if found.source else "",
        "url": found.url,
        "page": request.build_absolute_uri(found.get_absolute_url()),
        "body": found.body,
        "quotes": [_quote(request, q, article=found) for q in quotes],
    }


@api.get("/speakers", response=SpeakerList, summary="Speakers, most quoted first")
def speakers(
    request, name: str = "", page: int = Query(1, ge=1), per_page: int = Query(50, ge=1, le=100)
):
    found = Speaker.objects.annotate(quote_count=Count("quotes")).order_by("-quote_count", "name")
    name = name.strip()[:200]
    if name:
        found = found.filter(  # as the speakers page filters
            Q(name__icontains=name)
            | Q(name_key__contains=normalise_name(name))
            | Q(Exists(SpeakerAlias.objects.filter(speaker=OuterRef("pk"), name__icontains=name)))
        )
    paginator = Paginator(found, per_page)
    number = min(page, paginator.num_pages)
    return {
        "total": paginator.count,
        "page": number,
        "pages": paginator.num_pages,
        "speakers": [_speaker(request, s, s.quote_count) for s in paginator.page(number)],
    }


@api.get("/speakers/{slug}", response={200: SpeakerOut, 404: Error}, summary="A speaker")
def speaker(request, slug: str):
    found = Speaker.objects.filter(slug=slug).annotate(quote_count=Count("quotes")).first()
    if found is None:
        raise Http404(f"There is no speaker “{slug}”.")
    return _speaker(request, found, found.quote_count)


# shaping


def _speaker_ref(request, name: str, slug: str) -> dict | None:
    if not slug:
        return None
    return {"name": name, "slug": slug, "url": request.build_absolute_uri(f"/speakers/{slug}/")}


def _links(request, quote_id: int, article_id: int) -> dict:
    return {
        "permalink": request.build_absolute_uri(f"/quotes/{quote_id}/"),
        "article_page": request.build_absolute_uri(f"/articles/{article_id}/#quote-{quote_id}"),
    }


def _search_quote(request, hit) -> dict:
    return {
        "id": hit.quote_id,
        "text": hit.text,
        "kind": hit.kind,
        "speaker": _speaker_ref(request, hit.speaker_name, hit.speaker_slug),
        "speaker_kind": hit.speaker_kind,
        "attribution": hit.attribution,
        "mention": hit.mention,
        "role": hit.role,
        "cue": hit.cue,
        "article_id": hit.article_id,
        "article_title": hit.article_title,
        "outlet": hit.source,
        "published": hit.published,
        "highlighted": hit.highlighted,
        "score": hit.score,
        **_links(request, hit.quote_id, hit.article_id),
    }


def _search_article(request, hit) -> dict:
    return {
        "id": hit.article_id,
        "title": hit.title,
        "published": hit.published,
        "dateline": hit.dateline,
        "outlet": hit.source,
        "speakers": [_speaker_ref(request, n, s) for n, s in hit.speakers if s],
        "page": request.build_absolute_uri(f"/articles/{hit.article_id}/"),
        "snippet": hit.snippet,
        "score": hit.score,
    }


def _quote(request, quote: Quote, article: Article | None = None) -> dict:
    article = article or quote.article
    speaker = quote.speaker
    return {
        "id": quote.pk,
        "text": quote.text,
        "kind": quote.kind,
        "speaker": _speaker_ref(request, speaker.name, speaker.slug) if speaker else None,
        "speaker_kind": speaker.kind if speaker else "",
        "attribution": quote.attribution,
        "mention": quote.mention,
        "role": quote.role,
        "cue": quote.cue,
        "article_id": article.pk,
        "article_title": article.title,
        "outlet": article.source.name if article.source else "",
        "published": article.published,
        **_links(request, quote.pk, article.pk),
    }


def _speaker(request, speaker: Speaker, quote_count: int) -> dict:
    return {
        "name": speaker.name,
        "slug": speaker.slug,
        "kind": speaker.kind,
        "role": speaker.role,
        "aliases": list(speaker.aliases),
        "quote_count": quote_count,
        "page": request.build_absolute_uri(speaker.get_absolute_url()),
        "feed": request.build_absolute_uri(f"/feeds/speakers/{speaker.slug}/"),
    }
