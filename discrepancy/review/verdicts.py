"""Verdicts: what a fact-checker decided about a conflict, recorded as append-only history in the store.

Modelled on fact-checking desks' workflows (Meedan Check: Unstarted / In progress / Inconclusive / Verified /
False). A verdict is never overwritten: each decision is a new row, and a conflict's verdict is its latest
row (highest id, so two verdicts in the same second still have an order). Conflict ids are stable across
runs, so a verdict follows its conflict for as long as the conflict's figures stay the same.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, timezone
from typing import Any

from ..history import DISMISSING  # verdicts that say "nothing to fix"; the rule that uses them lives there
from ..store import Store

VERDICTS: tuple[str, ...] = ("unreviewed", "in progress", "confirmed error", "legitimate difference",
                             "false alarm")
# Verdicts that say the tool was right to flag the conflict (the rerank model's positive class).
CONFIRMING: frozenset[str] = frozenset({"confirmed error", "legitimate difference"})
# Verdicts that decide nothing yet: not training labels, not exported as decisions.
UNDECIDED: frozenset[str] = frozenset({"unreviewed", "in progress"})

MAX_REVIEWER_CHARS = 200
MAX_NOTE_CHARS = 10_000

_COLUMNS = "id, conflict_id, verdict, reviewer, note, created_at"


def normalise_verdict(verdict: str) -> str:
    """'Confirmed-Error', 'confirmed_error' and ' confirmed error ' all mean `confirmed error` (shell-friendly);
    anything else that is not one of VERDICTS raises ValueError."""
    if not isinstance(verdict, str):
        raise ValueError(f"verdict must be text, got {type(verdict).__name__}")
    words = verdict.replace("_", " ").replace("-", " ").lower().split()
    name = " ".join(words)
    if name not in VERDICTS:
        raise ValueError(f"unknown verdict {verdict!r}; expected one of: {', '.join(VERDICTS)}")
    return name


def _clean_text(value: str, what: str, limit: int, required: bool, multiline: bool) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text, got {type(value).__name__}")
    text = value.strip()
    if required and not text:
        raise ValueError(f"{what} must not be empty")
    if len(text) > limit:
        raise ValueError(f"{what} is {len(text)} characters long; at most {limit} are kept")
    # Control characters (other than line breaks and tabs in notes) only hide text from the reader.
    allowed = {"\n", "\t", "\r"} if multiline else set()
    bad = [c for c in text if unicodedata.category(c) == "Cc" and c not in allowed]
    if bad:
        raise ValueError(f"{what} contains control characters ({', '.join(repr(c) for c in sorted(set(bad)))})")
    return text


def _timestamp(now: datetime | None) -> str:
    when = now or datetime.now(timezone.utc)
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError("the verdict time must be timezone-aware")
    return when.astimezone(timezone.utc).isoformat()


def conflict_exists(store: Store, conflict_id: str) -> bool:
    """True when any recorded run raised `conflict_id`."""
    return bool(store.query("SELECT 1 FROM conflicts WHERE id = ? LIMIT 1", (conflict_id,)))


def record_verdict(store: Store, conflict_id: str, verdict: str, reviewer: str, note: str = "",
                   now: datetime | None = None) -> dict[str, Any]:
    """Append one verdict on `conflict_id` (which a recorded run must have raised) and return the new row.

    Raises ValueError with a message meant for the reviewer when any field is invalid; nothing is written then.
    """
    if not isinstance(conflict_id, str) or not conflict_id.strip():
        raise ValueError("conflict id must not be empty")
    conflict_id = conflict_id.strip()
    name = normalise_verdict(verdict)
    who = _clean_text(reviewer, "reviewer", MAX_REVIEWER_CHARS, required=True, multiline=False)
    text = _clean_text(note, "note", MAX_NOTE_CHARS, required=False, multiline=True)
    created_at = _timestamp(now)
    if not conflict_exists(store, conflict_id):
        raise ValueError(f"no conflict {conflict_id!r} in the store")
    with store.transaction() as db:
        cur = db.execute("INSERT INTO verdicts (conflict_id, verdict, reviewer, note, created_at) "
                         "VALUES (?, ?, ?, ?, ?)", (conflict_id, name, who, text, created_at))
        row_id = int(cur.lastrowid)
    return {"id": row_id, "conflict_id": conflict_id, "verdict": name, "reviewer": who, "note": text,
            "created_at": created_at}


def latest_verdicts(store: Store) -> dict[str, dict[str, Any]]:
    """Conflict id -> its latest verdict row (id, conflict_id, verdict, reviewer, note, created_at).

    Conflicts nobody has reviewed are absent: read a missing id as `unreviewed`.
    """
    rows = store.query(
        f"SELECT {_COLUMNS} FROM verdicts WHERE id IN (SELECT MAX(id) FROM verdicts GROUP BY conflict_id)")
    return {row["conflict_id"]: dict(row) for row in rows}


def verdict_history(store: Store, conflict_id: str) -> list[dict[str, Any]]:
    """Every verdict recorded on `conflict_id`, oldest first (empty when never reviewed)."""
    rows = store.query(f"SELECT {_COLUMNS} FROM verdicts WHERE conflict_id = ? ORDER BY id", (conflict_id,))
    return [dict(row) for row in rows]


def current_verdict(store: Store, conflict_id: str) -> str:
    """The name of a conflict's latest verdict (`unreviewed` when it has none)."""
    rows = store.query("SELECT verdict FROM verdicts WHERE conflict_id = ? ORDER BY id DESC LIMIT 1", (conflict_id,))
    return rows[0]["verdict"] if rows else "unreviewed"


def all_verdicts(store: Store) -> list[dict[str, Any]]:
    """The whole verdict history of the store, oldest first (what the exports write)."""
    return [dict(row) for row in store.query(f"SELECT {_COLUMNS} FROM verdicts ORDER BY id")]


def dismissed_ids(store: Store) -> set[str]:
    """Conflict ids whose latest verdict dismisses them: the run must not raise these as `new` again.

    A new conflicting figure changes a conflict's id, so a dismissed conflict comes back when the figures move.
    """
    return {cid for cid, row in latest_verdicts(store).items() if row["verdict"] in DISMISSING}


def verdict_of(latest: dict[str, dict[str, Any]], conflict_id: str) -> str:
    """The current verdict name of a conflict, given `latest_verdicts(store)`."""
    row = latest.get(conflict_id)
    return row["verdict"] if row else "unreviewed"
