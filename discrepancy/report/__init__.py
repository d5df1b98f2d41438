"""Report: a run's results as a self-contained folder (index.html, conflicts.json, conflicts.csv, mentions.csv).

Three layers, as in ydata-profiling: `snapshot` computes the contract's JSON from a run, `charts` draws
from it, `render` turns it into HTML through Jinja2 with autoescape. The HTML is built only from the
snapshot, so a report can be re-rendered from a saved conflicts.json without re-running the pipeline.
"""

from .snapshot import build_snapshot, conflicts_frame, mentions_frame
from .writer import render_html, write_report

__all__ = ["build_snapshot", "conflicts_frame", "mentions_frame", "render_html", "write_report"]
