"""What a PostgreSQL search returns besides its hits' text: totals and facets, the timeline
of who says it, and each page's rows, ranked or sorted by date."""

from __future__ import annotations

import json

from ..base import (
    ACTIVITY_SPEAKERS,
    UNDATED,
    Activity,
    FacetValue,
    PeriodCount,
    SpeakerActivity,
)
from .documents import ARTICLE, QUOTE, STORED_SQL

FACET_LIMIT = 30
# ts_rank weights for {D (unused), C names, B body, A title}; normalisation 1 divides by
# 1 + log(document length), so a short quote is not buried under long articles. ts_rank
# (term frequency, as BM25 starts from) rather than ts_rank_cd (cover density): on the
# Reuters corpus it ranked a common word's 15,000 matches 2-4x faster, and one- and
# two-word searches, most of them, have little proximity for cover density to reward.
RANK_WEIGHTS = "{0.1, 0.6, 0.8, 1.0}"
RANK_NORMALISATION = 1


# One pass over the result set, each row hashed once on the facets of its type (quotes: speaker,
# kind, speaker kind; articles: source, year), the sums by facet made in Python from the few
# combinations. GROUPING SETS hashed every row once per facet, six times: for "said" at 100k
# articles (77,390 matches) 575 ms against 417. (Separate aggregates over a CTE were sorted
# on the planner's guess of 0.5% of the rows, slower still.)
FACETS_SQL = f"""
SELECT d.doctype,
       CASE WHEN d.doctype = '{QUOTE}' THEN d.speaker_slug END,
       CASE WHEN d.doctype = '{QUOTE}' THEN d.kind END,
       CASE WHEN d.doctype = '{QUOTE}' THEN d.speaker_kind END,
       CASE WHEN d.doctype = '{ARTICLE}' THEN d.source END,
       CASE WHEN d.doctype = '{ARTICLE}' THEN EXTRACT(YEAR FROM d.published)::int END,
       max(d.speaker_name), count(*)
FROM search_pg_document d WHERE {{where}}
GROUP BY 1, 2, 3, 4, 5, 6
"""
# The same rows, each type apart, for the RUM index of each type (migration 0008): a word
# common in articles and rare in quotes counts its few quotes from the quotes' index ("said":
# 515 quotes, 1.7 ms, where the pass over both read the 77,000 articles' matches to keep the
# quotes), and a phrase or a word with weights is answered by RUM, which keeps positions and
# weights, without reading every match's vector back as GIN must (a phrase of "said": 110 ms
# to 80). Each type groups on its own columns only.
FACETS_BY_TYPE_SQL = f"""
SELECT '{QUOTE}', d.speaker_slug, d.kind, d.speaker_kind, NULL, NULL::int,
       max(d.speaker_name), count(*)
FROM search_pg_document d WHERE d.doctype = '{QUOTE}' AND {{where}}
GROUP BY 2, 3, 4
UNION ALL
SELECT '{ARTICLE}', NULL, NULL, NULL, d.source, EXTRACT(YEAR FROM d.published)::int, '',
       count(*)
FROM search_pg_document d WHERE d.doctype = '{ARTICLE}' AND {{where}}
GROUP BY 5, 6
"""


def facets(
    cursor, where: str, params: list, by_type: bool = False
) -> tuple[dict, dict[str, list[FacetValue]]]:
    """Totals by type and facet counts, aggregated over the whole result set at once
    (``by_type``: each type from its own index)."""
    if by_type:
        cursor.execute(FACETS_BY_TYPE_SQL.format(where=where), [*params, *params])
    else:
        cursor.execute(FACETS_SQL.format(where=where), params)
    totals: dict[str, int] = {}
    speakers, kinds, sources, years, speaker_kinds = {}, {}, {}, {}, {}
    names: dict[str, str] = {}
    undated = 0
    for doctype, slug, kind, speaker_kind, source, year, name, count in cursor.fetchall():
        totals[doctype] = totals.get(doctype, 0) + count
        if doctype == QUOTE:
            for counts, value in ((speakers, slug), (kinds, kind), (speaker_kinds, speaker_kind)):
                if value:
                    counts[value] = counts.get(value, 0) + count
            if slug and name and name > names.get(slug, ""):
                names[slug] = name
        elif doctype == ARTICLE:
            if source:
                sources[source] = sources.get(source, 0) + count
            if year is None:
                undated += count
            else:
                years[int(year)] = years.get(int(year), 0) + count

    def top(counts, limit, labels=None):
        items = [(v, (labels or {}).get(v) or v, n) for v, n in counts.items()]
        ordered = sorted(items, key=lambda v: (-v[2], v[0].casefold()))
        return [FacetValue(v, label, n) for v, label, n in ordered[:limit]]

    return totals, {
        "speaker": top(speakers, FACET_LIMIT, names),
        "source": top(sources, FACET_LIMIT),
        "year": [FacetValue(str(y), str(y), n) for y, n in sorted(years.items(), reverse=True)]
        + ([FacetValue(UNDATED, "Date unknown", undated)] if undated else []),
        "kind": top(kinds, None),
        "speaker_kind": top(speaker_kinds, None),
    }


