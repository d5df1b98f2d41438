"""The one place that talks to quantulum3: loading its classifier, parsing, and fixing its known faults.

Everything quantulum3 gets wrong that we know of is corrected here, each fix named in a test
(`tests/test_extract_quantulum.py`), so the rest of the package sees clean `RawQuantity` records.
"""

from __future__ import annotations

from collections.abc import Iterable

import logging
import os
import re
import tempfile
import warnings
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import platformdirs
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .quantulum_speed import fast_quantulum, word_tree

log = logging.getLogger(__name__)

SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6, "mil": 1e6, "billion": 1e9, "bn": 1e9,
    "b": 1e9, "trillion": 1e12, "tn": 1e12, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}
CURRENCY_SYMBOLS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "Rs": "INR",
                    "Rs.": "INR", "A$": "AUD", "C$": "CAD", "R$": "BRL", "HK$": "HKD", "S$": "SGD", "RM": "MYR",
                    "AU$": "AUD", "NZ$": "NZD", "CA$": "CAD", "NT$": "TWD", "$US": "USD", "$A": "AUD", "$NZ": "NZD",
                    "$HK": "HKD", "$C": "CAD", "PS": "GBP", "Y=": "JPY",
                    "SDR": "XDR"}  # the IMF's special drawing rights: "SDR 894 million"
# "Australian dollars", "Hong Kong dollars": the nationality decides the dollar.
_DOLLAR_NATIONS = {"australian": "AUD", "canadian": "CAD", "new zealand": "NZD", "hong kong": "HKD",
                   "singapore": "SGD"}
# "pounds" is absent on purpose: weight or sterling is for quantulum3's classifier to decide.
CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "rupee": "INR", "rupees": "INR", "yen": "JPY", "yuan": "CNY",
                  "reais": "BRL", "real": "BRL", "shillings": "KES", "shilling": "KES"}
_QUANTULUM_CURRENCY = {"dollar": "USD", "united states dollar": "USD", "euro": "EUR", "pound sterling": "GBP",
                       "japanese yen": "JPY", "indian rupee": "INR", "brazilian real": "BRL"}

