"""The bundled fixtures are what the guide promises: multi-outlet stories with exact gold labels."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from .conftest import CORPUS, GOLD


def test_corpus_shape(articles):
    stories = json.loads(GOLD.read_text(encoding="utf-8"))["stories"]
    assert len(stories) >= 8
    by_story = {s["id"]: s["articles"] for s in stories}
    ids = {a.id for a in articles}
    assert sorted(ids) == sorted(a for s in by_story.values() for a in s)
    sources = {a.id: a.source for a in articles}
    for story, members in by_story.items():
        assert 3 <= len({sources[a] for a in members}) <= 6, story
    for a in articles:
        assert 300 <= len(a.text.split()) <= 600, (a.id, len(a.text.split()))


def test_gold_surfaces_are_unique_in_their_articles(articles_by_id):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    for claim in gold["claims"]:
        figures = {m["figure"] for m in claim["mentions"]}
        assert (len(figures) >= 2) == (claim["verdict"] == "conflict"), claim["id"]
        if claim["verdict"] == "conflict":
            assert claim["kind"] in ("misreport", "disputed", "evolving")
        for m in claim["mentions"]:
            assert articles_by_id[m["article_id"]].text.count(m["surface"]) == 1, (claim["id"], m["surface"])


def test_traps_and_kinds_are_all_present():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    kinds = Counter(c["kind"] for c in gold["claims"] if c["verdict"] == "conflict")
    traps = Counter(c.get("trap") for c in gold["claims"] if c["verdict"] == "consistent")
    assert set(kinds) == {"misreport", "disputed", "evolving"}
    assert {"units", "scale", "hedge", "range", "referent", "scope", "lookalike"} <= set(traps)


def test_one_fixture_carries_hostile_markup():
    raw = "".join(p.read_text(encoding="utf-8") for p in CORPUS.glob("*.jsonl"))
    assert re.search(r"<script>", raw) and "onerror=" in raw and "javascript:" in raw and "</textarea>" in raw


def test_the_heldout_set_is_well_formed():
    """fixtures/heldout/ is scored apart (`score_fixtures --heldout`), but its labels must be usable: every
    surface found once in its article, every conflict with two or more figures, every article in a story."""
    from discrepancy.config import load_config
    from discrepancy.ingest import read_corpus

    folder = Path(__file__).resolve().parents[1] / "fixtures" / "heldout"
    articles = {a.id: a for a in read_corpus([folder / "corpus"], load_config().ingest).articles}
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    assert sorted(articles) == sorted(a for s in gold["stories"] for a in s["articles"])
    for claim in gold["claims"]:
        figures = {m["figure"] for m in claim["mentions"]}
        assert (len(figures) >= 2) == (claim["verdict"] == "conflict"), claim["id"]
        for m in claim["mentions"]:
            assert articles[m["article_id"]].text.count(m["surface"]) == 1, (claim["id"], m["surface"])
