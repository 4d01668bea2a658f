from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Diplomacy search"

    def ready(self) -> None:
        # Keep the index in step with every save and delete, loaddata's raw saves included.
        from django.conf import settings

        from search.engine.postgres import checks as postgres_checks  # noqa: F401 (registers)
        from search.index import sync
        from search.intake import checks
        from search.quotes import parser

        sync.connect_signals()
        parser.configure(settings.QUOTES_SPACY_MODEL)
        checks.register_all()
