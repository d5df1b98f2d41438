"""RSS and Atom feeds (feedparser) → articles, one per entry, from the entry's own content or summary.

Links are never followed: an entry's text is what the feed carries, so reading a feed costs one request.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

import feedparser

from ..config import IngestConfig
from ..records import Article
from .article import article_from_record
from .clean import BadItem, clean_text, parse_published
from .html import fragment_to_text
from .urls import url_host

log = logging.getLogger(__name__)

FeedItem = tuple[str, Article | BadItem]


def parse_feed(data: bytes, location: str, content_type: str = "") -> Any:
    """feedparser's result for the bytes of a feed; BadItem when they hold no RSS or Atom feed."""
    headers = {"content-location": location}  # resolves relative links against the feed's address
    if content_type:
        headers["content-type"] = content_type
    # A file-like object, never bytes or str: feedparser would open a str/bytes that looks like a path or URL.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.get("entries") and (parsed.get("bozo") or not parsed.get("version")):
        problem = parsed.get("bozo_exception") or "no RSS or Atom elements"
        raise BadItem(f"not a readable feed: {str(problem)[:120]}")
    if parsed.get("bozo"):
        log.info("feed %s is not well-formed (%s); reading its %d entries anyway",
                 location, parsed.get("bozo_exception"), len(parsed.entries))
    return parsed


def feed_articles(
    data: bytes, location: str, config: IngestConfig, outlet: str | None = None, content_type: str = ""
) -> Iterator[FeedItem]:
    """(item name, article or the reason it is bad) for each entry of a feed.

    The outlet is `outlet`, else the feed's title, else the host of the entry's link or of the feed."""
    parsed = parse_feed(data, location, content_type)
    feed_title = _text(parsed.feed, "title")
    for n, entry in enumerate(parsed.entries, 1):
        name = f"{location} entry {n}"
        try:
            yield name, _entry_article(entry, outlet or feed_title, location, config)
        except BadItem as exc:
            yield name, exc
        except Exception as exc:  # noqa: BLE001 — one hostile entry must not end the run; logged with its trace
            log.exception("unexpected error reading %s", name)
            yield name, BadItem(f"unexpected error: {type(exc).__name__}: {exc}")


def _entry_article(entry: Any, outlet: str, location: str, config: IngestConfig) -> Article:
    link = str(_get(entry, "link") or "").strip()
    if urlsplit(link).scheme.lower() not in ("http", "https"):
        link = ""  # feedparser falls back to a guid such as urn:uuid:…, which is no page to link to
    text = _entry_text(entry)
    record: dict[str, Any] = {
        "url": link,
        "title": _text(entry, "title"),
        "published": _entry_date(entry),
        "text": text,
        "source": outlet or url_host(link) or url_host(location) or "unknown",
    }
    if not link:  # no URL to hash: the entry's guid, else its text, gives an id that is stable across runs
        key = str(_get(entry, "id") or "") or clean_text(text)
        record["id"] = hashlib.sha1(key.encode("utf-8", "replace")).hexdigest()[:16]
    return article_from_record(record, default_id="", config=config)


def _entry_text(entry: Any) -> str:
    """The longest content block, else the summary; HTML becomes text."""
    blocks = [c for c in entry.get("content") or [] if str(c.get("value") or "").strip()]
    if blocks:
        best = max(blocks, key=lambda c: len(c.get("value") or ""))
        value, kind = str(best.get("value")), str(best.get("type") or "text/html")
    elif str(entry.get("summary") or "").strip():
        value = str(entry.get("summary"))
        kind = str((entry.get("summary_detail") or {}).get("type") or "text/html")
    else:
        raise BadItem("entry has no content or summary")
    return value if kind == "text/plain" else fragment_to_text(value)


def _get(node: Any, key: str) -> Any:
    # dict.get, not FeedParserDict.get: that maps a missing `published` to `updated` with a warning.
    return dict.get(node, key)


def _text(node: Any, key: str) -> str:
    value = str(node.get(key) or "")
    kind = str((node.get(f"{key}_detail") or {}).get("type") or "text/plain")
    return value if kind == "text/plain" else fragment_to_text(value)


def _entry_date(entry: Any) -> datetime:
    """published, else updated; feedparser's parsed form is already in UTC."""
    unparsable: BadItem | None = None
    for key in ("published", "updated"):
        if parsed := _get(entry, f"{key}_parsed"):
            try:
                return datetime(*parsed[:6], tzinfo=timezone.utc)
            except (TypeError, ValueError):  # e.g. a leap second feedparser let through; try the raw string
                pass
        if raw := _get(entry, key):
            try:  # feedparser knows many date formats, not all; ours may still read it
                return parse_published(str(raw))
            except BadItem as exc:
                unparsable = unparsable or exc
    raise unparsable or BadItem("missing published date")
