"""What a story's text says about itself: header lines, headline, dateline, date, title and
outlet. Pure Python, so that ingestion and the article page read a story's top the same way
without importing each other.

A story may start with header lines (``date 2024-03-12 VIENNA``, ``Date:``, ``Published:``,
``Source:``, ``Title:``), then a headline (a short line with no closing full stop, followed
by a blank line or a dateline), then a line holding only a date, then the story proper,
which may open with a wire dateline (``VIENNA, March 12, 2024 (Reuters) -``).

Dates are taken as the outlet writes them: a calendar day, in the outlet's own time zone.
A month and day with no year take ``year`` when the caller knows it (a feed record, the
upload form); otherwise the date stays unknown, never this year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from search.text.outlets import OUTLETS, canonical

TITLE_MAX = 100  # a title made from the first sentence
HEADLINE_MAX = 150  # longer lines are paragraphs, not headlines
TITLE_FIELD_MAX = 300  # Article.title

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    # Russian-language outlets of the region write the month in the genitive.
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
_MONTH = (
    r"(?P<{g}>(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
    r"|(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря))"
)
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
DATE = (
    _WEEKDAY
    + r"(?:"
    + r"(?P<iy>\d{4})-(?P<im>[01]?\d)-(?P<id>[0-3]?\d)(?!\d)"  # 2024-03-12
    + r"|(?P<pd>[0-3]?\d)\.(?P<pm>[01]?\d)\.(?P<py>\d{4})(?!\d)"  # 12.03.2024, day first
    + r"|"
    + _DAY.format(g="dd")
    + r"\s+(?:of\s+)?"
    + _MONTH.format(g="dm")
    + r"(?:,?\s+(?P<dy>\d{4})(?:\s*(?:г\.|года))?)?(?!\d)"  # 12 March 2024
    + r"|"
    + _MONTH.format(g="md")
    + r"\s*"
    + _DAY.format(g="mdd")
    + r"(?:,?\s+(?P<my>\d{4}))?(?!\d)"  # March 12, 2024
    + r")"
)
DATE_RE = re.compile(DATE, re.I)
# What may follow a date on a line of its own: a time, a zone, a wire timestamp.
DATE_TAIL = re.compile(
    r"[\s,]*(?:(?:T|at\s+)?\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2}|\(?(?:GMT|UTC)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?\)?|[A-Z]{2,5})?"
    r"\s*\Z"
)

OWN_HEADER = re.compile(
    r"[ \t]*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})(?:[ \t]+(?P<dateline>[^\n]*?))?[ \t]*\Z"
)
FIELD = re.compile(
    r"[ \t]*(?P<key>date|published|source|title|headline|dateline)[ \t]*:[ \t]*"
    r"(?P<value>[^\n]*?)[ \t]*\Z",
    re.I,
)
_OUTLET = "|".join(re.escape(k) for k in sorted(OUTLETS, key=len, reverse=True))
_WIRE = rf"(?:\((?P<wire>(?i:{_OUTLET}))\)|/(?P<wire2>(?i:{_OUTLET}))/)"
_PLACE = (
    r"(?P<place>(?!" + _MONTH.format(g="x1") + r")[A-Z][A-Za-z.'’-]+(?:[ -][A-Z][A-Za-z.'’-]+){0,3}"
    r"(?:,\s*(?!" + _MONTH.format(g="x2") + r")[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,2})?)"
)
# ``VIENNA, March 12, 2024 (Reuters) - The story...`` and ``MOSCOW (AFP) - ...``
INLINE_DATELINE = re.compile(
    _PLACE + r"(?:,\s*(?P<date>" + DATE + r"))?\s*" + _WIRE + r"?\s*(?:[-–—]{1,2})\s+",
)
# ``BAKU, Azerbaijan, April 6`` on a line of its own
LINE_DATELINE = re.compile(
    _PLACE + r",\s*(?P<date>" + DATE + r")\s*" + _WIRE + r"?\s*(?:[-–—]{1,2})?\s*\Z"
)
SOURCE_PATTERNS = [
    re.compile(rf"\b(?P<o>{_OUTLET})\s+(?:reports|reported)\b", re.I),
    re.compile(rf"\bcorrespondent of (?P<o>{_OUTLET})\b", re.I),
    re.compile(rf"\((?P<o>{_OUTLET})\)", re.I),
    re.compile(rf"/(?P<o>{_OUTLET})/", re.I),
    re.compile(rf"\b(?P<o>{_OUTLET})\s+(?:said|says|quoted|cited)\b", re.I),
    re.compile(r"\b(?P<o>Reuters)\b"),
]
OPENING_QUOTES = "“«„"
CLOSING_QUOTES = "”»"
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "jr", "sr", "prof"}
ABBREVIATIONS |= {"no", "vs", "rep", "sen", "gov", "amb", "u.s", "u.n", "u.k", "e.u"}
ABBREVIATIONS |= {"sept", "sep", "oct", "nov", "dec", "jan", "feb", "aug"}


@dataclass(frozen=True)
class ParsedArticle:
    title: str
    published: dt.date | None
    dateline: str
    source: str
    headline: str = ""  # "" when the story has none


# --- dates -------------------------------------------------------------------------------


def _date_from(m: re.Match, year: int | None) -> dt.date | None:
    g = m.groupdict()
    if g["iy"]:
        y, mo, d = int(g["iy"]), int(g["im"]), int(g["id"])
    elif g["py"]:
        y, mo, d = int(g["py"]), int(g["pm"]), int(g["pd"])
    else:
        name, d, y = (g["dm"], g["dd"], g["dy"]) if g["dm"] else (g["md"], g["mdd"], g["my"])
        mo = _month(name)
        d = int(d)
        y = int(y) if y else year
    if y is None or mo is None:
        return None
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def _month(name: str) -> int | None:
    key = name.lower().rstrip(".")
    for prefix in (key[:3], key[:-1], key[:-2]):
        if prefix in MONTHS:
            return MONTHS[prefix]
    return None


def parse_date(value: str, *, year: int | None = None) -> dt.date | None:
    """A date written in any of the styles wires and outlets use, alone or followed by a
    time and zone (which are dropped: the day is the one the outlet states). A month and
    day with no year take ``year``; without it, and for anything else, the date is
    unknown (None)."""
    value = value.strip()
    m = DATE_RE.match(value)
    if not m or not DATE_TAIL.match(value, m.end()):
        return None
    return _date_from(m, year)


def _is_date_line(line: str) -> bool:
    m = DATE_RE.match(line.strip())
    return bool(m) and bool(DATE_TAIL.match(line.strip(), m.end()))


# --- layout ------------------------------------------------------------------------------


@dataclass
class _Layout:
    fields: dict  # header values: date, published, source, title, dateline
    own_date: str = ""  # from ``date YYYY-MM-DD``
    own_dateline: str = ""
    headline: str = ""
    date_line: str = ""  # a line holding only a date, under the headline
    story: int = 0  # where the story proper starts: after headers, headline and date line


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _header(line: str, layout: _Layout) -> bool:
    m = OWN_HEADER.match(line)
    if m:
        layout.own_date, layout.own_dateline = m["date"], m["dateline"] or ""
        return True
    m = FIELD.match(line)
    if m and m["value"]:
        layout.fields.setdefault(m["key"].lower(), m["value"])
        return True
    return False


def _dateline(line: str) -> re.Match | None:
    """A wire dateline opening ``line`` (inline, or the whole line), if it is plausible."""
    m = INLINE_DATELINE.match(line) or LINE_DATELINE.match(line.split("\n", 1)[0])
    return m if m and _plausible_place(m) else None


def _is_headline(line: str, following: str | None) -> bool:
    line = line.strip()
    if not line or following is None or len(line) > HEADLINE_MAX or len(line.split()) > 25:
        return False
    if line.rstrip("”\"'’»)]").endswith((".", ",", ";", ":")):
        return False
    if _dateline(line) or _is_date_line(line):
        return False
    following = following.strip()
    return (
        not following
        or bool(_dateline(following))
        or _is_date_line(following)
        or bool(FIELD.match(following))
    )


def _layout(text: str) -> _Layout:
    layout = _Layout(fields={})
    lines = _lines(text)
    n = len(lines)

    def skip_blank(i: int) -> int:
        while i < n and not lines[i][1].strip():
            i += 1
        return i

    def top_lines(i: int) -> int:
        """Header lines and a date line, in any order, with blank lines between."""
        i = skip_blank(i)
        while i < n:
            line = lines[i][1]
            if not layout.date_line and _is_date_line(line):
                layout.date_line = line.strip()
            elif not _header(line, layout):
                break
            i = skip_blank(i + 1)
        return i

    i = top_lines(0)
    if i < n and _is_headline(lines[i][1], lines[i + 1][1] if i + 1 < n else None):
        layout.headline = " ".join(lines[i][1].split())
        i = top_lines(i + 1)
    layout.story = lines[i][0] if i < n else len(text)
    return layout


def story_start(text: str) -> int:
    """Where the story a reader sees begins: after header lines, the headline (shown as the
    title) and the date line under it."""
    return _layout(text).story


# --- the whole reading -------------------------------------------------------------------


def parse(text: str, *, year: int | None = None) -> ParsedArticle:
    """Read title, date, dateline and outlet from ``text`` (newlines already ``\\n``)."""
    layout = _layout(text)
    story = text[layout.story :]
    fields = layout.fields

    dateline, published = "", None
    if layout.own_date:
        published = _iso(layout.own_date)
        dateline = _place(layout.own_dateline)
    for key in ("date", "published"):
        if published is None and key in fields:
            published = parse_date(fields[key], year=year)
    if published is None and layout.date_line:
        published = parse_date(layout.date_line, year=year)

    first_line = story.split("\n", 1)[0]
    found = _dateline(story)
    wire = found if found and found.re is INLINE_DATELINE else None
    own_line = found if found and not wire else None
    if found:
        dateline = dateline or _place(found["place"])
        if published is None and found["date"]:
            published = parse_date(found["date"], year=year)
    if "dateline" in fields and not dateline:
        dateline = _place(fields["dateline"])
    proper = story[wire.end() :] if wire else story[len(first_line) :] if own_line else story

    source = ""
    if "source" in fields:
        source = canonical(fields["source"])
    elif found and (found["wire"] or found["wire2"]):
        source = canonical(found["wire"] or found["wire2"])
    else:
        source = detect_source(story)

    title = fields.get("title") or fields.get("headline") or layout.headline
    title = _clip(" ".join(title.split()), TITLE_FIELD_MAX) if title else title_from(proper)
    return ParsedArticle(
        title=title,
        published=published,
        dateline=dateline[:200],
        source=source[:200],
        headline=layout.headline,
    )


def _iso(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _place(text: str) -> str:
    """The place of a dateline, without its date and wire: ``BAKU, Azerbaijan``."""
    text = " ".join(text.split())
    m = LINE_DATELINE.match(text) or INLINE_DATELINE.match(text + " - ")
    if m:
        return m["place"].strip(" ,")
    return text.strip(" ,-–—")


def _plausible_place(m: re.Match) -> bool:
    """An all-caps place is a dateline on its own; a capitalised one (``Vienna``) only with
    a date or a wire, or "President Aliyev - who" would be one."""
    place = m["place"].split(",")[0]
    return place.isupper() or bool(m["date"] or m["wire"] or m["wire2"])


def detect_source(story: str) -> str:
    head = story[:4000]
    for pattern in SOURCE_PATTERNS:
        m = pattern.search(head)
        if m:
            return canonical(m["o"])
    return ""


# --- titles ------------------------------------------------------------------------------


def title_from(story: str) -> str:
    """A title from the first sentence of the story proper, shortened at a word boundary
    outside any quotation (a title never starts or stops inside someone's words)."""
    paragraph = next((p for p in story.split("\n") if p.strip()), "")
    text = " ".join(paragraph.split())
    if not text:
        return "Untitled article"
    inside = _inside_quotes(text)
    end = _sentence_end(text, inside)
    sentence = text[:end].rstrip()
    if sentence.endswith(".") and not sentence.endswith(".."):
        sentence = sentence[:-1]
    if len(sentence) <= TITLE_MAX:
        return sentence
    limit = TITLE_MAX - 1
    cuts = [i for i in range(limit, 0, -1) if sentence[i] == " " and not inside[i]]
    if cuts and cuts[0] > TITLE_MAX // 2:
        return sentence[: cuts[0]].rstrip(" ,;:—–-") + "…"
    # The sentence opens with a long quotation: keep its marks paired.
    cut = sentence.rfind(" ", 0, limit - 1)
    cut = cut if cut > TITLE_MAX // 2 else limit - 1
    return sentence[:cut].rstrip(" ,;:") + "…" + _closing(sentence[:cut])


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "…"


def _inside_quotes(text: str) -> list[bool]:
    """For each character, whether it lies inside a quotation (marks included)."""
    inside, depth, straight = [], 0, False
    for ch in text:
        if ch in OPENING_QUOTES:
            depth += 1
            inside.append(True)
        elif ch in CLOSING_QUOTES:
            inside.append(True)
            depth = max(0, depth - 1)
        elif ch == '"':
            straight = not straight
            inside.append(True)
        else:
            inside.append(depth > 0 or straight)
    return inside


def _sentence_end(text: str, inside: list[bool]) -> int:
    """Offset just after the first sentence: a full stop, question or exclamation mark
    outside quotes (or closing one) followed by a capital, a quote or the end."""
    n = len(text)
    for i, ch in enumerate(text):
        if ch not in ".!?":
            continue
        j = i + 1
        while j < n and text[j] in CLOSING_QUOTES + '"’)':
            j += 1
        closes_quote = j > i + 1
        if inside[i] and not closes_quote:
            continue
        if j < n and not (text[j] == " " and j + 1 < n and _starts_sentence(text[j + 1])):
            continue
        if ch == "." and _abbreviation(text, i):
            continue
        return j
    return n


def _starts_sentence(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in OPENING_QUOTES + '"'


def _abbreviation(text: str, i: int) -> bool:
    word = text[:i].rsplit(" ", 1)[-1].lstrip("(" + OPENING_QUOTES + '"')
    return (len(word) == 1 and word.isupper()) or word.lower() in ABBREVIATIONS


def _closing(text: str) -> str:
    """The marks that close the quotations left open at the end of ``text``."""
    opened = [ch for ch in text if ch in OPENING_QUOTES]
    closed = sum(1 for ch in text if ch in CLOSING_QUOTES)
    pairs = {"“": "”", "«": "»", "„": "“"}
    marks = "".join(pairs[ch] for ch in reversed(opened[closed:]))
    return marks + ('"' if text.count('"') % 2 else "")
