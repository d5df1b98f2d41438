"""Ingest from RSS and Atom feeds: entry content to text, dates, outlets, bad entries, and http fetching."""

from __future__ import annotations

import http.server
import threading
from datetime import datetime, timezone

import pytest

from discrepancy.config import load_config
from discrepancy.ingest import BadItem, Source, feed_articles, read_sources, url_id
from discrepancy.ingest.fetch import fetch_url

BODY = "The river peaked at 5.3 metres on Sunday, officials said, and 1,200 people left their homes. " * 4

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbor Tribune</title><link>https://harbor.example/</link>
  <item><title>River peaks at &lt;b&gt;5.3 metres&lt;/b&gt;</title>
    <link>https://Harbor.example/news/flood/?utm_source=rss&amp;utm_medium=feed</link>
    <pubDate>Mon, 20 May 2024 10:00:00 +0200</pubDate>
    <description>A short teaser.</description>
    <content:encoded><![CDATA[<p>{BODY}</p><script>alert('x')</script><p>Second paragraph &amp; more.</p>]]></content:encoded>
  </item>
  <item><title>Summary only</title><link>https://harbor.example/news/summary</link>
    <pubDate>Tue, 21 May 2024 08:30:00 GMT</pubDate>
    <description>&lt;p&gt;{BODY} Levees held.&lt;/p&gt;</description></item>
  <item><title>No date</title><link>https://harbor.example/news/undated</link>
    <description>{BODY} Undated.</description></item>
  <item><title>Bad date</title><link>https://harbor.example/news/bad-date</link>
    <pubDate>sometime soonish maybe</pubDate><description>{BODY} Bad date.</description></item>
  <item><title>Too short</title><link>https://harbor.example/news/short</link>
    <pubDate>Tue, 21 May 2024 09:00:00 GMT</pubDate><description>Too short.</description></item>
  <item><title>Same story, tracking link</title>
    <link>https://harbor.example/news/flood?fbclid=abc#comments</link>
    <pubDate>Tue, 21 May 2024 09:30:00 GMT</pubDate><description>{BODY} A copy.</description></item>
  <item><title>Nothing in it</title><link>https://harbor.example/news/empty</link>
    <pubDate>Tue, 21 May 2024 09:45:00 GMT</pubDate></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valley Courier</title><id>urn:uuid:valley</id><updated>2024-05-21T12:00:00Z</updated>
  <entry><title type="html">Evacuations &amp;amp; shelters</title><id>urn:uuid:1</id>
    <link rel="alternate" href="/2024/05/21/evacuations"/>
    <published>2024-05-21T07:15:00-04:00</published><updated>2024-05-21T11:00:00Z</updated>
    <content type="html">&lt;p&gt;{BODY}&lt;/p&gt;&lt;p&gt;Shelters opened in 14 schools.&lt;/p&gt;</content></entry>
  <entry><title>Plain text entry, updated only</title><id>urn:uuid:2</id>
    <updated>2024-05-22T06:00:00Z</updated>
    <content type="text">{BODY} Plain &lt;not a tag&gt; text.</content></entry>
