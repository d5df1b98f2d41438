"""HTML → text: whole pages through trafilatura (main text and metadata, htmldate for a missing date),
feed snippets through a small tag stripper, and page bytes to str by their declared charset."""

from __future__ import annotations

import codecs
import logging
import re
from html.parser import HTMLParser

import htmldate
import trafilatura

from .clean import BadItem

log = logging.getLogger(__name__)

# Keep the time and offset when the page states them; the day alone can shift a UTC date by one.
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)
# Browsers read a page labelled Latin-1 as Windows-1252 (WHATWG Encoding); so do we.
_WHATWG_ALIASES = {"latin_1": "cp1252", "ascii": "cp1252"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def html_to_text(html: str, url: str | None = None) -> tuple[str, dict[str, str]]:
    """Main text and metadata (title, date, sitename, url) of an HTML page, via trafilatura.

    `date` comes from the page's metadata, else from htmldate's extensive search (visible dates, URL),
    and is absent when neither finds one."""
    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False,
            date_extraction_params={"original_date": True, "extensive_search": False, "outputformat": _DATE_FORMAT},
        )
    except Exception as exc:  # noqa: BLE001 — hostile markup can break lxml in many ways; the item is skipped
        raise BadItem(f"HTML extraction failed: {type(exc).__name__}: {str(exc)[:80]}") from exc
    doc = result.as_dict() if hasattr(result, "as_dict") else result
    if not doc or not doc.get("text"):
        raise BadItem("no main text found in HTML")
    meta = {k: str(doc[k]) for k in ("title", "date", "sitename", "url") if doc.get(k)}
    if "date" not in meta and (found := _htmldate(html, url)):
        meta["date"] = found
    # trafilatura separates paragraphs by single newlines; a blank line keeps them paragraphs for us.
    return "\n\n".join(p.strip() for p in doc["text"].split("\n") if p.strip()), meta


def _htmldate(html: str, url: str | None) -> str | None:
    try:
        return htmldate.find_date(html, url=url, extensive_search=True, original_date=True, outputformat=_DATE_FORMAT)
    except Exception as exc:  # noqa: BLE001 — a failed guess only means "no date"; the caller decides
        log.debug("htmldate failed on %s: %s", url or "a page", exc)
        return None


def decode_page(raw: bytes, content_type: str = "") -> str:
    """The text of a web page's bytes: BOM, else the charset of the Content-Type header or a <meta> tag,
    else UTF-8. Binary bytes or bytes invalid in that charset are a BadItem."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _decode(raw, encoding)
    if b"\x00" in raw[:8192]:
        raise BadItem("binary content (NUL bytes)")
    declared = _HEADER_CHARSET.search(content_type or "")
    label = declared.group(1) if declared else None
    if label is None and (meta := _META_CHARSET.search(raw[:4096])):
        label = meta.group(1).decode("ascii")
    encoding = "utf-8"
    if label:
        try:
            name = codecs.lookup(label).name
            encoding = _WHATWG_ALIASES.get(name.replace("-", "_"), name)
        except LookupError:
            log.debug("unknown charset %r; trying UTF-8", label)
    return _decode(raw, encoding)


def _decode(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        label = "UTF-8" if encoding.startswith("utf") and "8" in encoding else encoding
        raise BadItem(f"invalid {label} at byte {exc.start}") from None


_BLOCK = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section article header footer figure "
    "figcaption hr dl dt dd".split()
)
_HIDDEN = frozenset("script style noscript template iframe object svg math head title".split())


class _TextCollector(HTMLParser):
    """Text of an HTML fragment: hidden elements dropped, block elements become paragraph breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:  # <br/>, <hr/>; a self-closed hidden tag hides nothing
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML snippet (a feed entry's content or summary), paragraphs separated by a blank line.

    Feed snippets are too short for trafilatura's main-text heuristics, and are already the article body."""
    parser = _TextCollector()
    parser.feed(fragment)
    parser.close()
    paragraphs = (" ".join(p.split()) for p in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
