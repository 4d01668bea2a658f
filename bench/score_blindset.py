"""Score the quote extractor (search.quotes.extract) on the blind development set.

    .venv/bin/python bench/score_blindset.py [--verbose]

tests/data/blindset/ holds 41 stories in the style of diplomatic wire copy, written for the
project and annotated by hand before anyone looked at the extractor's output (see the _about of
its gold.json). The matching rule is the attribution kit's, so the figures sit beside the
PolNeAR ones: bench/attribution_matching.py. ``--verbose`` prints each story's misses, false
positives and wrong speakers.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.attribution_matching import KINDS, Quote, match, prf, score, speakers_agree  # noqa: E402

BLINDSET = ROOT / "tests" / "data" / "blindset"


def _name(value) -> str | None:
    value = getattr(value, "name", value)
    return None if value is None else str(value)


def _kind(value) -> str | None:
    value = getattr(value, "value", value)
    return None if value is None else str(value)


def predict(text: str) -> list[Quote]:
    from search.quotes import extract

    return [
        Quote(q.start, q.end, _name(getattr(q, "speaker", None)), _kind(q.kind))
        for q in extract(text).quotes
    ]


def show(text: str, q: Quote) -> str:
    words = text[q.start : q.end].replace("\n", " ")
    if len(words) > 110:
        words = words[:60] + " ... " + words[-45:]
    return f"[{q.start}:{q.end}] {q.kind or '?'} speaker={q.speaker!r}: {words!r}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, default=BLINDSET, help="stories and gold.json")
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args(argv)

    articles = json.loads((args.dir / "gold.json").read_text(encoding="utf-8"))["articles"]
    texts = {a["file"]: (args.dir / a["file"]).read_text(encoding="utf-8") for a in articles}
    gold = {
        a["file"]: [
            Quote(q["start"], q["end"], q["speaker"] or None, q["kind"]) for q in a["quotes"]
        ]
        for a in articles
    }
    try:
        import search.quotes  # noqa: F401
    except ImportError as exc:
        print(f"the extractor (search.quotes) cannot be imported: {exc}")
        return 2
    pred = {sid: predict(text) for sid, text in texts.items()}

    every = score(texts, gold, pred)
    named = score(texts, gold, pred, in_scope=lambda g: g.speaker is not None)
    print(
        f"blind set: {len(gold)} stories, {every.gold} gold quotes "
        f"({named.gold} with a named speaker), {every.pred} predicted"
    )
    print(f"{'':38}{'P':>7}{'R':>7}{'F1':>7}")
    rows = [
        ("span lenient (>=50% of words)", prf(every.lenient, every.pred, every.gold)),
        ("quote+speaker, all gold", prf(every.speaker_ok, every.pred, every.gold)),
        ("quote+speaker, named-speaker gold", prf(named.speaker_ok, named.pred, named.gold)),
    ]
    for label, (p, r, f) in rows:
        print(f"{label:38}{100 * p:7.1f}{100 * r:7.1f}{100 * f:7.1f}")
    print(
        "lenient recall by gold kind: "
        + ", ".join(
            f"{k} {100 * every.found_by_kind.get(k, 0) / every.gold_by_kind[k]:.1f}% "
            f"(n={every.gold_by_kind[k]})"
            for k in KINDS
            if every.gold_by_kind.get(k)
        )
    )

    if args.verbose:
        for sid, text in texts.items():
            matched = match(text, gold[sid], pred[sid])
            found = set(matched.values())
            missed = [g for i, g in enumerate(gold[sid]) if i not in found]
            extra = [p for j, p in enumerate(pred[sid]) if j not in matched]
            wrong = [
                (gold[sid][i], pred[sid][j])
                for j, i in sorted(matched.items(), key=lambda ji: ji[1])
                if not speakers_agree(gold[sid][i].speaker, pred[sid][j].speaker)
            ]
            if not (missed or extra or wrong):
                continue
            print(f"\n== {sid}")
            for g in missed:
                print("  MISS     " + show(text, g))
            for p in extra:
                print("  FP       " + show(text, p))
            for g, p in wrong:
                print(f"  SPEAKER  gold {g.speaker!r}, predicted {p.speaker!r}: " + show(text, p))
    return 0


if __name__ == "__main__":
    sys.exit(main())
