"""Bytes of a feed: from an http(s) URL with a timeout and a size cap, or from a local file with the cap.

Only http and https are fetched, redirects included: a config or a redirect must not make the job read
file:// or ftp:// resources.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from .clean import BadItem

USER_AGENT = "discrepancy-ingest/0.1"
_SCHEMES = ("http", "https")
_CHUNK = 64 * 1024


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme.lower() not in _SCHEMES:
            raise BadItem(f"refused redirect to a non-http(s) URL {newurl[:80]!r}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


# Only the handlers needed for http(s): no file://, ftp:// or data: handler is installed at all.
_OPENER = urllib.request.OpenerDirector()
for _handler in (urllib.request.ProxyHandler(), urllib.request.UnknownHandler(), urllib.request.HTTPHandler(),
                 urllib.request.HTTPSHandler(), urllib.request.HTTPDefaultErrorHandler(), _HttpOnlyRedirects(),
                 urllib.request.HTTPErrorProcessor()):
    _OPENER.add_handler(_handler)


def fetch_url(url: str, timeout: float, max_bytes: int) -> tuple[bytes, str]:
    """The body and Content-Type of an http(s) URL; BadItem for another scheme, an HTTP error, a network
    failure, a body over `max_bytes`, or a transfer longer than `timeout` seconds in all."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in _SCHEMES:
        raise BadItem(f"refused to fetch a {scheme or 'scheme-less'} URL (only http and https)")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
    deadline = time.monotonic() + timeout
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise BadItem(f"response of {length} bytes is larger than {max_bytes}")
            chunks: list[bytes] = []
            received = 0
            # The socket timeout bounds each read; the deadline bounds a server that trickles bytes.
            while chunk := response.read(_CHUNK):
                received += len(chunk)
                if received > max_bytes:
                    raise BadItem(f"response larger than {max_bytes} bytes")
                if time.monotonic() > deadline:
                    raise BadItem(f"fetch took longer than {timeout:g} s")
                chunks.append(chunk)
            return b"".join(chunks), response.headers.get("Content-Type", "")
    except BadItem:
        raise
    except urllib.error.HTTPError as exc:
        raise BadItem(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise BadItem(f"unreachable: {exc.reason}") from None
    except (OSError, http.client.HTTPException, ValueError) as exc:  # ValueError: a malformed URL or header
        raise BadItem(f"fetch failed: {type(exc).__name__}: {exc}") from None


def read_capped(path: Path, max_bytes: int) -> bytes:
    """The bytes of a local file, or BadItem when it is missing, unreadable or over `max_bytes`."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise BadItem(f"file of {size} bytes is larger than {max_bytes}")
        return path.read_bytes()
    except OSError as exc:
        raise BadItem(f"unreadable: {exc.strerror or exc}") from None
