"""The news outlets and agencies we know by name. Pure Python, one list for everything that
must tell an outlet from a person: ingestion reads an article's outlet with it, and the
quote extractor refuses to take "Trend reports" or "Reuters said" for a speaker."""

from __future__ import annotations

# Lower-case spelling -> the name an article's source is stored under.
OUTLETS: dict[str, str] = {
    "trend": "Trend",
    "vestnik kavkaza": "Vestnik Kavkaza",
    "afp": "AFP",
    "reuters": "Reuters",
    "reuter": "Reuters",
    "interfax": "Interfax",
    "tass": "TASS",
    "itar-tass": "TASS",
    "ria novosti": "RIA Novosti",
    "sputnik": "Sputnik",
    "xinhua": "Xinhua",
    "apa": "APA",
    "azertac": "AZERTAC",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "news.az": "News.az",
    "report.az": "Report.az",
    "anadolu": "Anadolu",
    "bloomberg": "Bloomberg",
    "kyodo": "Kyodo",
}


def canonical(name: str) -> str:
    """The stored name of an outlet written ``name``; an unknown outlet keeps its spelling."""
    name = " ".join(name.split())
    return OUTLETS.get(name.casefold(), name)
