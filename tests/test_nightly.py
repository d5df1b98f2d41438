"""The nightly job end to end: three nights over a folder and a feed that gain articles, history
new -> ongoing -> resolved, dedupe and revisions, the lock, and a SIGKILL mid-run followed by a re-run."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from email.utils import format_datetime
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from click.testing import CliRunner

from discrepancy.cli import cli
from discrepancy.lock import run_lock

from .conftest import CORPUS

RELIEF = [json.loads(line) for line in (CORPUS / "relief-fund.jsonl").read_text(encoding="utf-8").splitlines()]


def _rss(items: list[dict]) -> str:
    """An RSS 2.0 feed carrying each article's text as HTML paragraphs in content:encoded."""
    entries = []
    for a in items:
        html = "".join(f"<p>{escape(p)}</p>" for p in a["text"].split("\n") if p.strip())
        published = format_datetime(datetime.fromisoformat(a["published"].replace("Z", "+00:00")))
        entries.append(
            f"<item><title>{escape(a['title'])}</title><link>{escape(a['url'])}</link>"
            f"<guid>{escape(a['url'])}</guid><pubDate>{published}</pubDate>"
            f"<content:encoded><![CDATA[{html}]]></content:encoded></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Meridian wire</title>'
            f"<link>https://meridian.example/</link><description>d</description>{''.join(entries)}</channel></rss>")


def _world(tmp_path: Path, batch_size: int = 2) -> Path:
    """A config beside an inbox folder and a local feed file, as a newsroom would lay it out."""
    (tmp_path / "inbox").mkdir()
    config = tmp_path / "nightly.toml"
    config.write_text(f"""
[store]
path = "state/discrepancy.db"

[nightly]
reports_dir = "reports"
batch_size = {batch_size}

[extract]
workers = 1

[[sources]]
type = "folder"
path = "inbox"

[[sources]]
type = "feed"
path = "meridian.xml"
outlet = "Daily Meridian"
""", encoding="utf-8")
    return config


def _night(config: Path, day: str) -> dict:
    result = CliRunner().invoke(cli, ["nightly", "--config", str(config), "--date", day])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"discrepancy nightly {day}:"), result.output
    report = config.parent / "reports" / day
    assert (config.parent / "reports" / "latest").resolve() == report.resolve()
    assert (report / "index.html").is_file() and (report / "mentions.csv").is_file()
    return json.loads((report / "conflicts.json").read_text(encoding="utf-8"))


def _db(config: Path) -> sqlite3.Connection:
    return sqlite3.connect(config.parent / "state" / "discrepancy.db")


