"""Configuration: defaults shipped in the package, a user's TOML merged over them, validated once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any


class ConfigError(ValueError):
    """The user's configuration is unreadable or invalid (the CLI turns it into exit code 2)."""


@dataclass(frozen=True, slots=True)
class IngestConfig:
    max_article_bytes: int
    min_text_chars: int


@dataclass(frozen=True, slots=True)
class ExtractConfig:
    rounding: bool
    max_sentence_chars: int
    keep_ages: bool
    workers: int


@dataclass(frozen=True, slots=True)
class ClusterConfig:
    similarity: float
    wire_similarity: float
    claim_context_similarity: float
    window_days: float
    follow_up_days: float
    follow_up_similarity: float
    max_features: int
    neighbours: int
    strong_similarity: float
    average_similarity: float


@dataclass(frozen=True, slots=True)
class CompareConfig:
    relative_tolerance: float
    evolving_min_days: float
    max_ratio: float
    max_ratio_evolving: float


@dataclass(frozen=True, slots=True)
class ReportConfig:
    title: str
    max_conflicts: int
    max_charts: int


@dataclass(frozen=True, slots=True)
class StoreConfig:
    path: str


@dataclass(frozen=True, slots=True)
class NightlyConfig:
    window_days: float
    reports_dir: str
    batch_size: int
    history_runs: int


@dataclass(frozen=True, slots=True)
class EngineConfig:
    kind: str  # "local" (this machine's process pool) or "dask"
    scheduler: str  # dask scheduler address (tcp://host:8786); "" starts a LocalCluster
    n_workers: int  # the LocalCluster's worker processes (0: one per core); a given scheduler has its own


ENGINE_KINDS = ("local", "dask")
SCHEDULER_SCHEMES = ("tcp://", "tls://", "ws://", "wss://", "ucx://", "inproc://")


@dataclass(frozen=True, slots=True)
class Config:
    ingest: IngestConfig
    extract: ExtractConfig
    cluster: ClusterConfig
    compare: CompareConfig
    report: ReportConfig
    store: StoreConfig
    nightly: NightlyConfig
    engine: EngineConfig
    sources: tuple[Any, ...] = ()  # ingest.Source records, from the user's [[sources]] tables
    base_dir: Path = Path(".")  # the config file's folder: relative paths in it are relative to it

    def resolve(self, path: str | Path) -> Path:
        """`path` from the configuration, made absolute against the config file's folder."""
        p = Path(path).expanduser()
        return p if p.is_absolute() else (self.base_dir / p).resolve()


_SECTIONS = {
    "ingest": IngestConfig,
    "extract": ExtractConfig,
    "cluster": ClusterConfig,
    "compare": CompareConfig,
    "report": ReportConfig,
    "store": StoreConfig,
    "nightly": NightlyConfig,
    "engine": EngineConfig,
}


def _defaults() -> dict[str, Any]:
    text = resources.files("discrepancy").joinpath("defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _merge(base: dict[str, Any], over: dict[str, Any], where: str = "") -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        path = f"{where}{key}"
        if key not in base:
            raise ConfigError(f"unknown setting '{path}'")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise ConfigError(f"'{path}' must be a table")
            merged[key] = _merge(base[key], value, f"{path}.")
        else:
            merged[key] = value
    return merged


def _typed(section: str, values: dict[str, Any], defaults: dict[str, Any]) -> Any:
    for key, value in values.items():
        want = type(defaults[key])
        ok = isinstance(value, want) and not (want is not bool and isinstance(value, bool))
        if want is float and isinstance(value, int) and not isinstance(value, bool):
            ok, values[key] = True, float(value)
        if not ok:
            raise ConfigError(f"'{section}.{key}' must be {want.__name__}, got {value!r}")
        if want in (int, float) and values[key] < 0:
            raise ConfigError(f"'{section}.{key}' must not be negative")
    return _SECTIONS[section](**values)


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """Shipped defaults, merged with the TOML file at `path` and then `overrides`; validated."""
    defaults = _defaults()
    merged = defaults
    raw_sources: Any = []
    base_dir = Path.cwd()
    if path is not None:
        try:
            user = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"cannot read config {path}: {exc.strerror}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"invalid TOML in {path}: {exc}") from exc
        raw_sources = user.pop("sources", [])
        base_dir = Path(path).resolve().parent
        merged = _merge(merged, user)
    if overrides:
        merged = _merge(merged, overrides)
    sections = {name: _typed(name, dict(merged[name]), defaults[name]) for name in _SECTIONS}
    config = Config(**sections, sources=_sources(raw_sources, base_dir), base_dir=base_dir)
    if not 0.0 < config.cluster.similarity < 1.0:
        raise ConfigError("'cluster.similarity' must be between 0 and 1")
    if config.nightly.batch_size < 1:
        raise ConfigError("'nightly.batch_size' must be at least 1")
    if config.engine.kind not in ENGINE_KINDS:
        raise ConfigError(f"'engine.kind' must be one of {', '.join(ENGINE_KINDS)}, got {config.engine.kind!r}")
    scheduler = config.engine.scheduler
    if scheduler and (not scheduler.startswith(SCHEDULER_SCHEMES) or scheduler.endswith("://")):
        raise ConfigError(f"'engine.scheduler' must be an address such as tcp://host:8786, got {scheduler!r}")
    return config


def _sources(raw: Any, base_dir: Path) -> tuple[Any, ...]:
    if not isinstance(raw, list) or not all(isinstance(s, dict) for s in raw):
        raise ConfigError("'sources' must be an array of tables ([[sources]])")
    if not raw:
        return ()
    from .ingest import parse_sources  # ingest knows its source types; config only validates at the edge

    try:
        return tuple(parse_sources(raw, base_dir))
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
