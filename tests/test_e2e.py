"""End to end: the real CLI in a subprocess on the bundled fixtures, checked against the gold labels."""

from __future__ import annotations

import json
import subprocess
import sys
from itertools import combinations

import pytest

from .conftest import CORPUS, GOLD, ROOT


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    proc = subprocess.run([sys.executable, "-m", "discrepancy", "run", str(CORPUS), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert (out / "index.html").stat().st_size > 10_000
    return json.loads((out / "conflicts.json").read_text(encoding="utf-8"))


def _gold_claim_of(gold, articles_by_id, mention):
    """The gold claim (id, figure) a reported mention belongs to, by span overlap in its article."""
    text = articles_by_id[mention["article_id"]].text
    for claim in gold["claims"]:
        for g in claim["mentions"]:
            if g["article_id"] != mention["article_id"]:
                continue
            at = text.find(g["surface"])
            if at >= 0 and at < mention["end"] and mention["start"] < at + len(g["surface"]):
                return claim["id"], g["figure"]
    return None


def test_pentagon_and_white_house_figures_conflict(snapshot, articles_by_id):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    troop_conflicts = []
    for c in snapshot["conflicts"]:
        labels = {_gold_claim_of(gold, articles_by_id, m) for m in c["mentions"]}
        if ("nk-troops/troops-in-russia", "B") in labels and ("nk-troops/troops-in-russia", "C") in labels:
            troop_conflicts.append(c)
    assert troop_conflicts, "the 3,000 (White House) vs 10,000 (Pentagon) conflict is missing"
    c = troop_conflicts[0]
    attributions = {m["attribution"].lower() for m in c["mentions"]}
    assert any("pentagon" in a for a in attributions) and any("white house" in a for a in attributions)
    assert all(m["sentence"] and m["url"].startswith("https://") for m in c["mentions"])


def test_no_trap_is_flagged(snapshot, articles_by_id):
    """No two mentions of a consistent gold claim end up on opposite sides of a reported conflict."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    consistent = {c["id"] for c in gold["claims"] if c["verdict"] == "consistent"}
    flagged = set()
    for c in snapshot["conflicts"]:
        labelled = [(m, _gold_claim_of(gold, articles_by_id, m)) for m in c["mentions"]]
        for (m1, a), (m2, b) in combinations([x for x in labelled if x[1]], 2):
            apart = m1["high"] < m2["low"] or m2["high"] < m1["low"]
            if a[0] == b[0] and a[0] in consistent and apart:
                flagged.add(a[0])
    assert not flagged, f"consistent claims flagged as conflicts: {sorted(flagged)}"


def test_no_cross_story_conflict(snapshot):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    story_of = {a: s["id"] for s in gold["stories"] for a in s["articles"]}
    for c in snapshot["conflicts"]:
        assert len({story_of[m["article_id"]] for m in c["mentions"]}) == 1, c["id"]


def test_surface_indexes_article_text(snapshot, articles_by_id):
    for c in snapshot["conflicts"]:
        for m in c["mentions"]:
            assert articles_by_id[m["article_id"]].text[m["start"]:m["end"]] == m["surface"]
