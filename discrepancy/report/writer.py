"""Render the snapshot to HTML (Jinja2, autoescape on) and write the report folder.

The page runs one inline script, `FILTER_SCRIPT` (filters and sorting), allowed by the Content-Security-Policy
through its sha256 hash; no other script can run, and the policy allows no network request. The script
reads its data from a JSON block written with `|tojson`, never from markup.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..compare import agreeing_groups
from ..history import dismissed, status_counts
from ..records import RunResult
from .charts import count_chart, figures_chart, history_chart
from .snapshot import build_snapshot, conflicts_frame, mentions_frame

_KIND_WORDS = {
    "misreport": "Misreport: outlets quote the same source with different numbers",
    "disputed": "Disputed: different sources give different figures",
    "evolving": "Evolving: the figure changed over time",
}
_KIND_SHORT = {"misreport": "Misreport", "disputed": "Disputed", "evolving": "Evolving"}
_STATUS_WORDS = {"new": "New", "ongoing": "Ongoing", "resolved": "Resolved", "dismissed": "Dismissed by reviewers"}
_SHOWN_PER_SIDE = 2  # quotes shown per side; the other consistent mentions are collapsed

# The page's only script. Static text: its hash goes into the CSP, so it must not depend on the data.
FILTER_SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("conflict-data").textContent);
  var form = document.getElementById("filters");
  var list = document.getElementById("cards");
  var note = document.getElementById("shown");
  var rank = {};
  data.forEach(function (c, i) { rank[c.id] = i; });
  var orders = {
    severity: function (a, b) { return b.severity - a.severity || rank[a.id] - rank[b.id]; },
    mild: function (a, b) { return a.severity - b.severity || rank[a.id] - rank[b.id]; },
    story: function (a, b) { return a.story_label.localeCompare(b.story_label) || rank[a.id] - rank[b.id]; },
    kind: function (a, b) { return a.kind.localeCompare(b.kind) || rank[a.id] - rank[b.id]; },
    outlets: function (a, b) { return b.outlets.length - a.outlets.length || rank[a.id] - rank[b.id]; }
  };
  function value(name) { return form.elements.namedItem(name).value; }
  function apply() {
    var kind = value("kind"), outlet = value("outlet"), story = value("story"), status = value("status"),
      verdict = value("verdict");
    var least = parseFloat(value("severity")) || 0, shown = 0;
    data.slice().sort(orders[value("sort")] || orders.severity).forEach(function (c) {
      var ok = (!kind || c.kind === kind) && (!outlet || c.outlets.indexOf(outlet) >= 0) &&
        (!story || c.story === story) && (!status || c.status === status) &&
        (!verdict || c.verdict === verdict) && c.severity >= least;
      var card = document.getElementById(c.id), detail = document.getElementById("detail-" + c.id);
      if (card) { card.hidden = !ok; list.appendChild(card); }
      if (detail) { detail.hidden = !ok; }
      if (ok) { shown += 1; }
    });
    note.textContent = "Showing " + shown + " of " + data.length + " conflicts.";
  }
  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
  apply();
})();
"""
SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(FILTER_SCRIPT.encode("utf-8")).digest()).decode("ascii")
CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
       f"script-src '{SCRIPT_HASH}'; base-uri 'none'; form-action 'none'")
