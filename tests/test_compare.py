"""Compare: figures agree when their intervals overlap; otherwise a conflict of a named kind."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from discrepancy.compare import agreeing_groups, compare_claim, compare_claims, conflict_id
from discrepancy.config import CompareConfig, load_config
from discrepancy.extract import extract_mentions
from discrepancy.ingest import content_hash
from discrepancy.records import Article, Claim, Mention


def _mention(text: str, article_id: str, published=datetime(2024, 10, 28, tzinfo=timezone.utc)):
    article = Article(article_id, article_id, "", "", published, text, content_hash(text))
    found = extract_mentions(article, load_config().extract)
    assert len(found) == 1, [m.surface for m in found]
    return found[0]


def _claim(*mentions):
    return Claim("c", "s", mentions[0].referent_key, mentions[0].dimension, mentions[0].unit, tuple(mentions))


TOLERANCE = load_config().compare.relative_tolerance


@pytest.mark.parametrize("a, b", [
    ("About 10,000 troops were sent.", "9,800 troops were sent."),
    ("The fund is worth $1.5 billion.", "The fund is worth $1,500,000,000."),
    ("The town is 12 miles away.", "The town is 19 km away."),
    ("Between 11,000 and 12,000 troops were sent.", "12,000 troops were sent."),
    ("It burned 370,000 acres.", "It burned about 150,000 hectares."),
    ("Temperatures hit 51.8°C.", "Temperatures hit 125°F."),
])
def test_agreeing_figures(a, b):
    m1, m2 = _mention(a, "a"), _mention(b, "b")
    assert len(agreeing_groups([m1, m2], TOLERANCE)) == 1
    assert compare_claim(_claim(m1, m2), load_config().compare) is None


def test_misreport_same_source_different_numbers():
    ok = [_mention("The package is worth $1.2 billion, the finance ministry said.", x) for x in "abc"]
    bad = _mention("The package is worth $12 billion, the finance ministry said.", "d")
    conflict = compare_claim(_claim(*ok, bad), load_config().compare)
    assert conflict.kind == "misreport" and len(conflict.groups) == 2


def test_disputed_different_sources_same_day():
    police = _mention("Police counted 80,000 protesters in Paris.", "a")
    union = _mention("The CGT union counted 400,000 protesters in Paris.", "b")
    assert compare_claim(_claim(police, union), load_config().compare).kind == "disputed"


def test_evolving_figure_over_time():
    early = _mention("The White House said 3,000 troops had arrived.", "a",
                     datetime(2024, 10, 23, tzinfo=timezone.utc))
    late = _mention("The Pentagon said about 10,000 troops had arrived.", "b")
    conflict = compare_claim(_claim(early, late), load_config().compare)
    assert conflict.kind == "evolving"
    assert {m.as_of for m in conflict.mentions} == {date(2024, 10, 23), date(2024, 10, 28)}


def test_severity_ranks_misreport_above_evolving_and_id_is_stable():
    cfg = load_config().compare
    mis = compare_claim(_claim(*[_mention("It costs $1.2 billion, the ministry said.", x) for x in "ab"],
                               _mention("It costs $12 billion, the ministry said.", "c")), cfg)
    evo = compare_claim(_claim(_mention("The White House said 3,000 troops.", "a",
                                        datetime(2024, 10, 23, tzinfo=timezone.utc)),
                               _mention("The Pentagon said 10,000 troops.", "b")), cfg)
    assert 0 <= evo.severity < mis.severity <= 1
    again = compare_claim(_claim(*reversed(mis.mentions)), cfg)
    assert again.id == mis.id == conflict_id(mis.claim, mis.groups)


def test_two_stories_with_the_same_referent_and_figures_get_distinct_ids():
    """Two quakes, each with 1,200 vs 2,400 dead: one id each, or the store could not keep both."""
    def m(article: str, value: float, source: str, day: int) -> Mention:
        # Each figure has its own source (police, hospital): an unsourced pair would be no dispute at all.
        said = f"source {source}"
        return Mention(article, 0, 5, "1,200", "s", 0, value, value, value, "count", "count", "=", "dead", "killed",
                       said, said, date(2024, 5, day), source)

    claims = [Claim(f"c-{story}", story, "killed", "count", "count",
                    (m(f"{story}-1", 1200, "A", day), m(f"{story}-2", 2400, "B", day)))
              for story, day in (("quake-a", 1), ("quake-b", 3))]
    ids = [c.id for c in compare_claims(claims, CompareConfig(0.0, 2.0, 6.0, 20.0))]
    assert len(ids) == 2 and len(set(ids)) == 2


def _m(article: str, value: float, *, attribution: str = "", day: int = 5, sentence: str = "s", start: int = 0,
       stated: bool = False, key: str = "killed") -> Mention:
    """A mention built by hand: the value exact, its sentence and source as given."""
    return Mention(article, start, start + 3, str(value), sentence, start, value, value, value, "count", "count", "=",
                   key, key, attribution, attribution, date(2024, 7, day), f"outlet-{article}", stated)


def _key_claim(*mentions: Mention) -> Claim:
    return Claim("c", "s", mentions[0].referent_key, "count", "count", tuple(mentions))


def test_figures_one_article_tells_apart_are_not_a_conflict():
    """"Labour won 411 seats" and "the Conservatives won 121" in one article, same source and day: two
    quantities the key could not tell apart, not two counts of one (the seats of different parties)."""
    cfg = load_config().compare
    claim = _key_claim(_m("a", 411, attribution="results", key="seat"),
                       _m("a", 121, attribution="results", key="seat", sentence="t", start=50),
                       _m("b", 411, attribution="results", key="seat"),
                       _m("c", 121, attribution="results", key="seat"))
    assert compare_claim(claim, cfg) is None


def test_a_change_reported_in_one_sentence_is_still_compared():
    """"Rose from 820 to 2,012" in one sentence states one quantity at two times: other outlets' figures are
    still compared with each side."""
    cfg = load_config().compare
    change = "The toll rose from 820 to 2,012, the interior ministry said."
    claim = _key_claim(_m("a", 820, attribution="ministry", sentence=change, day=9, stated=True),
                       _m("a", 2012, attribution="ministry", sentence=change, start=0, day=10, stated=True),
                       _m("b", 820, attribution="ministry", day=9, stated=True),
                       _m("c", 2012, attribution="ministry", day=10, stated=True))
    assert compare_claim(claim, cfg).kind == "evolving"


def test_unsourced_figures_for_one_time_are_not_a_dispute():
    """72 and 121 "seats" with no source for either and the same day: nothing says they are rival counts."""
    cfg = load_config().compare
    claim = _key_claim(_m("a", 72, key="seat"), _m("b", 72, key="seat"), _m("c", 121, key="seat"))
    assert compare_claim(claim, cfg) is None
    # ... but a slipped decimal needs no source to be seen: $22.3 billion against $2.23 billion.
    slip = _key_claim(_m("a", 223, key="revenue"), _m("b", 223, key="revenue"), _m("c", 22.3, key="revenue"))
    assert compare_claim(slip, cfg).kind == "misreport"


def test_a_later_lower_toll_from_another_source_is_disputed_not_evolving():
    """Tolls only grow: the WHO's 3,958 dead two days after the UN's 11,300 contradicts it."""
    cfg = load_config().compare
    un = [_m(x, 11_300, attribution="un office", day=16, stated=True) for x in "ab"]
    who = [_m(x, 3_958, attribution="who", day=18, stated=True) for x in "cd"]
    assert compare_claim(_key_claim(*un, *who), cfg).kind == "disputed"
    # A source announcing its own downward revision updates the toll: evolving.
    revised = "Officials revised the toll down to 275 after some bodies were counted twice."
    early = [_m(x, 288, attribution="railway", day=3, stated=True) for x in "ab"]
    late = [_m(x, 275, attribution="state government", day=5, stated=True, sentence=revised) for x in "cd"]
    assert compare_claim(_key_claim(*early, *late), cfg).kind == "evolving"
    # A rising toll from other sources stays evolving.
    rising = [_m(x, 15_000, attribution="who", day=18, stated=True) for x in "cd"]
    assert compare_claim(_key_claim(*un, *rising), cfg).kind == "evolving"


def test_magnitudes_a_tenth_apart_disagree_whichever_comes_first():
    """7.7 (7.65-7.75) and 7.8 (7.75-7.85) only touch: two agencies' readings, not one. (The lowest figure of
    a claim used to count as an exact point, so it 'touched' into agreement.)"""
    low, high = _mention("The agency put it at magnitude 7.7.", "a"), _mention("It was a magnitude 7.8 quake.", "b")
    assert len(agreeing_groups([low, high], TOLERANCE)) == 2
    exact = _m("c", 7.75)
    assert len(agreeing_groups([low, exact], TOLERANCE)) == 1  # an exact figure on the edge still agrees


def test_rivals_in_one_sentence_of_one_article_are_still_compared():
    """"About 1,800 jobs will go, far fewer than the 2,500 the union claims": the article sets the two
    against each other; it does not hold them for two different quantities."""
    cfg = load_config().compare
    s = "It says about 1,800 jobs will go under its plans, far fewer than the 2,500 the union claims."
    one, other = (replace(_m("a", v, sentence=s, start=at, key="jobs"), sentence_start=0) for v, at in ((1800, 14), (2500, 73)))
    claim = _key_claim(one, other, _m("b", 2500, attribution="rmt", key="jobs"),
                       _m("c", 1800, attribution="company", key="jobs"))
    assert compare_claim(claim, cfg) is not None
    # The same two figures listed without a contrast are held apart by the article: no conflict.
    listed = "It has 1,800 jobs in Leeds and 2,500 in York."
    one, other = (replace(m, sentence=listed, start=at, end=at + 5) for m, at in ((one, 7), (other, 31)))
    assert compare_claim(_key_claim(one, other, *claim.mentions[2:]), cfg) is None


def test_a_falling_missing_count_is_evolving_not_disputed():
    """Tolls only grow, so a later, lower toll from another source is disputed; the missing fall as people
    are found: 242 missing on Tuesday and 210 on Saturday is the count moving."""
    cfg = load_config().compare
    claim = _key_claim(_m("a", 242, attribution="prefecture", day=2, stated=True, key="missing"),
                       _m("b", 242, attribution="prefecture", day=2, stated=True, key="missing"),
                       _m("c", 210, attribution="government", day=6, stated=True, key="missing"))
    assert compare_claim(claim, cfg).kind == "evolving"
    killed = _key_claim(*(replace(m, referent_key="killed") for m in claim.mentions))
    killed = replace(killed, referent_key="killed")
    assert compare_claim(killed, cfg).kind == "disputed"


def test_the_same_digits_reordered_are_a_misreport_without_a_source():
    """$21.9bn in two outlets and $19.2bn in a third, none naming a source: reordered digits are a typing
    slip (as a factor of ten is a slipped decimal), not two unrelated figures."""
    cfg = load_config().compare
    claim = _key_claim(_m("a", 21.9e9, key="profit"), _m("b", 21.9e9, key="profit"), _m("c", 19.2e9, key="profit"))
    assert compare_claim(claim, cfg).kind == "misreport"
    unrelated = _key_claim(_m("a", 21.9e9, key="profit"), _m("b", 21.9e9, key="profit"), _m("c", 18.4e9, key="profit"))
    assert compare_claim(unrelated, cfg) is None


def test_a_converted_measurement_agrees_within_the_conversions_rounding():
    """"about 30km" in one outlet for "about 20 miles" (32.2 km) in another is a conversion rounded, not a
    disagreement; 150 km against 150 nautical miles (278 km) still is one."""
    cfg = load_config().compare
    km = _mention("Shelters were set up in Chico, about 30km north of the town.", "a")
    miles = _mention("Shelters were set up in Chico, 20 miles north of the town.", "b")
    assert compare_claim(_claim(km, miles), cfg) is None
    nautical = replace(_mention("The helicopter was 150 nautical miles west of the island.", "c"),
                       attribution="the Coast Guard", attribution_key="coast guard")
    near = _mention("The helicopter was about 150km west of the island.", "d")
    assert compare_claim(_claim(near, nautical), cfg) is not None


def test_one_digit_struck_wrong_is_a_misreport():
    """$20.69bn in three outlets, $20.89bn in a fourth citing the company: one digit of four differs."""
    cfg = load_config().compare
    claim = _key_claim(_m("a", 20.69e9, key="profit"), _m("b", 20.7e9, key="profit"),
                       _m("c", 20.89e9, attribution="alphabet", key="profit"))
    assert compare_claim(claim, cfg).kind == "misreport"


def test_a_toll_higher_a_day_later_is_evolving_whoever_gives_it():
    """More than 60 dead on Sunday night per a minister, 135 on Tuesday per the police: the count moved."""
    cfg = load_config().compare
    claim = _key_claim(_m("a", 60, attribution="minister", day=4, stated=True),
                       _m("b", 60, attribution="minister", day=4, stated=True),
                       _m("c", 135, attribution="police", day=5, stated=True))
    assert compare_claim(claim, cfg).kind == "evolving"


def test_a_slipped_scale_word_is_a_misreport_even_days_apart():
    """"43 million won" on Monday and "43 billion won" on Friday: nothing moves by exactly a thousand."""
    cfg = load_config().compare
    claim = _key_claim(_m("a", 43e6, day=13, key="won"), _m("b", 43e9, day=17, key="won"),
                       _m("c", 43e9, day=17, key="won"))
    assert compare_claim(claim, cfg).kind == "misreport"


def test_a_floor_on_an_exact_toll_is_the_count_but_a_round_floor_is_a_range():
    """"At least 153" on Saturday and 156 on Tuesday: the toll moved. "At least 150" and 153: the round floor
    was a floor, and 153 fills it."""
    cfg = load_config().compare
    exact = replace(_m("a", 153, day=1, stated=True), low=153, high=199, change=">=")
    later = _key_claim(exact, _m("b", 156, day=4, stated=True), _m("c", 156, day=4, stated=True))
    assert compare_claim(later, cfg).kind == "evolving"
    round_floor = replace(_m("a", 150, day=1, stated=True), low=150, high=195, change=">=")
    filled = _key_claim(round_floor, _m("b", 153, day=4, stated=True), _m("c", 153, day=4, stated=True))
    assert compare_claim(filled, cfg) is None


def test_a_mornings_floor_on_a_toll_below_the_evenings_count_is_evolving():
    """"Killing at least 120 people" in the morning and 179 dead that evening, from other agencies: the count
    was still under way, not disputed."""
    cfg = load_config().compare
    floor = replace(_m("a", 120, attribution="fire authorities", day=29), low=115, high=156, change=">=")
    claim = _key_claim(floor, _m("b", 179, attribution="fire agency", day=29),
                       _m("c", 179, attribution="ministry", day=30))
    assert compare_claim(claim, cfg).kind == "evolving"
    # Two exact counts on one day from two agencies stay a dispute.
    rival = _key_claim(_m("a", 120, attribution="fire authorities", day=29),
                       _m("b", 179, attribution="fire agency", day=29), _m("c", 179, attribution="fire agency", day=29))
    assert compare_claim(rival, cfg).kind == "disputed"


def test_a_figure_the_article_tells_as_superseded_is_evolving():
    """"Earlier in the day, the prosecutor's office had said that 32 people survived" beside the deputy
    prime minister's 29: the article reports the count changing."""
    cfg = load_config().compare
    early = _m("b", 32, attribution="office", key="survivors", start=200,
               sentence="Earlier in the day, the prosecutor's office had said that 32 people survived.")
    claim = _key_claim(_m("a", 32, attribution="office", key="survivors"),
                       _m("b", 29, attribution="bozumbayev", key="survivors", sentence="29 survived, he said."),
                       early, _m("c", 29, key="survivors", attribution="bozumbayev"))
    assert compare_claim(claim, cfg).kind == "evolving"
    # Without those words the two sources are rivals.
    plain = _key_claim(_m("a", 32, attribution="office", key="survivors"),
                       _m("b", 29, attribution="bozumbayev", key="survivors"), _m("c", 29, attribution="bozumbayev",
                                                                                 key="survivors"))
    assert compare_claim(plain, cfg).kind == "disputed"


