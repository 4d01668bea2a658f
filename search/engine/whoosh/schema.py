"""What goes into the Whoosh index: analyzers, the schema, and document dicts turned into fields.

Articles and quotes share one index (a ``doctype`` field tells them apart): one searcher, one
writer lock and one atomic swap cover both, and a quote and its article are ranked on the same
statistics. Everything a hit shows is stored, so results never touch the database.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading

from whoosh import fields
from whoosh.analysis import (
    CharsetFilter,
    CompositeAnalyzer,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    Token,
)
from whoosh.columns import VarBytesColumn
from whoosh.lang import porter2
from whoosh.support.charset import accent_map

from ..highlight import WORD_PATTERN  # one tokenisation for the index and the highlights

ARTICLE, QUOTE = "article", "quote"

SEP = "\x1f"


class PossessiveFilter(Filter):
    """Drops a trailing ``'s`` so "Aliyev's" is indexed and searched as "aliyev"."""

    def __call__(self, tokens):
        for t in tokens:
            text = t.text.replace("’", "'")
            if text.endswith("'s"):
                text = text[:-2]
            t.text = text
            if text:
                yield t


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """porter2 ("cutting" -> "cut"; Whoosh's default porter gives "cutt"), cached with the
    standard library's thread-safe LRU rather than StemFilter's own cache, whose eviction
    is not safe when searches and index writes analyse text in different threads."""
    return porter2.stem(word)


