"""The dotted path named in ``SEARCH_BACKENDS``; the implementation is ``search.engine.whoosh``."""

from .whoosh import WhooshBackend

__all__ = ["WhooshBackend"]
