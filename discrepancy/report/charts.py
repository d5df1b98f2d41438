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
        labels = [f"{m['source']}" for m in mentions]
        fig, ax = plt.subplots(figsize=(6.4, 0.5 + 0.38 * len(mentions)))
        for i, m in enumerate(mentions):
            ax.hlines(i, m["low"], m["high"], colors=colour, alpha=0.35, linewidth=8)
            ax.plot([m["value"]], [i], "o", color=colour)
        ax.set_yticks(range(len(mentions)), labels)
        ax.invert_yaxis()
    ax.set_title(f"{conflict['referent'] or 'figure'} ({conflict['unit']})", fontsize=10)
    ax.grid(alpha=0.3)
    axis = ax.yaxis if conflict["kind"] == "evolving" else ax.xaxis
    axis.set_major_locator(MaxNLocator(5))
    axis.set_major_formatter(FuncFormatter(_short))
    return _svg_uri(fig)
