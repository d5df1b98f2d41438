"""Score quantity extraction against NewsQuant-format gold (the CQE paper's test set format).

Gold and predictions share one format: a JSON list of ``{"text", "quantities": [{"change", "value",
"unit", "normalized_unit", "referred_concepts"}]}``; a range's value is written ``"low-high"``.

The metric mirrors the CQE evaluation (Almasian et al., EMNLP 2023), made strictly one-to-one:

* values match when ``numpy.isclose`` (rtol 1e-5) holds; a range matches only a range, end by end (a
  range's midpoint, which quantulum3 reports, is not the range: CQE averaged gold ranges for quantulum3
  only, and the issue's anchors for raw quantulum3 are reproduced exactly without that allowance);
* units match when the lower-cased ``normalized_unit`` strings are equal;
* changes match when the labels are equal;
* concepts are split on commas and white space and lower-cased; *partial* when the token sets intersect,
  *complete* when they are equal (an absent concept is ``"-"`` on both sides, so "-" matches "-");
* per sentence, gold and predicted quantities are paired one-to-one among value matches (Hungarian
  assignment maximising value matches first, then unit, change and concept agreement), so no gold or
  predicted quantity is counted twice;
* precision = matched / predicted, recall = matched / gold, for value, value+unit, value+change,
  value+concept (partial) and value+concept (complete).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

import numpy as np
from scipy.optimize import linear_sum_assignment

METRICS = ("value", "value+unit", "value+change", "value+concept_partial", "value+concept_complete")

Value = float | tuple[float, float]


# ------------------------------------------------------------------ reading and writing the format


def load_newsquant(path: str | Path) -> list[dict[str, Any]]:
    """NewsQuant-format items: [{"text": str, "quantities": [...]}, ...]."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of sentences")
    for i, item in enumerate(data):
        if not isinstance(item, dict) or "text" not in item or not isinstance(item.get("quantities", []), list):
            raise ValueError(f"{path}: item {i} needs 'text' and a 'quantities' list")
    return data


