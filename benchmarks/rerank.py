"""Does learning from verdicts put the conflicts reviewers confirm first? Precision of the top ranks, before/after.

    python -m benchmarks.rerank [--json]

Labels without a reviewer: the pipeline runs on the bundled fixtures with a deliberately looser setting
(claims keyed by the referent's concept alone, so "killed" may meet "injured" and Paris the whole country;
no rounding slack; sides up to 100x apart; no sentence-context check), so that it raises false alarms beside
the real conflicts. A conflict that matches a gold conflict pair (fixtures/gold.json, matched the way
discrepancy.evaluate.gold scores runs) gets the verdict a reviewer would give it, `confirmed error` for a gold
misreport and `legitimate difference` for a disputed or evolving figure; every other conflict is a `false alarm`.

Evaluation: leave-one-story-out cross-validation, so the model never trains on the story it ranks. Each
conflict is scored by the model trained on the other stories; the pooled ranking is compared with the
pipeline's own order (severity) by precision at k, average precision and ROC AUC. The set is small (tens
of conflicts): read the figures as an indication, with the bootstrap interval printed beside them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import replace
from datetime import datetime, timezone
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import average_precision_score, roc_auc_score

from discrepancy.cluster import align_claims, cluster_stories, copy_map
from discrepancy.compare import compare_claims
from discrepancy.config import load_config
from discrepancy.evaluate.gold import Gold, Span, gold_conflict_pairs, load_gold, locate
from discrepancy.extract.referent import split_key
from discrepancy.ingest import read_corpus
from discrepancy.pipeline import extract_all
from discrepancy.records import Conflict, RunResult
from discrepancy.report import build_snapshot
from discrepancy.review.rerank import MIN_VERDICTS, label, train

ROOT = Path(__file__).resolve().parents[1]
LOOSE = {"compare": {"max_ratio": 100.0, "max_ratio_evolving": 1000.0}, "extract": {"rounding": False},
         "cluster": {"claim_context_similarity": 0.0}}
KS = (3, 5, 10)
BOOTSTRAP = 2000


def loose_run() -> tuple[RunResult, Gold]:
    """The fixtures through the pipeline's stages with the looser setting (see the module docstring)."""
    config = load_config(overrides=LOOSE)
    articles = read_corpus([ROOT / "fixtures" / "corpus"], config.ingest).articles
    mentions, skipped = extract_all(articles, config)
    # The referent's concept alone: qualifiers ("injured" vs "killed" on "people") and scope ("@paris") go.
    mentions = [replace(m, referent_key=split_key(m.referent_key)[0]) for m in mentions]
    stories = cluster_stories(articles, config.cluster)
    claims = align_claims(stories, mentions, config.cluster.claim_context_similarity,
                          {a.id: a.title for a in articles})
    conflicts = compare_claims(claims, config.compare, copy_map(stories))
    result = RunResult(tuple(articles), tuple(mentions), tuple(stories), tuple(claims), tuple(conflicts),
                       datetime.now(timezone.utc), tuple(skipped))
    return result, load_gold(ROOT / "fixtures" / "gold.json", {a.id: a for a in articles})


def _gold_span(gold: Gold, span: Span) -> Span | None:
    found = locate(gold, span)
    return found.span if found else None


def gold_verdict(conflict: Conflict, gold: Gold, pairs: dict[tuple[Span, Span], str]) -> str:
    """The verdict a reviewer with the gold labels would give: any pair of mentions on two sides of the
    conflict, in two articles, that is a gold conflicting pair makes it real."""
    for side_a, side_b in combinations(conflict.groups, 2):
        for a in side_a:
            for b in side_b:
                if a.article_id == b.article_id:
                    continue
                ga = _gold_span(gold, (a.article_id, a.start, a.end))
                gb = _gold_span(gold, (b.article_id, b.start, b.end))
                if ga and gb and (min(ga, gb), max(ga, gb)) in pairs:
                    return "confirmed error" if pairs[(min(ga, gb), max(ga, gb))] == "misreport" \
                        else "legitimate difference"
    return "false alarm"


