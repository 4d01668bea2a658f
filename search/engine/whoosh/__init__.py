"""The Whoosh search backend. This package is the only place in the project that imports
``whoosh``; everything else talks to ``search.engine.base``."""

from . import fixes
from .backend import WhooshBackend

fixes.apply()

__all__ = ["WhooshBackend"]
