"""System checks: what the site needs installed to take articles in."""

from __future__ import annotations

from django.core import checks

from search.quotes import parser


def spacy_model_installed(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """The quote extractor parses with a spaCy pipeline: say how to install a missing one
    before the first article fails to come in."""
    name = parser.model_name()
    if parser.is_installed(name):
        return []
    return [
        checks.Error(
            parser.missing_message(name),
            hint=f"Install it with: {parser.install_hint(name)}",
            id="search.E001",
        )
    ]


def register_all() -> None:
    checks.register(spacy_model_installed)
