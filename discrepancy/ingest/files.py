"""Corpus files: JSONL exports and folders of .txt/.html/.json/.jsonl files → records → articles."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..config import IngestConfig
from ..records import Article
from .article import HTML_SIZE_FACTOR, article_from_record
from .clean import BadItem, decode_utf8
from .dedupe import Collector, Ingested

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")

# (item name, record, fallbacks for fields the record and its page lack) or (item name, reason it is bad)
FileItem = tuple[str, dict[str, Any] | BadItem, dict[str, Any]]


def records_in_file(path: Path, config: IngestConfig, kind: str | None = None) -> Iterator[FileItem]:
    """Each item in one corpus file, as a record or the reason it is bad; an unreadable file is one item.

    `kind` (a suffix such as ".jsonl") overrides the file's own suffix, for sources declared as JSONL."""
    suffix = (kind or path.suffix).lower()
    try:
        size = path.stat().st_size
        # A JSONL file holds many articles; only single-article files are bounded by the article size.
        if suffix != ".jsonl" and size > config.max_article_bytes * HTML_SIZE_FACTOR:
            yield str(path), BadItem(f"file of {size} bytes is larger than the article limit"), {}
            return
        text = decode_utf8(path.read_bytes())
        mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc).isoformat()
    except OSError as exc:
        yield str(path), BadItem(f"unreadable: {exc.strerror or exc}"), {}
        return
    except BadItem as exc:
        yield str(path), exc, {}
        return
    stem = path.stem
    if suffix == ".jsonl":
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            name = f"{path}:{n}"
            if len(line) > config.max_article_bytes * HTML_SIZE_FACTOR:
                yield name, BadItem("line larger than the article limit"), {}
                continue
            try:
                # Lines without id or URL are told apart by their line number.
                yield name, json.loads(line), {"id": f"{stem}-{n}"}
            except json.JSONDecodeError as exc:
                yield name, BadItem(f"invalid JSON: {exc.msg}"), {}
    elif suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield str(path), BadItem(f"invalid JSON: {exc.msg}"), {}
            return
        items = data if isinstance(data, list) else [data]
        for n, item in enumerate(items):
            if isinstance(item, dict):
                item = {"id": stem if len(items) == 1 else f"{stem}-{n}", **item}
            yield f"{path}[{n}]", item, {}
    elif suffix in (".html", ".htm"):
        # The page's own date beats the file's mtime, which only says when it was saved.
        yield str(path), {"id": stem, "html": text, "source": path.parent.name}, {"published": mtime}
    else:  # .txt: first line is the title when it is short
        first, _, rest = text.partition("\n")
        title, body = (first.strip(), rest) if 0 < len(first) <= 200 and rest.strip() else ("", text)
        yield str(path), {"id": stem, "title": title, "text": body.strip("\n"),
                          "source": path.parent.name, "published": mtime}, {}


def corpus_files(paths: Iterable[str | Path]) -> list[Path]:
    """The corpus files named by `paths` (files, or folders searched recursively), in a stable order."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES))
        elif p.is_file():
            files.append(p)
        else:
            raise FileNotFoundError(f"no such corpus file or folder: {p}")
    return files


def articles_in_file(
    path: Path, config: IngestConfig, kind: str | None = None
) -> Iterator[tuple[str, Article | BadItem]]:
    """(item name, article or the reason it is bad) for each item of one corpus file."""
    for name, item, defaults in records_in_file(path, config, kind):
        if isinstance(item, BadItem):
            yield name, item
            continue
        try:
            default_id = str(defaults.get("id") or Path(name).stem)
            yield name, article_from_record(item, default_id=default_id, config=config, defaults=defaults)
        except BadItem as exc:
            yield name, exc


def read_corpus(paths: Iterable[str | Path], config: IngestConfig) -> Ingested:
    """Articles from all corpus files; duplicates (same id, URL or text) and bad items are skipped.

    A path that does not exist raises FileNotFoundError: on the command line it is a usage error."""
    collector = Collector()
    for path in corpus_files(paths):
        for name, item in articles_in_file(path, config):
            if isinstance(item, BadItem):
                collector.skip(name, str(item))
            else:
                collector.add(name, item)
    return collector.result()
