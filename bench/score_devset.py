"""Score the quote extractor (search.quotes.extract) on the hand-annotated development set.

    .venv/bin/python bench/score_devset.py [--corpus PATH] [--verbose]

tests/data/devset.json holds only story ids, offsets, kinds and speakers; the story text is
read from the Reuters-21578 corpus (research use only, see ../shared/corpus/README.md), which
is never copied into the repository. Matching rule: bench/devset_scoring.py. ``--verbose``
prints each story's misses and false positives (to stdout only).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.devset_scoring import KINDS, Span, score, spans_from  # noqa: E402

DEVSET = ROOT / "tests" / "data" / "devset.json"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl.gz"


def load_bodies(corpus: Path, wanted: set[str]) -> dict[str, str]:
    bodies = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            if doc["id"] in wanted:
                bodies[doc["id"]] = doc["body"]
    return bodies


def _kind(value) -> str | None:
    value = getattr(value, "value", value)
    return None if value is None else str(value)


def predict(body: str) -> list[Span]:
    from search.quotes import extract

    return [
        Span(q.start, q.end, _kind(q.kind), getattr(q, "speaker", None))
        for q in extract(body).quotes
    ]


def show(body: str, s: Span) -> str:
    text = body[s.start : s.end].replace("\n", " ")
    if len(text) > 110:
        text = text[:60] + " ... " + text[-45:]
    return f"[{s.start}:{s.end}] {s.kind or '?'} speaker={s.speaker!r}: {text!r}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--devset", type=Path, default=DEVSET)
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args(argv)

    if not args.corpus.exists():
        print(f"Reuters corpus not found at {args.corpus}; the dev-set score needs it")
        return 0
    devset = json.loads(args.devset.read_text(encoding="utf-8"))
    want = devset.get("corpus_sha256")
    if want:
        got = hashlib.sha256(args.corpus.read_bytes()).hexdigest()
        if got != want:
            print(
                f"warning: corpus sha256 {got} differs from the dev set's {want}; "
                "offsets may not fit",
                file=sys.stderr,
            )
    gold = {s["id"]: spans_from(s["quotes"]) for s in devset["stories"]}
    bodies = load_bodies(args.corpus, set(gold))
    missing = set(gold) - set(bodies)
    if missing:
        print(f"stories missing from the corpus: {sorted(missing)}", file=sys.stderr)
        return 1
    try:
        import search.quotes  # noqa: F401
    except ImportError as exc:
        print(f"the extractor (search.quotes) cannot be imported: {exc}")
        return 2
    predicted = {sid: predict(bodies[sid]) for sid in gold}
    s = score(gold, predicted, bodies)

    n_gold = sum(len(v) for v in gold.values())
    print(f"dev set: {len(gold)} stories, {n_gold} gold quotes, {s.quotes.n_pred} predicted")

    def line(label, prf, tp=None):
        print(
            f"  {label:<16} P={prf.precision:.3f}  R={prf.recall:.3f}  F1={prf.f1:.3f}"
            f"   (tp={prf.tp if tp is None else tp}, pred={prf.n_pred}, gold={prf.n_gold})"
        )

    line("quotes", s.quotes)
    line("quote+speaker", s.quotes_speaker)
    for k in KINDS:
        prf = s.by_kind[k]
        line(k, prf, f"{prf.tp}/{prf.tp_recall}")
    ok, n = s.kind_agreement
    print(f"  kind agreement on matched quotes: {ok}/{n}")
    print(
        "  (per kind: precision over predictions of that kind, recall over gold of that "
        "kind; tp shows matched predictions/matched gold)"
    )

    if args.verbose:
        for r in s.stories:
            body = bodies[r.story_id]
            bad = [(g, p) for g, p, ok in r.matches if not ok or g.kind != p.kind]
            if not (r.missed or r.false_positives or bad):
                continue
            print(f"\n== {r.story_id}")
            for g in r.missed:
                print("  MISS  " + show(body, g))
            for p in r.false_positives:
                print("  FP    " + show(body, p))
            for g, p in bad:
                print("  DIFF  gold " + show(body, g))
                print("        pred " + show(body, p))
    return 0


if __name__ == "__main__":
    sys.exit(main())