def test_three_nights_new_ongoing_resolved(tmp_path):
    config = _world(tmp_path)
    inbox, feed = tmp_path / "inbox", tmp_path / "meridian.xml"
    # Night 1: three outlets in the folder print 1.2 billion; the wire feed's copy slipped to 12 billion.
    (inbox / "2024-05-20.jsonl").write_text("".join(json.dumps(a) + "\n" for a in RELIEF[:3]), encoding="utf-8")
    feed.write_text(_rss(RELIEF[3:]), encoding="utf-8")
    one = _night(config, "2024-05-20")
    misreport = [c for c in one["conflicts"] if c["kind"] == "misreport"]
    assert misreport and {c["status"] for c in one["conflicts"]} == {"new"}
    cid = misreport[0]["id"]
    assert {m["source"] for m in misreport[0]["mentions"]} >= {"Daily Meridian", RELIEF[0]["source"]}

    # Night 2: the folder gains a repeated article and a broken line; the feed is served again unchanged
    # plus a corrected revision of the misprinted article at the same URL.
    (inbox / "2024-05-21.jsonl").write_text(json.dumps(RELIEF[1]) + "\n{not json\n", encoding="utf-8")
    corrected = {**RELIEF[3], "text": RELIEF[3]["text"].replace("12 billion", "1.2 billion")}
    assert corrected["text"] != RELIEF[3]["text"]
    feed.write_text(_rss([corrected]), encoding="utf-8")
    two = _night(config, "2024-05-21")
    assert {c["id"]: c["status"] for c in two["conflicts"]}.get(cid) == "ongoing"
    with _db(config) as db:
        assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 5  # 4 + 1 revision, no repeats
        revised = db.execute("SELECT id, revision_of FROM articles WHERE revision_of IS NOT NULL").fetchall()
        assert len(revised) == 1 and revised[0][0].startswith(revised[0][1])
        assert db.execute("SELECT COUNT(*) FROM articles WHERE extracted = 0").fetchone()[0] == 0

    # Night 3, a week on: the May 20 articles have left the 7-day window, so the conflict is resolved.
    three = _night(config, "2024-05-28")
    assert {c["id"]: c["status"] for c in three["conflicts"]}.get(cid) == "resolved"
    html = (tmp_path / "reports" / "2024-05-28" / "index.html").read_text(encoding="utf-8")
    assert "Resolved" in html and "Conflicts over the last 3 runs" in html
    with _db(config) as db:
        assert [r[0] for r in db.execute("SELECT run_date FROM runs ORDER BY id")] == \
            ["2024-05-20", "2024-05-21", "2024-05-28"]

    # Re-running a night replaces it: nothing is counted twice.
    again = _night(config, "2024-05-21")
    assert {c["id"]: c["status"] for c in again["conflicts"]}.get(cid) == "ongoing"
    with _db(config) as db:
        assert db.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 3
        assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 5


def test_a_second_concurrent_run_exits_75(tmp_path):
    config = _world(tmp_path)
    (tmp_path / "inbox" / "a.jsonl").write_text(json.dumps(RELIEF[0]) + "\n", encoding="utf-8")
    (tmp_path / "meridian.xml").write_text(_rss([]), encoding="utf-8")
    with run_lock(tmp_path / "state" / "discrepancy.db.lock"):
        result = CliRunner().invoke(cli, ["nightly", "--config", str(config), "--date", "2024-05-20"])
    assert result.exit_code == 75 and "another nightly run holds" in result.output


