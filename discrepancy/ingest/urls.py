"""URL identity: the canonical form used to dedupe articles, and ids derived from it."""

from __future__ import annotations

import hashlib
from urllib.parse import unquote_plus, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}
_TRACKING = ("fbclid", "gclid")


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key.startswith("utm_") or key in _TRACKING


def canonical_url(url: str) -> str:
    """`url` with scheme and host lowercased and fragment, default port, tracking parameters
    (utm_*, fbclid, gclid) and trailing slash dropped; an unparsable URL comes back stripped, unchanged."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port  # raises ValueError for a port out of range
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    netloc = host
    if port is not None and _DEFAULT_PORTS.get(scheme) != port:
        netloc = f"{host}:{port}"
    if parts.username is not None:
        userinfo = parts.netloc.rpartition("@")[0]
        netloc = f"{userinfo}@{netloc}"
    # The kept parameters stay byte for byte as they were: re-encoding could merge distinct URLs.
    query = "&".join(p for p in parts.query.split("&") if p and not _is_tracking(unquote_plus(p.split("=")[0])))
    return urlunsplit((scheme, netloc, parts.path.rstrip("/"), query, ""))


def url_id(url: str) -> str:
    """The default article id of a URL-based item: a short hash of its canonical URL."""
    return hashlib.sha1(canonical_url(url).encode("utf-8")).hexdigest()[:16]


def url_host(url: str) -> str:
    """The lowercased host of `url`, or "" when it has none (or cannot be parsed)."""
    try:
        return urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