def test_reordered_digits_are_a_misreport_whoever_is_credited():
    """56 injured per the president, "65 people were treated" per official figures: a typing slip, not rival
    counts. Set against each other in one sentence they would be a dispute."""
    cfg = load_config().compare
    claim = _key_claim(_m("a", 56, attribution="vucic", key="injured"), _m("b", 56, attribution="vucic", key="injured"),
                       _m("c", 65, attribution="official figures", key="injured"))
    assert compare_claim(claim, cfg).kind == "misreport"
    rivals = _key_claim(_m("a", 56, attribution="police", key="injured", sentence="x"),
                        _m("a", 65, attribution="organisers", key="injured", sentence="x"),
                        _m("b", 65, attribution="organisers", key="injured"))
    assert compare_claim(rivals, cfg).kind == "disputed"


def test_reversed_digits_are_a_misreport_however_far_apart():
    """16 arrested per police, 61 in another outlet: the digits reversed, whatever the ratio of the two."""
    cfg = load_config().compare
    claim = _key_claim(_m("a", 16, attribution="police", key="arrested"), _m("b", 61, key="arrested"))
    assert compare_claim(claim, cfg).kind == "misreport"


def test_a_sentence_stating_both_figures_holds_them_for_two_quantities():
    """UNICEF's "2.8 million children living in hard-to-reach areas, including 280,000 living under siege":
    another outlet's 280,000 besieged children is no misprint of 2.8 million."""
    cfg = load_config().compare
    both = ("UNICEF said 2.8 million children live in hard-to-reach areas, including 280,000 living under siege.")
    claim = _key_claim(_m("a", 280_000, attribution="unicef", key="children"),
                       _m("b", 2_800_000, attribution="unicef", key="children", sentence=both, start=12),
                       _m("c", 2_800_000, attribution="unicef", key="children", sentence=both, start=12))
    assert compare_claim(claim, cfg) is None
    # Without the sentence holding both, a factor of ten from one source is a slipped scale.
    slip = _key_claim(_m("a", 280_000, attribution="unicef", key="children"),
                      _m("b", 2_800_000, attribution="unicef", key="children"),
                      _m("c", 2_800_000, attribution="unicef", key="children"))
    assert compare_claim(slip, cfg).kind == "misreport"