assert "</" not in FILTER_SCRIPT  # nothing in it may close the <script> element


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("discrepancy.report", "templates"),
        autoescape=select_autoescape(["html", "xml"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["figure"] = format_figure
    env.filters["day"] = format_day
    env.filters["stamp"] = format_stamp
    return env


def safe_url(url: str) -> str:
    """The URL when it is http(s), else "" (no javascript:, data: or other schemes in links)."""
    try:
        scheme = urlparse(url).scheme.lower()
    except ValueError:
        return ""
    return url if scheme in ("http", "https") else ""


def format_figure(value: float) -> str:
    if abs(value) >= 1e9:
        return f"{value / 1e9:,.3g} billion"
    if abs(value) >= 1e6:
        return f"{value / 1e6:,.3g} million"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4g}"


def format_day(iso: str) -> str:
    """'2024-10-28T16:00:00+00:00' -> '28 Oct 2024' (the text itself when it is not a date)."""
    try:
        return datetime.fromisoformat(str(iso)).strftime("%-d %b %Y")
    except ValueError:
        return str(iso)


def format_stamp(iso: str) -> str:
    """'2024-10-28T16:00:00.123+00:00' -> '28 Oct 2024 16:00 UTC'."""
    try:
        when = datetime.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    zone = "UTC" if when.utcoffset() is not None and not when.utcoffset() else when.strftime("%z")
    return f"{when.strftime('%-d %b %Y %H:%M')} {zone}".strip()


def _highlight(sentence: str, surface: str) -> dict[str, str]:
    """The sentence cut around the figure, so the template can mark it (escaping every part)."""
    at = sentence.find(surface) if surface else -1
    if at < 0:
        return {"before": sentence, "mark": "", "after": ""}
    return {"before": sentence[:at], "mark": surface, "after": sentence[at + len(surface):]}


def _median(group: tuple[dict[str, Any], ...]) -> float:
    values = sorted(m["value"] for m in group)
    return values[len(values) // 2]


_WHAT_NOUNS = {"magnitude", "rate", "level", "score", "index", "temperature", "speed", "depth", "age"}


def _question(conflict: dict[str, Any]) -> str:
    """The claim in words: "How many special forces troops?", "How much was the package (USD)?"."""
    referent = " ".join(str(conflict["referent"] or "").split())
    unit = conflict["unit"]
    if not referent:
        return f"What is the figure ({unit})?"
    last = referent.split()[-1].lower()
    if conflict["dimension"] == "count":
        return f"What {referent}?" if last in _WHAT_NOUNS else f"How many {referent}?"
    if conflict["dimension"] == "currency":
        return f"How much was the {referent} ({unit})?"
    if conflict["dimension"] == "percent":
        return f"What share: {referent} (%)?"
    return f"What is the {referent} ({unit})?"


def _severity_band(severity: float) -> str:
    return "high" if severity >= 0.66 else "medium" if severity >= 0.33 else "low"


def _window(snapshot: dict[str, Any]) -> dict[str, str] | None:
    """Earliest and latest article date among the reported figures (the snapshot holds no other dates)."""
    days = []
    for c in snapshot["conflicts"]:
        for m in c["mentions"]:
            try:
                days.append(datetime.fromisoformat(m["published"]))
            except (TypeError, ValueError):
                continue
    if not days:
        return None
    try:
        first, last = min(days), max(days)
    except TypeError:  # naive and aware dates mixed: compare the calendar days
        first, last = min(days, key=lambda d: d.date()), max(days, key=lambda d: d.date())
    return {"first": first.date().isoformat(), "last": last.date().isoformat()}


def summary(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The run summary: the contract's counts, conflicts by kind (raised tonight) and by status (with those
    reviewers dismissed counted apart), the time window."""
    kinds: dict[str, int] = {}
    statuses = {k: n for k, n in status_counts(snapshot).items() if n}
    for c in snapshot["conflicts"]:
        if c["status"] != "resolved":
            kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
    return {"counts": dict(snapshot["counts"]), "kinds": dict(sorted(kinds.items())),
            "statuses": dict(sorted(statuses.items())), "window": _window(snapshot)}


def _ranked(conflicts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Open conflicts most severe first; then those reviewers dismissed; then those resolved since the last
    run (stable: ties keep the snapshot's order)."""
    def key(c: dict[str, Any]) -> tuple[int, float]:
        settled = 2 if c["status"] == "resolved" else 1 if dismissed(c) else 0
        return settled, -float(c["severity"])
    return sorted(conflicts, key=key)


def _verdict_words(verdict: dict[str, Any] | None) -> str:
    if not verdict:
        return ""
    who = f" by {verdict['reviewer']}" if verdict.get("reviewer") else ""
    when = f" on {format_day(verdict['created_at'])}" if verdict.get("created_at") else ""
    return f"Reviewed: {verdict['verdict']}{who}{when}"


def structure(snapshot: dict[str, Any], title: str, max_conflicts: int = 500,
              max_charts: int = 100) -> dict[str, Any]:
    """The page's content, computed from the snapshot only (so a saved run can be re-rendered). The page
    shows the `max_conflicts` highest-ranked conflicts (all are in conflicts.json and conflicts.csv) and
    draws charts for the first `max_charts` (the rest keep the figures table, the chart's text form):
    matplotlib costs ~70 ms a chart, and a large night raises thousands."""
    story_label = {s["id"]: s["label"] for s in snapshot["stories"]}
    ranked = _ranked(snapshot["conflicts"])
    cards = []
    for rank, c in enumerate(ranked[:max_conflicts]):
        groups = agreeing_groups(c["mentions"], 0.0, bounds=lambda m: (m["low"], m["high"]))
        sides = []
        for g in groups:
            evidence = [{**m, "url": safe_url(m["url"]), **_highlight(m["sentence"], m["surface"])} for m in g]
            sides.append({
                "figure": format_figure(_median(g)), "printed": sorted({m["surface"] for m in g}),
                "mentions": list(g), "outlets": sorted({m["source"] for m in g}),
                "shown": evidence[:_SHOWN_PER_SIDE], "more": evidence[_SHOWN_PER_SIDE:],
            })
        side_of = {id(m): i + 1 for i, g in enumerate(groups) for m in g}
        cards.append({
            **c,
            "question": _question(c),
            "kind_words": _KIND_WORDS.get(c["kind"], c["kind"]),
            "kind_short": _KIND_SHORT.get(c["kind"], c["kind"]),
            "status_words": _STATUS_WORDS.get(c["status"], c["status"]),
            "band": _severity_band(c["severity"]),
            "story_label": story_label.get(c["story"], c["story"]),
            "outlets": sorted({m["source"] for m in c["mentions"]}),
            "chart": figures_chart(c) if rank < max_charts else "",
            "dismissed": dismissed(c),
            "verdict_words": _verdict_words(c.get("verdict")),
            "sides": sides,
            "rows": [{**m, "side": side_of.get(id(m), 0)} for m in c["mentions"]],
        })
    per_story: dict[str, int] = {}
    per_outlet: dict[str, int] = {}
    for card in cards:
        per_story[card["story_label"]] = per_story.get(card["story_label"], 0) + 1
        for outlet in card["outlets"]:
            per_outlet[outlet] = per_outlet.get(outlet, 0) + 1
    by_story = sorted(per_story.items(), key=lambda kv: (-kv[1], kv[0]))
    by_outlet = sorted(per_outlet.items(), key=lambda kv: (-kv[1], kv[0]))
    overall = summary(snapshot)
    script_data = [{"id": c["id"], "kind": c["kind"], "status": c["status"], "severity": c["severity"],
                    "story": c["story"], "story_label": c["story_label"], "outlets": c["outlets"],
                    "verdict": (c.get("verdict") or {}).get("verdict", "unreviewed")} for c in cards]
    return {
        "title": title, "snapshot": snapshot, "cards": cards, "summary": overall,
        "hidden_conflicts": len(ranked) - len(cards),
        "kinds": overall["kinds"],
        "overview": {
            "stories": by_story, "outlets": by_outlet,
            "story_chart": count_chart(by_story, "conflicts", "#2166ac") if by_story else "",
            "outlet_chart": count_chart(by_outlet, "conflicts the outlet is part of", "#b2182b") if by_outlet else "",
        },
        "options": {
            "kinds": sorted({c["kind"] for c in cards}),
            "statuses": sorted({c["status"] for c in cards}),
            "verdicts": sorted({d["verdict"] for d in script_data}),
            "stories": sorted({(c["story"], c["story_label"]) for c in cards}, key=lambda s: (s[1], s[0])),
            "outlets": sorted({o for c in cards for o in c["outlets"]}),
        },
        "kind_short": _KIND_SHORT, "status_words": _STATUS_WORDS,
        "script_data": script_data,
        "script": Markup(FILTER_SCRIPT),  # static, trusted text; its hash is in the CSP
        "csp": CSP,
    }


def render_html(snapshot: dict[str, Any], title: str = "discrepancy report",
                history: list[dict[str, Any]] | None = None, max_conflicts: int = 500,
                max_charts: int = 100) -> str:
    """The page, from the snapshot (and the runs' history saved beside it, when there is one)."""
    context = structure(snapshot, title, max_conflicts, max_charts)
    if history:
        context["history"] = history
        context["history_chart"] = history_chart(history)
    return _environment().get_template("index.html").render(**context)


class _Outline(HTMLParser):
    """Collects the parts of a page that `page_outline` reports."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[list[Any]] = []
        self.cards: list[dict[str, str]] = []
        self.details: list[str] = []
        self.tables: list[list[str]] = []
        self.schemes: dict[str, int] = {}
        self.images: dict[str, int] = {}
        self.scripts: list[str] = []
        self.controls: list[str] = []
        self.counted = {"blockquote": 0, "mark": 0, "details": 0, "time": 0}
        self.csp = ""
        self._heading: list[Any] | None = None
        self._th: list[str] | None = None
        self._headers: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in self.counted:
            self.counted[tag] += 1
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = [int(tag[1]), ""]
        elif tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            self.csp = a.get("content", "")
        elif "card" in a.get("class", "").split():
            self.cards.append({"id": a.get("id", ""), "kind": a.get("data-kind", "")})
        elif "detail" in a.get("class", "").split():
            self.details.append(a.get("id", ""))
        elif tag == "table":
            self._headers = []
        elif tag == "th" and self._headers is not None:
            self._th = []
        elif tag == "a" and "href" in a:
            href = a["href"]
            scheme = "#" if href.startswith("#") else (urlparse(href).scheme.lower() or "relative")
            self.schemes[scheme] = self.schemes.get(scheme, 0) + 1
        elif tag == "img":
            scheme = urlparse(a.get("src", "")).scheme.lower() or "relative"
            self.images[scheme] = self.images.get(scheme, 0) + 1
        elif tag == "script":
            self.scripts.append(a.get("type", "text/javascript"))
        elif tag in ("select", "input", "button"):
            self.controls.append(f"{tag}:{a.get('name') or a.get('type', '')}")

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == f"h{self._heading[0]}":
            self._heading[1] = " ".join(self._heading[1].split())
            self.headings.append(self._heading)
            self._heading = None
        elif tag == "th" and self._th is not None and self._headers is not None:
            self._headers.append(" ".join("".join(self._th).split()))
            self._th = None
        elif tag == "table" and self._headers is not None:
            self.tables.append(self._headers)
            self._headers = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading[1] += data
        if self._th is not None:
            self._th.append(data)


def page_outline(html: str) -> dict[str, Any]:
    """The page's structure, not its bytes: headings, cards, detail sections, tables, links, images, scripts.

    The golden test pins this (tests/golden/report_structure.json).
    """
    p = _Outline()
    p.feed(html)
    p.close()
    levels = [level for level, _ in p.headings]
    return {
        "headings": p.headings,
        "headings_in_order": all(b <= a + 1 for a, b in zip(levels, levels[1:])) and levels[:1] == [1],
        "cards": p.cards,
        "card_kinds": {k: sum(1 for c in p.cards if c["kind"] == k) for k in sorted({c["kind"] for c in p.cards})},
        "details": p.details,
        "table_headers": sorted({" | ".join(t) for t in p.tables}),
        "tables": len(p.tables),
        "link_schemes": dict(sorted(p.schemes.items())),
        "image_schemes": dict(sorted(p.images.items())),
        "scripts": p.scripts,
        "controls": p.controls,
        "quotes": p.counted["blockquote"], "marks": p.counted["mark"], "collapsed": p.counted["details"],
        "dates": p.counted["time"],
        "csp_directives": sorted(d.strip().split()[0] for d in p.csp.split(";") if d.strip()),
    }


_FORMULA_START = ("=", "+", "@", "\t", "\r")


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe (CSV injection)."""
    def cell(v: Any) -> Any:
        if isinstance(v, str) and v and (v.startswith(_FORMULA_START) or
                                         (v[0] == "-" and not v[1:2].isdigit() and v[1:2] != ".")):
            return "'" + v
        return v
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col].dtype):
            out[col] = out[col].map(cell)
    return out


