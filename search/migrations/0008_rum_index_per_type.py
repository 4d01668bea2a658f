# On PostgreSQL with RUM in use, the one RUM index over every document becomes one per type
# (articles, quotes). A page is always of one type: from the whole index, a page of the few
# quotes holding a common word ("said": 515 quotes among 77,000 matches at 100k articles)
# walked every article match first, or fell back to ts_rank over every quote (60-100 ms);
# from the quotes' own index it reads its ten rows (0.2 ms). Where GIN is in use (RUM not
# installed), or on other databases, nothing happens.

from django.db import migrations

RUM = """
CREATE INDEX IF NOT EXISTS search_pg_document_rum_article ON search_pg_document
    USING rum (vector rum_tsvector_ops) WHERE doctype = 'a';
CREATE INDEX IF NOT EXISTS search_pg_document_rum_quote ON search_pg_document
    USING rum (vector rum_tsvector_ops) WHERE doctype = 'q';
DROP INDEX IF EXISTS search_pg_document_rum;
"""
WHOLE = """
CREATE INDEX IF NOT EXISTS search_pg_document_rum ON search_pg_document
    USING rum (vector rum_tsvector_ops);
DROP INDEX IF EXISTS search_pg_document_rum_article;
DROP INDEX IF EXISTS search_pg_document_rum_quote;
"""
# Where RUM is not installed, or to compare with it (tests, bench/pg_text_index.py): GIN alone.
GIN = """
CREATE INDEX IF NOT EXISTS search_pg_document_vector ON search_pg_document USING gin (vector);
DROP INDEX IF EXISTS search_pg_document_rum;
DROP INDEX IF EXISTS search_pg_document_rum_article;
DROP INDEX IF EXISTS search_pg_document_rum_quote;
"""
RUM_ONLY = "DROP INDEX IF EXISTS search_pg_document_vector;"  # for bench/pg_text_index.py


def rum_in_use(schema_editor) -> bool:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('search_pg_document_rum')")
        return cursor.fetchone()[0] is not None


def per_type(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql" and rum_in_use(schema_editor):
        schema_editor.execute(RUM)


def whole(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('search_pg_document_rum_quote')")
        if cursor.fetchone()[0] is not None:
            schema_editor.execute(WHOLE)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_rum_text_index"),
    ]

    operations = [migrations.RunPython(per_type, whole)]
