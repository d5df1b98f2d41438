"""The accumulator every reader feeds: keeps new articles, skips duplicates, logs each skip's reason."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from ..records import Article, Skipped
from .urls import canonical_url

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Ingested:
    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]
    files: tuple[Path, ...] = ()  # files read to the end (the nightly job records them, see read_sources)
    unchanged: int = 0  # files passed over because the store has read them as they are


class Collector:
    """Articles in arrival order; a later one with the same id, canonical URL, or outlet and content hash
    is a duplicate. The same text from another outlet is a wire copy: kept, recognised downstream."""

    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.skipped: list[Skipped] = []
        self._ids: set[str] = set()
        self._urls: set[str] = set()
        self._hashes: set[tuple[str, str]] = set()
        self.files: list[Path] = []
        self.unchanged = 0

    def skip(self, name: str, reason: str) -> None:
        log.warning("skipped %s: %s", name, reason)
        self.skipped.append(Skipped(name, reason))

    def add(self, name: str, article: Article) -> bool:
        """Keep `article` unless it duplicates an earlier one (then it is skipped with the reason)."""
        url = canonical_url(article.url) if article.url else ""
        # URL first: ids of URL-based items are hashes of the URL, and the URL is the reason to report.
        if url and url in self._urls:
            self.skip(name, f"duplicate URL {article.url}")
        elif article.id in self._ids:
            self.skip(name, f"duplicate article id {article.id!r}")
        elif (article.source, article.content_hash) in self._hashes:
            self.skip(name, "duplicate text (same outlet and content hash as an earlier article)")
        else:
            self._ids.add(article.id)
            self._hashes.add((article.source, article.content_hash))
            if url:
                self._urls.add(url)
            self.articles.append(article)
            return True
        return False

    def result(self) -> Ingested:
        log.info("ingested %d articles, skipped %d items", len(self.articles), len(self.skipped))
        return Ingested(tuple(self.articles), tuple(self.skipped), tuple(self.files), self.unchanged)
