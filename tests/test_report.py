"""Report: the snapshot contract, escaping of untrusted article content, re-rendering from JSON."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from discrepancy.report import build_snapshot, render_html, write_report
from discrepancy.report.writer import safe_url

CONFLICT_KEYS = {"id", "story", "referent", "dimension", "unit", "kind", "severity", "status", "mentions"}
MENTION_KEYS = {"article_id", "source", "url", "published", "value", "low", "high", "unit", "change", "surface",
                "sentence", "start", "end", "referent", "attribution", "as_of"}


def test_snapshot_has_exactly_the_contract_schema(fixture_run):
    snap = build_snapshot(fixture_run)
    assert set(snap) == {"generated_at", "counts", "conflicts", "stories"}
    assert set(snap["counts"]) == {"articles", "sources", "stories", "mentions", "conflicts"}
    assert snap["conflicts"], "the fixtures hold real conflicts"
    for c in snap["conflicts"]:
        assert set(c) == CONFLICT_KEYS and 0 <= c["severity"] <= 1
        assert c["kind"] in ("misreport", "disputed", "evolving")
        for m in c["mentions"]:
            assert set(m) == MENTION_KEYS
    in_stories = [a for s in snap["stories"] for a in s["articles"]]
    assert sorted(in_stories) == sorted(a.id for a in fixture_run.articles)  # each article in exactly one


@pytest.mark.parametrize("url, expected", [
    ("https://harbor.example/a", "https://harbor.example/a"), ("http://x.example", "http://x.example"),
    ("javascript:alert(1)", ""), ("JaVaScRiPt:alert(1)", ""), ("data:text/html,<script>", ""), ("", ""),
])
def test_only_http_links(url, expected):
    assert safe_url(url) == expected


def test_hostile_article_content_renders_inert(fixture_run):
    snap = build_snapshot(fixture_run)
    conflict = snap["conflicts"][0]
    evil = "<script>alert('x')</script><img src=x onerror=alert(1)></textarea>"
    conflict["mentions"][0].update(source=evil, url="javascript:alert(2)", attribution=evil,
                                   sentence=evil + " " + conflict["mentions"][0]["sentence"])
    conflict["referent"] = evil
    html = render_html(snap)
    assert "<script>" not in html and "<img src=x" not in html and "javascript:" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;/textarea&gt;" in html


def test_report_folder_and_rerender_from_snapshot(fixture_run, tmp_path):
    snap = write_report(fixture_run, tmp_path)
    assert {p.name for p in tmp_path.iterdir()} == {"index.html", "conflicts.json", "mentions.csv"}
    saved = json.loads((tmp_path / "conflicts.json").read_text(encoding="utf-8"))
    assert saved == json.loads(json.dumps(snap))
    # evidently-style: the page is a function of the saved snapshot alone
    assert render_html(saved) == (tmp_path / "index.html").read_text(encoding="utf-8")
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert html.count('class="card ') == len(snap["conflicts"])
    assert html.count("data:image/svg+xml;base64,") == len(snap["conflicts"])
    assert "<mark>" in html


def test_empty_run_renders(fixture_run):
    empty = replace(fixture_run, conflicts=(), generated_at=datetime(2024, 1, 1, tzinfo=timezone.utc))
    assert "No conflicting figures found" in render_html(build_snapshot(empty))
