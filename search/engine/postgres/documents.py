"""What the PostgreSQL backend stores: one row per article or quote in ``search_pg_document``
(created by migrations 0003 and 0005 on PostgreSQL only), its stored fields in
``search_pg_stored`` (migration 0009), and the words of the index in ``search_pg_word`` for
prefixes and "did you mean".

A row's ``vector`` is made by PostgreSQL in the INSERT itself, with weights for its parts:
A title and B body (English, stemmed, accents folded with ``unaccent``), C speaker names
('simple': folded, never stemmed). A word matches any part, so its tsquery needs no weights
and the GIN index answers it exactly, without reading the vectors again; only phrases and
name filters carry weights. The role, matched only by ``role:``, has a vector of its own.

The English analysis drops stop words, yet a prefix ("a*") must find "and" as Whoosh does:
so the vector also holds the title's and body's stop words once each, without positions,
marked by a leading space (``' and'``). PostgreSQL's parser never makes a lexeme with a
space, so no word, phrase or name searched can meet them ("others", stemmed 'other', does
not find the stop word "other"); only a prefix asks for them (``' a':*``, see ``compile``).
``stored`` holds everything a hit shows, so results never read the application's tables. It
has a table of its own, read only for a page's rows: counting and faceting every match
reads ``search_pg_document``, which without it holds 40% fewer pages.
"""

from __future__ import annotations

import datetime as dt
import json

ARTICLE, QUOTE = "a", "q"
QUOTE_TEXT_KEYS = (
    "text", "speaker_name", "speaker_slug", "role", "cue", "mention", "article_title", "source",
    "speaker_kind", "attribution",
)  # fmt: skip
STOP_WORD_MARK = " "  # before a stop word kept for prefixes (see above)
MIN_WORD, MAX_WORD = 3, 30  # vocabulary words kept for suggestions and prefixes

UPSERT_SQL = f"""
INSERT INTO search_pg_document AS d
    (doctype, doc_id, article_id, version, published, source, speaker_slug, speaker_name,
     kind, speaker_kind, vector, role_vector)
VALUES (%(doctype)s, %(doc_id)s, %(article_id)s, %(version)s, %(published)s, %(source)s,
        %(speaker_slug)s, %(speaker_name)s, %(kind)s, %(speaker_kind)s,
        setweight(to_tsvector('english', unaccent(%(title)s)), 'A')
        || setweight(to_tsvector('english', unaccent(%(body)s)), 'B')
        || setweight(to_tsvector('simple', unaccent(%(names)s)), 'C')
        || array_to_tsvector(ARRAY(
            SELECT '{STOP_WORD_MARK}' || w
            FROM unnest(tsvector_to_array(
                to_tsvector('simple', unaccent(%(title)s || ' ' || %(body)s)))) AS w
            WHERE ts_lexize('english_stem', w) = '{{}}')),
        to_tsvector('english', unaccent(%(role)s)))
ON CONFLICT (doctype, doc_id) DO UPDATE SET
    article_id = EXCLUDED.article_id, version = EXCLUDED.version,
    published = EXCLUDED.published, source = EXCLUDED.source,
    speaker_slug = EXCLUDED.speaker_slug, speaker_name = EXCLUDED.speaker_name,
    kind = EXCLUDED.kind, speaker_kind = EXCLUDED.speaker_kind, vector = EXCLUDED.vector,
    role_vector = EXCLUDED.role_vector
"""

STORED_UPSERT_SQL = """
INSERT INTO search_pg_stored AS s (doctype, doc_id, stored)
VALUES (%(doctype)s, %(doc_id)s, %(stored)s::jsonb)
ON CONFLICT (doctype, doc_id) DO UPDATE SET stored = EXCLUDED.stored
"""
# A page's stored fields, by (doctype, doc_id), in one statement for both types.
STORED_SQL = """
SELECT s.doctype, s.doc_id, s.stored FROM search_pg_stored s
JOIN unnest(%s::char(1)[], %s::bigint[]) AS k(doctype, doc_id)
    ON s.doctype = k.doctype AND s.doc_id = k.doc_id
"""
# Deleting documents deletes their stored fields (``gone``: the deleting statement).
DELETE_SQL = """
WITH gone AS ({gone} RETURNING doctype, doc_id)
DELETE FROM search_pg_stored s USING gone WHERE s.doctype = gone.doctype AND s.doc_id = gone.doc_id
"""

# Words are inserted in order, so two writers adding the same new words never deadlock.
WORDS_SQL = f"""
INSERT INTO search_pg_word (word)
SELECT DISTINCT w
FROM unnest(%s::text[]) AS t, unnest(tsvector_to_array(to_tsvector('simple', unaccent(t)))) AS w
WHERE length(w) BETWEEN {MIN_WORD} AND {MAX_WORD} AND w ~ '^[[:alpha:]]+$'
ORDER BY w
ON CONFLICT DO NOTHING
"""


def article_row(doc: dict) -> dict:
    speakers = list(doc.get("speakers") or ())
    slugs = list(doc.get("speaker_slugs") or ())
    stored = {
        "id": int(doc["id"]),
        "title": doc.get("title") or "",
        "body": doc.get("body") or "",
        "published": _iso(doc.get("published")),
        "dateline": doc.get("dateline") or "",
        "source": doc.get("source") or "",
        "speakers": list(zip(speakers, slugs + [""] * (len(speakers) - len(slugs)), strict=False)),
    }
    return {
        "doctype": ARTICLE,
        "doc_id": int(doc["id"]),
        "article_id": int(doc["id"]),
        "version": str(doc.get("version", "")),
        "published": doc.get("published"),
        "source": stored["source"],
        "speaker_slug": "",
        "speaker_name": "",
        "kind": "",
        "speaker_kind": "",
        "stored": json.dumps(stored, ensure_ascii=False),
        "title": plain(stored["title"]),
        "body": plain(stored["body"]),
        "names": plain("\n".join(speakers)),
        "role": "",
    }


def quote_row(doc: dict) -> dict:
    names = [doc.get("speaker_name") or "", *(doc.get("speaker_aliases") or ())]
    stored = {key: doc.get(key) or "" for key in QUOTE_TEXT_KEYS}
    stored.update(
        id=int(doc["id"]),
        kind=(doc.get("kind") or "").lower(),
        speaker_id=doc.get("speaker_id"),
        article_id=int(doc["article_id"]),
        published=_iso(doc.get("published")),
    )
    return {
        "doctype": QUOTE,
        "doc_id": int(doc["id"]),
        "article_id": int(doc["article_id"]),
        "version": str(doc.get("version", "")),
        "published": doc.get("published"),
        "source": stored["source"],
        "speaker_slug": stored["speaker_slug"],
        "speaker_name": stored["speaker_name"],
        "kind": stored["kind"],
        "speaker_kind": stored["speaker_kind"],
        "stored": json.dumps(stored, ensure_ascii=False),
        "title": "",
        "body": plain(stored["text"]),
        "names": plain("\n".join(n for n in names if n)),
        "role": plain(stored["role"]),
    }


# PostgreSQL's parser reads "<provocations>" as an XML tag and "&amp;" as an entity, and
# drops them; people read words there, so the index and the queries see spaces instead.
_NOT_MARKUP = str.maketrans("<>&", "   ")


def plain(text: str) -> str:
    return text.translate(_NOT_MARKUP) if text else ""


def vocabulary_texts(row: dict) -> list[str]:
    return [t for t in (row["title"], row["body"], row["names"]) if t]


def _iso(value) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value or None


def published(stored: dict) -> dt.date | None:
    value = stored.get("published")
    return dt.date.fromisoformat(value) if value else None
