"""Incremental ingest: which of tonight's ingested articles are new to the store, which are updated texts of
stored ones (revisions), and which the store already holds.

Pure: the store's index of what it knows goes in, a plan comes out; the nightly job writes the plan.
An article is identified by its canonical URL (or by its id when it has none). The same identity with a new
text is a revision: kept beside the earlier version under a derived id, so its figures can show a number
being updated (an `evolving` conflict) instead of silently replacing what was reported first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from .ingest import canonical_url
from .records import Article
from .store import KnownArticles, StoredArticle


@dataclass(frozen=True, slots=True)
class Plan:
    new: tuple[StoredArticle, ...]  # to store: first versions and revisions
    revisions: int  # how many of `new` are updated texts of stored articles
    repeats: int  # already stored (same outlet and text): nothing to do


def identity(article: Article) -> str:
    """The canonical URL, or "id:" + the id for an article without one."""
    return canonical_url(article.url) if article.url else f"id:{article.id}"


def plan_new(articles: Sequence[Article], known: KnownArticles, seen_at: datetime) -> Plan:
    """What to store of `articles`, given what the store knows. A revision is dated `seen_at` (the night it
    was seen), or its own publication time when that is later: the update is news as of then."""
    ids, hashes = set(known.ids), set(known.hashes)
    versions = {k: list(v) for k, v in known.versions.items()}
    new: list[StoredArticle] = []
    revisions = repeats = 0
    for article in articles:
        key = identity(article)
        stored = versions.get(key)
        if (article.source, article.content_hash) in hashes or (
                stored and any(digest == article.content_hash for _, digest in stored)):
            repeats += 1
            continue
        revision_of = None
        if stored:
            revision_of = stored[0][0]
            article = replace(article, id=f"{revision_of}@r{len(stored)}",
                              published=max(article.published, seen_at))
            revisions += 1
        elif article.id in ids:
            # The same id for a different identity and text: keep both, the later one under a derived id.
            article = replace(article, id=f"{article.id}@{article.content_hash[:8]}")
            if article.id in ids:
                repeats += 1
                continue
        ids.add(article.id)
        hashes.add((article.source, article.content_hash))
        versions.setdefault(key, []).append((article.id, article.content_hash))
        new.append(StoredArticle(article, key, revision_of))
    return Plan(tuple(new), revisions, repeats)
