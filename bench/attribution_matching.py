"""The attribution kit's matching rule (../shared/attribution-dev/score_quotes.py), written again
here so that the blind set (bench/score_blindset.py) is scored exactly as PolNeAR is. Pure: no
Django, no file access.

* Words are the ``\\w+`` runs of the story; a span holds every word it overlaps.
* lenient: a predicted and a gold quote match when the words they share are at least half of
  the words of the longer span. Matching is one-to-one and greedy: best share first, then the
  prediction that starts nearest the gold quote.
* quote+speaker: a lenient match whose surnames agree: the last name token, case-insensitive,
  with a possessive 's, a parenthesis and Jr./Sr./II/III dropped. A missing name agrees with
  nothing, not even another missing name.

bench/devset_scoring.py differs in small ways (words with apostrophes, words half inside a span,
two unnamed speakers agreeing), which is why it is not reused for figures meant to sit beside
the kit's.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

WORD = re.compile(r"\w+")
SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"}
KINDS = ("direct", "indirect", "mixed")


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    speaker: str | None = None
    kind: str | None = None
    how: str | None = (
        None  # how the speaker was found: the gold's "how", a prediction's attribution
    )


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    lenient: int = 0
    speaker_ok: int = 0
    gold_by_kind: dict[str, int] = field(default_factory=dict)
    found_by_kind: dict[str, int] = field(default_factory=dict)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def surname(name: str | None) -> str | None:
    if not name:
        return None
    name = re.sub(r"\([^)]*\)", " ", name)
    tokens = [re.sub(r"['’]s?$", "", t) for t in re.findall(r"[^\W\d_][\w'’\-]*", name)]
    tokens = [t for t in tokens if t]
    while tokens and tokens[-1].lower().rstrip(".") in SUFFIXES:
        tokens.pop()
    return tokens[-1].lower() if tokens else None


def speakers_agree(gold: str | None, pred: str | None) -> bool:
    g, p = surname(gold), surname(pred)
    return bool(g and p and g == p)


def speaker_right(gold: Quote, pred: Quote) -> bool:
    """The speaker of a matched pair is right: the surnames agree, or the gold source is unnamed
    and the prediction names nobody (which the kit's rule never counts)."""
    if gold.speaker is None:
        return pred.speaker is None
    return speakers_agree(gold.speaker, pred.speaker)


def speaker_right_by(
    texts: Mapping[str, str],
    gold: Mapping[str, Sequence[Quote]],
    pred: Mapping[str, Sequence[Quote]],
    key: Callable[[Quote, Quote], str],
) -> dict[str, tuple[int, int]]:
    """(speakers right, quotes matched) over every story's matched pairs, per key(gold, pred)."""
    out: dict[str, tuple[int, int]] = {}
    for sid, g_quotes in gold.items():
        p_quotes = list(pred.get(sid, ()))
        for j, i in match(texts[sid], g_quotes, p_quotes).items():
            label = key(g_quotes[i], p_quotes[j])
            right, n = out.get(label, (0, 0))
            out[label] = (right + speaker_right(g_quotes[i], p_quotes[j]), n + 1)
    return out


class Words:
    """The story's words, to find which of them a span overlaps."""

    def __init__(self, text: str):
        spans = [m.span() for m in WORD.finditer(text)]
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def ids(self, start: int, end: int) -> set[int]:
        first = bisect.bisect_right(self.ends, start)
        stop = bisect.bisect_left(self.starts, end)
        return set(range(first, stop))


def match(text: str, gold: Sequence[Quote], pred: Sequence[Quote]) -> dict[int, int]:
    """Lenient one-to-one matching of one story: {prediction index: gold index}."""
    words = Words(text)
    gold_words = [words.ids(g.start, g.end) for g in gold]
    pairs = []
    for j, p in enumerate(pred):
        if p.end <= p.start:
            continue
        pw = words.ids(p.start, p.end)
        for i, gw in enumerate(gold_words):
            longer = max(len(gw), len(pw))
            shared = len(gw & pw)
            if shared and shared >= 0.5 * longer:
                pairs.append((shared / longer, -abs(p.start - gold[i].start), j, i))
    pairs.sort(reverse=True)
    taken_gold, result = set(), {}
    for _share, _near, j, i in pairs:
        if i not in taken_gold and j not in result:
            taken_gold.add(i)
            result[j] = i
    return result


def score(
    texts: Mapping[str, str],
    gold: Mapping[str, Sequence[Quote]],
    pred: Mapping[str, Iterable[Quote]],
    in_scope: Callable[[Quote], bool] = lambda g: True,
) -> Counts:
    """Counts over every story of ``gold``. Gold quotes out of ``in_scope`` leave the recall
    denominator, and the predictions they match leave the precision denominator."""
    c = Counts()
    for sid, g_quotes in gold.items():
        p_quotes = list(pred.get(sid, ()))
        matched = match(texts[sid], g_quotes, p_quotes)
        scope = [in_scope(g) for g in g_quotes]
        c.gold += sum(scope)
        c.pred += sum(1 for j in range(len(p_quotes)) if j not in matched or scope[matched[j]])
        for j, i in matched.items():
            if not scope[i]:
                continue
            g = g_quotes[i]
            c.lenient += 1
            c.found_by_kind[g.kind] = c.found_by_kind.get(g.kind, 0) + 1
            c.speaker_ok += speakers_agree(g.speaker, p_quotes[j].speaker)
        for g, ok in zip(g_quotes, scope, strict=True):
            if ok:
                c.gold_by_kind[g.kind] = c.gold_by_kind.get(g.kind, 0) + 1
    return c
