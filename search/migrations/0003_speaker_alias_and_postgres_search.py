# Speaker aliases move from a JSON list (matched with icontains) to a table of their own with
# an index on the normalised name; on PostgreSQL, the tables of the PostgreSQL search backend
# (search.engine.postgres) are created too. Those steps do nothing on other databases.

import unicodedata

import django.db.models.deletion
from django.db import migrations, models


def _key(name):  # search.models.normalise_name, frozen here
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().replace("’", "'").split())


def aliases_to_rows(apps, schema_editor):
    Speaker = apps.get_model("search", "Speaker")
    SpeakerAlias = apps.get_model("search", "SpeakerAlias")
    rows = []
    for speaker in Speaker.objects.exclude(aliases=[]).only("pk", "aliases").iterator():
        seen = set()
        for name in speaker.aliases or ():
            name = " ".join(str(name).split())
            key = _key(name)
            if name and key not in seen:
                seen.add(key)
                rows.append(SpeakerAlias(speaker_id=speaker.pk, name=name[:200], name_key=key[:200]))
    SpeakerAlias.objects.bulk_create(rows, batch_size=1000)


def rows_to_aliases(apps, schema_editor):
    Speaker = apps.get_model("search", "Speaker")
    SpeakerAlias = apps.get_model("search", "SpeakerAlias")
    names = {}
    for speaker_id, name in SpeakerAlias.objects.values_list("speaker_id", "name"):
        names.setdefault(speaker_id, []).append(name)
    for speaker_id, aliases in names.items():
        Speaker.objects.filter(pk=speaker_id).update(aliases=sorted(aliases))


POSTGRES_SEARCH = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
CREATE TABLE IF NOT EXISTS search_pg_document (
    doctype char(1) NOT NULL,
    doc_id bigint NOT NULL,
    article_id bigint NOT NULL,
    version text NOT NULL,
    published date,
    source text NOT NULL DEFAULT '',
    speaker_slug text NOT NULL DEFAULT '',
    speaker_name text NOT NULL DEFAULT '',
    kind text NOT NULL DEFAULT '',
    stored jsonb NOT NULL,
    vector tsvector NOT NULL,
    role_vector tsvector NOT NULL,
    PRIMARY KEY (doctype, doc_id)
);
CREATE INDEX IF NOT EXISTS search_pg_document_vector ON search_pg_document USING gin (vector);
CREATE INDEX IF NOT EXISTS search_pg_document_article ON search_pg_document (article_id);
CREATE INDEX IF NOT EXISTS search_pg_document_speaker ON search_pg_document (speaker_slug)
    WHERE doctype = 'q';
CREATE INDEX IF NOT EXISTS search_pg_document_newest
    ON search_pg_document (doctype, published DESC NULLS LAST, doc_id DESC);
CREATE TABLE IF NOT EXISTS search_pg_word (word text PRIMARY KEY);
CREATE INDEX IF NOT EXISTS search_pg_word_trigrams ON search_pg_word USING gin (word gin_trgm_ops);
CREATE INDEX IF NOT EXISTS search_pg_word_prefix ON search_pg_word (word text_pattern_ops);
"""

DROP_POSTGRES_SEARCH = """
DROP TABLE IF EXISTS search_pg_word;
DROP TABLE IF EXISTS search_pg_document;
"""


def create_postgres_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_SEARCH)


def drop_postgres_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_POSTGRES_SEARCH)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_extractor_version_and_alias_cleanup"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="article",
            options={
                "ordering": [
                    models.OrderBy(models.F("published"), descending=True, nulls_last=True),
                    "-id",
                ]
            },
        ),
        migrations.CreateModel(
            name="SpeakerAlias",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                ("name_key", models.CharField(db_index=True, editable=False, max_length=200)),
                (
                    "speaker",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="alias_set",
                        to="search.speaker",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "speaker aliases",
                "ordering": ["name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("speaker", "name_key"), name="speaker_alias_once"
                    )
                ],
            },
        ),
        migrations.RunPython(aliases_to_rows, rows_to_aliases),
        migrations.RemoveField(model_name="speaker", name="aliases"),
        migrations.RunPython(create_postgres_search, drop_postgres_search),
    ]
