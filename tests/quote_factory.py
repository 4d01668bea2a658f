"""Articles with quotes placed exactly where we say, saved through the models (not the
extractor), for tests of the analyst's tools: the timeline, who says it most, quote pages,
feeds, the API and the exports."""

from __future__ import annotations

import datetime as dt

from search.models import Article, Quote, Source, Speaker


def make_article(
    title: str,
    quotes: list[tuple[str, str]],
    *,
    published: dt.date | None,
    source: str = "Trend",
    url: str = "",
    kind: str = "direct",
    role: str = "",
    lead: str = "",
) -> Article:
    """An article whose body is ``lead`` and then one paragraph per (speaker, text)."""
    body = f"{lead or title}\n\n"
    spans = []
    for speaker, text in quotes:
        start = len(body) + 1
        body += f"“{text},” {speaker} said.\n\n"
        spans.append((speaker, text, start))
    article = Article.objects.create(
        title=title,
        body=body,
        published=published,
        source=Source.for_name(source) if source else None,
        url=url,
    )
    for speaker_name, text, start in spans:
        speaker = Speaker.for_name(speaker_name, role=role) if speaker_name else None
        cue_start = start + len(text) + 3
        Quote.objects.create(
            article=article,
            speaker=speaker,
            text=text,
            kind=kind,
            start=start,
            end=start + len(text),
            cue=f"{speaker_name} said",
            cue_start=cue_start,
            cue_end=cue_start + len(speaker_name) + 5,
            mention=speaker_name,
            role=role,
        )
    return article
