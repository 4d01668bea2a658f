"""Score the quote extractor (search.quotes.extract) on a blind set.

    .venv/bin/python bench/score_blindset.py [--dir tests/data/diplomatic] [--verbose]

tests/data/blindset/ (the default) holds 41 stories in the style of diplomatic wire copy and
tests/data/diplomatic/ 34 wire stories written for speaker attribution (issue 20), each written
for the project and annotated by hand before anyone looked at the extractor's output (see the
_about of their gold.json). The matching rule is the attribution kit's, so the figures sit beside
the PolNeAR ones: bench/attribution_matching.py. Speaker accuracy on matched quotes is broken
down by how the speaker was found: the gold's "how" where the gold has it, and the prediction's
attribution; the diplomatic set also counts, per hard class of issue 20, the gold quotes missed
or given a wrong speaker. ``--verbose`` prints each story's misses, false positives and wrong
speakers.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.attribution_matching import (  # noqa: E402
    KINDS,
    Quote,
    match,
    prf,
    score,
    speaker_right,
    speaker_right_by,
)

BLINDSET = ROOT / "tests" / "data" / "blindset"
HOWS = ("named", "surname", "role", "pronoun", "organisation", "carried", "unnamed", "")


def _name(value) -> str | None:
    value = getattr(value, "name", value)
    return None if value is None else str(value)


def _kind(value) -> str | None:
    value = getattr(value, "value", value)
    return None if value is None else str(value)


def predict(text: str) -> list[Quote]:
    from search.quotes import extract

    return [
        Quote(
            q.start,
            q.end,
            _name(getattr(q, "speaker", None)),
            _kind(q.kind),
            getattr(q, "attribution", None),
        )
        for q in extract(text).quotes
    ]


def show(text: str, q: Quote) -> str:
    words = text[q.start : q.end].replace("\n", " ")
    if len(words) > 110:
        words = words[:60] + " ... " + words[-45:]
    how = f" ({q.how})" if q.how is not None else ""
    return f"[{q.start}:{q.end}] {q.kind or '?'} speaker={q.speaker!r}{how}: {words!r}"


def _rate(right: int, n: int) -> str:
    return f"{right}/{n} ({100 * right / n:.1f}%)" if n else "0/0"


def _print_by(title: str, counts: dict[str, tuple[int, int]], order=()) -> None:
    labels = [k for k in order if k in counts] + sorted(k for k in counts if k not in order)
    print(f"speaker right on matched quotes, by {title}:")
    for label in labels:
        print(f"  {label or '(none)':14}{_rate(*counts[label]):>20}")


def _classes(texts, gold, pred, classes) -> dict[int, list[int]]:
    """Per hard class: [gold quotes, missed, matched with a wrong speaker]."""
    out: dict[int, list[int]] = {}
    for sid, g_quotes in gold.items():
        matched = {i: j for j, i in match(texts[sid], g_quotes, pred[sid]).items()}
        for i, g in enumerate(g_quotes):
            for c in classes[sid][i]:
                row = out.setdefault(c, [0, 0, 0])
                row[0] += 1
                if i not in matched:
                    row[1] += 1
                elif not speaker_right(g, pred[sid][matched[i]]):
                    row[2] += 1
    return out


def _tag(classes: list[int]) -> str:
    return f"  [class {','.join(map(str, classes))}]" if classes else ""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", type=Path, default=BLINDSET, help="stories and gold.json")
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args(argv)

    articles = json.loads((args.dir / "gold.json").read_text(encoding="utf-8"))["articles"]
    texts = {a["file"]: (args.dir / a["file"]).read_text(encoding="utf-8") for a in articles}
    gold = {
        a["file"]: [
            Quote(q["start"], q["end"], q["speaker"] or None, q["kind"], q.get("how"))
            for q in a["quotes"]
        ]
        for a in articles
    }
    classes = {a["file"]: [q.get("classes", []) for q in a["quotes"]] for a in articles}
    try:
        import search.quotes  # noqa: F401
    except ImportError as exc:
        print(f"the extractor (search.quotes) cannot be imported: {exc}")
        return 2
    pred = {sid: predict(text) for sid, text in texts.items()}

    every = score(texts, gold, pred)
    named = score(texts, gold, pred, in_scope=lambda g: g.speaker is not None)
    print(
        f"{args.dir.name}: {len(gold)} stories, {every.gold} gold quotes "
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
    right = speaker_right_by(texts, gold, pred, lambda g, p: "all")
    named_right = speaker_right_by(
        texts, gold, pred, lambda g, p: "named" if g.speaker else "unnamed"
    )
    print(
        f"speaker right on matched quotes: {_rate(*right.get('all', (0, 0)))}; "
        f"named-speaker gold {_rate(*named_right.get('named', (0, 0)))}, "
        f"unnamed gold (prediction names nobody) {_rate(*named_right.get('unnamed', (0, 0)))}"
    )
    if any(g.how for quotes in gold.values() for g in quotes):
        _print_by("the gold's how", speaker_right_by(texts, gold, pred, lambda g, p: g.how), HOWS)
    _print_by(
        "the prediction's attribution",
        speaker_right_by(texts, gold, pred, lambda g, p: p.how or ""),
        HOWS,
    )
    per_class = _classes(texts, gold, pred, classes)
    if per_class:
        print("gold quotes per hard class of issue 20: missed, matched with a wrong speaker")
        for c, (n, missed, wrong) in sorted(per_class.items()):
            print(f"  class {c}: {n:4} gold, {missed:3} missed, {wrong:3} wrong speaker")

    if args.verbose:
        for sid, text in texts.items():
            matched = match(text, gold[sid], pred[sid])
            found = set(matched.values())
            extra = [p for j, p in enumerate(pred[sid]) if j not in matched]
            wrong = [
                (i, gold[sid][i], pred[sid][j])
                for j, i in sorted(matched.items(), key=lambda ji: ji[1])
                if not speaker_right(gold[sid][i], pred[sid][j])
            ]
            if len(found) == len(gold[sid]) and not (extra or wrong):
                continue
            print(f"\n== {sid}")
            for i, g in enumerate(gold[sid]):
                if i not in found:
                    print("  MISS     " + show(text, g) + _tag(classes[sid][i]))
            for p in extra:
                print("  FP       " + show(text, p))
            for i, g, p in wrong:
                print(
                    f"  SPEAKER  gold {g.speaker!r} ({g.how}), predicted "
                    + show(text, p)
                    + _tag(classes[sid][i])
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
