"""How far an editor can trust the archive's speakers: names that are not names ("James
Baker's", "U.S And Japan"), quotes that name their own speaker (a sign the wrong person got
them), and how every quote's speaker was found. ``python manage.py audit_speakers`` prints
it; the checks on one name are pure functions."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field

from django.db.models import Count

from search.models import Quote, Speaker
from search.quotes import ROLE_SET
from search.quotes.nations import is_place
from search.text.speaker_matching import PLACES

JUNK_WORDS = frozenset("and besides or but with plus also nor than said says told".split())
# Capitalised, these are names too ("Omer Said", "Initials Plus"); only at the start of a
# name are they the verb or conjunction glued to it ("Said David Gluskin").
NAME_TOO = frozenset("said plus".split())
# Role words that are common surnames ("Scott King", "Andrew Bishop").
SURNAMES_TOO = frozenset("king bishop judge dean marshal major sheriff prince mayor".split())
POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
ARABIC_PARTICLE = re.compile(r"(?:al|el|ad|as|ash|at|az|ar|an)-[A-Z]")


def name_problems(name: str, kind: str = Speaker.Kind.PERSON) -> list[str]:
    """Why a speaker's name looks wrong, or nothing when it looks like a name. A body's name
    may hold "and", a role word or a place ("Organisation for Economic Cooperation and
    Development", "Labor department", "Japan"); only a possessive is wrong in it."""
    words = name.split()
    if not words:
        return ["empty"]
    problems = []
    if POSSESSIVE.search(name) and not _own_possessive(words, kind):
        problems.append("possessive")
    if kind == Speaker.Kind.ORGANISATION:
        return problems
    folded = [w.casefold().strip(".,;:") for w in words]
    if any(
        f in JUNK_WORDS and (i == 0 or w[:1].islower() or f not in NAME_TOO)
        for i, (w, f) in enumerate(zip(words, folded, strict=True))
    ):
        problems.append("conjunction")
    roles = ROLE_SET & set(folded)
    if roles and not _surname_only(words, folded, roles):
        problems.append("role word")
    if len(words) > 1 and words[-1][:1].islower() and not ARABIC_PARTICLE.match(words[-1]):
        problems.append("ends in a lower-case word")  # "al-Sabah" is part of a name
    joined = " ".join(folded)
    if joined.rstrip(".") in PLACES or joined in PLACES or is_place(name):
        problems.append("place")
    return problems


def _own_possessive(words: list[str], kind: str) -> bool:
    """Whether a body's one-word name is a possessive of its own ("Moody's", "Lloyd's"),
    not a place's glued to the next words ("Sweden's")."""
    if kind != Speaker.Kind.ORGANISATION or len(words) != 1:
        return False
    return not is_place(POSSESSIVE.sub("", words[0]))


def _surname_only(words: list[str], folded: list[str], roles: set[str]) -> bool:
    """Whether the only role word is a surname after a given name: "Scott King", not "U.K.
    Chancellor" or "Analyst Tim Harris"."""
    return (
        roles == {folded[-1]}
        and folded[-1] in SURNAMES_TOO
        and len(words) > 1
        and words[0][:1].isupper()
        and not any("." in w for w in words[:-1])
    )


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
