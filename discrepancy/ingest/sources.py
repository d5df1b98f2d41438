"""Declared sources: the `[[sources]]` tables of the nightly job's config, validated, and read together.

A source that cannot be read at all (missing file, unreachable URL, corrupt WARC) is one skipped item;
the other sources are still read.
"""

from __future__ import annotations

import dataclasses
import glob
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..config import IngestConfig
from ..records import Article
from .clean import BadItem
from .dedupe import Collector, Ingested
from .feeds import feed_articles
from .fetch import fetch_url, read_capped
from .files import articles_in_file, corpus_files
from .warc import warc_articles

log = logging.getLogger(__name__)

SOURCE_TYPES = ("folder", "jsonl", "feed", "warc")
_KEYS = ("type", "name", "path", "url", "outlet")
_GLOB_CHARS = frozenset("*?[")

# Until IngestConfig carries these settings (`fetch_timeout`, `max_feed_bytes`), these defaults apply.
DEFAULT_FETCH_TIMEOUT = 30.0
DEFAULT_MAX_FEED_BYTES = 50_000_000


@dataclass(frozen=True, slots=True)
class Source:
    """One declared source. `path` is absolute and may be a glob pattern; feeds have `url` or `path`."""

    type: str
    name: str
    path: Path | None = None
    url: str | None = None
    outlet: str | None = None


def parse_sources(raw: list[dict[str, Any]], base_dir: Path) -> list[Source]:
    """Validated sources from the config's `[[sources]]` tables; relative paths are resolved against
    `base_dir` (the config file's folder). Raises ValueError with a one-line message naming the entry."""
    if not isinstance(raw, list):
        raise ValueError(f"'sources' must be an array of tables ([[sources]]), got {type(raw).__name__}")
    sources: list[Source] = []
    names: set[str] = set()
    for i, entry in enumerate(raw):
        source = _parse_one(entry, i, Path(base_dir))
        if source.name in names:
            raise ValueError(f"sources[{i}]: duplicate source name {source.name!r}")
        names.add(source.name)
        sources.append(source)
    return sources


def _parse_one(entry: Any, i: int, base_dir: Path) -> Source:
    where = f"sources[{i}]"
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: must be a table with 'type' and 'path' or 'url', got {type(entry).__name__}")
    if isinstance(entry.get("name"), str) and entry["name"].strip():
        where = f"{where} ({entry['name'].strip()!r})"
    unknown = sorted(set(entry) - set(_KEYS))
    if unknown:
        raise ValueError(f"{where}: unknown key {unknown[0]!r}; allowed keys: {', '.join(_KEYS)}")
    for key in _KEYS:
        if key in entry and (not isinstance(entry[key], str) or not entry[key].strip()):
            raise ValueError(f"{where}: '{key}' must be a non-empty string, got {entry[key]!r}")
    kind = entry.get("type")
    if kind is None:
        raise ValueError(f"{where}: missing 'type' (one of {', '.join(SOURCE_TYPES)})")
    if kind not in SOURCE_TYPES:
        raise ValueError(f"{where}: unknown type {kind!r}; expected one of {', '.join(SOURCE_TYPES)}")
    path, url = entry.get("path"), entry.get("url")
    if kind == "feed":
        if (path is None) == (url is None):
            raise ValueError(f"{where}: a feed needs exactly one of 'url' or 'path'")
    elif url is not None:
        raise ValueError(f"{where}: 'url' is only for feeds; a {kind} source takes 'path'")
    elif path is None:
        raise ValueError(f"{where}: missing 'path' for a {kind} source")
    if url is not None:
        url = url.strip()
        if urlsplit(url).scheme.lower() not in ("http", "https") or not urlsplit(url).hostname:
            raise ValueError(f"{where}: 'url' must be an http(s) URL, got {url!r}")
    resolved = None
    if path is not None:
        resolved = Path(path.strip()).expanduser()
        if not resolved.is_absolute():
            resolved = base_dir / resolved
    outlet = entry["outlet"].strip() if "outlet" in entry else None
    name = entry["name"].strip() if "name" in entry else (url or path.strip())
    return Source(type=kind, name=name, path=resolved, url=url, outlet=outlet)


