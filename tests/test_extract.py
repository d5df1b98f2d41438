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


def _by_surface(text: str, published: datetime = PUBLISHED) -> dict:
    return {m.surface: m for m in _mentions(text, published)}


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


def _keys(text: str) -> dict[str, str]:
    return {m.surface: m.referent_key for m in _mentions(text)}


def test_bare_figure_takes_the_referent_named_before_it():
    keys = _keys("Police counted 80,000 marchers in Paris; the CGT said 400,000 in the capital.")
    assert keys == {"80,000": "protesters@paris", "400,000": "protesters@capital"}


def test_inherited_referent_needs_a_comparable_size():
    keys = _keys("Police counted 80,000 marchers. Sylvie said she would now have to work until 64.")
    assert keys["80,000"] == "protesters" and not keys.get("64", "").startswith("protesters")


def test_population_is_not_a_toll():
    keys = _keys("The floods killed 150 people in Porto Alegre, a city of about 1.3 million people.")
    assert keys["150"] == "killed@porto alegre" and keys["about 1.3 million"].startswith("population of city")


def test_event_word_outranks_the_population_counted():
    assert _keys("Diplomats said 550 pilgrims had died in the heat.")["550"] == "killed"
    assert _keys("About 1.8 million pilgrims attended this year.")["About 1.8 million"] == "pilgrims"


def test_spelled_small_numbers_count_only_what_they_name():
    assert _keys("The CGT led the march alongside seven other unions.")["seven"] == "union"


def test_parts_changes_and_history_are_their_own_quantities():
    assert _keys("At least 323 of the dead were Egyptians.")["At least 323"] == "killed|part"
    assert _keys("Forty-eight fewer candidates are standing this year.")["Forty-eight"].endswith("|change")
    assert _keys("The 2015 earthquake killed nearly 9,000 people.")["nearly 9,000"] == "killed|in 2015"


def test_a_neighbouring_country_frames_its_paragraph():
    """A quake story's sidebar on the neighbour: the tower's dead and missing are Thailand's, not the toll."""
    keys = _keys("In neighbouring Thailand, a 30-storey tower under construction in Bangkok's Chatuchak district "
                 "collapsed when the quake hit, killing 10 people, city officials said. They said 101 people were "
                 "still missing.")
    assert keys == {"10": "killed@country:thailand", "101": "missing@country:thailand"}


def test_a_modelled_outcome_is_not_a_count():
    assert _keys("The USGS warned that deaths could exceed 10,000.")["10,000"] == "killed|possible"
    assert _keys("Its modelling suggests that more than 10,000 deaths are possible.")["more than 10,000"] \
        == "killed|possible"
    assert _keys("The toll rose to 1,644 on Saturday.")["1,644"] == "killed"


def test_a_movement_or_group_is_a_source_in_its_own_clause():
    """"The protest movement says 240,000 ...; police put the figure at about 100,000": each figure has its own
    source (read as one source's list, both would be dropped as different things)."""
    found = _by_surface(
        "The protest movement says 240,000 people crowded into the city centre; police put the figure at "
        "about 100,000.")
    assert found["240,000"].attribution_key == "protest movement"
    assert found["about 100,000"].attribution_key == "police"


def test_a_citys_share_of_a_national_crowd_is_its_own_count_not_a_part():
    keys = _keys("Organisers said 500,000 people took part across Israel, 240,000 of them in Tel Aviv.")
    assert keys["240,000"] == "protesters@tel aviv"
    assert _keys("At least 323 of the dead were Egyptians.")["At least 323"] == "killed|part"


def test_a_time_adverb_after_the_counted_people_is_no_referent():
    assert _keys("Israeli police arrested 16 people overnight after the rally.")["16"] == "arrested"


def test_people_named_by_a_figure_do_not_inherit_what_things_counted():
    keys = _keys("The fire destroyed 12,000 structures. At the peak on Thursday, about 180,000 people were under "
                 "orders to evacuate.")
    assert keys["12,000"] == "structures" and keys["about 180,000"] == ""
    # a bare figure still takes the concept named before it
    assert _keys("Police counted 80,000 marchers; the CGT said 400,000.")["400,000"] == "protesters"


def test_a_vague_count_names_its_own_noun():
    keys = _keys("At least 158 people had died. Schools in dozens of towns will remain closed next week.")
    assert keys["dozens"] == "town"


def test_capacity_boarding_and_rescue_are_their_own_counts():
    assert _keys("Officials said the bridge could safely carry about 125 people at a time.")["about 125"] \
        == "|capacity"
    assert _keys("Officials said about 400 people were on the bridge when it snapped.")["about 400"] == "aboard"
    assert _keys("Witnesses said nearly 500 people were crammed on to it when it fell.")["nearly 500"] == "aboard"
    assert _keys("Officials have said it could hold about 125 people at once.")["about 125"].endswith("|capacity")
    assert _keys("Rescuers, who have pulled more than 170 people from the water, searched on.")["more than 170"] \
        == "rescued"
    assert _keys("The police had prepared for about 25,000 marchers.")["about 25,000"] == "protesters|expected"


def test_a_county_named_for_a_toll_is_a_local_count():
    keys = _keys("Tornadoes tore across the state, and five people were killed at a retirement community in "
                 "St Lucie County, on the Atlantic coast, the county sheriff said.")
    assert keys["five"] == "killed@st lucie county"


def test_a_crowd_across_the_country_is_national_however_far_the_words():
    keys = _keys("Organisers said that more than 1.4 million people had taken part in about 100 demonstrations "
                 "across the country.")
    assert keys["more than 1.4 million"] == "protesters@*"


def test_names_and_clock_times_are_not_quantities():
    assert _mentions("The writer told 60 Minutes she was keen on the idea.") == []
    assert _mentions("The avalanche struck around 12.30pm local time.") == []


def test_measured_figures_need_to_say_what_they_measure():
    assert _keys("The epicentre was 72 km south-west of Marrakesh.")["72 km"] == "length|distance|southwest@marrakesh"
    # another bearing is another place: "30 miles south of Oroville" is not "20 miles northwest of Oroville"
    assert _keys("He lives 30 miles south of Oroville.")["30 miles"] == "length|distance|south@oroville"
    assert _keys("Shelters opened 72 km from Marrakesh.")["72 km"] == "length|distance@marrakesh"
    assert _keys("Tonnes of snow came down the 2,400m mountain.").get("2,400m", "") == ""


def test_a_part_named_with_including_is_not_the_whole():
    keys = _keys("The group documented 867 incidents, including more than 300 that targeted immigrants.")
    assert keys["867"] == "incident" and keys["more than 300"].endswith("|part")


@pytest.mark.parametrize("text", [
    "Utilities held up better than other sectors in the S&P 500 on Friday.",
    "Oklahoma and Texas were picked to finish ahead in the Big 12.",
    "We went hands-on with the new Apple Watch 5 this week.",
    "Deaths from COVID-19 fell this month.",
    "Climate Change Mar 9 2018 MIT researchers say fusion is near.",
])
def test_names_of_things_are_not_quantities(text):
    assert _mentions(text) == []


def test_direction_words_give_the_change_label():
    assert _only("Core inflation rose 0.3% in June.").change == "up"
    assert _only("The index is poised to drop 0.2% at the open.").change == "down"
    assert _only("The toll rose to 820 on Saturday.").change == "="  # a level, not a move


def test_ages_are_kept_only_when_asked_for():
    text = "A 54-year-old farmer said the river had risen 5 metres."
    assert [m.surface for m in _mentions(text)] == ["5 metres"]
    article = Article("a1", "o", "", "t", PUBLISHED, text, content_hash(text))
    config = load_config(overrides={"extract": {"keep_ages": True}}).extract
    ages = [m for m in extract_mentions(article, config) if m.dimension == "age"]
    assert [(m.value, m.unit) for m in ages] == [(54, "year of age")]


def test_as_of_only_from_the_figures_own_clause_and_not_from_plans_or_events():
    m = _only("The quake that struck on Friday has killed 2,497 people, the ministry said on Sunday.")
    assert m.as_of == date(2024, 10, 27) and m.as_of_stated
    m = _only("Austin will host his counterpart on Wednesday to discuss the 10,000 troops.")
    assert m.as_of == PUBLISHED.date() and not m.as_of_stated
    # an event's own date is not its toll's: the count is as of publication
    m = _only("The collision on October 20 killed 57 people.")
    assert m.as_of == PUBLISHED.date() and not m.as_of_stated


