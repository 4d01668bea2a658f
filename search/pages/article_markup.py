"""An article's text as HTML paragraphs with every quote and cue quietly marked in its
speaker's colour, and search terms highlighted. Pure Python: escape first, mark second, by
construction. The speaker is named once per paragraph (``speakers_by_paragraph``), beside
the text, rather than after every quote.

Spans may cross paragraphs (a quote running over several) and may overlap (a cue inside a
mixed quote); the text is cut at every boundary and each piece is escaped on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from search.quotes import paragraphs

PALETTE_SIZE = 8


@dataclass(frozen=True)
class QuoteSpan:
    quote_id: int
    start: int
    end: int
    cue_start: int | None
    cue_end: int | None
    speaker_name: str  # "" when unattributed
    speaker_url: str
    colour: int  # index into the palette, or -1 for unattributed
    attribution: str  # "the ambassador → Mikhail Bocharnikov, Russian ambassador to Azerbaijan"
    kind: str
    speaker_slug: str = ""
    faded: bool = False  # another speaker is picked in the legend: this quote steps back
    how: str = ""  # how the speaker was found: "by role", "set by an editor"


@dataclass(frozen=True)
class ParagraphSpeaker:
    name: str  # "" when unattributed
    url: str
    colour_class: str
    how: str = ""  # how the speaker of their first quote here was found


def speaker_colour(speaker_id: int | None) -> int:
    """One colour per person across the whole site, so a reader learns them."""
    return -1 if speaker_id is None else speaker_id % PALETTE_SIZE


def colour_class(colour: int) -> str:
    """The CSS class of a palette colour; -1 is unattributed."""
    return "speaker-none" if colour < 0 else f"speaker-{colour}"


def speaker_class(speaker_id: int | None) -> str:
    """The CSS class of a speaker's colour, wherever the site shows that speaker."""
    return colour_class(speaker_colour(speaker_id))


def attribution(mention: str, name: str, role: str, how: str = "") -> str:
    who = name or "unattributed"
    if role and name:
        who = f"{name}, {role}"
    if how and name:
        who = f"{who} ({how})"
    if mention and name and mention.casefold() != name.casefold():
        return f"{mention} → {who}"
    if mention and not name:
        return f"{mention} (unnamed source)"
    return who


def render(
    body: str, quotes: list[QuoteSpan], term_spans: list[tuple[int, int]], start: int = 0
) -> list[str]:
    """HTML for each paragraph of ``body`` from ``start`` on (past any header line)."""
    n = len(body)
    quotes = sorted(
        (q for q in quotes if 0 <= q.start < q.end <= n), key=lambda q: (q.start, -q.end)
    )
    # Which quote owns each boundary-to-boundary piece: the first one that covers it.
    cuts = {0, n}
    for q in quotes:
        cuts.update((q.start, q.end))
        if q.cue_start is not None and q.cue_end is not None and 0 <= q.cue_start < q.cue_end <= n:
            cuts.update((q.cue_start, q.cue_end))
    for s, e in term_spans:
        if 0 <= s < e <= n:
            cuts.update((s, e))
    paras = [(s, e) for s, e in paragraphs(body) if s >= start]
    for s, e in paras:
        cuts.update((s, e))
    points = sorted(cuts)
    terms = sorted((s, e) for s, e in term_spans if 0 <= s < e <= n)

    html_paragraphs = []
    opened: set[int] = set()
    for p_start, p_end in paras:
        out = []
        for a, b in zip(points, points[1:], strict=False):
            if a < p_start or b > p_end or a >= b:
                continue
            out.append(_piece(body, a, b, quotes, terms, opened))
        html_paragraphs.append("".join(out))
    return html_paragraphs


def _piece(body, a, b, quotes, terms, opened) -> str:
    text = escape(body[a:b])
    if any(s <= a and b <= e for s, e in terms):
        text = f"<mark>{text}</mark>"
    owner = next((q for q in quotes if q.start <= a and b <= q.end), None)
    cue_of = next(
        (
            q
            for q in quotes
            if q.cue_start is not None and q.cue_start <= a and b <= (q.cue_end or -1)
        ),
        None,
    )
    if cue_of is not None:
        text = (
            f'<span class="cue {colour_class(cue_of.colour)}" data-cue-for="{cue_of.quote_id}">'
            f"{text}</span>"
        )
    if owner is None:
        return text
    first = owner.quote_id not in opened
    opened.add(owner.quote_id)
    faded = " faded" if owner.faded else ""
    attrs = [
        f'class="quote {colour_class(owner.colour)} kind-{escape(owner.kind)}{faded}"',
        f'data-quote="{owner.quote_id}"',
        f'data-speaker="{escape(owner.speaker_name)}"',
        f'data-slug="{escape(owner.speaker_slug)}"',
        f'data-attribution="{escape(owner.attribution)}"',
    ]
    if first:
        # Focusable from a #quote-N link, but not a tab stop: the paragraph's margin note
        # already names the speaker for keyboard and screen reader users.
        attrs.insert(0, f'id="quote-{owner.quote_id}"')
        attrs.append('tabindex="-1"')
    return f"<span {' '.join(attrs)}>{text}</span>"


def speakers_by_paragraph(
    body: str, quotes: list[QuoteSpan], start: int = 0
) -> list[list[ParagraphSpeaker]]:
    """For each paragraph ``render`` returns, the speakers whose quotes begin in it, in order
    and each once, so colour is never the only sign of who speaks. A paragraph that goes on
    with the same speakers as the last one named is left unnamed: a name repeated beside
    every paragraph is noise."""
    n = len(body)
    quotes = sorted((q for q in quotes if 0 <= q.start < q.end <= n), key=lambda q: q.start)
    out: list[list[ParagraphSpeaker]] = []
    last: list[ParagraphSpeaker] = []
    for p_start, p_end in ((s, e) for s, e in paragraphs(body) if s >= start):
        seen: dict[str, ParagraphSpeaker] = {}
        for q in quotes:
            if p_start <= q.start < p_end:
                key = q.speaker_name or f"~{q.attribution}"
                seen.setdefault(
                    key,
                    ParagraphSpeaker(q.speaker_name, q.speaker_url, colour_class(q.colour), q.how),
                )
        named = list(seen.values())
        if named and named == last:
            named = []
        elif named:
            last = named
        out.append(named)
    return out
