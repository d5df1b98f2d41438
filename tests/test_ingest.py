"""Ingest: every input format, and every kind of bad item skipped with a reason while the run goes on."""

from __future__ import annotations

import json

import pytest

from discrepancy.config import load_config
from discrepancy.ingest import parse_published, read_corpus, BadItem

BODY = "The river peaked at 5.3 metres on Sunday, officials said. " * 6


@pytest.fixture()
def ingest_config():
    return load_config().ingest


def _line(**fields):
    record = {"id": "x", "source": "Harbor Tribune", "url": "https://harbor.example/x",
              "published": "2024-05-20T10:00:00Z", "title": "Flood", "text": BODY}
    record.update(fields)
    return json.dumps(record)


def test_jsonl_good_and_bad_lines(tmp_path, ingest_config):
    corpus = tmp_path / "day.jsonl"
    corpus.write_text("\n".join([
        _line(id="good"),
        "{not json",
        _line(id="short", url="https://harbor.example/s", text="Too short."),
        _line(id="nodate", url="https://harbor.example/n", published="sometime soonish maybe"),
        _line(id="dupe-url"),
        _line(id="other", url="https://harbor.example/o", text=BODY + " Extra."),
    ]), encoding="utf-8")
    result = read_corpus([corpus], ingest_config)
    assert [a.id for a in result.articles] == ["good", "other"]
    reasons = " | ".join(s.reason for s in result.skipped)
    for expected in ("invalid JSON", "shorter than", "unparsable published date", "duplicate URL"):
        assert expected in reasons


def test_binary_and_invalid_utf8_files_are_skipped(tmp_path, ingest_config):
    (tmp_path / "a.txt").write_text("Flood toll rises\n" + BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary" * 50)
    (tmp_path / "c.txt").write_bytes(b"caf\xe9 " * 100)
    result = read_corpus([tmp_path], ingest_config)
    assert [a.id for a in result.articles] == ["a"]
    assert result.articles[0].title == "Flood toll rises"
    assert {s.reason.split(" (")[0].split(" at ")[0] for s in result.skipped} == {"binary content", "invalid UTF-8"}


def test_oversized_article_is_skipped(tmp_path):
    config = load_config(overrides={"ingest": {"max_article_bytes": 1000}}).ingest
    (tmp_path / "big.jsonl").write_text(_line(text=BODY * 10), encoding="utf-8")
    result = read_corpus([tmp_path], config)
    assert not result.articles and "larger than" in result.skipped[0].reason


def test_html_goes_through_trafilatura(tmp_path, ingest_config):
    html = (f"<html><head><title>Flood page</title></head><body><nav>Home | Sport</nav><article><h1>Flood</h1>"
            f"<p>{BODY}</p><script>alert('x')</script></article></body></html>")
    (tmp_path / "page.jsonl").write_text(_line(text=None, html=html), encoding="utf-8")
    article = read_corpus([tmp_path], ingest_config).articles[0]
    assert "5.3 metres" in article.text and "alert" not in article.text and "<" not in article.text


def test_json_file_and_folder(tmp_path, ingest_config):
    (tmp_path / "one.json").write_text(_line(id=None, url="https://harbor.example/j"), encoding="utf-8")
    article = read_corpus([tmp_path], ingest_config).articles[0]
    assert article.source == "Harbor Tribune" and article.published.tzinfo is not None


def test_missing_corpus_path_raises(tmp_path, ingest_config):
    with pytest.raises(FileNotFoundError):
        read_corpus([tmp_path / "nope"], ingest_config)


def test_published_dates():
    assert parse_published("2024-10-28T16:00:00Z").utcoffset().total_seconds() == 0
    assert parse_published("28 October 2024").day == 28
    with pytest.raises(BadItem):
        parse_published("")
