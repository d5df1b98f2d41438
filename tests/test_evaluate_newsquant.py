"""The NewsQuant scorer: value/unit/change/concept matching, one-to-one pairing, ranges, and the dev-set floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from discrepancy.cli import cli
from discrepancy.evaluate.newsquant import (concept_tokens, load_newsquant, match_sentence, parse_value,
                                            predict_ours, score, values_match)

ROOT = Path(__file__).resolve().parents[1]
DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "newsquant-dev.json"
FLOORS = {k: v for k, v in json.loads((ROOT / "benchmarks" / "quality_floors_newsquant.json")
                                      .read_text(encoding="utf-8")).items() if not k.startswith("_")}


def q(value, unit="-", change="=", concepts="-"):
    return {"change": change, "value": value, "unit": unit, "normalized_unit": unit, "referred_concepts": concepts}


GOLD = [
    {"text": "Police said 10,000 troops crossed, up 5% on Monday.",
     "quantities": [q("10000.0", "troop", "=", "Police"), q("5.0", "percentage", "up", "troops crossed")]},
    {"text": "Between 1,000 and 2,000 people marched; 1,000 more stayed home.",
     "quantities": [q("1000-2000", "people", "=", "-"), q("1000", "people", "=", "-")]},
    {"text": "Nothing to see here.", "quantities": []},
]


def test_parse_value_reads_ranges_and_negatives():
    assert parse_value("1000-10000") == (1000.0, 10000.0)
    assert parse_value("10000000.0-100000000.0") == (1e7, 1e8)
    assert parse_value("-3.5") == -3.5
    assert parse_value("1.5e-05") == 1.5e-05
    assert parse_value("12,500") == 12500.0


def test_ranges_match_only_ranges_end_by_end():
    assert values_match((1000.0, 2000.0), (1000.0, 2000.0))
    assert not values_match((1000.0, 2000.0), 1500.0)  # a midpoint is not the range
    assert not values_match(1000.0, (1000.0, 2000.0))
    assert values_match(0.3, 0.3000001)


def test_concepts_split_on_commas_and_spaces_and_dash_matches_dash():
    assert concept_tokens("revenue, Chinese e-commerce giant") == {"revenue", "chinese", "e-commerce", "giant"}
    assert concept_tokens("") == concept_tokens("-") == {"-"}


def test_perfect_predictions_score_100(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    gold = load_newsquant(path)
    s = score(gold, gold)
    for metric in ("value", "value+unit", "value+change", "value+concept_partial", "value+concept_complete"):
        assert s.prf(metric) == (100.0, 100.0, 100.0)


def test_one_to_one_no_double_counting():
    # Two predictions of 1,000 for one gold 1,000: one is a true positive, the other a false positive.
    gold = [{"text": "t", "quantities": [q("1000", "people")]}]
    pred = [{"text": "t", "quantities": [q("1000", "-"), q("1000", "people")]}]
    s = score(gold, pred)
    assert s.correct["value"] == 1 and s.predicted == 2 and s.gold == 1
    assert s.prf("value") == (50.0, 100.0, 66.7)
    # The pairing prefers the prediction that also gets the unit right.
    assert s.correct["value+unit"] == 1
    # One prediction cannot satisfy two gold quantities with the same value.
    gold2 = [{"text": "t", "quantities": [q("5", "percentage"), q("5", "percentage")]}]
    pred2 = [{"text": "t", "quantities": [q("5", "percentage")]}]
    assert score(gold2, pred2).correct["value"] == 1
    assert match_sentence(gold2[0]["quantities"], pred2[0]["quantities"]) == [(0, 0)]


def test_partial_credit_per_attribute(tmp_path):
    pred = [
        {"text": GOLD[0]["text"], "quantities": [q("10000", "soldier", "=", "police said"),
                                                   q("5", "percentage", "=", "-"), q("2024", "-")]},
        {"text": GOLD[1]["text"], "quantities": [q("1500", "people"), q("1000", "people")]},
        {"text": GOLD[2]["text"], "quantities": []},
    ]
    s = score(GOLD, pred)
    assert (s.gold, s.predicted) == (4, 5)
    assert s.correct == {"value": 3, "value+unit": 2, "value+change": 2, "value+concept_partial": 2,
                         "value+concept_complete": 1}


def test_our_extractor_in_newsquant_vocabulary():
    out = predict_ours(["The company has more than 1,000 customers and made $1.2 billion, up 5%.",
                        "Temperatures dropped by 1 to 1.5 degrees Celsius over 30 miles."])
    first = {x["normalized_unit"]: x for x in out[0]["quantities"]}
    assert parse_value(first["customer"]["value"]) == 1000 and first["customer"]["change"] == ">"
    assert parse_value(first["dollar"]["value"]) == pytest.approx(1.2e9)
    assert parse_value(first["percentage"]["value"]) == 5
    second = {x["normalized_unit"]: x for x in out[1]["quantities"]}
    assert second["celsius"]["value"] == "1-1.5"  # a range, in the unit as written, not kelvin
    assert parse_value(second["mile"]["value"]) == pytest.approx(30)


def test_cli_prints_table_and_writes_predictions(tmp_path):
    gold_path, out = tmp_path / "gold.json", tmp_path / "pred.json"
    gold_path.write_text(json.dumps(GOLD), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "newsquant", str(gold_path), "--predictions", str(out)])
    assert result.exit_code == 0, result.output
    assert "value+concept_partial" in result.output
    written = json.loads(out.read_text(encoding="utf-8"))
    assert [x["text"] for x in written] == [x["text"] for x in GOLD]
    missing = CliRunner().invoke(cli, ["eval", "newsquant", str(tmp_path / "nope.json")])
    assert missing.exit_code == 2


@pytest.mark.skipif(not DEV.exists(), reason=f"{DEV} is absent")
def test_dev_set_scores_at_or_above_floors():
    gold = load_newsquant(DEV)
    s = score(gold, predict_ours([x["text"] for x in gold]))
    for metric, floor in FLOORS.items():
        assert s.prf(metric)[2] >= floor, f"{metric} F1 fell to {s.prf(metric)[2]} (floor {floor})"


def _ours(text: str) -> list[dict]:
    from discrepancy.evaluate.newsquant import predict_ours

    return predict_ours([text])[0]["quantities"]


def test_a_move_from_one_figure_to_another_is_one_range_with_its_direction():
    [q] = _ours("Ethereum fell from $2,415 to $2,315 overnight.")
    assert (q["value"], q["change"], q["normalized_unit"]) == ("2415-2315", "down", "dollar")
    [q] = _ours("Apple is hiring more people, going from 1000 to 2000 hires this year.")
    assert (q["value"], q["change"]) == ("1000-2000", "=")


def test_vague_quantities_and_percent_ranges_are_written_as_ranges():
    [q] = _ours("There are tens of thousands of students studying at Heidelberg University.")
    assert (q["value"], q["normalized_unit"]) == ("10000-100000", "student")
    assert [q["value"] for q in _ours("Prices are expected to increase between 5% and 6%.")] == ["5-6"]


def test_a_bare_figure_takes_the_unit_of_a_figure_of_like_size_near_it():
    units = {q["value"]: q["normalized_unit"] for q in
             _ours("The TA-25 index ended down 1% at 1,463.78 points, while the TA-125 lost 1.1% to end at 1,334.20.")}
    assert units["1334.2"] == "point"
    units = {q["value"]: q["normalized_unit"] for q in _ours("It costs 2,435,000 YEN ($22,480) or 2,380,000 ($21,972).")}
    assert units["2380000"] == "japanese yen"


def test_units_written_after_the_figure():
    assert [q["normalized_unit"] for q in _ours("The airplane was flying at an altitude of 30' then.")] == ["foot"]
    assert [(q["value"], q["normalized_unit"]) for q in _ours("It is about minus 387 Fahrenheit.")] == \
        [("-387", "fahrenheit")]
    assert [q["normalized_unit"] for q in _ours("The mega neutron stars spin nearly 78,000 times a minute.")] == \
        ["count per minute"]


def test_an_age_names_no_concept_by_its_own_words():
    ages = [q for q in _ours("A 40-year-old would pay $200, and a 50-year-old would pay $310.")
            if q["normalized_unit"] == "year of age"]
    assert ages and all("year-old" not in q["referred_concepts"] for q in ages)


def test_a_restated_figure_moves_the_same_way():
    moves = {q["value"]: q["change"] for q in _ours("The index was down 12 points, or 0.4%, at noon.")}
    assert moves == {"12": "down", "0.4": "down"}


def test_a_range_that_a_figure_moved_by_keeps_the_direction():
    [q] = _ours("Output fell by 2 to 3 percent in May.")
    assert (q["value"], q["change"]) == ("2-3", "down")


def test_counted_nouns_in_lists_possessives_and_compounds():
    assert [q["normalized_unit"] for q in _ours("Buyers can pick two-, three- or four-door versions.")][:2] == \
        ["door", "door"]
    assert [q["normalized_unit"] for q in _ours("Three of the mayor's aides resigned.")] == ["mayor aide"]
    assert [q["normalized_unit"] for q in _ours("The crew fitted a 6 cylinder engine.")] == ["cylinder"]


def test_one_member_of_a_group_names_no_concept():
    [q] = _ours("The coach said Ramos is one of the players who will travel.")
    assert (q["value"], q["referred_concepts"]) == ("1", "-")


def test_a_loose_count_takes_the_noun_before_it():
    [q] = _ours("The shop expects to hire a cashier or two before the holidays.")
    assert (q["value"], q["normalized_unit"]) == ("2", "cashier")


def test_a_conversion_in_brackets_lends_its_currency_to_no_other_figure():
    # The pound sign was lost in the text: the bracket says the first figure is not in dollars, and the
    # later bare figure is in the first one's currency, not the conversion's.
    units = {q["value"]: q["normalized_unit"] for q in _ours(
        "The family's fortune was 1.2 billion ($1.5bn), part of a record 800 billion held by the richest.")}
    assert units["1200000000"] == "-" and units["800000000000"] == "-"
