"""quantulum3 wrapper: each known fault of the library is named here with the fix that holds it."""

from __future__ import annotations

import os
import re

import pytest

from discrepancy.extract.quantulum import classifier_path, parse_sentence


def _one(sentence: str):
    found = parse_sentence(sentence)
    assert found, f"nothing parsed in {sentence!r}"
    return found


def test_ambiguous_unit_parses_with_retrained_classifier():
    # Fault: the classifier shipped in quantulum3 fails to unpickle under current scikit-learn
    # ("No module named '_loss'") the moment an ambiguous unit such as "pound" is parsed.
    found = _one("The cargo weighed 200 pounds when it reached the port on Tuesday.")
    q = next(q for q in found if q.value == 200)
    assert q.quantulum_unit == "pound-mass"
    assert classifier_path().endswith(".joblib")


def test_half_a_million_is_half_not_one_and_a_half():
    # Fault: quantulum3 reads "half a million" as 1,500,000.
    q = _one("More than half a million people were displaced by the floods.")[0]
    assert q.value == 500_000 and q.surface == "half a million"


def test_a_whole_and_a_half_million_is_not_half_a_million():
    # Fault: quantulum3 reads "nine and a half million tickets" as "a half million", 500,000 (and "nine").
    found = parse_sentence("Organisers can point to nine and a half million tickets sold.")
    assert [q.value for q in found] == [9_500_000] and found[0].surface == "nine and a half million"


@pytest.mark.parametrize("text, value, unit", [
    ("The ministry announced a $1.2bn relief package on Monday.", 1.2e9, "USD"),  # "dollar barn newton"
    ("Officials unveiled a $1.2 billion relief package.", 1.2e9, "USD"),  # "dollar to the 1.2e+09"
    ("The club was fined €3m by the league.", 3e6, "EUR"),  # "euro metre"
    ("The bill came to $30,040 million for the quarter.", 30.04e9, "USD"),
    ("Families will receive 10 lakh rupees each in compensation.", 1e6, "INR"),  # "litre year kibibyte hour"
])
def test_money_with_scale_words(text, value, unit):
    q = next(q for q in _one(text) if q.unit == unit)
    assert q.value == pytest.approx(value)


def test_scale_abbreviation_before_plural_noun_is_a_million():
    # Fault: "1.5m people" is read as 1.5 metres.
    q = _one("The city has 1.5m people living in flood zones.")[0]
    assert q.value == 1.5e6 and q.unit == ""


def test_metres_stay_metres():
    q = _one("The river rose to a record 5.3 metres at the weekend.")[0]
    assert q.value == 5.3 and q.unit == "metre"


def test_a_dozen_is_twelve():
    # Fault: quantulum3 reads "a dozen soldiers" as 1 dozen-unit.
    q = _one("A dozen soldiers were wounded in the attack.")[0]
    assert q.value == 12


def test_one_in_five_is_a_share():
    # Fault: "one in five" is read as the number 5.
    q = _one("One in five teachers walked out, the ministry said.")[0]
    assert q.unit == "percent" and q.value == pytest.approx(20)


def test_per_cent_is_percent():
    # Fault: "per cent" crashed some quantulum3 versions and is an unknown unit in others.
    q = _one("Revenue rose 122 per cent from a year earlier.")[0]
    assert q.unit == "percent" and q.value == 122


def test_year_span_is_not_a_range():
    # Fault: "2012–13" becomes a range of quantities.
    assert all(q.value not in (2012, 2012.5) for q in parse_sentence("In the 2012–13 season the club lost money."))


def test_thousands_with_spaces():
    # Fault reported for older versions: "816 000 t" lost the thousands; the installed one keeps them.
    q = _one("Exports reached 816 000 t last year.")[0]
    assert q.value == 816_000


