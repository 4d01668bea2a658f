"""The search box language, parsed into plain values. No Django here, and nothing raises:
whatever people type, ``parse`` returns a query and says in ``warnings`` what it ignored.

    aliyev "bilateral relations" OR trade -oil negotiat* speaker:"Mikhail Bocharnikov"
    role:ambassador source:trend kind:direct from:2019 to:2020-06
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date

MAX_LENGTH = 500
KINDS = ("direct", "indirect", "mixed")
TEXT_FIELDS = ("speaker", "role", "source")
FIELDS = (*TEXT_FIELDS, "kind", "from", "to")
OR_HINT = "Ignored “OR”: it goes between two words, as in “aliyev OR putin”."


@dataclass(frozen=True)
class Word:
    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class AnyOf:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class AllOf:
    children: tuple[Node, ...]


Node = Word | Phrase | Not | AnyOf | AllOf


@dataclass(frozen=True)
class Query:
    raw: str  # the text that was searched: cleaned and shortened, as parsed
    root: Node | None  # None: no words (filters only, or empty)
    speakers: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    warnings: tuple[str, ...] = ()

    def terms(self) -> tuple[str, ...]:
        """The words to look for (not the excluded ones), for highlighting."""
        return tuple(dict.fromkeys(text for text, _prefix in positive_terms(self.root)))

    def replace_words(self, mapping: dict[str, str]) -> str:
        """The query text with searched words swapped, keeping everything else as typed,
        for "did you mean"."""
        text = self.raw
        for token in reversed(_tokens(text)):
            searched = token.kind in ("word", "phrase") or (
                token.kind == "field" and token.name not in FIELDS
            )
            if searched and not token.negated:
                start, end = token.span
                text = text[:start] + _replace_in(text[start:end], mapping) + text[end:]
        return text


def parse(text: str) -> Query:
    warnings: list[str] = []
    text = _clean(text, warnings)
    fields: dict[str, list[str]] = {name: [] for name in FIELDS}
    groups: list[list[Node]] = []  # runs of terms joined by OR, ANDed together
    pending_or = after_term = False
    for token in _tokens(text):
        node = None
        if token.kind == "or":
            if after_term:
                pending_or = True
            else:
                warnings.append(OR_HINT)
            continue
        if token.kind == "field":
            node = _field(token, fields, warnings)
        elif token.kind == "phrase":
            node = _phrase(token, warnings)
        else:
            node = _word(token, warnings)
        if node is None:
            if pending_or and token.kind == "field":
                warnings.append(OR_HINT)
                pending_or = False
            after_term = after_term and token.kind != "field"
            continue
        if token.negated:
            node = Not(node)
        if pending_or:
            groups[-1].append(node)
        else:
            groups.append([node])
        pending_or, after_term = False, True
    if pending_or:
        warnings.append(OR_HINT)

    children = [group[0] if len(group) == 1 else AnyOf(tuple(group)) for group in groups]
    root = None if not children else children[0] if len(children) == 1 else AllOf(tuple(children))
    if root is not None and not positive_terms(root):
        warnings.append(
            "A search needs at least one word to look for; showing everything without "
            "the excluded words."
        )
    date_from, date_to = _dates(fields, warnings)
    return Query(
        raw=text,
        root=root,
        speakers=tuple(fields["speaker"]),
        roles=tuple(fields["role"]),
        sources=tuple(fields["source"]),
        kinds=tuple(dict.fromkeys(fields["kind"])),
        date_from=date_from,
        date_to=date_to,
        warnings=tuple(dict.fromkeys(warnings)),
    )


# cleaning


def _clean(text: str, warnings: list[str]) -> str:
    """Strip what no one means to search for (control characters, invisible formatting),
    cap the length, and drop a quote mark that has no partner."""
    if not isinstance(text, str):
        text = str(text or "")
    text = unicodedata.normalize("NFC", text.replace("“", '"').replace("”", '"'))
    kept, dropped = [], False
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cc":
            if ch.isspace():
                kept.append(" ")
            else:
                dropped = True
        elif category in ("Cf", "Cs"):
            dropped = dropped or category == "Cs"
        else:
            kept.append(ch)
    if dropped:
        warnings.append("Removed control characters from the search.")
    text = " ".join("".join(kept).split())
    if len(text) > MAX_LENGTH:
        cut = text[:MAX_LENGTH]
        if not text[MAX_LENGTH].isspace() and " " in cut:
            cut = cut.rsplit(" ", 1)[0]
        text = cut.rstrip()
        warnings.append(f"The search was too long; searched only its first {len(text)} characters.")
    if text.count('"') % 2:
        last = text.rindex('"')
        text = " ".join((text[:last] + text[last + 1 :]).split())
        warnings.append(
            "Ignored a quote mark with no closing partner; searched the words after it."
        )
    return text


# tokens


@dataclass(frozen=True)
class _Token:
    kind: str  # word, phrase, field or or
    text: str  # the word, the phrase's inside, or the field's value
    span: tuple[int, int]  # where ``text`` is in the cleaned query
    negated: bool = False
    name: str = ""  # the field name, lowercase
    quoted: bool = False


_TOKEN = re.compile(
    r"""(?P<neg>-?)(?:
        (?P<name>[A-Za-z]+):(?:"(?P<qvalue>[^"]*)"|(?P<value>[^\s"]*))
      | "(?P<phrase>[^"]*)"
      | (?P<word>[^\s"]+)
    )""",
    re.VERBOSE,
)


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for m in _TOKEN.finditer(text):
        negated = bool(m["neg"])
        if m["name"] is not None:
            group = "qvalue" if m["qvalue"] is not None else "value"
            value = m[group]
            if m["name"].lower() not in FIELDS and (not value or value.startswith("/")):
                # "said:" or "http://x" in running text: just words.
                start = m.start("name")
                tokens.append(_Token("word", text[start : m.end()], (start, m.end()), negated))
                continue
            tokens.append(
                _Token("field", value, m.span(group), negated, m["name"].lower(), group == "qvalue")
            )
        elif m["phrase"] is not None:
            tokens.append(_Token("phrase", m["phrase"], m.span("phrase"), negated))
        elif m["word"] == "OR" and not negated:
            tokens.append(_Token("or", "OR", m.span("word")))
        else:
            tokens.append(_Token("word", m["word"], m.span("word"), negated))
    return tokens


@dataclass(frozen=True)
class FieldFilter:
    name: str  # speaker, role, source, kind, from or to
    value: str  # as typed, without quote marks
    without: str  # the query text with this filter taken out


def field_filters(text: str) -> list[FieldFilter]:
    """The filters typed into the query (``speaker:``, ``source:``, ``kind:``, ``from:``...),
    each with the query that is left once it is removed, so a page can show them as
    removable chips. Excluded ones (``-kind:direct``) are words to leave out, not filters."""
    text = _clean(text, [])
    out = []
    for m in _TOKEN.finditer(text):
        name = (m["name"] or "").lower()
        value = m["qvalue"] if m["qvalue"] is not None else m["value"]
        if name not in FIELDS or not value or not value.strip() or m["neg"]:
            continue
        without = " ".join((text[: m.start()] + " " + text[m.end() :]).split())
        out.append(FieldFilter(name, value.strip(), without))
    return out


_EDGES = re.compile(r"(\W*)(.*?)(\W*)", re.DOTALL)


def _trim(word: str) -> tuple[str, str]:
    """The word without punctuation at its edges ("(Reuters)," -> "Reuters"), and what
    followed it (to spot a trailing ``*``)."""
    m = _EDGES.fullmatch(word)
    return m[2], m[3]


def _word(token: _Token, warnings: list[str]) -> Node | None:
    text, tail = _trim(token.text)
    if text:
        return Word(text, prefix="*" in tail)
    if token.negated or token.text == "-":
        warnings.append("Ignored a “-” with no word after it; write it as in “-oil”.")
    elif "*" in token.text:
        warnings.append("Ignored a “*” on its own; put it after the start of a word: “negotiat*”.")
    return None


def _phrase(token: _Token, warnings: list[str]) -> Node | None:
    words = tuple(w for w in (_trim(w)[0] for w in token.text.split()) if w)
    if not words:
        warnings.append("Ignored empty quotes.")
        return None
    return Phrase(words)


def _replace_in(text: str, mapping: dict[str, str]) -> str:
    def swap(m: re.Match) -> str:
        lead, core, tail = _EDGES.fullmatch(m[0]).groups()
        return lead + mapping.get(core, core) + tail

    return re.sub(r"\S+", swap, text)


# fields


def _field(token: _Token, fields: dict[str, list[str]], warnings: list[str]) -> Node | None:
    """Record a known field; an unknown one searches its value as words."""
    name, value = token.name, " ".join(token.text.split())
    shown = f"{'-' if token.negated else ''}{name}:{_quoted(value, token.quoted)}"
    if name not in FIELDS:
        words = tuple(w for w in (_trim(w)[0] for w in value.split()) if w)
        if not words:
            warnings.append(f"Ignored unknown field “{name}:”.")
            return None
        warnings.append(
            f"Ignored unknown field “{name}:” — searched the "
            f"{'words' if len(words) > 1 else 'word'} “{' '.join(words)}”."
        )
        return (
            Phrase(words)
            if token.quoted
            else Word(words[0])
            if len(words) == 1
            else (AllOf(tuple(Word(w) for w in words)))
        )
    if not value:
        warnings.append(
            f"Ignored “{name}:” with nothing after it; write it as in {_EXAMPLE[name]}."
        )
    elif token.negated:
        warnings.append(f"Ignored “{shown}”: fields can't be excluded with “-”.")
    elif name == "kind" and value.lower() not in KINDS:
        warnings.append(f"Ignored “{shown}”: kind is direct, indirect or mixed.")
    else:
        fields[name].append(value.lower() if name == "kind" else value)
    return None


_EXAMPLE = {
    "speaker": "speaker:aliyev",
    "role": "role:ambassador",
    "source": "source:trend",
    "kind": "kind:direct",
    "from": "from:2019-03-01",
    "to": "to:2020",
}


def _quoted(value: str, quoted: bool) -> str:
    return f'"{value}"' if quoted else value


def _dates(fields: dict[str, list[str]], warnings: list[str]) -> tuple[date | None, date | None]:
    last: dict[str, str] = {}  # the last valid value of each; it wins
    for name in ("from", "to"):
        for value in fields[name]:
            if _date_bound(value, end=name == "to") is None:
                warnings.append(
                    f"Ignored “{name}:{value}”: write dates as 2019, 2019-03 or 2019-03-31."
                )
            else:
                last[name] = value
    low = _date_bound(last["from"], end=False) if "from" in last else None
    high = _date_bound(last["to"], end=True) if "to" in last else None
    if low and high and low > high:
        warnings.append("The “from:” date was after the “to:” date; swapped them.")
        low, high = _date_bound(last["to"], end=False), _date_bound(last["from"], end=True)
    return low, high


def _date_bound(value: str, *, end: bool) -> date | None:
    """The first (or, with ``end``, the last) day a year, month or day stands for."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value)
    if not m:
        return None
    year = int(m[1])
    month = int(m[2]) if m[2] else (12 if end else 1)
    try:
        if m[3]:
            return date(year, month, int(m[3]))
        return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    except (ValueError, calendar.IllegalMonthError):
        return None


# reading the tree


class Visitor:
    """The one walker over query trees: ``visit`` calls the method for the node's type.
    Subclasses (the backends' compilers, the helpers below) define what each node gives."""

    def visit(self, node: Node):
        match node:
            case Word():
                return self.word(node)
            case Phrase():
                return self.phrase(node)
            case Not():
                return self.not_(node)
            case AnyOf():
                return self.any_of(node)
            case AllOf():
                return self.all_of(node)
        raise TypeError(f"not a query node: {node!r}")

    def word(self, node: Word):
        raise NotImplementedError

    def phrase(self, node: Phrase):
        raise NotImplementedError

    def not_(self, node: Not):
        raise NotImplementedError

    def any_of(self, node: AnyOf):
        raise NotImplementedError

    def all_of(self, node: AllOf):
        raise NotImplementedError


class _PositiveTerms(Visitor):
    def word(self, node):
        return [(node.text, node.prefix)]

    def phrase(self, node):
        return [(w, False) for w in node.words]

    def not_(self, node):
        return []

    def any_of(self, node):
        return [t for child in node.children for t in self.visit(child)]

    all_of = any_of


def positive_terms(node: Node | None) -> list[tuple[str, bool]]:
    """(text, is_prefix) of every word to look for, not under a Not, in order."""
    return [] if node is None else _PositiveTerms().visit(node)


class _ReplaceWords(Visitor):
    def __init__(self, mapping: dict[str, str]):
        self.mapping = mapping

    def word(self, node):
        return replace(node, text=self.mapping.get(node.text, node.text))

    def phrase(self, node):
        return replace(node, words=tuple(self.mapping.get(w, w) for w in node.words))

    def not_(self, node):
        return replace(node, child=self.visit(node.child))

    def any_of(self, node):
        return replace(node, children=tuple(self.visit(c) for c in node.children))

    all_of = any_of


def replace_words(node: Node, mapping: dict[str, str]) -> Node:
    """The tree with words swapped (as for "did you mean"); excluded words too, as typed."""
    return _ReplaceWords(mapping).visit(node)
