# On PostgreSQL, the search documents' text index gains a RUM index where the rum extension
# is installed (Debian: postgresql-15-rum): it keeps each word's positions, so ranking and
# phrases are answered from the index without reading the stored vectors back. Elsewhere
# the GIN index stays (the system check search.W002 says which is in use and how to install
# RUM; running this migration again after installing it switches: `migrate search 0006`,
# then `migrate search`). Nothing happens on other databases.

from django.db import DatabaseError, migrations, transaction

# The GIN index stays beside it: counting and faceting every match (a bitmap of the rows)
# is quicker from GIN's smaller index, and the planner picks the cheaper one per query.
RUM = """
CREATE EXTENSION IF NOT EXISTS rum;
CREATE INDEX IF NOT EXISTS search_pg_document_rum ON search_pg_document
    USING rum (vector rum_tsvector_ops);
"""
RUM_ONLY = "DROP INDEX IF EXISTS search_pg_document_vector;"  # for bench/pg_text_index.py

GIN = """
CREATE INDEX IF NOT EXISTS search_pg_document_vector ON search_pg_document USING gin (vector);
DROP INDEX IF EXISTS search_pg_document_rum;
"""


def rum_available(schema_editor) -> bool:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        return cursor.fetchone() is not None


def to_rum(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql" and rum_available(schema_editor):
        try:
            with transaction.atomic(using=schema_editor.connection.alias):
                schema_editor.execute(RUM)
        except DatabaseError:  # not allowed to create the extension: GIN stays, and W002 says so
            pass


def to_gin(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GIN)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_queued_story"),
    ]

    operations = [migrations.RunPython(to_rum, to_gin)]
