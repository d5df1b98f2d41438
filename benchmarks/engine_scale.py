"""Engines at scale: articles/s and per-stage seconds on the local process pool vs a Dask LocalCluster.

    python -m benchmarks.engine_scale [--synthetic 4000] [--real 0] [--workers 1 2] [--repeat 2]
                                      [--cluster-growth 4000 8000 16000]

For each corpus (the synthetic one of `benchmarks.synthetic`, and the real 2017 stream of
`benchmarks.real_stream`; `--real 0` takes all of it, `--real -1` skips it) and each engine and worker count,
the run's stages are timed as `pipeline.run_pipeline` composes them: extract (on the engine), cluster (stories,
on the client), align (claims, on the client), compare (on the engine). Dask's start-up (LocalCluster up and
every worker warmed: imports, quantulum3's classifier) is timed apart, as `start`: it is paid once per run,
not per article. Ratios are against the local pool with one worker, run in this same process. Every run must
give the conflict ids of the baseline (checked). `--cluster-growth` times the story clustering alone on
synthetic corpora of those sizes, to see how it grows with the window. Each configuration runs `--repeat`
times; every row is printed (this machine's cores are shared, so timings are noisy).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from benchmarks.real_stream import stream_articles
from benchmarks.synthetic import generate
from discrepancy.cluster import align_claims, cluster_stories, copy_map
from discrepancy.config import Config, load_config
from discrepancy.engine import DaskEngine, Engine, LocalEngine
from discrepancy.nightly import StageClock
from discrepancy.ingest import BadItem, article_from_record
from discrepancy.records import Article
from discrepancy.workers import _warm_up

END = date(2024, 11, 20)


def synthetic_articles(n: int, config: Config, seed: int = 1) -> list[Article]:
    """`n` synthetic articles over 7 days, through the same ingest checks as a corpus file."""
    articles = []
    for record in generate(n, END, days=7, seed=seed):
        try:
            articles.append(article_from_record(record, record["id"], config.ingest))
        except BadItem:
            continue
    return articles


@contextmanager
def engine_for(kind: str, workers: int, config: Config) -> Iterator[tuple[Engine, float]]:
    """The engine and its start-up seconds (0 for the local pool, which forks warmed-up workers per run)."""
    if kind == "local":
        yield LocalEngine(workers), 0.0
        return
    from distributed import Client, LocalCluster

    started = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster, set_as_default=False) as client:
        client.run(_warm_up, config.extract)  # imports and the classifier, once per worker
        yield DaskEngine(client), time.perf_counter() - started


def run_once(articles: list[Article], kind: str, workers: int, config: Config) -> dict[str, Any]:
    """Per-stage seconds of one run, and its conflict ids."""
    with engine_for(kind, workers, config) as (engine, start):
        timer = StageClock()
        lap = timer.lap

        mentions, failed = [], set()
        for batch in engine.extract_batches(articles, config.extract):
            mentions.extend(batch.mentions)
            failed.update(s.item for s in batch.skipped)
        kept = [a for a in articles if a.id not in failed]
        lap("extract")
        stories = cluster_stories(kept, config.cluster, engine.map_blocks)  # as pipeline.analyse does
        lap("cluster")
        claims = align_claims(stories, mentions, config.cluster.claim_context_similarity,
                          {a.id: a.title for a in kept})
        lap("align")
        conflicts = engine.compare(claims, config.compare, copy_map(stories))
        lap("compare")
    return {"laps": {"start": start, **timer.stages}, "ids": [c.id for c in conflicts], "mentions": len(mentions), "claims": len(claims),
            "stories": len(stories)}


def _row(name: str, kind: str, workers: int, n: int, laps: dict[str, float], base: float | None) -> str:
    work = sum(v for k, v in laps.items() if k != "start")
    rate = n / work
    ratio = f"{rate / base:.2f}x" if base else "1.00x"
    return (f"{name:<10} {kind:<6} {workers:>2}  start {laps['start']:6.1f}  extract {laps['extract']:7.1f}  "
            f"cluster {laps['cluster']:6.2f}  align {laps['align']:6.2f}  compare {laps['compare']:6.3f}  "
            f"| {rate:6.1f} articles/s (extract alone {n / laps['extract']:6.1f})  {ratio}")


def bench_corpus(name: str, articles: list[Article], workers: list[int], repeat: int, config: Config,
                 echo: Callable[[str], None]) -> None:
    echo(f"\n{name}: {len(articles)} articles")
    base_rate: float | None = None
    base_ids: list[str] | None = None
    for kind in ("local", "dask"):
        for w in workers:
            for _ in range(repeat):
                result = run_once(articles, kind, w, config)
                laps = result["laps"]
                rate = len(articles) / sum(v for k, v in laps.items() if k != "start")
                if base_ids is None:
                    base_ids = result["ids"]
                    echo(f"  {result['mentions']} mentions, {result['stories']} stories, {result['claims']} claims, "
                         f"{len(base_ids)} conflicts")
                elif result["ids"] != base_ids:
                    raise SystemExit(f"{kind} with {w} workers found other conflicts than the baseline")
                echo("  " + _row(name, kind, w, len(articles), laps, base_rate))
                if base_rate is None and kind == "local" and w == workers[0]:
                    base_rate = rate


def cluster_growth(sizes: list[int], config: Config, echo: Callable[[str], None]) -> None:
    echo("\nstory clustering alone (client), synthetic 7-day windows:")
    for n in sizes:
        articles = synthetic_articles(n, config, seed=n)
        times = []
        for _ in range(2):
            started = time.perf_counter()
            stories = cluster_stories(articles, config.cluster)
            times.append(time.perf_counter() - started)
        echo(f"  {len(articles):>6} articles: {times[0]:6.2f} s, {times[1]:6.2f} s "
             f"({1000 * min(times) / len(articles):.2f} ms/article), {len(stories)} stories")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--synthetic", type=int, default=4000, help="synthetic articles (0: skip)")
    ap.add_argument("--real", type=int, default=0, help="real 2017 articles (0: all of them, -1: skip)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--cluster-growth", type=int, nargs="*", default=[4000, 8000, 16000])
    args = ap.parse_args()
    # Dask reads its logging levels from the environment, in the LocalCluster's worker processes too: keep
    # start/stop chatter, shutdown noise and pint's ambiguity warnings out of the table.
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")
    os.environ.setdefault("DASK_LOGGING__PINT", "error")
    import dask.config  # already imported by pint, before the environment said so: read it again

    dask.config.refresh()
    logging.getLogger("pint").setLevel(logging.ERROR)  # ambiguous unit words we probe: expected
    config = load_config()
    _warm_up(config.extract)  # the baseline runs in this process: its set-up is no part of its rate either

    def echo(line: str) -> None:
        print(line, flush=True)

    if args.synthetic:
        bench_corpus("synthetic", synthetic_articles(args.synthetic, config), args.workers, args.repeat, config,
                     echo)
    if args.real >= 0:
        bench_corpus("real-2017", stream_articles(args.real or None), args.workers, args.repeat, config, echo)
    if args.cluster_growth:
        cluster_growth(args.cluster_growth, config, echo)
    return 0


if __name__ == "__main__":
    sys.exit(main())
