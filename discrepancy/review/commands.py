"""The review's command line: `discrepancy serve` and `discrepancy review list|show|mark|export`.

The same actions as the web app, for people who live in a terminal and for scripts (`--json`). User errors
(missing store, unknown conflict, invalid verdict) exit with code 2 and one line on stderr.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ..records import KINDS, STATUSES
from ..store import Store, StoreError
from .verdicts import VERDICTS, record_verdict, verdict_history

# The modules behind these commands load pandas, matplotlib and scikit-learn: imported inside the commands,
# so that `discrepancy --help` and every other command start without them.
EXPORT_FORMATS = ("csv", "json", "claimreview")  # export.FORMATS; a test pins that the two agree

TOKEN_ENV = "DISCREPANCY_REVIEW_TOKEN"
STORE_ENV = "DISCREPANCY_STORE"


class ReviewProblem(click.ClickException):
    """A user error in a review command (like cli.UsageProblem, which this module cannot import: cli imports
    this module): exit code 2."""

    exit_code = 2


def _store_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--store", "store_path", required=True, envvar=STORE_ENV, show_envvar=True,
                        type=click.Path(dir_okay=False, path_type=Path),
                        help="The SQLite store that `discrepancy run --store` records into.")(func)


@contextmanager
def _open_store(path: Path) -> Iterator[Store]:
    # Opening a missing path would create an empty store: a typo must be an error instead.
    if not path.is_file():
        raise ReviewProblem(f"no such store: {path}")
    try:
        store = Store(path)
    except StoreError as exc:
        raise ReviewProblem(str(exc)) from exc
    try:
        yield store
    finally:
        store.close()


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@_store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback needs --token.")
@click.option("--port", default=8750, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", envvar=TOKEN_ENV, show_envvar=True, default=None,
              help="Shared access token required on every request (for deployments behind a proxy).")
def serve_command(store_path: Path, host: str, port: int, token: str | None) -> None:
    """Serve the review web app over the store: conflicts, evidence, verdict form."""
    from .server import create_app, serve

    if token is not None and not token.strip():
        raise ReviewProblem("--token must not be empty")
    if not _is_loopback(host) and token is None:
        raise ReviewProblem(f"binding to {host} exposes the store beyond this machine; set --token "
                            f"(or ${TOKEN_ENV}) or keep the default --host 127.0.0.1")
    if not store_path.is_file():
        raise ReviewProblem(f"no such store: {store_path}")
    app = create_app(store_path, token=token)
    try:
        server = serve(app, host, port)
    except OSError as exc:
        raise ReviewProblem(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    click.echo(f"Reviewing {store_path} at http://{host}:{server.server_port}/ (Ctrl-C stops)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass  # Ctrl-C is how the user stops the server
    finally:
        server.server_close()


@click.group("review")
def review_group() -> None:
    """Fact-checkers' verdicts on the store's conflicts: list, show, mark, export."""


def _figures(conflict: dict[str, Any]) -> str:
    from .conflicts import sides

    return " vs ".join(side["figure"] for side in sides(conflict))


@review_group.command("list")
@_store_option
@click.option("--verdict", type=click.Choice(VERDICTS), help="Only conflicts whose current verdict is this.")
@click.option("--kind", type=click.Choice(KINDS))
@click.option("--status", type=click.Choice(STATUSES))
@click.option("--sort", "order", type=click.Choice(("severity", "likely")), default="severity", show_default=True,
              help="likely: most likely to be confirmed first, learnt from the store's verdicts (once enough are "
                   "decided, of both outcomes).")
@click.option("--json", "as_json", is_flag=True, help="One JSON document instead of a table.")
def list_command(store_path: Path, verdict: str | None, kind: str | None, status: str | None, order: str,
                 as_json: bool) -> None:
    """The latest run's conflicts, most severe first."""
    from .conflicts import current_conflicts, filter_conflicts
    from .rerank import MIN_VERDICTS, rank_conflicts

    with _open_store(store_path) as store:
        shown = filter_conflicts(current_conflicts(store), kind=kind, status=status, verdict=verdict)
        shown, likely = rank_conflicts(store, shown, order)
    if as_json:
        click.echo(json.dumps([{k: c[k] for k in ("id", "story", "referent", "kind", "status", "severity",
                                                   "verdict")} | {"figures": _figures(c), "likely": likely.get(c["id"])}
                               for c in shown], ensure_ascii=False, indent=1))
        return
    for c in shown:
        chance = f"{100 * likely[c['id']]:3.0f}%  " if c["id"] in likely else ""
        click.echo(f"{c['id']}  {c['severity']:.2f}  {chance}{c['kind']:<9}  {c['status']:<8}  {c['verdict']:<21}  "
                   f"{_plain(c['referent'])}: {_figures(c)}")
    if order == "likely" and not likely and shown:
        click.echo(f"too few decided verdicts to learn from (need {MIN_VERDICTS}, of both outcomes): "
                   "most severe first", err=True)
    click.echo(f"{len(shown)} conflicts", err=True)


