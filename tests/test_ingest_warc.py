"""Ingest from WARC files: HTML responses become articles; everything else is a skipped item with a reason."""

from __future__ import annotations

import gzip
import io
from datetime import datetime, timezone

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from discrepancy.config import load_config
from discrepancy.ingest import BadItem, Source, read_sources, url_id, warc_articles

BODY = "The river peaked at 5.3 metres on Sunday, officials said, and 1,200 people left their homes. " * 4


def _page(body: str, head: str = "") -> str:
    return (f"<html><head><title>Flood | Site</title>{head}</head><body><nav>Home | Sport | Weather</nav>"
            f"<article><h1>River peaks</h1><p>{body}</p><script>document.write('<p>injected 999</p>')</script>"
            f"<p>Shelters stay open.</p></article><footer>Contact us</footer></body></html>")


def _response(writer, uri, body: bytes, status="200 OK", content_type="text/html; charset=utf-8",
              date="2024-05-22T03:00:00Z"):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": date})
    writer.write_record(record)


def _warc(path, gzipped=True):
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        meta = ('<meta property="og:site_name" content="Harbor Tribune">'
                '<meta property="article:published_time" content="2024-05-20T23:30:00+02:00">')
        _response(writer, "https://harbor.example/news/flood", _page(BODY, meta).encode())
        writer.write_record(writer.create_warc_record(
            "https://harbor.example/news/flood", "request", payload=io.BytesIO(b"GET /news/flood HTTP/1.1\r\n\r\n")))
        _response(writer, "https://valley.example/2024/05/19/river-peaks",  # date in the URL only: htmldate
                  _page(BODY + " Levees held.").encode())
        _response(writer, "https://delta.example/story?id=7",  # no date anywhere: the capture date
                  _page(BODY + " Roads closed.").encode())
        _response(writer, "https://delta.example/latin", _page(BODY + " Café reopened.").encode("latin-1"),
                  content_type="text/html; charset=ISO-8859-1")
        _response(writer, "https://harbor.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), content_type="image/png")
        _response(writer, "https://harbor.example/missing", _page(BODY).encode(), status="404 Not Found")
        _response(writer, "https://harbor.example/binary", b"\x00\x01\x02\x03" * 300)
        _response(writer, "https://harbor.example/bad-utf8", _page(BODY).encode() + b"caf\xe9")
        _response(writer, "https://Harbor.example/news/flood/?utm_campaign=x", _page(BODY + " Later.").encode())
        _response(writer, "https://harbor.example/empty", b"<html><body><nav>Home</nav></body></html>")
    return path


@pytest.fixture()
def config():
    return load_config().ingest


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc_pages_become_articles(tmp_path, config, gzipped):
    path = _warc(tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc"), gzipped)
    result = read_sources([Source("warc", "crawl", path=path)], config)
    by_url = {a.url: a for a in result.articles}
    assert list(by_url) == ["https://harbor.example/news/flood", "https://valley.example/2024/05/19/river-peaks",
                            "https://delta.example/story?id=7", "https://delta.example/latin"]
    flood = by_url["https://harbor.example/news/flood"]
    assert flood.source == "Harbor Tribune" and flood.title == "River peaks"
    assert flood.id == url_id(flood.url)
    assert flood.published == datetime(2024, 5, 20, 21, 30, tzinfo=timezone.utc)  # page metadata, with its offset
    assert "5.3 metres" in flood.text and "Shelters stay open." in flood.text
    for junk in ("injected", "document.write", "Home | Sport", "Contact us", "<"):
        assert junk not in flood.text
    assert by_url["https://valley.example/2024/05/19/river-peaks"].published.date().isoformat() == "2024-05-19"
    assert by_url["https://valley.example/2024/05/19/river-peaks"].source == "valley.example"  # the host
    assert by_url["https://delta.example/story?id=7"].published == datetime(2024, 5, 22, 3, tzinfo=timezone.utc)
    assert "Café reopened." in by_url["https://delta.example/latin"].text
    reasons = sorted(s.reason.split(" (")[0].split(" at byte")[0].split(" https")[0] for s in result.skipped)
    assert reasons == ["HTTP status 404", "binary content", "duplicate URL", "invalid UTF-8",
                       "not an HTML page", "text shorter than 200 characters"]
    assert all(s.item.startswith(f"[crawl] {path} record ") for s in result.skipped)


def test_outlet_from_config_overrides_site_name(tmp_path, config):
    path = _warc(tmp_path / "crawl.warc.gz")
    articles = [a for _, a in warc_articles(path, config, outlet="Crawl Desk") if not isinstance(a, BadItem)]
    assert articles and {a.source for a in articles} == {"Crawl Desk"}


def test_oversized_page_is_skipped(tmp_path):
    config = load_config(overrides={"ingest": {"max_article_bytes": 100}}).ingest
    path = _warc(tmp_path / "crawl.warc.gz")
    reasons = {str(a) for _, a in warc_articles(path, config) if isinstance(a, BadItem)}
    assert any(r.startswith("page larger than 400 bytes") for r in reasons)


def test_corrupt_and_truncated_warcs_are_one_skipped_item_each(tmp_path, config):
    whole = _warc(tmp_path / "whole.warc.gz").read_bytes()
    (tmp_path / "truncated.warc.gz").write_bytes(whole[: len(whole) * 2 // 3])
    plain = _warc(tmp_path / "whole.warc", gzipped=False).read_bytes()
    (tmp_path / "cut-in-headers.warc").write_bytes(plain[: plain.index(b"Content-Length", 2000)])
    (tmp_path / "garbage.warc.gz").write_bytes(gzip.compress(b"this is not a WARC file\r\n" * 50))
    (tmp_path / "noise.warc").write_bytes(bytes(range(256)) * 20)
    names = ("truncated.warc.gz", "cut-in-headers.warc", "garbage.warc.gz", "noise.warc", "missing.warc")
    result = read_sources([Source("warc", name, path=tmp_path / name) for name in names], config)
    assert {a.url for a in result.articles} >= {"https://harbor.example/news/flood"}  # pages before the damage
    last = {}
    for s in result.skipped:
        last[s.item.split("]")[0][1:]] = s.reason  # the last reason of each source
    assert last["truncated.warc.gz"].startswith("truncated WARC")
    assert last["cut-in-headers.warc"].startswith("truncated WARC")
    assert last["garbage.warc.gz"].startswith("corrupt WARC") and "\n" not in last["garbage.warc.gz"]
    assert last["noise.warc"].startswith("corrupt WARC after 0 records")
    assert last["missing.warc"].startswith("no such file")


def test_a_glob_reads_every_match(tmp_path, config):
    _warc(tmp_path / "a.warc.gz")
    (tmp_path / "sub").mkdir()
    _warc(tmp_path / "sub" / "b.warc.gz")
    result = read_sources([Source("warc", "all", path=tmp_path / "**" / "*.warc.gz")], config)
    assert len(result.articles) == 4  # b's pages are duplicates of a's (same URLs)
    assert sum("duplicate URL" in s.reason for s in result.skipped) == 1 + 5
