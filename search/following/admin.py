"""The admin's part: editors invite readers, see what they follow and what was sent, and read
the search log — the popular searches and those that found nothing, week by week."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count

from search.following import mail, search_log
from search.following.forms import InviteForm
from search.following.models import Delivery, Reader, SavedSearch, SearchLog


@admin.register(Reader)
class ReaderAdmin(admin.ModelAdmin):
    """Adding a reader sends an invitation: a link to choose a password."""

    form = InviteForm
    list_display = ("email", "first_name", "last_name", "is_active", "searches", "last_login")
    list_filter = ("is_active",)
    search_fields = ("email", "first_name", "last_name")
    actions = ["send_invitation"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(is_staff=False)
            .annotate(search_count=Count("saved_searches"))
        )

    @admin.display(description="saved searches", ordering="search_count")
    def searches(self, reader) -> int:
        return reader.search_count

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            mail.invitation(obj, request.user).send()
            messages.info(request, f"An invitation was sent to {obj.email}.")

    @admin.action(description="Send the invitation again")
    def send_invitation(self, request, queryset) -> None:
        for reader in queryset:
            mail.invitation(reader, request.user).send()
        messages.info(request, f"Sent {queryset.count()} invitation(s).")


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "frequency", "created", "last_sent")
    list_filter = ("frequency",)
    search_fields = ("name", "query_string", "owner__email")
    readonly_fields = ("created", "last_sent", "seen_quote_id", "alerted_quote_id")
    raw_id_fields = ("owner",)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("saved_search", "created", "sent", "error")
    list_filter = ("sent",)
    readonly_fields = ("saved_search", "created", "sent", "error")


@admin.register(SearchLog)
class SearchLogAdmin(admin.ModelAdmin):
    list_display = ("query", "filters", "results", "searched")
    list_filter = ("searched",)
    search_fields = ("query",)
    date_hierarchy = "searched"
    change_list_template = "admin/following/searchlog/change_list.html"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "popular": search_log.by_week(found_nothing=False),
            "nothing_found": search_log.by_week(found_nothing=True),
        }
        return super().changelist_view(request, extra_context)
