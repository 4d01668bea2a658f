"""Turning a parsed ``search.query.Query`` and sidebar filters into Whoosh queries.

Each word is analysed once per field: stemmed in title/body, folded (not stemmed) in speaker
names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from whoosh import query as wq

from search.query import Node, Query, Visitor

from ..base import Filters
from .schema import NAME_ANALYZER, TEXT_ANALYZER, analyze, source_key

TEXT_FIELDS = ("title", "body")
MAX_PREFIX_EXPANSION = 64


@dataclass(frozen=True)
class Criteria:
    """Query-string filters and sidebar filters merged: values within one kind are
    alternatives; different kinds (and query vs. sidebar) must all hold."""

    speaker_slugs: tuple[str, ...] = ()
    speaker_names: tuple[tuple[str, ...], ...] = ()  # groups of alternatives
    roles: tuple[tuple[str, ...], ...] = ()
    sources: tuple[tuple[str, ...], ...] = ()
    kinds: tuple[tuple[str, ...], ...] = ()
    speaker_kinds: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    undated: bool = False
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @property
    def concerns_quotes(self) -> bool:
        return bool(
            self.speaker_slugs
            or self.speaker_names
            or self.roles
            or self.kinds
            or self.speaker_kinds
        )

    @property
    def date_bounds(self) -> tuple[int, int] | None:
        if not (self.date_from or self.date_to):
            return None
        low = self.date_from.toordinal() if self.date_from else 1
        high = self.date_to.toordinal() if self.date_to else dt.date.max.toordinal()
        return low, high


def criteria(query: Query, filters: Filters) -> Criteria:
    def groups(*candidates):
        return tuple(tuple(c) for c in candidates if c)

    froms = [d for d in (query.date_from, filters.date_from) if d]
    tos = [d for d in (query.date_to, filters.date_to) if d]
    return Criteria(
        speaker_slugs=tuple(filters.speakers),
        speaker_names=groups(query.speakers, filters.speaker_names),
        roles=groups(query.roles, filters.roles),
        sources=groups(query.sources, filters.sources),
        kinds=groups(query.kinds, filters.kinds),
        speaker_kinds=tuple(k.strip().lower() for k in filters.speaker_kinds),
        years=tuple(int(y) for y in filters.years),
        undated=bool(filters.undated),
        date_from=max(froms) if froms else None,
        date_to=min(tos) if tos else None,
    )


# words


def compile_node(node: Node, reader) -> wq.Query | None:
    """The Whoosh query for a query tree, or None when it has no searchable words."""
    return _Compiler(reader).visit(node)


class _Compiler(Visitor):
    def __init__(self, reader):
        self.reader = reader

    def word(self, node):
        return _word(node.text, node.prefix, self.reader)

    def phrase(self, node):
        return _phrase(node.words)

    def not_(self, node):
        child = self.visit(node.child)
        return wq.Not(child) if child is not None else None

    def any_of(self, node):
        children = self._children(node)
        if len(children) <= 1:
            return children[0] if children else None
        return wq.Or(children)

    def all_of(self, node):
        children = self._children(node)
        if not children:
            return None
        if all(isinstance(c, wq.Not) for c in children):
            children.insert(0, wq.Every())  # "-x -y" alone: everything except
        return wq.And(children)

    def _children(self, node) -> list[wq.Query]:
        return [c for c in map(self.visit, node.children) if c is not None]


def plain_query(query: Query, filters: Filters, reader) -> wq.Query:
    """The words and the index-side quote filters as one Whoosh query, for a bare
    ``searcher.search`` (``bench/bench_search.py`` times ours against it)."""
    words = compile_node(query.root, reader) if query.root is not None else None
    return _and([wq.Every() if words is None else words, quote_filter(criteria(query, filters))])


PHRASE_FIELD = {"title": "title", "body": "body_phrase", "names": "names"}


def _per_field(tokens: list[str], field: str) -> wq.Query | None:
    if not tokens:
        return None
    if len(tokens) == 1:
        return wq.Term(field, tokens[0])
    return wq.Phrase(PHRASE_FIELD[field], tokens)


def _word(text: str, prefix: bool, reader) -> wq.Query | None:
    if prefix:
        return _prefix(text, reader)
    return _phrase((text,))


def _phrase(words) -> wq.Query | None:
    text = " ".join(words)
    stems = analyze(TEXT_ANALYZER, text)
    names = analyze(NAME_ANALYZER, text)
    parts = [_per_field(stems, f) for f in TEXT_FIELDS] + [_per_field(names, "names")]
    parts = [p for p in parts if p is not None]
    return wq.Or(parts) if parts else None


def _prefix(text: str, reader) -> wq.Query | None:
    """Stems would hide prefixes ("negotiat*" vs. the stem "negoti"), so expand the prefix
    over the unstemmed spelling words and search their stems."""
    folded = analyze(NAME_ANALYZER, text)
    if not folded:
        return None
    prefix = folded[-1]
    stems: set[str] = set()
    for field in ("spell_title", "spell_body"):
        for word in reader.expand_prefix(field, prefix):
            word = word.decode("utf-8") if isinstance(word, bytes) else word
            stems.update(analyze(TEXT_ANALYZER, word))
            if len(stems) >= MAX_PREFIX_EXPANSION:
                break
    parts: list[wq.Query] = [wq.Term(f, s) for s in sorted(stems) for f in TEXT_FIELDS]
    parts.append(wq.Prefix("names", prefix))
    return wq.Or(parts)


# filters


def _any(parts: list[wq.Query]) -> wq.Query | None:
    parts = [p for p in parts if p is not None]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.Or(parts)


def _all_tokens(field: str, analyzer, text: str) -> wq.Query | None:
    tokens = analyze(analyzer, text)
    if not tokens:
        return wq.NullQuery
    return (
        wq.Term(field, tokens[0])
        if len(tokens) == 1
        else wq.And([wq.Term(field, t) for t in tokens])
    )


def quote_filter(c: Criteria) -> wq.Query | None:
    """The quote filters that need the index: words of speakers' names (aliases included)
    and of roles. Slugs and kinds are checked on per-document values instead."""
    clauses: list[wq.Query] = []
    for group in c.speaker_names:
        clauses.append(_any([_all_tokens("names", NAME_ANALYZER, n) for n in group]))
    for group in c.roles:
        clauses.append(_any([_all_tokens("role", TEXT_ANALYZER, r) for r in group]))
    return _and(clauses)


def allowed_sources(c: Criteria, names) -> set[str]:
    """Which of the indexed source ``names`` pass the source filters: a value matches a source
    by its whole name in any case, or by all its words ("source:vestnik")."""

    def matches(name: str, value: str) -> bool:
        if source_key(name) == source_key(value):
            return True
        wanted, words = analyze(NAME_ANALYZER, value), set(analyze(NAME_ANALYZER, name))
        return bool(wanted) and all(w in words for w in wanted)

    return {n for n in names if all(any(matches(n, v) for v in group) for group in c.sources)}


def _and(clauses: list[wq.Query | None]) -> wq.Query | None:
    clauses = [c for c in clauses if c is not None]
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else wq.And(clauses)