# Matching quotes per speaker and month, in one aggregate over the result set (never a query
# per speaker); the undated fall in the NULL month.
ACTIVITY_SQL = """
SELECT d.speaker_slug, date_trunc('month', d.published)::date, min(d.published),
       max(d.published), count(*)
FROM search_pg_document d WHERE d.doctype = %s AND {where}
GROUP BY d.speaker_slug, date_trunc('month', d.published)
"""


def activity(cursor, where: str, params: list, speakers: list[FacetValue]) -> Activity:
    """The timeline and the top speakers (the speaker facet's first, with its counts)."""
    cursor.execute(ACTIVITY_SQL.format(where=where), [QUOTE, *params])
    months: dict = {}
    undated = 0
    per_speaker: dict[str, list] = {}
    for slug, month, first, last, count in cursor.fetchall():
        if month is None:
            undated += count
        else:
            months[month] = months.get(month, 0) + count
        per_speaker.setdefault(slug or "", []).append((month, first, last, count))
    rows = []
    for facet in speakers[:ACTIVITY_SPEAKERS]:
        dated = [r for r in per_speaker.get(facet.value, ()) if r[0] is not None]
        rows.append(
            SpeakerActivity(
                value=facet.value,
                label=facet.label,
                count=facet.count,
                first=min((r[1] for r in dated), default=None),
                last=max((r[2] for r in dated), default=None),
                months=tuple(PeriodCount(r[0], r[3]) for r in sorted(dated, key=lambda r: r[0])),
            )
        )
    return Activity(
        months=tuple(PeriodCount(m, n) for m, n in sorted(months.items())),
        undated=undated,
        speakers=tuple(rows),
    )


def ranked_page(
    cursor, doctype, where, params, words_query, sort, page, per_page, totals, rum=False
):
    """[(doc_id, score)] of one page of one type, ranked (from the type's RUM index if
    ``rum``) or sorted by date."""
    offset = (page - 1) * per_page
    order_params: list = []
    if offset >= totals.get(doctype, 0):
        return []
    if sort == "relevance" and rum:
        # RUM's distance orders from the index, so only the page's rows are read; a second
        # sort key (an id for ties) would make PostgreSQL read and sort every match instead
        score = "COALESCE(1.0 / NULLIF(d.vector <=> %s::tsquery, 0), 0)"
        order = "d.vector <=> %s::tsquery"
        select_params = [words_query]
        order_params = [words_query]
    elif sort == "relevance":
        score = f"ts_rank('{RANK_WEIGHTS}', d.vector, %s::tsquery, {RANK_NORMALISATION})"
        order = "score DESC, d.doc_id"
        select_params = [words_query]
    else:
        score, select_params = "0.0", []
        order = (
            "d.published DESC NULLS LAST, d.doc_id DESC"
            if sort == "newest"
            else "d.published ASC NULLS LAST, d.doc_id ASC"
        )
    cursor.execute(
        f"SELECT d.doc_id, {score} AS score FROM search_pg_document d "
        f"WHERE d.doctype = %s AND {where} ORDER BY {order} LIMIT %s OFFSET %s",
        [*select_params, doctype, *params, *order_params, per_page, offset],
    )
    return [(doc_id, float(score)) for doc_id, score in cursor.fetchall()]


def with_stored(cursor, pages: dict[str, list]) -> dict[str, list[tuple[dict, float]]]:
    """{doctype: [(stored fields, score)]} for pages of {doctype: [(doc_id, score)]}, in
    their order, the stored fields of both types read in one statement."""
    keys = [(doctype, doc_id) for doctype, rows in pages.items() for doc_id, _ in rows]
    stored = {}
    if keys:
        cursor.execute(STORED_SQL, [[k[0] for k in keys], [k[1] for k in keys]])
        stored = {(doctype, doc_id): _json(s) for doctype, doc_id, s in cursor.fetchall()}
    return {
        doctype: [
            (stored[doctype, doc_id], score)
            for doc_id, score in rows
            if (doctype, doc_id) in stored
        ]
        for doctype, rows in pages.items()
    }


def _json(value) -> dict:
    return json.loads(value) if isinstance(value, str | bytes) else value


def shown_texts(stored: dict) -> list[str]:
    return [stored.get(k) or "" for k in ("title", "body", "text")]
