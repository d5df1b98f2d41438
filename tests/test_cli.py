"""CLI: `discrepancy run` through click's CliRunner; exit codes and one-line errors."""

from __future__ import annotations

import json

from click.testing import CliRunner

from discrepancy.cli import cli

from .conftest import CORPUS


def test_run_writes_the_report_folder(tmp_path):
    out = tmp_path / "report"
    result = CliRunner().invoke(cli, ["run", str(CORPUS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "articles from" in result.output and "conflicts" in result.output
    snap = json.loads((out / "conflicts.json").read_text(encoding="utf-8"))
    expected = sum(1 for p in CORPUS.glob("*.jsonl") for line in p.read_text(encoding="utf-8").splitlines() if line.strip())
    assert snap["counts"]["articles"] == expected
    assert (out / "mentions.csv").read_text(encoding="utf-8").startswith("article_id,")


def test_missing_corpus_is_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "no such corpus" in result.output
    assert "Traceback" not in result.output


def test_bad_config_is_usage_error(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text("[cluster]\nsimilarity = 'x'\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(CORPUS), "--out", str(tmp_path / "o"), "--config", str(cfg)])
    assert result.exit_code == 2 and "cluster.similarity" in result.output


def test_no_usable_articles_fails_the_run(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{broken\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(bad), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and "no usable articles" in result.output


def test_bad_lines_are_skipped_and_the_run_goes_on(tmp_path):
    corpus = tmp_path / "mixed.jsonl"
    lines = (CORPUS / "nk-troops.jsonl").read_text(encoding="utf-8").splitlines()
    corpus.write_text("\n".join(lines[:3] + ["{broken", "\x00\x01"] + lines[3:]), encoding="utf-8")
    result = CliRunner().invoke(cli, ["run", str(corpus), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0 and "2 items skipped" in result.output
