"""The store's conflicts as the review sees them: the latest run's list, one conflict with its evidence.

Read-only SQL over the `conflicts`, `runs` and `stories` tables. Rows come back as plain dicts in the shape
of `conflicts.json` (mentions decoded), each with its current verdict, so the web app, the CLI, the exports
and the rerank model all read conflicts the same way.
"""

from __future__ import annotations

import json
from typing import Any

from ..compare import agreeing_groups
from ..report.writer import format_figure, safe_url
from ..store import Store
from .verdicts import UNDECIDED, VERDICTS, current_verdict, latest_verdicts, verdict_of

_COLUMNS = "c.run_id, c.id, c.story, c.referent_key, c.dimension, c.unit, c.kind, c.severity, c.status, c.mentions"


def latest_run(store: Store) -> dict[str, Any] | None:
    """The most recent run (id, generated_at), or None for an empty store. Most recent by the night it is
    for: a backfill recorded today for last month is not the current night."""
    rows = store.query("SELECT id, generated_at FROM runs "
                       "ORDER BY COALESCE(run_date, substr(generated_at, 1, 10)) DESC, id DESC LIMIT 1")
    return dict(rows[0]) if rows else None


def _decode(row: Any, labels: dict[tuple[int, str], str]) -> dict[str, Any]:
    conflict = dict(row)
    conflict["mentions"] = json.loads(conflict["mentions"])
    conflict["story_label"] = labels.get((conflict["run_id"], conflict["story"]), conflict["story"])
    conflict["referent"] = _referent_words(conflict)
    return conflict


def _referent_words(conflict: dict[str, Any]) -> str:
    """The most common wording of the referent in the mentions (the key is a normalised form)."""
    counts: dict[str, int] = {}
    for m in conflict["mentions"]:
        if m.get("referent"):
            counts[m["referent"]] = counts.get(m["referent"], 0) + 1
    if not counts:
        return str(conflict["referent_key"]).split("|")[0]
    return max(sorted(counts), key=lambda r: counts[r])


def _story_labels(store: Store, run_ids: set[int]) -> dict[tuple[int, str], str]:
    if not run_ids:
        return {}
    marks = ",".join("?" * len(run_ids))
    rows = store.query(f"SELECT run_id, id, label FROM stories WHERE run_id IN ({marks})", tuple(sorted(run_ids)))
    return {(r["run_id"], r["id"]): r["label"] for r in rows}


def current_conflicts(store: Store) -> list[dict[str, Any]]:
    """The latest run's conflicts, most severe first, each with `verdict` (its latest verdict's name)."""
    run = latest_run(store)
    if run is None:
        return []
    rows = store.query(f"SELECT {_COLUMNS} FROM conflicts c WHERE c.run_id = ? ORDER BY c.severity DESC, c.id",
                       (run["id"],))
    labels = _story_labels(store, {run["id"]})
    latest = latest_verdicts(store)
    return [{**_decode(r, labels), "verdict": verdict_of(latest, r["id"])} for r in rows]


def find_conflict(store: Store, conflict_id: str) -> dict[str, Any] | None:
    """A conflict as the most recent run that raised it recorded it (it may be absent from the latest run:
    then `current` is False), or None when no run ever raised it."""
    rows = store.query(f"SELECT {_COLUMNS} FROM conflicts c WHERE c.id = ? ORDER BY c.run_id DESC LIMIT 1",
                       (conflict_id,))
    if not rows:
        return None
    row = rows[0]
    run = latest_run(store)
    conflict = _decode(row, _story_labels(store, {row["run_id"]}))
    conflict["verdict"] = current_verdict(store, conflict_id)
    conflict["current"] = run is not None and row["run_id"] == run["id"]
    return conflict


def labelled_conflicts(store: Store) -> list[tuple[dict[str, Any], str]]:
    """Every conflict with a decided verdict (not unreviewed / in progress), as the last run that raised it
    recorded it, with that verdict: the training set of the rerank model."""
    decided = {cid: row["verdict"] for cid, row in latest_verdicts(store).items() if row["verdict"] not in UNDECIDED}
    if not decided:
        return []
    rows = store.query(f"SELECT {_COLUMNS} FROM conflicts c JOIN (SELECT id, MAX(run_id) AS last FROM conflicts "
                       "WHERE id IN (SELECT conflict_id FROM verdicts) GROUP BY id) l "
                       "ON c.id = l.id AND c.run_id = l.last ORDER BY c.id")
    rows = [r for r in rows if r["id"] in decided]
    labels = _story_labels(store, {r["run_id"] for r in rows})
    return [({**_decode(r, labels), "verdict": decided[r["id"]]}, decided[r["id"]]) for r in rows]


def filter_conflicts(conflicts: list[dict[str, Any]], kind: str | None = None, status: str | None = None,
                     verdict: str | None = None) -> list[dict[str, Any]]:
    """The conflicts matching every filter given (None or "" leaves a field unfiltered)."""
    if verdict and verdict not in VERDICTS:
        raise ValueError(f"unknown verdict {verdict!r}; expected one of: {', '.join(VERDICTS)}")
    return [c for c in conflicts
            if (not kind or c["kind"] == kind) and (not status or c["status"] == status)
            and (not verdict or c["verdict"] == verdict)]


def _highlight(sentence: str, surface: str) -> dict[str, str]:
    """The sentence cut around the figure, so a template can mark it while escaping every part."""
    at = sentence.find(surface) if surface else -1
    if at < 0:
        return {"before": sentence, "mark": "", "after": ""}
    return {"before": sentence[:at], "mark": surface, "after": sentence[at + len(surface):]}


def sides(conflict: dict[str, Any]) -> list[dict[str, Any]]:
    """The conflict's agreeing groups of mentions, low to high, each mention ready to show as evidence:
    the sentence split around the figure, and `link` set only for an http(s) URL (article data is untrusted)."""
    groups = agreeing_groups(conflict["mentions"], 0.0, bounds=lambda m: (m["low"], m["high"]))
    out = []
    for group in groups:
        values = sorted(m["value"] for m in group)
        evidence = [{**m, "link": safe_url(str(m.get("url", ""))), **_highlight(m["sentence"], m["surface"])}
                    for m in group]
        out.append({"figure": format_figure(values[len(values) // 2]), "mentions": evidence,
                    "outlets": sorted({m["source"] for m in group})})
    return out
