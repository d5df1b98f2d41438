"""The review web app (`discrepancy serve`): conflict list, a conflict's evidence and verdicts, a verdict form.

Flask over the store, one SQLite connection per request. Pages are Jinja2 templates with autoescape and no
script at all; the Content-Security-Policy allows only the app's own stylesheet and forms posting back to it.
Article content is untrusted: it is only ever escaped text, and only http(s) URLs become links.

Security, in the order a request meets it:
- an optional shared access token (`token`): every request needs it, as `Authorization: Bearer TOKEN` or a
  session that entered it once on the access page (for deployments behind a proxy);
- every POST must come from our own origin (`Origin`/`Referer`/`Sec-Fetch-Site`) and carry the session's
  CSRF token (compared in constant time).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, abort, current_app, g, redirect, render_template, request, session, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.serving import BaseWSGIServer, make_server

from ..records import KINDS, STATUSES
from ..report.writer import format_day, format_stamp
from ..store import Store
from .conflicts import current_conflicts, filter_conflicts, find_conflict, latest_run, sides
from .rerank import MIN_VERDICTS, rank_conflicts
from .verdicts import VERDICTS, record_verdict, verdict_history

SORTS = ("severity", "likely")

CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
MAX_FORM_BYTES = 64 * 1024  # a verdict note is at most 10,000 characters
_SAFE_FETCH_SITES = {"same-origin", "none"}  # "none": the user typed the URL or used a bookmark


def create_app(store_path: str | Path, token: str | None = None, secret_key: bytes | None = None) -> Flask:
    """The app over the store at `store_path` (which must exist). `token`: the shared access token, or None
    for none. `secret_key` signs the session cookie; by default a fresh random key, so sessions (and their
    CSRF tokens) end with the process."""
    path = Path(store_path)
    if not path.is_file():
        raise FileNotFoundError(f"no store at {path}")
    if token is not None and not token.strip():
        raise ValueError("the access token must not be empty")
    app = Flask(__name__)
    app.config.update(
        STORE_PATH=str(path),
        ACCESS_TOKEN=token,
        SECRET_KEY=secret_key or secrets.token_bytes(32),
        SESSION_COOKIE_NAME="discrepancy_review",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",  # a second line behind the CSRF token: no cookie on cross-site POSTs
        MAX_CONTENT_LENGTH=MAX_FORM_BYTES,
    )
    app.jinja_env.filters["day"] = format_day
    app.jinja_env.filters["stamp"] = format_stamp
    app.jinja_env.globals["csrf_token"] = _csrf_token
    app.before_request(_require_access)
    app.before_request(_require_same_origin_and_csrf)
    app.after_request(_security_headers)
    app.teardown_appcontext(_close_store)
    app.register_error_handler(HTTPException, _error_page)
    app.add_url_rule("/", "conflicts", _list_page)
    app.add_url_rule("/conflicts/<conflict_id>", "conflict", _conflict_page)
    app.add_url_rule("/conflicts/<conflict_id>/verdicts", "verdict", _post_verdict, methods=["POST"])
    app.add_url_rule("/access", "access", _access, methods=["GET", "POST"])
    app.add_url_rule("/favicon.ico", "favicon", _no_icon)
    return app


def serve(app: Flask, host: str, port: int) -> BaseWSGIServer:
    """A threaded WSGI server for `app` bound to host:port (port 0: any free port); call serve_forever()."""
    return make_server(host, port, app, threaded=True)


# -- per-request store -------------------------------------------------------------------------------------------

def _store() -> Store:
    if "store" not in g:
        g.store = Store(current_app.config["STORE_PATH"])
    return g.store


def _close_store(_exc: BaseException | None) -> None:
    store = g.pop("store", None)
    if store is not None:
        store.close()


# -- access token and CSRF ---------------------------------------------------------------------------------------

def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _token_matches(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def _require_access() -> Response | None:
    token = current_app.config["ACCESS_TOKEN"]
    if token is None or request.endpoint in ("access", "static", "favicon"):
        return None
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer ") and _token_matches(header[len("Bearer "):], token):
        return None
    # The session keeps the token's digest, so changing the token locks out sessions that entered the old one.
    if hmac.compare_digest(str(session.get("access", "")), _digest(token)):
        return None
    page = render_template("access.html", error=None, next=_return_path())
    return Response(page, status=401, headers={"WWW-Authenticate": 'Bearer realm="discrepancy review"'})


def _return_path() -> str:
    """Where to send the user after the access page: this page for a GET, the list otherwise."""
    if request.method != "GET":
        return "/"
    return request.full_path.rstrip("?")


def _access() -> Any:
    """The access page: enter the shared token once per browser session."""
    token = current_app.config["ACCESS_TOKEN"]
    if token is None:
        return redirect(url_for("conflicts"))
    target = _local_path(request.values.get("next", "/"))
    if request.method == "GET":
        return render_template("access.html", error=None, next=target), 401
    if not _token_matches(request.form.get("token"), token):
        return render_template("access.html", error="That is not the access token.", next=target), 401
    session["access"] = _digest(token)
    return redirect(target, code=303)


def _local_path(target: str) -> str:
    """`target` when it is a path on this site, else "/" (never redirect elsewhere after entering the token)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _csrf_token() -> str:
    """The session's CSRF token (made on first use); templates put it in every form."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return str(session["csrf"])


def _same_origin(url: str) -> bool:
    # The host (with port) must be ours; the scheme may differ behind a TLS-terminating proxy.
    try:
        return urlsplit(url).netloc.lower() == request.host.lower()
    except ValueError:
        return False


def _require_same_origin_and_csrf() -> None:
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site not in _SAFE_FETCH_SITES:
        abort(403, "This form was sent from another site.")
    origin = request.headers.get("Origin")
    if origin is not None and not _same_origin(origin):
        abort(403, "This form was sent from another site.")
    referer = request.headers.get("Referer")
    if origin is None and referer is not None and not _same_origin(referer):
        abort(403, "This form was sent from another site.")
    expected = session.get("csrf")
    given = request.form.get("csrf_token")
    if not expected or not given:
        abort(403, "The form has expired or was not sent from this site; reload the page and try again.")
    if not hmac.compare_digest(str(given).encode("utf-8"), str(expected).encode("utf-8")):
        abort(403, "The form has expired or was not sent from this site; reload the page and try again.")
    return None


def _security_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    # Article links must not tell outlets what we review; "same-origin" rather than "no-referrer", under which
    # browsers send `Origin: null` with our own forms and the origin check could not tell them from forgeries.
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if response.mimetype == "text/html":
        response.headers["Cache-Control"] = "no-store"  # pages carry CSRF tokens and unpublished verdicts
    return response


def _error_page(exc: HTTPException) -> Any:
    return render_template("error.html", code=exc.code, name=exc.name, message=exc.description), exc.code


# -- pages -------------------------------------------------------------------------------------------------------

def _choice(name: str, allowed: tuple[str, ...]) -> str:
    value = request.args.get(name, "")
    if value and value not in allowed:
        abort(400, f"Unknown {name} {value!r}; expected one of: {', '.join(allowed)}.")
    return value


def _no_icon() -> Response:
    """Browsers ask for an icon on every site; answer "none" rather than a 404 in every console."""
    return Response(status=204)


def _list_page() -> str:
    store = _store()
    chosen = {"kind": _choice("kind", KINDS), "status": _choice("status", STATUSES),
              "verdict": _choice("verdict", VERDICTS)}
    order = _choice("sort", SORTS) or "severity"
    every = current_conflicts(store)
    shown = filter_conflicts(every, **chosen)
    ranked, likely = rank_conflicts(store, shown, order)
    rows = [{**c, "figures": [s["figure"] for s in sides(c)], "likely": likely.get(c["id"]),
             "outlets": sorted({m["source"] for m in c["mentions"]})} for c in ranked]
    return render_template("list.html", rows=rows, total=len(every), chosen=chosen, run=latest_run(store),
                           kinds=KINDS, statuses=STATUSES, verdicts=VERDICTS, order=order,
                           learnt=bool(likely) or not shown, min_verdicts=MIN_VERDICTS)


def _conflict_context(conflict_id: str) -> dict[str, Any]:
    store = _store()
    conflict = find_conflict(store, conflict_id)
    if conflict is None:
        abort(404, "No run recorded this conflict.")
    return {"conflict": conflict, "sides": sides(conflict), "history": verdict_history(store, conflict_id),
            "verdicts": VERDICTS, "reviewer": session.get("reviewer", "")}


def _conflict_page(conflict_id: str) -> str:
    return render_template("conflict.html", error=None, form={}, **_conflict_context(conflict_id))


def _post_verdict(conflict_id: str) -> Any:
    form = {k: request.form.get(k, "") for k in ("verdict", "reviewer", "note")}
    context = _conflict_context(conflict_id)  # 404 before anything is validated or written
    try:
        record_verdict(_store(), conflict_id, form["verdict"], form["reviewer"], form["note"])
    except ValueError as exc:  # the reviewer's input: shown on the form again, nothing written
        return render_template("conflict.html", error=str(exc), form=form, **context), 400
    session["reviewer"] = form["reviewer"].strip()
    return redirect(url_for("conflict", conflict_id=conflict_id, _anchor="history"), code=303)