def story_groups(conflicts: list[dict[str, Any]], gold: Gold) -> list[int]:
    """One group per gold story; conflicts whose mentions span several gold stories join them into one
    group, so no story is ever on both sides of a split."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    touched = [sorted({gold.stories.get(m["article_id"], m["article_id"]) for m in c["mentions"]})
               for c in conflicts]
    for stories in touched:
        for s in stories[1:]:
            parent[find(s)] = find(stories[0])
    roots = sorted({find(s[0]) for s in touched})
    return [roots.index(find(s[0])) for s in touched]


def precision_at(order: np.ndarray, y: np.ndarray, k: int) -> float:
    return float(y[order[:k]].mean())


def measure(seed: int = 0) -> dict[str, Any]:
    result, gold = loose_run()
    pairs = gold_conflict_pairs(gold)
    conflicts = build_snapshot(result)["conflicts"]  # same order as result.conflicts
    verdicts = [gold_verdict(c, gold, pairs) for c in result.conflicts]
    y = np.array([label(v) for v in verdicts])
    groups = np.array(story_groups(conflicts, gold))
    severity = np.array([float(c["severity"]) for c in conflicts])

    learnt = np.full(len(conflicts), np.nan)
    skipped_folds = 0
    for g in sorted(set(groups)):
        test = groups == g
        model = train([c for c, t in zip(conflicts, test) if not t], [v for v, t in zip(verdicts, test) if not t])
        if model is None:  # too few verdicts of one outcome without this story: severity stays
            skipped_folds += 1
            learnt[test] = severity[test]
            continue
        learnt[test] = model.scores([c for c, t in zip(conflicts, test) if t])

    # Ties broken by the conflict's position in the pipeline's own order (stable argsort).
    before = np.argsort(-severity, kind="stable")
    after = np.argsort(-learnt, kind="stable")
    rng = np.random.default_rng(seed)
    boot = {"ap_gain": [], "p5_gain": []}
    for _ in range(BOOTSTRAP):
        idx = rng.integers(0, len(y), len(y))
        if y[idx].min() == y[idx].max():
            continue
        boot["ap_gain"].append(average_precision_score(y[idx], learnt[idx]) -
                               average_precision_score(y[idx], severity[idx]))
        b, a = np.argsort(-severity[idx], kind="stable"), np.argsort(-learnt[idx], kind="stable")
        boot["p5_gain"].append(y[idx][a[:5]].mean() - y[idx][b[:5]].mean())
    full = train(conflicts, verdicts)
    weights = sorted(full.weights().items(), key=lambda kv: -abs(kv[1])) if full else []
    return {
        "conflicts": len(y), "confirmed": int(y.sum()), "false_alarms": int(len(y) - y.sum()),
        "verdicts": dict(Counter(verdicts)), "stories": int(len(set(groups))), "folds_without_model": skipped_folds,
        "min_verdicts": MIN_VERDICTS, "base_rate": round(float(y.mean()), 3),
        "before": {**{f"p@{k}": round(precision_at(before, y, k), 3) for k in KS},
                   "average_precision": round(float(average_precision_score(y, severity)), 3),
                   "roc_auc": round(float(roc_auc_score(y, severity)), 3)},
        "after": {**{f"p@{k}": round(precision_at(after, y, k), 3) for k in KS},
                  "average_precision": round(float(average_precision_score(y, learnt)), 3),
                  "roc_auc": round(float(roc_auc_score(y, learnt)), 3)},
        "bootstrap_95": {name: [round(float(np.percentile(v, 2.5)), 3), round(float(np.percentile(v, 97.5)), 3)]
                         for name, v in boot.items()},
        "weights": [[n, round(w, 2)] for n, w in weights[:8]],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    s = measure()
    if args.json:
        print(json.dumps(s, indent=1))
        return 0
    print(f"loose run on the fixtures: {s['conflicts']} conflicts in {s['stories']} stories, {s['confirmed']} "
          f"confirmed by gold, {s['false_alarms']} false alarms (base rate {s['base_rate']:.3f}); {s['verdicts']}")
    print(f"leave-one-story-out; folds with too few verdicts to train (severity kept): {s['folds_without_model']}")
    print(f"{'':24}" + "".join(f"{name:>9}" for name in [*(f'P@{k}' for k in KS), "AP", "ROC AUC"]))
    for row in ("before", "after"):
        title = "severity (before)" if row == "before" else "learnt from verdicts"
        r = s[row]
        print(f"{title:24}" + "".join(f"{r[f'p@{k}']:>9.3f}" for k in KS) +
              f"{r['average_precision']:>9.3f}{r['roc_auc']:>9.3f}")
    lo, hi = s["bootstrap_95"]["ap_gain"]
    lo5, hi5 = s["bootstrap_95"]["p5_gain"]
    print(f"bootstrap 95% interval of the gain: AP {lo:+.3f} to {hi:+.3f}, P@5 {lo5:+.3f} to {hi5:+.3f}")
    print("largest weights of the model trained on all verdicts: " +
          ", ".join(f"{n} {w:+.2f}" for n, w in s["weights"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