def _atomic_write(path: Path, data: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.chmod(tmp, 0o644)  # mkstemp makes 0600; a report is meant to be served and shared
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(data)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_report(result: RunResult, out_dir: str | Path, title: str = "discrepancy report",
                 history: list[dict[str, Any]] | None = None,
                 snapshot: dict[str, Any] | None = None, max_conflicts: int = 500,
                 max_charts: int = 100) -> dict[str, Any]:
    """Write index.html, conflicts.json, conflicts.csv and mentions.csv (and history.json when the run was
    recorded in a store) into `out_dir`; returns the snapshot (built from `result` unless given, e.g. with
    the statuses and verdicts of a store's history)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    snapshot = snapshot if snapshot is not None else build_snapshot(result)
    _atomic_write(out / "conflicts.json", json.dumps(snapshot, indent=1, ensure_ascii=False))
    _atomic_write(out / "conflicts.csv", csv_safe(conflicts_frame(snapshot)).to_csv(index=False))
    _atomic_write(out / "mentions.csv", csv_safe(mentions_frame(result)).to_csv(index=False))
    if history is not None:
        _atomic_write(out / "history.json", json.dumps(history, indent=1))
    _atomic_write(out / "index.html", render_html(snapshot, title, history, max_conflicts, max_charts))
    return snapshot
