"""The whole backend contract again, with every fast path through Whoosh's internals turned
off: the public-API fallbacks in ``search.engine.whoosh.internals`` must find, rank and
highlight exactly as the contract says, so a Whoosh upgrade that fails the import-time check
leaves search slower but correct."""

from __future__ import annotations

import pytest

from search.engine.whoosh import WhooshBackend, internals

from .backend_contract import BackendContract


def forbidden(*args, **kwargs):
    raise AssertionError("a fast path ran while they were turned off")


class TestWhooshContractOnThePublicApi(BackendContract):
    @pytest.fixture(autouse=True)
    def public_api_only(self, monkeypatch):
        internals.use_fast_paths(False)
        for name in ("_blocks", "_all_values", "_cached_reader"):
            monkeypatch.setattr(internals, name, forbidden)
        yield
        monkeypatch.undo()
        internals.use_fast_paths(True)

    def make_backend(self, path):
        return WhooshBackend({"PATH": str(path), "LOCK_TIMEOUT": 0.2})

    def test_no_fast_path_is_in_use(self):
        assert internals.enabled == dict.fromkeys(internals.PATHS, False)
        assert internals.whoosh3.W3PerDocReader._cached_reader is internals._whoosh_cached_reader
