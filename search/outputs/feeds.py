"""Atom feeds, through Django's syndication framework: one for any search (the same query
language and filters as the search page, newest first) and one per speaker. Pages point at
theirs with ``<link rel="alternate">`` (``search.outputs.take_away``)."""

from __future__ import annotations

import datetime as dt
import logging
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.views.decorators.http import require_GET

from search.engine import SearchUnavailable, get_backend
from search.models import Quote, Speaker
from search.pages.forms import SearchForm
from search.pages.params import xml_text

log = logging.getLogger(__name__)

FEED_ITEMS = 50
FEED_PARAMS = ("q", "speaker", "source", "kind", "year", "from", "to")


def _xml(value):
    return xml_text(value) if isinstance(value, str) else value


class AtomFeed(Atom1Feed):
    """Atom whose text carries only what XML 1.0 can: an article's stray control character
    (a form feed from a wire service) is dropped rather than failing the whole feed."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*map(_xml, args), **{k: _xml(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs) -> None:
        super().add_item(*map(_xml, args), **{k: _xml(v) for k, v in kwargs.items()})


class QuoteFeed(Feed):
    """The newest quotes matching a search form; subclasses say which form and titles."""

    feed_type = AtomFeed
    author_name = "Diplomacy — who said what"

    def get_object(self, request, *args, **kwargs) -> dict:
        form = self.form(request, *args, **kwargs)
        found: list[Quote] = []
        problem = ""
        if form.is_valid():
            results = get_backend().search(
                form.search_request(per_page=FEED_ITEMS, page=1, sort="newest")
            )
            ids = [hit.quote_id for hit in results.quotes.hits]
            by_id = Quote.objects.select_related("article", "article__source", "speaker").in_bulk(
                ids
            )
            found = [by_id[i] for i in ids if i in by_id]
        else:
            problem = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return {"form": form, "quotes": found, "problem": problem, "request": request}

    def form(self, request, *args, **kwargs) -> SearchForm:
        return SearchForm(request.GET)

    def items(self, obj: dict) -> list[Quote]:
        return obj["quotes"]

    def subtitle(self, obj: dict) -> str:
        if obj["problem"]:
            return f"No quotes: {obj['problem']}"
        return "The newest matching quotes, with who said them, from Diplomacy."

    def item_title(self, quote: Quote) -> str:
        who = quote.speaker.name if quote.speaker else (quote.mention or "Unattributed")
        text = quote.text if len(quote.text) <= 120 else quote.text[:119].rstrip() + "…"
        return f"{who}: “{text}”"

    def item_description(self, quote: Quote) -> str:
        article = quote.article
        return format_html(
            "<blockquote>{}</blockquote><p>{}{} — {}{}</p>",
            quote.text,
            self.item_author_name(quote),
            f" ({quote.role})" if quote.role else "",
            article.title,
            f" · {article.source.name}" if article.source else "",
        )

    def item_link(self, quote: Quote) -> str:
        return quote.permalink()

    def item_author_name(self, quote: Quote) -> str:
        return quote.speaker.name if quote.speaker else (quote.mention or "Unattributed")

    def item_pubdate(self, quote: Quote) -> dt.datetime | None:
        published = quote.article.published  # unknown stays unknown
        return dt.datetime.combine(published, dt.time(), tzinfo=dt.UTC) if published else None

    def item_updateddate(self, quote: Quote) -> dt.datetime:
        return quote.updated  # Atom needs one on every entry: when our record last changed


class SearchFeed(QuoteFeed):
    def title(self, obj: dict) -> str:
        q = obj["form"].cleaned_data.get("q") if obj["form"].is_valid() else ""
        return f"Quotes for “{q}” — Diplomacy" if q else "Newest quotes — Diplomacy"

    def link(self, obj: dict) -> str:
        return "/" + query_string(obj["request"].GET)

    def feed_url(self, obj: dict) -> str:
        return "/feeds/search/" + query_string(obj["request"].GET)


class SpeakerFeed(QuoteFeed):
    def get_object(self, request, slug: str) -> dict:
        obj = super().get_object(request, slug)
        obj["speaker"] = get_object_or_404(Speaker, slug=slug)
        return obj

    def form(self, request, slug: str) -> SearchForm:
        if not Speaker.objects.filter(slug=slug).exists():
            raise Http404("No such speaker.")
        data = QueryDict(mutable=True)
        data.setlist("speaker", [slug])
        return SearchForm(data)

    def title(self, obj: dict) -> str:
        return f"Quotes by {obj['speaker'].name} — Diplomacy"

    def link(self, obj: dict) -> str:
        return obj["speaker"].get_absolute_url()

    def feed_url(self, obj: dict) -> str:
        return f"/feeds/speakers/{obj['speaker'].slug}/"


def query_string(params: QueryDict) -> str:
    """The search's own parameters (no page or sort) as ``?...``, for feed addresses."""
    pairs = [(k, v) for k in FEED_PARAMS for v in params.getlist(k) if v]
    return f"?{urlencode(pairs)}" if pairs else ""


def _unavailable(feed: Feed):
    @require_GET
    def view(request, *args, **kwargs):
        try:
            return feed(request, *args, **kwargs)
        except SearchUnavailable:
            log.exception("search unavailable for a feed")
            return HttpResponse(
                "Search is unavailable right now; try the feed again later.",
                status=503,
                content_type="text/plain; charset=utf-8",
            )

    return view


search_feed = _unavailable(SearchFeed())
speaker_feed = _unavailable(SpeakerFeed())
