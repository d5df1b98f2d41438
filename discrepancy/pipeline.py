"""The whole run as pure functions: articles in, a `RunResult` out (extract -> cluster -> compare)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timezone

from .cluster import align_claims, cluster_stories, copy_map
from .config import Config
from .engine import Engine, LocalEngine
from .records import Article, Mention, RunResult, Skipped

log = logging.getLogger(__name__)


def extract_all(articles: Sequence[Article], config: Config,
                engine: Engine | None = None) -> tuple[list[Mention], list[Skipped]]:
    """Mentions of all articles (on `engine`; by default `extract.workers` local processes); an article the
    extractor chokes on is skipped with its reason."""
    mentions: list[Mention] = []
    skipped: list[Skipped] = []
    engine = engine or LocalEngine(config.extract.workers)
    for batch in engine.extract_batches(articles, config.extract):
        mentions.extend(batch.mentions)
        skipped.extend(batch.skipped)
    return mentions, skipped


def analyse(articles: Sequence[Article], mentions: Sequence[Mention], config: Config,
            now: datetime | None = None, skipped: Sequence[Skipped] = (), engine: Engine | None = None) -> RunResult:
    """Cluster and compare already extracted `articles` and `mentions` (the nightly job's window): the
    similarity blocks of clustering and the comparison on `engine`, the rest here (see engine.py)."""
    engine = engine or LocalEngine(config.extract.workers)
    stories = cluster_stories(articles, config.cluster, engine.map_blocks)
    claims = align_claims(stories, mentions, config.cluster.claim_context_similarity,
                          {a.id: a.title for a in articles})
    conflicts = engine.compare(claims, config.compare, copy_map(stories))
    log.info("%d stories, %d claims, %d conflicts", len(stories), len(claims), len(conflicts))
    return RunResult(
        articles=tuple(articles),
        mentions=tuple(mentions),
        stories=tuple(stories),
        claims=tuple(claims),
        conflicts=tuple(conflicts),
        generated_at=now or datetime.now(timezone.utc),
        skipped=tuple(skipped),
    )


def run_pipeline(articles: Sequence[Article], config: Config, now: datetime | None = None,
                 engine: Engine | None = None) -> RunResult:
    """Extract, cluster and compare `articles` (on `engine`, by default this machine's process pool);
    nothing is read or written here."""
    mentions, skipped = extract_all(articles, config, engine)
    failed = {s.item for s in skipped}
    kept = [a for a in articles if a.id not in failed]
    log.info("extracted %d mentions from %d articles", len(mentions), len(kept))
    return analyse(kept, mentions, config, now, skipped, engine)