def test_a_spelled_count_takes_the_event_told_right_after_it():
    """"Eleven were injured" after a toll counts the injured; it inherited the dead before it."""
    keys = _keys("The toll rose to 41. Eleven were injured and are being treated in hospital.")
    assert keys == {"41": "killed", "Eleven": "injured"}


def test_a_tilde_is_about():
    # Found on NewsQuant: "~25 min", "~45g" lost the hedge.
    m = _only("Each printed sample weighs only ~45g after cooking.")
    assert m.change == "~" and m.low < 0.045 < m.high and m.surface.startswith("~")  # in kg


# ------------------------------------------------------------------ noise and ages found on NewsQuant's dev half


def test_year_spans_glued_dates_and_year_possessives_are_not_quantities():
    from discrepancy.extract.noise import is_noise
    from discrepancy.extract.quantulum import parse_sentence

    for sentence in ("Between 1600 and 1900 world temperatures dropped.",
                     "Sampling between 2014 and 2017 came back clean.",
                     "By Sergiu Tudose August 26 2019 at Bentleys.",
                     "Healthcare, 2018s best performing sector, dropped."):
        assert all(is_noise(q, sentence) for q in parse_sentence(sentence)), sentence


def test_a_unit_abbreviation_in_capitals_is_not_a_name():
    from discrepancy.extract.noise import is_noise
    from discrepancy.extract.quantulum import parse_sentence

    sentence = "panel strength lower than 8.90 ksi (61.4 MPa)."
    assert any(q.value == 61.4 and not is_noise(q, sentence) for q in parse_sentence(sentence))


def test_who_was_there_and_who_got_out_are_counts_of_their_own():
    """A mine blast's other counts: the men underground ("110 people were in the mine", "Of the 110 workers,
    41 died") and those who escaped ("58 had got out on their own") are neither the dead nor the injured."""
    assert _keys("Soylu said 110 people were in the mine at the time.")["110"] == "aboard"
    assert _keys("Of the 110 workers, 41 died and 58 had got out on their own.") == {
        "110": "aboard", "41": "killed", "58": "survivors"}
    assert _keys("Of the 110 men underground, 58 escaped on their own.") == {"110": "aboard", "58": "survivors"}


def test_a_fires_area_named_fires_and_distances_from_the_capital():
    """An area in a sentence on a fire is what burned; a named fire ("California's Park Fire") is an event of
    its own, as a named storm is; "about 380km from the capital" is a distance from the story's capital."""
    assert _keys("By Thursday the fire had grown to 36,000 hectares.")["36,000 hectares"] == "area|burned"
    assert _keys("Far to the south, California's Park Fire had burned about 350,000 acres by Sunday.")[
        "about 350,000 acres"] == "area|burned|event:park"
    assert _keys("The crash site is about 380km from the capital.")["about 380km"] == "length|distance@capital"
    assert "event" not in _keys("The Fire Department said 40 homes burned.")["40"]


def test_seats_are_keyed_by_whose_they_are():
    """An election story gives every party's seats: "The BJP won 240 seats" and "Congress ... 99 seats" are two
    quantities, and "the 272 needed for a majority" a threshold; a bare figure's party is its own."""
    keys = _keys("The BJP won 240 seats, short of the 272 needed for a majority. Congress more than doubled its "
                 "tally to 99 seats.")
    assert keys == {"240": "seat|of:bjp", "272": "seat|required", "99": "seat|of:congress"}
    keys = _keys("Labour won 411 seats, the Conservatives won 121.")
    assert keys == {"411": "seat|of:labour", "121": "seat|of:conservatives"}
    assert _keys("It won 71 seats.")["71"] == "seat"


def test_a_breakdown_in_dashes_is_a_part_and_a_site_count_is_the_sites():
    """"seven people — six men and one woman —": the six are a part; "Seven people died at the bowling alley"
    counts one site of the shooting, not its toll (but "at a bowling alley and a bar" is the whole); a
    conversion set off by dashes ("36,000 hectares — about 89,000 acres —") is no breakdown."""
    keys = _keys("Police said seven people — six men and one woman — were found dead.")
    assert "part" in keys["six"].split("|")
    assert _keys("Seven people died at the bowling alley, police said.")["Seven"] == "killed|at bowling alley"
    assert _keys("At least 18 people were killed at a bowling alley and a bar.")["At least 18"] == "killed"
    keys = _keys("The fire grew to 36,000 hectares — about 89,000 acres — on Thursday.")
    assert keys == {"36,000 hectares": "area|burned", "about 89,000 acres": "area|burned"}


def test_a_national_accounts_release_names_its_figures():
    """GDP, consumption, exports and imports are concepts; an annualised change is another quantity than the
    change on the quarter; a move told as a rate has a direction; a period is no place."""
    keys = _keys("Japan's economy shrank an annualised 0.4% in the October-December quarter. Output fell 0.1pc on "
                 "the previous quarter. Household consumption was down 0.2pc. Exports rose 2.6% while imports fell "
                 "1.7%.")
    assert keys == {"0.4%": "gdp|annualised", "0.1pc": "gdp|sequential", "0.2pc": "consumption", "2.6%": "exports",
                    "1.7%": "imports"}
    assert _only("The economy grew at an annualised pace of 0.4%.").change == "up"
    assert _only("GDP contracted at an annualised rate of 0.4pc.").change == "down"


def test_seats_of_a_sentences_subject_the_whole_house_and_thresholds():
    keys = _keys("The Green-Left party also did well, winning 14 seats. 28 parties are competing for 150 seats, with "
                 "76 required to form a majority.")
    assert keys["14"] == "seat|of:green-left" and keys["150"] == "seat|total" and keys["76"] == "seat|required"


def test_a_places_residents_are_its_population_and_a_place_is_never_cut_in_two():
    keys = _keys("Organisers said almost 2 million marched. That would amount to more than a quarter of Hong "
                 "Kong's 7.4 million residents.")
    assert keys["7.4 million"] == "population of hong kong"  # not the marchers of the sentence before
    # "in Jaffa" straddles the reach of the figure's own words: the place is Jaffa, not "Ja"
    assert _keys("Separately, Israeli police said late Tuesday that seven people had been killed in a shooting at a "
                 "light rail station in Jaffa, on the southern edge of Tel Aviv.")["seven"] == "killed@~jaffa"


def test_another_group_of_the_same_things_is_its_own_count_and_passengers_carried_are_passengers():
    keys = _keys("The NTSB said on Sunday that 38 cars had derailed and that another 12 were damaged by the fire.")
    assert keys == {"38": "car", "12": "car|another"}  # not a list of two figures for the derailed cars
    # "injured another 329" counts the injured besides the dead: no other group of the injured
    assert _keys("The quake killed at least 296 people and injured another 329 people.")["329"] == "injured"
    assert _keys("Another 128 people were listed as missing.")["128"] == "missing"
    # passengers are not all on board: the crew is aboard too
    assert _keys("The jet, carrying 60 passengers and four crew, was landing.")["60"] == "passenger"
    assert _keys("The plane, carrying 76 people, crashed.")["76"] == "aboard"
    # a negation ends the noun phrase: "about 600 workers not to report" counts no "not"
    assert _keys("Ford told about 600 workers not to report.")["about 600"] == ""


def test_who_announces_its_own_cut_is_the_cuts_actor():
    keys = _keys("Dell Technologies said on Monday it would cut about 6,650 jobs, or about 5% of its workforce. "
                 "Oman announced a cut of 40,000 bpd, while Kazakhstan said it would lower production by 78,000 bpd. "
                 "Walt Disney Co said on Wednesday it would eliminate about 7,000 jobs.")
    assert keys["about 6,650"] == "jobs|by:dell technologies" and keys["about 5%"] == "staff|by:dell technologies"
    assert keys["40,000"] == "bpd|by:oman" and keys["78,000"] == "bpd|by:kazakhstan"
    assert keys["about 7,000"] == "jobs|by:walt disney"  # (corporate suffixes dropped)
    # a source reporting someone else's figure is no actor
    assert _keys("Police said about 50,000 people marched.")["about 50,000"] == "protesters"


def test_a_partys_vote_share_is_its_own_and_a_possessive_names_the_owner_or_place():
    keys = _keys("PiS took 35.38 per cent of the vote, the commission said. The Conservatives took 23.7% of the "
                 "vote. National's 48 seats were two short. Turnout in Poland's election reached 74.38 per cent.")
    assert keys["35.38 per cent"] == "vote|of:pis"  # a share "of the vote" is no part of a count
    assert keys["23.7%"] == "vote|of:conservatives"
    assert keys["48"] == "seat|of:national"  # not "national's"
    assert keys["74.38 per cent"] == "turnout@country:poland"
    # how far the count had got is no share of anyone's ("With 94% of the vote counted"), and "Rutte's VVD
    # party" is the VVD
    keys = _keys("With 94% of the vote counted, Rutte's VVD party is projected to win 33 seats.")
    assert keys["94%"].split("|")[0] == "" and keys["33"] == "seat|expected|of:vvd"


