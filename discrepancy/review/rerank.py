"""Rerank: learn from verdicts which conflicts reviewers confirm, and order new conflicts by that likelihood.

A conflict is "confirmed" when a reviewer decided the tool was right to flag it (`confirmed error` or
`legitimate difference`) and not when it was a `false alarm`. With at least MIN_VERDICTS decided verdicts,
and MIN_PER_CLASS of each outcome, a logistic regression on features of the conflict (kind, severity, how far
apart the sides are, how many outlets and sources back each side, attribution, dimension, hedges, how far
apart the as-of dates are) gives each new conflict a probability of being confirmed. With fewer verdicts
there is no model and the order stays the pipeline's severity.

Features read only the `conflicts.json` shape of a conflict, so the same code serves the store, a saved
snapshot and the benchmark (benchmarks/rerank.py).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

from ..compare import agreeing_groups
from ..store import Store
from .conflicts import labelled_conflicts
from .verdicts import CONFIRMING, UNDECIDED

MIN_VERDICTS = 20
MIN_PER_CLASS = 3
_DIMENSIONS = ("count", "currency", "percent")  # the rest share one "other" column: too rare to learn apart


def _days(iso: str) -> float:
    return float(date.fromisoformat(str(iso)[:10]).toordinal())


def features(conflict: dict[str, Any]) -> dict[str, float]:
    """The conflict as named numbers (categorical values one-hot as "name=value": 1.0)."""
    mentions = conflict["mentions"]
    sides = agreeing_groups(mentions, 0.0, bounds=lambda m: (m["low"], m["high"]))
    medians = [sorted(m["value"] for m in side)[len(side) // 2] for side in sides]
    hi, lo = max(medians, key=abs), min(medians, key=abs)
    ratio = abs(hi) / max(abs(lo), 1e-9)
    exponent = math.log10(max(ratio, 1.0))
    outlets_per_side = sorted(len({m["source"] for m in side}) for side in sides)
    as_of = [_days(m["as_of"]) for m in mentions]
    published = [_days(m["published"]) for m in mentions]
    dimension = conflict["dimension"] if conflict["dimension"] in _DIMENSIONS else "other"
    return {
        f"kind={conflict['kind']}": 1.0,
        f"dimension={dimension}": 1.0,
        "severity": float(conflict["severity"]),
        "relative_gap": (abs(hi) - abs(lo)) / max(abs(hi), 1e-9),
        "log_ratio": math.log10(max(ratio, 1.0)),
        # A factor of exactly 10, 100, 1,000 is the mark of a slipped decimal or scale word.
        "power_of_ten": float(1 <= round(exponent) <= 3 and abs(exponent - round(exponent)) < 0.01),
        "sides": float(len(sides)),
        "mentions": float(len(mentions)),
        "outlets": float(len({m["source"] for m in mentions})),
        "weakest_side_outlets": float(outlets_per_side[0]),
        "strongest_side_outlets": float(outlets_per_side[-1]),
        "attributed_share": sum(1 for m in mentions if m.get("attribution")) / len(mentions),
        "attributions": float(len({m["attribution"].lower() for m in mentions if m.get("attribution")})),
        "hedged_share": sum(1 for m in mentions if m.get("change", "=") != "=") / len(mentions),
        "as_of_spread_days": max(as_of) - min(as_of),
        "published_spread_days": max(published) - min(published),
    }


def label(verdict: str) -> int:
    """1 when the verdict confirms the conflict, 0 for a false alarm; undecided verdicts are no label."""
    if verdict in UNDECIDED:
        raise ValueError(f"{verdict!r} decides nothing and cannot be a training label")
    return int(verdict in CONFIRMING)


def enough(labels: Sequence[int]) -> bool:
    """True when there are enough decided verdicts of both outcomes to train on."""
    positives = sum(labels)
    return len(labels) >= MIN_VERDICTS and min(positives, len(labels) - positives) >= MIN_PER_CLASS


def make_model() -> Pipeline:
    # Balanced classes: desks may mark far more false alarms than confirmations (or the other way round).
    return make_pipeline(DictVectorizer(sparse=False), StandardScaler(),
                         LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000))


@dataclass(frozen=True)
class Reranker:
    """A model trained on verdicts; `scores` gives each conflict the probability a reviewer confirms it."""

    model: Pipeline
    trained_on: int

    def scores(self, conflicts: Sequence[dict[str, Any]]) -> list[float]:
        if not conflicts:
            return []
        return [float(p) for p in self.model.predict_proba([features(c) for c in conflicts])[:, 1]]

    def rank(self, conflicts: Sequence[dict[str, Any]]) -> list[tuple[dict[str, Any], float]]:
        """The conflicts with their scores, most likely confirmed first (ties: more severe first)."""
        scored = list(zip(conflicts, self.scores(conflicts)))
        return sorted(scored, key=lambda cs: (-cs[1], -float(cs[0]["severity"]), cs[0]["id"]))

    def weights(self) -> dict[str, float]:
        """Each feature's coefficient (on standardised features): what the model learnt, for people to check."""
        names = self.model[0].get_feature_names_out()
        return dict(zip(names, (float(w) for w in self.model[-1].coef_[0])))


def train(conflicts: Sequence[dict[str, Any]], verdicts: Sequence[str]) -> Reranker | None:
    """A reranker trained on conflicts and their decided verdicts, or None when there are not `enough`."""
    if len(conflicts) != len(verdicts):
        raise ValueError(f"{len(conflicts)} conflicts but {len(verdicts)} verdicts")
    labels = [label(v) for v in verdicts]
    if not enough(labels):
        return None
    model = make_model().fit([features(c) for c in conflicts], labels)
    return Reranker(model, len(labels))


def train_from_store(store: Store) -> Reranker | None:
    """A reranker trained on every decided verdict in the store, or None when there are not enough."""
    pairs = labelled_conflicts(store)
    return train([c for c, _ in pairs], [v for _, v in pairs])


def rank_conflicts(store: Store, conflicts: Sequence[dict[str, Any]], order: str = "likely",
                   ) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """`conflicts` in `order` ("likely": most likely confirmed first, when the store's verdicts are enough to
    learn from; "severity": as given) and each conflict's probability of being confirmed ({} with no model)."""
    if order not in ("likely", "severity"):
        raise ValueError(f"unknown order {order!r}; expected 'likely' or 'severity'")
    model = train_from_store(store) if conflicts else None
    if model is None:
        return list(conflicts), {}
    ranked = model.rank(conflicts)
    likely = {c["id"]: p for c, p in ranked}
    return ([c for c, _ in ranked] if order == "likely" else list(conflicts)), likely
