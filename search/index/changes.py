"""What a change touches: the ids one transaction (or one ``bulk()`` block) changed, and the
documents they stand for once read from the database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from search.index.documents import ids_where
from search.models import Article, Quote


@dataclass
class Pending:
    """Ids touched by changes in one transaction (or one ``bulk()`` block)."""

    articles: set[int] = field(default_factory=set)  # the article and all its quotes
    new_articles: set[int] = field(default_factory=set)  # as articles, and never indexed yet
    article_docs: set[int] = field(default_factory=set)  # only the article's own document
    quotes: set[int] = field(default_factory=set)  # the quote and its article
    speakers: set[int] = field(default_factory=set)  # all their quotes and those articles
    sources: set[int] = field(default_factory=set)  # all their articles and those quotes
    extra: int = 0  # documents beyond one per id: the quotes of these articles and speakers
    callback: Callable | None = None
    flushed: bool = False

    KINDS = ("articles", "new_articles", "article_docs", "quotes", "speakers", "sources")

    def add(self, other: Pending) -> None:
        for name in self.KINDS:
            getattr(self, name).update(getattr(other, name))
        self.extra += other.extra

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in self.KINDS)

    def size(self) -> int:
        """About how many documents these ids stand for: the checkpoint's measure."""
        articles = self.articles | self.new_articles | self.article_docs
        return len(articles) + len(self.quotes) + self.extra

    def ids(self) -> dict[str, list[int]]:
        return {name: sorted(getattr(self, name)) for name in self.KINDS}

    def documents(self) -> tuple[set[int], set[int]]:
        """Every article and quote whose document may have changed, new ones included: for a
        backend that writes with the data, where adding and replacing are one."""
        articles, quotes, new_articles, new_quotes = self.documents_to_write()
        return articles | new_articles, quotes | new_quotes

    def documents_to_write(self) -> tuple[set[int], set[int], set[int], set[int]]:
        """(articles, quotes) whose documents may have changed, then (articles, quotes) that
        the index cannot hold yet, read from the database as it is now."""
        new_articles = set(self.new_articles)  # saved again since, still never indexed
        new_quotes = ids_where(Quote, "article_id", new_articles)
        articles = self.articles | ids_where(Article, "source_id", self.sources)
        direct_quotes = self.quotes | ids_where(Quote, "speaker_id", self.speakers)
        quotes = direct_quotes | ids_where(Quote, "article_id", articles)
        articles |= self.article_docs | ids_where(Quote, "pk", direct_quotes, "article_id")
        return articles - new_articles, quotes - new_quotes, new_articles, new_quotes
