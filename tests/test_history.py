"""History: new / ongoing / resolved against the previous run, and verdicts that dismiss a conflict."""

from __future__ import annotations

from discrepancy.history import dismissed, status_counts, with_history


def _snap(*ids: str, status: str = "new") -> dict:
    return {"generated_at": "2024-05-21T03:00:00+00:00", "counts": {}, "stories": [],
            "conflicts": [{"id": i, "kind": "misreport", "severity": 0.5, "status": status, "mentions": []}
                          for i in ids]}


def test_new_ongoing_and_resolved():
    previous = _snap("a", "b")
    now = with_history(_snap("b", "c"), previous)
    assert {c["id"]: c["status"] for c in now["conflicts"]} == {"b": "ongoing", "c": "new", "a": "resolved"}
    assert status_counts(now) == {"new": 1, "ongoing": 1, "resolved": 1, "dismissed": 0}


def test_a_resolved_conflict_is_reported_once():
    first = with_history(_snap("b"), _snap("a", "b"))  # a resolved tonight
    second = with_history(_snap("b"), first)
    assert {c["id"]: c["status"] for c in second["conflicts"]} == {"b": "ongoing"}


def test_first_run_has_everything_new():
    assert {c["status"] for c in with_history(_snap("a", "b"), None)["conflicts"]} == {"new"}


def test_dismissing_verdicts_settle_the_conflict_while_its_figures_stay():
    verdicts = {"a": {"verdict": "false alarm", "reviewer": "ana", "note": "two referents", "created_at": "x"},
                "b": {"verdict": "confirmed error", "reviewer": "ben", "note": "", "created_at": "y"},
                "c": {"verdict": "unreviewed", "reviewer": "", "note": "", "created_at": "z"}}
    now = with_history(_snap("a", "b", "c"), _snap("a"), verdicts)
    by_id = {c["id"]: c for c in now["conflicts"]}
    assert dismissed(by_id["a"]) and by_id["a"]["verdict"]["reviewer"] == "ana"
    assert not dismissed(by_id["b"]) and by_id["b"]["verdict"]["verdict"] == "confirmed error"
    assert by_id["c"]["verdict"] is None  # "unreviewed" is no verdict
    assert status_counts(now) == {"new": 2, "ongoing": 0, "resolved": 0, "dismissed": 1}
    # A new conflicting figure changes the sides and hence the id: that conflict is raised afresh.
    assert not dismissed(with_history(_snap("a2"), _snap("a"), verdicts)["conflicts"][0])
