from django.urls import include, path

from search.following import accounts, views

urlpatterns = [
    path("accounts/", include(accounts.urlpatterns)),
    path("searches/", views.my_searches, name="my-searches"),
    path("searches/save/", views.save_search, name="save-search"),
    path("searches/<int:pk>/open/", views.open_search, name="open-search"),
    path("searches/<int:pk>/alerts/", views.change_alerts, name="search-alerts"),
    path("searches/<int:pk>/delete/", views.delete_search, name="delete-search"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
