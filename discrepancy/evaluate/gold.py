"""Score a run against gold labels (fixtures/gold.json): conflict pairs, kinds, stories, traps.

Unit of scoring: a pair of mentions in different articles. Gold conflict pairs are pairs of labelled
mentions of one conflict claim with different `figure` labels; a predicted pair is any two mentions on
different sides of a predicted conflict. A predicted mention matches a gold one when their spans overlap
in the same article. Beside it, a naive baseline ("same story, same unit, different value").
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from ..records import Article, Mention, RunResult

Span = tuple[str, int, int]  # article id, start, end


@dataclass(frozen=True)
class GoldMention:
    claim: str
    span: Span
    figure: str


@dataclass(frozen=True)
class Gold:
    stories: dict[str, str]  # article id -> story id
    claims: dict[str, dict[str, Any]]
    mentions: tuple[GoldMention, ...]
    missing: tuple[str, ...] = field(default=())  # gold surfaces not found in the article text


def load_gold(path: str | Path, articles: dict[str, Article]) -> Gold:
    """Gold labels with each mention's surface located in its article's (extracted) text."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    stories = {aid: s["id"] for s in data["stories"] for aid in s["articles"]}
    mentions, missing = [], []
    for claim in data["claims"]:
        for m in claim["mentions"]:
            article = articles.get(m["article_id"])
            at = article.text.find(m["surface"]) if article else -1
            if at < 0:
                missing.append(f"{m['article_id']}: {m['surface']!r}")
                continue
            mentions.append(GoldMention(claim["id"], (m["article_id"], at, at + len(m["surface"])), m["figure"]))
    return Gold(stories, {c["id"]: c for c in data["claims"]}, tuple(mentions), tuple(missing))


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def pair_key(a: Span, b: Span) -> tuple[Span, Span]:
    return (a, b) if a <= b else (b, a)


def gold_conflict_pairs(gold: Gold) -> dict[tuple[Span, Span], str]:
    """Gold conflicting pairs -> kind."""
    by_claim: dict[str, list[GoldMention]] = defaultdict(list)
    for m in gold.mentions:
        by_claim[m.claim].append(m)
    pairs = {}
    for claim_id, ms in by_claim.items():
        claim = gold.claims[claim_id]
        if claim["verdict"] != "conflict":
            continue
        for a, b in combinations(ms, 2):
            if a.figure != b.figure and a.span[0] != b.span[0]:
                pairs[pair_key(a.span, b.span)] = claim["kind"]
    return pairs


def locate(gold: Gold, span: Span) -> GoldMention | None:
    for g in gold.mentions:
        if _overlaps(g.span, span):
            return g
    return None


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    kind_accuracy: float
    predicted_pairs: int
    gold_pairs: int
    true_pairs: int
    cross_story_pairs: int
    traps_flagged: tuple[str, ...]
    story_precision: float
    story_recall: float
    story_f1: float
    baseline_precision: float
    baseline_recall: float
    baseline_pairs: int
    false_pairs: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.__dict__.items()}


def _prf(tp: int, predicted: int, actual: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 1.0
    r = tp / actual if actual else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def span_of(m: Mention) -> Span:
    return (m.article_id, m.start, m.end)


def predicted_pairs(result: RunResult) -> dict[tuple[Span, Span], str]:
    """The run's flagged pairs: mentions on different sides of a conflict, in different articles, with the
    conflict's kind."""
    predicted: dict[tuple[Span, Span], str] = {}
    for c in result.conflicts:
        for g1, g2 in combinations(c.groups, 2):
            for a in g1:
                for b in g2:
                    if a.article_id != b.article_id:
                        predicted[pair_key(span_of(a), span_of(b))] = c.kind
    return predicted


def score_run(result: RunResult, gold: Gold) -> Score:
    gold_pairs = gold_conflict_pairs(gold)
    predicted = predicted_pairs(result)
    tp, kind_ok, cross, false_pairs = 0, 0, 0, []
    matched_gold: set[tuple[Span, Span]] = set()
    flagged_traps: set[str] = set()
    for (a, b), kind in predicted.items():
        ga, gb = locate(gold, a), locate(gold, b)
        if gold.stories.get(a[0]) != gold.stories.get(b[0]):
            cross += 1
        key = pair_key(ga.span, gb.span) if ga and gb else None
        if key in gold_pairs:
            if key not in matched_gold:
                matched_gold.add(key)
                tp += 1
                kind_ok += gold_pairs[key] == kind
            continue
        if ga and gb and ga.claim == gb.claim and gold.claims[ga.claim]["verdict"] == "consistent":
            flagged_traps.add(ga.claim)
        if len(false_pairs) < 200:
            false_pairs.append(f"{a[0]}@{a[1]} vs {b[0]}@{b[1]}")
    # Predicted pairs that map onto the same gold pair count once.
    n_predicted = len({(pair_key(locate(gold, a).span, locate(gold, b).span) if locate(gold, a) and
                        locate(gold, b) else (a, b)) for a, b in predicted})
    p, r, f = _prf(tp, n_predicted, len(gold_pairs))
    sp, sr, sf = _story_scores(result, gold)
    bp, br, bn = _baseline(result, gold, gold_pairs)
    return Score(round(p, 4), round(r, 4), round(f, 4), round(kind_ok / tp, 4) if tp else 0.0, n_predicted,
                 len(gold_pairs), tp, cross, tuple(sorted(flagged_traps)), sp, sr, sf, bp, br, bn,
                 tuple(false_pairs))


def _story_scores(result: RunResult, gold: Gold) -> tuple[float, float, float]:
    """Pairwise precision/recall/F1 of the story clustering against the gold stories."""
    predicted = {aid: s.id for s in result.stories for aid in s.article_ids}
    ids = sorted(set(predicted) & set(gold.stories))
    tp = fp = fn = 0
    for a, b in combinations(ids, 2):
        same_pred, same_gold = predicted[a] == predicted[b], gold.stories[a] == gold.stories[b]
        tp += same_pred and same_gold
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p, r, f = _prf(tp, tp + fp, tp + fn)
    return round(p, 4), round(r, 4), round(f, 4)


def _baseline(result: RunResult, gold: Gold, gold_pairs: dict) -> tuple[float, float, int]:
    """Naive: any two mentions of one story with the same unit and a different value conflict."""
    story_of = {aid: s.id for s in result.stories for aid in s.article_ids}
    by_key: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in result.mentions:
        by_key[(story_of.get(m.article_id, ""), m.unit)].append(m)
    predicted = set()
    for ms in by_key.values():
        for a, b in combinations(ms, 2):
            if a.article_id != b.article_id and a.value != b.value:
                ga, gb = locate(gold, span_of(a)), locate(gold, span_of(b))
                predicted.add(pair_key(ga.span, gb.span) if ga and gb else pair_key(span_of(a), span_of(b)))
    tp = len(predicted & set(gold_pairs))
    p, r, _ = _prf(tp, len(predicted), len(gold_pairs))
    return round(p, 4), round(r, 4), len(predicted)
