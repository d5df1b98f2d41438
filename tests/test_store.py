"""Store: a run recorded in SQLite, idempotent for articles and mentions, kept per run for conflicts."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from discrepancy.cli import cli
from discrepancy.report import build_snapshot
from discrepancy.store import SCHEMA_VERSION, Store, StoreError

from .conftest import CORPUS


def test_save_run_twice(tmp_path, fixture_run):
    snapshot = build_snapshot(fixture_run)
    with Store(tmp_path / "d.db") as store:
        assert store.schema_version == SCHEMA_VERSION
        first = store.save_run(fixture_run, snapshot)
        second = store.save_run(fixture_run, snapshot)
        assert second == first + 1
        assert store.count("articles") == len(fixture_run.articles)
        assert store.count("mentions") == len(fixture_run.mentions)
        assert store.count("runs") == 2
        assert store.count("conflicts") == 2 * len(fixture_run.conflicts)
        assert store.conflict_runs(fixture_run.conflicts[0].id) == [first, second]
    # Any SQLite tool can read it, in WAL mode.
    db = sqlite3.connect(tmp_path / "d.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT COUNT(*) FROM stories").fetchone()[0] == 2 * len(fixture_run.stories)


def test_failed_save_leaves_nothing(tmp_path, fixture_run):
    snapshot = build_snapshot(fixture_run)
    broken = {**snapshot, "conflicts": [{**snapshot["conflicts"][0], "kind": None}] + snapshot["conflicts"][1:]}
    with Store(tmp_path / "d.db") as store:
        with pytest.raises(sqlite3.IntegrityError):
            store.save_run(fixture_run, broken)
        assert store.count("runs") == 0 and store.count("articles") == 0


def test_newer_schema_is_refused(tmp_path):
    db = sqlite3.connect(tmp_path / "d.db")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="schema"):
        Store(tmp_path / "d.db")


def test_cli_run_records_into_the_store(tmp_path):
    result = CliRunner().invoke(cli, ["run", str(CORPUS / "nk-troops.jsonl"), "--out", str(tmp_path / "o"),
                                      "--store", str(tmp_path / "d.db")])
    assert result.exit_code == 0, result.output
    with Store(tmp_path / "d.db") as store:
        assert store.count("runs") == 1 and store.count("articles") == 6


def test_second_run_marks_ongoing_and_charts_history(tmp_path):
    runner = CliRunner()
    args = ["run", str(CORPUS / "nk-troops.jsonl"), str(CORPUS / "relief-fund.jsonl"), "--store", str(tmp_path / "d.db")]
    first = runner.invoke(cli, [*args, "--out", str(tmp_path / "r1")])
    assert first.exit_code == 0, first.output
    one = json.loads((tmp_path / "r1" / "conflicts.json").read_text(encoding="utf-8"))
    assert one["conflicts"] and {c["status"] for c in one["conflicts"]} == {"new"}
    # The next night only the relief-fund story comes in again: its conflict is ongoing.
    second = runner.invoke(cli, ["run", str(CORPUS / "relief-fund.jsonl"), "--store", str(tmp_path / "d.db"),
                                 "--out", str(tmp_path / "r2")])
    assert second.exit_code == 0, second.output
    two = json.loads((tmp_path / "r2" / "conflicts.json").read_text(encoding="utf-8"))
    # ... and the troop story's conflicts, not raised tonight, are reported once as resolved.
    troops = {c["id"] for c in one["conflicts"] if "troops" in c["referent"]}
    relief = {c["id"] for c in one["conflicts"]} - troops
    assert troops and relief and {c["id"] for c in two["conflicts"] if c["status"] == "ongoing"} == relief
    resolved = {c["id"] for c in two["conflicts"] if c["status"] == "resolved"}
    assert resolved == {c["id"] for c in one["conflicts"]} - relief
    history = json.loads((tmp_path / "r2" / "history.json").read_text(encoding="utf-8"))
    assert [h["conflicts"] for h in history] == [len(one["conflicts"]), len(relief)]
    html = (tmp_path / "r2" / "index.html").read_text(encoding="utf-8")
    assert "Conflicts over the last 2 runs" in html
