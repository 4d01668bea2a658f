"""The results page's "Save this search", kept in this app so the page only includes it."""

from django import template

from search.following.models import SavedSearch, canonical_query

register = template.Library()


@register.inclusion_tag("following/_save_search.html", takes_context=True)
def save_search(context) -> dict:
    request = context["request"]
    query = canonical_query(request.GET)
    return {
        "user": context.get("user"),
        "query": query,
        "name": (request.GET.get("q") or SavedSearch(query_string=query).describe())[:120],
        "frequencies": SavedSearch.Frequency.choices,
        "next": request.get_full_path(),
    }
