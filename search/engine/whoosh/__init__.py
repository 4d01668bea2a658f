"""The Whoosh search backend. This package is the only place in the project that imports
``whoosh``; everything else talks to ``search.engine.base``."""

from .backend import WhooshBackend

__all__ = ["WhooshBackend"]
