"""The report in a real browser: headless Chromium driven by Selenium over file://, no browser download.

Skipped when selenium, chromium or chromedriver is missing (CI installs the Debian packages `chromium` and
`chromium-driver`). Screenshots go to a pytest tmp dir; `DISCREPANCY_UPDATE_SCREENSHOT=1` also replaces the
README's docs/report.png.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from discrepancy.report import build_snapshot, render_html, write_report

from .conftest import CHROMEDRIVER, CHROMIUM, ROOT, console_errors, requested_urls

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium / chromedriver not installed")


# Every way the hostile fixture (rail-crash-2) and the issue try to run script, each setting a global if it runs.
EVIL = ("<script>window.__pwned = 1; alert('x')</script><img src=x onerror=\"window.__pwned = 2; alert(1)\">"
        "</textarea><b onmouseover=alert(3)>hover</b><svg onload=\"window.__pwned = 3\"></svg>"
        "<a href=\"javascript:window.__pwned = 4\">link</a></script><script>window.__pwned = 5</script>")


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def report(fixture_run, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    snapshot = write_report(fixture_run, out)
    return out, snapshot


def _open(driver, path: Path) -> None:
    """Load a page with the logs drained first, so they hold this page's events only."""
    driver.get("about:blank")
    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(path.as_uri())


def _shown_cards(driver) -> list[str]:
    return [c.get_attribute("id") for c in driver.find_elements(By.CSS_SELECTOR, "#cards > .card") if c.is_displayed()]


def _troop_conflict(snapshot) -> dict:
    troops = [c for c in snapshot["conflicts"]
              if any(m["article_id"].startswith("nk-troops-") for m in c["mentions"])]
    assert troops, "the fixtures hold the troop conflict"
    return troops[0]


def test_report_loads_without_errors_or_network(driver, report, shots):
    out, snapshot = report
    _open(driver, out / "index.html")
    assert driver.title == "discrepancy report"
    assert console_errors(driver) == []  # also: no CSP violation, so the hashed script ran
    assert driver.find_element(By.ID, "shown").text == \
        f"Showing {len(snapshot['conflicts'])} of {len(snapshot['conflicts'])} conflicts."
    requested = [u for u in requested_urls(driver) if not u.startswith(("data:", "chrome:", "chrome-"))]
    assert requested == [(out / "index.html").as_uri()]  # the page itself, nothing else
    resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert all(name.startswith("data:") for name in resources), resources
    driver.save_screenshot(str(shots / "report-top.png"))
    if os.environ.get("DISCREPANCY_UPDATE_SCREENSHOT") == "1":
        driver.save_screenshot(str(ROOT / "docs" / "report.png"))


def test_troop_card_and_chart_visible(driver, report, shots):
    out, snapshot = report
    troop = _troop_conflict(snapshot)
    _open(driver, out / "index.html")
    card = driver.find_element(By.ID, troop["id"])
    driver.execute_script("arguments[0].scrollIntoView()", card)
    assert card.is_displayed() and "troops" in card.find_element(By.TAG_NAME, "h3").text.lower()
    sides = card.find_elements(By.CSS_SELECTOR, ".side .fig")
    assert len(sides) >= 2
    card.screenshot(str(shots / "troop-card.png"))
    card.find_element(By.CSS_SELECTOR, f'a[href="#detail-{troop["id"]}"]').click()
    assert driver.execute_script("return location.hash") == f"#detail-{troop['id']}"
    detail = driver.find_element(By.ID, f"detail-{troop['id']}")
    chart = detail.find_element(By.CSS_SELECTOR, "img.chart")
    assert chart.is_displayed()
    assert driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", chart) > 0
    assert chart.get_attribute("alt")
    rows = detail.find_elements(By.CSS_SELECTOR, "table tbody tr")
    assert len(rows) == len(troop["mentions"])  # the chart's text alternative
    assert detail.find_elements(By.TAG_NAME, "mark")
    detail.screenshot(str(shots / "troop-detail.png"))
    assert console_errors(driver) == []


