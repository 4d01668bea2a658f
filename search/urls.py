from django.urls import path

from search import views

urlpatterns = [
    path("", views.search, name="search"),
    path("articles/<int:pk>/", views.article, name="article"),
    path("speakers/", views.speakers, name="speakers"),
    path("speakers/<slug:slug>/", views.speaker, name="speaker"),
]