def test_a_family_of_figures_that_agree_does_not_hide_another_that_disagrees():
    """"About 7,000 officers" sent to rallies elsewhere agree; 137 and 173 officers sent to Itaewon, days
    apart, are reordered digits: a misreport, found past the better-supported family."""
    cfg = load_config().compare
    claim = _key_claim(_m("a", 7_000, key="officer", day=1), _m("b", 7_000, key="officer", day=3, attribution="police"),
                       _m("c", 7_000, key="officer", day=3), _m("a", 137, key="officer", day=1, start=50),
                       _m("c", 173, key="officer", day=3, start=50))
    conflict = compare_claim(claim, cfg)
    assert conflict.kind == "misreport" and sorted(g[0].value for g in conflict.groups) == [137, 173]


def test_with_every_side_alike_in_support_the_rising_toll_is_the_family_not_a_stray_small_count():
    """A toll told once a day (at least 40, 93, 133, 137, 139) beside a stray "three" under the same key: each
    side has one article, so the side most others are of like size to anchors the comparison. Anchored on the
    "three" (the smallest, first in value order), only 40 was compared with it and the rest of the timeline
    was lost."""
    cfg = load_config().compare
    claim = _key_claim(_m("c", 3, day=24, start=90, attribution="committee"), _m("a", 40, day=22),
                       _m("b", 93, day=23, stated=True), _m("c", 133, day=24, stated=True),
                       _m("d", 137, day=25, stated=True), _m("e", 139, day=26, stated=True))
    conflict = compare_claim(claim, cfg)
    assert conflict.kind == "evolving"
    assert {40, 93, 133, 137, 139} <= {g[0].value for g in conflict.groups}


