"""Turning a parsed ``search.query.Query`` into one PostgreSQL ``tsquery``, and the sidebar
and query-string filters into SQL conditions.

Every document has one ``tsvector`` whose weights tell its parts apart (see ``documents``):
A title and B body (English, stemmed, accents folded), C speaker names ('simple': folded,
never stemmed). A word matches its stem or its folded form anywhere (``'stem' | 'name'``):
without weights the GIN index answers exactly, with no recheck of every matching row. A
phrase is kept within one part (``'red':A <-> 'tape':A | 'red':B <-> …``). The words are
analysed by PostgreSQL itself (``phraseto_tsquery``) in one round trip, and the tsquery text
is assembled from its output, never from what people typed.

Nodes are recognised by class name, so this module does not import the parser.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..base import Filters
from .documents import STOP_WORD_MARK, plain

MAX_PREFIX_EXPANSION = 64
TEXT_PARTS = ("A", "B")  # title, body
NAMES = "C"
_LEXEME = re.compile(r"'((?:[^'\\]|''|\\.)*)'(:\*)?")


@dataclass(frozen=True)
class Criteria:
    """Query-string filters and sidebar filters merged: values within one group are
    alternatives; groups (and query vs. sidebar) must all hold."""

    speaker_slugs: tuple[str, ...] = ()
    speaker_names: tuple[tuple[str, ...], ...] = ()
    roles: tuple[tuple[str, ...], ...] = ()
    sources: tuple[tuple[str, ...], ...] = ()
    kinds: tuple[tuple[str, ...], ...] = ()
    speaker_kinds: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    undated: bool = False  # the "date unknown" year bucket, alone or beside ``years``
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


def criteria(query, filters: Filters) -> Criteria:
    def groups(*candidates):
        return tuple(tuple(c) for c in candidates if c)

    froms = [d for d in (getattr(query, "date_from", None), filters.date_from) if d]
    tos = [d for d in (getattr(query, "date_to", None), filters.date_to) if d]
    return Criteria(
        speaker_slugs=tuple(filters.speakers),
        speaker_names=groups(getattr(query, "speakers", ()), filters.speaker_names),
        roles=groups(getattr(query, "roles", ()), filters.roles),
        sources=groups(getattr(query, "sources", ()), filters.sources),
        kinds=groups(getattr(query, "kinds", ()), filters.kinds),
        speaker_kinds=tuple(k.strip().lower() for k in filters.speaker_kinds),
        years=tuple(int(y) for y in filters.years),
        undated=bool(filters.undated),
        date_from=max(froms) if froms else None,
        date_to=min(tos) if tos else None,
    )


# analysis, by the database


@dataclass(frozen=True)
class Analysed:
    """PostgreSQL's own reading of a piece of text, as tsquery text: English stems and
    folded names, each a phrase (``'presid' <2> 'russia'``), empty when nothing is left."""

    english: str
    simple: str
    english_all: str  # the same words ANDed (``'presid' & 'russia'``), for roles
    simple_all: str


ANALYSE_SQL = """
SELECT t,
       phraseto_tsquery('english', unaccent(t))::text,
       phraseto_tsquery('simple', unaccent(t))::text,
       plainto_tsquery('english', unaccent(t))::text,
       plainto_tsquery('simple', unaccent(t))::text
FROM unnest(%s::text[]) WITH ORDINALITY AS u(t, n)
ORDER BY n
"""

EXPAND_SQL = """
SELECT DISTINCT lexeme
FROM (SELECT word FROM search_pg_word WHERE word LIKE %s ORDER BY word LIMIT %s) AS w,
     unnest(to_tsvector('english', w.word)) AS v
