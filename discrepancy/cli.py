"""Command line: `discrepancy run CORPUS... --out DIR` (and the commands later issues add).

The only place that configures logging. Exit codes: 0 ok, 1 the run failed, 2 bad usage or config.
Errors are one clear line on stderr; `-v` adds debug logs and the traceback.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

import click

from . import __version__
from .config import ConfigError, load_config

log = logging.getLogger(__name__)


class UsageProblem(click.ClickException):
    """A user error in arguments or configuration: exit code 2."""

    exit_code = 2


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # Third-party libraries are chatty at debug level; keep ours.
    for noisy in ("matplotlib", "trafilatura", "htmldate", "urllib3", "PIL", "charset_normalizer"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # pint warns when a word we probe as a unit is ambiguous ("mins"): expected, not the user's concern.
    logging.getLogger("pint").setLevel(logging.ERROR)
    # dask.distributed installs its own handlers at import, at INFO (every worker start and stop); its
    # config is read from the environment, which the LocalCluster's worker processes inherit too.
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "info" if verbose else "warning")
    os.environ.setdefault("DASK_LOGGING__PINT", "error")  # the pint quieting above, in worker processes


def _engine_overrides(engine: str | None, scheduler: str | None) -> dict[str, Any]:
    """`--engine` / `--scheduler` as config overrides ([engine]); a scheduler address means the dask engine."""
    if scheduler is not None and engine == "local":
        raise UsageProblem("--scheduler needs --engine dask (a scheduler address is a dask cluster)")
    section: dict[str, Any] = {}
    if engine is not None:
        section["kind"] = engine
    if scheduler is not None:
        section.update(kind="dask", scheduler=scheduler)
    return {"engine": section} if section else {}


def engine_options(command: Any) -> Any:
    """The `--engine` and `--scheduler` options shared by `run` and `nightly` (they override [engine])."""
    command = click.option("--scheduler", metavar="ADDR",
                           help="Dask scheduler address (tcp://host:8786); implies --engine dask.")(command)
    return click.option("--engine", "engine_kind", type=click.Choice(["local", "dask"]),
                        help="Where extraction and comparison run (default: [engine] kind, local).")(command)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="discrepancy")
@click.option("-v", "--verbose", is_flag=True, help="Debug logs and full tracebacks on stderr.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """Find numbers that disagree across news sources."""
    ctx.obj = {"verbose": verbose}
    _setup_logging(verbose)


@cli.command()
@click.argument("corpus", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for index.html, conflicts.json and mentions.csv.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="TOML file merged over the shipped defaults.")
@click.option("--store", "store_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also record the run in this SQLite database (created if missing).")
@engine_options
@click.pass_context
def run(ctx: click.Context, corpus: tuple[Path, ...], out_dir: Path, config_path: Path | None,
        store_path: Path | None, engine_kind: str | None, scheduler: str | None) -> None:
    """Run the whole pipeline on CORPUS files or folders (.jsonl, .json, .txt, .html)."""
    from .ingest import read_corpus
    from .engine import open_engine
    from .pipeline import run_pipeline
    from .report import write_report

    try:
        config = load_config(config_path, _engine_overrides(engine_kind, scheduler))
    except ConfigError as exc:
        raise UsageProblem(str(exc)) from exc
    missing = [str(p) for p in corpus if not p.exists()]
    if missing:
        raise UsageProblem(f"no such corpus file or folder: {', '.join(missing)}")
    started = time.perf_counter()
    try:
        ingested = read_corpus(corpus, config.ingest)
        if not ingested.articles:
            raise click.ClickException(f"no usable articles in {', '.join(map(str, corpus))} "
                                       f"({len(ingested.skipped)} items skipped, see the log)")
        with open_engine(config) as engine:
            result = run_pipeline(ingested.articles, config, engine=engine)
        result = type(result)(**{**result.__dict__, "skipped": ingested.skipped + result.skipped})
        history = snapshot = None
        if store_path is not None:
            from .history import with_history
            from .report import build_snapshot
            from .review.verdicts import latest_verdicts
            from .store import Store

            with Store(store_path) as store:
                previous = store.previous_run()
                snapshot = with_history(build_snapshot(result), previous["snapshot"] if previous else None,
                                        latest_verdicts(store))
                store.save_run(result, snapshot)
                history = store.run_history(config.nightly.history_runs)
        snapshot = write_report(result, out_dir, title=config.report.title, history=history, snapshot=snapshot,
                                max_conflicts=config.report.max_conflicts, max_charts=config.report.max_charts)
    except click.ClickException:
        raise
    except Exception as exc:
        if ctx.obj["verbose"]:
            raise
        raise click.ClickException(f"run failed: {type(exc).__name__}: {exc}") from exc
    from .report.writer import summary

    counts = snapshot["counts"]
    kinds = summary(snapshot)["kinds"]  # raised tonight: resolved ones are carried only to say they went away
    kind_text = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "none"
    click.echo(
        f"{counts['articles']} articles from {counts['sources']} outlets, {counts['stories']} stories, "
        f"{counts['mentions']} figures, {sum(kinds.values())} conflicts ({kind_text}); "
        f"{len(result.skipped)} items skipped; {time.perf_counter() - started:.1f}s. "
        f"Report: {out_dir / 'index.html'}"
    )


EX_TEMPFAIL = 75  # sysexits: another run holds the lock, try again later


@cli.command()
@click.option("--config", "config_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="TOML file with [[sources]], [store] and [nightly] (merged over the shipped defaults).")
@click.option("--date", "run_date", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Replay this day (YYYY-MM-DD): only articles published by its end are read.")
@click.option("--wait", is_flag=True, help="Wait for a concurrent run to finish instead of exiting with 75.")
@engine_options
@click.pass_context
def nightly(ctx: click.Context, config_path: Path, run_date: Any, wait: bool, engine_kind: str | None,
            scheduler: str | None) -> None:
    """The scheduled job: ingest new articles into the store, compare the rolling window, write
    reports/YYYY-MM-DD/ (and reports/latest), and print a one-paragraph summary."""
    from .lock import LockHeld
    from .nightly import run_nightly

    try:
        config = load_config(config_path, _engine_overrides(engine_kind, scheduler))
    except ConfigError as exc:
        raise UsageProblem(str(exc)) from exc
    if not config.sources:
        raise UsageProblem(f"{config_path}: no sources configured (add [[sources]] tables)")
    day = run_date.date() if run_date is not None else None
    bar = None
    try:
        if sys.stderr.isatty():  # progress bars only on a terminal; cron gets the summary alone
            bar = click.progressbar(length=1, label="extracting", file=sys.stderr)

        def progress(done: int, total: int) -> None:
            if bar is not None:
                bar.length = max(total, 1)
                bar.update(done - bar.pos)

        summary = run_nightly(config, day, wait=wait, progress=progress)
    except LockHeld as exc:
        click.echo(f"Error: {exc}", err=True)
        ctx.exit(EX_TEMPFAIL)
    except Exception as exc:
        if ctx.obj["verbose"]:
            raise
        raise click.ClickException(f"nightly run failed: {type(exc).__name__}: {exc}") from exc
    finally:
        if bar is not None:
            bar.render_finish()
    click.echo(summary.paragraph())


@cli.group("eval")
def eval_group() -> None:
    """Measure the extractor against labelled data."""


@eval_group.command("newsquant")
@click.argument("gold_path", metavar="GOLD.json", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--predictions", "predictions_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write our predictions here, in the gold's NewsQuant format.")
@click.option("--baseline/--no-baseline", default=False,
              help="Also score raw quantulum3 on the same sentences.")
@click.pass_context
def eval_newsquant(ctx: click.Context, gold_path: Path, predictions_path: Path | None, baseline: bool) -> None:
    """Score the extractor on NewsQuant-format GOLD.json (value, +unit, +change, +concept P/R/F1)."""
    from .evaluate.newsquant import (format_table, load_newsquant, predict_ours, predict_quantulum, score,
                                     write_newsquant)

    if not gold_path.exists():
        raise UsageProblem(f"no such gold file: {gold_path}")
    try:
        gold = load_newsquant(gold_path)
    except (ValueError, UnicodeDecodeError) as exc:
        raise UsageProblem(f"bad gold file: {exc}") from exc
    try:
        texts = [item["text"] for item in gold]
        ours = predict_ours(texts)
        if predictions_path is not None:
            write_newsquant(ours, predictions_path)
        rows = {"discrepancy": score(gold, ours)}
        if baseline:
            rows["quantulum3"] = score(gold, predict_quantulum(texts))
    except Exception as exc:
        if ctx.obj["verbose"]:
            raise
        raise click.ClickException(f"evaluation failed: {type(exc).__name__}: {exc}") from exc
    click.echo(f"{len(gold)} sentences, {rows['discrepancy'].gold} gold quantities")
    click.echo(format_table(rows))


from .review.commands import review_group, serve_command  # noqa: E402  (after `cli` exists)

cli.add_command(review_group)
cli.add_command(serve_command)


def main() -> None:
    cli(prog_name="discrepancy")


if __name__ == "__main__":
    main()
