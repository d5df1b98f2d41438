"""Rewrite tests/golden/report_structure.json from tests/golden/snapshot.json.

    python -m tests.golden.regenerate

Run it after an intended change to the report's layout, and review the diff before committing: the file pins
the page's structure (headings, cards, detail sections, table headers, link and image schemes, scripts,
controls, CSP directives), not its bytes. The snapshot is a fixed, hand-trimmed conflicts.json, so changes in
extraction do not move it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SNAPSHOT = HERE / "snapshot.json"
GOLDEN = HERE / "report_structure.json"


def current_structure() -> dict[str, Any]:
    from discrepancy.report.writer import page_outline, render_html

    snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    return page_outline(render_html(snapshot, title="discrepancy report"))


def dumps(structure: dict[str, Any]) -> str:
    return json.dumps(structure, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def main() -> None:
    GOLDEN.write_text(dumps(current_structure()), encoding="utf-8")
    print(f"wrote {GOLDEN}")


if __name__ == "__main__":
    main()
