"""Text hygiene for untrusted input: decoding, cleaning, content hashes and publication dates.

`BadItem` lives here because every check in this module can reject an item; its message is the reason
that gets logged and counted.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

import dateparser

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")  # incl. bidi overrides
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # lone halves that JSON allows and UTF-8 cannot encode


class BadItem(ValueError):
    """An input item that cannot become an article; the message is the logged reason."""


def content_hash(text: str) -> str:
    """Hash of the text with whitespace and case folded, so trivially re-wrapped copies collide."""
    folded = " ".join(text.split()).casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def clean_text(text: str) -> str:
    """Normalise Unicode (NFC), drop control characters, unify line ends; offsets index the result."""
    text = _SURROGATE.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))


def decode_utf8(raw: bytes) -> str:
    """The text of a file that must be UTF-8; binary or badly encoded bytes are a BadItem."""
    if b"\x00" in raw[:8192]:
        raise BadItem("binary content (NUL bytes)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadItem(f"invalid UTF-8 at byte {exc.start}") from None


def parse_published(value: Any) -> datetime:
    """A timezone-aware datetime from an ISO or RFC 822 string (or a looser date phrase); naive means UTC."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            parsed = _rfc822(text) or dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": False})
            if parsed is None:
                raise BadItem(f"unparsable published date {text[:40]!r}") from None
    else:
        raise BadItem("missing published date")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed


def _rfc822(text: str) -> datetime | None:
    # Feeds and WARC/HTTP headers use RFC 822 dates; dateparser would drop their offset.
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
