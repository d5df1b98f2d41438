"""Engines: the same run on a Dask LocalCluster (2 worker processes) as on the local process pool — the same
conflicts.json, also when a worker is killed mid-run — and a failed task fails the run."""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import sys
from collections.abc import Sequence

import pytest
from click.testing import CliRunner

from discrepancy.cli import cli
from discrepancy.compare import compare_claims
from discrepancy.config import ConfigError, load_config
from discrepancy.engine import DaskEngine, EngineError, LocalEngine, story_partitions
from discrepancy.pipeline import run_pipeline
from discrepancy.records import Article
from discrepancy.report import build_snapshot
from discrepancy.workers import Batch, extract_batch

from .conftest import CORPUS

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    import cloudpickle

    # The fault-injecting task functions below live in this test module, which worker processes need not
    # be able to import: ship them by value.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c
    cloudpickle.unregister_pickle_by_value(sys.modules[__name__])


def _comparable(snapshot: dict) -> dict:
    """conflicts.json as the contract pins it, timestamps aside (normalised through JSON)."""
    data = json.loads(json.dumps(snapshot))
    data.pop("generated_at")
    return data


def _kill_first_time(articles: Sequence[Article], config, marker: str) -> Batch:
    """The first call anywhere on the cluster SIGKILLs its own worker process (after noting its pid)."""
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)  # atomic: only one task ever kills
    except FileExistsError:
        return extract_batch(articles, config)
    os.write(fd, str(os.getpid()).encode())
    os.close(fd)
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("unreachable")


def _boom(articles: Sequence[Article], config) -> Batch:
    raise RuntimeError("boom")


def test_cli_run_on_dask_writes_the_same_conflicts_json(tmp_path, client):
    local, dask = tmp_path / "local", tmp_path / "dask"
    runner = CliRunner()
    first = runner.invoke(cli, ["run", str(CORPUS), "--out", str(local)])
    second = runner.invoke(cli, ["run", str(CORPUS), "--out", str(dask), "--scheduler", client.scheduler.address])
    assert first.exit_code == 0 and second.exit_code == 0, (first.output, second.output)
    a = json.loads((local / "conflicts.json").read_text(encoding="utf-8"))
    b = json.loads((dask / "conflicts.json").read_text(encoding="utf-8"))
    assert a["counts"]["conflicts"] > 10
    assert _comparable(a) == _comparable(b)
    assert (local / "mentions.csv").read_bytes() == (dask / "mentions.csv").read_bytes()


def test_a_worker_killed_mid_run_is_retried_and_the_result_is_unchanged(tmp_path, articles, config, fixture_run,
                                                                        client):
    marker = tmp_path / "killed"
    before = set(client.run(os.getpid).values())
    engine = DaskEngine(client, partition_size=8, extract=functools.partial(_kill_first_time, marker=str(marker)))
    result = run_pipeline(articles, config, now=fixture_run.generated_at, engine=engine)
    killed = int(marker.read_text())
    assert killed in before  # the kill really happened, on one of the cluster's workers ...
    client.wait_for_workers(2, timeout=60)  # ... whose nanny starts a fresh process in its place
    assert killed not in set(client.run(os.getpid).values())
    assert _comparable(build_snapshot(result)) == _comparable(build_snapshot(fixture_run))


def test_batches_come_back_in_input_order_as_on_the_local_pool(articles, config, client):
    sample = list(articles[:30])
    local = list(LocalEngine(workers=1).extract_batches(sample, config.extract, batch_size=4))
    dask = list(DaskEngine(client).extract_batches(sample, config.extract, batch_size=4))
    assert [b.article_ids for b in dask] == [b.article_ids for b in local] and len(dask) == 8
    assert [b.mentions for b in dask] == [b.mentions for b in local]


def test_a_failed_task_fails_the_run(articles, config, client):
    engine = DaskEngine(client, partition_size=10, extract=_boom)
    with pytest.raises(EngineError, match=r"extraction of articles .* failed: RuntimeError: boom"):
        run_pipeline(articles, config, engine=engine)


