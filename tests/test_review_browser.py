"""The review app in a real browser: headless Chromium driven by Selenium against the app served on a free
local port (no browser download; skipped when selenium, chromium or chromedriver is missing, like
tests/test_browser.py). Open a conflict, record a verdict through the form, reload and see it; run the next
night and see the dismissed conflict not raised again as new; hostile article content never runs."""

from __future__ import annotations

import json
import threading

import pytest
from click.testing import CliRunner

from discrepancy.cli import cli
from discrepancy.review.conflicts import current_conflicts
from discrepancy.review.server import create_app, serve
from discrepancy.store import Store

from .conftest import CHROMEDRIVER, CHROMIUM, CORPUS, console_errors, requested_urls

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium / chromedriver not installed")

EVIL = ("<script>window.__pwned = 1; alert('x')</script><img src=x onerror=\"window.__pwned = 2\">"
        "</textarea><b onmouseover=alert(3)>hover</b><svg onload=\"window.__pwned = 3\"></svg>"
        "<a href=\"javascript:window.__pwned = 4\">link</a>")
CORPORA = [str(CORPUS / "nk-troops.jsonl"), str(CORPUS / "relief-fund.jsonl")]


@pytest.fixture
def night(tmp_path):
    """Run the first night into a store, as the nightly user would: `discrepancy run ... --store`."""
    db = tmp_path / "d.db"

    def run(name: str) -> dict:
        result = CliRunner().invoke(cli, ["run", *CORPORA, "--store", str(db), "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        return json.loads((tmp_path / name / "conflicts.json").read_text(encoding="utf-8"))

    run("night-1")
    return db, run


@pytest.fixture
def server(night):
    db, _ = night
    httpd = serve(create_app(db), "127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(10)


def _open(driver, url: str) -> None:
    driver.get("about:blank")
    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(url)


def test_record_a_verdict_reload_and_see_it_then_next_night(driver, night, server, tmp_path):
    db, run = night
    _open(driver, server + "/")
    rows = driver.find_elements(By.CSS_SELECTOR, "table.conflicts tbody tr")
    assert rows, "the first night raised conflicts"
    first = rows[0].get_attribute("id").removeprefix("row-")
    assert rows[0].find_element(By.CSS_SELECTOR, ".verdict").text == "unreviewed"
    assert all(u.startswith(server) for u in requested_urls(driver))  # nothing from anywhere else

    rows[0].find_element(By.CSS_SELECTOR, "a").click()
    assert driver.current_url == f"{server}/conflicts/{first}"
    assert driver.find_elements(By.CSS_SELECTOR, "blockquote mark")  # evidence, the number highlighted
    Select(driver.find_element(By.NAME, "verdict")).select_by_value("false alarm")
    driver.find_element(By.NAME, "reviewer").send_keys("Ana")
    driver.find_element(By.NAME, "note").send_keys("two different quantities under one key")
    driver.find_element(By.CSS_SELECTOR, "#verdict-form button[type=submit]").click()

    driver.refresh()
    assert driver.current_url.startswith(f"{server}/conflicts/{first}")
    assert driver.find_element(By.ID, "current-verdict").text == "false alarm"
    history = driver.find_element(By.CSS_SELECTOR, "table.history tbody").text
    assert "Ana" in history and "two different quantities under one key" in history
    assert console_errors(driver) == []  # also: no CSP violation
    with Store(db) as store:
        assert {c["id"]: c["verdict"] for c in current_conflicts(store)}[first] == "false alarm"

    # The next night the same figures come in again: the dismissed conflict keeps its verdict, not raised as new.
    snapshot = run("night-2")
    again = next(c for c in snapshot["conflicts"] if c["id"] == first)
    assert again["status"] == "ongoing"
    assert (again.get("verdict") or {}).get("verdict") == "false alarm"
    _open(driver, server + "/?status=new")
    assert not driver.find_elements(By.ID, f"row-{first}")
    _open(driver, server + "/?verdict=false+alarm")
    row = driver.find_element(By.ID, f"row-{first}")
    assert "ongoing" in row.text and "false alarm" in row.text


def test_hostile_content_does_not_run(driver, night, server):
    db, _ = night
    with Store(db) as store:
        conflict = current_conflicts(store)[0]
        for m in conflict["mentions"]:
            m.update(sentence=EVIL + " " + m["sentence"], source=EVIL + m["source"], attribution=EVIL,
                     referent=EVIL, url="javascript:window.__pwned = 6")
        with store.transaction() as write:
            write.execute("UPDATE conflicts SET mentions = ? WHERE id = ?",
                          (json.dumps(conflict["mentions"]), conflict["id"]))
    for path in ("/", f"/conflicts/{conflict['id']}"):
        _open(driver, server + path)
        with pytest.raises(NoAlertPresentException):
            driver.switch_to.alert.text  # noqa: B018
        for element in driver.find_elements(By.CSS_SELECTOR, "blockquote, figcaption, td")[:20]:
            webdriver.ActionChains(driver).move_to_element(element).perform()
        assert driver.execute_script("return typeof window.__pwned") == "undefined"
        injected = "a[href^='javascript' i], [onmouseover], [onerror], [onload], svg, img, script"
        assert not driver.find_elements(By.CSS_SELECTOR, injected)
        assert "<script>window.__pwned = 1" in driver.find_element(By.TAG_NAME, "body").text
        assert console_errors(driver) == []  # nothing tried to run and got blocked either
