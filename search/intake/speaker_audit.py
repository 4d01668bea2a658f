"""How far an editor can trust the archive's speakers: names that are not names ("James
Baker's", "U.S And Japan"), quotes that name their own speaker (a sign the wrong person got
them), and how every quote's speaker was found. ``python manage.py audit_speakers`` prints
it; the checks on one name are pure functions (``search.text.name_checks``)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field

from django.db.models import Count

from search.models import Quote, Speaker
from search.text.name_checks import name_problems


@dataclass
class SpeakerAudit:
    speakers: int = 0  # with at least one quote
    unquoted: int = 0  # speakers no quote is attributed to
    junk: int = 0
    junk_by_problem: dict[str, int] = field(default_factory=dict)
    junk_samples: list[dict] = field(default_factory=list)
    attributed: int = 0  # quotes with a person as speaker, for the surname check
    own_surname: int = 0
    own_surname_samples: list[dict] = field(default_factory=list)
    quotes_by_attribution: dict[str, int] = field(default_factory=dict)
    speakers_by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def own_surname_share(self) -> float:
        return 100 * self.own_surname / self.attributed if self.attributed else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "own_surname_percent": round(self.own_surname_share, 2)}


def audit(samples: int = 5) -> SpeakerAudit:
    """Read every speaker and every attributed quote once (a streamed pass)."""
    report = SpeakerAudit()
    problems: Counter = Counter()
    speakers = Speaker.objects.annotate(n=Count("quotes")).order_by("-n", "name")
    for pk, name, slug, kind, n in speakers.values_list("pk", "name", "slug", "kind", "n"):
        if not n:
            report.unquoted += 1  # no quote shows the name (left by an older extraction)
            continue
        report.speakers += 1
        found = name_problems(name, kind)
        if not found:
            continue
        report.junk += 1
        problems.update(found)
        if len(report.junk_samples) < samples:
            report.junk_samples.append(
                {"id": pk, "name": name, "slug": slug, "kind": kind, "quotes": n, "why": found}
            )
    report.junk_by_problem = dict(problems.most_common())
    _own_surnames(report, samples)
    by_attribution = Quote.objects.values_list("attribution").annotate(n=Count("pk"))
    labels = dict(Quote.Attribution.choices)
    report.quotes_by_attribution = {
        labels.get(value, value) if value else "no speaker": n
        for value, n in sorted(by_attribution, key=lambda row: -row[1])
    }
    quoted = Speaker.objects.filter(quotes__isnull=False).distinct()
    by_kind = quoted.values_list("kind").annotate(n=Count("pk", distinct=True)).order_by("-n")
    report.speakers_by_kind = {kind: n for kind, n in by_kind}
    return report


def _own_surnames(report: SpeakerAudit, samples: int) -> None:
    """Quotes whose text names their own speaker: "Lavrov said X" given to Lavrov is fine,
    but the quoted words naming him are usually someone else's words about him."""
    patterns: dict[str, re.Pattern] = {}
    quotes = Quote.objects.filter(speaker__kind=Speaker.Kind.PERSON).order_by("pk")
    rows = quotes.values_list("pk", "article_id", "text", "speaker__name")
    for pk, article_id, text, name in rows.iterator(chunk_size=5000):
        report.attributed += 1
        surname = name.split()[-1] if name.split() else ""
        if len(surname) < 3:
            continue
        pattern = patterns.get(surname)
        if pattern is None:
            pattern = patterns[surname] = re.compile(rf"\b{re.escape(surname)}\b")
        if pattern.search(text):
            report.own_surname += 1
            if len(report.own_surname_samples) < samples:
                report.own_surname_samples.append(
                    {"quote": pk, "article": article_id, "speaker": name, "text": text[:160]}
                )


def lines(report: SpeakerAudit) -> list[str]:
    """The report as an editor reads it."""
    out = [
        f"Speakers quoted: {report.speakers:,}; with a name that is not a name: {report.junk:,}"
        + (f" ({_share(report.junk, report.speakers)})" if report.speakers else "")
        + (f"; {report.unquoted:,} more are quoted nowhere" if report.unquoted else "")
    ]
    out += [f"  {why}: {n:,}" for why, n in report.junk_by_problem.items()]
    out += [
        f"  e.g. “{s['name']}” ({', '.join(s['why'])}; {s['quotes']} quotes) /speakers/{s['slug']}/"
        for s in report.junk_samples
    ]
    out.append(
        f"Quotes by a person that contain the speaker's own surname: {report.own_surname:,} of "
        f"{report.attributed:,} ({report.own_surname_share:.1f}%)"
    )
    out += [
        f"  e.g. article {s['article']}, quote {s['quote']}, {s['speaker']}: “{s['text']}”"
        for s in report.own_surname_samples
    ]
    out.append("Quotes by how their speaker was found:")
    out += [f"  {label}: {n:,}" for label, n in report.quotes_by_attribution.items()]
    out.append("Speakers quoted, by kind:")
    out += [f"  {kind}: {n:,}" for kind, n in report.speakers_by_kind.items()]
    return out


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%"