</feed>"""


@pytest.fixture()
def config():
    return load_config().ingest


def _read(data: str, config, location="https://harbor.example/feed.xml", outlet=None):
    items = list(feed_articles(data.encode("utf-8"), location, config, outlet))
    return [i for _, i in items if not isinstance(i, BadItem)], [str(i) for _, i in items if isinstance(i, BadItem)]


def test_rss_entries_become_articles_and_bad_entries_are_reasons(config):
    articles, reasons = _read(RSS, config)
    first = articles[0]
    assert first.source == "Harbor Tribune"  # the feed's title
    assert first.title == "River peaks at 5.3 metres"  # HTML in a title is text, not markup
    assert first.published == datetime(2024, 5, 20, 8, 0, tzinfo=timezone.utc)
    assert first.id == url_id("https://harbor.example/news/flood")  # hash of the canonical URL
    assert "5.3 metres" in first.text and "Second paragraph & more." in first.text
    assert "alert" not in first.text and "<" not in first.text and "A short teaser" not in first.text
    assert "\n\n" in first.text  # paragraphs stay paragraphs
    assert "Levees held." in articles[1].text  # the summary when there is no content
    assert len(articles) == 3  # the tracking-link copy is only caught by the URL dedupe (below)
    assert sorted(r.split(" '")[0] for r in reasons) == [
        "entry has no content or summary", "missing published date",
        "text shorter than 200 characters", "unparsable published date"]


def test_rss_through_read_sources_dedupes_the_tracking_link(tmp_path, config):
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    result = read_sources([Source("feed", "wire", path=tmp_path / "wire.rss")], config)
    assert [a.url.split("/")[-1] for a in result.articles] == ["?utm_source=rss&utm_medium=feed", "summary"]
    assert len(result.skipped) == 5
    assert any("duplicate URL" in s.reason and s.item.startswith("[wire]") for s in result.skipped)


def test_atom_entries_dates_relative_links_and_plain_text(config):
    articles, reasons = _read(ATOM, config, location="https://valley.example/feeds/all.atom")
    assert not reasons
    first, second = articles
    assert first.source == "Valley Courier" and first.title == "Evacuations & shelters"
    assert first.url == "https://valley.example/2024/05/21/evacuations"  # resolved against the feed address
    assert first.published == datetime(2024, 5, 21, 11, 15, tzinfo=timezone.utc)  # published beats updated
    assert "Shelters opened in 14 schools." in first.text
    assert second.published == datetime(2024, 5, 22, 6, 0, tzinfo=timezone.utc)
    assert "Plain <not a tag> text." in second.text  # type="text" is kept as it is
    assert second.url == "" and len(second.id) == 16  # no link: the id comes from the entry's guid


def test_outlet_from_config_then_feed_title_then_host(config):
    articles, _ = _read(ATOM, config, outlet="Courier Desk")
    assert {a.source for a in articles} == {"Courier Desk"}
    untitled = ATOM.replace("<title>Valley Courier</title>", "")
    articles, _ = _read(untitled, config, location="https://valley.example/feeds/all.atom")
    assert articles[0].source == "valley.example"


@pytest.mark.parametrize("data, reason", [
    (b"", "not a readable feed"),
    (b"\x00\x01\x02binary" * 20, "not a readable feed"),
    (b"<html><body><p>A web page, not a feed.</p></body></html>", "not a readable feed"),
    (b"/etc/passwd", "not a readable feed"),  # feedparser would open a path given as bytes; we never let it
])
def test_junk_is_not_a_feed(config, data, reason):
    with pytest.raises(BadItem, match=reason):
        list(feed_articles(data, "junk.xml", config))


def test_an_unreadable_source_is_one_skipped_item_and_the_run_goes_on(tmp_path, config):
    (tmp_path / "good.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "junk.rss").write_bytes(b"\x00\xff" * 100)
    result = read_sources([Source("feed", "missing", path=tmp_path / "nope.rss"),
                           Source("feed", "junk", path=tmp_path / "junk.rss"),
                           Source("feed", "good", path=tmp_path / "good.rss")], config)
    assert len(result.articles) == 2
    by_item = {s.item: s.reason for s in result.skipped}
    assert by_item["[missing]"].startswith("no such file")
    assert by_item["[junk]"].startswith("not a readable feed")


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 — the name http.server calls
        if self.path == "/feed.xml":
            body = RSS.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        elif self.path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/feed.xml")
            self.end_headers()
        elif self.path == "/slow":
            self.send_response(200)
            self.end_headers()
            for _ in range(30):
                self.wfile.write(b"<rss>")
                self.wfile.flush()
                threading.Event().wait(0.1)
        else:
            self.send_error(404)

    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture()
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_feed_fetched_over_http(server, config):
    result = read_sources([Source("feed", "wire", url=f"{server}/feed.xml", outlet="Wire Desk"),
                           Source("feed", "gone", url=f"{server}/gone.xml")], config)
    assert len(result.articles) == 2 and {a.source for a in result.articles} == {"Wire Desk"}
    assert {"[gone]": "HTTP 404 Not Found"}.items() <= {s.item: s.reason for s in result.skipped}.items()


def test_fetch_refuses_other_schemes_redirects_to_them_oversize_and_slow_servers(server, tmp_path):
    (tmp_path / "secret").write_text("secret", encoding="utf-8")
    with pytest.raises(BadItem, match="only http and https"):
        fetch_url((tmp_path / "secret").as_uri(), timeout=5, max_bytes=1000)
    with pytest.raises(BadItem, match="file:///etc/passwd"):  # urllib's own check, then ours (ftp too)
        fetch_url(f"{server}/to-file", timeout=5, max_bytes=1000)
    with pytest.raises(BadItem, match="refused redirect"):  # urllib itself would follow this one
        fetch_url(f"{server}/to-ftp", timeout=5, max_bytes=1000)
    with pytest.raises(BadItem, match="larger than 100"):
        fetch_url(f"{server}/feed.xml", timeout=5, max_bytes=100)
    with pytest.raises(BadItem, match="longer than"):
        fetch_url(f"{server}/slow", timeout=0.5, max_bytes=10_000)
    with pytest.raises(BadItem, match="unreachable"):
        fetch_url("http://127.0.0.1:9/feed.xml", timeout=2, max_bytes=1000)
