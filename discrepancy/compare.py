"""Compare: a claim's mentions in, a `Conflict` out when their figures cannot all be true together.

Figures agree when their intervals (hedges, rounding, ranges, all in base units) overlap. A claim whose
mentions fall into two or more non-overlapping groups is a conflict, classified as
- `evolving`: the figure moved with time (different as-of dates, or one article reporting the change),
- `misreport`: outlets quoting the same source print different numbers,
- `disputed`: different sources give different figures for the same time.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import replace
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from itertools import combinations
from typing import Any, TypeVar

from .cluster import CHANGE_WORDS, CONTRAST_WORDS, contrasted
from .config import CompareConfig
from .extract.quantulum import SCALES
from .extract.referent import split_key
from .records import Claim, Conflict, Mention

T = TypeVar("T")
# Counts that only grow as a disaster is counted: a later, lower figure from another source contradicts.
# The missing, the displaced and those in hospital fall as people are found, go home or are discharged.
CUMULATIVE = frozenset({"killed", "injured", "affected", "arrested", "rescued", "structures", "identified"})
_KIND_WEIGHT = {"misreport": 1.0, "disputed": 0.8, "evolving": 0.55}


# An interval this wide for its figure is a floor or a ceiling ("at least 16", "as many as 22"): it agrees with
# every figure it holds, but does not make figures that disagree with each other agree by bridging them.
WIDE = 0.15


def _wide(low: float, high: float) -> bool:
    return high - low > WIDE * max(abs(low), abs(high), 1e-9)


def agreeing_groups(mentions: Sequence[T], tolerance: float,
                    bounds: Callable[[T], tuple[float, float]] = lambda m: (m.low, m.high)) -> list[tuple[T, ...]]:
    """Mentions split into groups whose intervals overlap (with relative `tolerance` of slack), low to high.

    Figures with narrow intervals are grouped first; a floor or ceiling then joins the first group it
    overlaps, so "at least 16", 18 and "at least 22" are two groups even though "as many as 22" overlaps all
    three. `bounds` reads an item's interval, so the report can group the snapshot's plain dicts the same way.
    """
    narrow = [m for m in mentions if not _wide(*bounds(m))]
    wide = [m for m in mentions if _wide(*bounds(m))]
    if not narrow or not wide:
        return _overlapping_groups(mentions, tolerance, bounds)
    groups = [list(g) for g in _overlapping_groups(narrow, tolerance, bounds)]
    alone = sorted(wide, key=bounds)
    placed = True
    while alone and placed:  # (a floor may reach a group through another floor already in it)
        placed = False
        for m in list(alone):
            home = next((g for g in groups if any(_overlap(bounds(m), bounds(x), tolerance)
                                                  and (not _wide(*bounds(x)) or _bound_kind(x) == _bound_kind(m))
                                                  for x in g)), None)
            if home is not None:
                home.append(m)
                alone.remove(m)
                placed = True
    groups += [list(g) for g in _overlapping_groups(alone, tolerance, bounds)] if alone else []
    return sorted((tuple(sorted(g, key=bounds)) for g in groups), key=lambda g: bounds(g[0]))


def _bound_kind(m: Any) -> str:
    """"floor" ("more than 130"), "ceiling" ("as many as 22") or "" for a mention or its snapshot dict."""
    change = m.get("change") if isinstance(m, dict) else getattr(m, "change", "")
    return "floor" if change in (">", ">=") else "ceiling" if change in ("<", "<=") else ""


def _overlap(a: tuple[float, float], b: tuple[float, float], tolerance: float) -> bool:
    slack = tolerance * max(abs(a[0]), abs(a[1]), abs(b[0]), abs(b[1]))
    eps = 1e-9 * max(abs(a[1]), abs(b[1]), 1.0)
    return a[0] - slack <= b[1] + eps and b[0] - slack <= a[1] + eps  # (a floor touching a ceiling agrees)


def _overlapping_groups(mentions: Sequence[T], tolerance: float,
                        bounds: Callable[[T], tuple[float, float]]) -> list[tuple[T, ...]]:
    """Single-link groups of overlapping intervals, low to high."""
    ordered = sorted(mentions, key=bounds)
    groups: list[list[T]] = []
    reach, reach_is_point = -math.inf, False
    for m in ordered:
        m_low, m_high = bounds(m)
        low = m_low - abs(m_low) * tolerance
        high = m_high + abs(m_high) * tolerance
        # (Scaled by the figures, never by the -inf of an empty reach: that made every lowest figure a point.)
        eps = 1e-9 * max(abs(m_high), abs(reach) if groups else 0.0, 1.0)
        is_point = m_high - m_low <= eps
        # Strictly overlapping: "6.7" (6.65-6.75) and "6.8" (6.75-6.85) only touch, and do disagree; an exact
        # figure on the edge of another's interval ("seven" and "seven") agrees.
        touching = abs(low - reach) <= eps and (is_point or reach_is_point)
        if groups and (low < reach - eps or touching):
            groups[-1].append(m)
            if high >= reach:
                reach, reach_is_point = high, is_point
        else:
            groups.append([m])
            reach, reach_is_point = high, is_point
    return [tuple(g) for g in groups]


def _sources(group: Sequence[Mention], copy_of: Mapping[str, str]) -> set[str]:
    """Independent sources behind a group: the attributed source, else the article's text, where copies
    of one wire text count once (ten outlets repeating one agency are one source)."""
    return {m.attribution_key or f"text:{copy_of.get(m.article_id, m.article_id)}" for m in group}


# Two figures for the same time, neither with a source, and not a slipped decimal: nothing says they are
# rival counts of one quantity rather than two quantities under one referent key ("72" and "121" seats).
_UNSOURCED = "unsourced"

# Words announcing that a source corrected its own count downwards ("revised the toll to 275").
_REVISION = re.compile(r"\b(?:revis\w*|lower(?:ed|s|ing)|correct\w*|downgrad\w*|counted twice|double[- ]count\w*|"
                       r"overcount\w*|retract\w*|withdr[ae]w\w*)\b", re.I)


def _contradicted_count(a: Sequence[Mention], b: Sequence[Mention]) -> bool:
    """Tolls only grow: a later, lower count from other sources, with no word of revision, contradicts the
    earlier one rather than updating it (the WHO's 3,958 dead a day after the UN's 11,300)."""
    early, late = sorted((a, b), key=lambda g: min(m.as_of for m in g))
    if min(m.as_of for m in late) <= min(m.as_of for m in early) or _value(late) >= _value(early):
        return False
    keys_early = {m.attribution_key for m in early if m.attribution_key}
    keys_late = {m.attribution_key for m in late if m.attribution_key}
    if not keys_early or not keys_late or keys_early & keys_late:
        return False
    return not any(_REVISION.search(m.sentence) for m in late)


def _risen_later(a: Sequence[Mention], b: Sequence[Mention]) -> bool:
    """Every figure of one side is dated at least a day after every figure of the other, and higher."""
    early, late = sorted((a, b), key=lambda g: min(m.as_of for m in g))
    return (min(m.as_of for m in late) > max(m.as_of for m in early)
            and min(m.low for m in late) > max(m.high for m in early))


# A figure told as the count having risen to it: "The death toll rose to 28 overnight", "has risen to 41".
_RISEN_TO = re.compile(r"\b(?:rose|risen|climbed|jumped|increased|grew|mounted|surged)\s+(?:again\s+)?(?:to|past|above)\s+"
                       r"(?:about\s|some\s|around\s|nearly\s|more than\s|at least\s|almost\s)?$", re.I)


def _told_as_risen(a: Sequence[Mention], b: Sequence[Mention]) -> bool:
    """The higher side is told as the toll having risen to it, and dated no earlier than the lower: the count
    moving, not a rival count (the same day's 14 and "rose to 28 overnight")."""
    low, high = sorted((a, b), key=_value)
    return (min(m.as_of for m in high) >= min(m.as_of for m in low)
            and any(_RISEN_TO.search(m.sentence[:m.start - m.sentence_start]) for m in high))


# Words telling a figure as an earlier report that another has replaced.
_SUPERSEDED = re.compile(r"\b(?:earlier in the day|initially|at first|first reported|originally|previously reported|"
                         r"an initial|the initial|had earlier|earlier estimate|earlier figure)\b", re.I)


def _early_floor(a: Sequence[Mention], b: Sequence[Mention]) -> bool:
    """One side only floors ("killing at least 120") below the other, and dated no later: a toll still being
    counted that morning, which the evening's 179 completes, not a rival count."""
    for low, high in ((a, b), (b, a)):
        if (all(m.change in (">", ">=") for m in low) and _value(low) < _value(high)
                and max(m.as_of for m in low) <= min(m.as_of for m in high)):
            return True
    return False


# Quantities fixed once set (a contract's wage or fee, a fine, a payment per victim, a capacity, a distance): two
# figures days apart are two versions of one fact, not a figure moving.
FIXED = frozenset({"wage", "fee", "fine", "compensation", "tranche", "capacity"})


def _fixed(a: Sequence[Mention]) -> bool:
    concept, qualifiers, _ = split_key(a[0].referent_key)
    return concept in FIXED or "capacity" in qualifiers or (concept == "length" and "distance" in qualifiers)


def _pair_kind(a: Sequence[Mention], b: Sequence[Mention], config: CompareConfig, cumulative: bool = False) -> str:
    """The kind of disagreement between two sides of a claim (`cumulative`: a toll, which only grows)."""
    if cumulative and _contradicted_count(a, b):
        return "disputed"
    ratio = max(_value(a), _value(b)) / max(min(_value(a), _value(b)), 1e-9)
    if _power_of_ten(ratio) and (ratio >= 99 or not cumulative):
        # "43 million won" on Monday, "43 billion" on Friday: no figure moves by exactly a thousand, and only a
        # toll might grow tenfold; a scale word or decimal slipped, whatever the dates.
        return "misreport"
    if cumulative and (_risen_later(a, b) or _early_floor(a, b) or _told_as_risen(a, b)):
        return "evolving"  # a toll higher a day later is the count moving, whoever gives it
    if any(_unit_slip(x, y) for x in a for y in b):
        return "misreport"  # "250 metres" printed "250 feet": the figure kept, the unit slipped
    slip = any(_typing_slip(x.value, y.value) for x in a for y in b) and \
        not any(x.sentence_start == y.sentence_start and x.article_id == y.article_id for x in a for y in b)
    if slip and not cumulative:
        # The same digits reordered (56 and 65, 137 and 173) are a typing slip whoever is credited and whenever:
        # rival counts do not land on each other's digits. (Unless one article sets the two against each
        # other; and a toll may rise from 123 to 132.)
        return "misreport"
    days_a = {m.as_of for m in a}
    days_b = {m.as_of for m in b}
    gap = min(abs((x - y).days) for x in days_a for y in days_b)
    if gap >= config.evolving_min_days and not _fixed(a):
        return "evolving"
    keys_a = {m.attribution_key for m in a if m.attribution_key}
    keys_b = {m.attribution_key for m in b if m.attribution_key}
    # An article giving both figures for different days, or one source moving its figure from one day to
    # the next, reports a change, not an error.
    for x in a:
        for y in b:
            if x.article_id == y.article_id and x.as_of != y.as_of and x.as_of_stated and y.as_of_stated:
                return "evolving"
            # "Earlier in the day, the prosecutor's office had said that 32 people survived", "the 89,000
            # first reported": the article tells one figure as superseded by the other, a change, not a dispute.
            if x.article_id == y.article_id and \
                    bool(_SUPERSEDED.search(x.sentence)) != bool(_SUPERSEDED.search(y.sentence)):
                return "evolving"
    if gap >= 1 and keys_a & keys_b and not _fixed(a):
        return "evolving"
    if keys_a & keys_b:
        return "misreport"
    if slip:
        return "misreport"  # a toll's reordered digits on the same day or so: a typing slip too
    if keys_a and keys_b:
        return "disputed"
    if _power_of_ten(ratio):
        return "misreport"  # a factor of exactly 10, 100, ...: a slipped decimal point or scale word
    if not keys_a and not keys_b:
        return _UNSOURCED
    return "disputed"


def _outlets(groups: Sequence[Sequence[Mention]]) -> set[str]:
    """Outlets behind the mentions, told apart by article id prefix when no outlet is known."""
    return {m.source or m.article_id for g in groups for m in g}


def _value(group: Sequence[Mention]) -> float:
    values = sorted(m.value for m in group)
    return values[len(values) // 2]


def conflict_id(claim: Claim, groups: Sequence[Sequence[Mention]]) -> str:
    """Stable across runs: the same claim and the same sides (figures to 3 significant digits). The claim
    is anchored at its earliest mention, since story ids change as a story gains articles while two
    stories (two quakes) can share a referent and even their figures."""
    figures = sorted(f"{_value(g):.3g}" for g in groups)
    _, article, start = min((m.as_of, m.article_id, m.start) for m in claim.mentions)
    basis = "|".join([article, str(start), claim.referent_key, claim.dimension, claim.unit, *figures])
    return "k-" + hashlib.sha1(basis.encode()).hexdigest()[:12]


def _severity(kind: str, groups: Sequence[Sequence[Mention]], copy_of: Mapping[str, str]) -> float:
    values = [_value(g) for g in groups]
    hi, lo = max(values), min(values)
    relative_gap = (hi - lo) / max(abs(hi), 1e-9)
    support = sorted(len(_sources(g, copy_of)) for g in groups)
    # Two sides each backed by several independent sources matter more than one stray figure.
    backing = 1 - 0.5 ** (support[0] + 0.5 * support[-1])
    # A claim scattered over many figures is more likely several things under one key than one dispute.
    sizes = sorted((len(g) for g in groups), reverse=True)
    coherence = 1.0 if kind == "evolving" else sum(sizes[:2]) / sum(sizes)
    score = _KIND_WEIGHT[kind] * (0.35 + 0.65 * relative_gap) * (0.5 + 0.5 * backing) * coherence
    return round(min(1.0, score), 3)


def _digits(value: float) -> str:
    return re.sub(r"\D", "", f"{abs(value):.4g}".split("e")[0]).strip("0")


def _typing_slip(a: float, b: float) -> bool:
    """The same two or more significant digits in another order (56 and 65, 276 and 267, $21.9bn and $19.2bn), or one
    digit of four or more different: the signature of a typing slip, as a factor of ten is of a slipped
    decimal."""
    da, db = _digits(a), _digits(b)
    if da == db:
        return False
    if len(da) >= 2 and sorted(da) == sorted(db) and (0.5 < a / b < 2 or len(str(int(a))) == len(str(int(b)))):
        return True  # (whatever their ratio when written with as many digits: "16 arrested" printed "61")
    if not (0.5 < a / b < 2):
        return False
    # ... or one digit of four or more struck wrong ($20.69bn printed $20.89bn)
    return len(da) == len(db) >= 4 and sum(x != y for x, y in zip(da, db)) == 1


_WRITTEN_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _unit_slip(x: Mention, y: Mention) -> bool:
    """The same number written with two different units of one dimension ("about 250 metres" and "some 250
    feet"): the signature of a unit slipped in copying, as a factor of ten is of a slipped decimal."""
    if x.dimension in _NEVER_CONVERTED or x.dimension != y.dimension:
        return False
    nx, ny = _WRITTEN_NUMBER.search(x.surface), _WRITTEN_NUMBER.search(y.surface)
    if not nx or not ny or nx.group(0).replace(",", "") != ny.group(0).replace(",", ""):
        return False
    ux = _NOT_UNIT.sub("", x.surface[nx.end():]).lower().strip()
    uy = _NOT_UNIT.sub("", y.surface[ny.end():]).lower().strip()
    return bool(ux) and bool(uy) and ux != uy and not math.isclose(x.value, y.value, rel_tol=0.02)


def _power_of_ten(ratio: float) -> bool:
    """10x, 100x or 1,000x exactly: the signature of a slipped decimal point or scale word."""
    exponent = math.log10(ratio)
    return 1 <= round(exponent) <= 3 and abs(exponent - round(exponent)) < 0.001


def _support(groups: Sequence[Sequence[Mention]]) -> Callable[[Sequence[Mention]], tuple]:
    """How well a side is supported, for ranking the sides of one claim: by how many articles and mentions
    give it, then (equal support) by how close it is to the others in size. The smallest side first, by
    accident of value order, hid Crocus's rising toll behind a stray "three"."""
    logs = [math.log(max(abs(_value(g)), 1e-12)) for g in groups]

    def key(g: Sequence[Mention]) -> tuple:
        own = math.log(max(abs(_value(g)), 1e-12))
        return len({m.article_id for m in g}), len(g), -sum(abs(own - x) for x in logs)
    return key


def plausible_sides(groups: list[tuple[Mention, ...]], max_ratio: float,
                    rising: bool = False) -> list[tuple[Mention, ...]]:
    """The sides that can be figures for one quantity: within `max_ratio` of the best-supported side, or
    exactly a power of ten away from it (a slipped decimal or scale word). "Two" beside "75,000" under one
    key are two different things the key could not tell apart, not a disagreement. With `rising` (a toll, which
    only grows), a lower figure of an earlier day is the count at its start, however far below: "at least 15"
    in the first hours of a quake whose toll stood at 2,445 the next day."""
    anchor = max(groups, key=_support(groups))
    a = abs(_value(anchor))
    first = min(m.as_of for g in groups for m in g)
    kept = []
    for g in groups:
        v = abs(_value(g))
        ratio = max(a, v) / max(min(a, v), 1e-12)
        # (the first count of all: a small figure after an earlier, larger one is some other count, such as
        # the bodies recovered so far)
        earlier = rising and v < a and max(m.as_of for m in g) < min(m.as_of for m in anchor) \
            and max(m.as_of for m in g) <= first
        if g is anchor or ratio <= max_ratio or (_power_of_ten(ratio) and min(a, v) >= 10) or earlier:
            kept.append(g)
    return kept


def _told_apart(a: Sequence[Mention], b: Sequence[Mention]) -> bool:
    """One article states a figure of each side, from the same source (or none) for the same day, and not as a
    change or a contrast within one sentence ("rose from 820 to 2,012", "1,800, far fewer than the 2,500
    the union claims"): the article itself holds them for two quantities ("Labour won 411 seats" and "the
    Conservatives won 121"), which the referent key could not tell apart. An article does not contradict
    itself; one that reports a change or quotes two sources is still compared."""
    for x in a:
        for y in b:
            if (x.article_id == y.article_id and x.attribution_key == y.attribution_key and x.as_of == y.as_of
                    and not (x.sentence_start == y.sentence_start
                             and (CHANGE_WORDS.search(x.sentence) or contrasted(x, y)))):
                return True
            # (Only where the two look like a slip of each other: a recap's "up from 211" is no such case.)
            low, high = sorted((abs(x.value), abs(y.value)))
            if low and _power_of_ten(high / low) and (_states_both(x, y) or _states_both(y, x)):
                return True
    return False


_FIGURE = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(million|billion|trillion|bn|m)?\b", re.I)


def _states_both(x: Mention, y: Mention) -> bool:
    """`x`'s sentence also states `y`'s figure as something else, with no change or contrast in it:
    "2.8 million children living in hard-to-reach areas, including 280,000 living under siege" holds the
    280,000 another outlet gives for the besieged as a different quantity, not a misprint of 2.8 million."""
    if not y.value or CHANGE_WORDS.search(x.sentence) or CONTRAST_WORDS.search(x.sentence):
        return False
    own = (x.start - x.sentence_start, x.end - x.sentence_start)
    for m in _FIGURE.finditer(x.sentence):
        if own[0] <= m.start() < own[1]:
            continue
        value = float(m.group(1).replace(",", "")) * SCALES.get((m.group(2) or "").lower(), 1.0)
        if math.isclose(value, y.value, rel_tol=0.005):
            return True
    return False



def confusable_sides(groups: Sequence[tuple[Mention, ...]]) -> list[tuple[Mention, ...]]:
    """The sides no article tells apart from one another, best-supported first kept (then back in value order)."""
    ranked = sorted(groups, key=_support(groups), reverse=True)
    kept: list[tuple[Mention, ...]] = []
    for g in ranked:
        if not any(_told_apart(g, k) for k in kept):
            kept.append(g)
    return [g for g in groups if any(g is k for k in kept)]


# An outlet converting "20 miles" writes "about 30km" (32.2 km): figures written in different units agree
# within this much more, for the rounding of a conversion.
CONVERSION_SLACK = 0.05
_NEVER_CONVERTED = frozenset({"count", "currency", "percent"})  # counts, money and shares: written one way
_NOT_UNIT = re.compile(r"[\d.,\s~]+|\b(?:about|around|roughly|approximately|some|nearly|almost|more than|"
                       r"less than|at least|up to|over|under)\b", re.I)


def _converted(mentions: Sequence[Mention]) -> bool:
    """Whether a claim's measurements are written in more than one unit ("30km" and "20 miles"); counts,
    money and shares are never converted."""
    if not mentions or mentions[0].dimension in _NEVER_CONVERTED:
        return False
    return len({_NOT_UNIT.sub("", m.surface).lower() for m in mentions}) > 1


def _floors_as_figures(m: Mention) -> tuple[float, float]:
    """A floor on an exact count ("at least 153") as the count; a round floor ("more than 370", "at least
    150") stays the range above it, which a later exact figure (375, 153) may fill."""
    exact = float(m.value).is_integer() and m.value % 10 != 0
    return (m.low, m.value) if m.change in (">", ">=") and exact else (m.low, m.high)


def compare_claim(claim: Claim, config: CompareConfig, copy_of: Mapping[str, str] | None = None) -> Conflict | None:
    """The conflict in `claim`, or None when all its figures can be true together.

    `copy_of` maps an article to the first article of its wire-copy group (see cluster.copy_map).
    """
    copy_of = copy_of or {}
    tolerance = config.relative_tolerance + (CONVERSION_SLACK if _converted(claim.mentions) else 0.0)
    over_time = len({m.as_of for m in claim.mentions}) > 1
    cumulative = split_key(claim.referent_key)[0] in CUMULATIVE
    # A toll's "at least 153" on Saturday and "156" on Tuesday are the count moving: over days, a floor on an
    # exact count is read as the figure it names, not as the open range above it.
    bounds = _floors_as_figures if cumulative and over_time else (lambda m: (m.low, m.high))
    all_groups = agreeing_groups(claim.mentions, tolerance, bounds)
    if len(all_groups) < 2:
        return _opposite_moves(claim, tolerance, config, cumulative, copy_of)
    max_ratio = config.max_ratio_evolving if over_time else config.max_ratio
    # The best-supported figure's sides first; where they all agree, the next family of figures of like size
    # ("about 7,000 officers" sent to rallies elsewhere agree, and 137 vs 173 sent to Itaewon do not).
    remaining = list(all_groups)
    while remaining:
        groups = plausible_sides(remaining, max_ratio, rising=cumulative and over_time)
        remaining = [g for g in remaining if not any(g is k for k in groups)]
        groups = confusable_sides(groups)
        conflict = _sides_conflict(claim, groups, config, cumulative, copy_of)
        if conflict is not None:
            return conflict
    return None


def _opposite_moves(claim: Claim, tolerance: float, config: CompareConfig, cumulative: bool,
                    copy_of: Mapping[str, str]) -> Conflict | None:
    """Shares of one size told as moves in opposite directions ("shrank an annualised 0.4%" and "grew at an
    annualised pace of 0.4%", "shares rose 2%" and "fell 2%"): they disagree however alike their sizes.
    Figures with no direction stated take no side."""
    if claim.dimension != "percent":
        return None
    moves = [m for m in claim.mentions if m.change in ("up", "down")]
    if not {m.change for m in moves} >= {"up", "down"}:
        return None
    groups = agreeing_groups(moves, tolerance, lambda m: (-m.high, -m.low) if m.change == "down" else (m.low, m.high))
    return _sides_conflict(claim, groups, config, cumulative, copy_of) if len(groups) >= 2 else None


def _sides_conflict(claim: Claim, groups: list[tuple[Mention, ...]], config: CompareConfig, cumulative: bool,
                    copy_of: Mapping[str, str]) -> Conflict | None:
    """The conflict among `groups`, sides of like size of one claim, or None."""
    if len(groups) < 2:
        return None
    # Figures disagree across news sources: one outlet contradicting only itself is not our case.
    if len({m.article_id for g in groups for m in g}) < 2 or len(_outlets(groups)) < 2:
        return None
    kinds = {(i, j): _pair_kind(a, b, config, cumulative) for (i, a), (j, b) in combinations(enumerate(groups), 2)}
    # Sides that disagree with another side only as unsourced figures for one time are left out.
    sourced = {i for pair, k in kinds.items() if k != _UNSOURCED for i in pair}
    groups = [g for i, g in enumerate(groups) if i in sourced]
    if len(groups) < 2 or len({m.article_id for g in groups for m in g}) < 2 or len(_outlets(groups)) < 2:
        return None
    # The claim's kind is what most of its disagreeing pairs of sides say (ties: the graver kind).
    votes = Counter(k for pair, k in kinds.items() if pair[0] in sourced and pair[1] in sourced)
    kind = max(("misreport", "disputed", "evolving"), key=lambda k: votes[k])
    return Conflict(
        id=conflict_id(claim, groups),
        claim=claim,
        kind=kind,
        severity=_severity(kind, groups, copy_of),
        groups=tuple(groups),
    )


def compare_claims(claims: Sequence[Claim], config: CompareConfig,
                   copy_of: Mapping[str, str] | None = None) -> list[Conflict]:
    """All conflicts, most severe first."""
    return rank_conflicts([c for c in (compare_claim(claim, config, copy_of) for claim in claims) if c is not None])


def rank_conflicts(conflicts: Sequence[Conflict]) -> list[Conflict]:
    """Most severe first (ties by id, then input order), ids made unique per run: the store keys on them,
    so should two claims ever hash alike, the later one in this deterministic order gets a suffix rather
    than ending the run. Used as well for conflicts computed elsewhere (per story, on a cluster)."""
    ranked = sorted(conflicts, key=lambda c: (-c.severity, c.id))
    seen: dict[str, int] = {}
    for i, c in enumerate(ranked):
        seen[c.id] = seen.get(c.id, 0) + 1
        if seen[c.id] > 1:
            ranked[i] = replace(c, id=f"{c.id}-{seen[c.id]}")
    return ranked


__all__ = ["agreeing_groups", "compare_claim", "compare_claims", "conflict_id", "rank_conflicts"]