def test_people_buried_by_a_landslide_are_presumed_dead_and_are_no_houses():
    keys = _keys("They are estimating that more than 670 people are under the ground right now. The government said "
                 "more than 2,000 people were buried alive. Akem reported that more than 300 people and 1,182 "
                 "houses had been buried.")
    assert keys == {"more than 670": "killed", "more than 2,000": "killed", "more than 300": "killed",
                    "1,182": "structures"}


def test_a_forecast_for_a_coming_year_and_power_restored_are_their_own_quantities():
    from datetime import datetime, timezone
    keys = {m.surface: m.referent_key for m in _mentions(
        "Officials expect growth of 2.1 percent before slipping to 1.9 percent in 2019.",
        datetime(2017, 3, 15, tzinfo=timezone.utc))}
    assert keys["1.9 percent"].endswith("|in 2019") and "2019" not in keys["2.1 percent"]
    assert _keys("More than 21,500 customers had their power restored earlier.")["More than 21,500"] == "restored"
    assert _keys("Some 8,000 customers remain without power.")["Some 8,000"] == "without power"


def test_a_temperature_measures_temperature():
    assert _keys("The thermometer hit 40.3C on Tuesday.")["40.3C"] == "temperature"
    assert _keys("Forecasters said temperatures could hit 41C.")["41C."].split("|")[:2] == ["temperature", "forecast"]


def test_status_participles_a_months_frame_and_sources_with_particles():
    """"15,664 suspected cases" counts cases; "In September," in a May article frames last year's event, not a
    place; "the civil defence agency of Rio Grande do Sul said" names the whole agency."""
    from datetime import datetime, timezone
    assert _keys("The country had recorded 15,664 suspected cases and 548 deaths.") == {"15,664": "case",
                                                                                      "548": "killed"}
    keys = {m.surface: m.referent_key for m in _mentions(
        "In September, a cyclone dumped rain on the valley, killing 54 people.", datetime(2024, 5, 9, tzinfo=timezone.utc))}
    assert keys == {"54": "killed|in 2023"}
    m = _only("The toll reached 100 on Wednesday, the civil defence agency of Rio Grande do Sul said, as boats "
              "kept pulling residents from roofs.")
    assert m.attribution_key.endswith("rio grande do sul")


def test_a_source_named_in_apposition_and_after_while():
    m = _only("Amasra's mayor, Recai Cakir, told broadcaster Haberturk that 87 workers had been inside.")
    assert m.attribution_key == "recai cakir"
    found = _by_surface("While Soylu said 110 people were in the mine, the mayor had put the number at 87.")
    assert found["110"].attribution_key == "soylu"
    assert _only("SNUipp-FSU, the largest teachers' union, put it at 70%.").attribution_key == "snuipp-fsu"


def test_a_share_of_change_measures_what_changed():
    """"a 40% increase in base pay" and "36 percent raises" are wage rises; "Revenue had a 10% increase" is
    revenue's; "The revised figure comprised 29 men and 10 women": the men are a part of it."""
    assert _keys("Fain has demanded a 40% increase in base pay.")["40%"] == "wage|demand"
    assert _keys("Workers would get 36 percent raises.")["36 percent"] == "wage"
    assert _keys("Revenue had a 10% increase.")["10%"] == "revenue"
    assert _keys("The economy recorded a 0.4% contraction.")["0.4%"] == "gdp"
    # whose spending changed: one department's cut is not another's increase
    assert _keys("It proposed a 28 percent cut in state department funding.")["28 percent"] == "department package"
    assert _keys("It calls for a 10 percent increase in defense spending.")["10 percent"] == "defense package"
    assert "part" in _keys("The revised figure comprised 29 men and 10 women.")["29"].split("|")


def test_a_strikes_and_a_unions_people():
    """"The strike ... involves about 18,300 workers" counts strikers; "The union represents about 146,000
    workers" its members; "raises of 36%" is a wage rise."""
    assert _keys("The strike, now in its 12th day, involves about 18,300 workers.")["about 18,300"] == "strikers"
    assert _keys("The union represents about 146,000 workers.")["about 146,000"] == "member"
    assert _keys("The union is seeking raises of 36% over four years.")["36%"] == "wage"


def test_places_named_with_particles_are_whole():
    """"Rio Grande do Sul", "the Democratic Republic of the Congo": the particle does not cut the name short."""
    assert _keys("The floods in Rio Grande do Sul have killed 143 people.")["143"] == "killed@rio grande do sul"
    from discrepancy.extract.referent import is_country, places_named
    assert places_named("A rally in Rio Grande do Sul on Friday.") == ["Rio Grande do Sul"]
    assert is_country("Democratic Republic of the Congo") and is_country("DRC")
    assert _keys("More than 100 people died in Texas and 20 in Louisiana.")["20"] == "killed@louisiana"


def test_an_age_in_apposition_after_a_name_in_any_letters():
    """"Aziz Köse, 28, had held his newborn child": an age, not one more toll (the name's "ö" hid it)."""
    assert _keys("Forty-one men died. Aziz Köse, 28, had held his newborn child.") == {"Forty-one": "killed"}
    assert "28" in _keys("Forty-one men died. Meanwhile, 28, were hurt.")


def test_ages_stated_with_a_verb():
    from discrepancy.extract.noise import is_age
    from discrepancy.extract.quantulum import parse_sentence

    for sentence in ("They moved to give more to their older daughter Maria who was 10.",
                     "He will be 35 by the end of the year."):
        assert any(is_age(q, sentence) for q in parse_sentence(sentence)), sentence
    assert not any(is_age(q, "The index was 35 points higher.") for q in parse_sentence("The index was 35 points higher."))


def test_a_time_qualifier_is_not_inherited_from_another_sentence(config):
    """A bare figure takes the previous figure's concept, but "in 2005" belongs to that sentence only."""
    from datetime import datetime, timezone

    from discrepancy.extract import extract_mentions
    from discrepancy.records import Article

    text = ("Hurricane Katrina killed more than 1,800 people in 2005. The count stood at about 40 on Friday, "
            "officials said, and rescuers were still searching flooded neighbourhoods.")
    article = Article("a", "Outlet", "", "", datetime(2024, 9, 28, tzinfo=timezone.utc), text, "")
    keys = {m.surface: m.referent_key for m in extract_mentions(article, config.extract)}
    assert "2005" in keys[next(k for k in keys if "1,800" in k)]
    forty = keys[next(k for k in keys if "40" in k)]
    assert forty.startswith("killed") and "2005" not in forty


def test_rate_adverbs_and_state_verbs_end_the_noun_phrase():
    assert _keys("Before the collapse the bridge carried about 30,000 vehicles daily.")["about 30,000"] == "vehicle"
    assert _keys("Divers have found two bodies. Four workers remain missing.")["Four"] == "missing"


def test_jobs_posts_and_roles_are_one_count_of_jobs():
    assert _keys("The operator says it will shed around 1,800 maintenance roles.")["around 1,800"] == "jobs"
    assert _keys("The union says 2,500 maintenance posts are at risk.")["2,500"] == "jobs"
    assert _keys("The company said its proposals would lead to about 1,800 job losses.")["about 1,800"] == "jobs"


def test_the_other_four_are_a_part_of_the_count():
    keys = _keys("Divers recovered two of the six men who died, and the search for the other four goes on.")
    assert keys["four"].endswith("|part") and keys["two"].endswith("|part")


def test_a_year_after_the_figure_dates_it_only_within_its_clause():
    """"21,000 on Thursday, surpassing the toll of the 1999 quake" is this quake's toll, not 1999's."""
    keys = _keys("The death toll rose to more than 21,000 on Thursday, surpassing that of the 1999 Izmit quake.")
    assert keys["more than 21,000"] == "killed"
    assert _keys("Hurricane Katrina killed about 1,800 people in 2005.")["about 1,800"] == \
        "killed|in 2005|event:katrina"  # history, and another storm


def test_the_magnitude_scale_named_before_the_figure_and_a_second_shock():
    assert _keys("Before dawn a magnitude 7.8 earthquake struck near the border.")["7.8"] == "magnitude"
    assert _keys("The national agency measured it at magnitude 7.7.")["7.7"] == "magnitude"
    assert _keys("The survey gave the tremor a magnitude of 6.4.")["6.4"] == "magnitude"
    later = _keys("Nine hours later a second, separate quake of magnitude 7.5 struck farther north.")
    assert later["7.5"] == "magnitude|another"


