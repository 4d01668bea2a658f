"""Pages. Each view parses its input with a form, asks the search layer or the models, and
renders; the search page answers htmx requests with just its results partial."""

from __future__ import annotations

import logging
from urllib.parse import quote

from django.core.cache import cache
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from search import activity, article_markup, facets
from search.engine import SearchUnavailable, get_backend
from search.forms import SearchForm
from search.ingest import story_start
from search.models import Article, Quote, Source, Speaker
from search.query import parse

log = logging.getLogger(__name__)

PER_PAGE = 10
EXAMPLES_KEY = "search:examples"
UNAVAILABLE = (
    "Search is unavailable right now, so no results can be shown. Articles and speakers "
    "can still be browsed. An administrator can repair it with "
    "“python manage.py rebuild_index”."
)


def _wants_fragment(request) -> bool:
    return bool(request.htmx) and not request.htmx.history_restore_request


@require_GET
@vary_on_headers("HX-Request")
def search(request):
    form = SearchForm(request.GET)
    context = {"form": form, "results": None, "unavailable": "", "warnings": ()}
    if form.is_valid():
        data = form.cleaned_data
        search_request = form.search_request(per_page=PER_PAGE, activity=True)
        query = search_request.query
        context["query"] = query
        context["warnings"] = query.warnings
        try:
            results = get_backend().search(search_request)
        except SearchUnavailable:
            log.exception("search unavailable")
            context["unavailable"] = UNAVAILABLE
        else:
            context.update(_results_context(request, form, results))
            context.update(activity.context(request.GET, results))  # who says it, and when
            context["also_reported"] = Quote.also_reported(h.quote_id for h in results.quotes.hits)
        speaker_names = (
            dict(Speaker.objects.filter(slug__in=data["speaker"]).values_list("slug", "name"))
            if data["speaker"]
            else {}
        )
        context["chips"] = facets.chips(data, request.GET, speaker_names)
        # The current filters ride along in the form, so typing a new query keeps them.
        context["hidden"] = [
            (key, value)
            for key in ("speaker", "source", "kind", "year", "from", "to", "sort")
            for value in request.GET.getlist(key)
            if value
        ]
    # Only the empty and zero-result states show examples; the template calls this then.
    context["examples"] = _examples
    context["sorts"] = [
        (value, label, facets.replace(request.GET, sort=value, page=None), value == _sort(form))
        for value, label in SearchForm.base_fields["sort"].choices
    ]
    template = "search/search.html#results" if _wants_fragment(request) else "search/search.html"
    return render(request, template, context)


def _sort(form) -> str:
    return (form.cleaned_data.get("sort") if form.is_valid() else "") or "relevance"


def _results_context(request, form, results) -> dict:
    quotes, articles = results.quotes, results.articles
    page = form.cleaned_data["page"]
    last_page = max(quotes.pages, articles.pages)
    total = quotes.total + articles.total
    context = {
        "results": results,
        "facets": facets.facets(results.facets, request.GET),
        "total": total,
        "past_the_end": page > last_page and total > 0,
        "last_page": last_page,
        "last_page_url": facets.replace(request.GET, page=last_page),
        "next_url": facets.replace(request.GET, page=page + 1) if page < last_page else "",
        "previous_url": (
            facets.replace(request.GET, page=page - 1 if page > 2 else None) if page > 1 else ""
        ),
        "page": page,
        # Hits link to their article with the searched words marked there.
        "article_query": f"?q={quote(' '.join(results.terms))}" if results.terms else "",
    }
    if results.suggestion:
        context["suggestion_url"] = facets.replace(
            request.GET, q=results.suggestion.text, page=None
        )
    return context


def _examples() -> dict:
    """Clickable query examples taken from the data, for the empty and zero-result states.
    Three aggregate queries: cached for a few minutes, as the data changes slowly."""
    examples = cache.get(EXAMPLES_KEY)
    if examples is None:
        examples = _examples_from_data()
        cache.set(EXAMPLES_KEY, examples, 300)
    return examples