def test_deterministic_units():
    # Fault: unit choice for ambiguous units varied between runs; the retrained classifier is fixed.
    results = {tuple((q.value, q.quantulum_unit) for q in parse_sentence("He lost 20 pounds in a month."))
               for _ in range(3)}
    assert len(results) == 1


def test_range_opening_a_sentence_has_a_valid_span():
    # Fault: quantulum3 gives the span (-1, 25) for "Between 11,000 and 12,000" at the start of a sentence.
    q = _one("Between 11,000 and 12,000 troops were sent.")[0]
    assert q.start == 0 and q.surface == "Between 11,000 and 12,000" and (q.low, q.high) == (11000, 12000)


def test_relative_time_is_not_a_rate():
    # Fault: "288 a day earlier" is read as 288 per day.
    q = _one("Officials had put the toll at 288 a day earlier.")[0]
    assert q.value == 288 and q.unit == "" and q.surface == "288"


def test_unit_glued_to_following_word():
    # Fault: "5.3 metres at the weekend" gives the unit "metre ampere-turn".
    q = _one("The river peaked at 5.3 metres at the weekend.")[0]
    assert q.unit == "metre"


def test_from_to_change_keeps_the_end_figure_and_spelled_ranges_do_not_crash():
    q = _one("The plan would raise the pension age from 62 to 64 by 2030.")[0]
    assert q.value == 64 and q.surface == "64"
    # Found on the real 2017 stream: a spelled-out "from ... to" range has no numeral to keep.
    assert parse_sentence("Applicants need working experience from one to three years (40%).")


def test_attached_units_and_currency_codes():
    # Found on NewsQuant: "256GB" was dropped (pint counts bits as pure numbers), "USD10m" was missed.
    assert [q.unit for q in parse_sentence("It doubled storage to 256GB from 128GB.")] == ["gigabyte", "gigabyte"]
    q = _one("The firm agreed a USD10m settlement.")[0]
    assert q.value == 10e6 and q.unit == "USD"


def test_currency_codes_are_not_cut_from_names():
    # Fault: our wrapper cut quantulum3's currency names to three letters: "cents" became "CEN" and the
    # South African rand "SOU". quantulum3's ISO code is used; a sub-unit without one keeps its name.
    assert _one("The highest forecast is 84.75 cents a share.")[0].unit == "cent"
    assert next(q for q in _one("Petrol in Johannesburg costs 18 R a litre.") if q.value == 18).unit == "ZAR"


@pytest.mark.parametrize("text, value, unit", [
    ("Revenue grew to HK $3.7 billion last year.", 3.7e9, "HKD"),
    ("Revenue grew to HK$3.7bn last year.", 3.7e9, "HKD"),
    ("The service costs NZ$99.99 a year.", 99.99, "NZD"),
    ("Guidance was cut to $US150 million.", 150e6, "USD"),
    ("A fine of 10.5 million Australian dollars was set.", 10.5e6, "AUD"),
    ("It has an MSRP of 2,435,000 YEN in Japan.", 2_435_000, "JPY"),
])
def test_dollars_of_other_countries_and_spelled_currency_codes(text, value, unit):
    # Fault: "HK $", "$US", "Australian dollars" were read as US dollars (or the figure was lost), and
    # "2,435,000 YEN" was dropped as a name like "60 Minutes".
    q = next(q for q in parse_sentence(text) if q.value == pytest.approx(value))
    assert q.unit == unit


def test_money_ranges_are_one_range_but_moves_are_not():
    # Fault: each end of "$800,000 to $1.3 million" was its own figure; and "increased by $43.6 billion to
    # $419.2 billion" became the range 43.6-419.2 billion next to a duplicate 43.6 billion.
    q = _one("The condos range from $800,000 to $1.3 million each.")[0]
    assert (q.low, q.high, q.unit) == (800_000, 1_300_000, "USD")
    q = _one("Guidance fell to between $US140 million and $US150 million.")[0]
    assert (q.low, q.high) == (140e6, 150e6)
    found = parse_sentence("The deficit hit a record, having increased by $43.6 billion to $419.2 billion.")
    assert [q.value for q in found] == [43.6e9, 419.2e9]
    assert all(q.low == q.high for q in found)


