"""How names of speakers and outlets compare: one key for every spelling."""

from __future__ import annotations

import unicodedata

from search.quotes import ROLE_SET
from search.quotes.lexicon import PRONOUN_FORMS


def normalise_name(name: str) -> str:
    """A key under which two spellings of one name compare equal (case, accents, spacing)."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().replace("’", "'").split())


def is_pronoun(alias: str) -> bool:
    """A pronoun names nobody on its own: "He" as an alias would match every man quoted."""
    return alias.strip().casefold() in PRONOUN_FORMS


def _name_like(alias: str) -> bool:
    """Surnames and full names are worth keeping as aliases; "he", "the ambassador", role
    phrases and a possessive before a name are not."""
    words = alias.split()
    return (
        0 < len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not any(w.lower() in ROLE_SET for w in words)
        and not any(w.endswith(("'s", "’s")) for w in words[:-1])  # "Brazil's Dauster"
    )
