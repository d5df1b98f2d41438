"""Workers: extraction over a process pool gives exactly what one process gives, in input order."""

from __future__ import annotations

from dataclasses import replace

from discrepancy.workers import extract_batch, extract_in_batches, worker_count


def test_pool_matches_one_process(articles, config):
    sample = list(articles[:24])
    alone = list(extract_in_batches(sample, config.extract, workers=1, batch_size=5))
    pooled = list(extract_in_batches(sample, config.extract, workers=2, batch_size=5))
    assert [b.article_ids for b in pooled] == [b.article_ids for b in alone]
    assert [b.mentions for b in pooled] == [b.mentions for b in alone]
    assert sum(len(b.mentions) for b in pooled) > 50


def test_a_failing_article_is_skipped_with_its_reason(articles, config):
    bad = replace(articles[0], id="bad", text=None)  # type: ignore[arg-type]
    batch = extract_batch([bad, articles[1]], config.extract)
    assert [s.item for s in batch.skipped] == ["bad"] and "extraction failed" in batch.skipped[0].reason
    assert batch.mentions and {m.article_id for m in batch.mentions} == {articles[1].id}


def test_worker_count():
    assert worker_count(3) == 3 and worker_count(0) >= 1