def test_of_two_figures_one_article_tells_apart_the_one_closer_to_the_others_is_compared():
    """"In excess of 1,500 potential witnesses" and "in excess of 140" (statements taken) in one article, 3,500
    witnesses in another: the 140 is the article's other quantity, not a rival of the 3,500."""
    cfg = load_config().compare
    claim = _key_claim(_m("a", 140, day=29, key="witness"), _m("a", 1_500, day=29, key="witness", sentence="t",
                                                                start=50), _m("b", 3_500, day=25, key="witness"))
    conflict = compare_claim(claim, cfg)
    assert conflict is None or 140 not in {g[0].value for g in conflict.groups}


def test_the_first_count_of_a_rising_toll_is_compared_however_far_below_but_not_a_later_small_count():
    """"At least 15" in a quake's first hours, 2,053 and 2,445 the next day: the toll rose 160-fold, past the
    ratio two figures of one quantity may be apart. A small figure after an earlier, larger one ("four bodies
    recovered" the day after "about 100" were feared dead) is some other count and stays out."""
    cfg = load_config().compare
    claim = _key_claim(_m("a", 15, day=7, attribution="officials"), _m("b", 2_053, day=8, stated=True),
                       _m("c", 2_445, day=8, stated=True), _m("d", 2_445, day=11))
    conflict = compare_claim(claim, cfg)
    assert conflict.kind == "evolving" and 15 in {g[0].value for g in conflict.groups}
    claim = _key_claim(_m("a", 100, day=24), _m("b", 4, day=25, attribution="abc"), _m("c", 670, day=26),
                       _m("d", 670, day=27), _m("e", 2_000, day=28, attribution="government"))
    assert 4 not in {g[0].value for g in compare_claim(claim, cfg).groups}


