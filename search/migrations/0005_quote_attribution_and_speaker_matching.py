# How each quote's speaker was found (Quote.attribution); a romanisation-folded key on
# speakers and aliases for matching one person across articles (search.text.speaker_matching),
# filled here; editors' split decisions (SpeakerAssignment); and, on PostgreSQL, the
# speaker's kind as a column of the search backend's documents (filled by a reindex:
# ``python manage.py check_index --repair`` sees every quote's document as changed).

import django.db.models.deletion
from django.db import migrations, models


def fill_variant_keys(apps, schema_editor):
    from search.text.speaker_matching import variant_key

    for name in ("Speaker", "SpeakerAlias"):
        model = apps.get_model("search", name)
        batch = []
        for row in model.objects.only("pk", "name").iterator(chunk_size=2000):
            row.variant_key = variant_key(row.name)[:200]
            batch.append(row)
            if len(batch) >= 2000:
                model.objects.bulk_update(batch, ["variant_key"])
                batch = []
        if batch:
            model.objects.bulk_update(batch, ["variant_key"])


def add_postgres_speaker_kind(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE IF EXISTS search_pg_document "
            "ADD COLUMN IF NOT EXISTS speaker_kind text NOT NULL DEFAULT ''"
        )


def drop_postgres_speaker_kind(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE IF EXISTS search_pg_document DROP COLUMN IF EXISTS speaker_kind"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_quote_group_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="quote",
            name="attribution",
            field=models.CharField(
                blank=True,
                choices=[
                    ("named", "named in the sentence"),
                    ("surname", "by surname"),
                    ("role", "by role"),
                    ("pronoun", "by pronoun"),
                    ("organisation", "organisation"),
                    ("carried", "carried from the previous quote"),
                    ("editor", "set by an editor"),
                ],
                help_text="How the speaker was found; empty when there is none.",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="speaker",
            name="variant_key",
            field=models.CharField(
                db_index=True,
                default="",
                editable=False,
                help_text="The name with romanisation variants folded (speaker_matching).",
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="speakeralias",
            name="variant_key",
            field=models.CharField(db_index=True, default="", editable=False, max_length=200),
        ),
        migrations.CreateModel(
            name="SpeakerAssignment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(help_text="The speaker the extractor gives.", max_length=200),
                ),
                ("name_key", models.CharField(editable=False, max_length=200)),
                ("mention", models.CharField(blank=True, max_length=200)),
                ("created", models.DateTimeField(auto_now_add=True)),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="speaker_assignments",
                        to="search.article",
                    ),
                ),
                (
                    "speaker",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="assignments",
                        to="search.speaker",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("article", "name_key", "mention"), name="speaker_assignment_once"
                    )
                ],
            },
        ),
        migrations.RunPython(fill_variant_keys, migrations.RunPython.noop),
        migrations.RunPython(add_postgres_speaker_kind, drop_postgres_speaker_kind),
    ]
