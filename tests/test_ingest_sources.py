"""Declared sources: config validation, reading every type together with one dedupe, canonical URLs, and
the bundled sample sources in fixtures/sources."""

from __future__ import annotations

import importlib.util
import json
import tomllib
from datetime import datetime, timezone
from pathlib import Path

import pytest

from discrepancy.config import load_config
from discrepancy.ingest import Source, canonical_url, parse_sources, read_sources, url_id

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "fixtures" / "sources"
BODY = "The river peaked at 5.3 metres on Sunday, officials said, and 1,200 people left their homes. " * 4


@pytest.fixture()
def config():
    return load_config().ingest


def _make_warc_module():
    spec = importlib.util.spec_from_file_location("make_warc", SAMPLES / "make_warc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- parse_sources -------------------------------------------------------------------------------------

def test_parse_sources_from_toml(tmp_path):
    config = tomllib.loads("""
[[sources]]
type = "folder"
path = "inbox"
outlet = "Harbor Tribune"

[[sources]]
type = "jsonl"
path = "/data/exports/*.jsonl"
name = "exports"

[[sources]]
type = "feed"
url = "https://meridianwire.example/rss"

[[sources]]
type = "feed"
path = "feeds/local.atom"

[[sources]]
type = "warc"
path = "~/crawls/**/*.warc.gz"
""")
    sources = parse_sources(config["sources"], tmp_path)
    assert sources[0] == Source("folder", "inbox", path=tmp_path / "inbox", outlet="Harbor Tribune")
    assert sources[1] == Source("jsonl", "exports", path=Path("/data/exports/*.jsonl"))
    assert sources[2] == Source("feed", "https://meridianwire.example/rss", url="https://meridianwire.example/rss")
    assert sources[3].path == tmp_path / "feeds" / "local.atom" and sources[3].url is None
    assert sources[4].path == Path.home() / "crawls" / "**" / "*.warc.gz"
    with pytest.raises(AttributeError):
        sources[0].name = "changed"  # frozen


@pytest.mark.parametrize("raw, message", [
    ({"type": "folder"}, "must be an array of tables"),
    (["folder"], r"sources\[0\]: must be a table"),
    ([{"type": "rss", "url": "https://a.example/rss"}], r"sources\[0\]: unknown type 'rss'; expected one of folder"),
    ([{"path": "x"}], r"sources\[0\]: missing 'type'"),
    ([{"type": "folder", "path": "x", "outlt": "A"}], r"unknown key 'outlt'"),
    ([{"type": "jsonl"}], r"missing 'path' for a jsonl source"),
    ([{"type": "warc", "url": "https://a.example/x.warc"}], r"'url' is only for feeds"),
    ([{"type": "feed"}], r"exactly one of 'url' or 'path'"),
    ([{"type": "feed", "url": "https://a.example/rss", "path": "x"}], r"exactly one of 'url' or 'path'"),
    ([{"type": "feed", "url": "file:///etc/passwd"}], r"must be an http\(s\) URL"),
    ([{"type": "feed", "url": "https://"}], r"must be an http\(s\) URL"),
    ([{"type": "folder", "path": 3}], r"'path' must be a non-empty string, got 3"),
    ([{"type": "folder", "path": "x", "outlet": ""}], r"'outlet' must be a non-empty string"),
    ([{"type": "folder", "path": "a", "name": "n"}, {"type": "folder", "path": "b", "name": "n"}],
     r"sources\[1\]: duplicate source name 'n'"),
])
def test_parse_sources_rejects_bad_entries_with_one_line(tmp_path, raw, message):
    with pytest.raises(ValueError, match=message) as caught:
        parse_sources(raw, tmp_path)
    assert "\n" not in str(caught.value)


def test_bad_entry_is_named_by_its_name(tmp_path):
    with pytest.raises(ValueError, match=r"^sources\[1\] \('wire'\): unknown type 'atom'"):
        parse_sources([{"type": "folder", "path": "a"}, {"type": "atom", "name": "wire", "path": "b"}], tmp_path)


# --- canonical URLs ------------------------------------------------------------------------------------

@pytest.mark.parametrize("url, canonical", [
    ("HTTPS://News.Example.COM:443/World/Story/?utm_source=x&id=7&UTM_Medium=y#top",
     "https://news.example.com/World/Story?id=7"),
    ("http://news.example:80/a?fbclid=1&gclid=2", "http://news.example/a"),
    ("http://news.example:8080/a/", "http://news.example:8080/a"),
    ("https://news.example/", "https://news.example"),
    ("https://news.example/a?b=%20c&b=d", "https://news.example/a?b=%20c&b=d"),  # kept byte for byte
    ("  https://user:pw@News.example/a  ", "https://user:pw@news.example/a"),
    ("http://[::1]:80/x", "http://[::1]/x"),
    ("http://[::1/broken", "http://[::1/broken"),  # unparsable: returned as it is
])
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical
    assert canonical_url(canonical) == canonical


def test_url_ids_ignore_tracking_and_case():
    assert url_id("https://A.example/x/?utm_campaign=z") == url_id("https://a.example/x") != url_id("https://a.example/y")


# --- read_sources --------------------------------------------------------------------------------------

def test_read_sources_reads_every_type_with_one_dedupe(tmp_path, config):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "flood.txt").write_text("Flood toll rises\n" + BODY, encoding="utf-8")
    (inbox / "blob.txt").write_bytes(b"\x00\x01binary" * 40)
    page = (f'<html><head><meta property="article:published_time" content="2024-05-19T08:00:00Z"></head>'
            f"<body><article><h1>Levees</h1><p>{BODY} Levees held.</p></article></body></html>")
    (inbox / "levees.html").write_text(page, encoding="utf-8")
    export = tmp_path / "export.ndjson"  # a JSONL source is JSONL whatever its suffix
    eclipse_url = "https://meridianwire.example/science/2024/04/08/total-solar-eclipse?utm_source=x"
    export.write_text("\n".join([
        json.dumps({"id": "e1", "source": "Desk", "url": "https://a.example/1", "published": "2024-05-20T10:00:00Z",
                    "title": "One", "text": BODY + " One."}),
        "{broken",
        json.dumps({"source": "Desk", "url": eclipse_url, "published": "2024-04-08T23:00:00Z",
                    "title": "Eclipse", "text": BODY + " Eclipse."}),
    ]), encoding="utf-8")
    _make_warc_module().write_warc(tmp_path / "crawl.warc.gz")
    sources = parse_sources([
        {"type": "folder", "path": "inbox", "outlet": "Inbox Desk"},
        {"type": "jsonl", "path": "export.ndjson"},
        {"type": "feed", "path": str(SAMPLES / "wire.rss"), "name": "wire"},
        {"type": "warc", "path": "*.warc.gz", "name": "crawl"},
        {"type": "warc", "path": "nowhere/*.warc.gz", "name": "empty-glob"},
        {"type": "folder", "path": "export.ndjson", "name": "not-a-folder"},
    ], tmp_path)
    result = read_sources(sources, config)
    by_id = {a.id: a for a in result.articles}
    assert len(result.articles) == 2 + 2 + 3 + 2  # the feed's eclipse entry duplicates the JSONL line's URL
    assert by_id["flood"].source == by_id["levees"].source == "Inbox Desk"  # outlet from config
    assert by_id["levees"].published == datetime(2024, 5, 19, 8, tzinfo=timezone.utc)  # the page's date, not mtime
    assert by_id["e1"].source == "Desk"
    reasons = {s.item: s.reason for s in result.skipped}
    assert reasons[f"[inbox] {tmp_path / 'inbox' / 'blob.txt'}"] == "binary content (NUL bytes)"
    assert reasons[f"[export.ndjson] {export}:2"].startswith("invalid JSON")
    assert reasons["[wire] " + str(SAMPLES / "wire.rss") + " entry 4"].startswith("duplicate URL")
    assert reasons["[empty-glob]"].startswith("no files match")
    assert reasons[f"[not-a-folder] {export}"].startswith("not a folder")
    assert len(result.skipped) == 5


