"""A PostgreSQL search's hits, marked: the words to highlight are those PostgreSQL's own
analyzers say match (escaped first, marked second, by ``search.engine.highlight``)."""

from __future__ import annotations

import threading
from collections import OrderedDict

from ..base import ArticleHit, QuoteHit
from ..highlight import MarkedText, words
from .documents import plain, published

FORMS_SQL = """
SELECT w,
       tsvector_to_array(to_tsvector('english', unaccent(w))),
       tsvector_to_array(to_tsvector('simple', unaccent(w)))
FROM unnest(%s::text[]) WITH ORDINALITY AS u(w, n)
ORDER BY n
"""
FORMS_CACHE = 100_000


class _Forms:
    """Each word as PostgreSQL indexes it (English stems, folded name form), asked once per
    process for the words of a whole page at a time: pages meet the same words again."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._forms: OrderedDict[str, tuple[frozenset[str], frozenset[str]]] = OrderedDict()

    def of(self, cursor, needed: set[str]) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
        with self._lock:
            known = {w: self._forms[w] for w in needed if w in self._forms}
        missing = sorted(needed - known.keys())
        if missing:
            cursor.execute(FORMS_SQL, [[plain(w) for w in missing]])
            rows = cursor.fetchall()
            fresh = {
                w: (frozenset(e or ()), frozenset(s or ()))
                for w, (_, e, s) in zip(missing, rows, strict=True)
            }
            known.update(fresh)
            with self._lock:
                self._forms.update(fresh)
                while len(self._forms) > FORMS_CACHE:
                    self._forms.popitem(last=False)
        return known


_forms = _Forms()


def marker(cursor, terms: list[tuple[str, bool]], texts: list[str]) -> MarkedText:
    """What to mark in ``texts``: the words whose stems or folded forms are those of the
    searched ``terms``, or that start with a searched prefix."""
    if not terms:
        return MarkedText(())
    exact = {t for t, is_prefix in terms if not is_prefix}
    prefixed = {t for t, is_prefix in terms if is_prefix}
    seen = set().union(*(words(t) for t in texts)) if texts else set()
    forms = _forms.of(cursor, seen | exact | prefixed)
    wanted: set[str] = set()
    for t in exact:
        english, simple = forms.get(t, ((), ()))
        wanted.update(english, simple)
    prefixes = {p for t in prefixed for p in forms.get(t, ((), ()))[1]}
    hits = set()
    for word in seen:
        english, simple = forms.get(word, ((), ()))
        if not wanted.isdisjoint(english) or not wanted.isdisjoint(simple):
            hits.add(word)
        elif prefixes and any(s.startswith(p) for s in simple for p in prefixes):
            hits.add(word)
    return MarkedText(hits)


def quote_hit(stored: dict, score: float, marker: MarkedText) -> QuoteHit:
    return QuoteHit(
        quote_id=int(stored["id"]),
        score=score,
        text=stored.get("text") or "",
        highlighted=marker.whole(stored.get("text") or ""),
        kind=stored.get("kind") or "",
        speaker_id=stored.get("speaker_id"),
        speaker_name=stored.get("speaker_name") or "",
        speaker_slug=stored.get("speaker_slug") or "",
        role=stored.get("role") or "",
        cue=stored.get("cue") or "",
        mention=stored.get("mention") or "",
        article_id=int(stored["article_id"]),
        article_title=stored.get("article_title") or "",
        published=published(stored),
        source=stored.get("source") or "",
        speaker_kind=stored.get("speaker_kind") or "",
        attribution=stored.get("attribution") or "",
    )


def article_hit(stored: dict, score: float, marker: MarkedText) -> ArticleHit:
    title = stored.get("title") or ""
    return ArticleHit(
        article_id=int(stored["id"]),
        score=score,
        title=title,
        highlighted_title=marker.whole(title, limit=300),
        snippet=marker.fragment(stored.get("body") or ""),
        published=published(stored),
        dateline=stored.get("dateline") or "",
        source=stored.get("source") or "",
        speakers=tuple(tuple(pair) for pair in stored.get("speakers") or ()),
    )
