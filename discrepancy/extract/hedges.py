"""The interval a figure's wording allows: hedges ("about", "more than"), ranges, and rounding."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .quantulum import SCALES, RawQuantity

# Hedge words immediately before the number -> (change label, low factor, high factor).
# "about 10,000" -> 9,500-10,500 (the contract's example); "more than 1,000" has a soft ceiling (1.3x) because
# news prose does not say "more than 1,000" of 5,000.
_HEDGES: list[tuple[str, str, float, float]] = [
    # "just under 60 per cent" is 57-60, not 40-60; "just over 81 percent" is 81-85.
    (r"just (?:under|below|short of)|(?:slightly|a little|marginally) (?:under|below|less than|fewer than)",
     "<", 0.95, 1.0),
    (r"just (?:over|above)|(?:slightly|a little|marginally) (?:over|above|more than)", ">", 1.0, 1.05),
    (r"(?:more|greater|higher) than|over|above|in excess of|upwards of|north of|exceeding|topped|exceeded|"
     r"surpassed|passed|beyond", ">", 1.0, 1.3),
    (r"at least|no (?:fewer|less) than|a minimum of|not less than", ">=", 1.0, 1.3),
    (r"(?:fewer|less|lower) than|under|below|short of", "<", 0.67, 1.0),
    # ("the lead up to 3G", "in the run-up to 2024": the time before something, not a ceiling.)
    (r"(?<!lead )(?<!run )(?<!build )(?<!leading )(?<!running )(?<!-)up to|as (?:many|much|high) as|at most"
     r"|a maximum of|no more than|not more than", "<=", 0.67, 1.0),
    (r"nearly|almost|close to|approaching|just shy of|getting on for|barely|scarcely", "~", 0.9, 1.0),
    (r"nearer|closer to|nearer to", "~", 0.9, 1.1),  # "independent counts suggested nearer 50,000"
    (r"about|around|roughly|approximately|some|an estimated|estimated|circa|c\.|approx\.|more or less"
     r"|or so|nearly all|an approximate|on the order of|in the region of|the best part of"
     # "He has averaged 7.3 points", "averaging 15.9 degrees": a mean is a central figure, not an exact one.
     # ("an average of 50" names the statistic and stays exact, as NewsQuant labels it.)
     r"|averaged|averaging|averages", "~", 0.95, 1.05),
]
_HEDGE_BEFORE = [(re.compile(rf"(?:\b(?:{words}))\s*$", re.IGNORECASE), change, lo, hi)
                 for words, change, lo, hi in _HEDGES]
# "~25 min", "~1lb": the tilde reads "about" in technical and social-media prose.
_HEDGE_BEFORE.append((re.compile(r"(?<![\w~])~\s?$"), "~", 0.95, 1.05))
# "(<5 mg)", "≥ 3", "> 10 ppb": comparison signs in technical prose are the hedges spelled as symbols. (Not an
# arrow's head: "2 -> 5", "=> 10".)
_HEDGE_BEFORE += [(re.compile(rf"(?<![<>=-]){sign}\s?$"), change, lo, hi) for sign, change, lo, hi in (
    ("(?:≤|<=)", "<=", 0.67, 1.0), ("(?:≥|>=)", ">=", 1.0, 1.3), ("<", "<", 0.67, 1.0), (">", ">", 1.0, 1.3))]
_MOVE_BEFORE = re.compile(r"\b(?:by|from)\s*(?:US\$|\$US|\$|€|£|¥)?\s*$", re.IGNORECASE)
_PLUS_AFTER = re.compile(r"^\+|^\s?(?:or|and) more\b|^-plus\b", re.IGNORECASE)
_RANGE_BEFORE = re.compile(
    r"(?:\bbetween\s(?P<a>[\d.,]+)(?P<sa>\s?(?:million|billion|thousand))?\s(?:and|to)\s"
    r"|(?<!from\s)(?<![\d.,])(?P<b>[\d.,]+)(?P<sb>\s?(?:million|billion|thousand))?\s?(?:to|–|-)\s?)$",
    re.IGNORECASE,
)
# A direction verb up to three words before the figure: "rose 0.3%", "is poised to drop 0.2%", "fell to 820".
# (The words between may not be a preposition: "the biggest increase in 18 months" is no rise of 18.)
_BETWEEN = r"(?:(?!(?:in|for|of|since|over|after|during|within|than)\s)[\w$€£%.,-]+\s+){0,2}$"
_UP = re.compile(r"\b(?:rose|rise|rises|risen|rising|increased?|increases|climbed|climb|jumped|jump|grew|grow|up|"
                 r"soared|surged|gained|gain|gains|added|advanced|advancing|advances|rallied|rebounded|spiked|higher|"
                 r"expanded)\s+"
                 + _BETWEEN, re.I)
_DOWN = re.compile(r"\b(?:fell|fall|falls|fallen|dropped|drop|drops|declined?|declines|decreased?|decreases|down|"
                   r"slipped|slip|shrank|shrink|plunged|plunge|plummeted|plummets|slumped|slumps|dipped|dips|tanked|"
                   r"retreated|shed|lost|lose|sank|tumbled|slid|lower|cut|contracted|shrunk)\s+" + _BETWEEN, re.I)


# "grew at an annualised pace of 0.4%", "contracted at an annual rate of 0.4pc": a move told as a rate.
_RATE_OF = re.compile(r"\b(?P<verb>[a-z]+)\s+at\s+an?\s+(?:[a-z-]+\s+){0,2}?(?:rate|pace)\s+of\s+$", re.IGNORECASE)
# "dropped by 1 to 1.5 degrees", "rose by between 4% and 6%": a range that is the size of a move.
_BY_RANGE = re.compile(r"\b(?P<verb>[a-z]+)\s+by\s+(?:between\s+)?(?:US\$|\$|€|£|¥)?\s*$", re.IGNORECASE)


def _range_move(before: str) -> str | None:
    """"up" or "down" when a range is the amount a direction verb moved by ("fell by 2 to 3%"), else None."""
    m = _BY_RANGE.search(before)
    return _direction(m.group("verb")) if m else None


def _direction(verb: str) -> str | None:
    """"up" or "down" for a verb of movement ("fell", "grew"), else None."""
    return "up" if _UP.match(verb + " ") else "down" if _DOWN.match(verb + " ") else None


@dataclass(frozen=True, slots=True)
class Interval:
    value: float
    low: float
    high: float
    change: str
    start: int  # the figure's span, widened to cover a hedge word or a range's first number
    end: int


def rounding_halfwidth(digits: str, scale: float) -> float:
    """Half a step of the last significant digit written, read to two significant figures at least.

    A reported "3,000" means 2,950-3,049 (not 2,500-3,499), "2 million" 1.95-2.05 million, "1.12 million"
    1,115,000-1,125,000, "6.7" 6.65-6.75.
    """
    if not digits:
        return 0.0
    plain = digits.replace(",", "")
    try:
        value = float(plain) * scale
    except ValueError:
        return 0.0
    if value == 0:
        return 0.0
    if "." in plain:  # the decimals written are the precision given: "6.7" -> 0.05, "1.12 million" -> 5,000
        return 0.5 * 10.0 ** (-len(plain.split(".")[1])) * scale
    if abs(value) < 1000 and not plain.endswith("00"):
        return 0.5 * scale  # "270 bodies", "a toll of 40": small counts are counted, not rounded ("400" may be)
    significant = plain.replace(".", "").lstrip("0")
    if "." not in plain:
        significant = significant.rstrip("0")
    k = max(len(significant), 2)
    exponent = math.floor(math.log10(abs(value)))
    return 0.5 * 10.0 ** (exponent - k + 1)


def _number(text: str, scale_word: str | None, default_scale: float) -> float | None:
    try:
        value = float(text.replace(",", "").rstrip("."))
    except ValueError:
        return None
    scale = SCALES[scale_word.strip().lower()] if scale_word else default_scale
    return value * scale


def interval(raw: RawQuantity, sentence: str, rounding: bool = True) -> Interval:
    """The interval and NewsQuant-style change label of `raw`, from the words around it in `sentence`."""
    before = sentence[max(0, raw.start - 60): raw.start]
    after = sentence[raw.end: raw.end + 12]
    # A currency sign or "US" right before the number belongs to it; hedges sit before that.
    start, value, low, high, change = raw.start, raw.value, raw.low, raw.high, "="
    if low != high:
        change = "~"
    else:
        m = _RANGE_BEFORE.search(before)
        if m and _MOVE_BEFORE.search(before[:m.start()]):
            m = None  # "increased by $43.6 billion to $419.2 billion": a move, and the level it reached
        if m:
            first = _number(m.group("a") or m.group("b"), m.group("sa") or m.group("sb"), raw.scale)
            if first is not None and 0 < first < value:
                low, high, change = first, value, "~"
                value = (low + high) / 2
                start = raw.start - (len(before) - m.start())
    if change == "~":
        change = _range_move(sentence[max(0, start - 60):start]) or change
    if change == "=":
        for pattern, label, lo, hi in _HEDGE_BEFORE:
            m = pattern.search(before)
            if m:
                change, low, high = label, value * lo, value * hi
                start = raw.start - (len(before) - m.start())
                break
        else:
            if _PLUS_AFTER.search(after):
                change, low, high = ">", value, value * 1.3
            elif re.search(r"\b(?:to|at|from)\s+(?:just\s+|only\s+|a\s+record\s+)?$", before):
                pass  # "rose to 820", "fell from 2,415": a level the figure moved to or from, not the move
            else:
                rate = _RATE_OF.search(before)  # "grew at an annualised pace of 0.4%"
                rate_move = _direction(rate.group("verb")) if rate else None
                if _UP.search(before) or rate_move == "up":
                    change = "up"
                elif _DOWN.search(before) or rate_move == "down":
                    change = "down"
    if rounding:
        half = rounding_halfwidth(raw.digits, raw.scale)
        low, high = min(low, value - half), max(high, value + half)
    if low > high or math.isnan(low):
        low, high = high, low
    return Interval(value, low, high, change, start, raw.end)