def test_a_source_that_breaks_unexpectedly_costs_only_itself(tmp_path, config, monkeypatch, caplog):
    import discrepancy.ingest.sources as sources_module

    def broken(*args, **kwargs):
        raise RuntimeError("library bug")
        yield  # pragma: no cover — makes this a generator, as the real reader is

    monkeypatch.setattr(sources_module, "warc_articles", broken)
    (tmp_path / "x.warc").write_bytes(b"")
    result = read_sources([Source("warc", "crawl", path=tmp_path / "x.warc"),
                           Source("feed", "wire", path=SAMPLES / "wire.rss")], config)
    assert len(result.articles) == 4
    assert [(s.item, s.reason) for s in result.skipped] == [("[crawl]", "unexpected error: RuntimeError: library bug")]
    assert "library bug" in caplog.text  # logged with its traceback, not swallowed


# --- the bundled samples -------------------------------------------------------------------------------

def test_sample_feed_and_warc(config):
    sources = parse_sources([{"type": "feed", "path": "wire.rss"}, {"type": "warc", "path": "pages.warc.gz"}],
                            SAMPLES)
    result = read_sources(sources, config)
    assert not result.skipped
    feed, pages = result.articles[:4], result.articles[4:]
    assert {a.source for a in feed} == {"Meridian Wire"}
    assert feed[0].published == datetime(2024, 1, 2, 11, 40, tzinfo=timezone.utc)
    assert "At least 48 people were killed" in feed[0].text
    assert "trackImpression" not in feed[1].text and "2.6-kilometre bridge" in feed[1].text
    noto, bridge = pages
    assert noto.source == "Coastline Courier" and noto.title == "Noto earthquake death toll rises to 73"
    assert noto.published == datetime(2024, 1, 3, 10, 30, tzinfo=timezone.utc)
    assert "rose to 73" in noto.text and "dataLayer" not in noto.text and "Most read" not in noto.text
    assert bridge.source == "tidewaterpost.example" and bridge.published.date().isoformat() == "2024-03-27"
    assert "984-foot" in bridge.text and "99 cents" not in bridge.text


def test_sample_warc_is_what_make_warc_writes(tmp_path):
    fresh = _make_warc_module().write_warc(tmp_path / "pages.warc.gz")
    assert fresh.read_bytes() == (SAMPLES / "pages.warc.gz").read_bytes(), \
        "fixtures/sources/pages.warc.gz is stale: run python fixtures/sources/make_warc.py"
