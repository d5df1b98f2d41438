"""Quality gate (as trafilatura does it): scores on the fixtures must not fall below pinned floors.

Floors live in benchmarks/quality_floors.json. Raising one is a commit (`python -m benchmarks.score_fixtures
--update-floors`); lowering one needs a reason in the commit message.
"""

from __future__ import annotations

import json

import pytest

from discrepancy.evaluate.gold import score_run

from .conftest import ROOT

FLOORS = json.loads((ROOT / "benchmarks" / "quality_floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def score(fixture_run, gold):
    assert not gold.missing, gold.missing
    return score_run(fixture_run, gold)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_score_at_or_above_floor(score, metric):
    assert getattr(score, metric) >= FLOORS[metric], f"{metric} fell to {getattr(score, metric)}"


def test_beats_naive_baseline(score):
    assert score.precision > 2 * score.baseline_precision


def test_no_cross_story_conflicts_and_no_trap_flagged(score):
    assert score.cross_story_pairs == 0
    assert score.traps_flagged == ()
