"""Numbers that are not quantities a fact-checker compares: years, dates, times, ages, ordinals, ids."""

from __future__ import annotations

import re

from .asof import MONTH
from .quantulum import MAGNITUDE_HYPHEN, NUMBER_WORDS, RawQuantity
from .units import known_unit

_CURRENCY_OR_PERCENT = ("percent", "USD", "EUR", "GBP", "JPY", "INR", "AUD", "CAD", "BRL", "CNY", "KES")

_DATE_BEFORE = re.compile(rf"\b{MONTH}\s*$", re.IGNORECASE)
_DATE_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?{MONTH}\b", re.IGNORECASE)
_TIME_AFTER = re.compile(r"^(?::\d\d|\s?(?:a\.?m\.?|p\.?m\.?|o'clock|gmt|utc|bst|cet|hrs)\b)", re.IGNORECASE)
_TIME_BEFORE = re.compile(r"\d:$")
_AGE_AFTER = re.compile(r"^(?:-|\s)(?:years?|months?|weeks?|days?)(?:-|\s)old\b|^-year\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:aged|age of|ages? of|age)\s*$", re.IGNORECASE)
_AGE_STATED_BEFORE = re.compile(r"\b(?:who|he|she|I)\s+(?:was|is|will\s+be|turns|turned|had\s+turned|would\s+be)\s+$",
                                re.IGNORECASE)
_AGE_STATED_AFTER = re.compile(r"\s*(?:[.,;!?]|$)|\s+(?:by|when|in|on|at|this|next|last)\b")
# "Sabrina Singh, 54, said", "Aziz Köse, 28, had": a name (in any script's letters, see _after_name) before
_AGE_APPOSITION = re.compile(r"(?:^|[\s(])(?P<name>[^\W\d_][^\W\d_'’-]*[^\W\d_]),\s$")
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b")
_ID_BEFORE = re.compile(r"(?:\bno\.?|\bnumber|\bnos\.?|#|\bsection|\bartic?le?|\bpage|\broute|\bflight|\bpo box"
                        r"|\binterstate|\bhighway|\bmotorway|\bfreeway|\bexit"
                        r"|\broom|\bchapter|\bclause|\bparagraph|\bline|\bgate|\bplatform)\s*$", re.IGNORECASE)
_SCORE = re.compile(r"^\d+\s?[–-]\s?\d+$")
_PHONE = re.compile(r"\+?\d[\d ()-]{7,}\d")
_YEAR_WORD_BEFORE = re.compile(r"\b(?:in|since|of|by|from|until|till|year|during|before|after|early|late|mid|"
                               r"the|'s|fiscal|fy|season|summer|winter|spring|autumn|fall)\s*$", re.IGNORECASE)


# A capitalised word (not a sentence's first) or a brand token right before a bare number.
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b(?:[A-Z][\w&]*|[a-z]+[A-Z]\w*)\s$")
_MONTH_WORD = re.compile(r"\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|(?:mon|tues|wednes|"
                         r"thurs|fri|satur|sun)day|The|A|An|Some|About|Around|Nearly|Almost|Only|Just|Over|"
                         r"Under|Up|To|By|In|At|Of|From|Since|All|Another)\s$", re.I)
_DECADE = re.compile(r"^(?:\d0s|\d{2}0s|\d{2}0's|\d0's)$")
_DURATION_ADJECTIVE = re.compile(r"\w-(?:year|month|week|day|hour|minute)$", re.IGNORECASE)
_NOUN_NEXT = re.compile(r"^\s(?:[$€£]|(?!(?:old|olds|ago|and|or|to|in|of)\b)[A-Za-z])")
_FRACTION_WORDS = re.compile(r"\b(?:half|quarter|third|fourth|fifth|tenth)s?\b", re.IGNORECASE)


def is_age(raw: RawQuantity, sentence: str) -> bool:
    """True when `raw` is a person's (or a thing's) age: "a 54-year-old farmer", "aged 54", "Singh, 54,"."""
    before = sentence[max(0, raw.start - 24): raw.start]
    after = sentence[raw.end: raw.end + 24]
    digits = raw.digits
    if raw.quantulum_unit in ("year", "month", "week", "day") and re.match(r"^-?\s?old\b", after):
        return True  # quantulum3 reads "a 54-year-old farmer" as 54 years
    if _AGE_AFTER.search(after) or (_AGE_BEFORE.search(before) and raw.unit in ("", "year")):
        return True  # "aged 54", "under the age of 5 years"
    if raw.unit == "" and digits.isdigit() and int(digits) < 120 and _AGE_STATED_BEFORE.search(before) \
            and _AGE_STATED_AFTER.match(after):
        return True  # "their daughter Maria who was 10.", "He will be 35 by the end of the year."
    return bool(raw.unit == "" and digits and digits.isdigit() and int(digits) < 120
                and _after_name(before) and after.startswith(","))


def _after_name(before: str) -> bool:
    """The text before ends in a capitalised word and a comma: "Singh, ", "Köse, " (not "In total, ")."""
    m = _AGE_APPOSITION.search(before)
    return bool(m) and m.group("name")[0].isupper() and not m.group("name")[1:].isupper() \
        and m.group("name").lower() not in _NOT_NAMES


# Capitalised words before a comma that are no names: "In total, 28, were hurt".
_NOT_NAMES = frozenset("""total all overall however meanwhile altogether today yesterday instead still also""".split())