def write_newsquant(items: list[dict[str, Any]], path: str | Path) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(items, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def parse_value(value: Any) -> Value | None:
    """"12.5" -> 12.5; "1000-10000" -> (1000, 10000); "-3" -> -3; "1e-05" -> 1e-05; None when unreadable."""
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return float(value[0]), float(value[1])
    text = str(value).strip().replace(",", "")
    m = re.fullmatch(r"(-?[\d.]+(?:[eE][-+]?\d+)?)\s*-\s*(-?[\d.]+(?:[eE][-+]?\d+)?)", text)
    if m:
        try:
            return float(m.group(1)), float(m.group(2))
        except ValueError:
            return None
    try:
        return float(text)
    except ValueError:
        return None


def format_value(value: Value) -> str:
    if isinstance(value, tuple):
        return f"{_num(value[0])}-{_num(value[1])}"
    return _num(value)


def _num(x: float) -> str:
    return f"{x:.12g}"


def concept_tokens(concepts: Any) -> frozenset[str]:
    if isinstance(concepts, (list, tuple)):
        concepts = " ".join(str(c) for c in concepts)
    tokens = {t.lower() for t in re.split(r"[,\s]+", str(concepts or "").strip()) if t}
    return frozenset(tokens or {"-"})


# ------------------------------------------------------------------ the metric


def values_match(gold: Value | None, predicted: Value | None) -> bool:
    if gold is None or predicted is None:
        return False
    close = lambda a, b: bool(np.isclose(a, b, rtol=1e-05, atol=1e-08))  # noqa: E731
    if isinstance(gold, tuple):
        return isinstance(predicted, tuple) and close(gold[0], predicted[0]) and close(gold[1], predicted[1])
    if isinstance(predicted, tuple):
        return False
    return close(gold, predicted)


@dataclass(frozen=True)
class _Q:
    value: Value | None
    unit: str
    change: str
    concepts: frozenset[str]


def _q(d: dict[str, Any]) -> _Q:
    return _Q(parse_value(d.get("value")), str(d.get("normalized_unit") or "-").strip().lower(),
              str(d.get("change") or "=").strip(), concept_tokens(d.get("referred_concepts")))


def _agreement(g: _Q, p: _Q) -> tuple[bool, bool, bool, bool]:
    return g.unit == p.unit, g.change == p.change, bool(g.concepts & p.concepts), g.concepts == p.concepts


def match_sentence(gold: list[dict], predicted: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) among value matches, best agreement first."""
    gs, ps = [_q(g) for g in gold], [_q(p) for p in predicted]
    if not gs or not ps:
        return []
    weight = np.zeros((len(gs), len(ps)))
    for i, g in enumerate(gs):
        for j, p in enumerate(ps):
            if values_match(g.value, p.value):
                unit, change, partial, complete = _agreement(g, p)
                weight[i, j] = 1000 + 100 * unit + 10 * change + 2 * partial + complete
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols) if weight[i, j] > 0]


@dataclass(frozen=True)
class Scores:
    gold: int
    predicted: int
    correct: dict[str, int]

    def prf(self, metric: str) -> tuple[float, float, float]:
        tp = self.correct[metric]
        p = tp / self.predicted if self.predicted else 0.0
        r = tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return round(100 * p, 1), round(100 * r, 1), round(100 * f, 1)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"gold": self.gold, "predicted": self.predicted}
        for metric in METRICS:
            p, r, f = self.prf(metric)
            out[metric] = {"precision": p, "recall": r, "f1": f, "correct": self.correct[metric]}
        return out


def score(gold: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> Scores:
    """Scores of `predictions` against `gold`, paired sentence by sentence (by text, else by position)."""
    by_text: dict[str, list[dict]] = {}
    for item in predictions:
        by_text.setdefault(item["text"], []).append(item)
    correct = dict.fromkeys(METRICS, 0)
    n_gold = n_pred = 0
    for index, item in enumerate(gold):
        same = by_text.get(item["text"])
        if same:
            pred_item = same.pop(0)
        elif index < len(predictions) and not by_text:
            pred_item = predictions[index]
        else:
            pred_item = {"quantities": []}
        g, p = item.get("quantities", []), pred_item.get("quantities", [])
        n_gold += len(g)
        n_pred += len(p)
        for i, j in match_sentence(g, p):
            unit, change, partial, complete = _agreement(_q(g[i]), _q(p[j]))
            correct["value"] += 1
            correct["value+unit"] += unit
            correct["value+change"] += change
            correct["value+concept_partial"] += partial
            correct["value+concept_complete"] += complete
    return Scores(n_gold, n_pred, correct)


def format_table(rows: dict[str, Scores]) -> str:
    """A plain-text table: one block of P/R/F1 per system and metric."""
    lines = [f"{'system':<14} {'metric':<24} {'P':>6} {'R':>6} {'F1':>6}"]
    for name, s in rows.items():
        for metric in METRICS:
            p, r, f = s.prf(metric)
            lines.append(f"{name:<14} {metric:<24} {p:>6.1f} {r:>6.1f} {f:>6.1f}")
        lines.append(f"{name:<14} {'(gold / predicted)':<24} {s.gold:>6} {s.predicted:>6}")
    return "\n".join(lines)


# ------------------------------------------------------------------ our extractor in NewsQuant's vocabulary

_CURRENCIES = {
    "USD": "dollar", "EUR": "euro", "GBP": "pound sterling", "JPY": "japanese yen", "INR": "indian rupee",
    "CNY": "chinese yuan", "AUD": "australian dollar", "CAD": "canadian dollar", "BRL": "brazilian real",
    "KES": "kenyan shilling", "HKD": "hong kong dollar", "MYR": "malaysian ringgit", "CHF": "swiss franc",
    "NZD": "new zealand dollar", "SGD": "singapore dollar", "ZAR": "south african rand", "ILS": "shekel",
    "RUB": "russian ruble", "KRW": "south korean won", "MXN": "mexican peso", "TRY": "turkish lira",
    "GBX": "point",  # pence ("118.5p"): NewsQuant's annotation names a price in pence a "point"
}
# quantulum3 / pint unit names -> NewsQuant's spelling (British, quantulum3's vocabulary).
_UNIT_NAMES = {
    "degree celsius": "celsius", "degree fahrenheit": "fahrenheit", "degree angle": "degree",
    "per cent": "percentage", "percent": "percentage", "percentage point": "percentage point",
    "dimensionless": "-", "unk": "-", "percentage drop": "percentage", "degree angle degree fahrenheit": "fahrenheit",
    "tonne": "metric ton", "metric ton": "metric ton", "second of arc": "second",
    "minute of arc": "minute", "united states dollar": "dollar", "dollar dollar": "dollar", "yard yard": "yard",
    "cubic centimetre": "millilitre", "meter": "metre", "kilometer": "kilometre", "centimeter": "centimetre",
    "millimeter": "millimetre", "liter": "litre", "milliliter": "millilitre", "pound": "pound-mass",
    "square meter": "square metre", "square kilometer": "square kilometre", "micrometer": "micrometre",
    "nanometer": "nanometre", "mile / hour": "mile per hour", "kilometer / hour": "kilometre per hour",
    "degree_celsius": "celsius", "degree_fahrenheit": "fahrenheit", "pound_force_foot": "pound-foot",
    "revolutions_per_minute": "revolutions per minute", "metric_horsepower": "horsepower",
    "micrometer": "micrometre", "degree celsius degree celsius": "celsius",
}
_STOP = frozenset("""a an the of in on at to for from by with and or but as is are was were be been its it their his
    her our your this that these those who which what than then there here some any all each per into over under
    about around nearly almost more less up down figure""".split())
_IRREGULAR = {"people": "people", "men": "man", "women": "woman", "children": "child", "police": "police",
              "staff": "staff", "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose",
              "personnel": "personnel", "news": "news", "series": "series", "species": "species"}
# A range's surface: two figures joined by "to", "and", "or" or a dash ("5% to 10%", "between 4 and 5",
# "5-10W", "three or four years").
_RANGE_SURFACE = re.compile(r"\b(?:to|and|or)\b|\w\s?[–-]\s?(?:\$|€|£)?\d", re.IGNORECASE)
# "thousands of", "tens of millions of": a vague quantity is the range of its plural.
_HEDGED = re.compile(r"^(?:about|around|roughly|approximately|nearly|almost|some|an estimated|estimated|circa|close)\b",
                     re.IGNORECASE)
# Unit words as written -> NewsQuant's name, where pint or quantulum3 spell it otherwise.
_WRITTEN_ALIASES = {"mph": "mile per hour", "km/h": "kilometre per hour", "kph": "kilometre per hour",
                    "hp": "horsepower", "bhp": "brake horsepower", "degrees celsius": "celsius",
                    "degree celsius": "celsius", "celsius": "celsius", "fahrenheit": "fahrenheit",
                    "degrees fahrenheit": "fahrenheit", "sq m": "square metre", "km": "kilometre", "m": "metre",
                    "cm": "centimetre", "mm": "millimetre", "kg": "kilogram", "g": "gram", "mg": "milligram",
                    "lb": "pound-mass", "lbs": "pound-mass", "ft": "foot", "in": "inch", "l": "litre",
                    "ml": "millilitre", "kw": "kilowatt", "mw": "megawatt", "gw": "gigawatt", "w": "watt",
                    "kwh": "kilowatt hour", "gwh": "gigawatt hour", "min": "minute", "s": "second", "h": "hour",
                    "hr": "hour", "hrs": "hour", "yr": "year", "yrs": "year", "'": "foot", "′": "foot", "″": "inch",
                    '"': "inch", "”": "inch"}


def singular(word: str) -> str:
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and re.search(r"(?:ss|x|ch|sh|ses|zes)es$", w):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


# "-est" words that are no superlatives ("the interest rates", "forest fires").
_NOT_SUPERLATIVES = frozenset("""interest forest harvest request contest protest manifest conquest arrest suggest digest
    honest modest earnest invest behest priest tempest inquest bequest""".split())


def positive(word: str) -> str:
    """A superlative's plain form, as NewsQuant's lemmatised units have it ("one of the hottest luxury cars"
    -> "hot luxury car"): "oldest" -> old, "biggest" -> big, "latest" -> late, "busiest" -> busy."""
    w = word.lower()
    if len(w) < 6 or not w.endswith("est") or w in _NOT_SUPERLATIVES or not w.isalpha():
        return w
    stem = w[:-3]
    if stem.endswith("i"):
        return stem[:-1] + "y"
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] in "bdgmnpt":
        return stem[:-1]  # "hottest", "biggest"
    if stem.endswith("rg") or re.search(r"(?:^|[^aeiou])[aeiou][bcdfgklmnpstvz]$", stem) and not stem.endswith("er"):
        return stem + "e"  # "largest", "latest", "finest", "closest"
    return stem


def _after(mention: Any) -> str:
    return mention.sentence[mention.end - mention.sentence_start:]


# "four-, five- and six-cylinder engines": a figure whose hyphen waits for the noun at the end of the list.
_SUSPENDED_HYPHEN = re.compile(r"^-\s*(?:,\s*[\w.]+-\s*)*,?\s*(?:and|or|to)\s+[\w.]+-(?P<noun>[a-z]+)", re.IGNORECASE)
# "a pick or two", "another game or three": a loose count whose noun stands before it.
_OR_TWO = re.compile(r"\b(?:a|an|another|one)\s+(?P<noun>[a-z]{3,})\s+or\s+$", re.IGNORECASE)
# Comparatives and other "-er" words that modify a count rather than name it ("12 more", "5 other").
_COMPARATIVES = frozenset("""bigger larger smaller higher lower greater fewer older newer younger longer shorter faster
    slower better earlier later further wider deeper stronger weaker cheaper other former latter under over after
    never ever""".split())


def _counted_noun(mention: Any) -> str | None:
    """NewsQuant's unit for a count: the noun phrase right after the figure, up to its first plural noun
    and singular ("seven European countries conducted" -> "european country"); None when no noun
    follows the figure (what it counts, if anything, was named elsewhere)."""
    from ..extract.referent import _noun_phrase_after

    if re.search(r"(?:\btimes|fold)$", mention.surface, re.IGNORECASE):
        return "count"  # "6.5 times earnings", "sixfold": NewsQuant's unit for a multiple
    listed = _SUSPENDED_HYPHEN.match(_after(mention))
    if listed:
        return singular(listed.group("noun"))
    before = mention.sentence[:mention.start - mention.sentence_start]
    idiom = _OR_TWO.search(before)
    if idiom and not re.match(r"\s+[a-z]+s\b", _after(mention)):
        return singular(idiom.group("noun"))  # "another pick or two", "a day or two": the noun counted is before
    after = re.sub(r"^\s+of\s+(?:the\s+|his\s+|her\s+|its\s+|their\s+|our\s+|my\s+|your\s+)?", " ", _after(mention))
    after = re.sub(r"(?<=\w)['’]s\b", "", after)  # "two of Johnson's deputies": the owner is part of the noun
    phrase = _noun_phrase_after(after)
    for i, w in enumerate(phrase):
        lw = w.lower()
        if lw in _IRREGULAR or (lw.endswith("s") and not lw.endswith(("ss", "us", "is")) and len(lw) > 2):
            return " ".join([positive(x) for x in phrase[:i]] + [singular(lw)])
    if phrase and mention.value == 1:
        return singular(phrase[0])  # "one solution"
    if len(phrase) >= 2 and phrase[0].isalpha() and phrase[0].islower() and len(phrase[0]) > 2 \
            and not re.search(r"(?:ed|ing|al|ive|ous|ic|ful|est|ly)$", phrase[0]) and phrase[0] not in _STOP \
            and phrase[0] not in _COMPARATIVES:
        return singular(phrase[0])  # "the 12 page document", "a 3 cylinder engine": the noun before the head
    return None


_RATE_AFTER = re.compile(r"^\s+(?:a|an|per|each|every)\s+(?P<per>[a-z]+)\b(?!\s+(?:earlier|ago|before|later|previously))")


def _per(mention: Any, unit: str) -> str:
    """"$3,500 a month", "63 cents per share", "three thousand tests per day": the unit over the thing it is
    counted per ("$6.78 billion a year earlier" is no rate)."""
    if unit in ("-", "percentage", "year of age"):
        return unit
    after = _after(mention)
    if mention.dimension == "count":  # the counted noun comes first: "tests per day"
        after = re.sub(rf"^\s+(?:of\s+(?:the\s+)?)?(?:[\w'-]+\s+){{0,{len(unit.split())}}}?(?=(?:a|an|per|each|every)\s)",
                       " ", after, count=1)
    m = _RATE_AFTER.match(after)
    return f"{unit} per {singular(m.group('per'))}" if m and m.group("per") not in _STOP else unit


@dataclass(frozen=True)
class _Written:
    value: Value
    unit: str


def _written(mention: Any) -> _Written:
    """The mention's value in the unit as written and the unit's name in NewsQuant's vocabulary."""
    from ..extract.quantulum import VAGUE_SURFACE
    from ..extract.units import normalise

    is_range = (mention.change in ("~", "=", "up", "down") and mention.low != mention.high
                and not _HEDGED.search(mention.surface)
                and bool(_RANGE_SURFACE.search(mention.surface) or VAGUE_SURFACE.search(mention.surface)))

    def value_in(factor: float, offset: float) -> Value:
        mid = (mention.value - offset) / factor
        if is_range:
            return ((mention.low - offset) / factor, (mention.high - offset) / factor)
        return mid

    if mention.dimension == "age":
        return _Written(value_in(1.0, 0.0), "year of age")
    if mention.dimension == "count":
        return _Written(value_in(1.0, 0.0), _counted_noun(mention) or "-")
    if mention.dimension == "currency":
        return _Written(value_in(1.0, 0.0), _CURRENCIES.get(mention.unit, mention.unit.lower()))
    if mention.dimension == "percent":
        return _Written(value_in(1.0, 0.0), "percentage")
    # A measured quantity: find the unit as written in the surface, so the value goes back to it.
    name = _surface_unit(mention.surface, mention.value, normalise)
    if name is not None:
        unit_name, factor, offset = name
        return _Written(value_in(factor, offset), unit_name)
    return _Written(value_in(1.0, 0.0), _UNIT_NAMES.get(mention.unit.lower(), mention.unit.lower()))


def _surface_unit(surface: str, base_value: float, normalise: Any) -> tuple[str, float, float] | None:
    """(NewsQuant unit name, factor, offset) of the unit written in `surface`, checked against the value.

    quantulum3 re-reads the surface alone for the unit's name in its vocabulary (NewsQuant's); the
    reading is kept only when it converts to the same base value as our mention.
    """
    from quantulum3 import parser

    from ..extract.quantulum import classifier_path

    from ..extract.quantulum import _alias_units

    aliased = [(a.value, a.unit) for a in _alias_units(surface)]
    try:
        found = [(q.value, q.unit.name) for q in parser.parse(surface, classifier_path=classifier_path())]
    except Exception:  # quantulum3 raises on odd inputs ("per cent" on some versions)
        found = []
    for value, name in aliased + found:
        unit, _, factor, offset = normalise(name)
        for signed in (value, -value):  # "minus 387 Fahrenheit": the sign is a word before the surface's number
            if factor and math.isclose(signed * factor + offset, base_value, rel_tol=1e-3, abs_tol=1e-9):
                if name == "foot_pound":  # torque: NewsQuant spells "lb-ft" and "pound-feet" apart
                    return ("foot pound-force" if "lb" in surface.lower() else "pound-foot"), factor, offset
                if name == "horsepower" and re.search(r"bhp\b", surface, re.IGNORECASE):
                    return "brake horsepower", factor, offset
                return _quantulum_unit_name(name), factor, offset
    return _written_unit(surface, base_value, normalise)


def _written_unit(surface: str, base_value: float, normalise: Any) -> tuple[str, float, float] | None:
    """The unit words after the last figure in `surface` ("55 minutes" -> minute), read with pint."""
    tail = re.split(r"\d(?=[^\d]*$)", surface)[-1].strip(" -").lower() if re.search(r"\d", surface) else \
        " ".join(surface.lower().split()[1:])
    tail = re.sub(r"^(?:m|mn|bn|k|thousand|million|billion|trillion)\b\s*", "", tail)  # "12.3m tonnes"
    words = tail.split()
    candidates = [tail, " ".join(words[:2]), words[0] if words else ""]
    for cand in candidates:
        if not cand:
            continue
        for name in (_WRITTEN_ALIASES.get(cand), singular(cand) if " " not in cand else cand, cand):
            if not name:
                continue
            _, _, factor, offset = normalise({"celsius": "degree celsius", "fahrenheit": "degree fahrenheit",
                                              "brake horsepower": "horsepower"}.get(name, name))
            written = (base_value - offset) / factor if factor else None
            numbers = [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", surface)]
            scaled = [n * sign * scale for n in numbers for scale in (1.0, 1e3, 1e6, 1e9, 1e12) for sign in (1, -1)]
            if written is not None and (not numbers or any(math.isclose(written, n, rel_tol=1e-3) for n in scaled)
                                        or len(numbers) > 1):
                return _UNIT_NAMES.get(name, name), factor, offset
    return None


def _quantulum_unit_name(name: str) -> str:
    n = name.lower().strip()
    return _UNIT_NAMES.get(n, n)


_AGE_WORDS = frozenset("year-old years-old month-old months-old week-old old aged age ages".split())


def _concepts(mention: Any, unit: str) -> str:
    """What the figure is about (the noun it is "of", the subject of its clause), less the unit's words;
    "-" when none."""
    from ..extract.concept import referred_concepts

    if mention.dimension == "count" and mention.value == 1 and re.match(r"\s+of\s", _after(mention)) \
            and re.fullmatch(r"one", mention.surface.strip(), re.IGNORECASE):
        return "-"  # "one of the students": one member picked out of a group is about no concept of its own
    unit_words = frozenset(w for u in unit.split() for w in (u, u + "s", u + "es"))
    if mention.dimension == "age":  # "a 65 year-old would tap": the age's own words name no concept
        unit_words |= _AGE_WORDS
    start, end = mention.start - mention.sentence_start, mention.end - mention.sentence_start
    return ", ".join(referred_concepts(mention.sentence, start, end, exclude=unit_words,
                                      percent=mention.dimension == "percent",
                                      count=mention.dimension == "count",
                                      currency=mention.dimension == "currency")) or "-"


def mention_to_newsquant(mention: Any) -> dict[str, Any]:
    written = _written(mention)
    written = _Written(written.value, _per(mention, written.unit))
    change = {">=": ">", "<=": "<"}.get(mention.change, mention.change)
    if change == "=" and mention.value < 0 and mention.dimension in ("percent", "currency", "count"):
        change = "down"  # "FTSE -0.6%": a signed figure is a move down in NewsQuant's labels
    if isinstance(written.value, tuple) and change == "~":
        change = "="  # a range is the value itself in NewsQuant; its change is "=" unless it moved
    return {"change": change, "value": format_value(written.value), "unit": mention.surface,
            "normalized_unit": written.unit, "referred_concepts": _concepts(mention, written.unit)}


def sentence_article(text: str, index: int = 0) -> Any:
    from ..records import Article

    return Article(id=f"newsquant-{index}", source="newsquant", url="", title="",
                   published=datetime(2020, 1, 1, tzinfo=timezone.utc), text=text, content_hash=str(index))


def predict_ours(texts: Iterable[str]) -> list[dict[str, Any]]:
    """Our extractor on each sentence, written in NewsQuant's format and vocabulary."""
    from ..config import load_config
    from ..extract import extract_mentions

    # NewsQuant labels ages; its values are the figures as written, so no rounding interval is added.
    config = load_config(overrides={"extract": {"keep_ages": True, "rounding": False}}).extract
    out = []
    for i, text in enumerate(texts):
        mentions = extract_mentions(sentence_article(text, i), config)
        pairs = _from_to_ranges(mentions, [mention_to_newsquant(m) for m in mentions])
        out.append({"text": text, "quantities": _inherit_units(_inherit_moves(pairs))})
    return out


_FROM_TO = re.compile(r"\bfrom\s+(?:between\s+)?(?P<first>(?:US\s?|HK\s?|A|C|S)?[$€£¥]?\s?(?P<num>\d[\d,]*(?:\.\d+)?)"
                      r"(?:\s?(?:million|billion|thousand|bn|m|k))?\s?%?)\s+to\s+(?:US\s?)?[$€£¥]?\s*$", re.IGNORECASE)
_UP_BEFORE = re.compile(r"\b(?:rose|rises|rise|risen|rising|increased?|increases|increasing|climbed|climbs|jumped|jumps|"
                        r"grew|grows|soared|surged|gained|gains|up)\s+$", re.IGNORECASE)
_DOWN_BEFORE = re.compile(r"\b(?:fell|falls|fall|fallen|falling|dropped|drops|declined|declines|decreased|decreases|"
                          r"slipped|slid|shrank|plunged|plummeted|sank|tumbled|down|cut|lowered)\s+$", re.IGNORECASE)


def _from_to_ranges(mentions: list[Any], quantities: list[dict[str, Any]]) -> list[tuple[Any, dict[str, Any]]]:
    """"fell from $2,415 to $2,315", "going from 1000 to 2000 hires": NewsQuant writes a move between two
    figures as one range, first figure first, labelled with the move's direction. Our mentions keep the
    level reached (and, for money, the level left) as figures of their own."""
    out: list[tuple[Any, dict[str, Any]]] = []
    previous: Any = None
    for mention, q in zip(mentions, quantities):
        before = mention.sentence[:mention.start - mention.sentence_start]
        m = _FROM_TO.search(before)
        second = parse_value(q["value"])
        if m and isinstance(second, float) and mention.change in ("=", "up", "down"):
            first_at = mention.sentence_start + m.start("first")
            if previous is not None and out and previous.start <= first_at < previous.end:
                first = parse_value(out.pop()[1]["value"])
            else:
                first = float(m.group("num").replace(",", ""))
            if isinstance(first, float) and first != second:
                lead = before[:m.start()]
                change = "up" if _UP_BEFORE.search(lead) else "down" if _DOWN_BEFORE.search(lead) else "="
                q = dict(q, value=format_value((first, second)), change=change)
        out.append((mention, q))
        previous = mention
    return out


# Between a figure and its restatement: "up 0.25 points, or 0.01%", "dropped 1.5 degrees (2.7 Fahrenheit)".
_RESTATEMENT = re.compile(r"(?:\s*[A-Za-z]+){0,2}\s*(?:,\s*or|or|\()\s*(?:about|around|roughly|some|nearly|almost)?\s*", re.IGNORECASE)


def _inherit_moves(pairs: list[tuple[Any, dict[str, Any]]]) -> list[tuple[Any, dict[str, Any]]]:
    """A figure that restates the one before it in other terms (", or 0.01%", "(2.7 Fahrenheit)") moved the
    same way: it takes that figure's "up" or "down" when its own wording carries no change."""
    out = list(pairs)
    for i in range(1, len(out)):
        (prev, prev_q), (mention, q) = out[i - 1], out[i]
        between = mention.sentence[prev.end - prev.sentence_start:mention.start - mention.sentence_start]
        if q["change"] == "=" and prev_q["change"] in ("up", "down") and _RESTATEMENT.fullmatch(between):
            out[i] = (mention, dict(q, change=prev_q["change"]))
    return out


def _inherit_units(pairs: list[tuple[Any, dict[str, Any]]]) -> list[dict[str, Any]]:
    """A bare figure takes the unit of a figure near it in the sentence: "rose 64.06 points to 4,577.10",
    "84.75 cents, while the lowest is 74.07", "6 million homes including 1.5 million in Los Angeles".
    Preferred: a figure of like size (within a factor of ten), else the nearest one before, else after;
    a percentage lends its unit only to a figure under 100, and a conversion in brackets ("1.356 billion
    ($1.762bn)") is in another unit by definition: it lends its unit to no figure, not even to the next."""
    quantities = [q for _, q in pairs]
    out = list(quantities)
    conversions = {j for j in range(1, len(pairs)) if re.fullmatch(
        r"\s*[(/]\s*", pairs[j][0].sentence[pairs[j - 1][0].end - pairs[j][0].sentence_start:
                                           pairs[j][0].start - pairs[j][0].sentence_start])}
    for i, q in enumerate(quantities):
        value = parse_value(q["value"])
        if q["normalized_unit"] != "-" or not isinstance(value, float) or not value:
            continue
        candidates = []
        for j, other in enumerate(quantities):
            v = parse_value(other["value"])
            unit = other["normalized_unit"]
            if j == i or j in conversions or unit in ("-", "year of age") or not isinstance(v, float) or not v:
                continue
            if unit == "percentage" and abs(value) >= 100:
                continue
            a, b = sorted((pairs[i][0], pairs[j][0]), key=lambda m: m.start)
            if re.fullmatch(r"\s*[(/]\s*", a.sentence[a.end - a.sentence_start:b.start - b.sentence_start]):
                continue
            like = 0.1 <= abs(value / v) <= 10
            candidates.append((not like, j > i, abs(j - i), unit))
        if candidates:
            out[i] = dict(q, normalized_unit=min(candidates)[3])
    return out


def predict_quantulum(texts: Iterable[str]) -> list[dict[str, Any]]:
    """Raw quantulum3 on each sentence: its value (a range's midpoint), its unit name as the unit."""
    from quantulum3 import parser

    from ..extract.quantulum import classifier_path

    path = classifier_path()
    out = []
    for text in texts:
        quantities = []
        try:
            found = parser.parse(text, classifier_path=path)
        except Exception:
            found = []
        for q in found:
            quantities.append({"change": "=", "value": _num(float(q.value)), "unit": q.surface,
                               "normalized_unit": _quantulum_unit_name(q.unit.name), "referred_concepts": "-"})
        out.append({"text": text, "quantities": quantities})
    return out