def test_scale_word_figure_takes_the_unit_after_it():
    # Fault: "12.3m tonnes" was 12.3 million of something counted, not a mass.
    q = _one("The UK uses 12.3m tonnes of jet fuel a year.")[0]
    assert q.value == pytest.approx(12.3e6) and q.unit == "tonnes"


def test_fault_unit_choice_does_not_depend_on_the_hash_seed():
    """quantulum3 joins operator sets into its regexes in hash order: "Stage 3 tax cuts" came out as
    3 teraampere in some processes and a plain 3 in others. The wrapper orders them."""
    import subprocess
    import sys

    probe = ("from discrepancy.extract.quantulum import parse_sentence\n"
             "for s in ['The Stage 3 tax cuts cost more.', 'A 2 x 4 m plank and 3 to 5 km of road.',"
             " 'They built 3 taxis and 12 tanks.']:\n"
             "    print([(q.surface, q.value, q.unit) for q in parse_sentence(s)])\n")
    outputs = set()
    for seed in ("1", "4", "11"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
        outputs.add(run.stdout)
    assert len(outputs) == 1, outputs
    assert "ampere" not in outputs.pop()


# ------------------------------------------------------------------ faults found on NewsQuant's dev half


def _by_surface(sentence: str, surface: str):
    return next(q for q in parse_sentence(sentence) if surface in q.surface)


@pytest.mark.parametrize("sentence, surface, low, high", [
    ("Dozens of people were killed Friday in shootings at two mosques.", "Dozens", 12, 120),
    ("The firm announced thousands of job cuts.", "thousands", 1e3, 1e4),
    ("There are tens of thousands of students at the university.", "tens of thousands", 1e4, 1e5),
    ("I think that is maybe tens of millions of dollars.", "tens of millions", 1e7, 1e8),
])
def test_vague_quantities_are_the_range_of_their_plural(sentence, surface, low, high):
    # Fault: quantulum3 drops "dozens of" and reads "thousands of" as one end at most.
    q = _by_surface(sentence, surface)
    assert (q.low, q.high) == (low, high)


@pytest.mark.parametrize("sentence, surface, value, unit", [
    ("This was on top of a PS6m golden hello.", "PS6m", 6e6, "GBP"),  # "£" transliterated as "PS"
    ("Britain can borrow at an interest rate of 1.38pc.", "1.38pc", 1.38, "percent"),  # UK per cent
    ("At 118.5p, its shares have climbed.", "118.5p", 118.5, "GBX"),  # pence, not pints
    ("The car is around 25k cheaper than its rivals.", "25k", 25_000, ""),  # not 25 kibibytes
    ("The pair laundered RM3.06mil from victims.", "RM3.06mil", 3.06e6, "MYR"),
    ("The Lamborghini's 640bhp V10 engine.", "640bhp", 640, "horsepower"),  # not "bit horsepower"
    ("The pixel pitch employed was 352 μm.", "352 μm", 352, "micrometer"),  # unknown to quantulum3
    ("Panasonic will study investments over 35 GWh with Tesla.", "35 GWh", 35, "gigawatt hour"),
    ("Sampling came back at 4 ppb below the guideline.", "4 ppb", 4, "parts-per-billion"),  # dropped
    ("The migration is the case with 4G networks.", "4G", 4, "generation wireless"),  # not gauss
    ("Heineken Malaysia rose 18 sen to RM23.50.", "18 sen", 18, "sen"),
    ("The trade balance decreased to $-50.8bn.", "$-50.8bn", -50.8e9, "USD"),  # the sign was lost
])
def test_units_quantulum3_misreads(sentence, surface, value, unit):
    q = _by_surface(sentence, surface)
    assert q.value == pytest.approx(value) and q.unit == unit


def test_ps_before_a_single_digit_is_a_console():
    assert not [q for q in parse_sentence("The new PS4 costs less than the old one.") if q.unit == "GBP"]


@pytest.mark.parametrize("sentence, surface, value", [
    ("The total offense the remainder of the game was minus-5 yards.", "minus-5 yards", -5),  # found nothing
    ("This is about minus 387 Fahrenheit.", "minus 387 Fahrenheit", -387),
])
def test_minus_written_as_a_word(sentence, surface, value):
    q = _by_surface(sentence, surface)
    assert q.value == value


def test_plus_or_minus_is_a_tolerance_not_a_negative():
    q = _by_surface("Nvidia projected revenue of 32.5 billion dollars, plus or minus 2 percent.", "2 percent")
    assert q.value == 2


@pytest.mark.parametrize("sentence, surface, low, high", [
    ("I'm told to expect 5% to 10% improvement.", "5% to 10%", 5, 10),  # the "%" hid the range
    ("Prices are expected to increase between 5% and 6%.", "5% and 6%", 5, 6),
    ("There are four thousand to five thousand people.", "four thousand to five thousand", 4000, 5000),
    ("Apple had projected US $89 to $93 billion.", "$89 to $93 billion", 89e9, 93e9),  # first end in billions
])
def test_ranges_keep_both_ends(sentence, surface, low, high):
    q = _by_surface(sentence, surface)
    assert (q.low, q.high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize("sentence, surface, value", [
    ("The mega neutron stars spin nearly 78,000 times a minute.", "78,000 times", 78_000),  # dropped as "count"
    ("Revenue grew more than sixfold to HK $3.7 billion.", "sixfold", 6),
    ("It is one of the oldest ballparks in America.", "one", 1),  # a lone "one" was dropped
])
def test_multiples_and_lone_ones(sentence, surface, value):
    assert _by_surface(sentence, surface).value == value


def test_no_one_and_each_one_are_not_counts():
    assert not parse_sentence("No one was hurt, and each one of them left.")


def test_a_range_after_a_move_by_is_the_size_of_the_move():
    from discrepancy.extract.hedges import interval

    sentence = "Exports dropped by 4 to 6 percent, while imports rose by between 1% and 2%."
    changes = [interval(raw, sentence).change for raw in parse_sentence(sentence)]
    assert changes == ["down", "up"]
    plain = "Forecasts put growth at 4 to 6 percent."
    assert [interval(raw, plain).change for raw in parse_sentence(plain)] == ["~"]


def test_fault_league_before_a_noun_is_the_sports_league_not_a_length():
    # quantulum3 reads "league" as the old unit of length (about 4.8 km) even in "24 league matches"
    [raw] = parse_sentence("The striker has scored in 24 league matches this season.")
    assert (raw.surface, raw.value, raw.unit) == ("24", 24.0, "")
    [raw] = parse_sentence("The submarine travelled 20 leagues under the sea.")
    assert raw.unit == "league"


def test_a_number_word_glued_to_fold_is_a_number_word():
    from discrepancy.extract.quantulum import NUMBER_WORDS

    # without a numeral elsewhere, only the number-word test lets the sentence reach the parser
    assert NUMBER_WORDS.search("Ticket sales grew roughly fivefold after the final.")
    assert not NUMBER_WORDS.search("The striker was tenacious.")
    assert [r.value for r in parse_sentence("Ticket sales grew roughly fivefold after the final.")] == [5.0]


@pytest.mark.parametrize("sentence, surface, change", [
    ("Patients with a viral load (<200 copies/mL) were not enrolled.", "200", "<"),
    ("Sites reporting nitrate levels > 50 mg/L were flagged.", "50", ">"),
    ("Only models scoring ≥ 8 on the scale were kept.", "8", ">="),
    ("The firm trades at barely 9 times its earnings.", "9", "~"),
])
def test_comparison_signs_and_barely_are_hedges(sentence, surface, change):
    from discrepancy.extract.hedges import interval

    raw = next(r for r in parse_sentence(sentence) if r.surface.startswith(surface))
    assert interval(raw, sentence).change == change


def test_an_arrow_is_not_a_comparison_sign():
    from discrepancy.extract.hedges import interval

    sentence = "Headcount went 40 -> 55 over the year."
    assert [interval(r, sentence).change for r in parse_sentence(sentence)] == ["=", "="]


@pytest.mark.parametrize("sentence", [
    "She signed a three-year $2 million contract with the club.",
    "Unions called a 48-hour strike at the port.",
    "The 10-year Treasury yield was little changed.",
])
def test_a_duration_used_as_an_adjective_is_no_figure(sentence):
    from discrepancy.extract.noise import is_noise

    durations = [r for r in parse_sentence(sentence) if re.search(r"-(?:year|hour)$", r.surface)]
    assert durations and all(is_noise(r, sentence) for r in durations)


def test_a_stated_duration_stays_a_figure():
    from discrepancy.extract.noise import is_noise

    sentence = "The trial lasted three years and cost $2 million."
    assert not any(is_noise(r, sentence) for r in parse_sentence(sentence))


def test_fault_at_after_a_number_is_not_an_ampere_turn():
    # quantulum3 reads "240,000 at its peak" as 240,000 ampere-turns ("At" is that unit's symbol)
    [raw] = parse_sentence("Police estimated the march at 240,000 at its peak.")
    assert (raw.surface, raw.value, raw.unit) == ("240,000", 240000.0, "")


def test_fault_a_quarter_of_a_million_is_one_figure():
    # quantulum3 reads "a quarter of a million" as two figures, 0.25 and 1,000,000
    assert [r.value for r in parse_sentence("Organisers claimed a quarter of a million.")] == [250_000.0]
    assert [r.value for r in parse_sentence("About three quarters of a million people live there.")] == [750_000.0]


@pytest.mark.parametrize("sentence, surface, low, high", [
    ("Over the past three or four years, rents have doubled.", "three or four years", 3, 4),
    ("Two or three people were taken to hospital.", "Two or three", 2, 3),
])
def test_fault_two_guesses_joined_by_or_are_one_range(sentence, surface, low, high):
    # Fault: quantulum3 reads "three or four years" as a bare 3 and 4 years.
    q = _by_surface(sentence, surface)
    assert (q.low, q.high) == (low, high)


def test_figures_joined_by_or_that_are_not_guesses_stay_apart():
    assert len(parse_sentence("The tickets cost $8 or $9 at the door.")) == 2  # money: two prices
    surfaces = [q.surface for q in parse_sentence("The new model is 25k or 40k cheaper than its rivals respectively.")]
    assert surfaces == ["25k", "40k"]
    assert len(parse_sentence("Choose 1 or 20 servings.")) == 2  # not close in size


@pytest.mark.parametrize("sentence, surface", [
    ("The agency said Chiva received 491 litres of rain per square metre in eight hours.",
     "491 litres of rain per square metre"),
    ("Gauges showed 300 l/m2 in a single day.", "300 l/m2"),
])
def test_fault_rain_per_square_metre_is_a_depth_not_a_volume(sentence, surface):
    # Fault: quantulum3 reads "491 litres per square metre" as 491 litres and "300 l/m2" as a bare 300.
    q = _by_surface(sentence, surface)
    assert q.unit == "litre per square metre"
    assert len(parse_sentence("The tank holds 500 litres of water.")) == 1  # a plain volume stays a volume


def test_fault_a_hyphenated_magnitude_is_found():
    # quantulum3 0.10 finds nothing in "magnitude-7.6"; the wrapper reads it as the number it is.
    q = _by_surface("The magnitude-7.6 quake flattened wooden houses across the peninsula.", "7.6")
    assert q.value == 7.6
