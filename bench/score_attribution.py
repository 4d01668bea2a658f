"""Score the quote extractor on real news that people annotated: the PolNeAR dev split.

    .venv/bin/python bench/score_attribution.py [--polnear GIT_DIR] [--gold PATH] [--verbose]

PolNeAR (Newell, Margolin & Ruths, LREC 2018) is research material: it is never copied into
this repository. ``../shared/attribution-dev/convert_quotes.py`` converts its dev split (and
only that split) into ``/tmp/attribution/dev.jsonl``; this script runs that converter when the
file is absent and a PolNeAR checkout is given, extracts quotes from every article exactly as
``manage.py extract_quotes --jsonl`` does, and prints the kit's scorer twice: speech cues only
(the primary measure) and every attribution. It is a benchmark, never part of the test suite.
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
    with args.pred.open("w", encoding="utf-8") as out:
        for doc in docs:
            quotes = extract(doc["text"]).quotes
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
    print(f"extracted {len(docs)} documents in {elapsed:.1f} s")
    for label, extra in (("speech cues only", ["--speech-only"]), ("every attribution", [])):
        print(f"\n== {label}")
        subprocess.run([sys.executable, str(scorer), *extra, str(args.gold), str(args.pred)])
    return 0


def _misses(doc: dict, quotes) -> None:
    """Gold speech quotes that no prediction overlaps, to read by hand (stdout only)."""
    for g in doc["quotes"]:
        if not g.get("speech_cue"):
            continue
        if not any(q.start < g["end"] and g["start"] < q.end for q in quotes):
            print(f"MISS {doc['id']} [{g['kind']}] cue={g.get('cue')!r}: {g['quote'][:100]!r}")


if __name__ == "__main__":
    sys.exit(main())
