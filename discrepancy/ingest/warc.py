"""WARC files (warcio; the format of news crawls such as CC-NEWS) → articles, one per HTML page.

Only `response` records with status 200 and an HTML content type are pages; every other response is a
skipped item with its reason. The date is the page's (metadata, else htmldate), else the capture date.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from ..config import IngestConfig
from ..records import Article
from .article import HTML_SIZE_FACTOR, article_from_record
from .clean import BadItem
from .html import decode_page

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
WarcItem = tuple[str, Article | BadItem]


def warc_articles(path: Path, config: IngestConfig, outlet: str | None = None) -> Iterator[WarcItem]:
    """(item name, article or the reason it is bad) for each response record of a .warc or .warc.gz file.

    The outlet is `outlet`, else the page's site name, else the URL's host. A file that cannot be
    opened, or whose records stop parsing, yields one BadItem for the file (articles before it are kept)."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield str(path), BadItem(f"unreadable: {exc.strerror or exc}")
        return
    count = end = 0
    with stream:
        records = ArchiveIterator(stream)
        try:
            for record in records:
                count += 1
                name = _name(path, count, record)
                item = _record_item(record, name, config, outlet, default_id=f"{path.name}#{count}")
                records.read_to_end()
                if problem := _cut_short(record):
                    yield name, BadItem(f"truncated WARC: {problem}")
                    return
                end = records.offset
                if item is not None:
                    yield name, item
            # warcio also ends quietly when the file stops between records' headers; bytes after the last
            # complete record are such a cut-off record.
            size = os.fstat(stream.fileno()).st_size
            if end < size:
                yield str(path), BadItem(f"truncated WARC: {size - end} bytes after record {count} cannot be read")
        # warcio raises ArchiveLoadFailed, zlib/EOF/OS errors, and AttributeError or IndexError on some
        # truncations: any failure of the iterator itself means the rest of the file cannot be read.
        except Exception as exc:  # noqa: BLE001 — pages are converted inside _record_item, guarded there
            detail = " ".join(str(exc).split())[:160]
            yield str(path), BadItem(f"corrupt WARC after {count} records: {type(exc).__name__}: {detail}")


def _cut_short(record: Any) -> str | None:
    """Why a record read to its end is incomplete (warcio yields such records without complaint), or None."""
    length = record.rec_headers.get_header("Content-Length") or ""
    if record.format.startswith("warc") and not length.strip().isdigit():
        return "a record's headers end before its Content-Length"
    if getattr(record.raw_stream, "limit", 0) > 0:
        return "the file ends inside a record"
    return None


def _record_item(record: Any, name: str, config: IngestConfig, outlet: str | None, default_id: str
                 ) -> Article | BadItem | None:
    """The article of a response record, the reason it is none, or None for records that are not pages."""
    if record.rec_type == "revisit":
        return BadItem("revisit record (payload stored elsewhere)")
    if record.rec_type != "response":
        return None  # warcinfo, request, metadata: not pages, so not items
    try:
        return _page_article(record, config, outlet, default_id)
    except BadItem as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 — one hostile page must not end the run; logged with its trace
        log.exception("unexpected error reading %s", name)
        return BadItem(f"unexpected error: {type(exc).__name__}: {exc}")


def _name(path: Path, number: int, record: Any) -> str:
    # The record's number, not its offset: warcio's get_record_offset() consumes the record's payload.
    uri = record.rec_headers.get_header("WARC-Target-URI") or "no URI"
    return f"{path} record {number} {uri}"


def _page_article(record: Any, config: IngestConfig, outlet: str | None, default_id: str) -> Article:
    if record.http_headers is None:
        raise BadItem("response without HTTP headers")
    status = record.http_headers.get_statuscode()
    if status != "200":
        raise BadItem(f"HTTP status {status}")
    content_type = record.http_headers.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    if mime not in HTML_TYPES:
        raise BadItem(f"not an HTML page ({mime or 'no content type'})")
    cap = config.max_article_bytes * HTML_SIZE_FACTOR
    # content_stream() undoes chunking and gzip; reading one byte past the cap bounds a decompression bomb.
    raw = record.content_stream().read(cap + 1)
    if len(raw) > cap:
        raise BadItem(f"page larger than {cap} bytes")
    page = {"html": decode_page(raw, content_type), "url": record.rec_headers.get_header("WARC-Target-URI") or ""}
    if outlet:
        page["source"] = outlet
    capture_date = record.rec_headers.get_header("WARC-Date")
    return article_from_record(page, default_id=default_id, config=config, defaults={"published": capture_date})
