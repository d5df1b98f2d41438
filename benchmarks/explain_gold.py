"""Explain a run's misses and false alarms against a gold set: where each gold conflict was lost.

    python -m benchmarks.explain_gold [FOLDER] [--story ID] [--false]

FOLDER holds `corpus/` and `gold.json` (default: fixtures/heldout). For every gold conflict claim it prints
each labelled mention with what the pipeline made of it (not extracted; extracted with which referent
key, interval and claim) and the stage where its pairs were lost: a side never extracted, a side in no
claim, the sides put in different claims, or one claim whose figures were judged to agree. `--false` also
lists the predicted pairs that are no gold pair, with both sentences. A developer's tool for finding the
next general cause; it scores nothing that score_fixtures does not.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

from discrepancy.config import load_config
from discrepancy.evaluate.gold import (GoldMention, gold_conflict_pairs, load_gold, locate, pair_key,
                                      predicted_pairs, score_run)
from discrepancy.ingest import read_corpus
from discrepancy.pipeline import run_pipeline
from discrepancy.records import Mention, RunResult

ROOT = Path(__file__).resolve().parents[1]


def _overlapping(mentions: list[Mention], g: GoldMention) -> Mention | None:
    aid, start, end = g.span
    for m in mentions:
        if m.article_id == aid and m.start < end and start < m.end:
            return m
    return None


def explain(result: RunResult, gold, story: str | None = None) -> Counter:
    """Print each gold conflict claim's mentions as the pipeline saw them; return counts of loss causes."""
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in result.mentions:
        by_article[m.article_id].append(m)
    claim_of = {(m.article_id, m.start): c.id for c in result.claims for m in c.mentions}
    claim_key = {c.id: c.referent_key for c in result.claims}
    conflict_of = {c.claim.id: c for c in result.conflicts}
    gold_pairs = gold_conflict_pairs(gold)
    found = _found_gold_pairs(result, gold)
    causes: Counter = Counter()
    lost: Counter = Counter()
    for claim_id, claim in gold.claims.items():
        if claim["verdict"] != "conflict" or (story and claim["story"] != story):
            continue
        gms = [g for g in gold.mentions if g.claim == claim_id]
        print(f"\n== {claim_id} [{claim['kind']}] {claim['referent']}")
        seen = {}
        for g in gms:
            m = _overlapping(by_article[g.span[0]], g)
            seen[g] = m
            text = next(a.text for a in result.articles if a.id == g.span[0])[g.span[1]:g.span[2]]
            if m is None:
                print(f"  {g.figure} {g.span[0]:<22} {text!r:<34} NOT EXTRACTED")
                continue
            cid = claim_of.get((m.article_id, m.start), "-")
            flag = "conflict" if cid in conflict_of else ""
            print(f"  {g.figure} {g.span[0]:<22} {text!r:<34} {m.low:g}..{m.high:g} {m.unit} "
                  f"key={m.referent_key!r} attr={m.attribution_key!r} as_of={m.as_of} "
                  f"claim={cid}:{claim_key.get(cid, '')!r} {flag}")
        for (a, b), _kind in gold_pairs.items():
            ga = next((g for g in gms if g.span == a), None)
            gb = next((g for g in gms if g.span == b), None)
            if ga is None or gb is None:
                continue
            if (a, b) in found:
                causes["found"] += 1
                continue
            lost[claim_id] += 1
            ma, mb = seen.get(ga), seen.get(gb)
            if ma is None or mb is None:
                causes["not extracted"] += 1
            elif (ma.article_id, ma.start) not in claim_of or (mb.article_id, mb.start) not in claim_of:
                causes["not in a claim"] += 1  # no concept, too small, listed, or split off alone by context
            elif claim_of[(ma.article_id, ma.start)] != claim_of[(mb.article_id, mb.start)]:
                causes["different claims"] += 1
            else:
                causes["judged to agree"] += 1
    if lost:
        print("\n== gold pairs lost, by claim")
        for claim_id, n in lost.most_common():
            print(f"  {n:4} {claim_id}")
    return causes


def _found_gold_pairs(result: RunResult, gold) -> set:
    """Gold span pairs that some predicted conflict pair lands on (as score_run matches them)."""
    out = set()
    for a, b in predicted_pairs(result):
        ga, gb = locate(gold, a), locate(gold, b)
        if ga and gb:
            out.add(pair_key(ga.span, gb.span))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "fixtures" / "heldout"))
    parser.add_argument("--story")
    parser.add_argument("--false", action="store_true", help="also list predicted pairs that are no gold pair")
    args = parser.parse_args()
    folder = Path(args.folder)
    config = load_config()
    articles = read_corpus([folder / "corpus"], config.ingest).articles
    result = run_pipeline(articles, config)
    gold = load_gold(folder / "gold.json", {a.id: a for a in articles})
    if gold.missing:
        print(f"gold surfaces not found in their articles: {list(gold.missing)}")
    causes = explain(result, gold, args.story)
    score = score_run(result, gold)
    if args.false:
        texts = {a.id: a.text for a in articles}
        at = {(m.article_id, m.start): m for m in result.mentions}
        print("\n== predicted pairs that are no gold pair")
        for pair in score.false_pairs:
            (a, b) = pair.split(" vs ")
            if args.story and not a.startswith(args.story):
                continue
            parts = []
            for side in (a, b):
                aid, start = side.rsplit("@", 1)
                m = at[(aid, int(start))]
                parts.append(f"{aid}: {m.surface!r} key={m.referent_key!r} attr={m.attribution_key!r}"
                             f" as_of={m.as_of}\n      {texts[aid][m.sentence_start:m.sentence_start + len(m.sentence)]}")
            print(f"  - {parts[0]}\n    vs {parts[1]}")
    print(f"\ngold pairs by cause: {dict(causes)}")
    print(f"P {score.precision:.3f} R {score.recall:.3f} kind {score.kind_accuracy:.3f} "
          f"stories F1 {score.story_f1:.3f} traps flagged {list(score.traps_flagged)} cross-story {score.cross_story_pairs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
