"""Extraction throughput: our extract stage vs raw `quantulum3.parser.parse`, same articles, same process.

    python -m benchmarks.extract_speed [--limit 300]

The stream is the real 2017 NewsArticles set (see `benchmarks.real_stream`). Both sides are warmed up on 2
articles first, so set-up cost (loading quantulum3's classifier, pint, regexes) is excluded from both; then
each runs over the same N articles on one core, one process. Prints articles/s for each and the ratio.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from quantulum3 import parser as quantulum_parser

from benchmarks.real_stream import stream_articles
from discrepancy.config import load_config
from discrepancy.extract import extract_mentions
from discrepancy.extract.quantulum import classifier_path


def _one_core() -> None:
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        except OSError:
            pass


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=300, help="articles to time (default 300)")
    args = ap.parse_args()
    _one_core()
    articles = stream_articles(args.limit + 2 + max(20, args.limit // 10))  # ingest skips a few rows
    warm, timed = articles[:2], articles[2: args.limit + 2]
    config = load_config().extract
    path = classifier_path()

    failures: list[str] = []

    def ours(batch):
        n = 0
        for a in batch:
            try:
                n += len(extract_mentions(a, config))
            except Exception as exc:  # an extractor bug must not hide the timing; it is reported below
                failures.append(f"{a.id}: {type(exc).__name__}: {exc}")
        return n

    def raw(batch):
        return sum(len(quantulum_parser.parse(a.text, classifier_path=path)) for a in batch)

    ours(warm)
    raw(warm)
    t = time.perf_counter()
    n_ours = ours(timed)
    ours_s = time.perf_counter() - t
    t = time.perf_counter()
    n_raw = raw(timed)
    raw_s = time.perf_counter() - t
    ours_rate, raw_rate = len(timed) / ours_s, len(timed) / raw_s
    chars = sum(len(a.text) for a in timed)
    print(f"{len(timed)} articles ({chars / len(timed):.0f} chars on average), one process, one core")
    print(f"discrepancy extract: {ours_rate:8.1f} articles/s  ({ours_s:.1f} s, {n_ours} mentions)")
    print(f"raw quantulum3:      {raw_rate:8.1f} articles/s  ({raw_s:.1f} s, {n_raw} quantities)")
    print(f"ratio: {ours_rate / raw_rate:.2f}x")
    if failures:
        print(f"extract raised on {len(failures)} article(s) (timed up to the error): " + "; ".join(failures[:5]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
