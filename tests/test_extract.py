"""Extract stage: mentions with interval, unit, referent, attribution and as-of, from realistic sentences."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from discrepancy.config import load_config
from discrepancy.extract import extract_mentions, has_number
from discrepancy.ingest import content_hash
from discrepancy.records import Article

PUBLISHED = datetime(2024, 10, 28, 16, 0, tzinfo=timezone.utc)  # a Monday


def _mentions(text: str, published: datetime = PUBLISHED):
    article = Article("a1", "Harbor Tribune", "https://harbor.example/a1", "t", published, text, content_hash(text))
    return extract_mentions(article, load_config().extract)


def _only(text: str):
    found = _mentions(text)
    assert len(found) == 1, [m.surface for m in found]
    return found[0]


def test_pentagon_figure_with_hedge_attribution_and_weekday():
    m = _only("North Korea has sent about 10,000 troops to Russia for training, the Pentagon said Monday.")
    assert (m.surface, m.value, m.low, m.high, m.change) == ("about 10,000", 10000, 9500, 10500, "~")
    assert m.referent_key == "troops" and m.attribution_key == "pentagon" and m.as_of == date(2024, 10, 28)


def test_last_week_white_house_soldiers_are_troops():
    m = _only("Last week, the White House said it believed about 3,000 North Korean soldiers had arrived.")
    assert m.value == 3000 and m.referent_key == "troops" and m.attribution_key == "white house"
    assert m.as_of == date(2024, 10, 21)


def test_explicit_date_and_according_to():
    m = _only("According to South Korea's spy agency, 1,500 special forces troops had arrived by 18 October.")
    assert m.attribution_key == "national intelligence service" and m.as_of == date(2024, 10, 18)
    assert (m.low, m.high) == (1450, 1550)  # "1,500" as reported: rounding to two significant figures


def test_range_is_one_interval():
    m = _only("Officials now put the number at between 11,000 and 12,000 troops.")
    assert (m.low, m.high, m.value) == (11000, 12000, 11500)
    m = _only("Officials now put the number at 11,000 to 12,000 troops.")
    assert (m.low, m.high) == (11000, 12000) and m.surface == "11,000 to 12,000"


def test_killed_is_not_injured():
    killed, injured = _mentions("The earthquake killed 2,012 people and injured 2,059 others, the ministry said.")
    assert killed.referent_key == "killed" and injured.referent_key == "injured"


def test_units_convert_to_one_base():
    miles = _only("The epicentre was about 12 miles from the town.")
    km = _only("The epicentre was 19 km from the town.")
    assert miles.unit == km.unit == "m"
    assert miles.low <= km.high and km.low <= miles.high


def test_currency_scale_words_agree():
    values = {_only(t).value for t in ("The package is worth $1.2 billion.", "The package is worth $1.2bn.",
                                       "The package is worth $1,200 million.")}
    assert values == {1.2e9}


@pytest.mark.parametrize("text", [
    "The almost 3-year-old war shows no sign of ending.",
    "A 54-year-old farmer was among the first to arrive.",
    "The quake struck at 11:47 p.m. local time.",
    "The meeting is on 23 October.",
    "It was the second time since 2015 that the region was hit.",
    "Rescuers reached train No. 12841 by nightfall.",
])
def test_noise_is_not_a_mention(text):
    assert _mentions(text) == []


def test_offsets_index_the_article_text(articles, config):
    for article in articles:
        for m in extract_mentions(article, config.extract):
            assert article.text[m.start:m.end] == m.surface
            assert article.text[m.sentence_start:m.sentence_start + len(m.sentence)] == m.sentence


def test_only_sentences_with_numbers_are_parsed():
    assert has_number("About ten thousand people came.")
    assert has_number("Revenue was $30bn.")
    assert not has_number("The Pentagon declined to comment further.")
