"""Review verdicts: append-only history in the store, latest verdict per conflict, validation, dismissals."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from discrepancy.review.conflicts import current_conflicts, filter_conflicts, find_conflict, labelled_conflicts
from discrepancy.review.verdicts import (DISMISSING, VERDICTS, dismissed_ids, latest_verdicts, normalise_verdict,
                                         record_verdict, verdict_history)

T0 = datetime(2024, 11, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def store(review_store):
    return review_store


def test_the_verdict_vocabulary():
    assert VERDICTS == ("unreviewed", "in progress", "confirmed error", "legitimate difference", "false alarm")
    assert DISMISSING == {"legitimate difference", "false alarm"}
    assert normalise_verdict("Confirmed-Error") == normalise_verdict(" confirmed_error ") == "confirmed error"


def test_history_is_appended_never_overwritten(store, ids):
    first = record_verdict(store, ids[0], "in progress", "Ana", "checking the wire copy", now=T0)
    second = record_verdict(store, ids[0], "confirmed error", "Ben", "Ledger misprinted it", now=T0 + timedelta(hours=2))
    assert second["id"] > first["id"]
    history = verdict_history(store, ids[0])
    assert [(v["verdict"], v["reviewer"], v["note"]) for v in history] == [
        ("in progress", "Ana", "checking the wire copy"), ("confirmed error", "Ben", "Ledger misprinted it")]
    assert history[0]["created_at"] == "2024-11-01T09:00:00+00:00"
    assert store.count("verdicts") == 2
    latest = latest_verdicts(store)
    assert set(latest) == {ids[0]}
    assert {k: latest[ids[0]][k] for k in ("verdict", "reviewer", "note", "created_at")} == {
        "verdict": "confirmed error", "reviewer": "Ben", "note": "Ledger misprinted it",
        "created_at": "2024-11-01T11:00:00+00:00"}


def test_latest_is_the_last_recorded_even_with_an_earlier_clock(store, ids):
    record_verdict(store, ids[1], "false alarm", "Ana", now=T0)
    record_verdict(store, ids[1], "unreviewed", "Ana", "reopened", now=T0 - timedelta(days=1))
    assert latest_verdicts(store)[ids[1]]["verdict"] == "unreviewed"


def test_current_conflicts_carry_their_verdict(store, ids):
    record_verdict(store, ids[2], "legitimate difference", "Ana", now=T0)
    conflicts = current_conflicts(store)
    assert [c["id"] for c in conflicts] == ids and len(ids) >= 3
    assert {c["id"]: c["verdict"] for c in conflicts}[ids[2]] == "legitimate difference"
    assert all(c["verdict"] == "unreviewed" for c in conflicts if c["id"] != ids[2])
    assert [c["id"] for c in filter_conflicts(conflicts, verdict="legitimate difference")] == [ids[2]]
    kind = conflicts[0]["kind"]
    assert all(c["kind"] == kind for c in filter_conflicts(conflicts, kind=kind))
    found = find_conflict(store, ids[2])
    assert found["current"] and found["verdict"] == "legitimate difference" and found["mentions"]
    assert find_conflict(store, "k-000000000000") is None


def test_dismissed_ids(store, ids):
    record_verdict(store, ids[0], "false alarm", "Ana", now=T0)
    record_verdict(store, ids[1], "legitimate difference", "Ana", now=T0)
    record_verdict(store, ids[2], "false alarm", "Ana", now=T0)
    record_verdict(store, ids[2], "confirmed error", "Ben", "it was real after all", now=T0 + timedelta(hours=1))
    record_verdict(store, ids[3], "in progress", "Ana", now=T0)
    assert dismissed_ids(store) == {ids[0], ids[1]}
    assert sorted(v for _, v in labelled_conflicts(store)) == ["confirmed error", "false alarm",
                                                              "legitimate difference"]


@pytest.mark.parametrize(("change", "message"), [
    ({"verdict": "maybe"}, "unknown verdict 'maybe'"),
    ({"reviewer": "   "}, "reviewer must not be empty"),
    ({"reviewer": "x" * 201}, "at most 200"),
    ({"reviewer": "Ana\x1b[31m"}, "control characters"),
    ({"note": "n" * 10_001}, "at most 10000"),
    ({"conflict_id": "k-000000000000"}, "no conflict 'k-000000000000'"),
    ({"conflict_id": ""}, "conflict id must not be empty"),
    ({"now": datetime(2024, 11, 1, 9, 0)}, "timezone-aware"),
])
def test_invalid_verdicts_are_refused_and_nothing_is_written(store, ids, change, message):
    args = {"conflict_id": ids[0], "verdict": "false alarm", "reviewer": "Ana", "note": "", "now": T0, **change}
    with pytest.raises(ValueError, match=message):
        record_verdict(store, **args)
    assert store.count("verdicts") == 0


def test_a_note_keeps_its_line_breaks(store, ids):
    row = record_verdict(store, ids[0], "confirmed error", "Ana", "line one\nline two\n", now=T0)
    assert row["note"] == "line one\nline two"
