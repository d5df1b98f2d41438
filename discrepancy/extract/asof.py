"""The date a figure holds for ("Monday", "last week", "on 23 October"), resolved against publication."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .sentences import figure_between

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH = (  # a month name as news prose writes it ("Oct.", "October")
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_EXPRESSIONS = re.compile(
    rf"\b(?P<explicit>\d{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?{MONTH}(?:\s\d{{4}})?|{MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?"
    rf"(?:,?\s\d{{4}})?)\b"
    r"|\b(?P<weekday>(?:last\s|on\s|late\s|early\s)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b"
    r"|\b(?P<relative>last week|a week ago|earlier this week|this week|yesterday|today|tonight|this morning|"
    r"this afternoon|overnight|last month|two weeks ago|(?:a|one|two|three|four|five|six|\d+) days? ago|"
    r"the day before|the previous day|a day (?:earlier|before))\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(?:will|next|due|scheduled|plans? to|set to|expected to|to host|to meet)\b", re.I)
_EVENT = re.compile(r"\b(?:struck|hit|shook|began|started|since|erupted|occurred|happened|broke out|began on|"
                    r"collided|crashed|derailed|landed|stampede)\b[^,.;]{0,40}$", re.I)
# An event named right before a date: "an explosion at its Amasra mine on Oct. 14 killed 41 workers".
_EVENT_NOUN = re.compile(r"\b(?:collision|crash|explosion|blast|quake|earthquake|attack|shooting|bombing|fire|wildfire|"
                         r"flood|floods|flooding|storm|hurricane|typhoon|cyclone|disaster|accident|derailment|"
                         r"collapse|eruption|sinking|shipwreck|stampede|crush)\b[^,.;]{0,40}?(?:\son|\sof)?\s$", re.I)
# "said on Monday", "said Monday", "announced Tuesday": the date the figure was given, preferred.
_REPORTED_BEFORE = re.compile(r"\b(?:said|says|announced|reported|confirmed|told reporters|raised|revised|"
                              r"updated|released)\s$", re.I)
# "killed since the protests began on 18 June": the start of the period counted, not the count's date.
_SINCE_BEFORE = re.compile(r"\bsince\b[^,;.]{0,30}$", re.I)
_COMPARED_BEFORE = re.compile(r"\b(?:than|compared\s+with|against)\s+(?:on\s+|in\s+)?$", re.I)
_REPORTED_AFTER = re.compile(r"^,?\s(?:said|says|announced|reported|confirmed)\b", re.I)
_DAYS_AGO = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _weekday(expr: str, published: date) -> date:
    name = expr.lower().split()[-1]
    delta = (published.weekday() - _WEEKDAYS.index(name)) % 7
    if expr.lower().startswith("last") and delta == 0:
        delta = 7
    return published - timedelta(days=delta)


def _relative(expr: str, published: date) -> date:
    e = expr.lower()
    if e in ("yesterday", "the day before", "the previous day", "overnight", "a day earlier", "a day before"):
        return published - timedelta(days=1)
    if e in ("last week", "a week ago"):
        return published - timedelta(days=7)
    if e == "two weeks ago":
        return published - timedelta(days=14)
    if e == "last month":
        return published - timedelta(days=30)
    if e == "earlier this week":
        return published - timedelta(days=min(published.weekday(), 3))
    m = re.match(r"(\w+) days? ago", e)
    if m:
        n = _DAYS_AGO.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else 1)
        return published - timedelta(days=n)
    return published


_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_DAY_MONTH = re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s(?:of\s)?(?P<month>[a-z]+)\.?(?:\s(?P<year>\d{4}))?$")
_MONTH_DAY = re.compile(r"(?P<month>[a-z]+)\.?\s(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s(?P<year>\d{4}))?$")


def _explicit(expr: str, published: datetime) -> date | None:
    """"23 October", "Oct. 23, 2023" as a date: the year written, else the latest such day on or before
    publication (what dateparser gives with PREFER_DATES_FROM=past, at a thousandth of its cost; the test
    suite checks the two agree)."""
    m = _DAY_MONTH.match(expr.lower()) or _MONTH_DAY.match(expr.lower())
    if not m:
        return None
    month, day = _MONTHS.get(m.group("month")[:3]), int(m.group("day"))
    if month is None:
        return None
    if m.group("year"):
        try:
            return date(int(m.group("year")), month, day)
        except ValueError:
            return None
    base = published.date()
    for year in range(base.year, base.year - 8, -1):  # 29 February goes back to the last leap year
        try:
            candidate = date(year, month, day)
        except ValueError:
            if day > 29 or month != 2:
                return None  # "30 February", "31 April": no such day in any year
            continue
        if candidate <= base:
            return candidate
    return None


def stated_as_of(sentence: str, position: int, published: datetime) -> date | None:
    """The date the sentence states for the figure at `position` (resolved against publication), or None
    when it states none (the caller then takes the publication date)."""
    day = published.date()
    best: tuple[int, date] | None = None
    # A date in another clause ("...; on 23 October the White House put it at 3,000") is not this figure's.
    lo = max((b.end() for b in re.finditer(r";", sentence[:position])), default=0)
    hi = next((b.start() for b in re.finditer(r";", sentence[position:])), len(sentence) - position) + position
    for m in _EXPRESSIONS.finditer(sentence, lo, hi):
        expr = m.group(0)
        if m.group("explicit"):
            resolved = _explicit(expr, published)
            # A date after publication is a future event (a meeting "on Thursday"), not an as-of date.
            if resolved is None or resolved > day:
                continue
            if _EVENT_NOUN.search(sentence[max(0, m.start() - 50): m.start()]) or \
                    _EVENT.search(sentence[max(0, m.start() - 60): m.start()]):
                continue  # "the collision on February 28 killed 57": when the event happened, not the count
        elif m.group("weekday"):
            if _FUTURE.search(sentence[max(0, m.start() - 30): m.start()]):
                continue  # "will host ... on Wednesday": a plan, not the figure's date
            tail = sentence[m.end(): m.end() + 10]
            if re.match(r"^(?:\s(?:night|evening|morning|afternoon))?['’]s", tail) or \
                    _EVENT.search(sentence[max(0, m.start() - 60): m.start()]):
                continue  # "Friday's quake", "struck late Friday": when the event happened, not the count
            resolved = _weekday(expr, day)
        else:
            resolved = _relative(expr, day)
        if _COMPARED_BEFORE.search(sentence[max(0, m.start() - 20): m.start()]) or \
                _SINCE_BEFORE.search(sentence[max(0, m.start() - 40): m.start()]):
            continue  # "slightly more than on 31 January": the date of the figure compared with
        # A date with another figure between it and this one is that figure's: "gave a figure of 30,000, ...
        # below the 40,000 who marched on 31 January".
        # (A date before the figure frames all that follows it: "For the quarter ended 31 December, Microsoft
        # reported revenue of $62,020 million, up 18% ...".)
        if figure_between(sentence, position, m.start()):
            continue
        distance = abs(m.start() - position)
        if _REPORTED_BEFORE.search(sentence[max(0, m.start() - 20): m.start()]) or \
                _REPORTED_AFTER.search(sentence[m.end(): m.end() + 20]):
            distance -= 1_000  # the day the figure was given beats any other date in the sentence
        if best is None or distance < best[0]:
            best = (distance, resolved)
    return best[1] if best else None
