"""What a figure is about (NewsQuant's referred concept): the noun it is "of", the noun it qualifies, the
subject of its clause."""

from __future__ import annotations

from discrepancy.extract.concept import referred_concepts


def _concepts(sentence: str, figure: str, **kw) -> list[str]:
    start = sentence.index(figure)
    return referred_concepts(sentence, start, start + len(figure), **kw)


def test_the_noun_a_figure_is_of():
    assert _concepts("Brothers Sri and Gopi Hinduja top the list with a net worth of 1.356 billion.",
                     "1.356 billion")[0] == "net worth"


def test_the_subject_of_the_figures_own_clause():
    sentence = "Departure angle was just as impressive at 37.5 degrees, while breakover angle sat at 32.5 degrees."
    assert _concepts(sentence, "37.5 degrees") == ["Departure angle"]
    assert _concepts(sentence, "32.5 degrees") == ["breakover angle"]
    assert _concepts("Nvidia advanced 8%, Qualcomm rose under 4%, and Broadcom gained 3%.", "4%") == ["Qualcomm"]


def test_a_clause_without_subject_takes_the_one_before():
    sentence = "Samsung has improved the base storage, doubling it to 256GB."
    assert "Samsung" in _concepts(sentence, "256GB")


def test_percent_of_and_qualified_noun():
    assert "revenue" in _concepts("The giant generates more than 60 per cent of its revenue from ads.", "60 per cent",
                                  percent=True)
    assert "stake" in _concepts("It took a 51 per cent stake in a school.", "51 per cent", percent=True)


def test_no_concept_when_the_figure_is_the_subject():
    assert _concepts("There are four different bosses to battle against.", "four", count=True) == []
    assert _concepts("Just 1 percent see the economy growing.", "1 percent", percent=True) == []


def test_a_converted_figure_is_about_what_the_first_is():
    sentence = "It has an MSRP of 2,435,000 yen ($22,480) in Japan."
    assert _concepts(sentence, "$22,480") == _concepts(sentence, "2,435,000 yen") == ["MSRP"]


def test_the_subject_before_the_first_verb_not_between_verbs():
    sentence = ("The punitive measures failed as the US trade deficit hit its highest level in a decade last year "
                "having increased by $43.6 billion.")
    assert "US trade deficit" in _concepts(sentence, "$43.6 billion", currency=True)


def test_a_reported_clause_and_a_pronoun_subject_fall_back_to_the_reporter():
    assert "company" in _concepts("The company also said it has more than 1000 customers.", "1000", count=True)


def test_a_verbless_clause_is_named_by_its_words():
    assert "RHP Alex Reyes" in _concepts("Top relievers: RHP John Gant (0.5 WAR), RHP Alex Reyes (0.4 WAR).", "0.4")
    assert _concepts("floor area ≈ 32m2.", "32m2") == ["floor area"]


def test_a_relative_clause_is_about_its_antecedent():
    assert "squad" in _concepts("It left Smith with a squad that contained just 17 players.", "17", count=True)


def test_worth_and_in_gains_and_no_time_phrase_after():
    assert "state incentive grant" in _concepts("It will get a state incentive grant worth up to $8 million.",
                                                "$8 million", currency=True)
    assert "gains" in _concepts("Say you are sitting on $1 billion in gains.", "$1 billion", currency=True)
    assert "next year" not in _concepts("Pension Credit was set to rise by 10.1 percent next year.", "10.1 percent",
                                        percent=True)


def test_up_and_down_after_a_name_are_the_verb_of_a_listed_company():
    sentence = "Retailers gained ground, with grocers such as Tesco up 2.1 per cent and Ocado down 1.4 per cent."
    assert _concepts(sentence, "2.1 per cent", percent=True) == ["Tesco"]
    assert _concepts(sentence, "1.4 per cent", percent=True) == ["Ocado"]


def test_an_age_bound_is_about_the_people_it_bounds():
    assert "players" in _concepts("The coach fielded 15 players under the age of 23 on Sunday.", "23")


def test_a_count_in_a_compound_is_about_the_noun_that_ends_the_compound():
    sentence = "Inspectors filed a 40 page report on the bridge."
    assert _concepts(sentence, "40", count=True, exclude=frozenset({"page", "pages"}))[0] == "report"


def test_money_for_a_named_party_or_for_a_measured_thing():
    sentence = "The regulator fined the firms $3,000 for Acme and $5,000 for Globex."
    assert "Globex" in _concepts(sentence, "$5,000", currency=True)
    assert _concepts("She paid $9,400 for a 6 kW system.", "$9,400", currency=True)[0] == "system"


def test_a_bracketed_aside_does_not_hide_the_subject():
    assert _concepts("Shares of Harbor Foods (HRBF.O) slid 2.3% on Tuesday.", "2.3%", percent=True) == \
        ["Shares Harbor Foods"]


def test_an_inserted_phrase_and_an_adverb_after_the_figure_name_nothing():
    found = _concepts("The river was, on average, 4.2 metres deep.", "4.2 metres")
    assert "river" in found and "average" not in found
    assert "outside" not in _concepts("It was about 12 degrees outside.", "12 degrees")
    assert "later" not in _concepts("Three weeks later, the bridge reopened.", "Three weeks")


def test_an_adverb_names_no_concept():
    # "reportedly" is how the figure is known, not what it is about
    assert _concepts("The agency reportedly spent 4 million on the campaign.", "4 million") == ["agency"]


def test_a_date_or_period_alone_is_no_concept():
    assert _concepts("The group sold the hotel for $80 million in March.", "$80 million", currency=True) == ["group"]


def test_a_wire_dateline_is_no_concept():
    assert _concepts("NAIROBI: Three climbers were rescued on Sunday.", "Three", count=True) == []
    assert _concepts("OTTAWA (Reuters) - Some 200 workers walked out.", "200", count=True) == []
    assert _concepts("GDP: 2.1% in the second quarter.", "2.1%") == ["GDP"]


def test_a_measure_of_something_is_about_that_thing_past_a_conversion():
    assert _concepts("The wind farm will add 1,000 megawatts of capacity by 2030.", "1,000 megawatts")[0] == "capacity"
    sentence = "The motor makes 450 Nm (332 lb-ft) of torque."
    assert _concepts(sentence, "450 Nm")[0] == "torque"
    assert _concepts(sentence, "332 lb-ft")[0] == "torque"  # the conversion is about what the first figure is


def test_range_is_the_verb_of_a_relative_clause():
    sentence = "Half the flats, which range from $400,000 to $900,000, have sold."
    assert _concepts(sentence, "$900,000", currency=True) == ["flats"]


def test_a_compound_units_tail_is_no_concept():
    """"a beetle that can go 0 to 80km/h in about 8 seconds": the "h" left of km/h names nothing."""
    assert "h" not in _concepts("a beetle that can go 0 to 80km/h in about 8 seconds.", "8 seconds")
    assert "hr" not in _concepts("It can accelerate to 100km/hr in fewer than 3.5 seconds.", "3.5 seconds")
