"""Nightly: the scheduled job. Lock, ingest what is new, extract it, re-compare the rolling window, record
the run with each conflict's history, and write `reports/YYYY-MM-DD/` with `reports/latest` pointing at it.

Crash-safe by ordering, not by luck: articles are committed as ingested (marked not yet extracted); each
extraction batch commits its mentions and flips its articles' flag in one transaction; the run is recorded in
one transaction at the end, replacing any earlier run of the same date. Killed at any point (even SIGKILL),
the next run finds the pending articles, extracts them once, and records the night once.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time as clock, timedelta, timezone
from pathlib import Path

from .config import Config
from .engine import open_engine
from .history import status_counts, with_history
from .incremental import plan_new
from .ingest import read_sources
from .lock import run_lock
from .pipeline import analyse
from .report import build_snapshot, write_report
from .report.writer import summary
from .review.verdicts import latest_verdicts
from .store import Store

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class NightlySummary:
    """What one night did, for the summary paragraph on stdout and for tests."""

    run_date: str
    run_id: int
    ingested: int  # usable articles read from the sources tonight
    unchanged_files: int  # files read on an earlier night and not modified since: passed over
    new: int  # stored for the first time (including revisions)
    revisions: int
    repeats: int  # already in the store
    skipped: int  # bad items, each with a logged reason
    extracted: int  # articles extracted tonight (new ones and any left pending by an interrupted run)
    failed: int  # articles the extractor could not handle
    window_articles: int
    outlets: int
    stories: int
    mentions: int
    statuses: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)
    report_dir: str = ""
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage, for the summary and benchmarks

    def paragraph(self) -> str:
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(self.kinds.items())) or "none"
        stages = ", ".join(f"{name} {sec:.1f}s" for name, sec in self.stages.items())
        s = self.statuses
        return (
            f"discrepancy nightly {self.run_date}: read {self.ingested} articles ({self.new} new, of which "
            f"{self.revisions} revisions; {self.repeats} already stored; {self.skipped} bad items skipped; "
            f"{self.unchanged_files} files unchanged since read), "
            f"extracted {self.extracted} ({self.failed} failed). The {self.window_articles} articles of the "
            f"window from {self.outlets} outlets form {self.stories} stories with {self.mentions} figures; "
            f"{s.get('new', 0)} new conflicts, {s.get('ongoing', 0)} ongoing, {s.get('resolved', 0)} resolved, "
            f"{s.get('dismissed', 0)} dismissed by reviewers (raised: {kinds}). Report: {self.report_dir} "
            f"({self.seconds:.1f}s: {stages})."
        )


class StageClock:
    """Seconds per stage: `lap(name)` closes the stage that began at the previous lap (or at creation)."""

    def __init__(self) -> None:
        self.stages: dict[str, float] = {}
        self._mark = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.stages[name] = now - self._mark
        self._mark = now


def _day_bounds(day: date, window_days: float) -> tuple[datetime, datetime]:
    end = datetime.combine(day, clock.max, tzinfo=timezone.utc)
    return end - timedelta(days=window_days), end


def _publish(staging: Path, target: Path, latest: Path) -> None:
    """Swap the freshly written report folder in, then point `latest` at it (each step a rename)."""
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
        os.replace(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staging, target)
    link = latest.with_name(f".{latest.name}.tmp-{os.getpid()}")
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(target.name, target_is_directory=True)
    os.replace(link, latest)


def run_nightly(config: Config, run_date: date | None = None, wait: bool = False,
                progress: Callable[[int, int], None] | None = None) -> NightlySummary:
    """One night's job over `config.sources` and `config.store.path` (see the module docstring)."""
    started = time.perf_counter()
    day = run_date or datetime.now(timezone.utc).date()
    store_path = config.resolve(config.store.path)
    reports = config.resolve(config.nightly.reports_dir)
    if not config.sources:
        raise ValueError("no sources configured: add [[sources]] tables to the config file")
    with run_lock(store_path.with_name(store_path.name + ".lock"), wait), Store(store_path) as store, \
            open_engine(config) as engine:
        start, end = _day_bounds(day, config.nightly.window_days)
        now = datetime.now(timezone.utc)
        # Replaying a past day sees the articles of that day only; tonight sees everything read.
        seen_at = min(end, now)
        timer = StageClock()
        lap = timer.lap
        # A replayed day stores only what was published by its end, so it must read every file; tonight
        # passes over the files it has read before, unchanged.
        replay = end < now
        ingested = read_sources(config.sources, config.ingest, None if replay else store.unchanged_files())
        articles = [a for a in ingested.articles if a.published <= end]
        plan = plan_new(articles, store.known_articles(), seen_at)
        for i in range(0, len(plan.new), 1000):
            store.save_articles(plan.new[i:i + 1000], day.isoformat())
        if not replay:
            store.mark_files_read(ingested.files, day.isoformat())
        log.info("stored %d new articles (%d revisions), %d already stored", len(plan.new), plan.revisions,
                 plan.repeats)
        lap("ingest")

        pending = store.pending_articles()
        failed = 0
        done = 0
        for batch in engine.extract_batches(pending, config.extract, config.nightly.batch_size):
            errors = {s.item: s.reason for s in batch.skipped}
            store.save_extraction(batch.article_ids, batch.mentions, errors)
            failed += len(errors)
            done += len(batch.article_ids)
            if progress is not None:
                progress(done, len(pending))

        lap("extract")
        window_articles, mentions = store.window(start, end)
        generated_at = datetime.now(timezone.utc)
        lap("load window")
        result = analyse(window_articles, mentions, config, now=generated_at, skipped=ingested.skipped,
                         engine=engine)
        lap("cluster and compare")
        previous = store.previous_run(before=day.isoformat())
        snapshot = with_history(build_snapshot(result), previous["snapshot"] if previous else None,
                                latest_verdicts(store))
        keys = {c.id: c.claim.referent_key for c in result.conflicts}
        run_id = store.record_run(snapshot, keys, ingested.skipped, run_date=day.isoformat())
        history = store.run_history(config.nightly.history_runs)
        lap("record")

        reports.mkdir(parents=True, exist_ok=True)
        target = reports / day.isoformat()
        for stale in reports.glob(f".{day.isoformat()}.*"):  # left by a run killed while writing
            shutil.rmtree(stale, ignore_errors=True)
        staging = reports / f".{day.isoformat()}.tmp-{os.getpid()}"
        write_report(result, staging, title=config.report.title, history=history, snapshot=snapshot,
                     max_conflicts=config.report.max_conflicts, max_charts=config.report.max_charts)
        _publish(staging, target, reports / "latest")
        lap("report")

    return NightlySummary(
        run_date=day.isoformat(), run_id=run_id, ingested=len(articles), unchanged_files=ingested.unchanged,
        new=len(plan.new),
        revisions=plan.revisions, repeats=plan.repeats, skipped=len(ingested.skipped), extracted=done,
        failed=failed, window_articles=len(window_articles), outlets=len({a.source for a in window_articles}),
        stories=len(result.stories), mentions=len(mentions), statuses=status_counts(snapshot), kinds=summary(snapshot)["kinds"],
        report_dir=str(target), seconds=time.perf_counter() - started, stages=timer.stages,
    )
