"""The cast of a story: each person or organisation it introduces, with what the text says of
them (role, gender, where they are mentioned) and the other names they go by.

Only the lexicon is imported here, so the extractor's results (``spans``) and the resolver
(``speakers``) can both use it without importing each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from search.quotes.lexicon import PRONOUN_FORMS, ROLE_SET, STOP_CAPS


@dataclass
class Person:
    name: str
    kind: str = "person"
    role: str = ""
    gender: str = ""  # "m", "f" or "" (unknown), from honorifics and pronouns tied to them
    aliases: set[str] = field(default_factory=set)
    positions: list[int] = field(default_factory=list)  # where the text mentions them

    @property
    def surname(self) -> str:
        return self.name.split()[-1] if self.kind == "person" else self.name

    def add_alias(self, mention: str) -> None:
        """Keep ``mention`` as an alias only when it names this speaker: it holds one of the
        name's words. "he", "the ambassador" or "on Monday" never become aliases."""
        words = mention.split()
        if " ".join(words) == self.name:
            return
        own = names_words(self.name)
        # "Ambassador Anna Karenina on Monday": the alias ends with the name.
        while words and words[-1].strip(".,") not in own:
            words.pop()
        mention = " ".join(words)
        if mention and mention != self.name and names_words(mention) & own:
            self.aliases.add(mention)


def names_words(text: str) -> set[str]:
    """The capitalised words of ``text`` that can be part of a name."""
    return {
        w
        for w in re.findall(r"[A-Z][\w’'-]*", text)
        if w.lower() not in ROLE_SET and w.lower() not in PRONOUN_FORMS and w not in STOP_CAPS
    }
