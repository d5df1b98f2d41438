"""Report: the snapshot contract, escaping of untrusted article content, re-rendering from JSON."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
from dataclasses import replace
from datetime import datetime, timezone

import pytest
from markupsafe import escape

from discrepancy.report import build_snapshot, render_html, write_report
from discrepancy.report.writer import CSP, FILTER_SCRIPT, page_outline, safe_url, summary

EVIL = ("<script>alert('x')</script><img src=x onerror=alert(1)></textarea><b onmouseover=alert(3)>"
        "<a href=\"javascript:alert(4)\">j</a> $x$ {{ 7*7 }}")


def _strip_own_scripts(html: str) -> str:
    """The page minus its two own script elements (the JSON data block and FILTER_SCRIPT)."""
    own = re.findall(r"<script[^>]*>.*?</script>", html, flags=re.S)
    assert len(own) == 2, own
    assert own[1] == f"<script>{FILTER_SCRIPT}</script>"
    for block in own:
        html = html.replace(block, "")
    return html

CONFLICT_KEYS = {"id", "story", "referent", "dimension", "unit", "kind", "severity", "status", "verdict", "mentions"}
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
    html = _strip_own_scripts(render_html(snap))
    assert "<script" not in html and "<img src=x" not in html and "javascript:" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;/textarea&gt;" in html


def test_report_folder_and_rerender_from_snapshot(fixture_run, tmp_path):
    snap = write_report(fixture_run, tmp_path)
    assert {p.name for p in tmp_path.iterdir()} == {"index.html", "conflicts.json", "conflicts.csv", "mentions.csv"}
    saved = json.loads((tmp_path / "conflicts.json").read_text(encoding="utf-8"))
    assert saved == json.loads(json.dumps(snap))
    # evidently-style: the page is a function of the saved snapshot alone
    assert render_html(saved) == (tmp_path / "index.html").read_text(encoding="utf-8")
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert html.count('class="card ') == len(snap["conflicts"])
    # one chart per conflict, plus the two overview charts (per story, per outlet)
    assert html.count("data:image/svg+xml;base64,") == len(snap["conflicts"]) + 2
    assert "<mark>" in html


def test_empty_run_renders(fixture_run):
    empty = replace(fixture_run, conflicts=(), generated_at=datetime(2024, 1, 1, tzinfo=timezone.utc))
    assert "No conflicting figures found" in render_html(build_snapshot(empty))


def test_hostile_text_in_every_field_renders_inert(fixture_run):
    snap = json.loads(json.dumps(build_snapshot(fixture_run)))
    for c in snap["conflicts"]:
        c["referent"] = EVIL
        for m in c["mentions"]:
            m.update(source=EVIL, attribution=EVIL, url="javascript:alert(2)", surface=m["surface"],
                     sentence=EVIL + " " + m["sentence"])
    snap["stories"][0]["label"] = EVIL
    snap["conflicts"][0]["story"] = snap["stories"][0]["id"]
    html = render_html(snap, title=EVIL)
    rest = _strip_own_scripts(html)
    assert "<script" not in rest and "<b onmouseover" not in rest and "<a href=\"javascript" not in rest
    assert "{{ 7*7 }}" in rest  # data is never evaluated as a template
    data = re.search(r'<script type="application/json" id="conflict-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in data and json.loads(data)[0]["outlets"] == [EVIL]  # |tojson escapes markup


def test_csp_allows_only_the_page_script_by_hash(fixture_run):
    html = render_html(build_snapshot(fixture_run))
    digest = base64.b64encode(hashlib.sha256(FILTER_SCRIPT.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in CSP and str(escape(CSP)) in html
    assert "unsafe-inline' ;" not in CSP and "script-src 'unsafe" not in CSP and "http" not in CSP
    assert "default-src 'none'" in CSP


def test_summary_counts_kinds_statuses_and_window(fixture_run):
    snap = build_snapshot(fixture_run)
    s = summary(snap)
    assert s["counts"] == snap["counts"]
    assert sum(s["kinds"].values()) == sum(s["statuses"].values()) == len(snap["conflicts"])
    published = [m["published"][:10] for c in snap["conflicts"] for m in c["mentions"]]
    assert s["window"] == {"first": min(published), "last": max(published)}
    html = render_html(snap)
    for key in ("articles", "sources", "stories", "mentions", "conflicts"):
        assert f"<b>{snap['counts'][key]}</b>" in html


def test_cards_ranked_by_severity_with_detail_anchor(fixture_run):
    snap = build_snapshot(fixture_run)
    outline = page_outline(render_html(snap))
    ranked = sorted(snap["conflicts"], key=lambda c: -c["severity"])
    assert [c["id"] for c in outline["cards"]] == [c["id"] for c in ranked]
    assert outline["details"] == [f"detail-{c['id']}" for c in ranked]
    assert outline["headings_in_order"]
    assert set(outline["link_schemes"]) <= {"#", "relative", "https", "http"}
    assert outline["image_schemes"] == {"data": len(ranked) + 2}


def test_csv_files_written_and_formula_safe(fixture_run, tmp_path):
    result = replace(fixture_run)
    snap = write_report(result, tmp_path)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "conflicts.csv").read_text(encoding="utf-8"))))
    assert len(rows) == sum(len(c["mentions"]) for c in snap["conflicts"])
    assert {r["conflict_id"] for r in rows} == {c["id"] for c in snap["conflicts"]}
    assert rows[0]["conflict_id"] == max(snap["conflicts"], key=lambda c: c["severity"])["id"]
    mentions = list(csv.DictReader(io.StringIO((tmp_path / "mentions.csv").read_text(encoding="utf-8"))))
    assert len(mentions) == snap["counts"]["mentions"]
    html = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{name}"' in html for name in ("conflicts.json", "conflicts.csv", "mentions.csv"))


def test_csv_cells_that_look_like_formulas_are_neutralised():
    import pandas as pd

    from discrepancy.report.writer import csv_safe
    frame = pd.DataFrame({"source": ["=HYPERLINK(\"x\")", "+1", "@SUM(A1)", "-cmd", "-3", "Harbor"], "value": [1] * 6})
    assert csv_safe(frame)["source"].tolist() == ["'=HYPERLINK(\"x\")", "'+1", "'@SUM(A1)", "'-cmd", "-3", "Harbor"]


def test_dollar_signs_in_labels_do_not_break_charts(fixture_run):
    snap = build_snapshot(fixture_run)
    c = snap["conflicts"][0]
    c["referent"] = "$1.2bn $ \\frac{a}{"
    for m in c["mentions"]:
        m["source"] = "$Outlet$ $\\sqrt{"
    assert "data:image/svg+xml;base64," in render_html(snap)


def test_report_structure_matches_golden():
    """Structure, not bytes, on a fixed snapshot. After an intended change: `python -m tests.golden.regenerate`."""
    from .golden.regenerate import GOLDEN, current_structure, dumps

    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    actual = json.loads(dumps(current_structure()))
    assert actual == expected, "report structure changed; if intended, run `python -m tests.golden.regenerate`"
    assert actual["headings_in_order"] and actual["image_schemes"] == {"data": 5}
    assert set(actual["link_schemes"]) <= {"#", "relative", "https", "http"}  # the javascript: URL is no link