def test_a_country_after_a_participle_and_the_country_named_before():
    assert _keys("The agency said 17,674 people had been killed in Turkey.")["17,674"] == "killed@country:turkey"
    assert _keys("Turkey's disaster agency said 5,894 people had died in the country.")["5,894"] == \
        "killed@country:turkey"
    keys = _keys("Anger grew across Turkey as the country's death toll from the quakes reached 17,674.")
    assert keys["17,674"] == "killed@country:turkey"


def test_rescue_workers_are_their_own_count():
    assert _keys("He said more than 50,000 search and rescue personnel had been deployed.")["more than 50,000"] \
        == "rescuers"
    assert _keys("More than 110,000 rescue workers were taking part in the search.")["More than 110,000"] == "rescuers"


def test_a_size_belongs_to_the_thing_it_measures():
    """A ship's length is not a bridge's; the main channel's depth is not a temporary channel's."""
    assert _keys("The Dali, 300 metres long, remained pinned under the span.")["300 metres"] == "length|length|dali"
    assert _keys("The vessel is 984 feet long.")["984 feet"] == "length|length|vessel"
    assert _keys("The Key Bridge, 2.6 kilometres long, carried heavy traffic.")["2.6 kilometres"] == \
        "length|length|bridge"
    assert _keys("Officials said the channel, about 50 feet deep, must be cleared.")["about 50 feet"] == \
        "length|depth|channel"
    assert _keys("The temporary channel, about 11 feet deep, suits only tugs.")["about 11 feet"] == \
        "length|depth|temporary channel"
    bridge = _keys("The old bridge, which opened in 1977 and carried the interstate, was 1.6 miles long.")
    assert bridge["1.6 miles"].startswith("length|length|old bridge")


def test_a_bare_length_does_not_take_the_measure_named_before_it():
    keys = _keys("The first quake struck at a depth of about 18 kilometres. A second hit around 95km to the north.")
    assert keys["about 18 kilometres"] == "length|depth" and keys["around 95km"] == ""


def test_money_of_a_product_is_not_the_company_total():
    assert _keys("Sales of Mac computers fell to $7,614 million.")["$7,614 million"] == "mac revenue"
    assert _keys("Revenue for the quarter was $89.5 billion.")["$89.5 billion"] == "revenue"


def test_a_bare_figure_answers_the_nearest_named_figure_of_its_size():
    """"64" (an age) between the marchers and the union's count does not stop the two million from being
    the union's count of marchers."""
    keys = _keys("By the ministry's count, 1,120,000 people marched against raising the pension age to 64. "
                 "The CGT union said it had counted more than two million nationwide.")
    assert keys["1,120,000"] == "protesters" and keys["more than two million"].startswith("protesters")


def test_the_cost_of_the_measure_is_the_measure_itself():
    assert _keys("The Treasury puts the cost of the measure at $3.5 billion.")["$3.5 billion"] == "package"


def test_a_paragraph_led_by_a_place_scopes_its_figures():
    """"In Hamburg, the gap opened on Friday. Police reported 50,000." is Hamburg's crowd; the next paragraph
    starts afresh."""
    keys = _keys("In Hamburg, the gap opened on Friday. Police put the crowd at 50,000.\n\n"
                 "Across the country, police put the crowd at 900,000.")
    assert keys["50,000"] == "protesters@hamburg" and keys["900,000"] == "protesters@*"  # explicitly national


def test_a_counterfactual_is_its_own_quantity():
    keys = _keys("Under proportional representation the party would have won close to 90 seats.")
    assert keys["close to 90"].endswith("|hypothetical")


def test_taking_part_and_a_crowd_are_protesters():
    assert _keys("By the evening, at least 300,000 people had taken part.")["at least 300,000"] == "protesters"
    assert _keys("Police put the crowd at about 50,000.")["about 50,000"] == "protesters"


def test_a_place_comes_along_within_a_sentence_but_not_into_the_next():
    keys = _keys("Thousands marched in smaller cities: 12,000 in Kassel. By the evening, news agencies counted "
                 "more than 300,000 in total.")
    assert keys["12,000"].endswith("@kassel") and "@kassel" not in keys["more than 300,000"]


def test_the_place_an_article_is_set_in_is_a_soft_scope():
    """"HAMBURG — A rally ... in Hamburg was called off ... Police put the crowd at about 50,000": the crowd is
    Hamburg's if the story counts crowds in several cities (cluster decides); a country is never a setting."""
    from discrepancy.extract import SOFT
    keys = _keys("HAMBURG — A rally against the far right in Hamburg was called off on Friday.\n\n"
                 "Police put the crowd at about 50,000.")
    assert keys["about 50,000"] == f"protesters@{SOFT}hamburg"
    keys = _keys("Thousands marched in Germany on Saturday.\n\nPolice put the crowd at about 50,000.")
    assert keys["about 50,000"] == "protesters"


def test_a_year_earlier_belongs_to_the_figure_next_to_it():
    keys = _keys("Revenue rose 18% to $62.0 billion from $52.7 billion a year earlier.")
    assert keys["$62.0 billion"] == "revenue" and keys["$52.7 billion"] == "revenue|prior"
    keys = _keys("Net income climbed 33% to $21.9 billion, or $2.93 a share, compared with $16.4 billion.")
    assert keys["$21.9 billion"] == "profit" and keys["$2.93"] == "profit|per share"
    assert keys["$16.4 billion"].startswith("profit|prior")


def test_growth_of_a_business_line_is_not_the_company_growth():
    assert _keys("Gaming revenue rose 49% in the quarter.")["49%"] == "gaming revenue"
    assert _keys("Revenue from Xbox content and services jumped 61%.")["61%"] == "xbox revenue"
    # a share of people is one share however its population is worded
    assert _keys("The ministry said 42% of primary school teachers struck.")["42%"] == \
        _keys("The ministry said 42% of primary teachers struck.")["42%"]


def test_a_local_source_places_its_figure_softly():
    """"Paris police said 80,000" counts Paris's march; "officials in Ishikawa prefecture said at least 48
    were killed" may speak for the whole quake: both soft, and cluster hardens only a crowd's."""
    from discrepancy.extract import SOFT
    assert _keys("Paris police said 80,000 people marched.")["80,000"] == f"protesters@{SOFT}paris"
    # a dateline without the lead naming it, or a lead without a dateline, sets nothing
    assert _keys("FRANKFURT — Thousands marched across Germany.\n\nPolice put the crowd at 35,000.")["35,000"] == \
        "protesters"


def test_people_without_power_are_their_own_count():
    assert _keys("About 115,000 people were still without electricity on Wednesday night.")["About 115,000"] == \
        "without power"


def test_the_subject_that_rose_is_what_the_level_counts():
    """Words after the figure belong to another clause: "rose to 158 on Thursday, officials said, as
    soldiers ... dug" counts the dead, not soldiers."""
    keys = _keys("The death toll from the floods rose to 158 on Thursday, officials said, as soldiers, police "
                 "and volunteers dug through the mud.")
    assert keys["158"] == "killed"
    keys = _keys("Rescuers had recorded 211 deaths, up from 207 late on Friday.")
    assert keys["211"] == "killed" and keys["207"] == "killed"


def test_another_events_figure_and_a_threshold_are_their_own_quantities():
    keys = _keys("The blast comes a month after at least 36 people were killed near parliament.")
    assert keys["at least 36"] == "killed|earlier"
    keys = _keys("Officials had put the toll at 288 a day earlier.")  # the same event's previous count
    assert "earlier" not in keys["288"]
    assert _keys("The nominee would need 60 votes for confirmation.")["60"].endswith("|required")


def test_there_is_the_place_named_just_before():
    keys = _keys("The protests followed a rally in Hamburg on Friday. Police there said 50,000 people had attended.")
    assert keys["50,000"] == "protesters@hamburg"
    keys = _keys("Most of the victims died in the Valencia region. Officials there counted 155 dead.")
    assert keys["155"] == "killed@valencia"


def test_a_crowd_that_packed_the_streets_is_protesters():
    assert _keys("Police estimated that about 100,000 people had packed the streets.")["about 100,000"] == \
        "protesters"


def test_a_qualifier_right_after_another_figure_is_that_figures():
    keys = _keys("The company reported revenue of $86,310 million for the final three months of 2023, up from $76.05 "
                 "billion a year earlier, and net income of $20.89 billion.")
    assert keys["$76.05 billion"] == "revenue|prior" and keys["$20.89 billion"] == "profit"
    assert keys["$86,310 million"] == "revenue"  # "the final three months of 2023" is the period, not history


