from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Diplomacy search"

    def ready(self) -> None:
        # Keep the index in step with every save and delete, loaddata's raw saves included.
        from search import indexing

        indexing.connect_signals()
