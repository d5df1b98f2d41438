"""Shared test fixtures: the bundled corpus, its gold labels, and one pipeline run over them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from discrepancy.config import load_config
from discrepancy.evaluate.gold import load_gold
from discrepancy.ingest import read_corpus
from discrepancy.pipeline import run_pipeline
from discrepancy.report import build_snapshot
from discrepancy.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fixtures" / "corpus"
GOLD = ROOT / "fixtures" / "gold.json"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def config():
    return load_config()


@pytest.fixture(scope="session")
def articles(config):
    return read_corpus([CORPUS], config.ingest).articles


@pytest.fixture(scope="session")
def articles_by_id(articles):
    return {a.id: a for a in articles}


@pytest.fixture(scope="session")
def fixture_run(articles, config):
    return run_pipeline(articles, config)


@pytest.fixture(scope="session")
def gold(articles_by_id):
    return load_gold(GOLD, articles_by_id)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory, fixture_run):
    """A store holding one run over the fixtures; tests that write get their own copy (`review_db`)."""
    path = tmp_path_factory.mktemp("review-store") / "d.db"
    with Store(path) as store:
        store.save_run(fixture_run, build_snapshot(fixture_run))
    return path


@pytest.fixture
def review_db(template_db, tmp_path):
    """A fresh copy of `template_db` for one test."""
    shutil.copy(template_db, tmp_path / "d.db")
    return tmp_path / "d.db"


@pytest.fixture
def review_store(review_db):
    with Store(review_db) as store:
        yield store
