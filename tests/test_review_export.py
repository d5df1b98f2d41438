"""Review exports: the verdict history as CSV and JSON, confirmed errors as schema.org ClaimReview JSON-LD."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest

from discrepancy.review.conflicts import current_conflicts
from discrepancy.review.export import VERDICT_COLUMNS, claim_reviews, export, verdicts_csv, write_export
from discrepancy.review.verdicts import record_verdict

T0 = datetime(2024, 11, 2, 8, 30, tzinfo=timezone.utc)


@pytest.fixture
def store(review_store):
    return review_store


@pytest.fixture
def reviewed(store):
    """Three conflicts reviewed: one confirmed (after being in progress), one false alarm, one reopened."""
    ids = [c["id"] for c in current_conflicts(store)]
    record_verdict(store, ids[0], "in progress", "Ana", now=T0)
    record_verdict(store, ids[0], "confirmed error", "Ana", "Ledger printed billion for million", now=T0 + timedelta(hours=1))
    record_verdict(store, ids[1], "false alarm", "=HYPERLINK(\"http://evil.example\")", "@SUM(A1)", now=T0)
    record_verdict(store, ids[2], "confirmed error", "Ben", now=T0)
    record_verdict(store, ids[2], "legitimate difference", "Ben", "two different counts", now=T0 + timedelta(days=1))
    return ids


def test_csv_holds_the_full_history_with_formulas_neutralised(store, reviewed):
    frame = pd.read_csv(io.StringIO(verdicts_csv(store)), keep_default_na=False)
    assert list(frame.columns) == VERDICT_COLUMNS
    assert len(frame) == 5
    assert list(frame["verdict"]) == ["in progress", "confirmed error", "false alarm", "confirmed error",
                                      "legitimate difference"]
    assert frame.loc[2, "reviewer"].startswith("'=") and frame.loc[2, "note"] == "'@SUM(A1)"
    assert set(frame["conflict_id"]) == set(reviewed[:3])
    assert all(" vs " in f for f in frame["figures"])  # what the conflict was about travels with the verdict
    assert set(frame["kind"]) <= {"misreport", "disputed", "evolving"}


def test_json_holds_the_full_history(store, reviewed):
    data = json.loads(export(store, "json"))
    assert [v["verdict"] for v in data["verdicts"]][-1] == "legitimate difference"
    assert len(data["verdicts"]) == 5
    assert data["verdicts"][2]["reviewer"] == "=HYPERLINK(\"http://evil.example\")"  # JSON keeps text as it is


def test_claimreview_for_latest_confirmed_errors_only(store, reviewed):
    reviews = claim_reviews(store)
    assert len(reviews) == 1  # ids[2] was confirmed, then re-decided as a legitimate difference
    review = reviews[0]
    conflict = next(c for c in current_conflicts(store) if c["id"] == reviewed[0])
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["identifier"].startswith(reviewed[0] + "/")
    assert " vs " in review["claimReviewed"] and review["claimReviewed"].startswith(conflict["referent"])
    assert review["author"] == {"@type": "Person", "name": "Ana"}
    assert review["datePublished"] == "2024-11-02"
    assert review["reviewRating"]["@type"] == "Rating"
    assert review["reviewRating"]["alternateName"].startswith("Confirmed error")
    assert review["reviewBody"] == "Ledger printed billion for million"
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    urls = {m["url"] for m in conflict["mentions"]}
    assert {a["url"] for a in item["appearance"]} == urls
    for a in item["appearance"]:
        assert a["@type"] == "CreativeWork" and a["url"].startswith("https://")
        assert datetime.fromisoformat(a["datePublished"]).tzinfo is not None
        assert a["publisher"]["@type"] == "Organization" and a["publisher"]["name"]
    assert item["datePublished"] == min(m["published"] for m in conflict["mentions"])


def test_claimreview_links_only_http_urls(store, reviewed):
    conflict_id = reviewed[0]
    rows = store.query("SELECT run_id, mentions FROM conflicts WHERE id = ?", (conflict_id,))
    mentions = json.loads(rows[0]["mentions"])
    mentions[0]["url"] = "javascript:alert(1)"
    with store.transaction() as db:
        db.execute("UPDATE conflicts SET mentions = ? WHERE id = ?", (json.dumps(mentions), conflict_id))
    urls = [a["url"] for a in claim_reviews(store)[0]["itemReviewed"]["appearance"]]
    assert urls and all(u.startswith(("http://", "https://")) for u in urls)


def test_write_export_counts_what_it_wrote(store, reviewed, tmp_path):
    assert write_export(store, "csv", tmp_path / "v.csv") == 5
    assert write_export(store, "claimreview", tmp_path / "c.json") == 1
    assert json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))[0]["@type"] == "ClaimReview"
    with pytest.raises(ValueError, match="unknown export format"):
        export(store, "xml")


def test_an_empty_store_exports_empty_documents(store):
    assert pd.read_csv(io.StringIO(verdicts_csv(store))).empty
    assert json.loads(export(store, "json")) == {"verdicts": []}
    assert claim_reviews(store) == []
