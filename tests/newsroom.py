"""A small invented newsroom for page tests that need several speakers, outlets and years:
four reports quoting five people (one article undated), and a round-up that quotes thirty
more, so the speakers list has a second page. All the text is made up for these tests.

In each paragraph ``[Name|kind|words]`` is a quote and ``{words}`` the cue of the quote
before it."""

from __future__ import annotations

import datetime as dt
import re

import pytest

ROLES = {
    "Elena Marsh": "Foreign Minister of Nordland",
    "Tomas Verde": "Ambassador of Sudria to Nordland",
    "Ines Calder": "Spokeswoman for the Harbour Council",
    "Oskar Lind": "Trade Commissioner",
    "Maya Orten": "Deputy Foreign Minister of Sudria",
}

REPORTS = [
    {
        "title": "Nordland and Sudria agree to reopen talks on the river treaty",
        "source": "Harbour Post",
        "published": dt.date(2023, 5, 14),
        "paragraphs": [
            "NORTHPORT, May 14 (Harbour Post) - Nordland and Sudria will reopen talks on the "
            "river treaty next month, both governments said on Sunday.",
            "[Elena Marsh|direct|“We will not sign a treaty that leaves the river dry for the "
            "farmers downstream, and we will not walk away from the table either,”] "
            "{Foreign Minister Elena Marsh told reporters} after a meeting in Northport.",
            "[Tomas Verde|indirect|The treaty could be ready by the end of the year if both "
            "sides kept their experts at work through the summer,] {Ambassador Tomas Verde "
            "said}, adding that the first round would look at the dams.",
            "[Elena Marsh|direct|“Trust is built one meeting at a time,”] {Marsh said}. "
            "[Elena Marsh|direct|“Nobody should expect a miracle in June.”]",
            "[Maya Orten|mixed|The deputy minister called the talks “a last good chance” for "
            "the river treaty] {Maya Orten wrote} in a statement.",
        ],
    },
    {
        "title": "Harbour Council backs a trade corridor through the northern ports",
        "source": "Caspian Herald",
        "published": dt.date(2022, 9, 3),
        "paragraphs": [
            "The Harbour Council on Saturday backed a plan for a trade corridor through the "
            "northern ports, a project that has waited four years for money.",
            "[Ines Calder|direct|“The corridor will carry grain in the autumn and timber in "
            "the spring,”] {spokeswoman Ines Calder said}.",
            "[Oskar Lind|indirect|The corridor would halve the time goods take to reach the "
            "coast,] {Trade Commissioner Oskar Lind told the council}.",
            "[Elena Marsh|direct|“Nordland will pay its share of the corridor,”] {Elena "
            "Marsh said} in a message read to the council.",
        ],
    },
    {
        "title": "Envoys meet in the old customs house",
        "source": "Caspian Herald",
        "published": None,
        "paragraphs": [
            "Envoys from both countries met in the old customs house, the council said, "
            "without giving a date.",
            "[Tomas Verde|direct|“The customs house has seen worse quarrels than ours,”] "
            "{Verde said} with a smile.",
            "[Ines Calder|indirect|The meeting had been friendly and short,] {Calder said}.",
        ],
    },
    {
        "title": "Trade ministers count the cost of the long winter",
        "source": "Harbour Post",
        "published": dt.date(2021, 2, 11),
        "paragraphs": [
            "Trade ministers met on Thursday to count the cost of a winter that closed the "
            "northern ports for eleven weeks.",
            "[Oskar Lind|direct|“Eleven weeks of ice cost us a season of trade,”] {Lind said}.",
            "[Elena Marsh|indirect|Nordland would ask Sudria to share the icebreakers next "
            "winter,] {Marsh said}.",
        ],
    },
]

ROUNDUP_SPEAKERS = [f"Delegate {name} Aston" for name in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"] + [
    f"Observer {n} Brandt" for n in ("One", "Two", "Three", "Four")
]

_MARK = re.compile(r"\[(?P<who>[^|\]]+)\|(?P<kind>\w+)\|(?P<text>[^\]]+)\]|\{(?P<cue>[^}]+)\}")


def _build(paragraphs: list[str]) -> tuple[str, list[dict]]:
    """The article body and its quotes with offsets, from the marked-up paragraphs."""
    body, quotes = "", []
    for n, paragraph in enumerate(paragraphs):
        if n:
            body += "\n\n"
        pos = 0
        for m in _MARK.finditer(paragraph):
            body += paragraph[pos : m.start()]
            if m["who"]:
                start = len(body)
                body += m["text"]
                quotes.append(
                    {"who": m["who"], "kind": m["kind"], "start": start, "end": len(body)}
                )
            else:
                start = len(body)
                body += m["cue"]
                quotes[-1].update(cue=m["cue"], cue_start=start, cue_end=len(body))
            pos = m.end()
        body += paragraph[pos:]
    return body, quotes


def build_newsroom() -> list:
    from search.models import Article, Quote, Source, Speaker

    articles = []
    roundup = {
        "title": "Round-up: what the delegates said at the harbour conference",
        "source": "Harbour Post",
        "published": dt.date(2020, 10, 1),
        "paragraphs": [
            f"[{name}|direct|“The harbour conference was worth the journey,”] "
            f"{{{name.split()[1]} said}}."
            for name in ROUNDUP_SPEAKERS
        ],
    }
    for report in [*REPORTS, roundup]:
        body, quotes = _build(report["paragraphs"])
        article = Article.objects.create(
            title=report["title"],
            body=body,
            published=report["published"],
            source=Source.for_name(report["source"]),
        )
        for q in quotes:
            role = ROLES.get(q["who"], "Delegate")
            Quote.objects.create(
                article=article,
                speaker=Speaker.for_name(q["who"], role=role),
                text=body[q["start"] : q["end"]],
                kind=q["kind"],
                start=q["start"],
                end=q["end"],
                cue=q.get("cue", ""),
                cue_start=q.get("cue_start"),
                cue_end=q.get("cue_end"),
                mention=q["who"],
                role=role,
            )
        articles.append(article)
    return articles


@pytest.fixture
def newsroom(db, django_capture_on_commit_callbacks):
    """The invented articles, saved and indexed."""
    with django_capture_on_commit_callbacks(execute=True):
        return build_newsroom()
