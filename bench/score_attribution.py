"""Score the quote extractor on real news that people annotated: the PolNeAR dev split.

    .venv/bin/python bench/score_attribution.py [--polnear GIT_DIR] [--gold PATH] [--verbose]

PolNeAR (Newell, Margolin & Ruths, LREC 2018) is research material: it is never copied into
this repository. ``../shared/attribution-dev/convert_quotes.py`` converts its dev split (and
only that split) into ``/tmp/attribution/dev.jsonl``; this script runs that converter when the
file is absent and a PolNeAR checkout is given, extracts quotes from every article exactly as
``manage.py extract_quotes --jsonl`` does, and prints the kit's scorer twice: speech cues only
(the primary measure) and every attribution, then speaker accuracy on matched quotes by the
prediction's attribution (how the extractor found the speaker), with the kit's matching rule as
bench/attribution_matching.py writes it. It is a benchmark, never part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.attribution_matching import Quote, speaker_right_by  # noqa: E402

KIT = ROOT.parent / "shared" / "attribution-dev"
DEFAULT_GOLD = Path("/tmp/attribution/dev.jsonl")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--polnear", type=Path, help="PolNeAR git directory, to convert first")
    parser.add_argument("--kit", type=Path, default=KIT, help="the attribution-dev kit")
    parser.add_argument("--pred", type=Path, default=Path("/tmp/attribution/pred.jsonl"))
    parser.add_argument("--verbose", action="store_true", help="print misses per document")
    args = parser.parse_args(argv)

    scorer = args.kit / "score_quotes.py"
    if not scorer.exists():
        print(f"The attribution kit is absent ({args.kit}); nothing to score.")
        return 2
    if not args.gold.exists():
        if not args.polnear:
            print(
                f"{args.gold} is absent. Give --polnear GIT_DIR (a checkout of "
                "networkdynamics/PolNeAR) to convert its dev split."
            )
            return 2
        args.gold.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, str(args.kit / "convert_quotes.py"), "--src", str(args.polnear)]
            + ["--out", str(args.gold)],
            check=True,
        )

    from search.quotes import extract

    docs = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines()]
    started = time.perf_counter()
    args.pred.parent.mkdir(parents=True, exist_ok=True)
    predicted = {}
    with args.pred.open("w", encoding="utf-8") as out:
        for doc in docs:
            quotes = extract(doc["text"]).quotes
            predicted[doc["id"]] = [
                Quote(q.start, q.end, q.speaker or None, how=q.attribution) for q in quotes
            ]
            record = {
                "id": doc["id"],
                "quotes": [
                    {"quote": q.text, "start": q.start, "end": q.end, "speaker": q.speaker or ""}
                    for q in quotes
                ],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            if args.verbose:
                _misses(doc, quotes)
    elapsed = time.perf_counter() - started
    print(f"extracted {len(docs)} documents in {elapsed:.1f} s", flush=True)
    for label, extra in (("speech cues only", ["--speech-only"]), ("every attribution", [])):
        print(f"\n== {label}", flush=True)
        subprocess.run([sys.executable, str(scorer), *extra, str(args.gold), str(args.pred)])
    for label, speech_only in (("speech cues only", True), ("every attribution", False)):
        _by_attribution(label, docs, predicted, speech_only)
    return 0


def _by_attribution(label: str, docs: list[dict], predicted: dict, speech_only: bool) -> None:
    """Speaker right on matched quotes, per attribution of the prediction ("" = no speaker)."""
    texts = {d["id"]: d["text"] for d in docs}
    gold = {
        d["id"]: [
            Quote(q["start"], q["end"], q.get("speaker") or None, q.get("kind"))
            for q in d["quotes"]
            if q.get("speech_cue") or not speech_only
        ]
        for d in docs
    }
    counts = speaker_right_by(texts, gold, predicted, lambda g, p: p.how or "")
    print(f"\n== speaker right on matched quotes by the prediction's attribution ({label})")
    for how, (right, n) in sorted(counts.items(), key=lambda kv: -kv[1][1]):
        print(f"  {how or '(none)':14}{right:5}/{n:<5} {100 * right / n:5.1f}%")


def _misses(doc: dict, quotes) -> None:
    """Gold speech quotes that no prediction overlaps, to read by hand (stdout only)."""
    for g in doc["quotes"]:
        if not g.get("speech_cue"):
            continue
        if not any(q.start < g["end"] and g["start"] < q.end for q in quotes):
            print(f"MISS {doc['id']} [{g['kind']}] cue={g.get('cue')!r}: {g['quote'][:100]!r}")


if __name__ == "__main__":
    sys.exit(main())
