"""Shared test fixtures: the bundled corpus, its gold labels, and one pipeline run over them."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
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

# The browser tests drive the system Chromium (Debian `chromium` + `chromium-driver`); never a download.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--no-first-run", "--window-size=1200,1500"]


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


@pytest.fixture
def ids(review_db):
    """The conflict ids of `review_db`'s current run."""
    from discrepancy.review.conflicts import current_conflicts

    with Store(review_db) as store:
        return [c["id"] for c in current_conflicts(store)]


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    """Headless Chromium through Selenium, one per test module; skipped when it cannot start here."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("chromium / chromedriver not installed")
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never download a browser or driver
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(dir=tmp_path_factory.mktemp('chromium'))}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    try:
        drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    except Exception as exc:  # a broken local install is an environment problem, not a bug of ours
        pytest.skip(f"chromium did not start: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    drv.set_page_load_timeout(60)
    yield drv
    drv.quit()


def console_errors(driver) -> list[dict]:
    """The browser console's errors since the last read."""
    return [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


def requested_urls(driver) -> list[str]:
    """Every URL the page requested since the last read (from Chromium's performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls
