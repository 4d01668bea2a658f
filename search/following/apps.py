from django.apps import AppConfig


class FollowingConfig(AppConfig):
    name = "search.following"
    label = "following"
    verbose_name = "Readers and what they follow"

    def ready(self) -> None:
        # The search page says it searched (``search.pages.signals``); the log listens here,
        # so the page never imports this app.
        from search.following import search_log
        from search.pages.signals import searched

        searched.connect(search_log.record, dispatch_uid="search.following.search_log.record")
        # The reader's saved searches join the JSON API (before its URLs are built).
        from search.following.api import router
        from search.outputs.api import api

        if not getattr(router, "mounted", False):
            api.add_router("/searches", router)
            router.mounted = True
