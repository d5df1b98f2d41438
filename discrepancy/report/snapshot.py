"""The run snapshot: `conflicts.json` exactly as the architecture page's contract, plus the mentions table."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..records import Article, Mention, RunResult


def _mention_json(m: Mention, article: Article) -> dict[str, Any]:
    return {
        "article_id": m.article_id,
        "source": article.source,
        "url": article.url,
        "published": article.published.isoformat(),
        "value": m.value,
        "low": m.low,
        "high": m.high,
        "unit": m.unit,
        "change": m.change,
        "surface": m.surface,
        "sentence": m.sentence,
        "start": m.start,
        "end": m.end,
        "referent": m.referent,
        "attribution": m.attribution,
        "as_of": m.as_of.isoformat(),
    }


def build_snapshot(result: RunResult) -> dict[str, Any]:
    """The `conflicts.json` document of a run (see docs: contracts)."""
    articles = {a.id: a for a in result.articles}
    conflicts = []
    for c in result.conflicts:
        mentions = sorted(c.mentions, key=lambda m: (m.value, articles[m.article_id].published, m.start))
        conflicts.append({
            "id": c.id,
            "story": c.claim.story_id,
            "referent": _referent_words(c.mentions),
            "dimension": c.claim.dimension,
            "unit": c.claim.unit,
            "kind": c.kind,
            "severity": c.severity,
            "status": c.status,
            "verdict": None,  # the latest reviewer verdict, filled in from the store's history
            "mentions": [_mention_json(m, articles[m.article_id]) for m in mentions],
        })
    return {
        "generated_at": result.generated_at.isoformat(),
        "counts": {
            "articles": len(result.articles),
            "sources": len({a.source for a in result.articles}),
            "stories": len(result.stories),
            "mentions": len(result.mentions),
            "conflicts": len(result.conflicts),
        },
        "conflicts": conflicts,
        "stories": [{"id": s.id, "label": s.label, "articles": list(s.article_ids)} for s in result.stories],
    }


def _referent_words(mentions: tuple[Mention, ...]) -> str:
    """The most common wording of the referent among a conflict's mentions."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.referent:
            counts[m.referent] = counts.get(m.referent, 0) + 1
    if not counts:
        return mentions[0].referent_key.split("|")[0] if mentions else ""
    return max(sorted(counts), key=lambda r: counts[r])


def mentions_frame(result: RunResult) -> pd.DataFrame:
    """Every mention of the run as a table (mentions.csv), with its article's outlet and date."""
    articles = {a.id: a for a in result.articles}
    story_of = {aid: s.id for s in result.stories for aid in s.article_ids}
    rows = []
    for m in result.mentions:
        a = articles.get(m.article_id)
        rows.append({
            "article_id": m.article_id,
            "story": story_of.get(m.article_id, ""),
            "source": a.source if a else "",
            "url": a.url if a else "",
            "published": a.published.isoformat() if a else "",
            "start": m.start, "end": m.end, "surface": m.surface,
            "value": m.value, "low": m.low, "high": m.high, "unit": m.unit, "dimension": m.dimension,
            "change": m.change, "referent": m.referent, "referent_key": m.referent_key,
            "attribution": m.attribution, "attribution_key": m.attribution_key,
            "as_of": m.as_of.isoformat(), "sentence": m.sentence,
        })
    columns = ["article_id", "story", "source", "url", "published", "start", "end", "surface", "value", "low",
               "high", "unit", "dimension", "change", "referent", "referent_key", "attribution",
               "attribution_key", "as_of", "sentence"]
    return pd.DataFrame(rows, columns=columns)


CONFLICT_COLUMNS = ["conflict_id", "rank", "story", "story_label", "kind", "status", "severity", "referent",
                    "dimension", "unit", "article_id", "source", "url", "published", "value", "low", "high",
                    "change", "surface", "attribution", "as_of", "sentence"]


def conflicts_frame(snapshot: dict[str, Any]) -> pd.DataFrame:
    """conflicts.csv: one row per figure of each conflict, most severe conflict first; from the snapshot alone."""
    labels = {s["id"]: s["label"] for s in snapshot["stories"]}
    ranked = sorted(snapshot["conflicts"], key=lambda c: -float(c["severity"]))
    rows = []
    for rank, c in enumerate(ranked, 1):
        for m in c["mentions"]:
            rows.append({
                "conflict_id": c["id"], "rank": rank, "story": c["story"], "story_label": labels.get(c["story"], ""),
                "kind": c["kind"], "status": c["status"], "severity": c["severity"], "referent": c["referent"],
                "dimension": c["dimension"], "unit": c["unit"],
                **{k: m[k] for k in ("article_id", "source", "url", "published", "value", "low", "high", "change",
                                     "surface", "attribution", "as_of", "sentence")},
            })
    return pd.DataFrame(rows, columns=CONFLICT_COLUMNS)
