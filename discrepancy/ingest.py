"""Ingest: read corpus files (JSONL, folders of .txt/.html/.json/.jsonl) into `Article` records.

This is an edge of the pipeline: it touches the file system. Every item is untrusted: a bad one is skipped
with one logged reason (returned as a `Skipped` record) and the rest of the run goes on.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import dateparser
import trafilatura

from .config import IngestConfig
from .records import Article, Skipped

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")  # incl. bidi overrides
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # lone halves that JSON allows and UTF-8 cannot encode


class BadItem(ValueError):
    """An input item that cannot become an article; the message is the logged reason."""


@dataclass(frozen=True, slots=True)
class Ingested:
    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]


def content_hash(text: str) -> str:
    """Hash of the text with whitespace and case folded, so trivially re-wrapped copies collide."""
    folded = " ".join(text.split()).casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def parse_published(value: Any) -> datetime:
    """A timezone-aware datetime from an ISO string (or a looser date phrase); naive means UTC."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            parsed = dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": False})
            if parsed is None:
                raise BadItem(f"unparsable published date {text[:40]!r}") from None
    else:
        raise BadItem("missing published date")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed


def clean_text(text: str) -> str:
    """Normalise Unicode (NFC), drop control characters, unify line ends; offsets index the result."""
    text = _SURROGATE.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Main text and metadata (title, date, sitename) of an HTML page, via trafilatura."""
    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    doc = result.as_dict() if hasattr(result, "as_dict") else result
    if not doc or not doc.get("text"):
        raise BadItem("no main text found in HTML")
    meta = {k: str(doc[k]) for k in ("title", "date", "sitename", "url") if doc.get(k)}
    # trafilatura separates paragraphs by single newlines; a blank line keeps them paragraphs for us.
    return "\n\n".join(p.strip() for p in doc["text"].split("\n") if p.strip()), meta


def article_from_record(record: dict[str, Any], default_id: str, config: IngestConfig) -> Article:
    """One article from a corpus record (the input contract); raises BadItem with the reason."""
    if not isinstance(record, dict):
        raise BadItem("record is not a JSON object")
    meta: dict[str, str] = {}
    if isinstance(record.get("text"), str) and record["text"].strip():
        text = record["text"]
    elif isinstance(record.get("html"), str) and record["html"].strip():
        text, meta = html_to_text(record["html"])
    else:
        raise BadItem("no text or html")
    text = clean_text(text)
    if len(text.encode("utf-8")) > config.max_article_bytes:
        raise BadItem(f"text larger than {config.max_article_bytes} bytes")
    if len(text.strip()) < config.min_text_chars:
        raise BadItem(f"text shorter than {config.min_text_chars} characters")
    url = str(record.get("url") or meta.get("url") or "")
    published = parse_published(record.get("published") or meta.get("date"))
    source = str(record.get("source") or meta.get("sitename") or urlparse(url).hostname or "unknown")
    article_id = str(record.get("id") or (hashlib.sha1(url.encode()).hexdigest()[:16] if url else default_id))
    title = clean_text(str(record.get("title") or meta.get("title") or ""))
    return Article(
        id=article_id,
        source=clean_text(source),
        url=url,
        title=title,
        published=published,
        text=text,
        content_hash=content_hash(text),
    )


def _decode(raw: bytes) -> str:
    if b"\x00" in raw[:8192]:
        raise BadItem("binary content (NUL bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadItem(f"invalid UTF-8 at byte {exc.start}") from None


def _records_in_file(path: Path, config: IngestConfig) -> Iterator[tuple[str, dict[str, Any] | BadItem]]:
    """(item name, record or the reason it is bad) for each item in one corpus file."""
    size = path.stat().st_size
    # A JSONL file holds many articles; only single-article files are bounded by the article size.
    if path.suffix != ".jsonl" and size > config.max_article_bytes * 4:
        yield str(path), BadItem(f"file of {size} bytes is larger than the article limit")
        return
    try:
        raw = path.read_bytes()
        text = _decode(raw)
    except (OSError, BadItem) as exc:
        yield str(path), exc if isinstance(exc, BadItem) else BadItem(f"unreadable: {exc}")
        return
    stem = path.stem
    if path.suffix == ".jsonl":
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            name = f"{path}:{n}"
            if len(line) > config.max_article_bytes * 4:
                yield name, BadItem("line larger than the article limit")
                continue
            try:
                yield name, json.loads(line)
            except json.JSONDecodeError as exc:
                yield name, BadItem(f"invalid JSON: {exc.msg}")
    elif path.suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield str(path), BadItem(f"invalid JSON: {exc.msg}")
            return
        items = data if isinstance(data, list) else [data]
        for n, item in enumerate(items):
            if isinstance(item, dict):
                item = {"id": stem if len(items) == 1 else f"{stem}-{n}", **item}
            yield f"{path}[{n}]", item
    elif path.suffix in (".html", ".htm"):
        yield str(path), {"id": stem, "html": text, "source": path.parent.name, "published": _mtime(path)}
    else:  # .txt: first line is the title when it is short
        first, _, rest = text.partition("\n")
        title, body = (first.strip(), rest) if 0 < len(first) <= 200 and rest.strip() else ("", text)
        yield str(path), {"id": stem, "title": title, "text": body.strip("\n"),
                          "source": path.parent.name, "published": _mtime(path)}


def _mtime(path: Path) -> str:
    return datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc).isoformat()


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


def read_corpus(paths: Iterable[str | Path], config: IngestConfig) -> Ingested:
    """Articles from all corpus files; duplicates (same id, URL or text) and bad items are skipped."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    seen_ids: set[str] = set()
    seen_urls: set[str] = set()
    seen_hashes: set[tuple[str, str]] = set()

    def skip(name: str, reason: str) -> None:
        log.warning("skipped %s: %s", name, reason)
        skipped.append(Skipped(name, reason))

    for path in corpus_files(paths):
        for name, item in _records_in_file(path, config):
            if isinstance(item, BadItem):
                skip(name, str(item))
                continue
            try:
                article = article_from_record(item, default_id=Path(name).stem, config=config)
            except BadItem as exc:
                skip(name, str(exc))
                continue
            if article.id in seen_ids:
                skip(name, f"duplicate article id {article.id!r}")
                continue
            if article.url and article.url in seen_urls:
                skip(name, f"duplicate URL {article.url}")
                continue
            # The same text from another outlet is a wire copy: kept, and recognised as such downstream.
            if (article.source, article.content_hash) in seen_hashes:
                skip(name, "duplicate text (same outlet and content hash as an earlier article)")
                continue
            seen_ids.add(article.id)
            seen_hashes.add((article.source, article.content_hash))
            if article.url:
                seen_urls.add(article.url)
            articles.append(article)
    log.info("ingested %d articles, skipped %d items", len(articles), len(skipped))
    return Ingested(tuple(articles), tuple(skipped))
