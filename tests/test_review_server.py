"""The review web app through Flask's test client: list, filters, a conflict's evidence, the verdict form,
CSRF and origin checks, the shared access token, and hostile article content rendered inert."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from discrepancy.review.conflicts import current_conflicts
from discrepancy.review.server import create_app
from discrepancy.review.verdicts import latest_verdicts, record_verdict
from discrepancy.store import Store

EVIL = ("<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"
        "<a href=\"javascript:window.__pwned = 3\">link</a></textarea><b onmouseover=alert(3)>hover</b>")


@pytest.fixture
def db(review_db):
    return review_db


@pytest.fixture
def client(db):
    return create_app(db).test_client()


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def _latest(db) -> dict:
    with Store(db) as store:
        return latest_verdicts(store)


def test_list_shows_the_latest_run(client, ids):
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.count('<tr id="row-') == len(ids)
    for cid in ids:
        assert f'href="/conflicts/{cid}"' in page
    assert "unreviewed" in page


def test_list_filters(client, db, ids):
    with Store(db) as store:
        conflicts = current_conflicts(store)
        record_verdict(store, ids[0], "false alarm", "Ana")
    kind = conflicts[0]["kind"]
    page = client.get(f"/?kind={kind}").get_data(as_text=True)
    assert page.count('<tr id="row-') == sum(c["kind"] == kind for c in conflicts)
    page = client.get("/?verdict=false+alarm").get_data(as_text=True)
    assert re.findall(r'<tr id="row-([^"]+)"', page) == [ids[0]]
    page = client.get("/?verdict=unreviewed&status=new").get_data(as_text=True)
    assert page.count('<tr id="row-') == len(ids) - 1
    assert client.get("/?verdict=perhaps").status_code == 400


def test_conflict_page_shows_evidence(client, db, ids):
    with Store(db) as store:
        conflict = next(c for c in current_conflicts(store) if c["id"] == ids[0])
    response = client.get(f"/conflicts/{ids[0]}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.count("<blockquote>") == len(conflict["mentions"])
    assert page.count("<mark>") >= len(conflict["mentions"]) - 1
    for m in conflict["mentions"]:
        assert f'href="{m["url"]}"' in page
        assert m["source"] in page
    assert "Nobody has reviewed this conflict yet." in page
    assert client.get("/conflicts/k-000000000000").status_code == 404


def test_post_a_verdict_then_see_it(client, db, ids):
    page = client.get(f"/conflicts/{ids[0]}").get_data(as_text=True)
    response = client.post(f"/conflicts/{ids[0]}/verdicts", data={
        "csrf_token": _csrf(page), "verdict": "confirmed error", "reviewer": "Ana", "note": "a slipped decimal"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/conflicts/{ids[0]}#history")
    page = client.get(f"/conflicts/{ids[0]}").get_data(as_text=True)
    assert 'id="current-verdict" class="verdict v-confirmed-error">confirmed error<' in page
    assert "a slipped decimal" in page
    assert 'name="reviewer" value="Ana"' in page  # remembered for the next verdict
    assert _latest(db)[ids[0]]["reviewer"] == "Ana"


def test_an_invalid_verdict_is_shown_on_the_form(client, db, ids):
    page = client.get(f"/conflicts/{ids[0]}").get_data(as_text=True)
    response = client.post(f"/conflicts/{ids[0]}/verdicts", data={
        "csrf_token": _csrf(page), "verdict": "confirmed error", "reviewer": " ", "note": "kept"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "reviewer must not be empty" in page and ">kept</textarea>" in page
    assert _latest(db) == {}


@pytest.mark.parametrize("token", [None, "", "0" * 43])
def test_forged_post_without_the_right_csrf_token_is_refused(client, db, ids, token):
    client.get(f"/conflicts/{ids[0]}")  # the victim has a session
    data = {"verdict": "false alarm", "reviewer": "attacker"}
    if token is not None:
        data["csrf_token"] = token
    response = client.post(f"/conflicts/{ids[0]}/verdicts", data=data,
                           headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"})
    assert response.status_code in (400, 403)
    response = client.post(f"/conflicts/{ids[0]}/verdicts", data=data)  # even from our own origin
    assert response.status_code in (400, 403)
    assert _latest(db) == {}


def test_cross_site_post_is_refused_even_with_a_valid_token(client, db, ids):
    token = _csrf(client.get(f"/conflicts/{ids[0]}").get_data(as_text=True))
    data = {"csrf_token": token, "verdict": "false alarm", "reviewer": "attacker"}
    for headers in ({"Origin": "https://evil.example"}, {"Origin": "null"},
                    {"Referer": "https://evil.example/page"}, {"Sec-Fetch-Site": "cross-site"},
                    {"Sec-Fetch-Site": "same-site"}):
        response = client.post(f"/conflicts/{ids[0]}/verdicts", data=data, headers=headers)
        assert response.status_code == 403, headers
    assert _latest(db) == {}
    same = client.post(f"/conflicts/{ids[0]}/verdicts", data=data,
                       headers={"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"})
    assert same.status_code == 303


def test_access_token_is_required_on_every_request_when_set(db, ids):
    client = create_app(db, token="s3cret-token").test_client()
    for path in ("/", f"/conflicts/{ids[0]}"):
        response = client.get(path)
        page = response.get_data(as_text=True)
        assert response.status_code == 401 and "<blockquote>" not in page and "<tr id=" not in page
        assert f'name="next" value="{path}"' in page
    assert client.post(f"/conflicts/{ids[0]}/verdicts", data={"verdict": "false alarm"}).status_code == 401
    assert client.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
    # In a browser: the access form once per session, then back to where the user was going.
    form = client.get("/access").get_data(as_text=True)
    wrong = client.post("/access", data={"csrf_token": _csrf(form), "token": "guess", "next": "/"})
    assert wrong.status_code == 401
    assert client.get("/").status_code == 401
    response = client.post("/access", data={"csrf_token": _csrf(form), "token": "s3cret-token",
                                            "next": f"/conflicts/{ids[0]}"})
    assert response.status_code == 303 and response.headers["Location"] == f"/conflicts/{ids[0]}"
    page = client.get(f"/conflicts/{ids[0]}").get_data(as_text=True)
    response = client.post(f"/conflicts/{ids[0]}/verdicts",
                           data={"csrf_token": _csrf(page), "verdict": "false alarm", "reviewer": "Ana"})
    assert response.status_code == 303
    # The access form never sends anyone off-site.
    offsite = client.post("/access", data={"csrf_token": _csrf(form), "token": "s3cret-token",
                                           "next": "//evil.example/"})
    assert offsite.headers["Location"] == "/"
    # A session that entered another token (the token changed) is locked out again.
    other = create_app(db, token="new-token", secret_key=b"k" * 32).test_client()
    with other.session_transaction() as session:
        session["access"] = "0" * 64
    assert other.get("/").status_code == 401


def test_security_headers(client, ids):
    response = client.get(f"/conflicts/{ids[0]}")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp  # no script may run at all
    assert "form-action 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


class _Active(HTMLParser):
    """Everything in a page that could run script or leave the site."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "svg", "iframe", "object", "embed"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag}[{name}]")


