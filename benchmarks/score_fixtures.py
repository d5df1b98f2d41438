"""Score the pipeline on fixtures/gold.json beside the naive baseline; print figures and ratios.

    python -m benchmarks.score_fixtures [--json] [--update-floors] [--heldout]

Prints conflict-pair precision/recall/F1, kind accuracy, story clustering, traps flagged, cross-story
conflicts, and the naive baseline ("same story, same unit, different value") measured in the same run.
`--update-floors` raises the floors in benchmarks/quality_floors.json to today's figures (never lowers).
`--heldout` scores fixtures/heldout/ instead: stories written apart from the rules, scored once on first
contact (figures in the commit that added them); not gated, it is where the next causes are found.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from discrepancy.config import load_config
from discrepancy.evaluate.gold import load_gold, score_run
from discrepancy.ingest import read_corpus
from discrepancy.pipeline import run_pipeline

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "benchmarks" / "quality_floors.json"
GATED = ("precision", "recall", "kind_accuracy", "story_f1")


def measure(folder: Path = ROOT / "fixtures") -> dict:
    config = load_config()
    articles = read_corpus([folder / "corpus"], config.ingest).articles
    started = time.perf_counter()
    result = run_pipeline(articles, config)
    seconds = time.perf_counter() - started
    gold = load_gold(folder / "gold.json", {a.id: a for a in articles})
    score = score_run(result, gold).as_dict()
    score["seconds"] = round(seconds, 2)
    score["articles"] = len(articles)
    return score


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--update-floors", action="store_true")
    parser.add_argument("--heldout", action="store_true", help="score fixtures/heldout/ (not gated)")
    args = parser.parse_args()
    if args.heldout and args.update_floors:
        parser.error("the held-out set has no floors")
    s = measure(ROOT / "fixtures" / "heldout" if args.heldout else ROOT / "fixtures")
    if args.json:
        print(json.dumps({k: v for k, v in s.items() if k != "false_pairs"}, indent=1))
    else:
        print(f"{'held-out' if args.heldout else 'fixtures'}: {s['articles']} articles in {s['seconds']}s")
        print(f"conflict pairs   pipeline  P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
              f"({s['true_pairs']}/{s['predicted_pairs']} predicted, {s['gold_pairs']} gold)")
        print(f"                 baseline  P {s['baseline_precision']:.3f}  R {s['baseline_recall']:.3f}  "
              f"({s['baseline_pairs']} predicted)")
        if s["baseline_precision"]:
            print(f"                 precision ratio pipeline/baseline: {s['precision'] / s['baseline_precision']:.1f}x")
        print(f"kind accuracy    {s['kind_accuracy']:.3f}")
        print(f"stories          P {s['story_precision']:.3f}  R {s['story_recall']:.3f}  F1 {s['story_f1']:.3f}")
        print(f"traps flagged    {len(s['traps_flagged'])} {s['traps_flagged']}")
        print(f"cross-story      {s['cross_story_pairs']} pairs")
    if args.update_floors:
        floors = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
        for key in GATED:
            floors[key] = max(floors.get(key, 0.0), round(s[key] - 0.005, 3))
        FLOORS.write_text(json.dumps(floors, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"floors now {floors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
