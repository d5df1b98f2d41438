"""Shared test fixtures: the bundled corpus, its gold labels, and one pipeline run over them."""

from __future__ import annotations

from pathlib import Path

import pytest

from discrepancy.config import load_config
from discrepancy.evaluate.gold import load_gold
from discrepancy.ingest import read_corpus
from discrepancy.pipeline import run_pipeline

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
