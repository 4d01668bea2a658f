"""The PostgreSQL backend: the shared contract, plus what only it promises (writes in the
data's own transaction, PostgreSQL's analyzers). It needs a PostgreSQL database: the
PostgreSQL run of ``.ci/run`` (``scripts/with-postgres``) provides one; elsewhere these tests
are skipped, unless DIPLOMACY_REQUIRE_POSTGRES=true makes that an error."""

from __future__ import annotations

import os

import pytest
from django.db import connection

from search.engine.postgres import PostgresBackend

from .backend_contract import BackendContract

ON_POSTGRES = connection.vendor == "postgresql"
if not ON_POSTGRES and os.environ.get("DIPLOMACY_REQUIRE_POSTGRES", "").lower() == "true":
    raise RuntimeError("DIPLOMACY_REQUIRE_POSTGRES is set but DATABASE_URL is not PostgreSQL")

pytestmark = [
    pytest.mark.skipif(not ON_POSTGRES, reason="needs DATABASE_URL=postgres://… (.ci/run)"),
    pytest.mark.django_db,
]


class TestPostgresContract(BackendContract):
    def make_backend(self, path):
        return PostgresBackend({})