def test_no_sources_is_a_usage_error(tmp_path):
    config = tmp_path / "n.toml"
    config.write_text("[nightly]\nwindow_days = 3.0\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["nightly", "--config", str(config)])
    assert result.exit_code == 2 and "no sources configured" in result.output


def _store_state(db_path: Path) -> dict:
    with sqlite3.connect(db_path) as db:
        return {
            "articles": db.execute("SELECT COUNT(*), SUM(extracted) FROM articles").fetchone(),
            "mentions": db.execute(
                'SELECT article_id, start, "end", value, referent_key FROM mentions ORDER BY 1, 2, 3').fetchall(),
            "runs": db.execute("SELECT run_date FROM runs").fetchall(),
            "conflicts": db.execute("SELECT id, kind, status FROM conflicts ORDER BY id").fetchall(),
        }


def test_sigkill_mid_run_then_rerun_completes_with_nothing_lost_or_doubled(tmp_path):
    def world(where: Path) -> Path:
        where.mkdir()
        config = _world(where, batch_size=2)
        for path in sorted(CORPUS.glob("*.jsonl")):
            (where / "inbox" / path.name).write_bytes(path.read_bytes())
        (where / "meridian.xml").write_text(_rss([]), encoding="utf-8")
        # One window that holds every fixture story.
        config.write_text(config.read_text(encoding="utf-8").replace(
            'reports_dir = "reports"', 'reports_dir = "reports"\nwindow_days = 800.0'), encoding="utf-8")
        return config

    command = [sys.executable, "-m", "discrepancy", "nightly", "--date", "2024-11-20", "--config"]
    clean = world(tmp_path / "clean")
    subprocess.run([*command, str(clean)], check=True, capture_output=True, timeout=600)
    expected = _store_state(clean.parent / "state" / "discrepancy.db")
    assert expected["articles"][0] >= 60 and expected["conflicts"]

    killed = world(tmp_path / "killed")
    db_path = killed.parent / "state" / "discrepancy.db"
    proc = subprocess.Popen([*command, str(killed)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while True:  # kill it once some, not all, extraction batches are committed
            assert proc.poll() is None, "the run finished before it could be killed"
            assert time.monotonic() < deadline
            if db_path.exists():
                try:
                    with sqlite3.connect(db_path, timeout=0.1) as db:
                        done = db.execute("SELECT COALESCE(SUM(extracted), 0) FROM articles").fetchone()[0]
                except sqlite3.OperationalError:
                    done = 0
                if done >= 10:
                    break
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    interrupted = _store_state(db_path)
    assert interrupted["runs"] == [] and 0 < interrupted["articles"][1] < interrupted["articles"][0]

    rerun = subprocess.run([*command, str(killed)], capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert _store_state(db_path) == expected


def test_readme_cron_recipe_works_as_written(tmp_path):
    """The crontab line from the README, run by sh with only the install folder substituted."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("```crontab\n", 1)[1].split("```", 1)[0]
    line = next(x for x in block.splitlines() if x.strip() and not x.startswith("#"))
    command = line.split(None, 5)[5].replace("/srv/discrepancy", str(tmp_path))
    launcher = tmp_path / ".venv" / "bin" / "discrepancy"  # what `pip install` puts in the venv
    launcher.parent.mkdir(parents=True)
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m discrepancy "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    (tmp_path / "nightly.toml").write_text(
        f'[[sources]]\ntype = "jsonl"\npath = "{CORPUS / "relief-fund.jsonl"}"\n', encoding="utf-8")
    run = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, (run.stdout, run.stderr, (tmp_path / "logs" / "nightly.log").read_text())
    assert run.stdout.startswith("discrepancy nightly ") and "read 4 articles (4 new" in run.stdout
    assert (tmp_path / "logs" / "nightly.log").exists()
    assert (tmp_path / "reports" / "latest" / "index.html").is_file()
    assert (tmp_path / "discrepancy.db").is_file()


def test_tonight_passes_over_files_read_before_and_rereads_changed_ones(tmp_path):
    config = _world(tmp_path)
    (tmp_path / "meridian.xml").write_text(_rss([]), encoding="utf-8")
    inbox = tmp_path / "inbox" / "relief.jsonl"
    inbox.write_text("".join(json.dumps(a) + "\n" for a in RELIEF[:2]), encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(cli, ["nightly", "--config", str(config)])
    assert first.exit_code == 0 and "read 2 articles (2 new" in first.output, first.output
    second = runner.invoke(cli, ["nightly", "--config", str(config)])
    assert second.exit_code == 0 and "read 0 articles" in second.output and "1 files unchanged" in second.output
    inbox.write_text(inbox.read_text(encoding="utf-8") + json.dumps(RELIEF[2]) + "\n", encoding="utf-8")
    third = runner.invoke(cli, ["nightly", "--config", str(config)])
    assert third.exit_code == 0 and "read 3 articles (1 new" in third.output, third.output
    with _db(config) as db:
        assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 3


def test_the_example_config_reads_every_bundled_source_kind(tmp_path):
    """fixtures/nightly.example.toml (a folder, an RSS file and a WARC) works; store and reports redirected."""
    from dataclasses import replace

    from discrepancy.config import StoreConfig, load_config
    from discrepancy.nightly import run_nightly

    example = CORPUS.parent / "nightly.example.toml"
    config = load_config(example)
    assert {s.type for s in config.sources} == {"folder", "feed", "warc"}
    config = replace(config, store=StoreConfig(str(tmp_path / "d.db")),
                     nightly=replace(config.nightly, reports_dir=str(tmp_path / "reports")))
    summary = run_nightly(config, datetime(2024, 11, 20).date())
    assert summary.skipped == 0 and summary.new == summary.ingested > 81  # the corpus plus feed and crawl
    assert summary.outlets >= 10 and summary.statuses["new"] > 0
    assert (tmp_path / "reports" / "latest" / "index.html").is_file()