def test_hostile_article_content_renders_inert(client, db, ids):
    with Store(db) as store:
        row = store.query("SELECT run_id, mentions FROM conflicts WHERE id = ?", (ids[0],))[0]
        mentions = json.loads(row["mentions"])
        for m in mentions:
            m.update(sentence=EVIL + " " + m["sentence"], source=EVIL, attribution=EVIL, referent=EVIL,
                     url="javascript:window.__pwned = 4")
        with store.transaction() as write:
            write.execute("UPDATE conflicts SET mentions = ? WHERE id = ?", (json.dumps(mentions), ids[0]))
            write.execute("UPDATE stories SET label = ? WHERE run_id = ?", (EVIL, row["run_id"]))
        record_verdict(store, ids[0], "in progress", EVIL, EVIL)
    for path in ("/", f"/conflicts/{ids[0]}"):
        page = client.get(path).get_data(as_text=True)
        parser = _Active()
        parser.feed(page)
        assert parser.found == [], path
        assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
        assert "javascript:window.__pwned = 4" not in page  # the hostile URL is neither linked nor shown
    page = client.get(f"/conflicts/{ids[0]}").get_data(as_text=True)
    assert page.count("<textarea") == 1  # the note field, not closed early by the hostile "</textarea>"


def test_list_order(client, ids):
    page = client.get("/?sort=likely").get_data(as_text=True)
    assert re.findall(r'<tr id="row-([^"]+)"', page) == ids  # too few verdicts to learn from: severity order
    assert "Ordering by likelihood starts once reviewers have decided" in page
    assert client.get("/?sort=random").status_code == 400
