"""History: each conflict's status relative to the previous run (new, ongoing, resolved) and its verdict.

Pure functions over run snapshots (the `conflicts.json` documents), so the nightly job and `run --store`
share one rule and the report can show it without knowing where the snapshots came from.

- `new`: raised now, not by the previous run; `ongoing`: raised by both (the id is stable: same claim, same
  sides); `resolved`: raised by the previous run, not now. A resolved conflict is carried into this run's
  snapshot once, so the morning report can say it went away; it is not carried again.
- A conflict whose latest verdict dismisses it (`false alarm`, `legitimate difference`) is not raised again
  as new while its figures stay the same: it keeps its verdict and is listed apart. A new conflicting figure
  changes the sides, hence the id, and raises it afresh.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Verdicts that settle a conflict as no error (the review package records them; the rule lives here).
DISMISSING = frozenset({"legitimate difference", "false alarm"})


def with_history(snapshot: dict[str, Any], previous: dict[str, Any] | None,
                 verdicts: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """A copy of `snapshot` whose conflicts carry `status` and `verdict`, with the previous run's conflicts
    that are gone appended as `resolved`."""
    verdicts = verdicts or {}
    before = {c["id"]: c for c in (previous or {}).get("conflicts", []) if c.get("status") != "resolved"}
    conflicts = []
    for c in snapshot["conflicts"]:
        conflicts.append({**c, "status": "ongoing" if c["id"] in before else "new",
                          "verdict": _verdict(verdicts.get(c["id"]))})
    now = {c["id"] for c in conflicts}
    for cid, old in before.items():
        if cid not in now:
            conflicts.append({**old, "status": "resolved", "verdict": _verdict(verdicts.get(cid))})
    return {**snapshot, "conflicts": conflicts}


def dismissed(conflict: Mapping[str, Any]) -> bool:
    """Reviewed and dismissed, with the same figures as when it was reviewed."""
    verdict = conflict.get("verdict")
    return bool(verdict) and verdict["verdict"] in DISMISSING


def status_counts(snapshot: dict[str, Any]) -> dict[str, int]:
    """How many conflicts are new, ongoing and resolved; dismissed ones are counted apart."""
    counts = {"new": 0, "ongoing": 0, "resolved": 0, "dismissed": 0}
    for c in snapshot["conflicts"]:
        counts["dismissed" if dismissed(c) and c["status"] != "resolved" else c["status"]] += 1
    return counts


def _verdict(row: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not row or row.get("verdict") in (None, "unreviewed"):
        return None
    return {k: row.get(k) for k in ("verdict", "reviewer", "note", "created_at")}