_PERCENT_NAMES = ("percentage", "per cent", "percent")
# Words that state a number: a sentence without a numeral or one of these holds no quantity to parse.
# (As a prefix tree: every sentence is tested, and a 36-way alternation tried at each position was 5% of
# the extract stage.)
NUMBER_WORDS = re.compile(r"\b" + word_tree(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand
    million billion trillion dozen dozens hundreds thousands millions billions half quarter third""".split())
    + r"(?:\b|(?=-?fold\b))", re.IGNORECASE)  # ("sixfold", "tenfold": a number word glued to "fold")
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Money and scaled numbers, which quantulum3 mangles ("$1.2bn" -> "dollar barn newton", "€3m" -> euro metre,
# "a $1.2 billion" -> "dollar to the 1.2e+09"): matched here first and taken over whole.
_SCALED = re.compile(
    rf"(?<![\w$€£¥₹])(?P<cur>(?:US|HK|NZ|AU|CA|NT)\s?\$|\$(?:US|A|NZ|HK|C)(?=\s?\d)|A\$|C\$|R\$|S\$|\$|€|£|¥|₹|Rs\.?|"
    rf"(?:USD|EUR|GBP|JPY|CHF|AUD|CAD|INR|CNY|HKD|NZD|SGD|ZAR|RM|SDR)(?=\s?\d)|(?-i:PS)(?=\d)|(?-i:Y=)(?=\s?\d))?"
    rf"\s?(?P<neg>(?<=[$€£¥])-)?(?P<num>{_NUM})"
    r"(?:(?:\s|-)?(?P<scale>trillion|billion|million|thousand|lakhs?|crores?)\b|(?P<abbr>bn|tn|mn|mln|mil|m|k|b)\b)?"
    r"(?:\s(?P<curword>(?:(?:US|U\.S\.|Australian|Canadian|New Zealand|Hong Kong|Singapore)\s)?dollars?|euros?|"
    r"rupees?|yen|yuan|reais|shillings?)\b)?",
    re.IGNORECASE,
)
_COUNTED_NOUN = re.compile(r"(?:\s+(?!(?:in|at|on|of|to|for|from|by|with|across|into|over|under|high|long|wide|tall|"
                           r"deep|away|above|below|is|was|are|were)\b)[a-z]+){0,4}"
                           r"\s+(?:[a-z]+s|people|children|men|women|staff|personnel|cattle|sheep|livestock)\b")
# "put the number of protesters at 1.28m", "against 3.5m according to the CGT": a count's figure, in millions.
_COUNT_BEFORE = re.compile(r"\b(?:number|numbers|total|turnout|crowds?|count|tally|protesters|people|population|"
                           r"viewers|users|subscribers|customers|voters|residents|visitors|passengers|estimate|"
                           r"answer|records|accounts|members)\b[^.;]{0,30}"
                           r"\b(?:at|to|of|was|were|is|be|reached|hit|against)\s+(?:about\s|some\s|around\s|nearly\s|"
                           r"almost\s|more than\s|over\s|roughly\s)?$|\bagainst\s+$", re.I)
_NOT_THOUSANDS_AFTER = re.compile(r"\s*(?:runs?|races?|walks?|swims?)\b", re.IGNORECASE)
# "half a million", "a quarter of a million", "three quarters of a billion", "a third of a million"
_HALF = re.compile(r"\b(?:(?P<n>a|an|one|two|three)\s)?(?P<part>half|thirds?|quarters?)\s(?:of\s)?(?:a\s)?"
                   r"(?P<scale>million|billion|trillion)\b", re.IGNORECASE)
# "nine and a half million", "2 and a half billion": a whole and a half, scaled (quantulum3 reads "a half million")
_AND_A_HALF = re.compile(r"\b(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\sand\sa\s(?P<part>half|"
                         r"quarter)\s(?P<scale>thousand|million|billion|trillion)\b", re.IGNORECASE)
_PARTS = {"half": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25}
_PART_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}
_DOZEN = re.compile(r"\b(?:a|one)\sdozen\b", re.IGNORECASE)
_ONE_IN = re.compile(r"\b(?P<a>one|\d+)\s(?:in|out\sof)\s(?P<b>two|three|four|five|six|seven|eight|nine|ten|\d+)\b",
                     re.IGNORECASE)
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10}
# Year spans ("2012–13", "2023-24"): quantulum3 reads a range of numbers; they are dates, not quantities.
_YEAR_SPAN = re.compile(r"\b(?:19|20)\d\d\s?[–-]\s?(?:(?:19|20)\d\d|\d\d)\b")


@dataclass(frozen=True, slots=True)
class RawQuantity:
    """A number found in a sentence, before context (hedges, referent, attribution) is added."""

    start: int  # offsets into the sentence given to `parse_sentence`
    end: int
    surface: str
    value: float
    low: float  # equal to value unless the text gives a range
    high: float
    unit: str  # "" (a bare count), a currency code, "percent", or a pint unit expression
    quantulum_unit: str  # quantulum3's unit name, for evaluation in its vocabulary
    digits: str  # the numeral as written ("3,000", "1.2"), for rounding; "" for number words
    scale: float  # multiplier of a scale word (1.5 *million*), 1 when none


def _cache_dir() -> Path:
    return Path(os.environ.get("DISCREPANCY_CACHE_DIR") or platformdirs.user_cache_dir("discrepancy"))


@lru_cache(maxsize=1)
def classifier_path() -> str:
    """Path of a quantulum3 unit classifier trained under the installed scikit-learn.

    The classifier shipped inside quantulum3 is a pickle from an older scikit-learn and fails to load under
    current ones ("No module named '_loss'"). We retrain it once, with quantulum3's own training data and
    `train_classifier`, into the user cache (keyed by both versions), and load it from there ever after.
    """
    from quantulum3 import classifier

    target = _cache_dir() / f"quantulum3-{version('quantulum3')}-sklearn-{version('scikit-learn')}.joblib"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        log.info("training quantulum3's unit classifier once into %s", target)
        # Write to a temporary name and rename: a concurrent process never sees a half-written file.
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        os.close(fd)
        try:
            classifier.train_classifier(store=True, output_path=tmp, n_jobs=1)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    return str(target)


@lru_cache(maxsize=1)
def _prepared_classifier_path() -> str:
    """The classifier path, with the loaded model laid out for fast prediction (see below)."""
    import numpy as np
    from quantulum3 import classifier

    path = classifier_path()
    model = classifier.classifier("en_US", path)  # quantulum3 caches this object per (lang, path)
    if model.loaded:
        # Profiled: predict_proba computes X @ coef_.T with X sparse; coef_.T of a C-ordered coef_ is not
        # contiguous, so scipy copies the whole dense matrix on every call (~5 ms each, most of the
        # classifier's time). Fortran order makes coef_.T contiguous: same numbers, no copy.
        model.classifier.coef_ = np.asfortranarray(model.classifier.coef_)
    return path


@lru_cache(maxsize=1)
def _deterministic_operators() -> None:
    """Fault: quantulum3 joins its operator sets (multiplication "*", "x", " ", " times "; ranges "-", "to";
    uncertainties "±", "+/-"; digit grouping) into regexes straight from Python sets, so their order, and
    with it what "Stage 3 tax cuts" parses as (3 teraampere, or a plain 3), changes with each process's hash
    seed. Worse, the unit regex joins all operators as `a|b|x(?=unit)`, so the look-ahead that demands a unit
    after the operator binds to whichever operator happens to come last. Fixed: each set is ordered (longest
    first, then by character) before it is joined, with "x" last among the one-character operators, since it
    is the one that is also a letter ("3 tax") and must be followed by a unit; the regexes built from the old
    order are dropped from quantulum3's cache so they are rebuilt."""
    from quantulum3 import load
    from quantulum3 import regex as reg

    def ordered(items: Iterable[str]) -> list[str]:
        return sorted(items, key=lambda op: (-len(op), op == "x", op))

    original = {name: getattr(reg, name) for name in
                ("multiplication_operators", "ranges", "uncertainties", "grouping_operators", "operators")}
    # Each is called on every parse with the same language; the ordered results are computed once per
    # language (profiled: sorting them again on each call was ~4% of the extract stage).
    reg.operators = lru_cache(maxsize=8)(lambda lang="en_US": ordered(original["operators"](lang)))
    reg.multiplication_operators_regex = lru_cache(maxsize=8)(lambda lang="en_US": "|".join(
        re.escape(op) for op in ordered(original["multiplication_operators"](lang))))
    reg.ranges = lru_cache(maxsize=8)(lambda lang="en_US": ordered(original["ranges"](lang)))
    reg.uncertainties = lru_cache(maxsize=8)(lambda lang="en_US": ordered(original["uncertainties"](lang)))
    reg.grouping_operators_regex = lru_cache(maxsize=8)(
        lambda lang="en_US": "".join(ordered(original["grouping_operators"](lang))))
    for value in vars(reg).values():  # quantulum3 caches by the id of each undecorated regex builder
        for cell in getattr(value, "__closure__", None) or ():
            if callable(cell.cell_contents):
                load._CACHE_DICT.pop(id(cell.cell_contents), None)


def _quantulum_parse(sentence: str) -> list:
    from quantulum3 import parser

    _deterministic_operators()
    with warnings.catch_warnings(), fast_quantulum():
        warnings.simplefilter("ignore")
        try:
            return parser.parse(sentence, classifier_path=_prepared_classifier_path())
        except Exception as exc:  # quantulum3 raises on odd inputs ("per cent" in some versions)
            log.debug("quantulum3 failed on %r: %s", sentence[:80], exc)
            return []


def _scaled_matches(sentence: str) -> list[RawQuantity]:
    """Money and scale-word quantities found by our own pattern (see _SCALED)."""
    found = []
    for m in _SCALED.finditer(sentence):
        cur, curword, scale_word = m.group("cur"), m.group("curword"), m.group("scale") or m.group("abbr")
        if not (cur or curword or scale_word):
            continue
        if m.group("abbr") and not cur:
            # "1.5m people" is a million, "a 1.5m wall" is a length: a bare abbreviation counts as a scale
            # only before a plural noun. Fault: "25k" is 25 kibibytes to quantulum3; "k" is a thousand
            # unless it is a race ("a 5k run").
            after = sentence[m.end(): m.end() + 60]
            abbr = m.group("abbr").lower()
            if abbr == "k":
                if _NOT_THOUSANDS_AFTER.match(after):
                    continue
            elif abbr not in ("bn", "mn", "mln", "tn", "mil") and not _COUNTED_NOUN.match(after) \
                    and not _COUNT_BEFORE.search(sentence[max(0, m.start() - 50): m.start()]):
                continue
        digits = m.group("num")
        if cur in ("PS", "Y=") and not (scale_word or "," in digits or "." in digits or len(digits) > 1):
            continue  # "PS4" is a console, not four pounds ("£" spelled "PS" by a lossy transliteration)
        number = float(digits.replace(",", ""))
        scale = SCALES[scale_word.lower()] if scale_word else 1.0
        unit = ""
        if cur:
            code = cur.rstrip(".") if cur.startswith("Rs") else cur.replace(" ", "")  # "HK $3.7bn" as "HK$"
            unit = CURRENCY_SYMBOLS.get(code, code.upper() if re.fullmatch(r"[A-Za-z]{3}", code) else "USD")
        elif curword:
            nation = curword.lower().rsplit(" ", 1)[0] if " " in curword else ""
            unit = _DOLLAR_NATIONS.get(nation) or CURRENCY_WORDS[curword.split()[-1].lower()]
        value = number * scale * (-1 if m.group("neg") else 1)  # "$-50.8bn"
        found.append(RawQuantity(m.start(), m.end(), m.group(0), value, value, value, unit, unit or "", digits, scale))
    return found


# Vague quantities: "dozens of", "thousands of", "tens of millions of" -> the span of the plural
# (NewsQuant's reading: thousands 1,000-10,000). Fault: quantulum3 drops them or reads one end.
_VAGUE = re.compile(r"\b(?:(?P<mult>tens|hundreds)\s+of\s+)?(?P<word>dozens|hundreds|thousands|millions|billions)"
                    r"(?=\s+of\b)", re.IGNORECASE)
# A bare order of magnitude as written: "dozens", "thousands", "tens of thousands" (no numeral).
VAGUE_SURFACE = re.compile(r"^(?:(?:tens|hundreds)\s+of\s+)?(?:dozens|scores|hundreds|thousands|millions|billions)$",
                           re.IGNORECASE)
_VAGUE_BASE = {"dozens": 12.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
# Unit words quantulum3 misreads right after a numeral: "640bhp" (bit horsepower), "2.14degF" (degree angle
# fahrenheit), "352 μm" (unknown), "35 GWh" (dropped), "118.5p" (pint: pence), "300 PS" (metric horsepower),
# "4 ppb" (dropped as dimensionless), "1.38pc" (UK per cent).
_ALIAS_UNITS = {"bhp": "horsepower", "hp": "horsepower", "PS": "metric_horsepower", "degf": "degree fahrenheit",
                "degc": "degree Celsius", "μm": "micrometer", "µm": "micrometer", "gwh": "gigawatt hour",
                "mwh": "megawatt hour", "kwh": "kilowatt hour", "twh": "terawatt hour", "ppb": "parts-per-billion",
                "ppm": "parts-per-million", "ppt": "parts-per-trillion", "p": "GBX", "pc": "percent", "sen": "sen",
                "lb-ft": "foot_pound", "lbft": "foot_pound", "pound-feet": "foot_pound", "pound-foot": "foot_pound",
                "G": "generation wireless"}
# ("5G", "4G networks": a mobile generation, not gauss; "18 sen": the ringgit's cent.)
_ALIAS = re.compile(rf"(?<![\w.,$€£])(?P<num>{_NUM})(?:\s?(?P<spaced>bhp|hp|(?-i:PS)|deg\s?[CF]|[μµ]m|[GMkT]Wh|ppb|ppm|"
                    r"lb-?ft|pound-f[eo]{2}t)|\s(?P<word>(?-i:sen))|(?P<glued>p|pc|(?-i:G)))(?!\w)", re.IGNORECASE)


def _alias_units(sentence: str) -> list[RawQuantity]:
    found = []
    for m in _ALIAS.finditer(sentence):
        token = (m.group("spaced") or m.group("word") or m.group("glued"))
        key = token if token in ("PS", "G") else token.replace(" ", "").lower()
        if key == "G" and not re.fullmatch(r"[1-9]", m.group("num")):
            continue
        if key == "p" and re.match(r"\.?m\b", sentence[m.end():m.end() + 3]):
            continue  # "3p.m."
        unit = _ALIAS_UNITS.get(key) or _ALIAS_UNITS.get(token)
        if unit is None:
            continue
        digits = m.group("num")
        value = float(digits.replace(",", ""))
        found.append(RawQuantity(m.start(), m.end(), m.group(0), value, value, value, unit, unit, digits, 1.0))
    return found


def _vague(sentence: str) -> list[RawQuantity]:
    found: list[RawQuantity] = []
    lower = sentence.lower()
    if "s of" not in lower or not any(w in lower for w in _VAGUE_BASE):
        return found  # (a cheap test first: most sentences hold none)
    for m in _VAGUE.finditer(sentence):
        low = _VAGUE_BASE[m.group("word").lower()]
        if m.group("mult"):
            low *= 10.0 if m.group("mult").lower() == "tens" else 100.0
        high = low * 10
        found.append(RawQuantity(m.start(), m.end(), m.group(0), low, low, high, "", "", "", 1.0))
    return found


# "one of the students", "one solution", "category one hurricane": quantulum3 drops a lone "one".
_ONE = re.compile(r"(?<![\w-])(?<!\bno\s)(?<!\beach\s)(?<!\bevery\s)(?<!\bany\s)(?<!\bsame\s)(?<!\bthis\s)"
                  r"(?<!\bthat\s)(?<!\bwhich\s)(?<!\bthe\s)(?<!\bon\s)(?<!\bat\s)\bone"
                  r"(?=\s+(?:of\s+(?:the|his|her|its|their|our|my|your)\s+)?(?P<noun>[a-z][a-z-]+)\b)", re.IGNORECASE)


def _lone_ones(sentence: str) -> list[RawQuantity]:
    found: list[RawQuantity] = []
    if "one" not in sentence.lower():
        return found
    for m in _ONE.finditer(sentence):
        noun = m.group("noun").lower()
        if noun in ENGLISH_STOP_WORDS or noun in ("another", "day", "time", "way", "thing", "hand", "or", "and", "to",
                                                 "in", "out", "another", "more", "less", "too"):
            continue  # "one another", "one day", "one or two" (quantulum3's reading stays)
        found.append(RawQuantity(m.start(), m.end(), m.group(0), 1.0, 1.0, 1.0, "", "", "", 1.0))
    return found


# "6.5 times earnings", "grew sixfold": a multiple, which quantulum3 drops as dimensionless ("count").
_FOLD = re.compile(r"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand|\d+(?:\.\d+)?)-?fold\b",
                   re.IGNORECASE)
_FOLD_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
               "twenty": 20, "hundred": 100, "thousand": 1000}
# ("plus or minus 2 percent" is a tolerance, not a negative figure)
_MINUS_BEFORE = re.compile(r"(?<!plus or )(?<!plus-or-)\bminus[\s-]?$", re.IGNORECASE)
MAGNITUDE_HYPHEN = re.compile(r"(?<=\bmagnitude)-(?=\d)", re.IGNORECASE)  # (shared with noise)
_MINUS_WORD = re.compile(r"(?<!plus or )(?<!plus-or-)\bminus[\s-]?(?=\d)", re.IGNORECASE)


def _negated(found: list[RawQuantity], sentence: str) -> list[RawQuantity]:
    """Fault: "minus 387 Fahrenheit", "minus-5 yards" lose the sign."""
    if "minus" not in sentence.lower():
        return found
    out = []
    for r in found:
        m = _MINUS_BEFORE.search(sentence, 0, r.start)
        if m and r.value > 0:
            r = RawQuantity(m.start(), r.end, sentence[m.start():r.end], -r.value, -r.high, -r.low, r.unit,
                            r.quantulum_unit, r.digits, r.scale)
        out.append(r)
    return out


def _word_fixes(sentence: str) -> list[RawQuantity]:
    """Number words quantulum3 gets wrong: "half a million" (1.5 million), "a quarter of a million" (0.25 and
    a million), "a dozen" (1), "one in five" (5)."""
    found = []
    for m in _AND_A_HALF.finditer(sentence):
        n = m.group("n").lower()
        whole = float(_SMALL.get(n) or n)
        value = (whole + _PARTS[m.group("part").lower()]) * SCALES[m.group("scale").lower()]
        found.append(RawQuantity(m.start(), m.end(), m.group(0), value, value, value, "", "", "", 1.0))
    for m in _HALF.finditer(sentence):
        if any(f.start <= m.start() < f.end for f in found):
            continue  # "nine and a half million": taken whole above
        count = _PART_COUNTS[(m.group("n") or "a").lower()]
        value = count * _PARTS[m.group("part").lower()] * SCALES[m.group("scale").lower()]
        found.append(RawQuantity(m.start(), m.end(), m.group(0), value, value, value, "", "", "", 1.0))
    for m in _DOZEN.finditer(sentence):
        found.append(RawQuantity(m.start(), m.end(), m.group(0), 12.0, 12.0, 12.0, "", "", "", 1.0))
    for m in _ONE_IN.finditer(sentence):
        a = _SMALL.get(m.group("a").lower()) or float(m.group("a"))
        b = _SMALL.get(m.group("b").lower()) or float(m.group("b"))
        if b > a > 0:
            value = 100.0 * a / b
            found.append(RawQuantity(m.start(), m.end(), m.group(0), value, value, value, "percent", "percentage",
                                     "", 1.0))
    for m in (_FOLD.finditer(sentence) if "fold" in sentence.lower() else ()):
        n = m.group("n").lower()
        value = float(_FOLD_WORDS.get(n) or n)
        found.append(RawQuantity(m.start(), m.end(), m.group(0), value, value, value, "", "count",
                                 n if n[0].isdigit() else "", 1.0))
    return found + _vague(sentence)


def _shrink_unknown(q, sentence: str):
    """quantulum3 glues following words into units ("5.3 metres at" -> "metre ampere-turn"): re-parse
    the surface one word shorter at a time until the unit is a known one."""
    start, end = q.span
    words = sentence[start:end].split()
    while len(words) > 1:
        words = words[:-1]
        shorter = " ".join(words)
        found = [p for p in _quantulum_parse(shorter) if p.unit.entity.name != "unknown"]
        if found:
            fixed = found[0]
            fixed.span = (start + fixed.span[0], start + fixed.span[1])
            return fixed
    return q


_RELATIVE_TIME_AFTER = re.compile(r"^\s(?:earlier|later|before|after|ago|previously)\b")


def _from_quantulum(q, sentence: str) -> RawQuantity | None:
    if q.unit.entity.name == "unknown" and " " in q.unit.name and q.unit.name not in _PERCENT_NAMES:
        q = _shrink_unknown(q, sentence)
    # quantulum3 reports a span starting at -1 for a range opening the sentence ("Between 11,000 and ...").
    q.span = (max(0, q.span[0]), min(len(sentence), q.span[1]))
    if (_RELATIVE_TIME_AFTER.match(sentence[q.span[1]:])
            and re.match(rf"(?:{_NUM})\s+an?\s", sentence[q.span[0]:q.span[1]])) \
            or (q.unit.name == "league" and re.fullmatch(rf"(?:{_NUM})\s+league", sentence[q.span[0]:q.span[1]])) \
            or re.fullmatch(rf"(?:{_NUM})\s+at", sentence[q.span[0]:q.span[1]]):
        # "288 a day earlier" is 288 (and "288 a" alone would be 288 years): keep the bare number.
        # Fault: "36 league games" is 36 games to a reader and 36 leagues (a length) to quantulum3; the
        # singular "league" before a noun is the sports league (a distance is written "20 leagues").
        # Fault: "240,000 at its peak" is 240,000 ampere-turns to quantulum3 ("At" is the unit's symbol).
        number = re.match(_NUM, sentence[q.span[0]:]).group(0)
        start = q.span[0]
        value = float(number.replace(",", ""))
        return RawQuantity(start, start + len(number), number, value, value, value, "", "dimensionless", number, 1.0)
    start, end = q.span
    surface = sentence[start:end]
    trailing = re.search(r"\s*/\s*$", surface)
    if trailing and trailing.start() > 0:  # "224 kW / 300 PS": the slash between conversions is no part of "224 kW"
        end, surface = start + trailing.start(), surface[:trailing.start()]
    name = q.unit.name
    entity = q.unit.entity.name
    unit = ""
    if entity == "currency" or name in _QUANTULUM_CURRENCY:
        # Fault: cutting a currency's name to three letters made "cent" "CEN" and "south african rand"
        # "SOU". quantulum3 knows the ISO code; a sub-unit without one (cent, penny) keeps its own name.
        code = getattr(q.unit, "currency_code", None)
        unit = code or _QUANTULUM_CURRENCY.get(name) or name
    elif name in _PERCENT_NAMES:
        unit = "percent"
    elif entity not in ("dimensionless", "unknown"):
        unit = name
    elif name == "count" and re.search(r"\btimes$", surface):
        name = "count"  # "78,000 times a minute", "6.5 times earnings": a multiple, kept as a bare count
    elif name not in ("dimensionless",):
        return None  # an unknown compound ("litre year kibibyte hour"): a parse failure, not a quantity
    low = high = float(q.value)
    numerals = re.findall(_NUM, surface)
    if q.uncertainty and re.search(r"\bfrom\s*$", sentence[:start]) and " to " in surface and numerals:
        # "from 62 to 64" is a change to 64, not a range: keep the figure it ends at. (Spelled out, "from one
        # to three years" has no numeral to keep and stays quantulum3's range.)
        number = numerals[-1]
        at = start + surface.rindex(number)
        value = float(number.replace(",", ""))
        return RawQuantity(at, at + len(number), number, value, value, value, unit, name, number, 1.0)
    if q.uncertainty and re.search(r"[–-]|\bto\b|\band\b", surface):
        # (also "5% to 10%" and "four thousand to five thousand", which the old digit-only test missed)
        # quantulum3 gives a range as its midpoint with the half-width as "uncertainty"
        low, high = float(q.value) - float(q.uncertainty), float(q.value) + float(q.uncertainty)
    digits = re.search(_NUM, surface)
    return RawQuantity(start, end, surface, float(q.value), low, high, unit, name,
                       digits.group(0) if digits and len(re.findall(_NUM, surface)) == 1 else "", 1.0)


_UNIT_WORD = re.compile(r"\s(?P<word>[a-z]{3,}(?:\s[a-z]{3,})?)\b")
# Words pint reads as units that in news prose are plain words.
_NOT_UNIT_WORDS = frozenset("""point points bit bits barn barns cup cups stone stones light lights gross count counts
    sheet sheets percent pint pints pole poles rod rods span spans hand hands foot line lines quad quads mill mills
    bag bags shake shakes rem fathom drop drops tablespoon teaspoon pinch cord cords knot knots block blocks
    year years day days month months week weeks hour hours minute minutes second seconds league""".split())


def _unit_word_after(raw: RawQuantity, sentence: str) -> RawQuantity:
    """quantulum3 misses some unit words ("150,000 hectares" is dimensionless to it): ask pint."""
    from .units import known_unit

    m = _UNIT_WORD.match(sentence, raw.end)
    if not m:
        return raw
    for candidate in (m.group("word"), m.group("word").split()[0]):
        last = candidate.split()[-1]
        if last in _NOT_UNIT_WORDS or last in ENGLISH_STOP_WORDS or len(last) < 4 or not known_unit(candidate):
            continue
        end = raw.end + 1 + len(candidate)
        return RawQuantity(raw.start, end, sentence[raw.start:end], raw.value, raw.low, raw.high, candidate,
                           candidate, raw.digits, raw.scale)
    return raw


def parse_sentence(sentence: str) -> list[RawQuantity]:
    """All quantities in one sentence, quantulum3's findings corrected by our fixes, ordered by offset."""
    return list(_parse_sentence_cached(sentence))


# Wire copies and syndicated stories repeat sentences verbatim across outlets: a sentence is parsed once
# per process. The records are frozen, so sharing them is safe; the bound keeps memory flat on a long run.
@lru_cache(maxsize=8192)
def _parse_sentence_cached(sentence: str) -> tuple[RawQuantity, ...]:
    return tuple(_parse_sentence(sentence))


def _parse_sentence(sentence: str) -> list[RawQuantity]:
    # "12.3m tonnes": a scale word's figure takes a unit written after it as quantulum3's would
    ours = [_unit_word_after(r, sentence) if r.unit == "" and r.scale != 1.0 else r for r in _scaled_matches(sentence)]
    ours += _word_fixes(sentence)
    ours += [a for a in _alias_units(sentence) if not any(a.start < o.end and o.start < a.end for o in ours)]
    year_spans = [m.span() for m in _YEAR_SPAN.finditer(sentence)]
    result = list(ours)
    # Fault: quantulum3 finds nothing in "minus-5 yards"; the word is blanked (offsets kept) and the sign
    # put back by _negated.
    blanked = _MINUS_WORD.sub(lambda m: " " * len(m.group(0)), sentence) if "minus" in sentence.lower() else sentence
    # Fault: quantulum3 finds nothing in "the magnitude-7.6 quake"; the hyphen is blanked (offsets kept).
    blanked = MAGNITUDE_HYPHEN.sub(" ", blanked) if "-" in blanked else blanked
    for q in _quantulum_parse(blanked):
        raw = _from_quantulum(q, sentence)
        if raw is None:
            continue
        if any(raw.start < e and s < raw.end for s, e in year_spans):
            continue
        overlapping = [o for o in ours if raw.start < o.end and o.start < raw.end]
        if overlapping:
            continue  # our reading of money, scale words and number words wins
        result.append(_unit_word_after(raw, sentence) if raw.unit == "" else raw)
    result += [o for o in _lone_ones(sentence) if not any(o.start < r.end and r.start < o.end for r in result)]
    result.sort(key=lambda r: r.start)
    return [_per_area(r, sentence) for r in _or_ranges(_money_ranges(_negated(result, sentence), sentence), sentence)]


# "491 litres of rain per square metre", "300 l/m2": rainfall as a volume per area, which is a depth (1 l/m² is
# 1 mm), so that it meets "491mm" and "19 inches".
_PER_AREA = re.compile(r"\s*(?:of\s+(?:rain(?:fall)?|water|precipitation)\s+)?(?:per\s+square\s+(?:metre|meter)|/\s?m(?:2|²)|"
                       r"per\s+m(?:2|²))\b", re.I)
_PER_AREA_BARE = re.compile(r"\s*(?:l|litres?|liters?)\s?/\s?m(?:2|²)", re.I)


def _per_area(raw: RawQuantity, sentence: str) -> RawQuantity:
    """Fault: quantulum3 reads "491 litres per square metre" as 491 litres, and "300 l/m2" as a bare 300."""
    if raw.unit == "litre":
        m = _PER_AREA.match(sentence, raw.end)
    elif raw.unit == "":
        m = _PER_AREA_BARE.match(sentence, raw.end)
    else:
        return raw
    if not m:
        return raw
    return RawQuantity(raw.start, m.end(), sentence[raw.start:m.end()], raw.value, raw.low, raw.high,
                       "litre per square metre", raw.quantulum_unit, raw.digits, raw.scale)


def _or_ranges(found: list[RawQuantity], sentence: str) -> list[RawQuantity]:
    """"three or four years", "10 or 15 minutes", "one or two people": two guesses are one range.

    Fault: quantulum3 reads a bare 3 and 4 years. Only a rising pair close in size is joined ("1 or 20"
    offers two different things), only when the first is bare or in the second's unit, and not for money or
    scaled figures ("about 8 or $9", "25k or 40k cheaper ... respectively" are two figures).
    """
    out: list[RawQuantity] = []
    for q in found:
        prev = out[-1] if out else None
        if prev is not None and prev.unit in ("", q.unit) and prev.low == prev.high and q.low == q.high \
                and not re.fullmatch(r"[A-Z]{3}", q.unit) and prev.scale == q.scale == 1.0 \
                and re.fullmatch(r"\s+or\s+", sentence[prev.end:q.start]) \
                and not re.match(r"[^.;]*\brespectively\b", sentence[q.end:]) \
                and 0 < prev.value < q.value <= 3 * prev.value:
            out[-1] = RawQuantity(prev.start, q.end, sentence[prev.start:q.end], (prev.value + q.value) / 2,
                                  prev.value, q.value, q.unit, q.quantulum_unit, "", q.scale)
            continue
        out.append(q)
    return out


_RANGE_GAP = re.compile(r"\s?(?:to|-|–|and)\s?")
_NOT_RANGE_BEFORE = re.compile(r"\b(?:from|by)\s+$", re.IGNORECASE)
_RANGING_BEFORE = re.compile(r"\brang(?:e|es|ing)\s+from\s+$", re.IGNORECASE)


def _money_ranges(found: list[RawQuantity], sentence: str) -> list[RawQuantity]:
    """"$800,000 to $1.3 million", "between $US160 million and $US171 million" are one range.

    Fault: each end is its own figure to quantulum3 and to our money pattern. "from $2,415 to $2,315" and
    "by $43.6bn to $419.2bn" stay two figures: a move from one level to another, not a range.
    """
    out: list[RawQuantity] = []
    for q in found:
        prev = out[-1] if out else None
        if prev is not None and prev.unit and prev.unit == q.unit and (prev.scale != 1.0 or q.scale != 1.0
                                                                       or prev.unit.isupper()):
            gap = sentence[prev.end:q.start]
            before = sentence[:prev.start]
            joined = _RANGE_GAP.fullmatch(gap) is not None and 0 < prev.value < q.value
            if joined and gap.strip() == "and":
                joined = re.search(r"\bbetween\s+$", before, re.IGNORECASE) is not None
            elif joined and _NOT_RANGE_BEFORE.search(before) and not _RANGING_BEFORE.search(before):
                joined = False
            if joined and prev.scale == 1.0 and q.scale != 1.0 and 0 < prev.value < q.value / q.scale:
                # "US $89 to $93 billion": the first end is in billions too
                prev = RawQuantity(prev.start, prev.end, prev.surface, prev.value * q.scale, prev.low * q.scale,
                                   prev.high * q.scale, prev.unit, prev.quantulum_unit, prev.digits, q.scale)
                joined = True
            if joined:
                out[-1] = RawQuantity(prev.start, q.end, sentence[prev.start:q.end], (prev.value + q.value) / 2,
                                      prev.value, q.value, q.unit, q.quantulum_unit, "", q.scale)
                continue
        out.append(q)
    return out
