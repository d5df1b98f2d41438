"""Ingest: sources → `Article` records. The edge of the pipeline that reads files and the network.

Every item is untrusted: a bad one is skipped with one logged reason (a `Skipped` record) and the run
goes on. One module per job:

- `clean`: decoding, text cleaning, content hash, publication dates (`BadItem` is the skip reason)
- `urls`: canonical URLs (dedupe) and the ids derived from them
- `html`: trafilatura main text and metadata, htmldate as the date fallback; feed snippets; page charsets
- `article`: one record (the corpus input contract) → one `Article`, the same rules for every format
- `files`: JSONL exports and folders of .txt/.html/.json/.jsonl files (`read_corpus`)
- `fetch`: http(s) fetching with a timeout and a size cap
- `feeds`: RSS and Atom via feedparser
- `warc`: WARC files via warcio
- `dedupe`: the collector that drops duplicate ids, URLs and texts
- `sources`: the declared `[[sources]]` of the nightly config (`parse_sources`, `read_sources`)
"""

from __future__ import annotations

from .article import article_from_record
from .clean import BadItem, clean_text, content_hash, parse_published
from .dedupe import Ingested
from .feeds import feed_articles
from .files import SUFFIXES, corpus_files, read_corpus
from .html import fragment_to_text, html_to_text
from .sources import SOURCE_TYPES, Source, parse_sources, read_sources
from .urls import canonical_url, url_id
from .warc import warc_articles

__all__ = [
    "SOURCE_TYPES", "SUFFIXES", "BadItem", "Ingested", "Source", "article_from_record", "canonical_url",
    "clean_text", "content_hash", "corpus_files", "feed_articles", "fragment_to_text", "html_to_text",
    "parse_published", "parse_sources", "read_corpus", "read_sources", "url_id", "warc_articles",
]