def read_sources(sources: Iterable[Source], config: IngestConfig,
                 unchanged: Callable[[Path], bool] | None = None) -> Ingested:
    """Articles from all sources, in order, with `read_corpus`'s dedupe and skip rules. Never raises for
    a bad item or an unreadable source: each becomes one skipped item with its logged reason.

    `unchanged(path)` true passes over a file (folder, JSONL or WARC) whose every article the caller already
    holds: a nightly job re-reading a growing folder reads only its new and changed files. Files read to the
    end are listed in the result's `files`; feeds are always fetched."""
    collector = Collector()
    for source in sources:
        try:
            for name, item in _source_items(source, config, unchanged or _never, collector):
                if isinstance(item, BadItem):
                    collector.skip(f"[{source.name}] {name}", str(item))
                else:
                    if source.outlet and source.type in ("folder", "jsonl"):
                        item = dataclasses.replace(item, source=source.outlet)
                    collector.add(f"[{source.name}] {name}", item)
        except BadItem as exc:
            collector.skip(f"[{source.name}]", str(exc))
        except Exception as exc:  # noqa: BLE001 — a fault in one source must not cost the others; logged with its trace
            log.exception("unexpected error reading source %s", source.name)
            collector.skip(f"[{source.name}]", f"unexpected error: {type(exc).__name__}: {exc}")
    return collector.result()


def _never(path: Path) -> bool:
    return False


def _file_items(path: Path, unchanged: Callable[[Path], bool], collector: Collector,
                read: Callable[[Path], Iterator[tuple[str, Article | BadItem]]]) -> Iterator[tuple[str, Article | BadItem]]:
    if unchanged(path):
        collector.unchanged += 1
        return
    yield from read(path)
    collector.files.append(path)


def _source_items(source: Source, config: IngestConfig, unchanged: Callable[[Path], bool] = _never,
                  collector: Collector | None = None) -> Iterator[tuple[str, Article | BadItem]]:
    collector = collector if collector is not None else Collector()
    if source.type == "feed":
        timeout = float(getattr(config, "fetch_timeout", DEFAULT_FETCH_TIMEOUT))
        max_bytes = int(getattr(config, "max_feed_bytes", DEFAULT_MAX_FEED_BYTES))
        if source.url:
            data, content_type = fetch_url(source.url, timeout=timeout, max_bytes=max_bytes)
            yield from feed_articles(data, source.url, config, source.outlet, content_type)
        else:
            assert source.path is not None
            data = read_capped(_one_file(source.path), max_bytes)
            yield from feed_articles(data, str(source.path), config, source.outlet)
        return
    assert source.path is not None
    for path in _matches(source.path):
        try:  # one bad match of a glob is one skipped item; the other matches are still read
            if source.type == "folder":
                if not path.is_dir():
                    raise BadItem(f"not a folder: {path}")
                for file in corpus_files([path]):
                    yield from _file_items(file, unchanged, collector,
                                           lambda f: articles_in_file(f, config))
            elif source.type == "jsonl":
                yield from _file_items(_one_file(path), unchanged, collector,
                                       lambda f: articles_in_file(f, config, kind=".jsonl"))
            else:
                yield from _file_items(_one_file(path), unchanged, collector,
                                       lambda f: warc_articles(f, config, source.outlet))
        except BadItem as exc:
            yield str(path), exc


def _matches(path: Path) -> list[Path]:
    """The paths a source names: the path itself, or the sorted matches of a glob pattern."""
    if _GLOB_CHARS & set(str(path)):
        found = sorted(Path(p) for p in glob.glob(str(path), recursive=True))
        if not found:
            raise BadItem(f"no files match {path}")
        return found
    if not path.exists():
        raise BadItem(f"no such file or folder: {path}")
    return [path]


def _one_file(path: Path) -> Path:
    if path.is_dir():
        raise BadItem(f"{path} is a folder; name a file or a glob such as {path / '*'}")
    if not path.exists():
        raise BadItem(f"no such file: {path}")
    return path