def test_a_participle_takes_the_place_of_its_event():
    keys = _keys("In India on Sunday evening, a footbridge collapsed in the town of Morbi, in Gujarat state, killing "
                 "more than 130 people.")
    from discrepancy.extract import SOFT
    assert keys["more than 130"] == f"killed@{SOFT}morbi"  # "in the town of Morbi" (the town over the state)


# ------------------------------------------------------------------ conversions, averages and run-ups (NewsQuant)


def test_a_conversion_in_brackets_keeps_the_hedge_of_the_figure_it_converts():
    # Found on NewsQuant: "just under 296 hp (224 kW / 300 PS)" gave the kW and PS figures as exact.
    found = _by_surface(
        "The tuned engine now makes just under 300 hp (224 kW / 304 PS), the company said.")
    assert {found[s].change for s in ("just under 300 hp", "224 kW", "304 PS")} == {"<"}
    # a ceiling, with a little room below ("just under": within 5%, not the third a bare "under" allows)
    assert found["224 kW"].high >= 224_500 and 200_000 < found["224 kW"].low < 224_000
    rain = _by_surface("Chiva recorded more than 19 inches (480 mm) of rain in eight hours.")
    assert rain["480 mm"].change == ">" and 0.46 < rain["480 mm"].low <= 0.48 < 0.6 < rain["480 mm"].high
    # A figure after a bracket that is not a conversion keeps its own wording.
    plain = _by_surface("More than 200 people (40 of them children) were hurt.")
    assert plain["40"].change == "="


def test_power_and_torque_units_compare_across_spellings():
    found = _by_surface("The motor delivers 450 Nm (332 lb-ft) of torque and 224 kW (300 hp).")
    assert found["450 Nm"].dimension == found["332 lb-ft"].dimension == "energy"
    assert found["332 lb-ft"].value == pytest.approx(450, rel=0.01)
    assert found["224 kW"].dimension == found["300 hp"].dimension == "power"
    assert found["224 kW"].surface == "224 kW"  # not "224 kW /" as quantulum3 spans it before a slash


def test_an_average_is_about_and_a_run_up_is_no_ceiling():
    assert _only("The guard has averaged 18.4 points a game this season.").change == "~"
    assert _only("An average of 50 riders a day used the line.").change == "="
    m = _only("Carriers spent heavily in the run-up to 5G networks.")
    assert m.change == "=" and m.value == 5


def test_sales_of_a_line_named_before_an_appositive_list():
    # Held-out set 4: "such as ..." between the subject and its verb made the Xbox growth all revenue.
    m = _only("Sales of Xbox content and services, such as games and subscriptions, rose 61% in the quarter.")
    assert m.referent_key.startswith("xbox revenue")


def test_a_crash_counts_who_was_aboard_survived_and_was_identified_apart_from_the_dead():
    found = {m.surface: m.referent_key for m in _mentions(
        "Thirty-eight people were killed and 29 survived when the jet crashed near Aktau. The plane, carrying "
        "67 people, came down short of the airport. There were 67 people on the Embraer 190: 62 passengers "
        "and five crew. Police said 146 of the victims had been identified.")}
    assert found["Thirty-eight"] == "killed" and found["29"] == "survivors"
    assert found["67"] == "aboard" and found["62"] == "passenger" and found["146"] == "identified|part"  # some of the dead


def test_a_model_and_its_variant_are_not_a_range():
    assert not _mentions("Everyone else aboard the Boeing 737-800 was killed in the crash.")


def test_an_event_told_in_a_participle_clause_is_placed_in_its_country():
    m = _only("It was the second crash in days, after a flight went down in western Kazakhstan, killing 38 people.")
    assert m.referent_key == "killed@country:kazakhstan"
    # ... but not a pair of countries, and not a figure's own clause.
    assert "@" not in _only("The quakes in Turkey and Syria killed more than 21,000 people.").referent_key
    assert "@" not in _only("Diplomats said 550 pilgrims had died during the Hajj in Saudi Arabia.").referent_key


def test_a_range_between_two_figures_is_one_mention_and_an_aside_after_it_no_counterfactual():
    [m] = _mentions("The Archive of Public Gatherings put attendance at between 275,000 and 325,000, and said the "
                    "real figure could have been higher still.")
    assert (m.low, m.high) == (275_000, 325_000) and m.referent_key == "protesters"  # not "events", not hypothetical


def test_people_at_a_rally_and_people_who_gathered_are_the_crowd():
    assert _only("The ministry said 107,000 people had been at the rally at its peak.").referent_key == "protesters"
    assert _only("Police estimated that about 107,000 people had gathered.").referent_key == "protesters"


def test_treated_is_injured_and_a_new_conjunct_has_its_own_verb():
    found = {m.surface: m.referent_key for m in _mentions(
        "According to official figures, 65 people were treated for injuries and 22 were arrested.")}
    assert found == {"65": "injured", "22": "arrested"}
    assert _only("Vučić said 56 people sought treatment after the rally.").referent_key == "injured"


def test_a_months_figure_revisions_averages_and_forecasts_of_jobs():
    found = {m.surface: m.referent_key for m in _mentions(
        "US employers added 254,000 jobs in September, far more than the 150,000 forecast. July's gain is now put "
        "at 144,000 rather than the 89,000 first reported, and August's at 159,000, up from an initial 142,000. "
        "Revisions added a combined 72,000 jobs to the previous two months. That beat the average monthly gain "
        "of 203,000 over the past year.")}
    assert found["254,000"] == "jobs|month:september"
    assert found["144,000"] == found["89,000"] == "jobs|month:july"
    assert found["159,000"] == found["142,000"] == "jobs|month:august"
    assert found["72,000"] == "jobs|change"
    assert "average" in found["203,000"].split("|")
    assert _only("Employers added 254,000 workers last month.").referent_key == "jobs"
    assert _only("It was the biggest increase since March, at 120 a day.").referent_key.split("|")[0] != "protesters"


def test_the_part_of_the_economy_that_hired_is_a_part_of_the_months_jobs():
    found = {m.surface: m.referent_key for m in _mentions(
        "Private companies accounted for most of the new jobs, with government adding 31,000. The economy "
        "added 254,000 jobs in all. Separately, Network Rail said it would cut 2,500 jobs.")}
    assert found["31,000"] == "jobs|sector:government"
    assert found["254,000"] == "jobs" and found["2,500"].startswith("jobs") and "sector" not in found["2,500"]


def test_a_participle_after_the_counted_noun_and_a_separate_strike():
    assert _only("Of the 137 officers sent to Itaewon that night, most looked for drugs.").referent_key == "officer"
    assert "another" in _only("A separate strike by about 10,000 RMT members closed the Tube.").referent_key


def test_rainfall_in_litres_per_square_metre_millimetres_and_inches_is_one_depth_of_rain():
    found = _by_surface(
        "The state agency said Chiva had 491 litres of rain per square metre in eight hours. The rain that "
        "followed was extraordinary: a gauge inland recorded 491mm. Elsewhere more than 19 inches of rain fell.")
    depth = found["491 litres of rain per square metre"]
    assert depth.dimension == "length" and depth.value == pytest.approx(0.491)
    assert {found[s].referent_key for s in ("491 litres of rain per square metre", "491mm", "more than 19 inches")} \
        == {"length|rain"}
    # A paragraph led by the town places the reading softly: it is the story's rain, not one of many.
    assert _only("In Chiva, west of the city, it measured 419 litres per square metre, a year's worth of rain."
                 ).referent_key == "length|rain@~chiva"


def test_a_distance_past_the_end_of_something_is_a_distance_from_it():
    assert _only("The mound stood about 250 metres past the end of the runway.").referent_key == \
        "length|distance@runway"


def test_set_7_causes_hedges_deliveries_magnitude_and_the_verb_beside_the_figure():
    found = {m.surface: m.referent_key for m in _mentions(
        "The quake shook the coast on Wednesday, killing at least nine people and injuring more than 1,000. "
        "The quake measured 7.2 on the scale used by the weather agency. The company delivered 426,890 vehicles "
        "in the July-to-September period.")}
    assert found["at least nine"] == "killed" and found["more than 1,000"] == "injured"
    assert found["7.2"] == "magnitude" and found["426,890"] == "deliveries"  # no "July-to-September" place
    m = _only("Organisers put the crowd at more than 100,000; independent counts suggested nearer 50,000.".split("; ")[1])
    assert m.change == "~" and m.low < 50_000 < m.high


