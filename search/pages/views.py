"""Pages. Each view parses its input with a form, asks the search layer or the models, and
renders; the search page answers htmx requests with just its results partial."""

from __future__ import annotations

import logging
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Exists, F, Max, OuterRef, Q
from django.http import QueryDict
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from search.engine import SearchUnavailable, get_backend
from search.models import Article, Quote, Source, Speaker, SpeakerAlias, normalise_name
from search.pages import activity, article_markup, facets, front_page, speaker_profile
from search.pages.forms import ArticleForm, SearchForm, SpeakersForm
from search.pages.signals import searched
from search.query import parse
from search.text.article_text import story_start

log = logging.getLogger(__name__)

PER_PAGE = 10
SPEAKERS_PER_PAGE = 25
EXAMPLES_KEY = "search:examples"
UNAVAILABLE = (
    "Search is unavailable right now, so no results can be shown. Articles and speakers "
    "can still be browsed. An administrator can repair it with "
    "“python manage.py rebuild_index”."
)


def _wants_fragment(request) -> bool:
    return bool(request.htmx) and not request.htmx.history_restore_request


@require_safe
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
        # Quote filters leave only the articles that hold such a quote; the page says so.
        context["quote_filtered"] = bool(
            data["speaker"]
            or data["kind"]
            or data["speaker_kind"]
            or query.speakers
            or query.roles
            or query.kinds
        )
        if _is_front_page(request.GET):
            context["front"] = front_page.front_page()
        else:
            try:
                results = get_backend().search(search_request)
            except SearchUnavailable:
                log.exception("search unavailable")
                context["unavailable"] = UNAVAILABLE
            else:
                context.update(_results_context(request, form, results))
                context.update(activity.context(request.GET, results))  # who says it, and when
                context["also_reported"] = Quote.also_reported(
                    h.quote_id for h in results.quotes.hits
                )
                searched.send(search, params=request.GET, total=context["total"])
        speaker_names = (
            dict(Speaker.objects.filter(slug__in=data["speaker"]).values_list("slug", "name"))
            if data["speaker"]
            else {}
        )
        context["chips"] = facets.chips(data, request.GET, speaker_names)
        # The current filters ride along in the form, so typing a new query keeps them.
        context["hidden"] = [
            (key, value) for key in SEARCH_PARAMS[1:] for value in request.GET.getlist(key) if value
        ]
    # Only the empty and zero-result states show examples; the template calls this then.
    context["examples"] = _examples
    context["sorts"] = [
        (value, label, facets.replace(request.GET, sort=value, page=None), value == _sort(form))
        for value, label in SearchForm.base_fields["sort"].choices
    ]
    template = "search/search.html#results" if _wants_fragment(request) else "search/search.html"
    return render(request, template, context)


SEARCH_PARAMS = ("q", "speaker", "source", "kind", "speaker_kind", "year", "from", "to", "sort")


def _is_front_page(params) -> bool:
    """Nothing searched, filtered or sorted: the front page rather than a list of everything
    (``?sort=newest`` lists everything)."""
    return not any(value.strip() for key in SEARCH_PARAMS for value in params.getlist(key))


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


@require_safe
def article(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("source"), pk=pk)
    form = ArticleForm(request.GET)
    options = form.cleaned_data if form.is_valid() else ArticleForm.DEFAULTS
    quotes = list(article.quotes.select_related("speaker").order_by("start"))
    legend_speakers = list(article.speakers())
    only = options["only"] if options["only"] in {s.slug for s in legend_speakers} else ""
    terms = parse(options["q"]).terms()
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
                q.mention, q.speaker.name if q.speaker else "", q.role, q.get_attribution_display()
            ),
            how=q.get_attribution_display() if q.speaker else "",
            kind=q.kind,
            speaker_slug=q.speaker.slug if q.speaker else "",
            faded=bool(only) and (q.speaker is None or q.speaker.slug != only),
        )
        for q in quotes
    ]
    # Each legend entry toggles "only this speaker"; the state lives in the URL.
    legend = [
        {
            "speaker": speaker,
            "colour": article_markup.speaker_class(speaker.pk),
            "url": facets.replace(request.GET, only=None if only == speaker.slug else speaker.slug),
            "active": only == speaker.slug,
        }
        for speaker in legend_speakers
    ]
    unattributed = sum(1 for q in quotes if q.speaker_id is None)
    start = story_start(article.body)
    paragraphs = zip(
        article_markup.render(article.body, spans, term_spans, start=start),
        article_markup.speakers_by_paragraph(article.body, spans, start=start),
        strict=True,
    )
    return render(
        request,
        "search/article.html",
        {
            "article": article,
            "paragraphs": list(paragraphs),
            "quotes": quotes,
            "legend": legend,
            "only": only,
            "show_all_url": facets.replace(request.GET, only=None),
            "marks": options["marks"] != "off",
            "marks_url": facets.replace(
                request.GET, marks=None if options["marks"] == "off" else "off"
            ),
            "unattributed": unattributed,
            "q": options["q"],
        },
    )


