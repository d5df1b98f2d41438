"""Export verdicts: the full history as CSV or JSON, and confirmed errors as schema.org ClaimReview JSON-LD.

The ClaimReview follows schema.org/ClaimReview and Google's fact-check markup guidance: `claimReviewed` says
which figures disagree, `itemReviewed` is a `Claim` whose `appearance`s are the articles (http(s) URLs only,
with their publication dates), `author` is the reviewer and `reviewRating.alternateName` the verdict in words.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from ..report.writer import csv_safe, safe_url
from ..store import Store
from .conflicts import find_conflict, sides
from .verdicts import all_verdicts, latest_verdicts

FORMATS = ("csv", "json", "claimreview")
VERDICT_COLUMNS = ["id", "conflict_id", "verdict", "reviewer", "note", "created_at", "story", "kind",
                   "referent", "dimension", "unit", "figures"]
# Said in the rating's words: what a reader of the fact-check sees.
_RATING_WORDS = {"confirmed error": "Confirmed error: outlets printed different numbers for the same figure"}


def _context(store: Store) -> dict[str, dict[str, Any]]:
    """Conflict id -> the conflict as last recorded, for every conflict that has a verdict."""
    ids = sorted({v["conflict_id"] for v in all_verdicts(store)})
    found = {cid: find_conflict(store, cid) for cid in ids}
    return {cid: c for cid, c in found.items() if c is not None}


def _figures(conflict: dict[str, Any]) -> str:
    """'10,000 (Harbor Tribune) vs 12,000 (Northern Ledger, Daily)': the sides in one line."""
    return " vs ".join(f"{side['figure']} ({', '.join(side['outlets'])})" for side in sides(conflict))


def verdict_rows(store: Store) -> list[dict[str, Any]]:
    """Every verdict ever recorded, oldest first, with what its conflict was about."""
    context = _context(store)
    rows = []
    for v in all_verdicts(store):
        c = context.get(v["conflict_id"])
        rows.append({**v, "story": c["story"] if c else "", "kind": c["kind"] if c else "",
                     "referent": c["referent"] if c else "", "dimension": c["dimension"] if c else "",
                     "unit": c["unit"] if c else "", "figures": _figures(c) if c else ""})
    return rows


def verdicts_frame(store: Store) -> pd.DataFrame:
    """The verdict history as a table (one row per verdict)."""
    return pd.DataFrame(verdict_rows(store), columns=VERDICT_COLUMNS)


def verdicts_csv(store: Store) -> str:
    """The verdict history as CSV; cells a spreadsheet would run as formulas are neutralised (notes and
    reviewer names are typed by people, referents come from articles)."""
    return csv_safe(verdicts_frame(store)).to_csv(index=False)


def verdicts_json(store: Store) -> str:
    return json.dumps({"verdicts": verdict_rows(store)}, ensure_ascii=False, indent=1)


def _claim_text(conflict: dict[str, Any]) -> str:
    referent = " ".join(str(conflict["referent"]).split()) or "the figure"
    unit = "" if conflict["unit"] == "count" else f" ({conflict['unit']})"
    return f"{referent}{unit}: {_figures(conflict)}"


def claim_review(conflict: dict[str, Any], verdict: dict[str, Any]) -> dict[str, Any]:
    """One ClaimReview JSON-LD object for a conflict and the verdict that confirmed it."""
    appearances = {}
    for m in conflict["mentions"]:
        url = safe_url(str(m.get("url", "")))
        if url and url not in appearances:
            appearances[url] = {"@type": "CreativeWork", "url": url, "datePublished": m["published"],
                                "publisher": {"@type": "Organization", "name": m["source"]}}
    published = sorted(m["published"] for m in conflict["mentions"])
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": f"{conflict['id']}/{verdict['id']}",
        "claimReviewed": _claim_text(conflict),
        "itemReviewed": {
            "@type": "Claim",
            "datePublished": published[0] if published else None,
            "appearance": sorted(appearances.values(), key=lambda a: (a["datePublished"], a["url"])),
        },
        "author": {"@type": "Person", "name": verdict["reviewer"]},
        "datePublished": verdict["created_at"][:10],
        "reviewRating": {"@type": "Rating", "alternateName": _RATING_WORDS[verdict["verdict"]]},
    }
    if verdict["note"]:
        review["reviewBody"] = verdict["note"]
    return review


def claim_reviews(store: Store) -> list[dict[str, Any]]:
    """ClaimReviews for every conflict whose latest verdict is `confirmed error`, oldest verdict first."""
    confirmed = sorted((v for v in latest_verdicts(store).values() if v["verdict"] == "confirmed error"),
                       key=lambda v: v["id"])
    out = []
    for verdict in confirmed:
        conflict = find_conflict(store, verdict["conflict_id"])
        if conflict is None:  # a verdict always names a recorded conflict; a hand-edited store may not
            raise ValueError(f"verdict {verdict['id']} names conflict {verdict['conflict_id']!r}, "
                             "which no run recorded")
        out.append(claim_review(conflict, verdict))
    return out


def claim_reviews_json(store: Store) -> str:
    return json.dumps(claim_reviews(store), ensure_ascii=False, indent=1)


def export(store: Store, fmt: str) -> str:
    """The export in `fmt` (one of FORMATS) as text."""
    writers = {"csv": verdicts_csv, "json": verdicts_json, "claimreview": claim_reviews_json}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    return writers[fmt](store)


def write_export(store: Store, fmt: str, path: str | Path) -> int:
    """Write the export to `path`; returns the number of records written."""
    text = export(store, fmt)
    Path(path).write_text(text, encoding="utf-8", newline="")
    if fmt == "claimreview":
        return len(json.loads(text))
    return len(all_verdicts(store))
