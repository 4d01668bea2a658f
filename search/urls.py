from django.urls import path, re_path

from search.outputs import api, exports, feeds
from search.pages import quote_views, views

urlpatterns = [
    path("", views.search, name="search"),
    path("articles/<int:pk>/", views.article, name="article"),
    path("speakers/", views.speakers, name="speakers"),
    path("speakers/<slug:slug>/", views.speaker, name="speaker"),
    # the analyst's tools (issue 14)
    path("quotes/<int:pk>/", quote_views.quote, name="quote"),
    path("feeds/search/", feeds.search_feed, name="search-feed"),
    path("feeds/speakers/<slug:slug>/", feeds.speaker_feed, name="speaker-feed"),
    path("exports/quotes.csv", exports.quotes_csv, name="export-csv"),
    path("exports/quotes.jsonl", exports.quotes_jsonl, name="export-jsonl"),
    path("api/v1/", api.api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", api.unknown_endpoint),
]