SPEAKER_SORTS = {
    "quotes": ("-quote_count", "name_key"),
    "name": ("name_key",),
    "latest": (F("latest").desc(nulls_last=True), "name_key"),
}


@require_safe
@vary_on_headers("HX-Request")
def speakers(request):
    form = SpeakersForm(request.GET)
    form.is_valid()  # an invalid value falls back to its default; the others still apply
    options = {**SpeakersForm.DEFAULTS, **form.cleaned_data}
    name, sort, kind = options["name"], options["sort"], options["kind"]
    found = Speaker.objects.annotate(
        quote_count=Count("quotes"), latest=Max("quotes__article__published")
    ).order_by(*SPEAKER_SORTS[sort])
    if kind:
        found = found.filter(kind=kind)
    if name:
        found = found.filter(
            Q(name__icontains=name)
            | Q(name_key__contains=normalise_name(name))
            | Q(Exists(SpeakerAlias.objects.filter(speaker=OuterRef("pk"), name__icontains=name)))
        )
    page = _page_of(Paginator(found, SPEAKERS_PER_PAGE), request.GET.get("page"))
    params = request.GET
    context = {
        "page": page,
        "name": name,
        "sort": sort,
        "kind": kind,
        "kind_label": dict(SpeakersForm.KINDS)[kind],
        "kinds": [
            (value or "all", label, facets.replace(params, kind=value, page=None), value == kind)
            for value, label in SpeakersForm.KINDS
        ],
        "sorts": [
            (value, label, facets.replace(params, sort=value, page=None), value == sort)
            for value, label in SpeakersForm.base_fields["sort"].choices
        ],
        "previous_url": facets.replace(params, page=page.previous_page_number())
        if page.has_previous()
        else "",
        "next_url": facets.replace(params, page=page.next_page_number()) if page.has_next() else "",
    }
    template = (
        "search/speakers.html#speaker-results"
        if _wants_fragment(request)
        else "search/speakers.html"
    )
    return render(request, template, context)


@require_safe
def speaker(request, slug: str):
    speaker = get_object_or_404(Speaker, slug=slug)
    quotes = speaker.quotes.select_related("article", "article__source").order_by(
        F("article__published").desc(nulls_last=True), "-article_id", "start"
    )
    page = _page_of(Paginator(quotes, 20), request.GET.get("page"))
    return render(
        request,
        "search/speaker.html",
        {
            "speaker": speaker,
            "organisation": speaker.kind == Speaker.Kind.ORGANISATION,
            "page": page,
            "chart": speaker_profile.year_chart(speaker),
            "roles": speaker_profile.roles_seen(speaker),
            "outlets": speaker_profile.outlets(speaker),
            "alongside": speaker_profile.quoted_alongside(speaker),
            "colour": article_markup.speaker_class(speaker.pk),
            "quote_count": page.paginator.count,
        },
    )


def _page_of(paginator: Paginator, number: str | None):
    """The page asked for; for a page that does not exist (0, past the end, not a number)
    the first page, with ``page.missing`` set so the template can say so."""
    try:
        return paginator.page(number or 1)
    except (PageNotAnInteger, EmptyPage):
        page = paginator.page(1)
        page.missing = number[:20]
        return page


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def bad_request(request, exception=None):
    """A 400 that says what was wrong where Django knows: an upload of too many files is
    refused while the form is read, before any view runs, so the limit is named here."""
    if isinstance(exception, TooManyFilesSent):
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FILES
        message = (
            f"That upload held more than {limit} files, the most one upload takes. "
            f"Upload them in batches of {limit} or fewer."
        )
    elif isinstance(exception, TooManyFieldsSent | RequestDataTooBig):
        message = "The form sent was too large. Send less at a time."
    else:
        message = "The request could not be understood."
    return render(request, "400.html", {"message": message, "back": request.path}, status=400)
