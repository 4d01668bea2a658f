"""The Whoosh search backend. This package is the only place in the project that imports
``whoosh``; everything else talks to ``search.engine.base``."""

from . import internals
from .backend import WhooshBackend

internals.check()
internals.use_fast_paths(True)

__all__ = ["WhooshBackend"]
