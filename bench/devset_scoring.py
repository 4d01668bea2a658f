"""Scoring of extracted quotes against a hand annotation (the dev set), kept pure: no Django,
no file access, no corpus text stored anywhere.

Matching rule (the one issue 3 fixes for the held-out evaluation):

* Spans are character offsets into the same story text; its words are the ``\\w+`` runs
  (apostrophes inside a word kept). A word belongs to a span when at least half of its
  characters lie inside it.
* A predicted quote matches a gold quote when the words they share are at least half of the
  words of the *longer* of the two spans.
* Matching is one-to-one and greedy: all candidate pairs are taken best overlap first (ratio
  of shared words to the longer span's words, then the absolute count, then position), and
  each gold and each predicted quote is used at most once.
* The speaker agrees when the surnames agree: last token, case-insensitive, after stripping a
  possessive ('s) and punctuation. Both ``None`` (an unnamed source, "officials said") is
  agreement; one ``None`` and one name is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
KINDS = ("direct", "indirect", "mixed")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str | None = None
    speaker: str | None = None


@dataclass
class PRF:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    # For per-kind figures recall and precision count different matched sets, so they are
    # kept apart: tp_recall counts gold quotes found, tp the predictions that matched.
    tp_recall: int | None = None

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        tp = self.tp if self.tp_recall is None else self.tp_recall
        return tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class StoryResult:
    story_id: str
    matches: list[tuple[Span, Span, bool]] = field(default_factory=list)  # gold, pred, speaker ok
    missed: list[Span] = field(default_factory=list)
    false_positives: list[Span] = field(default_factory=list)


@dataclass
class Scores:
    quotes: PRF
    quotes_speaker: PRF
    by_kind: dict[str, PRF]
    kind_agreement: tuple[int, int]  # matched pairs whose kind agrees, matched pairs
    stories: list[StoryResult]


def words_in(text: str, start: int, end: int) -> set[int]:
    """Indices (by start offset) of the words of ``text`` that lie in ``[start, end)``."""
    out = set()
    for m in WORD_RE.finditer(text, max(0, start - 64), min(len(text), end + 64)):
        inside = min(m.end(), end) - max(m.start(), start)
        if inside > 0 and 2 * inside >= m.end() - m.start():
            out.add(m.start())
    return out


def surname(name: str | None) -> str | None:
    if name is None:
        return None
    tokens = name.strip().split()
    if not tokens:
        return None
    last = tokens[-1].lower()
    last = re.sub(r"['’]s?$", "", last)
    last = last.strip(".,;:!?\"'’()[]")
    return last or None


def speakers_agree(gold: str | None, pred: str | None) -> bool:
    return surname(gold) == surname(pred)


def match_story(text: str, gold: Sequence[Span], predicted: Sequence[Span]):
    """One-to-one greedy matching of one story; returns (pairs, missed, false_positives)."""
    gw = [words_in(text, g.start, g.end) for g in gold]
    pw = [words_in(text, p.start, p.end) for p in predicted]
    candidates = []
    for i, a in enumerate(gw):
        for j, b in enumerate(pw):
            longer = max(len(a), len(b))
            if not longer:
                continue
            shared = len(a & b)
            if shared and 2 * shared >= longer:
                candidates.append((-shared / longer, -shared, i, j))
    candidates.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, _, i, j in candidates:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    pairs.sort()
    missed = [g for i, g in enumerate(gold) if i not in used_g]
    fps = [p for j, p in enumerate(predicted) if j not in used_p]
    return [(gold[i], predicted[j]) for i, j in pairs], missed, fps


def score(
    gold: Mapping[str, Sequence[Span]],
    predicted: Mapping[str, Sequence[Span]],
    texts: Mapping[str, str],
) -> Scores:
    """Score predictions for every story of ``gold`` (a story missing from ``predicted`` has no
    predictions). ``texts`` maps story id to the text the offsets refer to."""
    quotes, with_speaker = PRF(), PRF()
    by_kind = {k: PRF(tp_recall=0) for k in KINDS}
    kind_ok = kind_n = 0
    stories = []
    for sid, g_spans in gold.items():
        p_spans = list(predicted.get(sid, ()))
        g_spans = list(g_spans)
        pairs, missed, fps = match_story(texts[sid], g_spans, p_spans)
        res = StoryResult(sid, missed=missed, false_positives=fps)
        for g, p in pairs:
            ok = speakers_agree(g.speaker, p.speaker)
            res.matches.append((g, p, ok))
            with_speaker.tp += ok
            kind_n += 1
            kind_ok += g.kind == p.kind
            if p.kind in by_kind:
                by_kind[p.kind].tp += 1
            if g.kind in by_kind:
                by_kind[g.kind].tp_recall += 1
        quotes.tp += len(pairs)
        for prf in (quotes, with_speaker):
            prf.n_gold += len(g_spans)
            prf.n_pred += len(p_spans)
        for g in g_spans:
            if g.kind in by_kind:
                by_kind[g.kind].n_gold += 1
        for p in p_spans:
            if p.kind in by_kind:
                by_kind[p.kind].n_pred += 1
        stories.append(res)
    return Scores(quotes, with_speaker, by_kind, (kind_ok, kind_n), stories)


def spans_from(items: Iterable) -> list[Span]:
    """Spans from dicts (the dev-set JSON) or objects with start/end/kind/speaker attributes."""
    out = []
    for q in items:
        get = q.get if isinstance(q, dict) else (lambda k, q=q: getattr(q, k, None))
        out.append(Span(int(get("start")), int(get("end")), get("kind"), get("speaker")))
    return out
