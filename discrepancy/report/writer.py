"""Render the snapshot to HTML (Jinja2, autoescape on) and write the report folder."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from jinja2 import Environment, PackageLoader, select_autoescape

from ..compare import agreeing_groups
from ..records import RunResult
from .charts import figures_chart
from .snapshot import build_snapshot, mentions_frame

_KIND_WORDS = {
    "misreport": "Misreport: outlets quote the same source with different numbers",
    "disputed": "Disputed: different sources give different figures",
    "evolving": "Evolving: the figure changed over time",
}


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("discrepancy.report", "templates"),
        autoescape=select_autoescape(["html", "xml"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    env.filters["figure"] = format_figure
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


def _highlight(sentence: str, surface: str) -> dict[str, str]:
    """The sentence cut around the figure, so the template can mark it (escaping every part)."""
    at = sentence.find(surface)
    if at < 0:
        return {"before": sentence, "mark": "", "after": ""}
    return {"before": sentence[:at], "mark": surface, "after": sentence[at + len(surface):]}


def _median(group: tuple[dict[str, Any], ...]) -> float:
    values = sorted(m["value"] for m in group)
    return values[len(values) // 2]


def _question(conflict: dict[str, Any]) -> str:
    referent = conflict["referent"] or conflict["unit"]
    if conflict["dimension"] in ("count",):
        return f"How many {referent}?"
    if conflict["dimension"] == "currency":
        return f"How much: {referent} ({conflict['unit']})?"
    return f"What figure for {referent} ({conflict['dimension']})?"


def structure(snapshot: dict[str, Any], title: str) -> dict[str, Any]:
    """The page's content, computed from the snapshot only (so a saved run can be re-rendered)."""
    cards = []
    for c in snapshot["conflicts"]:
        groups = agreeing_groups(c["mentions"], 0.0, bounds=lambda m: (m["low"], m["high"]))
        cards.append({
            **c,
            "question": _question(c),
            "kind_words": _KIND_WORDS[c["kind"]],
            "chart": figures_chart(c),
            "sides": [{"figure": format_figure(_median(g)), "printed": sorted({m["surface"] for m in g}),
                       "mentions": list(g)} for g in groups],
            "evidence": [{**m, "url": safe_url(m["url"]), **_highlight(m["sentence"], m["surface"])}
                         for m in c["mentions"]],
        })
    kinds: dict[str, int] = {}
    for c in snapshot["conflicts"]:
        kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
    return {"title": title, "snapshot": snapshot, "cards": cards, "kinds": kinds}


def render_html(snapshot: dict[str, Any], title: str = "discrepancy report") -> str:
    return _environment().get_template("index.html").render(**structure(snapshot, title))


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


def write_report(result: RunResult, out_dir: str | Path, title: str = "discrepancy report") -> dict[str, Any]:
    """Write index.html, conflicts.json and mentions.csv into `out_dir`; returns the snapshot."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    snapshot = build_snapshot(result)
    _atomic_write(out / "conflicts.json", json.dumps(snapshot, indent=1, ensure_ascii=False))
    _atomic_write(out / "mentions.csv", mentions_frame(result).to_csv(index=False))
    _atomic_write(out / "index.html", render_html(snapshot, title))
    return snapshot