def test_a_figure_in_a_clause_about_a_named_storm_carries_the_storm():
    found = {m.surface: m.referent_key for m in _mentions(
        "Milton arrived less than two weeks after Hurricane Helene, which went on to kill more than 230 people.")}
    assert found["more than 230"].endswith("|event:helene")  # ("two weeks after": also an earlier event)
    m = _only("The storm had winds of 120 mph at landfall, the National Hurricane Center said, and 17 people died.".split(", and ")[1])
    assert "event:" not in m.referent_key
    assert "event:" not in _only("The toll rose to 17, the National Hurricane Center said.").referent_key


def test_the_one_place_a_paragraph_opens_on_places_its_crowd_counts_softly():
    found = _by_surface(
        "FRANKFURT — Thousands marched in Frankfurt on Saturday.\n\n"
        "The protests followed a rally in Hamburg on Friday evening. Police there said 50,000 people had attended. "
        "The organisers, who had announced 130,000 from the stage, later revised their own estimate down to 80,000."
        "\n\nAbout 30,000 people marched in Dortmund.")
    assert found["50,000"].referent_key == "protesters@hamburg"
    assert found["130,000"].referent_key == "protesters@~hamburg"  # soft: settled per story by cluster
    assert found["80,000"].referent_key == "protesters@~hamburg"
    assert found["About 30,000"].referent_key == "protesters@dortmund"
    # A paragraph opening on two places, or on a country, places nothing.
    keys = _keys("Rallies were held in Hamburg and in Munich on Saturday. Organisers said 80,000 people marched.")
    assert keys["80,000"] == "protesters"


def test_a_source_with_there_or_a_relative_clause_before_its_verb_is_the_source():
    found = _by_surface(
        "The rally was held in Hamburg. Police there said 50,000 people had attended. The organisers, who had "
        "announced 130,000 from the stage, later revised their own estimate down to 80,000.")
    assert found["50,000"].attribution_key == "police"
    assert found["130,000"].attribution_key == "organisers"
    assert found["80,000"].attribution_key == "organisers"


def test_a_hyphenated_magnitude_is_the_quakes_magnitude_and_a_hyphenated_name_no_figure():
    keys = _keys("The magnitude-7.6 quake, as measured by the agency, flattened houses across the peninsula.")
    assert keys == {"7.6": "magnitude"}
    assert "19" not in _keys("The COVID-19 pandemic closed 300 schools.")


def test_the_town_of_a_named_place_is_that_place_and_a_bare_county_stays_the_county():
    keys = _keys("A suspension bridge collapse killed 134 people in the town of Morbi, police said.")
    assert keys["134"] == "killed@morbi"
    assert _keys("At least 30 people died in the county, officials said.")["At least 30"] == "killed@county"


def test_an_island_is_on_and_a_part_of_a_country_is_in_it():
    # A typhoon's toll before it reached Vietnam is no part of Vietnam's: each is placed where it fell.
    assert _keys("Yagi, which had killed four people on China's Hainan island before reaching Vietnam, "
                 "moved west.")["four"] == "killed@hainan"
    assert _keys("The storm had already killed at least 24 people in southern China and the Philippines "
                 "before it reached Vietnam.")["at least 24"] == "killed@country:china"
    assert _keys("Days after an eruption that killed nine people on the Indonesian island of Flores, the "
                 "volcano erupted again.")["nine"] == "killed@flores"
    assert _keys("A storm killed 12 people in the Indonesian city of Medan.")["12"] == "killed@medan"
    # an area the clause is about: "The southern province of Sindh has been hit hardest, with 306 deaths"
    assert _keys("The southern province of Sindh has been hit hardest, with 306 deaths, followed by "
                 "Balochistan.")["306"] == "killed@sindh"
    assert _keys("Police said 400 people marched on Friday in Paris.")["400"] == "protesters@~paris"


def test_a_source_before_a_gapped_figure_gave_it():
    found = _by_surface(
        "In Berlin, the rally had been registered for 1,000 participants; police later estimated 100,000, "
        "and organisers 350,000.")
    assert found["estimated 100,000"].attribution_key == "police"
    assert found["350,000"].attribution_key == "organisers"


def test_who_people_were_yields_to_what_happened_to_them_and_a_nationality_is_a_part():
    keys = _keys("At Camp Mystic, where 27 girls and counselors died, the search went on.")
    assert keys["27"] == "killed"
    assert _keys("Among the dead were 26 foreign nationals from 14 countries.")["26"] == "killed|part"
    assert _keys("The Foreign Office said 53 British nationals had been on the flight.")["53"] == "aboard|part"


def test_a_source_after_by_and_a_countrys_possessive():
    from discrepancy.extract.attribution import find_attribution, normalise_source
    s = ("The quake measured 7.2 on the scale used by the island's Central Weather Administration, and its "
         "epicentre lay 18 miles south-southwest of Hualien city, according to the US Geological Survey.")
    assert find_attribution(s, s.find("7.2")).key == "central weather administration"
    assert find_attribution(s, s.find("18 miles")).key == "us geological survey"
    assert normalise_source("Taiwan's Central Weather Administration") == "central weather administration"
    assert normalise_source("Apple's chief executive") == "apple"
    assert normalise_source("South Korea's spy agency") == "national intelligence service"


def test_seriousness_and_recent_days_read_to_the_end_of_the_clause():
    keys = _keys("He said two people remain in hospital in a critical condition, one with life-threatening injuries.")
    assert keys["two"].split("|")[1:] == ["serious"]
    keys = _keys("Turkish media say 10 Turkish soldiers have been killed in the fighting in recent days.")
    assert keys["10"] == "killed|earlier"
    # but not across another figure: "killed 3 people, and 5 were critically injured"
    keys = _keys("The blast killed 30 people and left 12 in a critical condition.")
    assert keys["30"] == "killed"


def test_small_counts_are_exact_and_round_hundreds_or_thousands_are_rounded():
    """"270 bodies" is a count (265 is another), "400 people" and "3,000 troops" may be rounded."""
    assert (_only("Officials said 270 bodies had been recovered.").low,
            _only("Officials said 270 bodies had been recovered.").high) == (269.5, 270.5)
    m = _only("Officials said 400 people were aboard.")
    assert (m.low, m.high) == (395, 405)
    m = _only("The Pentagon said 3,000 troops had arrived.")
    assert (m.low, m.high) == (2950, 3050)


def test_money_names_its_loss_fine_or_spending():
    """Estimates of losses, fines and a budget's lines are claims of their own kind (each was a figure with no
    referent, never compared): insured vs economic losses, a net loss, a fine, capital vs day-to-day money."""
    assert _keys("Karen Clark & Co put insured losses at $17bn.")["$17bn"] == "insured loss"
    keys = _keys("CoreLogic estimated insured losses from the Palisades and Eaton fires at between $35 billion and "
                 "$45 billion.")
    assert keys["$35 billion and $45 billion"] == "loss"  # the fires are the losses' cause, not a kind of loss
    assert _keys("The company reported a net loss of $6.17bn and has announced plans to cut about 10 per cent of "
                 "its workforce.")["$6.17bn"] == "loss"
    assert _keys("Non-compliance would be punishable by fines of up to about $9,300.")["about $9,300"] == "fine"
    keys = _keys("Reeves promised an extra £22.6 billion for day-to-day spending, and £100bn of additional capital "
                 "investment over five years.")
    assert keys["£22.6 billion"] != keys["£100bn"]


def test_money_raised_or_paid_does_not_inherit_the_loss_before_it():
    keys = _keys("The company reported a net loss of $6.17bn. It raised more than $21bn from investors last week.")
    assert keys["$6.17bn"] == "loss" and keys["more than $21bn"] != "loss"


def test_a_named_subjects_move_does_not_inherit_another_lines_figure():
    """"Azure grew 28%" after Surface sales, and a segment that "grew to $19.2 billion" after net income, are
    those subjects' figures: inherited, the segment's revenue was compared with the company's net income."""
    keys = _keys("Net income rose to $21.87 billion, up from $16.4 billion a year earlier. Azure grew 28%, and the "
                 "Productivity and Business Processes segment, which includes Office, grew to $19.2 billion.")
    assert keys["$21.87 billion"] == "profit"
    assert keys["28%"] != "profit" and keys["$19.2 billion"] != "profit"
    # a figure moved with no subject of its own ("it", "the total") is still the topic's
    keys = _keys("Net income rose to $21.87 billion. The total rose to $22 billion after revisions.")
    assert keys["$22 billion"] == "profit"


def test_the_parts_a_sum_is_made_up_of_are_parts():
    keys = _keys("The deal is worth £105m, made up of a guaranteed £100m and £5m in add-ons.")
    assert keys["£105m"] == "fee" and "part" in keys["£100m"].split("|")


