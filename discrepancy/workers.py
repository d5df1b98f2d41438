"""Workers: the extract stage mapped over batches of articles on a local process pool.

Extraction is the one stage whose cost is per article and independent between articles, so it is the one
spread over the machine's cores. Batches come back in input order; each carries its articles' mentions and
the articles that failed, with the reason, so the caller can commit batch by batch (the nightly job) or
gather everything (`discrepancy run`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from multiprocessing import get_all_start_methods, get_context

from .config import ExtractConfig
from .extract import extract_mentions
from .records import Article, Mention, Skipped

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Batch:
    article_ids: tuple[str, ...]
    mentions: tuple[Mention, ...]
    skipped: tuple[Skipped, ...]


def extract_batch(articles: Sequence[Article], config: ExtractConfig) -> Batch:
    """Mentions of `articles`; an article the extractor chokes on is skipped with its reason (pure)."""
    mentions: list[Mention] = []
    skipped: list[Skipped] = []
    for article in articles:
        try:
            mentions.extend(extract_mentions(article, config))
        except Exception as exc:  # one malformed article must not end the night's run
            log.warning("skipped article %s during extraction: %s: %s", article.id, type(exc).__name__, exc)
            skipped.append(Skipped(article.id, f"extraction failed: {type(exc).__name__}: {exc}"))
    return Batch(tuple(a.id for a in articles), tuple(mentions), tuple(skipped))


def worker_count(requested: int) -> int:
    """`requested` processes, or one per usable core when 0."""
    if requested > 0:
        return requested
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _warm_up(config: ExtractConfig) -> None:
    """Load quantulum3's classifier, pint and the regexes once, before forking, so workers share them."""
    probe = "About 1,200 people were evacuated from the 12-mile zone, officials said on Monday."
    extract_mentions(Article("warm-up", "", "", "", datetime(2024, 1, 1, tzinfo=timezone.utc), probe, ""), config)


def extract_in_batches(articles: Sequence[Article], config: ExtractConfig, workers: int = 0,
                       batch_size: int = 100) -> Iterator[Batch]:
    """Batches of extraction results over `articles`, in input order, on `workers` processes (0: one per
    core; 1: in this process, no pool)."""
    batches = [articles[i:i + batch_size] for i in range(0, len(articles), batch_size)]
    n = min(worker_count(workers), len(batches))
    if n <= 1:
        for batch in batches:
            yield extract_batch(batch, config)
        return
    _warm_up(config)
    # fork: workers inherit the warmed-up classifier instead of loading it again, and nothing is pickled but
    # the batches and their results.
    context = get_context("fork") if "fork" in get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=n, mp_context=context) as pool:
        # A bounded number of batches in flight keeps memory flat on a large night.
        pending = []
        it = iter(batches)
        for batch in it:
            pending.append(pool.submit(extract_batch, batch, config))
            if len(pending) >= 2 * n:
                break
        while pending:
            done = pending.pop(0).result()
            nxt = next(it, None)
            if nxt is not None:
                pending.append(pool.submit(extract_batch, nxt, config))
            yield done