class AnalysedOnce(CompositeAnalyzer):
    """An analyzer that remembers the words of the last text it indexed. A body is indexed
    three times (``body``, its unstemmed ``spell_body`` and ``body_phrase``) and a title twice,
    each a call with the same string: the chain runs once, the other calls replay its words
    (the same texts and positions). Only indexing with positions and boosts is replayed;
    queries and anything asking for more run the chain as usual."""

    REPLAYED = frozenset({"mode", "positions", "boosts"})

    def __init__(self, *composables) -> None:
        super().__init__(*composables)
        self._last = threading.local()  # the on-commit writer and a rebuild may share it

    def __getstate__(self) -> dict:  # the schema is pickled into every commit's TOC
        return {k: v for k, v in self.__dict__.items() if k != "_last"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._last = threading.local()

    def __call__(self, value, no_morph=False, **kwargs):
        if not self.replays(value, kwargs):
            return super().__call__(value, no_morph=no_morph, **kwargs)
        return self._replay(self._words(value), 1 if no_morph else 2, kwargs.get("positions"))

    def replays(self, value, kwargs: dict) -> bool:
        """Whether a call with ``value`` and ``kwargs`` is answered by replaying words."""
        return (
            kwargs.get("mode", "index") == "index"
            and isinstance(value, str)
            and self.REPLAYED.issuperset(kwargs)
        )

    def _words(self, value: str) -> list[tuple[int, str, str]]:
        """(position, word, its morphed form) for each token of ``value``."""
        last = self._last
        if getattr(last, "text", None) is value or getattr(last, "text", None) == value:
            return last.words
        morphed: dict[str, str] = {}
        words = []
        for t in super().__call__(value, True, positions=True, mode="index"):
            word = t.text
            form = morphed.get(word)
            if form is None:
                form = morphed[word] = self._morphed(word)
            words.append((t.pos, word, form))
        last.text, last.words = value, words
        return words

    def _morphed(self, word: str) -> str:
        """``word`` through the morphological filters (the stemmer), which end the chain."""
        for item in self.items[1:]:
            if isinstance(item, StemFilter):  # its own __call__, without a token per word
                word = word if word in item.ignore else item._stem(word)
            elif getattr(item, "is_morph", False):
                word = next(item(iter([Token(text=word)]))).text
        return word

    @staticmethod
    def _replay(words, which: int, positions: bool):
        token = Token(positions=positions, mode="index")
        for word in words:
            token.text = word[which]
            token.pos = word[0]
            token.boost = 1.0
            yield token


def text_analyzer():
    """English prose: folded, possessive dropped, porter2-stemmed ("cutting" -> "cut"). No stop
    list, so phrases keep their small words and match exactly."""
    return AnalysedOnce(
        RegexTokenizer(WORD_PATTERN)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | PossessiveFilter()
        | StemFilter(stemfn=stem, cachesize=None)
    )


def name_analyzer():
    """Names: case and accents folded, possessive dropped, never stemmed."""
    return (
        RegexTokenizer(WORD_PATTERN)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | PossessiveFilter()
    )


# Analysed words in over a third of the documents (Reuters: "the" in three in four, "it" in
# one in two). A phrase holding one reads their positions, the largest postings of all,
# unless the pair is indexed as one term (Lucene's CommonGramsFilter does the same). Changing
# this list needs a rebuild: an index answers for the pairs it was built with.
COMMON_WORDS = frozenset(("the", "of", "to", "and", "in", "a", "said", "it"))
GRAM_SEP = " "  # never inside a word: the tokenizer splits on it


class CommonGramsFilter(Filter):
    """Each pair of adjacent words of which one is common, as one token ("said it") at the
    first word's position; every other word is left out (the phrase field has them)."""

    def __init__(self, common=COMMON_WORDS):
        self.common = frozenset(common)

    def __call__(self, tokens):
        common = self.common
        before, at = None, -2
        for t in tokens:
            text, pos = t.text, t.pos
            if pos == at + 1 and (text in common or before in common):
                t.text, t.pos = before + GRAM_SEP + text, at
                yield t
            before, at = text, pos


def gram(first: str, second: str) -> str:
    return first + GRAM_SEP + second


class GramsOnce(CompositeAnalyzer):
    """``base``'s chain, then ``grams`` (which reads positions). Indexing a body's pairs
    replays the words ``base`` found for the body field just before (``AnalysedOnce``)
    instead of running the whole chain again; queries run the chain."""

    def __init__(self, base: AnalysedOnce, grams: Filter) -> None:
        super().__init__(base, grams)
        self.base, self.grams = base, grams

    def __call__(self, value, no_morph=False, **kwargs):
        if not (kwargs.get("positions") and self.base.replays(value, kwargs)):
            return super().__call__(value, no_morph=no_morph, **kwargs)
        return self.grams(self.base(value, no_morph=no_morph, **kwargs))


TEXT_ANALYZER = text_analyzer()
NAME_ANALYZER = name_analyzer()
GRAM_ANALYZER = GramsOnce(TEXT_ANALYZER, CommonGramsFilter())


def make_schema() -> fields.Schema:
    return fields.Schema(
        uid=fields.ID(unique=True, stored=True),  # "a12" / "q345"
        doctype=fields.ID,
        article=fields.ID,  # the article id, on the article and on each of its quotes
        title=fields.TEXT(analyzer=TEXT_ANALYZER, field_boost=1.5, spelling=True),
        # Article body or quote text, twice: without positions for matching and ranking (a
        # common word's postings read 4x faster without them), with positions for phrases.
        body=fields.TEXT(analyzer=TEXT_ANALYZER, phrase=False, spelling=True),
        body_phrase=fields.TEXT(analyzer=TEXT_ANALYZER),
        body_grams=fields.TEXT(analyzer=GRAM_ANALYZER),  # pairs with a common word, for phrases
        names=fields.TEXT(analyzer=NAME_ANALYZER),  # speaker names and aliases
        role=fields.TEXT(analyzer=TEXT_ANALYZER),
        meta=fields.COLUMN(VarBytesColumn()),  # see Meta: read per segment for filters/facets
        doc=fields.STORED,  # everything a hit shows
    )


def date_key(value: dt.date | None) -> int:
    return value.toordinal() if value else 0


def source_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _meta(
    doctype: str,
    doc_id: int,
    article_id: int,
    doc: dict,
    slug: str,
    kind: str,
    name: str,
    speaker_kind: str = "",
) -> bytes:
    parts = (
        "q" if doctype == QUOTE else "a",
        str(doc_id),
        str(article_id),
        str(date_key(doc.get("published"))),
        slug,
        kind,
        doc.get("source") or "",
        str(doc.get("version", "")),
        name,
        str(len((doc.get("title") or "").split())),  # lengths for BM25F, see evaluate.py
        str(len((doc.get("body") or doc.get("text") or "").split())),
        speaker_kind,  # documents indexed before it was kept read it as ""
        "1",  # in body_grams; documents indexed before it was (read as "") are not
    )
    return SEP.join(p.replace(SEP, " ") for p in parts).encode("utf-8")


def article_fields(doc: dict) -> dict:
    speakers = list(doc.get("speakers") or ())
    slugs = list(doc.get("speaker_slugs") or ())
    source = doc.get("source") or ""
    stored = {
        "id": int(doc["id"]),
        "title": doc.get("title") or "",
        "body": doc.get("body") or "",
        "published": doc.get("published"),
        "dateline": doc.get("dateline") or "",
        "source": source,
        "speakers": list(zip(speakers, slugs + [""] * (len(speakers) - len(slugs)), strict=False)),
    }
    return _without_empty(
        uid=f"a{doc['id']}",
        doctype=ARTICLE,
        article=str(doc["id"]),
        title=stored["title"],
        body=stored["body"],
        body_phrase=stored["body"],
        body_grams=stored["body"],
        names="\n".join(speakers),
        meta=_meta(ARTICLE, doc["id"], doc["id"], doc, "", "", ""),
        doc=stored,
    )


QUOTE_TEXT_KEYS = (
    "text", "speaker_name", "speaker_slug", "role", "cue", "mention", "article_title", "source",
    "speaker_kind", "attribution",
)  # fmt: skip


def quote_fields(doc: dict) -> dict:
    names = [doc.get("speaker_name") or "", *(doc.get("speaker_aliases") or ())]
    kind = (doc.get("kind") or "").lower()
    slug = doc.get("speaker_slug") or ""
    stored = {key: doc.get(key) or "" for key in QUOTE_TEXT_KEYS}
    stored.update(
        id=int(doc["id"]),
        kind=kind,
        speaker_id=doc.get("speaker_id"),
        article_id=int(doc["article_id"]),
        published=doc.get("published"),
    )
    return _without_empty(
        uid=f"q{doc['id']}",
        doctype=QUOTE,
        article=str(doc["article_id"]),
        body=doc.get("text") or "",
        body_phrase=doc.get("text") or "",
        body_grams=doc.get("text") or "",
        names="\n".join(n for n in names if n),
        role=doc.get("role") or "",
        meta=_meta(
            QUOTE, doc["id"], doc["article_id"], doc, slug, kind, names[0], stored["speaker_kind"]
        ),
        doc=stored,
    )


def _without_empty(**values) -> dict:
    return {k: v for k, v in values.items() if v not in ("", None)}


# The order of the values in ``meta`` (see ``_meta``) and how each is read back.
META_FIELDS = (
    ("is_quote", "flag"), ("ids", "int"), ("article_ids", "int"), ("dates", "int"),
    ("slugs", "str"), ("kinds", "str"), ("sources", "str"), ("versions", "str"),
    ("names", "str"), ("title_lengths", "int"), ("body_lengths", "int"),
    ("speaker_kinds", "str"), ("in_grams", "yes"),
)  # fmt: skip


def analyze(analyzer, text: str) -> list[str]:
    return [t.text for t in analyzer(text, mode="query")]