def test_compare_per_story_ranks_exactly_as_compare_claims(fixture_run, config, client):
    claims = list(fixture_run.claims)
    # Every claim twice: equal ids in the same run must get the same "-2" suffixes on either engine.
    for batch in (claims, claims + claims):
        expected = compare_claims(batch, config.compare)
        assert DaskEngine(client).compare(batch, config.compare) == expected
    assert any(c.id.endswith("-2") for c in DaskEngine(client).compare(claims + claims, config.compare))


def test_story_partitions_keep_stories_whole(fixture_run):
    claims = list(fixture_run.claims)
    parts = story_partitions(claims, 4)
    assert 1 < len(parts) <= 4
    assert sorted(i for p in parts for i, _ in p) == list(range(len(claims)))
    homes = {}
    for n, part in enumerate(parts):
        for _, claim in part:
            assert homes.setdefault(claim.story_id, n) == n  # a story never spans two partitions


def test_nightly_on_dask_commits_the_same_night(tmp_path, client):
    outputs = []
    for engine in ("local", "dask"):
        world = tmp_path / engine
        (world / "inbox").mkdir(parents=True)
        for name in ("nk-troops.jsonl", "relief-fund.jsonl", "heatwave.jsonl"):
            shutil.copy(CORPUS / name, world / "inbox" / name)
        config = world / "nightly.toml"
        config.write_text('[nightly]\nbatch_size = 3\nwindow_days = 400.0\n\n[extract]\nworkers = 1\n\n'
                          '[[sources]]\ntype = "folder"\npath = "inbox"\n', encoding="utf-8")
        args = ["nightly", "--config", str(config), "--date", "2024-11-06"]
        if engine == "dask":
            args += ["--scheduler", client.scheduler.address]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        outputs.append(json.loads((world / "reports" / "2024-11-06" / "conflicts.json").read_text(encoding="utf-8")))
    assert outputs[0]["counts"]["articles"] > 5
    assert _comparable(outputs[0]) == _comparable(outputs[1])


def test_engine_config_and_options(tmp_path):
    assert load_config().engine.kind == "local"
    assert load_config(overrides={"engine": {"kind": "dask"}}).engine.n_workers == 2
    with pytest.raises(ConfigError, match="'engine.kind' must be one of local, dask"):
        load_config(overrides={"engine": {"kind": "spark"}})
    with pytest.raises(ConfigError, match="'engine.scheduler' must be an address"):
        load_config(overrides={"engine": {"kind": "dask", "scheduler": "localhost"}})
    out = str(tmp_path / "o")
    both = CliRunner().invoke(cli, ["run", str(CORPUS), "--out", out, "--engine", "local", "--scheduler",
                                    "tcp://127.0.0.1:8786"])
    assert both.exit_code == 2 and "--scheduler needs --engine dask" in both.output
    bad = CliRunner().invoke(cli, ["run", str(CORPUS), "--out", out, "--engine", "spark"])
    assert bad.exit_code == 2


def test_story_similarity_blocks_on_dask_give_the_same_stories(articles, config, client, monkeypatch):
    """Clustering's blocked sparse products run as dask tasks over one shared vocabulary: with blocks of 8
    articles (11 tasks for the fixtures) the stories are exactly the local ones."""
    import discrepancy.cluster as cluster

    monkeypatch.setattr(cluster, "_BLOCK", 8)
    local = cluster.cluster_stories(articles, config.cluster)
    calls = []

    def spy(fn, matrix, times, specs, *args):
        calls.append(len(specs))
        return DaskEngine(client).map_blocks(fn, matrix, times, specs, *args)

    remote = cluster.cluster_stories(articles, config.cluster, spy)
    assert calls and calls[0] > 5
    assert [(s.id, s.article_ids, s.copies) for s in remote] == [(s.id, s.article_ids, s.copies) for s in local]