"""


def analyse(cursor, texts) -> dict[str, Analysed]:
    texts = sorted({t for t in texts if t})
    if not texts:
        return {}
    cursor.execute(ANALYSE_SQL, [[plain(t) for t in texts]])
    return dict(zip(texts, (Analysed(*row[1:]) for row in cursor.fetchall()), strict=True))


def texts_of(node) -> list[str]:
    """Every text the tree needs analysed (excluded words included: they must compile)."""
    if node is None:
        return []
    kind = type(node).__name__
    if kind == "Word":
        return [node.text]
    if kind == "Phrase":
        return [" ".join(node.words)]
    if kind == "Not":
        return texts_of(node.child)
    return [t for child in node.children for t in texts_of(child)]


def lexemes(tsquery: str) -> list[str]:
    """The lexemes of a tsquery text, in order, unquoted."""
    return [re.sub(r"''|\\(.)", _unescape, m.group(1)) for m in _LEXEME.finditer(tsquery)]


def _unescape(m: re.Match) -> str:
    return m.group(1) if m.group(1) is not None else "'"


def quoted(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def weighted(tsquery: str, weights: str) -> str:
    """``tsquery`` with every lexeme restricted to these weights (``'x'`` -> ``'x':AB``)."""
    return _LEXEME.sub(lambda m: m.group() + ("" if m.group(2) else ":") + weights, tsquery)


# the words


class Compiler:
    """Compiles one query tree against the analysis of its texts. ``cursor`` is used only
    to expand prefixes over the indexed vocabulary."""

    def __init__(self, cursor, analysed: dict[str, Analysed]):
        self.cursor = cursor
        self.analysed = analysed

    def compile(self, node) -> str | None:
        """The tsquery text for an AST node, or None when it has no searchable words."""
        kind = type(node).__name__
        if kind == "Word":
            return self._prefix(node.text) if node.prefix else self._phrase(node.text)
        if kind == "Phrase":
            return self._phrase(" ".join(node.words))
        if kind == "Not":
            child = self.compile(node.child)
            return f"!( {child} )" if child is not None else None
        if kind in ("AnyOf", "AllOf"):
            children = [c for c in (self.compile(n) for n in node.children) if c is not None]
            if not children:
                return None
            if len(children) == 1:
                return children[0]
            joiner = " | " if kind == "AnyOf" else " & "
            return joiner.join(f"( {c} )" for c in children)
        raise TypeError(f"unknown query node {node!r}")

    def _phrase(self, text: str) -> str | None:
        found = self.analysed.get(text)
        if found is None:
            return None
        english, simple = lexemes(found.english), lexemes(found.simple)
        if not english:  # only stop words ("the"): ignored, as PostgreSQL's own parsers do,
            return None  # rather than required of a speaker's name
        if len(english) <= 1 and len(simple) <= 1:  # one word: any part, no weights
            options = [quoted(w) for w in dict.fromkeys(english + simple)]
            return " | ".join(options) if options else None
        parts = []
        if english:  # a phrase stays within the title or within the body
            parts.extend(f"( {weighted(found.english, w)} )" for w in TEXT_PARTS)
        if simple:
            parts.append(f"( {weighted(found.simple, NAMES)} )")
        return " | ".join(parts) if parts else None

    def _prefix(self, text: str) -> str | None:
        """Stems would hide prefixes ("negotiat*" against the stem "negoti"), so the prefix
        is looked up in the unstemmed vocabulary and those words' stems are searched too;
        the stop words it begins, which have no stem, are matched by their marked form."""
        found = self.analysed.get(text)
        folded = lexemes(found.simple) if found and found.simple else []
        if not folded:
            return None
        prefix = folded[-1]
        like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        self.cursor.execute(EXPAND_SQL, [like, MAX_PREFIX_EXPANSION])
        stems = sorted(row[0] for row in self.cursor.fetchall())
        starts = [f"{quoted(prefix)}:*", f"{quoted(STOP_WORD_MARK + prefix)}:*"]
        return " | ".join([quoted(s) for s in stems] + starts)


def names_nothing(root, words_query: str | None) -> bool:
    """Whether a query searched words that all analysed away ("'s", "the"): it names no
    indexed word, so it finds nothing, as on Whoosh, rather than everything. Words that only
    exclude ("-the") exclude nothing, so those still list everything."""
    return root is not None and words_query is None and bool(positive_terms(root))


def positive_terms(node) -> list[tuple[str, bool]]:
    """(text, is_prefix) for every word not under a Not, for highlighting."""
    if node is None:
        return []
    kind = type(node).__name__
    if kind == "Word":
        return [(node.text, node.prefix)]
    if kind == "Phrase":
        return [(w, False) for w in node.words]
    if kind == "Not":
        return []
    return [t for child in node.children for t in positive_terms(child)]


# filters


NOTHING = "FALSE"


def filter_texts(c: Criteria) -> list[str]:
    return [v for groups in (c.speaker_names, c.roles) for group in groups for v in group]


def quote_conditions(c: Criteria, analysed: dict[str, Analysed], alias: str) -> tuple[str, list]:
    """SQL (with params) that a quote row ``alias`` must pass: speaker slugs, kinds, all
    words of a speaker's name (aliases included: the C part) or of a role."""
    sql, params = [f"{alias}.doctype = 'q'"], []
    if c.speaker_slugs:
        sql.append(f"{alias}.speaker_slug = ANY(%s)")
        params.append(list(c.speaker_slugs))
    for group in c.kinds:
        sql.append(f"{alias}.kind = ANY(%s)")
        params.append([k.strip().lower() for k in group])
    if c.speaker_kinds:
        sql.append(f"{alias}.speaker_kind = ANY(%s)")
        params.append(list(c.speaker_kinds))
    for groups, column, field, weight in (
        (c.speaker_names, "vector", "simple_all", NAMES),
        (c.roles, "role_vector", "english_all", ""),
    ):
        for group in groups:
            options = []
            for value in group:
                found = analysed.get(value)
                text = getattr(found, field) if found else ""
                if text:
                    options.append(f"( {weighted(text, weight) if weight else text} )")
            if not options:
                sql.append(NOTHING)
            else:
                sql.append(f"{alias}.{column} @@ %s::tsquery")
                params.append(" | ".join(options))
    return " AND ".join(sql), params


