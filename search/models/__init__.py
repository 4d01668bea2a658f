"""Articles, the outlets that publish them, the people quoted in them, and their quotes.

The database is the source of truth; the search index mirrors it (see ``search.index.sync``).
One module per concern; everything is importable from ``search.models``.
"""

from .articles import Article, content_hash, current_extractor_version, quotes_created
from .backlog import QueuedStory, UnindexedChange
from .names import is_pronoun, normalise_name
from .quotes import Quote, QuoteQuerySet
from .sources import Source
from .speakers import Speaker, SpeakerAlias, SpeakerAssignment

__all__ = [
    "Article",
    "QueuedStory",
    "Quote",
    "QuoteQuerySet",
    "Source",
    "Speaker",
    "SpeakerAlias",
    "SpeakerAssignment",
    "UnindexedChange",
    "content_hash",
    "current_extractor_version",
    "is_pronoun",
    "normalise_name",
    "quotes_created",
]
