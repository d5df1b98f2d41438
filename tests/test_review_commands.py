"""`discrepancy review list|show|mark|export` and `discrepancy serve`'s refusals, through click's CliRunner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from discrepancy.cli import cli


@pytest.fixture
def db(review_db):
    return review_db


def review(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, ["review", *args], env=env)


def test_mark_list_show(db, ids):
    result = review("mark", ids[0], "false-alarm", "--reviewer", "Ana", "--note", "two different packages",
                    "--store", str(db))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{ids[0]}: false alarm by Ana at ")
    result = review("mark", ids[1], "confirmed error", "--store", str(db), env={"DISCREPANCY_REVIEWER": "Ben"})
    assert result.exit_code == 0, result.output

    listed = review("list", "--store", str(db))
    assert listed.exit_code == 0
    lines = [line for line in listed.stdout.splitlines() if line.startswith("k-")]
    assert [line.split()[0] for line in lines] == ids
    assert "false alarm" in lines[0] and " vs " in lines[0]

    only = review("list", "--verdict", "false alarm", "--json", "--store", str(db))
    assert [c["id"] for c in json.loads(only.stdout)] == [ids[0]]
    unreviewed = json.loads(review("list", "--verdict", "unreviewed", "--json", "--store", str(db)).stdout)
    assert len(unreviewed) == len(ids) - 2
    kind = json.loads(only.stdout)[0]["kind"]
    by_kind = json.loads(review("list", "--kind", kind, "--json", "--store", str(db)).stdout)
    assert by_kind and {c["kind"] for c in by_kind} == {kind}

    shown = review("show", ids[0], "--store", str(db))
    assert shown.exit_code == 0, shown.output
    assert "side 1:" in shown.stdout and "side 2:" in shown.stdout and "[" in shown.stdout
    assert "false alarm  by Ana: two different packages" in shown.stdout
    data = json.loads(review("show", ids[0], "--json", "--store", str(db)).stdout)
    assert data["conflict"]["id"] == ids[0] and [v["verdict"] for v in data["verdicts"]] == ["false alarm"]


def test_export(db, ids, tmp_path):
    review("mark", ids[0], "confirmed-error", "--reviewer", "Ana", "--store", str(db))
    review("mark", ids[1], "legitimate-difference", "--reviewer", "Ana", "--store", str(db))
    for fmt, name in (("csv", "v.csv"), ("json", "v.json"), ("claimreview", "c.jsonld")):
        result = review("export", "--format", fmt, "--out", str(tmp_path / name), "--store", str(db))
        assert result.exit_code == 0, result.output
    assert (tmp_path / "v.csv").read_text(encoding="utf-8").startswith("id,conflict_id,verdict,reviewer")
    assert len(json.loads((tmp_path / "v.json").read_text(encoding="utf-8"))["verdicts"]) == 2
    reviews = json.loads((tmp_path / "c.jsonld").read_text(encoding="utf-8"))
    assert [r["identifier"].split("/")[0] for r in reviews] == [ids[0]]
    stdout = review("export", "--format", "claimreview", "--out", "-", "--store", str(db))
    assert json.loads(stdout.stdout) == reviews


@pytest.mark.parametrize(("args", "message"), [
    (["mark", "k-000000000000", "false alarm", "--reviewer", "Ana"], "no conflict 'k-000000000000'"),
    (["mark", "{id}", "perhaps", "--reviewer", "Ana"], "unknown verdict 'perhaps'"),
    (["mark", "{id}", "false alarm", "--reviewer", " "], "reviewer must not be empty"),
    (["show", "k-000000000000"], "no conflict 'k-000000000000'"),
    (["list", "--verdict", "perhaps"], "Invalid value for '--verdict'"),
    (["export", "--format", "xml", "--out", "x"], "Invalid value for '--format'"),
    (["export", "--format", "csv", "--out", "/no/such/folder/v.csv"], "no such folder"),
])
def test_user_errors_exit_2_with_one_line(db, ids, args, message):
    result = review(*[a.replace("{id}", ids[0]) for a in args], "--store", str(db))
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_missing_store_is_not_created(tmp_path):
    result = review("list", "--store", str(tmp_path / "typo.db"))
    assert result.exit_code == 2 and "no such store" in result.output
    assert not (tmp_path / "typo.db").exists()


def test_serve_refuses_to_expose_the_store_without_a_token(db):
    result = CliRunner().invoke(cli, ["serve", "--store", str(db), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "--token" in result.output
    result = CliRunner().invoke(cli, ["serve", "--store", str(db), "--token", " "])
    assert result.exit_code == 2 and "must not be empty" in result.output
    result = CliRunner().invoke(cli, ["serve", "--store", str(db.parent / "typo.db")])
    assert result.exit_code == 2 and "no such store" in result.output


def test_serve_defaults_to_loopback():
    params = {p.name: p for p in cli.commands["serve"].params}
    assert params["host"].default == "127.0.0.1" and params["port"].default == 8750
    assert params["token"].envvar == "DISCREPANCY_REVIEW_TOKEN"


def test_export_choices_match_the_exporter():
    from discrepancy.review.commands import EXPORT_FORMATS
    from discrepancy.review.export import FORMATS

    assert EXPORT_FORMATS == FORMATS
