"""The sample-articles fixture, made by the real ingestion pipeline so that it changes when
the extractor does (a test compares the committed file with a fresh build)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core import serializers
from django.db import transaction

from search.intake.ingest import ingest_bytes
from search.models import Article, Quote, Source, Speaker, SpeakerAlias

FIXED_TIME = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


class _Rollback(Exception):
    pass


def build_sample_fixture(paths: list[Path]) -> str:
    """Ingest ``paths`` inside a transaction that is rolled back, and serialise what the
    pipeline made, with ids renumbered from 1 and timestamps fixed, so the output is
    deterministic and independent of what the database already holds."""
    output = ""
    try:
        with transaction.atomic():
            Quote.objects.all().delete()
            Article.objects.all().delete()
            Speaker.objects.all().delete()
            Source.objects.all().delete()
            for path in paths:
                result = ingest_bytes(path.read_bytes(), filename=path.name)
                if result.status != "imported":
                    raise ValueError(f"{path.name}: {result.message}")
            output = _serialise()
            raise _Rollback
    except _Rollback:
        pass
    return output


def _serialise() -> str:
    objects = []
    for model in (Source, Speaker, SpeakerAlias, Article, Quote):
        objects += list(model.objects.order_by("pk"))
    data = json.loads(serializers.serialize("json", objects))
    ids: dict[str, dict[int, int]] = {}
    for item in data:
        table = ids.setdefault(item["model"], {})
        table[item["pk"]] = len(table) + 1
    for item in data:
        item["pk"] = ids[item["model"]][item["pk"]]
        fields = item["fields"]
        for name in ("created", "updated"):
            if name in fields:
                fields[name] = FIXED_TIME.isoformat().replace("+00:00", "Z")
        for name, model in (
            ("source", "search.source"),
            ("speaker", "search.speaker"),
            ("article", "search.article"),
        ):
            if fields.get(name) is not None:
                fields[name] = ids[model][fields[name]]
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