def _examples_from_data() -> dict:
    top = Speaker.objects.annotate(n=Count("quotes")).filter(n__gt=0).order_by("-n", "name").first()
    source = Source.objects.annotate(n=Count("articles")).order_by("-n", "name").first()
    year = Article.objects.filter(published__isnull=False).order_by("-published").first()
    surname = top.name.split()[-1].lower() if top else "ambassador"
    examples = [
        f"speaker:{surname}",
        '"strategic partnership"',
        "relations -trade",
        f"source:{source.name.split()[0].lower()}" if source else "kind:direct",
    ]
    if year:
        examples.append(f"cooperation from:{year.published.year}")
    return {"queries": [(q, facets.replace(QueryDict(), q=q)) for q in examples]}


@require_GET
def article(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("source"), pk=pk)
    quotes = list(article.quotes.select_related("speaker").order_by("start"))
    terms = parse(request.GET.get("q", "")[:2000]).terms()
    try:
        term_spans = get_backend().match_spans(article.body, terms) if terms else []
    except SearchUnavailable:
        term_spans = []
    spans = [
        article_markup.QuoteSpan(
            quote_id=q.pk,
            start=q.start,
            end=q.end,
            cue_start=q.cue_start,
            cue_end=q.cue_end,
            speaker_name=q.speaker.name if q.speaker else "",
            speaker_url=q.speaker.get_absolute_url() if q.speaker else "",
            colour=article_markup.speaker_colour(q.speaker_id),
            attribution=article_markup.attribution(
                q.mention, q.speaker.name if q.speaker else "", q.role
            ),
            kind=q.kind,
        )
        for q in quotes
    ]
    legend = [
        (speaker, article_markup.speaker_colour(speaker.pk)) for speaker in article.speakers()
    ]
    unattributed = sum(1 for q in quotes if q.speaker_id is None)
    return render(
        request,
        "search/article.html",
        {
            "article": article,
            "paragraphs": article_markup.render(
                article.body, spans, term_spans, start=story_start(article.body)
            ),
            "quotes": quotes,
            "legend": legend,
            "unattributed": unattributed,
            "q": request.GET.get("q", "")[:2000],
        },
    )


@require_GET
def speakers(request):
    name = request.GET.get("name", "").strip()[:200]
    found = Speaker.objects.annotate(quote_count=Count("quotes")).order_by("-quote_count", "name")
    if name:
        found = found.filter(Q(name__icontains=name) | Q(aliases__icontains=name))
    paginator = Paginator(found, 50)
    page = _page_of(paginator, request.GET.get("page"))
    return render(request, "search/speakers.html", {"page": page, "name": name})


@require_GET
def speaker(request, slug: str):
    speaker = get_object_or_404(Speaker, slug=slug)
    quotes = speaker.quotes.select_related("article", "article__source").order_by(
        "-article__published", "-article_id", "start"
    )
    per_year = list(
        speaker.quotes.filter(article__published__isnull=False)
        .annotate(year=ExtractYear("article__published"))
        .values("year")
        .annotate(n=Count("id"))
        .order_by("year")
    )
    undated = speaker.quotes.filter(article__published__isnull=True).count()
    peak = max((row["n"] for row in per_year), default=0)
    chart = [
        {"year": row["year"], "n": row["n"], "tenth": max(1, round(10 * row["n"] / peak))}
        for row in per_year
    ]
    roles = list(
        speaker.quotes.exclude(role="").values_list("role", flat=True).distinct().order_by("role")
    )
    if speaker.role and speaker.role not in roles:
        roles.insert(0, speaker.role)
    page = _page_of(Paginator(quotes, 20), request.GET.get("page"))
    return render(
        request,
        "search/speaker.html",
        {
            "speaker": speaker,
            "page": page,
            "chart": chart,
            "undated": undated,
            "roles": roles,
            "colour": article_markup.speaker_colour(speaker.pk),
            "quote_count": page.paginator.count,
        },
    )


def _page_of(paginator: Paginator, number):
    try:
        return paginator.page(int(number or 1))
    except (ValueError, EmptyPage):
        return paginator.page(paginator.num_pages if str(number).isdigit() else 1)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)