def _plain(text: str) -> str:
    """Article text on one terminal line: control characters (escape sequences) out, whitespace collapsed."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in str(text)).split())


@review_group.command("show")
@_store_option
@click.argument("conflict_id")
@click.option("--json", "as_json", is_flag=True, help="The conflict and its verdicts as JSON.")
def show_command(store_path: Path, conflict_id: str, as_json: bool) -> None:
    """A conflict's evidence and verdict history."""
    from .conflicts import find_conflict, sides

    with _open_store(store_path) as store:
        conflict = find_conflict(store, conflict_id)
        if conflict is None:
            raise ReviewProblem(f"no conflict {conflict_id!r} in {store_path}")
        history = verdict_history(store, conflict_id)
    if as_json:
        click.echo(json.dumps({"conflict": conflict, "verdicts": history}, ensure_ascii=False, indent=1))
        return
    click.echo(f"{conflict['id']}: {_plain(conflict['referent'])} ({conflict['dimension']}, {conflict['unit']})")
    click.echo(f"story {_plain(conflict['story_label'])}; {conflict['kind']}, {conflict['status']}, "
               f"severity {conflict['severity']:.2f}; verdict: {conflict['verdict']}")
    for n, side in enumerate(sides(conflict), 1):
        click.echo(f"\nside {n}: {side['figure']}")
        for m in side["mentions"]:
            said = f"according to {_plain(m['attribution'])}" if m["attribution"] else "no attribution"
            click.echo(f"  - {_plain(m['source'])}, {m['published'][:10]}, {said}, as of {m['as_of']}")
            click.echo(f"    {_plain(m['before'])}[{_plain(m['mark'])}]{_plain(m['after'])}")
            if m["link"]:
                click.echo(f"    {_plain(m['link'])}")
    click.echo("\nverdicts:" if history else "\nno verdicts yet")
    for v in history:
        note = f": {_plain(v['note'])}" if v["note"] else ""
        click.echo(f"  {v['created_at']}  {v['verdict']}  by {_plain(v['reviewer'])}{note}")


@review_group.command("mark")
@_store_option
@click.argument("conflict_id")
@click.argument("verdict")
@click.option("--reviewer", required=True, envvar="DISCREPANCY_REVIEWER", show_envvar=True,
              help="Who decided.")
@click.option("--note", default="", help="Why (kept with the verdict).")
def mark_command(store_path: Path, conflict_id: str, verdict: str, reviewer: str, note: str) -> None:
    """Record VERDICT on CONFLICT_ID: unreviewed, in-progress, confirmed-error, legitimate-difference or
    false-alarm (quoted words with spaces work too)."""
    with _open_store(store_path) as store:
        try:
            row = record_verdict(store, conflict_id, verdict, reviewer, note)
        except ValueError as exc:
            raise ReviewProblem(str(exc)) from exc
    click.echo(f"{row['conflict_id']}: {row['verdict']} by {row['reviewer']} at {row['created_at']}")


@review_group.command("export")
@_store_option
@click.option("--format", "fmt", required=True, type=click.Choice(EXPORT_FORMATS),
              help="csv / json: every verdict ever recorded; claimreview: confirmed errors as ClaimReview JSON-LD.")
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="File to write ('-' for standard output).")
def export_command(store_path: Path, fmt: str, out_path: Path) -> None:
    """Export verdicts (CSV, JSON) or confirmed errors (schema.org ClaimReview)."""
    from .export import export, write_export

    with _open_store(store_path) as store:
        if str(out_path) == "-":
            click.echo(export(store, fmt), nl=False)
            return
        if not out_path.parent.is_dir():
            raise ReviewProblem(f"no such folder: {out_path.parent}")
        written = write_export(store, fmt, out_path)
    what = "ClaimReviews" if fmt == "claimreview" else "verdicts"
    click.echo(f"{written} {what} written to {out_path}", err=True)
