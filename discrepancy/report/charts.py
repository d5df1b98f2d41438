"""Charts for the report, drawn with matplotlib and returned as SVG data URIs.

Served as <img src="data:image/svg+xml;base64,..."> rather than inline markup: a browser never runs
script inside an image, so an outlet name carrying markup cannot execute from a chart.
"""

from __future__ import annotations

import base64
import io
from datetime import date
from typing import Any

import matplotlib

matplotlib.use("Agg")  # headless: the nightly job has no display
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402


def _short(value: float, _pos: int = 0) -> str:
    for size, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:g}{word}"
    return f"{value:g}"

def plain(text: str, limit: int = 48) -> str:
    """Untrusted text as a literal matplotlib label: no mathtext (`$...$`), bounded length."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1] + "\u2026"
    return text.replace("$", r"\$")


_KIND_COLOURS = {"misreport": "#b2182b", "disputed": "#e08214", "evolving": "#2166ac"}


def _svg_uri(fig: Any) -> str:
    buffer = io.BytesIO()
    with plt.rc_context({"svg.hashsalt": "discrepancy", "svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def figures_chart(conflict: dict[str, Any]) -> str:
    """Each outlet's figure as a dot with its allowed interval as a bar; by as-of date when evolving."""
    mentions = conflict["mentions"]
    colour = _KIND_COLOURS.get(conflict["kind"], "#444444")
    if conflict["kind"] == "evolving":
        fig, ax = plt.subplots(figsize=(6.4, 2.8))
        for m in mentions:
            day = date.fromisoformat(m["as_of"])
            ax.vlines(day, m["low"], m["high"], colors=colour, alpha=0.35, linewidth=6)
            ax.plot([day], [m["value"]], "o", color=colour)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
        ax.set_xlabel("as of")
        fig.autofmt_xdate()
    else:
        labels = [plain(m["source"], 32) for m in mentions]
        fig, ax = plt.subplots(figsize=(6.4, 0.5 + 0.38 * len(mentions)))
        for i, m in enumerate(mentions):
            ax.hlines(i, m["low"], m["high"], colors=colour, alpha=0.35, linewidth=8)
            ax.plot([m["value"]], [i], "o", color=colour)
        ax.set_yticks(range(len(mentions)), labels)
        ax.invert_yaxis()
    ax.set_title(plain(f"{conflict['referent'] or 'figure'} ({conflict['unit']})", 80), fontsize=10)
    ax.grid(alpha=0.3)
    axis = ax.yaxis if conflict["kind"] == "evolving" else ax.xaxis
    axis.set_major_locator(MaxNLocator(5))
    axis.set_major_formatter(FuncFormatter(_short))
    return _svg_uri(fig)


def count_chart(counts: list[tuple[str, int]], xlabel: str, colour: str = "#4d4d4d") -> str:
    """A horizontal bar per label (most first), e.g. conflicts per story or per outlet."""
    fig, ax = plt.subplots(figsize=(5.6, 0.6 + 0.32 * max(len(counts), 1)))
    labels = [plain(label, 40) for label, _ in counts]
    ax.barh(range(len(counts)), [n for _, n in counts], color=colour)
    ax.set_yticks(range(len(counts)), labels)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x", alpha=0.3)
    return _svg_uri(fig)


def history_chart(history: list[dict[str, Any]]) -> str:
    """Conflicts raised per run, stacked by kind, oldest run first (the last 30 runs of a store)."""
    fig, ax = plt.subplots(figsize=(6.4, 2.6))
    x = list(range(len(history)))
    bottom = [0] * len(history)
    for kind in ("misreport", "disputed", "evolving"):
        values = [run["kinds"].get(kind, 0) for run in history]
        ax.bar(x, values, bottom=bottom, color=_KIND_COLOURS[kind], label=kind)
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_xticks(x, [run["generated_at"][:10] for run in history], rotation=45, ha="right", fontsize=7)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("conflicts")
    ax.legend(fontsize=7, frameon=False)
    ax.grid(axis="y", alpha=0.3)
    return _svg_uri(fig)