def test_what_a_number_of_is_decides_its_level():
    """"the number of people driven from their homes climbed to 538,000" counts the displaced, not homes."""
    keys = _keys("The death toll rose to 143 on Sunday, and the number of people driven from their homes climbed "
                 "to 538,000.")
    assert keys == {"143": "killed", "538,000": "displaced"}


def test_homes_and_businesses_without_power_across_a_region():
    """Customers without power across the Southeast are no count of homes, nor of the state the paragraph
    opened in."""
    m = _by_surface("In Tennessee, dozens of people were plucked from a hospital roof. About 2.1 million homes and "
                    "businesses across the Southeast were still without electricity on Sunday.")["About 2.1 million"]
    assert m.referent_key == "without power@*"


def test_a_meta_figure_counts_what_its_paragraph_is_about():
    """"gave a figure of 141", "put the number at about 400" name no noun: the sentence before says what
    they count (a figure before them that names it still comes first: "put it at 5.7" after a magnitude)."""
    keys = _keys("The toll itself was confused in the first hours. A senior police officer gave a figure of 141 "
                 "while the junior home minister said 132.")
    assert keys == {"141": "killed", "132": "killed"}
    keys = _keys("How many people were on the bridge is still disputed. Police put the number at about 400.")
    assert keys["about 400"] == "aboard"
    keys = _keys("The quake struck at 11.47pm with a magnitude of 6.4. The U.S. Geological Survey put it at 5.7.")
    assert keys["5.7"] == "magnitude"
    assert _keys("Police put the number at about 400.")["about 400"] == ""


def test_a_measure_of_stuff_is_that_stuffs_measure():
    keys = _keys("The hackers said they stole 6 terabytes of data. Police seized 120 tonnes of cocaine.")
    assert keys == {"6 terabytes": "information|data", "120 tonnes": "mass|cocaine"}
    assert _keys("The storm dumped 30 inches of rain.")["30 inches"] == "length|rain"


def test_trades_and_roles_are_people_an_event_redefines():
    """"killing at least 14 miners" counts the dead, "15 miners remained trapped" the trapped (a count of its
    own, not the dead's); with nothing happening to them, who they are ("137 officers had been deployed")."""
    keys = _keys("An explosion tore through the mine on Friday, killing at least 14 miners. Officials said around "
                 "15 miners remained trapped.")
    assert keys == {"at least 14": "killed", "around 15": "trapped"}
    assert _keys("Police said 137 officers had been deployed.")["137"] == "officer"
    # people are no fee, whatever money word is near them
    assert _keys("Its 16,000 members will vote on the deal over the coming weeks.")["16,000"] == "member"
    assert _keys("The hospital employs 4,000 staff.")["4,000"] == "staff"


def test_a_with_clause_and_a_storm_name_do_not_mislead_the_referent():
    """", with 58 people still missing" is its own clause (the missing, not the dead before it); "in Hurricane
    Otis" names an event, not a place; "94 per cent of its domestic deposits" is a share of deposits."""
    keys = _keys("As of Wednesday, the official toll stood at 46 dead, with 58 people still missing.")
    assert keys == {"46": "killed", "58": "missing"}
    assert "@" not in _keys("Officials said 45 people had been confirmed dead in Hurricane Otis.")["45"]
    assert _keys("About 94 per cent of its domestic deposits exceeded the limit.")["About 94 per cent"] == "deposit"


def test_need_capacity_targets_and_moves_by_are_other_quantities():
    """What a continent "would need", what a maker "can produce ... by the end of this year", and by how much
    winds "increased by" are other quantities than the count or level itself."""
    keys = _keys("He said Africa would need about 10 million vaccine doses. The maker says it can produce 2 million "
                 "doses by the end of this year.")
    assert keys == {"about 10 million": "dose|required", "2 million": "dose|capacity|by 2024"}
    assert _keys("Its winds increased by about 115 mph in roughly 24 hours.")["about 115 mph"] == "speed|wind|change"
    # a share's move is the same quantity however told
    assert _keys("Revenue rose by 5% to $3bn.")["5%"] == _keys("Revenue rose 5% to $3bn.")["5%"]


def test_a_storms_winds_are_compared_apart_from_gusts_and_its_peak():
    """"120 mph" at landfall printed "120 km/h" is a unit slip worth flagging; gusts and the storm's winds at
    its peak are other quantities."""
    keys = _keys("Milton came ashore on Wednesday with winds of 120mph after weakening from its peak as a Category 5 "
                 "hurricane, when it had packed winds of 180mph.")
    assert keys == {"120mph": "speed|wind", "180mph": "speed|wind|peak"}
    assert _keys("The storm brought gusts of 150 mph.")["150 mph"] == "speed|gust"
    assert _keys("The train was travelling at 120 km/h.")["120 km/h"] == ""


def test_a_rise_in_level_is_a_measured_quantity():
    keys = _keys("A gauge at Hunt recorded the Guadalupe rising 26 feet in 45 minutes. The river rose 26 metres in "
                 "45 minutes.")
    assert keys["26 feet"] == keys["26 metres"] == "length|rise"


def test_a_place_heading_a_later_clause_beats_the_sentences_frame():
    keys = _keys("About 35,000 people marched in Hannover on Saturday. In Hannover, police and organisers agreed on "
                 "35,000, and in Dortmund the figure given was 30,000.")
    assert keys["30,000"] == "protesters@dortmund" and keys["35,000"] == "protesters@hannover"


def test_missing_parts_outages_and_compensation_named_by_their_phrases():
    keys = _keys("At Camp Mystic, five campers and one counselor had still not been found, the camp said.")
    assert keys["five"] == "missing"
    keys = _keys("A senior hospital official said about 29 of the dead were people who had not been on the plane.")
    assert keys["about 29"] == "killed|part"
    keys = _keys("About 75,000 people in the province of Valencia were without electricity on Thursday.")
    assert keys["About 75,000"].startswith("without power")
    assert _keys("The chief minister announced a further Rs 4 lakh for the family of each victim.")["Rs 4 lakh"] \
        == "compensation"
    assert _keys("A spokesman said it had been carrying up to 400 people.")["up to 400"] == "aboard"


def test_words_that_are_no_referent():
    assert _keys("Survivors' testimony gathered by UN agencies has since pointed to 750 people.")["750"] \
        != "protesters"
    keys = _keys("Officials said 270 bodies had been brought in, above the 265 given by city police.")
    assert keys["265"] != "given"


def test_percentage_points_are_a_unit_and_a_contribution_is_a_part():
    keys = _keys("Amy Hood said Azure grew 30%, with AI services contributing six percentage points of that growth.")
    assert keys["six percentage"] == "|part"


def test_set_10_first_contact_faults():
    """Found on the blind set 10 (Marseille pension strike, Guinea crush): "1.28m" protesters are millions, not
    metres; "a gap of eight to one" between two counts is no deficit; "the 40,000 they counted" counts no
    "they"; "Sunday's crush" is no place."""
    found = _by_surface("The ministry put the number of protesters at 1.28m, against 3.5m "
                                             "according to the CGT.")
    assert found["1.28m"].value == 1_280_000 and found["3.5m"].value == 3_500_000
    assert _only("The wall is 1.5m high.").value == 1.5
    keys = _keys("The CGT said 245,000 people had marched, while the police counted 30,000, a gap of roughly "
                 "eight to one.")
    assert keys["30,000"] != "deficit"
    assert not _keys("Police said it was below the 40,000 they counted on 31 January.")["40,000"].startswith("they")
    assert "sunday" not in _keys("Rights groups said 135 people had died in Sunday's crush.")["135"]


def test_set_10_scope_and_date_faults():
    from datetime import date
    found = _by_surface(
        "The prefecture gave a figure of 30,000, still below the 40,000 people who marched in Marseille on "
        "31 January.", datetime(2023, 3, 8, tzinfo=timezone.utc))
    assert found["30,000"].as_of == date(2023, 3, 8) and found["40,000"].as_of == date(2023, 1, 31)
    found = _by_surface(
        "For the quarter ended 31 December, Microsoft reported revenue of $62,020 million, up 18% from a year "
        "earlier.", datetime(2024, 1, 31, tzinfo=timezone.utc))
    assert found["$62,020 million"].as_of == found["18%"].as_of == date(2023, 12, 31)
    assert _keys("More than a million people took to the streets.")["More than a million"] == "protesters"
    assert _keys("In Paris the gap was even wider, with 81,000 marchers according to the police.")["81,000"] \
        == "protesters@paris"
    assert _keys("The CGT said 245,000 people had marched through the city.")["245,000"] == "protesters@city"


