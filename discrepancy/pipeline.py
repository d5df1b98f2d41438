"""The whole run as one pure function: articles in, a `RunResult` out (extract -> cluster -> compare)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timezone

from .cluster import align_claims, cluster_stories, copy_map
from .compare import compare_claims
from .config import Config
from .extract import extract_mentions
from .records import Article, Mention, RunResult, Skipped

log = logging.getLogger(__name__)


def extract_all(articles: Sequence[Article], config: Config) -> tuple[list[Mention], list[Skipped]]:
    """Mentions of all articles; an article the extractor chokes on is skipped with its reason."""
    mentions: list[Mention] = []
    skipped: list[Skipped] = []
    for article in articles:
        try:
            mentions.extend(extract_mentions(article, config.extract))
        except Exception as exc:  # one malformed article must not end the night's run
            log.warning("skipped article %s during extraction: %s: %s", article.id, type(exc).__name__, exc)
            skipped.append(Skipped(article.id, f"extraction failed: {type(exc).__name__}: {exc}"))
    return mentions, skipped


def run_pipeline(articles: Sequence[Article], config: Config, now: datetime | None = None) -> RunResult:
    """Extract, cluster and compare `articles`; nothing is read or written here."""
    mentions, skipped = extract_all(articles, config)
    failed = {s.item for s in skipped}
    kept = [a for a in articles if a.id not in failed]
    log.info("extracted %d mentions from %d articles", len(mentions), len(kept))
    stories = cluster_stories(kept, config.cluster)
    claims = align_claims(stories, mentions, config.cluster.claim_context_similarity)
    conflicts = compare_claims(claims, config.compare, copy_map(stories))
    log.info("%d stories, %d claims, %d conflicts", len(stories), len(claims), len(conflicts))
    return RunResult(
        articles=tuple(kept),
        mentions=tuple(mentions),
        stories=tuple(stories),
        claims=tuple(claims),
        conflicts=tuple(conflicts),
        generated_at=now or datetime.now(timezone.utc),
        skipped=tuple(skipped),
    )


def with_status(result: RunResult, previous_ids: set[str]) -> RunResult:
    """Each conflict marked `ongoing` when the previous run raised it too (same stable id), else `new`."""
    conflicts = tuple(replace(c, status="ongoing" if c.id in previous_ids else "new") for c in result.conflicts)
    return replace(result, conflicts=conflicts)
