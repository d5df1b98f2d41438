"""The nightly job at scale: wall time and peak memory for N synthetic articles, and how time grows with N.

    python -m benchmarks.nightly_scale [--articles 20000 40000] [--workers 0]

For each N, a fresh synthetic corpus (`benchmarks.synthetic`, 7 days, one JSONL file per day) and a fresh
store; then `discrepancy nightly --config ...` runs once, end to end, as cron would run it (a subprocess).
Peak memory is the largest resident set of the job's whole process tree (the job and its extraction
workers), sampled from /proc every 50 ms. The baseline is the first N, timed in this same process run: the
ratio time(N) / time(first N) is printed beside each row. Bars (issue #6): 20,000 articles in ≤ 120 s and
≤ 1.5 GB, and time(40,000) ≤ 2.2 × time(20,000).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from benchmarks.synthetic import write_corpus

END = date(2024, 11, 20)


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree_rss(root: int) -> int:
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _rss_bytes(pid)
        stack.extend(_children(pid))
    return total


def run_once(n: int, workers: int, work: Path) -> dict[str, float]:
    """Generate N articles, run one nightly job over them, return seconds and peak bytes."""
    root = work / f"n{n}"
    write_corpus(root / "inbox", n, END, days=7, seed=n)
    config = root / "nightly.toml"
    config.write_text(
        f'[store]\npath = "state.db"\n\n[extract]\nworkers = {workers}\n\n'
        f'[[sources]]\ntype = "folder"\npath = "inbox"\n', encoding="utf-8")
    peak = 0
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "discrepancy", "nightly", "--config", str(config),
                             "--date", END.isoformat()], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"nightly failed for N={n}: {err.strip().splitlines()[-1:]}")
    print(f"  {out.strip()}")
    return {"seconds": seconds, "peak": float(peak)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, nargs="+", default=[20_000, 40_000])
    ap.add_argument("--workers", type=int, default=0, help="extraction processes (0: one per core)")
    ap.add_argument("--keep", type=Path, help="keep the corpora and stores in this folder")
    args = ap.parse_args()
    print(f"nightly job, synthetic corpus, {os.cpu_count()} cores, workers={args.workers or 'all'}")
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        rows = [(n, run_once(n, args.workers, work)) for n in args.articles]
    base_n, base = rows[0]
    print(f"{'articles':>9} {'seconds':>8} {'art/s':>7} {'peak MB':>8} {'time ratio':>10} {'size ratio':>10}")
    for n, r in rows:
        print(f"{n:>9} {r['seconds']:>8.1f} {n / r['seconds']:>7.0f} {r['peak'] / 2**20:>8.0f} "
              f"{r['seconds'] / base['seconds']:>10.2f} {n / base_n:>10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