def test_the_same_number_with_another_unit_is_a_misreport():
    """"About 250 metres past the end of the runway" in two outlets, "some 250 feet" in a third."""
    def length(article, surface, metres):
        return replace(_m(article, metres, key="length|distance@runway"), surface=surface, unit="m", dimension="length",
                       low=metres * 0.95, high=metres * 1.05)
    claim = Claim("c", "s", "length|distance@runway", "length", "m",
                  (length("a", "about 250 metres", 250), length("b", "some 250 feet", 76.2), length("c", "some 250m", 250)))
    assert compare_claim(claim, load_config().compare).kind == "misreport"


def test_a_fixed_quantity_days_apart_is_not_evolving():
    """A contract's weekly wage at £240,000 in one outlet and £300,000 in another three days later: two versions
    of one fact, a dispute, not a figure moving."""
    cfg = load_config().compare
    a = replace(_m("a", 240_000, key="wage", attribution="bbc sport"), as_of=date(2023, 7, 16))
    b = replace(_m("b", 300_000, key="wage", attribution="the athletic"), as_of=date(2023, 7, 13))
    claim = _key_claim(a, b)
    conflict = compare_claim(claim, cfg)
    assert conflict is not None and conflict.kind != "evolving"


def test_a_toll_told_as_risen_to_is_the_count_moving_not_a_rival_count():
    """The same day's "killing at least 14" and "the toll rose to 28 overnight" from other sources: the
    rising toll, not a dispute between the two sources."""
    early = replace(_m("a", 14, attribution="interior minister", start=10,
                       sentence="It killed 14 miners, the interior minister said."), sentence_start=0)
    risen = replace(_m("b", 28, attribution="health minister", start=17,
                       sentence="The toll rose to 28 overnight, the health minister said."), sentence_start=0)
    conflict = compare_claim(_key_claim(early, risen), load_config().compare)
    assert conflict.kind == "evolving"
    rival = replace(risen, sentence="The health minister said 28 miners were killed.", start=25)
    assert compare_claim(_key_claim(early, rival), load_config().compare).kind == "disputed"


