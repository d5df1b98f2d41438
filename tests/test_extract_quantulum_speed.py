"""The fast stand-ins for quantulum3's internals give exactly what quantulum3 gives, and only to us."""

from __future__ import annotations

import re
import warnings
from datetime import datetime

import dateparser
import pytest
from quantulum3 import classifier as clf
from quantulum3 import parser
from quantulum3 import regex as reg

from discrepancy.extract import asof
from discrepancy.extract import quantulum_speed as speed
from discrepancy.extract.quantulum import NUMBER_WORDS, _prepared_classifier_path, parse_sentence

# Realistic news sentences plus the corners the shortcuts must respect: currency prefixes and codes,
# unicode units and fractions, exponents, spelled numbers next to digits, "a"/"an"/"and", ranges,
# characters IGNORECASE folds onto ASCII ("ſ", Kelvin sign).
SENTENCES = [
    "North Korea has sent about 10,000 troops to Russia, the Pentagon said on Monday.",
    "The company reported revenue of $26.3bn, up 122% from a year earlier, and US$ 4.5 million in fees.",
    "Rainfall of 12 inches (305 mm) fell in 24 hours; winds reached 130 km/h and 80mph gusts.",
    "Between 11,000 and 12,000 people marched, while police counted eleven thousand two hundred.",
    "The dose was 5 µg per kg, or 0.5 μg/mL, and resistance of 3 Ω was measured at 20 °C.",
    "A quarter of the 1.5 million residents — half a million people — lost power for 3½ days.",
    "Prices rose 0.3 per cent in March, core inflation 2.1pc, and the yen fell to ¥150 against the dollar.",
    "Some 2e5 cells and 3 x 10^6 bacteria grew; a dozen samples and one in five plates failed.",
    "An area of 150,000 hectares (370,000 acres) burned, and 816 000 t of grain was lost.",
    "The ſtrange 5 Kelvin reading (5 K) and İstanbul's 2 million visitors were noted.",
    "Twenty-five people died and forty were injured, and a hundred and five are missing.",
    "CHF 200, €3m, £1.2 billion, Rs 500 crore and R$ 10 were pledged.",
    "It weighed 200 pounds and cost 200 pounds; the 4x100m relay took 37.9 seconds.",
    "Nothing numeric here at all, and no number words either.",
    "",
]


def _key(quantities):
    return [(q.span, q.surface, float(q.value), q.uncertainty, q.unit.name, q.unit.entity.name) for q in quantities]


def _parse(text: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _key(parser.parse(text, classifier_path=_prepared_classifier_path()))


@pytest.mark.parametrize("text", SENTENCES + [" ".join(SENTENCES)])
def test_fast_parse_equals_quantulum3(text):
    original = _parse(text)
    with speed.fast_quantulum():
        fast = _parse(text)
    assert fast == original


def test_outside_our_calls_quantulum3_is_untouched():
    with speed.fast_quantulum():
        inside = reg.units_regex("en_US")
    outside = reg.units_regex("en_US")
    assert isinstance(inside, speed._CandidateRegex)
    assert isinstance(outside, re.Pattern) and outside is speed._ORIGINAL["units_regex"]("en_US")


def test_rewritten_regexes_are_in_use():
    # If quantulum3's pattern layout changes, the rewrite falls back to the original: this says when.
    speed._install()
    assert speed._fast_units_pattern("en_US") is not speed._ORIGINAL["units_regex"]("en_US")
    assert speed._fast_text_pattern("en_US") is not speed._ORIGINAL["text_pattern_reg"]("en_US")


@pytest.mark.parametrize("text", SENTENCES)
def test_candidate_finditer_equals_finditer(text):
    speed._install()
    for which, original in (("units", speed._ORIGINAL["units_regex"]), ("text", speed._ORIGINAL["text_pattern_reg"])):
        cleaned = parser.clean_text(text)
        fast = [m.span() for m in speed._fast_regex("en_US", which).finditer(cleaned)]
        assert fast == [m.span() for m in original("en_US").finditer(cleaned)]


def test_classifier_probabilities_are_bit_identical():
    model = clf.classifier("en_US", _prepared_classifier_path())
    direct = speed._direct_model(model)
    assert direct is not None
    for text in SENTENCES + ["the and of", "pound pound pound sterling weight"]:
        cleaned = clf.clean_text(text)
        expected = model.classifier.predict_proba(model.tfidf_model.transform([cleaned])).tolist()[0]
        assert direct(cleaned) == expected


def test_sentence_cache_hands_out_fresh_lists():
    sentence = "Police said 80,000 people marched in Paris on Thursday."
    first = parse_sentence(sentence)
    first.clear()
    again = parse_sentence(sentence)
    assert [q.value for q in again] == [80_000]


def test_number_words_tree_matches_the_plain_alternation():
    plain = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                       r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
                       r"eighty|ninety|hundred|thousand|million|billion|trillion|dozens?|half|quarter|third)\b",
                       re.IGNORECASE)
    for text in SENTENCES + ["Sixteen, SIXTY and sixties; dozens, a Dozen; thirds, one-third"]:
        assert [m.span() for m in NUMBER_WORDS.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("published", [datetime(2024, 10, 28, 16), datetime(2024, 1, 5), datetime(2023, 12, 31),
                                       datetime(2024, 3, 1), datetime(2021, 2, 28)])
def test_explicit_dates_resolve_as_dateparser_did(published):
    # dateparser was the slowest call of the extract stage; our reading must give its answers.
    expressions = ["23 October", "October 23", "Oct. 23", "Oct 23, 2023", "23rd of October", "1 January",
                   "31 December", "Dec 31", "29 February", "Feb 29", "Sept 5", "5th Sept", "March 1", "30 Feb",
                   "May 3", "3 May 2022", "Jan. 4", "31 April", "0 June", "28 Feb 2023"]
    for expr in expressions:
        parsed = dateparser.parse(expr, languages=["en"], settings={
            "RELATIVE_BASE": published, "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]})
        assert asof._explicit(expr, published) == (parsed.date() if parsed else None), expr
