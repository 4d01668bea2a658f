from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("search.following.urls")),
    path("", include("search.urls")),
]

handler400 = "search.pages.views.bad_request"
handler404 = "search.pages.views.not_found"