def test_filters_change_which_cards_are_shown(driver, report, shots):
    out, snapshot = report
    conflicts = snapshot["conflicts"]
    troop = _troop_conflict(snapshot)
    _open(driver, out / "index.html")
    assert len(_shown_cards(driver)) == len(conflicts)

    kind = Select(driver.find_element(By.NAME, "kind"))
    kind.select_by_value(troop["kind"])
    same_kind = {c["id"] for c in conflicts if c["kind"] == troop["kind"]}
    assert set(_shown_cards(driver)) == same_kind
    for c in conflicts:  # the detail sections follow their cards
        assert driver.find_element(By.ID, f"detail-{c['id']}").is_displayed() == (c["id"] in same_kind)

    Select(driver.find_element(By.NAME, "story")).select_by_value(troop["story"])
    assert troop["id"] in _shown_cards(driver)
    other = next((c for c in conflicts if c["story"] != troop["story"]), None)
    if other:
        Select(driver.find_element(By.NAME, "kind")).select_by_value("")
        Select(driver.find_element(By.NAME, "story")).select_by_value(other["story"])
        assert troop["id"] not in _shown_cards(driver) and other["id"] in _shown_cards(driver)
    driver.save_screenshot(str(shots / "filtered.png"))

    driver.find_element(By.CSS_SELECTOR, "#filters button[type=reset]").click()
    assert len(_shown_cards(driver)) == len(conflicts)

    outlet = sorted({m["source"] for m in troop["mentions"]})[0]
    Select(driver.find_element(By.NAME, "outlet")).select_by_value(outlet)
    expected = {c["id"] for c in conflicts if any(m["source"] == outlet for m in c["mentions"])}
    assert set(_shown_cards(driver)) == expected

    driver.find_element(By.CSS_SELECTOR, "#filters button[type=reset]").click()
    Select(driver.find_element(By.NAME, "severity")).select_by_value("0.66")
    assert set(_shown_cards(driver)) == {c["id"] for c in conflicts if c["severity"] >= 0.66}

    driver.find_element(By.CSS_SELECTOR, "#filters button[type=reset]").click()
    Select(driver.find_element(By.NAME, "sort")).select_by_value("mild")
    assert _shown_cards(driver)[0] == min(conflicts, key=lambda c: c["severity"])["id"]
    Select(driver.find_element(By.NAME, "sort")).select_by_value("severity")
    assert _shown_cards(driver)[0] == max(conflicts, key=lambda c: c["severity"])["id"]
    assert console_errors(driver) == []


def test_filters_are_keyboard_reachable(driver, report):
    out, snapshot = report
    _open(driver, out / "index.html")
    reached = []
    for _ in range(12):  # skip link, the three data links, then the filters
        webdriver.ActionChains(driver).send_keys(Keys.TAB).perform()
        active = driver.switch_to.active_element
        reached.append(active.get_attribute("name") or active.tag_name)
        if reached[-1] == "kind":
            break
    assert reached[-1] == "kind", reached
    webdriver.ActionChains(driver).send_keys(Keys.ARROW_DOWN).perform()  # a closed <select> steps its value
    first_kind = sorted({c["kind"] for c in snapshot["conflicts"]})[0]
    assert driver.execute_script("return document.querySelector('select[name=kind]').value") == first_kind
    assert set(_shown_cards(driver)) == {c["id"] for c in snapshot["conflicts"] if c["kind"] == first_kind}


def test_readable_on_a_phone(driver, report, shots):
    out, _ = report
    try:
        driver.set_window_size(390, 844)
        _open(driver, out / "index.html")
        width, inner = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        assert width <= inner, "the page scrolls sideways on a phone"
        driver.save_screenshot(str(shots / "phone.png"))
    finally:
        driver.set_window_size(1200, 1500)


def test_hostile_content_does_not_execute(driver, fixture_run, tmp_path, shots):
    snapshot = json.loads(json.dumps(build_snapshot(fixture_run)))
    for c in snapshot["conflicts"]:
        c["referent"] = EVIL
        for m in c["mentions"]:
            m.update(source=EVIL + m["source"], attribution=EVIL, url="javascript:window.__pwned = 6",
                     sentence=EVIL + " " + m["sentence"])
    for s in snapshot["stories"]:
        s["label"] = EVIL + s["label"]
    page = tmp_path / "index.html"
    page.write_text(render_html(snapshot, title=EVIL), encoding="utf-8")
    _open(driver, page)
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    # hover and click what an attacker would want hovered and clicked
    for card in driver.find_elements(By.CSS_SELECTOR, "#cards > .card")[:3]:
        webdriver.ActionChains(driver).move_to_element(card).perform()
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    injected = "a[href^='javascript' i], [onmouseover], [onerror], [onload], svg, textarea"
    assert not driver.find_elements(By.CSS_SELECTOR, injected)
    body = driver.find_element(By.TAG_NAME, "body").text
    assert "<script>window.__pwned = 1; alert('x')</script>" in body  # shown as text
    assert "</textarea>" in body
    # nothing tried to run and got blocked either: no CSP violation reported
    assert console_errors(driver) == []
    # the filters still work with hostile outlet names (data reaches the script through |tojson only)
    Select(driver.find_element(By.NAME, "outlet")).select_by_index(1)
    assert 0 < len(_shown_cards(driver)) <= len(snapshot["conflicts"])
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    driver.save_screenshot(str(shots / "hostile.png"))
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018


def test_hostile_fixture_article_in_the_fixture_report(driver, report, fixture_run):
    """rail-crash-2's title carries markup; whatever of it reaches the report stays text."""
    out, snapshot = report
    hostile = next(a for a in fixture_run.articles if a.id == "rail-crash-2")
    assert "<b onmouseover=alert(3)>" in hostile.title
    _open(driver, out / "index.html")
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    assert not driver.find_elements(By.CSS_SELECTOR, "a[href^='javascript' i], [onmouseover], [onerror], textarea")
    assert console_errors(driver) == []