def source_condition(c: Criteria, alias: str) -> tuple[str, list]:
    """A source matches a value by its whole name in any case, or by all its words
    ("source:vestnik"); each group must match. The few distinct sources are matched once."""
    sql, params = [], []
    for group in c.sources:
        sql.append(
            f"{alias}.source IN (SELECT s.source FROM (SELECT DISTINCT source FROM "
            "search_pg_document) AS s, unnest(%s::text[]) AS v WHERE lower(s.source) = "
            "lower(v) OR (numnode(plainto_tsquery('simple', unaccent(v))) > 0 AND "
            "to_tsvector('simple', unaccent(s.source)) @@ plainto_tsquery('simple', "
            "unaccent(v))))"
        )
        params.append([" ".join(v.split()) for v in group])
    return " AND ".join(sql), params


def date_condition(c: Criteria, alias: str) -> tuple[str, list]:
    """A date range never keeps an unknown date (NULL fails its comparisons); the years
    keep one only beside the "date unknown" bucket, which alone keeps only those."""
    sql, params = [], []
    if c.date_from:
        sql.append(f"{alias}.published >= %s")
        params.append(c.date_from)
    if c.date_to:
        sql.append(f"{alias}.published <= %s")
        params.append(c.date_to)
    year = f"EXTRACT(YEAR FROM {alias}.published)::int = ANY(%s)"
    if c.years and c.undated:
        sql.append(f"({year} OR {alias}.published IS NULL)")
        params.append(list(c.years))
    elif c.years:
        sql.append(year)
        params.append(list(c.years))
    elif c.undated:
        sql.append(f"{alias}.published IS NULL")
    return " AND ".join(sql), params


def conditions(
    words_query: str | None, crit: Criteria, analysed, nothing: bool = False
) -> tuple[str, list]:
    """The conditions every matching row ``d`` meets, with their parameters; none does
    when ``nothing`` (the words searched all analysed away)."""
    sql, params = [NOTHING] if nothing else [], []
    if words_query is not None:
        sql.append("d.vector @@ %s::tsquery")
        params.append(words_query)
    for part, part_params in (source_condition(crit, "d"), date_condition(crit, "d")):
        if part:
            sql.append(part)
            params.extend(part_params)
    if crit.concerns_quotes:
        # Quotes must pass the quote filters; articles must hold a quote that does. Both are
        # looked up by primary key from the (usually few) passing quotes.
        passing, passing_params = quote_conditions(crit, analysed, "x")
        sql.append(
            "(d.doctype, d.doc_id) IN (SELECT p.doctype, p.doc_id FROM (SELECT x.doc_id, "
            f"x.article_id FROM search_pg_document x WHERE {passing}) AS q, LATERAL "
            "(VALUES ('q'::char(1), q.doc_id), ('a'::char(1), q.article_id)) AS p(doctype, doc_id))"
        )
        params.extend(passing_params)
    return " AND ".join(sql) or "TRUE", params
