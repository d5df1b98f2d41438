"""Rerank: a model learnt from verdicts orders conflicts by the likelihood a reviewer confirms them, only
once there are enough decided verdicts of both outcomes. (The benchmark, benchmarks/rerank.py, measures it
on held-out stories; here only the mechanics.)"""

from __future__ import annotations

import json

import pytest

from discrepancy.report import build_snapshot
from discrepancy.review.conflicts import current_conflicts
from discrepancy.review.rerank import MIN_VERDICTS, enough, features, label, rank_conflicts, train, train_from_store
from discrepancy.review.verdicts import record_verdict


@pytest.fixture(scope="module")
def snapshot_conflicts(fixture_run):
    return build_snapshot(fixture_run)["conflicts"]


@pytest.fixture
def store(review_store):
    return review_store


def _verdict(conflict: dict) -> str:
    # A desk that finds every disputed figure a false alarm: something a model can learn from the features.
    return "false alarm" if conflict["kind"] == "disputed" else "confirmed error"


def test_features_are_numbers(snapshot_conflicts):
    for c in snapshot_conflicts:
        f = features(c)
        assert f[f"kind={c['kind']}"] == 1.0 and 0.0 <= f["relative_gap"] <= 1.0
        assert f["sides"] >= 2 and f["outlets"] >= 2 and f["as_of_spread_days"] >= 0
        assert all(isinstance(v, float) for v in f.values())


def test_labels_and_threshold():
    assert label("confirmed error") == label("legitimate difference") == 1 and label("false alarm") == 0
    with pytest.raises(ValueError, match="decides nothing"):
        label("in progress")
    assert not enough([1] * MIN_VERDICTS)  # one outcome only
    assert not enough([1, 0] * (MIN_VERDICTS // 2 - 1))
    assert enough([1, 0] * (MIN_VERDICTS // 2))


def test_no_model_without_enough_verdicts(snapshot_conflicts):
    few = snapshot_conflicts[: MIN_VERDICTS - 1]
    assert train(few, [_verdict(c) for c in few]) is None
    with pytest.raises(ValueError, match="conflicts but"):
        train(snapshot_conflicts, ["false alarm"])


def test_model_learns_what_reviewers_confirm(snapshot_conflicts):
    # Twice the fixtures' conflicts, the copies with figures nudged, so there are more than MIN_VERDICTS.
    nudged = [{**c, "id": c["id"] + "-b", "mentions": [{**m, "value": m["value"] * 1.01} for m in c["mentions"]]}
              for c in snapshot_conflicts]
    conflicts = snapshot_conflicts + nudged
    model = train(conflicts, [_verdict(c) for c in conflicts])
    assert model is not None and model.trained_on == len(conflicts)
    scores = model.scores(snapshot_conflicts)
    assert all(0.0 <= p <= 1.0 for p in scores)
    confirmed = [p for c, p in zip(snapshot_conflicts, scores) if c["kind"] != "disputed"]
    dismissed = [p for c, p in zip(snapshot_conflicts, scores) if c["kind"] == "disputed"]
    assert min(confirmed) > max(dismissed)
    ranked = [c for c, _ in model.rank(snapshot_conflicts)]
    assert {c["kind"] for c in ranked[: len(confirmed)]} <= {"misreport", "evolving"}
    assert max(model.weights(), key=lambda n: abs(model.weights()[n])).startswith("kind=")


def test_rank_from_the_store(store):
    conflicts = current_conflicts(store)
    assert rank_conflicts(store, conflicts, "likely") == (conflicts, {})  # no verdicts: severity order stays
    # Enough decided conflicts: the store's own plus copies recorded as an earlier run's, with other ids.
    with store.transaction() as db:
        db.execute("INSERT INTO runs (generated_at, counts, skipped) VALUES ('2024-01-01T00:00:00+00:00', '{}', '[]')")
        old_run = db.execute("SELECT MAX(id) FROM runs").fetchone()[0]
        for c in conflicts:
            mentions = [{**m, "value": m["value"] * 1.01} for m in c["mentions"]]
            db.execute("INSERT INTO conflicts (run_id, id, story, referent_key, dimension, unit, kind, severity, "
                       "status, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (old_run, c["id"] + "-old", c["story"], c["referent_key"], c["dimension"], c["unit"],
                        c["kind"], c["severity"], "new", json.dumps(mentions)))
    for c in conflicts:
        record_verdict(store, c["id"], _verdict(c), "Ana")
        record_verdict(store, c["id"] + "-old", _verdict(c), "Ana")
    assert train_from_store(store).trained_on == 2 * len(conflicts)
    ranked, likely = rank_conflicts(store, conflicts, "likely")
    assert set(likely) == {c["id"] for c in conflicts}
    assert [likely[c["id"]] for c in ranked] == sorted(likely.values(), reverse=True)
    assert ranked[0]["kind"] != "disputed"
    same, _ = rank_conflicts(store, conflicts, "severity")
    assert same == conflicts