def test_moves_of_one_size_in_opposite_directions_disagree():
    """"shrank an annualised 0.4%" and, a month later, "grew at an annualised pace of 0.4%": one figure revised
    from a contraction to growth, though the sizes agree; a figure with no direction takes no side."""
    down = _mention("Japan's economy shrank an annualised 0.4%, the Cabinet Office said.", "a",
                    datetime(2024, 2, 15, tzinfo=timezone.utc))
    up = _mention("The economy grew at an annualised pace of 0.4%, the Cabinet Office said.", "b",
                  datetime(2024, 3, 11, tzinfo=timezone.utc))
    conflict = compare_claim(_claim(down, up), load_config().compare)
    assert conflict is not None and conflict.kind == "evolving" and len(conflict.groups) == 2
    plain = _mention("The annualised figure was 0.4%, the Cabinet Office said.", "c")
    assert compare_claim(_claim(down, plain), load_config().compare) is None


def test_a_ceiling_does_not_bridge_figures_that_disagree():
    """"at least 16", "as many as 22", 18 and "at least 22": the ceiling agrees with each, but 18 and "at least
    22" still disagree; a floor touching another floor ("well over 100" and "more than 130") agrees."""
    def hedged(value: float, low: float, high: float, article: str, change: str):
        return replace(_m(article, value), low=low, high=high, change=change)
    floor16, ceiling22 = hedged(16, 15.5, 20.8, "a", ">="), hedged(22, 14.74, 22.5, "b", "<=")
    exact18, floor22 = hedged(18, 17.5, 18.5, "c", "="), hedged(22, 21.5, 28.6, "d", ">=")
    groups = agreeing_groups([floor16, ceiling22, exact18, floor22], 0.0)
    assert len(groups) == 2 and exact18 in groups[0] and floor22 in groups[1]
    exact134 = hedged(134, 133.5, 134, "e", "=")
    groups = agreeing_groups([hedged(100, 100, 130, "a", ">"), hedged(130, 130, 169, "b", ">"), exact134], 0.0)
    assert len(groups) == 1
