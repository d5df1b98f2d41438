"""One `Article` from one record (the corpus input contract), whatever the source format built it.

Every reader (files, feeds, WARC) turns an item into a record dict and calls `article_from_record`, so
the size, length, date and id rules are the same for all of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..config import IngestConfig
from ..records import Article
from .clean import BadItem, clean_text, content_hash, parse_published
from .html import html_to_text
from .urls import url_host, url_id

# A page's markup is several times its text; this bounds the work trafilatura is given.
HTML_SIZE_FACTOR = 4


def article_from_record(
    record: dict[str, Any],
    default_id: str,
    config: IngestConfig,
    defaults: Mapping[str, Any] | None = None,
) -> Article:
    """One article from a corpus record; raises BadItem with the reason.

    Each field comes from the record, else the HTML page's metadata (for `html` records), else
    `defaults` (e.g. a file's mtime or a WARC record's date as `published`). The outlet falls back to
    the URL's host; the id to a hash of the canonical URL, else `default_id`."""
    if not isinstance(record, dict):
        raise BadItem("record is not a JSON object")
    defaults = defaults or {}
    meta: dict[str, str] = {}
    url = str(record.get("url") or "")
    if isinstance(record.get("text"), str) and record["text"].strip():
        text = record["text"]
    elif isinstance(record.get("html"), str) and record["html"].strip():
        html = record["html"]
        if len(html) > config.max_article_bytes * HTML_SIZE_FACTOR:
            raise BadItem(f"HTML larger than {config.max_article_bytes * HTML_SIZE_FACTOR} characters")
        text, meta = html_to_text(html, url=url or None)
    else:
        raise BadItem("no text or html")
    text = clean_text(text)
    if len(text.encode("utf-8")) > config.max_article_bytes:
        raise BadItem(f"text larger than {config.max_article_bytes} bytes")
    if len(text.strip()) < config.min_text_chars:
        raise BadItem(f"text shorter than {config.min_text_chars} characters")

    def pick(key: str, meta_key: str) -> Any:
        return record.get(key) or meta.get(meta_key) or defaults.get(key)

    url = url or meta.get("url", "") or str(defaults.get("url") or "")
    published = parse_published(pick("published", "date"))
    source = str(pick("source", "sitename") or url_host(url) or "unknown")
    article_id = str(record.get("id") or (url_id(url) if url else default_id))
    return Article(
        id=article_id,
        source=clean_text(source),
        url=url,
        title=clean_text(str(pick("title", "title") or "")),
        published=published,
        text=text,
        content_hash=content_hash(text),
    )