def is_noise(raw: RawQuantity, sentence: str) -> bool:
    """True when `raw` is a year, date, clock time, age, ordinal, identifier, score or phone number."""
    before = sentence[max(0, raw.start - 24): raw.start]
    after = sentence[raw.end: raw.end + 24]
    digits = raw.digits
    surface = raw.surface.strip()
    if is_age(raw, sentence):
        return True
    if _DECADE.match(surface) or re.match(r"^\d0s\b", sentence[raw.start:raw.start + 4]):
        return True  # "in their 20s", "the 1990s"
    unit_text = raw.surface[len(digits):].strip() if digits and raw.surface.startswith(digits) else ""
    spaced = bool(digits) and raw.surface[len(digits):len(digits) + 1] == " "
    if raw.unit and spaced and re.match(r"[A-Z][a-z]{2,}", unit_text) and raw.start > 0 \
            and raw.unit not in _CURRENCY_OR_PERCENT and not re.fullmatch(r"[A-Z]{3}", raw.unit):
        return True  # a name, not a unit: "60 Minutes" (attached units such as "30Mbps" stay units)
    if raw.unit == "" and digits and "," not in digits and _NAME_BEFORE.search(before) and not _MONTH_WORD.search(before):
        return True  # a model or a league: "Boeing 737", "iPhone 11", "Big 12", "S&P 500", "Apple Watch 5"
    if raw.unit == "" and re.fullmatch(r"\d+-\d+", surface) and _NAME_BEFORE.search(before) \
            and not _MONTH_WORD.search(before):
        return True  # a model with its variant: "Boeing 737-800", "Tupolev 154-100", not a range
    if re.search(r"[A-Za-z]-$", before) and raw.unit == "" \
            and not MAGNITUDE_HYPHEN.match(sentence, raw.start - 1):
        return True  # "COVID-19", "F-35", "MH-17" (not "a magnitude-7.6 quake")
    if re.match(r"\d{1,2},? (?:19|20)\d\d\b", raw.surface.strip()) and not raw.unit.isupper():
        return True  # "Mar 9 2018" glued by quantulum3 into 92018 (also "August 26 2019 at" as ampere-turns)
    if re.fullmatch(r"(?:1[5-9]|20)\d\ds", surface):
        return True  # "2018s best performing sector": a year's possessive without its apostrophe
    years = re.fullmatch(r"(?:between\s+|from\s+)?(1[5-9]\d\d|20\d\d)\s?(?:and|to|[–-])\s?(1[5-9]\d\d|20\d\d)",
                         surface, re.IGNORECASE)
    if years and raw.unit == "" and int(years.group(1)) < int(years.group(2)) and not re.match(r"^\s+[a-z]+s\b", after):
        return True  # "between 2014 and 2017", "Between 1600 and 1900": a span of years, not a range of counts
    if re.fullmatch(r"\d{1,2}\.\d{2}", surface) and (raw.start == 0 or sentence[raw.end: raw.end + 1] in "-–"):
        return True  # a live blog's clock time or a day.month date: "21.20 -", "06.02"
    if raw.unit == "" and re.match(r"^-[a-z]", sentence[raw.end: raw.end + 2]):
        return True  # a compound adjective: "two-storey hall", "10-minute walk", "3-year-old war"
    if _DURATION_ADJECTIVE.search(surface) and _NOUN_NEXT.match(after):
        return True  # the same with the unit read: "a five-year $700,000 award", "a 24-hour strike", "the
        # 10-year Treasury": a duration naming a kind of thing, not a figure stated about it
    if not re.search(r"\d", surface) and _FRACTION_WORDS.search(surface) and raw.value < 100:
        return True  # "a quarter", "more than half": shares without a base, or calendar quarters
    if re.search(r"\s[ap]$", surface) and re.match(r"^\.?m\b", sentence[raw.end: raw.end + 3]):
        return True  # "3 p.m." that quantulum3 cut at "3 p"
    if re.match(r"^\s?(?:am|pm|a\.m|p\.m)\b", sentence[raw.end: raw.end + 5], re.I) or \
            re.search(r"\d\s?(?:am|pm)$", surface, re.I):
        return True  # "12.30pm"
    if not digits and not re.search(r"\d", surface) and not NUMBER_WORDS.search(surface):
        return True  # "a tax" read as 1 ampere: no numeral, no number word
    odd_unit = raw.unit not in ("", "year") and not (unit_text and known_unit(unit_text.split()[0]))
    if (raw.unit in ("", "year") or odd_unit) and raw.unit not in _CURRENCY_OR_PERCENT and digits:
        plain = digits.replace(",", "")
        if plain.isdigit() and len(plain) == 4 and "," not in digits and 1800 <= int(plain) <= 2100:
            if _YEAR_WORD_BEFORE.search(before) or not re.match(r"^\s+[a-z]+s\b", after):
                return True
        if _DATE_BEFORE.search(before) and len(plain) <= 2 or _DATE_AFTER.search(after) and len(plain) <= 2:
            return True
    if _TIME_AFTER.search(after) or _TIME_BEFORE.search(before):
        return True
    if _ORDINAL_AFTER.search(after) or _ID_BEFORE.search(before):
        return True
    if _SCORE.match(raw.surface.strip()) and raw.unit == "" and raw.high - raw.low < 10:
        return True
    window = sentence[max(0, raw.start - 6): raw.end + 6]
    if _PHONE.search(window) and raw.unit == "" and len(re.sub(r"\D", "", window)) >= 9 and " " in raw.surface:
        return True
    return False