def test_set_11_faults_a_state_reporting_and_a_road():
    """Helene: "South Carolina has reported at least 25 deaths" is that state's count, as is "South Carolina,
    where at least 25 people died"; "Interstate 40" is a road."""
    assert _keys("South Carolina has reported at least 25 deaths.")["at least 25"].endswith("south carolina")
    assert _keys("South Carolina, where at least 25 people died, was next.")["at least 25"] == "killed@south carolina"
    assert _keys("Interstate 40, the main highway across the mountains, was closed.") == {}
    assert _keys("In Hamburg, where the police figure was 50,000 protesters, the march ended early.")["50,000"] \
        == "protesters@hamburg"


def test_set_10_later_faults():
    """Derna, Marseille, Meta: "the city" is the city named last or the dateline's; "the Libyan city of Derna"
    names Derna; "more than on 31 January" is the compared figure's date; a dam "held" a volume; employees,
    staff and headcount are one count; "about 15% higher" is a move, not a change of a count; "shares in Meta
    Platforms" name no place; a change on the previous quarter is not a change on a year earlier."""
    from discrepancy.extract.referent import places_named
    assert places_named("floods in the eastern Libyan city of Derna killed") == ["Derna"]
    found = _by_surface(
        "MARSEILLE — Dockers voted to strike again.\n\nThe CGT said 245,000 people had marched through the city "
        "on Tuesday.", datetime(2023, 3, 8, tzinfo=timezone.utc))
    assert found["245,000"].referent_key == "protesters@marseille"
    m = _only("The ministry said 1.28 million people had demonstrated, slightly more than on 31 January.")
    assert m.as_of == PUBLISHED.date()
    assert _keys("The upper dam held 22.5 million cubic metres of water.")["22.5 million cubic metres"] \
        == "volume|capacity"
    assert _keys("It ended the year with 76,317 staff.")["76,317"] == _keys("It had 67,317 employees.")["67,317"]
    assert not _keys("The shares indicated about 15% higher before the bell.")["about 15%"].endswith("|change")

    keys = _keys("Revenue was $30.04 billion, up 122% from a year earlier and 15% higher than in the previous "
                 "three months.")
    assert keys["15%"].endswith("|sequential") and not keys["122%"].endswith("|sequential")


def test_a_possessive_source_and_a_source_after_another_figure():
    from discrepancy.extract.attribution import find_attribution
    s = "In Marseille, the prefecture's 30,000 compared with the CGT's claim of nearly a quarter of a million."
    assert find_attribution(s, s.find("30,000")).key == "prefecture"
    assert find_attribution(s, s.find("nearly")).key == "cgt"
    s = "Nationally, the interior ministry put the number of protesters at 1.28m, against 3.5m according to the CGT."
    assert find_attribution(s, s.find("1.28m")).key == "interior ministry"
    assert find_attribution(s, s.find("3.5m")).key == "cgt"
    s = "Labour won 37 of Scotland's 57 seats."
    assert find_attribution(s, s.find("57")).key == ""


def test_set_11_later_faults():
    """Port strike, Maui, Helene: an offer and a demand are two positions; a wage is a wage; "45 earlier in the
    day" counts no "earlier"; "the estimated cost of rebuilding" is the cost of rebuilding; a state reporting
    its own count restricts it."""
    assert _keys("The alliance said it had offered to raise wages by nearly 50%.")["nearly 50%"] == "wage|offer"
    assert _keys("The ILA is demanding a 77% wage increase.")["77%"] == "wage|demand"
    assert "offer" not in _keys("Analysts offered a lower figure, saying losses could approach $50 billion.")[
        "$50 billion"]
    assert _keys("The contract's base wage of $39 an hour.")["$39"].endswith("wage")
    assert _keys("Tracking data showed 54 ships; the port had put the figure at 45 earlier in the day.")["45"] \
        != "earlier"
    assert _keys("The estimated cost of rebuilding was $5.52 billion.")["$5.52 billion"] == \
        _keys("The cost of rebuilding has been put at about $5.5bn.")["about $5.5bn"]
    assert _keys("South Carolina has reported at least 25 deaths.")["at least 25"] == "killed@south carolina"


def test_turnout_in_percent_is_voters_and_lower_than_is_a_difference():
    keys = _keys("Turnout was just over 81 percent, eight percent lower than the record of 88 percent.")
    assert keys["just over 81 percent"] == "turnout" and keys["eight percent"] == "turnout|change"


def test_an_earlier_years_event_at_the_end_of_the_clause():
    from datetime import datetime, timezone
    found = {m.surface: m.referent_key for m in _mentions(
        "The same militant group killed four people at a provincial courthouse in Ghazni in 2016.",
        datetime(2017, 2, 7, tzinfo=timezone.utc))}
    assert found["four"].startswith("killed|in 2016")


def test_set_12_faults():
    """Odisha, UK election, Kenya: "just under 60 per cent" is within 5% of 60; passengers "on board" after a
    modifier are aboard; bodies "not yet identified" are the unidentified, not the dead again; "in Odisha's
    Balasore district" is Balasore; a date after "since" starts the period counted."""
    m = _only("Turnout was just under 60 per cent.")
    assert m.low >= 57 and m.high <= 60.5
    keys = _keys("The Coromandel Express had 1,257 reserved passengers on board, railway officials said.")
    assert keys["1,257"] == "aboard"
    assert _keys("More than 100 bodies had still not been identified by Monday.")["More than 100"] == "unidentified"
    assert _keys("The crash killed 275 people in Odisha's Balasore district.")["275"] == "killed@balasore"
    m = _only("Thirty-nine people have been killed since the protests began on 18 June, the commission said.")
    assert m.as_of == PUBLISHED.date()


def test_set_13_faults():
    """Lewotobi, No Kings, IMF, Rice: SDR amounts are money; a deal, a fee, a tranche, reserves are what money
    is; people who "had left their homes" or "remain away from their homes" are displaced; an ash column is not
    the mountain's height; "San Diego police" and "the New York Police Department" speak for their city; a
    volcano "erupted eight times" counts no dead; "signed Declan Rice for £105m" is a fee."""
    m = _only("The board approved an immediate disbursement of SDR 894 million.")
    assert m.unit == "XDR" and m.value == 894_000_000
    assert _keys("The deal is worth £105m.")["£105m"] == "fee"
    assert _keys("Arsenal signed Declan Rice for £105m.")["£105m"] == "fee"
    assert _keys("It paid the first $1.2 billion instalment.")["$1.2 billion"].endswith("tranche")
    assert _keys("The agency said about 4,400 people had left their homes.")["about 4,400"] == "displaced"
    assert _keys("It fired a column of ash 8,000 metres into the sky.")["8,000 metres"] == "length|column"
    assert _keys("San Diego police said more than 60,000 people took part.")["more than 60,000"] \
        == "protesters@~san diego"
    keys = _keys("The New York Police Department said more than 50,000 people marched across the city.")
    assert keys["more than 50,000"] == "protesters@new york"
    assert _keys("The eruption killed nine people. The volcano erupted at least eight times on Thursday.")[
        "at least eight times"] != "killed"


def test_set_14_faults():
    """Brazil floods, Cutro shipwreck, UK CPI: people "forced from their homes" are the displaced; "had arrested
    three suspected smugglers" counts the arrested; "40 nautical miles off the coast" is a distance from the
    coast; a chance in percent is a probability."""
    assert _keys("More than 163,000 people have been forced from their homes.")["More than 163,000"] == "displaced"
    assert _keys("Police said they had arrested three suspected smugglers.")["three"] == "arrested"
    assert _keys("The boat was sighted about 40 nautical miles off the coast.")["about 40 nautical miles"] \
        == "length|distance@coast"
    assert _keys("Traders raised the chance of a cut to about 80%.")["about 80%"].startswith("probability")
    assert _keys("The CGT led the march alongside seven other unions.")["seven"] == "union"


def test_set_15_faults():
    """Change Healthcare, Nippon Steel: "the answer appears to be roughly 190m" is millions; the people whose
    data a breach exposed are the affected; a ransom, a takeover or purchase are what money is."""
    m = {x.surface: x for x in _mentions("The answer appears to be roughly 190m, the company said.")}
    assert m["roughly 190m"].value == 190_000_000
    assert _keys("The attack exposed the personal and health information of about 190 million people.")[
        "about 190 million"] == "affected"
    assert _keys("It paid a ransom of $22 million.")["$22 million"] == "ransom"
    assert _keys("Nippon Steel agreed a $14.1bn purchase of U.S. Steel.")["$14.1bn"] == "fee"
